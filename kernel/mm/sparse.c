// SPDX-License-Identifier: MIT
/*
 * The memmap: struct pages for every 2 MiB section that holds RAM, taken
 * from the top of the section's node, one block per run of sections (or
 * smaller blocks when bootmem has no hole that big).
 */
#define pr_fmt(fmt) fmt

#include <mm/bootmem.h>
#include <mm/memory_model.h>
#include <mm/node_map.h>
#include <kernel/panic.h>
#include <kernel/printk.h>

uintptr_t *mem_section;
unsigned long nr_mem_sections;
unsigned long memmap_bytes;

static unsigned long nr_present_sections, nr_memmap_blocks;

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

		mem_section[s] = map + (s - first) * PAGES_PER_SECTION * sizeof(struct page) -
				 pfn * sizeof(struct page);
	}
	memmap_bytes += bytes;
	nr_present_sections += count;
	nr_memmap_blocks++;
}

void __init sparse_init(void)
{
	unsigned long end_pfn = 0, run_first = 0, run_end = 0;
	int run_nid = NUMA_NO_NODE;

	for (int i = 0; i < nr_nodemap_entries; i++)
		if (early_node_map[i].end_pfn > end_pfn)
			end_pfn = early_node_map[i].end_pfn;
	nr_mem_sections = DIV_ROUND_UP(end_pfn, PAGES_PER_SECTION);
	memmap_bytes = nr_present_sections = nr_memmap_blocks = 0;
	if (!nr_mem_sections)
		return;
	/*
	 * One pointer per 2 MiB up to the end of RAM, in one block: Linux's
	 * two-level table (SPARSEMEM_EXTREME) would cost pfn_to_page a second
	 * load. So RAM very sparse for its amount (256 MiB at 64 TiB) cannot
	 * boot here where Linux 6.1 can: say so instead of a bare out-of-memory.
	 */
	mem_section = __alloc_bootmem_nopanic(nr_mem_sections * sizeof(*mem_section),
					      SMP_CACHE_BYTES, BOOTMEM_LOW_LIMIT);
	if (!mem_section)
		panic("sparse: no room for mem_section[]: %lu sections of 2 MiB up to the end of RAM at %#llx need %luK in one block, %luK of RAM free",
		      nr_mem_sections, (unsigned long long)PFN_PHYS(end_pfn),
		      (nr_mem_sections * sizeof(*mem_section)) >> 10, bootmem_free_pages() << 2);

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

	pr_info("mem_map: %zu bytes per struct page, %lu of %lu 2 MiB sections have RAM, %luK memmap in %lu blocks\n",
		sizeof(struct page), nr_present_sections, nr_mem_sections, memmap_bytes >> 10,
		nr_memmap_blocks);
}
