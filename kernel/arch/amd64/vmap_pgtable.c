// SPDX-License-Identifier: MIT
/*
 * Page tables for the vmalloc area (mm/arch_vmap.h): single 4 KiB pages
 * in init_top_pgt, tables from the page allocator (bootmem is gone by the
 * time vmalloc runs, so pgtable.c's kernel_map_range cannot be used).
 *
 * Mappings are not global: a CR3 reload then flushes them all, which is
 * what arch_flush_tlb_kernel_range() falls back to for long ranges.
 */
#define pr_fmt(fmt) "vmalloc: " fmt

#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/errno.h>
#include <mm/arch_vmap.h>
#include <mm/page_alloc.h>

/*
 * Above this many pages one CR3 reload is cheaper than invlpg per page:
 * Linux's tlb_single_page_flush_ceiling (33), measured by its authors on
 * real CPUs; the refill cost of a full flush is then paid once.
 */
#define TLB_FLUSH_CEILING 33

_Static_assert(EARLY_IOREMAP_START > VMALLOC_START, "vmalloc below the window");

void arch_vmalloc_range(unsigned long *start, unsigned long *end)
{
	*start = VMALLOC_START;
	/* The early ioremap window owns the top GiB for good. */
	*end = EARLY_IOREMAP_START;
}

static unsigned int index_at(unsigned long va, unsigned int shift)
{
	return (unsigned int)(va >> shift) & (PTRS_PER_TABLE - 1);
}

/* The next-level table under @slot, allocated if @alloc; NULL if none. */
static uint64_t *table_below(uint64_t *slot, unsigned long va, bool alloc)
{
	unsigned long page;

	if (*slot & _PAGE_PRESENT) {
		if (*slot & _PAGE_PSE) {
			pr_err("0x%lx is inside a large page\n", va);
			return NULL;
		}
		return __va(*slot & PTE_PFN_MASK);
	}
	if (!alloc)
		return NULL;
	page = get_zeroed_page(GFP_KERNEL);
	if (!page)
		return NULL;
	*slot = __pa((void *)page) | _KERNPG_TABLE;
	return (uint64_t *)page;
}

/* The PTE slot of @va, or NULL (no table, or no memory for one). */
static uint64_t *pte_slot(unsigned long va, bool alloc)
{
	uint64_t *t = init_top_pgt;
	static const unsigned int shifts[] = { PGDIR_SHIFT, PUD_SHIFT, PMD_SHIFT };

	for (unsigned int i = 0; i < 3 && t; i++)
		t = table_below(&t[index_at(va, shifts[i])], va, alloc);
	return t ? &t[index_at(va, PAGE_SHIFT)] : NULL;
}

/* PAT index bits: entry 0 WB, 1 WC (PWT), 2 UC- (PCD); see pat.c. */
static uint64_t cache_bits(enum vm_cache cache)
{
	switch (cache) {
	case VM_CACHE_WC: return _PAGE_PWT;
	case VM_CACHE_UC_MINUS: return _PAGE_PCD;
	case VM_CACHE_WB: break;
	}
	return 0;
}

int arch_map_kernel_page(unsigned long va, phys_addr_t pa, enum vm_cache cache)
{
	uint64_t *pte = pte_slot(va, true);

	if (!pte)
		return -ENOMEM;
	if (*pte & _PAGE_PRESENT) {
		pr_err("0x%lx is already mapped (pte 0x%llx)\n", va, (unsigned long long)*pte);
		return -EEXIST;
	}
	*pte = (pa | PAGE_KERNEL | cache_bits(cache)) & __supported_pte_mask;
	return 0;
}

bool arch_unmap_kernel_page(unsigned long va, phys_addr_t *pa)
{
	uint64_t *pte = pte_slot(va, false);

	if (!pte || !(*pte & _PAGE_PRESENT))
		return false;
	*pa = *pte & PTE_PFN_MASK;
	*pte = 0;
	return true;
}

struct flush_range {
	unsigned long start, end;
};

/* Linux's choice: page by page up to the ceiling, else the whole TLB. */
static void do_kernel_range_flush(void *arg)
{
	const struct flush_range *r = arg;

	if ((r->end - r->start) >> PAGE_SHIFT > TLB_FLUSH_CEILING) {
		flush_tlb_local();
		return;
	}
	for (unsigned long va = r->start; va < r->end; va += PAGE_SIZE)
		invlpg(va);
}

/* Every online CPU may hold the old translations: flush them all, and wait. */
void arch_flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	struct flush_range r = { start, end };

	on_each_cpu(do_kernel_range_flush, &r, true);
}
