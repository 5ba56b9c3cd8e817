// SPDX-License-Identifier: MIT
/*
 * mem_section[]'s virtual range (<mm/arch_section_table.h>). Until
 * sparse_init backs a page, it maps one shared zero page read-only, all
 * through one shared page table, so reading a hole's slot gives 0 and
 * writing it faults. A 2 MiB stretch of the table gets a page table of
 * its own when its first page is backed. The whole range, 256 MiB for RAM
 * up to 64 TiB, costs its PMD table (one), those two pages and the PUD and
 * PTE tables of what is backed, whatever the holes.
 */
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <kernel/panic.h>
#include <lib/string.h>
#include <mm/arch_section_table.h>
#include <mm/bootmem.h>

static uint64_t *zero_ptes; /* every entry: zero_page, read-only */
static phys_addr_t zero_page;
static unsigned long table_end;

uintptr_t *arch_section_table_reserve(unsigned long bytes)
{
	if (bytes > SECTION_TABLE_SIZE)
		return NULL;
	zero_page = __pa(alloc_bootmem_pages(PAGE_SIZE));
	zero_ptes = pgtable_alloc();
	for (unsigned int i = 0; i < PTRS_PER_TABLE; i++)
		zero_ptes[i] = (zero_page | PAGE_KERNEL_RO) & __supported_pte_mask;
	table_end = SECTION_TABLE_START + bytes;
	for (uint64_t va = SECTION_TABLE_START; va < table_end; va += PMD_SIZE) {
		uint64_t *pmd = kernel_pmd_entry(init_top_pgt, va);

		if (*pmd & _PAGE_PRESENT)
			panic("sparse: mem_section[]'s range at 0x%llx is mapped already",
			      (unsigned long long)va);
		*pmd = __pa(zero_ptes) | _KERNPG_TABLE;
	}
	return (uintptr_t *)SECTION_TABLE_START;
}

void arch_section_table_back(unsigned long va, phys_addr_t pa)
{
	uint64_t *pmd, *ptes, *pte;

	if (va < SECTION_TABLE_START || va >= table_end || (va & ~PAGE_MASK))
		panic("sparse: 0x%lx is not a page of mem_section[]", va);
	pmd = kernel_pmd_entry(init_top_pgt, va);
	ptes = __va(*pmd & PTE_PFN_MASK);
	if (ptes == zero_ptes) {
		/* Same entries, so nothing cached goes stale but the one below. */
		ptes = pgtable_alloc();
		memcpy(ptes, zero_ptes, PAGE_SIZE);
		*pmd = __pa(ptes) | _KERNPG_TABLE;
	}
	pte = &ptes[(va >> PAGE_SHIFT) & (PTRS_PER_TABLE - 1)];
	if ((*pte & PTE_PFN_MASK) != zero_page)
		panic("sparse: mem_section[] page 0x%lx is backed twice", va);
	*pte = (pa | PAGE_KERNEL) & __supported_pte_mask;
	invlpg(va);
}
