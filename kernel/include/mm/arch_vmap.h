/* SPDX-License-Identifier: MIT */
/*
 * What generic vmalloc (mm/vmalloc.c) needs from the architecture: the
 * virtual range it may use and single-page kernel mappings. Implemented in
 * arch/<arch>/vmap_pgtable.c.
 */
#ifndef MM_ARCH_VMAP_H
#define MM_ARCH_VMAP_H

#include <mm/page.h>
#include <stdbool.h>

/* Memory type of a mapping: normal RAM, or device memory. */
enum vm_cache {
	VM_CACHE_WB,	   /* write-back: vmalloc, vmap */
	VM_CACHE_WC,	   /* write-combining: ioremap_wc */
	VM_CACHE_UC_MINUS, /* uncached, MTRRs may say WC: ioremap */
};

/**
 * arch_vmalloc_range - the virtual range vmalloc may hand out
 * @start: set to the first address
 * @end: set to one past the last
 */
void arch_vmalloc_range(unsigned long *start, unsigned long *end);

/**
 * arch_map_kernel_page - map one page, read-write and not executable
 * @va: page-aligned address in the vmalloc range
 * @pa: page-aligned physical address
 * @cache: memory type
 *
 * Missing page tables are allocated from the page allocator (and kept:
 * they are reused by later mappings of the same range).
 *
 * Return: 0, -ENOMEM if a page table could not be allocated, -EEXIST if
 * @va is already mapped (reported: a bug in the caller).
 */
int arch_map_kernel_page(unsigned long va, phys_addr_t pa, enum vm_cache cache);

/**
 * arch_unmap_kernel_page - clear the mapping of one page
 * @va: page-aligned address in the vmalloc range
 * @pa: set to the physical address that was mapped
 *
 * The TLB is not flushed: see arch_flush_tlb_kernel_range().
 *
 * Return: false if nothing was mapped at @va.
 */
bool arch_unmap_kernel_page(unsigned long va, phys_addr_t *pa);

/**
 * arch_flush_tlb_kernel_range - drop TLB entries of [@start, @end)
 *
 * After unmapping, before the pages or the range are reused.
 */
void arch_flush_tlb_kernel_range(unsigned long start, unsigned long end);

#endif
