// SPDX-License-Identifier: MIT
/*
 * The fixmap's page tables: one PMD table and one PTE table in .bss,
 * hooked into the page tables in use on first use (the loader's before
 * paging_init, for ACPI tables outside RAM; init_top_pgt after), so a
 * slot can be set before the page allocator exists and setting it can
 * never fail.
 */
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/tlbflush.h>
#include <kernel/compiler.h>
#include <kernel/panic.h>

/* All slots share the PTE table under one PMD entry. */
_Static_assert((FIXADDR_START >> PMD_SHIFT) == (FIXADDR_TOP >> PMD_SHIFT),
	       "the fixmap must fit in one page table");

static uint64_t fixmap_pmd[PTRS_PER_TABLE] __aligned(PAGE_SIZE);
static uint64_t fixmap_pte[PTRS_PER_TABLE] __aligned(PAGE_SIZE);

static unsigned int index_at(uint64_t va, unsigned int shift)
{
	return (unsigned int)(va >> shift) & (PTRS_PER_TABLE - 1);
}

/* Link the static tables under @pgd's entry for the top 512 GiB. */
static void fixmap_hook_tables(uint64_t *pgd)
{
	uint64_t *pgd_slot, *pud, *pud_slot, *pmd, *pmd_slot;

	/* The kernel image is in this PGD entry: it is present. */
	pgd_slot = &pgd[index_at(FIXADDR_TOP, PGDIR_SHIFT)];
	pud = __va(*pgd_slot & PTE_PFN_MASK);
	pud_slot = &pud[index_at(FIXADDR_TOP, PUD_SHIFT)];
	if (!(*pud_slot & _PAGE_PRESENT))
		*pud_slot = __pa_symbol(fixmap_pmd) | _KERNPG_TABLE;
	else if (*pud_slot & _PAGE_PSE)
		panic("fixmap: a 1 GiB page covers the fixmap");
	/* Our own table through the image mapping: the image may lie above
	 * mem=, outside the direct map. */
	pmd = pgtable_va(*pud_slot & PTE_PFN_MASK);
	pmd_slot = &pmd[index_at(FIXADDR_TOP, PMD_SHIFT)];
	if (*pmd_slot & _PAGE_PRESENT && (*pmd_slot & PTE_PFN_MASK) != __pa_symbol(fixmap_pte))
		panic("fixmap: its 2 MiB block is already mapped");
	*pmd_slot = __pa_symbol(fixmap_pte) | _KERNPG_TABLE;
}

static uint64_t *fixmap_slot(enum fixed_addresses idx)
{
	static uint64_t *hooked;
	uint64_t *pgd = init_top_pgt ? init_top_pgt : __va(read_cr3() & PTE_PFN_MASK);

	if (idx == FIX_HOLE || idx >= __end_of_fixed_addresses)
		panic("fixmap: bad slot %d", (int)idx);
	if (hooked != pgd) {
		fixmap_hook_tables(pgd);
		hooked = pgd;
	}
	return &fixmap_pte[index_at(fix_to_virt(idx), PAGE_SHIFT)];
}

void set_fixmap(enum fixed_addresses idx, phys_addr_t phys)
{
	uint64_t *pte = fixmap_slot(idx);

	/* PCD alone: PAT entry 2, UC- (pat.c). */
	*pte = ((phys & PAGE_MASK) | PAGE_KERNEL | _PAGE_PCD) & __supported_pte_mask;
	invlpg(fix_to_virt(idx));
}

void clear_fixmap(enum fixed_addresses idx)
{
	*fixmap_slot(idx) = 0;
	invlpg(fix_to_virt(idx));
}
