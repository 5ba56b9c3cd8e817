/* SPDX-License-Identifier: MIT */
/*
 * Where mem_section[] lives (mm/sparse.c): a range of virtual addresses
 * the architecture sets aside, one slot per 2 MiB section up to the end of
 * RAM, backed by RAM only where a page of slots has a present section.
 * The rest reads as zero (no memmap) and costs nothing, so RAM far above
 * its amount (256 MiB at 64 TiB) needs a few pages, not 256 MiB, and
 * pfn_to_page stays one load. Implemented in arch/<arch>/section_table.c.
 */
#ifndef MM_ARCH_SECTION_TABLE_H
#define MM_ARCH_SECTION_TABLE_H

#include <mm/page.h>

/**
 * arch_section_table_reserve - set aside the virtual range of mem_section[]
 * @bytes: the table's size, a multiple of PAGE_SIZE
 *
 * Every page of the range reads as zero and none may be written until
 * arch_section_table_back() gives it RAM. Called once, from sparse_init,
 * after paging_init; page tables come from bootmem.
 *
 * Return: the first slot, or NULL if the range is larger than the
 * architecture set aside for it.
 */
uintptr_t *arch_section_table_reserve(unsigned long bytes);

/**
 * arch_section_table_back - give one page of the table RAM
 * @va: page-aligned address inside the reserved range, not yet backed
 * @pa: a zeroed page from bootmem, which it keeps for good
 */
void arch_section_table_back(unsigned long va, phys_addr_t pa);

#endif
