// SPDX-License-Identifier: MIT
/*
 * free_initmem: give the __init code and __initdata back at the end of
 * boot (Linux's free_initmem / free_kernel_image_pages). Each page is
 * unmapped from the kernel image mapping first, so a late call into init
 * code or a late read of init data faults instead of running whatever the
 * page allocator put there; the page is filled with int3 through the
 * direct map, for anything that kept a direct-map pointer, then freed.
 */
#define pr_fmt(fmt) fmt

#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <kernel/arch.h>
#include <kernel/kallsyms.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/sections.h>
#include <lib/string.h>
#include <mm/memory_model.h>
#include <mm/page_alloc.h>

/* The 4 KiB PTE of an image address (map_kernel_part maps 4 KiB pages). */
static uint64_t *image_pte(uint64_t va)
{
	uint64_t *table = init_top_pgt;

	for (int shift = PGDIR_SHIFT; shift > PAGE_SHIFT; shift -= 9) {
		uint64_t e = table[(va >> shift) & (PTRS_PER_TABLE - 1)];

		if (!(e & _PAGE_PRESENT) || (e & _PAGE_PSE))
			return NULL;
		table = __va(e & PTE_PFN_MASK);
	}
	return &table[(va >> PAGE_SHIFT) & (PTRS_PER_TABLE - 1)];
}

static unsigned long free_image_pages(char *begin, char *end)
{
	unsigned long freed = 0;

	for (uint64_t va = (uintptr_t)begin; va < (uintptr_t)end; va += PAGE_SIZE) {
		uint64_t *pte = image_pte(va);
		phys_addr_t pa = __pa_symbol(va);

		if (!pte || !(*pte & _PAGE_PRESENT))
			panic("free_initmem: %#llx is not mapped by a 4K page",
			      (unsigned long long)va);
		*pte = 0;
		invlpg(va);
		/* An image above mem= is in no zone and not in the direct map:
		 * unmapped, nothing to poison or free. */
		if (!pfn_valid(pa >> PAGE_SHIFT))
			continue;
		memset(__va(pa), 0xcc, PAGE_SIZE);
		freed += free_reserved_page_pfn(pa >> PAGE_SHIFT);
	}
	return freed;
}

void free_initmem(void)
{
	unsigned long pages;

	initmem_freed = true; /* before the unmapping: an oops report may follow */
	pages = free_image_pages(__init_text_begin, __init_text_end) +
		free_image_pages(__init_data_begin, __init_data_end);

	pr_info("Freeing unused kernel image (initmem) memory: %luK\n", pages << (PAGE_SHIFT - 10));
}
