/* SPDX-License-Identifier: MIT */
/*
 * The vmalloc range allocator: a virtual address space split into busy and
 * free ranges, each kept in its own AVL tree keyed by start address.
 *
 * The free tree is augmented the way Linux's vmap_area free tree is: every
 * node also holds the size of the largest free range in its subtree, so a
 * search can skip any subtree too small for the request. Allocation is
 * lowest-address first fit in O(log n); freeing finds the area in the busy
 * tree and merges it with the free neighbours it touches, in O(log n).
 *
 * Plain data structure: no locking, no printing, no page tables, and the
 * nodes come from the caller (struct vmap_node_ops), so the same file runs
 * in the kernel and in host tests and fuzzers.
 */
#ifndef MM_VMAP_TREE_H
#define MM_VMAP_TREE_H

#include <stdbool.h>
#include <stddef.h>

/* Ranges and alignments are multiples of this. */
#define VMAP_GRANULE 4096ul

/*
 * One range, busy or free. [va_start, va_end) is what the range allocator
 * handed out, guard page included; flags belong to the owner (vmalloc).
 */
struct vmap_area {
	unsigned long va_start;
	unsigned long va_end;
	unsigned long subtree_max_size; /* free tree: largest range below */
	struct vmap_area *left, *right;
	struct vmap_area *purge_next; /* the owner's (vmalloc's lazy purge list) */
	int height;		      /* AVL height, a leaf is 1 */
	unsigned int flags;
};

/* Where nodes come from: may fail (NULL); never called with a lock held by the tree. */
struct vmap_node_ops {
	struct vmap_area *(*alloc)(void *ctx);
	void (*free)(void *ctx, struct vmap_area *va);
	void *ctx;
};

struct vmap_space {
	struct vmap_area *free_root;
	struct vmap_area *busy_root;
	unsigned long start, end;	/* the whole space, [start, end) */
	unsigned long nr_free, nr_busy; /* nodes in each tree */
	unsigned long free_bytes;
	const struct vmap_node_ops *ops;
};

/**
 * vmap_space_init - one free range covering [@start, @end)
 * @s: the space to set up
 * @start: first address, a multiple of VMAP_GRANULE
 * @end: one past the last, a multiple of VMAP_GRANULE, above @start
 * @ops: node allocator
 *
 * Return: 0, -EINVAL for a bad range, -ENOMEM if no node.
 */
int vmap_space_init(struct vmap_space *s, unsigned long start, unsigned long end,
		    const struct vmap_node_ops *ops);

/**
 * vmap_space_alloc - reserve @size bytes aligned to @align
 * @s: the space
 * @size: bytes, a non-zero multiple of VMAP_GRANULE
 * @align: a power of two, at least VMAP_GRANULE
 *
 * First fit: the lowest free range of at least @size + @align -
 * VMAP_GRANULE bytes, which always holds an aligned block, so the search
 * never backtracks. With @align == VMAP_GRANULE that is exactly the lowest
 * range that fits. (Linux makes the same trade for larger alignments.)
 *
 * Return: the new busy area, or NULL if bad arguments, no room, or no node.
 * On failure the space is unchanged.
 */
struct vmap_area *vmap_space_alloc(struct vmap_space *s, unsigned long size, unsigned long align);

/** vmap_space_find - the busy area starting at @addr, or NULL */
struct vmap_area *vmap_space_find(const struct vmap_space *s, unsigned long addr);

/**
 * vmap_space_free - give a busy area back, merging it with free neighbours
 * @s: the space
 * @va: a busy area of @s (from vmap_space_alloc or vmap_space_find); the
 *      node is reused or handed back to the node allocator
 */
void vmap_space_free(struct vmap_space *s, struct vmap_area *va);

/**
 * vmap_space_check - verify every invariant of both trees
 *
 * Ordered and disjoint; AVL-balanced with correct heights; correct
 * subtree_max_size in the free tree; no two free ranges touching (they
 * would have been merged); busy and free ranges together cover the space
 * exactly; node counts and free_bytes agree. O(n).
 *
 * Return: NULL if all hold, else a description of the first violation.
 */
const char *vmap_space_check(const struct vmap_space *s);

#endif
