/* SPDX-License-Identifier: MIT */
/*
 * vmalloc: virtually contiguous kernel memory in the vmalloc area
 * (docs/memory-layout.md), built page by page from the page allocator,
 * plus mappings of caller pages (vmap) and of device memory (ioremap,
 * asm/ioremap.h). Every area is followed by an unmapped guard page, so running
 * off its end faults instead of corrupting the next area.
 *
 * Usable after vmalloc_init(), which start_kernel calls after mem_init().
 */
#ifndef MM_VMALLOC_H
#define MM_VMALLOC_H

#include <mm/arch_vmap.h>
#include <mm/mm_types.h>
#include <stdbool.h>

/* What an area holds: only the call that made it may undo it. */
#define VM_ALLOC    0x1u /* vmalloc: pages are ours, freed with the area */
#define VM_MAP	    0x2u /* vmap: the caller's pages */
#define VM_IOREMAP  0x4u /* device memory */
#define VM_RESERVED 0x8u /* nothing mapped (vmalloc_reserve_unmapped) */

/** vmalloc_init - the vmalloc area's range allocator; call after mem_init() */
void vmalloc_init(void);

/**
 * vmalloc - @size bytes (rounded up to pages), virtually contiguous
 *
 * Return: the address, or NULL (reported) for 0 bytes, no room in the
 * vmalloc area, or no memory.
 */
void *vmalloc(unsigned long size);

/** vzalloc - vmalloc(), zeroed */
void *vzalloc(unsigned long size);

/**
 * vfree - unmap and free what vmalloc() returned
 * @addr: the address vmalloc() returned, or NULL (ignored)
 *
 * Anything else (an address inside an area, one from vmap or ioremap, a
 * pointer outside the vmalloc area, a double free) is reported with a
 * stack trace and ignored.
 */
void vfree(const void *addr);

/**
 * vmap - map @count pages, in order, at consecutive virtual addresses
 * @pages: the pages; they stay the caller's
 * @count: how many
 *
 * Return: the address of the first page, or NULL (reported).
 */
void *vmap(struct page **pages, unsigned int count);

/** vunmap - undo vmap(); the pages are not freed (bad addresses reported) */
void vunmap(const void *addr);

/**
 * vmap_phys_range - map physically contiguous memory (for ioremap)
 * @phys: page-aligned physical start
 * @size: bytes, a non-zero multiple of the page size
 * @cache: memory type
 * @flags: recorded with the area (VM_IOREMAP)
 *
 * Return: the page-aligned virtual address, or NULL (reported).
 */
void *vmap_phys_range(phys_addr_t phys, unsigned long size, enum vm_cache cache,
		      unsigned int flags);

/**
 * vunmap_area - unmap the area starting at @addr if it was made with @flags
 * @who: the caller's name for the report ("iounmap")
 *
 * Return: false (after a report) if there is no such area.
 */
bool vunmap_area(const void *addr, unsigned int flags, const char *who);

/**
 * vm_unmap_aliases - purge every lazily freed area now
 *
 * One TLB flush on every CPU covers them all; then their ranges are free
 * for reuse. Freed areas otherwise wait until vmalloc_lazy_max_pages()
 * pages are pending or an allocation finds no room. Call with interrupts
 * on (the flush waits for the other CPUs).
 */
void vm_unmap_aliases(void);

/** vmalloc_lazy_max_pages - pending freed pages (guards included) that trigger a purge */
unsigned long vmalloc_lazy_max_pages(void);

/**
 * vmalloc_reserve_unmapped - take @size bytes (plus the guard page) of the
 * vmalloc area and map nothing there
 *
 * For self-tests that need the area full, which mapping pages could not
 * reach. Give it back with vunmap_area(addr, VM_RESERVED, ...).
 *
 * Return: the address, or NULL (reported) if there is no room.
 */
void *vmalloc_reserve_unmapped(unsigned long size);

/** is_vmalloc_addr - is @addr in the range vmalloc hands out? */
bool is_vmalloc_addr(const void *addr);

struct vmalloc_info {
	unsigned long nr_areas;	      /* busy areas */
	unsigned long nr_free_ranges; /* free tree nodes */
	unsigned long free_bytes;
	unsigned long node_pages; /* pages holding tree nodes */
	unsigned long bad_frees;  /* bad vfree/vunmap/iounmap calls so far */
	unsigned long lazy_pages; /* freed, waiting for the purge's TLB flush */
	unsigned long nr_purges;  /* purges so far, one TLB flush each */
};

/** vmalloc_get_info - a snapshot of the range allocator's counters */
void vmalloc_get_info(struct vmalloc_info *info);

/**
 * vmalloc_check - every invariant of the range allocator (vmap_space_check)
 * and of the lazy purge list
 * Return: NULL, or the first violation.
 */
const char *vmalloc_check(void);

#endif
