// SPDX-License-Identifier: MIT
/*
 * The memmap: struct pages for every 2 MiB section that holds RAM, taken
 * from the top of the section's node, one block per run of sections (or
 * smaller blocks when bootmem has no hole that big), and mem_section[],
 * the slot per section that finds them, backed by RAM only where RAM is.
 */
#define pr_fmt(fmt) fmt

#include <mm/arch_section_table.h>
#include <mm/bootmem.h>
#include <mm/memory_model.h>
#include <mm/node_map.h>
#include <kernel/panic.h>
#include <kernel/printk.h>

uintptr_t *mem_section;
unsigned long nr_mem_sections;
unsigned long memmap_bytes;

static unsigned long nr_present_sections, nr_memmap_blocks;
static unsigned long nr_table_pages, last_table_page;

/* Slots per page of mem_section[]: the span of RAM one table page covers (1 GiB). */
#define SECTIONS_PER_TABLE_PAGE (PAGE_SIZE / sizeof(*mem_section))

/*
 * The page of mem_section[] holding section @s's slot, backed on first use
 * from @nid's memory, as Linux 6.1 allocates a mem_section root on the node
 * of its first present section. Sections come in increasing order, so one
 * remembered page says whether it is backed already.
 */
static void back_section_slot(int nid, unsigned long s)
{
	unsigned long page = s / SECTIONS_PER_TABLE_PAGE;
	void *backing;

	if (nr_table_pages && page == last_table_page)
		return;
	backing = alloc_bootmem_node(NODE_DATA(nid), PAGE_SIZE);
	arch_section_table_back((uintptr_t)mem_section + page * PAGE_SIZE, __pa(backing));
	last_table_page = page;
	nr_table_pages++;
}

/*
 * One block for a run of sections, from the top of the node. When no free
 * hole there is that big (a map of many small RAM ranges) the halves are
 * tried, down to one section, as Linux's vmemmap falls back from 2 MiB
 * blocks to single pages: each section has its own pointer, so the blocks
 * need not be contiguous. A section that fits nowhere on its node comes
 * from any node, bottom-up, or the boot panics naming the request.
 */
static void alloc_run(int nid, unsigned long first, unsigned long count)
{
	unsigned long bytes = count * PAGES_PER_SECTION * sizeof(struct page);
	/* Not zeroed: memmap_init or the deferred init (deferred_init.c) writes each struct page. */
	uintptr_t map = (uintptr_t)alloc_bootmem_high_node_raw(NODE_DATA(nid), bytes, PAGE_SIZE);

	if (!map && count > 1) {
		alloc_run(nid, first, count / 2);
		alloc_run(nid, first + count / 2, count - count / 2);
		return;
	}
	if (!map)
		map = (uintptr_t)__alloc_bootmem_node_raw(NODE_DATA(nid), bytes, PAGE_SIZE,
							  BOOTMEM_LOW_LIMIT);

	for (unsigned long s = first; s < first + count; s++) {
		unsigned long pfn = s * PAGES_PER_SECTION;

		back_section_slot(nid, s);
		mem_section[s] = map + (s - first) * PAGES_PER_SECTION * sizeof(struct page) -
				 pfn * sizeof(struct page);
	}
	memmap_bytes += bytes;
	nr_present_sections += count;
	nr_memmap_blocks++;
}

void __init sparse_init(void)
{
	unsigned long end_pfn = 0, run_first = 0, run_end = 0, table_bytes;
	int run_nid = NUMA_NO_NODE;

	for (int i = 0; i < nr_nodemap_entries; i++)
		if (early_node_map[i].end_pfn > end_pfn)
			end_pfn = early_node_map[i].end_pfn;
	nr_mem_sections = DIV_ROUND_UP(end_pfn, PAGES_PER_SECTION);
	memmap_bytes = nr_present_sections = nr_memmap_blocks = nr_table_pages = 0;
	if (!nr_mem_sections)
		return;
	/*
	 * One slot per 2 MiB up to the end of RAM, at one virtual range, so
	 * pfn_to_page is one load (Linux's two-level SPARSEMEM_EXTREME table
	 * costs a second); only its pages with a present section's slot take
	 * RAM, so a hole costs a page per GiB at most, never RAM of its own.
	 */
	table_bytes = PAGE_ALIGN(nr_mem_sections * sizeof(*mem_section));
	mem_section = arch_section_table_reserve(table_bytes);
	if (!mem_section)
		panic("sparse: mem_section[] for RAM up to %#llx needs %luK of virtual space, more than the architecture sets aside",
		      (unsigned long long)PFN_PHYS(end_pfn), table_bytes >> 10);

	/* The node map is sorted: sections come in order, runs grow. */
	for (int i = 0; i < nr_nodemap_entries; i++) {
		const struct node_active_region *r = &early_node_map[i];

		for (unsigned long s = pfn_to_section_nr(r->start_pfn);
		     s <= pfn_to_section_nr(r->end_pfn - 1); s++) {
			if (run_nid != NUMA_NO_NODE && s < run_end)
				continue; /* shared with the previous range */
			if (run_nid == r->nid && s == run_end) {
				run_end++;
				continue;
			}
			if (run_nid != NUMA_NO_NODE)
				alloc_run(run_nid, run_first, run_end - run_first);
			run_nid = r->nid;
			run_first = s;
			run_end = s + 1;
		}
	}
	if (run_nid != NUMA_NO_NODE)
		alloc_run(run_nid, run_first, run_end - run_first);

	pr_info("mem_map: %zu bytes per struct page, %lu of %lu 2 MiB sections have RAM, %luK memmap in %lu blocks, mem_section[] %lu of %lu pages backed\n",
		sizeof(struct page), nr_present_sections, nr_mem_sections, memmap_bytes >> 10,
		nr_memmap_blocks, nr_table_pages, table_bytes >> PAGE_SHIFT);
}
