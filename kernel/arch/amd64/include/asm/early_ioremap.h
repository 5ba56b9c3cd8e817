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

#endif
