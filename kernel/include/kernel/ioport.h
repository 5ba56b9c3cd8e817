/* SPDX-License-Identifier: MIT */
/*
 * The resource tree: who owns which part of the physical address space
 * (Linux's struct resource and /proc/iomem). A resource's children lie
 * inside it, sorted by address and never overlapping one another.
 *
 * The tree links nodes the caller owns (static or bootmem); nothing here
 * allocates, so the same code runs in host tests.
 */
#ifndef KERNEL_IOPORT_H
#define KERNEL_IOPORT_H

#include <stddef.h>
#include <stdint.h>

#define IORESOURCE_MEM	      0x00000200ul
#define IORESOURCE_SYSRAM     0x01000000ul
#define IORESOURCE_BUSY	      0x80000000ul /* a driver or the kernel owns it */
#define IORESOURCE_SYSTEM_RAM (IORESOURCE_MEM | IORESOURCE_SYSRAM)

struct resource {
	uint64_t start, end; /* inclusive, as in Linux */
	const char *name;
	unsigned long flags;
	struct resource *parent, *sibling, *child;
};

/* The root of physical memory: every address, nothing claimed yet. */
extern struct resource iomem_resource;

/**
 * request_resource - claim @new as a direct child of @root
 *
 * @new must lie inside @root and overlap none of @root's children.
 *
 * Return: 0, or -EBUSY (nothing changed); -EINVAL when @new's end is
 * below its start.
 */
int request_resource(struct resource *root, struct resource *new);

/**
 * request_resource_conflict - request_resource() that names the conflict
 *
 * Return: NULL on success, else the child of @root that @new overlaps,
 * or @root itself when @new does not fit in it (or is empty).
 */
struct resource *request_resource_conflict(struct resource *root, struct resource *new);

/**
 * insert_resource - put @new into the tree at the depth where it fits
 * @parent: where to start looking, usually &iomem_resource
 *
 * @new goes below the deepest resource that contains it. Resources at
 * that level that @new contains become its children, so registering a
 * range after the ranges inside it still builds the right tree. A
 * resource with the same range as @new ends up as @new's child.
 *
 * Return: 0, or -EBUSY when @new partially overlaps a resource (it
 * neither contains it nor lies inside it), is outside @parent, or is
 * already in the tree; nothing is changed then.
 */
int insert_resource(struct resource *parent, struct resource *new);

/**
 * resource_walk - visit every resource below @root, depth first, in
 * address order; @root itself is not visited
 * @fn: called with each resource and its depth (0 for @root's children)
 */
void resource_walk(const struct resource *root,
		   void (*fn)(const struct resource *r, int depth, void *ctx), void *ctx);

/**
 * resource_format - one line of /proc/iomem for @r, without newline
 * @depth: nesting level: two spaces of indentation each
 *
 * "%08llx-%08llx : name", as Linux prints it (wider when needed).
 *
 * Return: what ksnprintf returns.
 */
int resource_format(char *buf, size_t size, const struct resource *r, int depth);

#endif
