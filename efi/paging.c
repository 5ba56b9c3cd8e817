// SPDX-License-Identifier: MIT
#include "paging.h"
#include "loader.h"
#include <lib/string.h>

#define PT_CHUNK_PAGES 64
#define ADDR_MASK 0x000ffffffffff000ull

static void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c,
		  uint32_t *d)
{
	__asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			 : "a"(leaf), "c"(0));
}

/* Page-table pages come from chunks, each recorded as one loader region. */
static EFI_STATUS pt_alloc(struct pt_builder *pt, uint64_t *page)
{
	if (!pt->pool_left) {
		EFI_PHYSICAL_ADDRESS pa;
		EFI_STATUS s;

		if (pt->frozen)
			return EFI_OUT_OF_RESOURCES;
		s = BS->AllocatePages(AllocateAnyPages, EfiLoaderData,
				      PT_CHUNK_PAGES, &pa);
		if (EFI_ERROR(s))
			return s;
		s = loader_add_region(pa, PT_CHUNK_PAGES * SZ_4K,
				      BOOT_REGION_PAGETABLE);
		if (EFI_ERROR(s))
			return s;
		pt->pool = pa;
		pt->pool_left = PT_CHUNK_PAGES;
	}
	*page = pt->pool;
	memset((void *)(uintptr_t)*page, 0, SZ_4K);
	pt->pool += SZ_4K;
	pt->pool_left--;
	return EFI_SUCCESS;
}

EFI_STATUS pt_init(struct pt_builder *pt)
{
	uint32_t a, b, c, d;

	memset(pt, 0, sizeof(*pt));
	cpuid(0x80000000, &a, &b, &c, &d);
	if (a >= 0x80000001) {
		cpuid(0x80000001, &a, &b, &c, &d);
		pt->nx_mask = (d & (1u << 20)) ? PTE_NX : 0;
		pt->gbpages = !!(d & (1u << 26));
	}
	return pt_alloc(pt, &pt->root);
}

/*
 * Return the table the entry at @level for @va points to, creating it.
 * *leaf is set when a large page already covers @va at that level.
 */
static EFI_STATUS next_table(struct pt_builder *pt, uint64_t *table,
			     unsigned shift, uint64_t va, uint64_t **next,
			     int *leaf)
{
	uint64_t *e = &table[(va >> shift) & 511];

	*leaf = 0;
	if (!(*e & PTE_P)) {
		uint64_t page;
		EFI_STATUS s = pt_alloc(pt, &page);

		if (EFI_ERROR(s))
			return s;
		/* Upper levels are permissive; the leaf decides W and NX. */
		*e = page | PTE_P | PTE_W;
	} else if (*e & PTE_PS) {
		*leaf = 1;
		return EFI_SUCCESS;
	}
	*next = (uint64_t *)(uintptr_t)(*e & ADDR_MASK);
	return EFI_SUCCESS;
}

static EFI_STATUS map_one(struct pt_builder *pt, uint64_t va, uint64_t pa,
			  uint64_t page, uint64_t flags)
{
	uint64_t *t = (uint64_t *)(uintptr_t)pt->root;
	unsigned stop = page == SZ_1G ? 30 : page == SZ_2M ? 21 : 12;
	uint64_t leaf = pa | PTE_P | flags | (page > SZ_4K ? PTE_PS : 0);

	for (unsigned shift = 39; shift > stop; shift -= 9) {
		int covered;
		EFI_STATUS s = next_table(pt, t, shift, va, &t, &covered);

		if (EFI_ERROR(s))
			return s;
		if (covered)
			return EFI_SUCCESS;
	}
	t[(va >> stop) & 511] = leaf;
	return EFI_SUCCESS;
}

EFI_STATUS pt_map(struct pt_builder *pt, uint64_t va, uint64_t pa,
		  uint64_t size, uint64_t flags, uint64_t max_page)
{
	flags &= PTE_W | pt->nx_mask;
	if (!pt->gbpages && max_page == SZ_1G)
		max_page = SZ_2M;
	if ((va | pa | size) & (SZ_4K - 1))
		return EFI_INVALID_PARAMETER;
	while (size) {
		uint64_t page = SZ_4K;
		EFI_STATUS s;

		if (max_page >= SZ_1G && !((va | pa) & (SZ_1G - 1)) && size >= SZ_1G)
			page = SZ_1G;
		else if (max_page >= SZ_2M && !((va | pa) & (SZ_2M - 1)) &&
			 size >= SZ_2M)
			page = SZ_2M;
		s = map_one(pt, va, pa, page, flags);
		if (EFI_ERROR(s))
			return s;
		va += page;
		pa += page;
		size -= page;
	}
	return EFI_SUCCESS;
}
