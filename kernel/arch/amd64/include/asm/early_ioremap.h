/* SPDX-License-Identifier: MIT */
#ifndef ASM_EARLY_IOREMAP_H
#define ASM_EARLY_IOREMAP_H

#include <mm/page.h>

/**
 * early_ioremap_wc - map device memory write-combining, for good
 * @phys: physical start (need not be page-aligned)
 * @size: bytes
 *
 * Maps into init_top_pgt, in the early ioremap window (EARLY_IOREMAP_START
 * .. EARLY_IOREMAP_END), with 2 MiB pages where alignment allows. The
 * mapping is usable once paging_init() has loaded init_top_pgt.
 *
 * Return: the virtual address of @phys, or NULL (reported) when the window
 * is full.
 */
void *early_ioremap_wc(phys_addr_t phys, uint64_t size);

/**
 * early_ioremap - map a small piece of device memory for a while, uncached
 * @phys: physical start (need not be page-aligned)
 * @size: bytes; with the offset in the first page at most NR_FIX_BTMAPS
 *        pages (asm/fixmap.h)
 *
 * Uses one of FIX_BTMAPS_SLOTS fixmap slots (early_ioremap_fixmap.c), so
 * it works without the page allocator, after paging_init(). Unlike
 * early_ioremap_wc(), the mapping is meant to be undone: early_iounmap().
 *
 * Return: the virtual address of @phys, or NULL (reported) when the size
 * is too large or every slot is in use.
 */
void *early_ioremap(phys_addr_t phys, uint64_t size);

/**
 * early_iounmap - undo early_ioremap()
 * @addr: what early_ioremap returned
 * @size: the size it was given (checked, as Linux does)
 */
void early_iounmap(void *addr, uint64_t size);

#endif
