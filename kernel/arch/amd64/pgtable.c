// SPDX-License-Identifier: MIT
/*
 * Filling page tables: map a range with the largest pages its alignment
 * allows, taking table pages from bootmem. Used for the kernel's own
 * tables (init_64.c) and the early ioremap window; nothing here knows
 * what is being mapped.
 */
#include <asm/pgtable.h>
#include <kernel/panic.h>
#include <kernel/sections.h>
#include <mm/bootmem.h>

/* Cleared by x86_init_phys_base() when the CPU has no NX bit. */
uint64_t __supported_pte_mask = ~0ull;

static unsigned int pt_index(uint64_t virt, unsigned int shift)
{
	return (unsigned int)(virt >> shift) & (PTRS_PER_TABLE - 1);
}

static uint64_t *entry_table(uint64_t entry)
{
	return __va(entry & PTE_PFN_MASK);
}

void *pgtable_va(phys_addr_t pa)
{
	if (pa >= __pa_symbol(_text) && pa < __pa_symbol(__image_end))
		return (void *)(uintptr_t)(pa - phys_base + __START_KERNEL_map);
	return __va(pa);
}

uint64_t *pgtable_alloc(void)
{
	/* bootmem hands out zeroed memory: every entry starts not present. */
	return alloc_bootmem_pages(PAGE_SIZE);
}

/*
 * The table the entry at @slot points to, allocated on first use. A leaf
 * in the way means two ranges overlap: a bug in the caller.
 */
static uint64_t *next_table(uint64_t *slot, uint64_t virt)
{
	if (!(*slot & _PAGE_PRESENT)) {
		uint64_t *t = pgtable_alloc();

		*slot = __pa(t) | _KERNPG_TABLE;
		return t;
	}
	if (*slot & _PAGE_PSE)
		panic("paging: 0x%llx is already mapped by a large page", (unsigned long long)virt);
	return entry_table(*slot);
}

static void set_leaf(uint64_t *slot, uint64_t entry, uint64_t virt)
{
	if (*slot & _PAGE_PRESENT)
		panic("paging: 0x%llx is mapped twice", (unsigned long long)virt);
	*slot = entry;
}

static bool fits(uint64_t virt, phys_addr_t phys, uint64_t left, uint64_t size)
{
	return !((virt | phys) & (size - 1)) && left >= size;
}

uint64_t *kernel_pmd_entry(uint64_t *pgd, uint64_t virt)
{
	uint64_t *pud = next_table(&pgd[pt_index(virt, PGDIR_SHIFT)], virt);
	uint64_t *pmd = next_table(&pud[pt_index(virt, PUD_SHIFT)], virt);

	return &pmd[pt_index(virt, PMD_SHIFT)];
}

bool kernel_page_mapped(const uint64_t *pgd, uint64_t virt)
{
	static const int shift[] = { PGDIR_SHIFT, PUD_SHIFT, PMD_SHIFT, PAGE_SHIFT };
	const uint64_t *t = pgd;

	for (unsigned int level = 0; level < 4; level++) {
		uint64_t e = t[pt_index(virt, shift[level])];

		if (!(e & _PAGE_PRESENT))
			return false;
		if (level == 3 || (level && (e & _PAGE_PSE)))
			return true;
		t = entry_table(e);
	}
	return true;
}

void kernel_map_range(uint64_t *pgd, uint64_t virt, phys_addr_t phys, uint64_t size, uint64_t prot,
		      enum pg_level max)
{
	prot &= __supported_pte_mask;
	if ((virt | phys | size) & ~PAGE_MASK)
		panic("paging: unaligned mapping 0x%llx -> 0x%llx, size 0x%llx",
		      (unsigned long long)virt, (unsigned long long)phys, (unsigned long long)size);
	while (size) {
		uint64_t *pud = next_table(&pgd[pt_index(virt, PGDIR_SHIFT)], virt);
		uint64_t *pmd, *pte, step;

		if (max >= PG_LEVEL_1G && fits(virt, phys, size, PUD_SIZE)) {
			set_leaf(&pud[pt_index(virt, PUD_SHIFT)], phys | prot | _PAGE_PSE, virt);
			step = PUD_SIZE;
		} else {
			pmd = next_table(&pud[pt_index(virt, PUD_SHIFT)], virt);
			if (max >= PG_LEVEL_2M && fits(virt, phys, size, PMD_SIZE)) {
				set_leaf(&pmd[pt_index(virt, PMD_SHIFT)], phys | prot | _PAGE_PSE,
					 virt);
				step = PMD_SIZE;
			} else {
				pte = next_table(&pmd[pt_index(virt, PMD_SHIFT)], virt);
				set_leaf(&pte[pt_index(virt, PAGE_SHIFT)], phys | prot, virt);
				step = PAGE_SIZE;
			}
		}
		virt += step;
		phys += step;
		size -= step;
	}
}
