/* SPDX-License-Identifier: MIT */
/*
 * pfn <-> struct page, with a sparse memmap of 2 MiB sections: a section
 * has struct pages only if some of it is RAM, so a hole of 2 MiB or more
 * costs nothing but a zero slot (8 bytes) in mem_section[], and a GiB
 * without RAM not even that: its page of slots is never backed
 * (<mm/arch_section_table.h>).
 *
 * Linux's SPARSEMEM (without vmemmap) does the same with 128 MiB sections;
 * ours are one pageblock, 2 MiB, so holes as small as that are free too.
 * docs/memory-layout.md has the reasoning and the cost.
 */
#ifndef MM_MEMORY_MODEL_H
#define MM_MEMORY_MODEL_H

#include <mm/mm_types.h>
#include <mm/page.h>
#include <mm/page_flags.h>
#include <stdbool.h>
#include <stdint.h>

#define SECTION_SIZE_BITS 21
#define PFN_SECTION_SHIFT (SECTION_SIZE_BITS - PAGE_SHIFT)
#define PAGES_PER_SECTION (1UL << PFN_SECTION_SHIFT)

/*
 * mem_section[s] holds (address of section s's first struct page) minus
 * (its first pfn) * sizeof(struct page), so pfn_to_page is one load and
 * an add; 0 for a section without memory.
 */
extern uintptr_t *mem_section;
extern unsigned long nr_mem_sections;

static inline unsigned long pfn_to_section_nr(unsigned long pfn)
{
	return pfn >> PFN_SECTION_SHIFT;
}

static inline bool pfn_valid(unsigned long pfn)
{
	unsigned long s = pfn_to_section_nr(pfn);

	return s < nr_mem_sections && mem_section[s];
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return (struct page *)(mem_section[pfn_to_section_nr(pfn)] + pfn * sizeof(struct page));
}

static inline unsigned long page_to_pfn(const struct page *p)
{
	return ((uintptr_t)p - mem_section[page_to_section(p)]) / sizeof(struct page);
}

static inline struct page *virt_to_page(const void *v)
{
	return pfn_to_page(PFN_DOWN(__pa(v)));
}

static inline void *page_address(const struct page *p)
{
	return __va(PFN_PHYS(page_to_pfn(p)));
}

/**
 * sparse_init - allocate the memmap for every section that has RAM
 *
 * From bootmem, on the section's node, one allocation per run of
 * consecutive present sections, and a page of mem_section[] for each GiB
 * with RAM. Prints the struct page size, the memmap's total size and the
 * table's backed pages.
 */
void sparse_init(void);

/* Bytes of memmap sparse_init() allocated. */
extern unsigned long memmap_bytes;

#endif
