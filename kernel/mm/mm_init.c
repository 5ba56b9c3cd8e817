// SPDX-License-Identifier: MIT
/*
 * free_area_init_nodes: from the arch's max_zone_pfn[] and the early node
 * map to sized nodes and zones with an initialised memmap. The arithmetic
 * is Linux 6.1's (mm/page_alloc.c: free_area_init and its helpers), so the
 * zone, node and present-page figures match what Linux derives from the
 * same e820 table.
 */
#define pr_fmt(fmt) fmt

#include "internal.h"
#include <mm/bootmem.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>
#include <mm/node_map.h>
#include <mm/nodemask.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <limits.h>

pg_data_t *node_data[MAX_NUMNODES];
nodemask_t node_states[NR_NODE_STATES];

const char *const zone_names[MAX_NR_ZONES] = {
	[ZONE_DMA] = "DMA",	    [ZONE_DMA32] = "DMA32",   [ZONE_NORMAL] = "Normal",
	[ZONE_MOVABLE] = "Movable", [ZONE_DEVICE] = "Device",
};

unsigned long arch_zone_lowest_possible_pfn[MAX_NR_ZONES];
unsigned long arch_zone_highest_possible_pfn[MAX_NR_ZONES];
unsigned long zone_movable_pfn[MAX_NUMNODES];
unsigned long nr_kernel_pages, nr_all_pages;
static unsigned long dma_reserve;

void set_dma_reserve(unsigned long pages)
{
	dma_reserve = pages;
}

static unsigned long clamp_pfn(unsigned long v, unsigned long lo, unsigned long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* ZONE_MOVABLE takes the top of the highest zone: trim the others. */
static void adjust_zone_range_for_zone_movable(int nid, int zone_type, unsigned long node_end_pfn,
					       unsigned long *zone_start_pfn,
					       unsigned long *zone_end_pfn)
{
	if (!zone_movable_pfn[nid])
		return;
	if (zone_type == ZONE_MOVABLE) {
		unsigned long hi = arch_zone_highest_possible_pfn[movable_zone];

		*zone_start_pfn = zone_movable_pfn[nid];
		*zone_end_pfn = node_end_pfn < hi ? node_end_pfn : hi;
	} else if (*zone_start_pfn < zone_movable_pfn[nid] &&
		   *zone_end_pfn > zone_movable_pfn[nid]) {
		*zone_end_pfn = zone_movable_pfn[nid];
	} else if (*zone_start_pfn >= zone_movable_pfn[nid]) {
		*zone_start_pfn = *zone_end_pfn;
	}
}

static unsigned long zone_spanned_pages_in_node(int nid, int zone_type,
						unsigned long node_start_pfn,
						unsigned long node_end_pfn,
						unsigned long *zone_start_pfn,
						unsigned long *zone_end_pfn)
{
	unsigned long lo = arch_zone_lowest_possible_pfn[zone_type];
	unsigned long hi = arch_zone_highest_possible_pfn[zone_type];

	if (!node_start_pfn && !node_end_pfn)
		return 0;
	*zone_start_pfn = clamp_pfn(node_start_pfn, lo, hi);
	*zone_end_pfn = clamp_pfn(node_end_pfn, lo, hi);
	adjust_zone_range_for_zone_movable(nid, zone_type, node_end_pfn, zone_start_pfn,
					   zone_end_pfn);
	if (*zone_end_pfn < node_start_pfn || *zone_start_pfn > node_end_pfn)
		return 0;
	if (*zone_end_pfn > node_end_pfn)
		*zone_end_pfn = node_end_pfn;
	if (*zone_start_pfn < node_start_pfn)
		*zone_start_pfn = node_start_pfn;
	return *zone_end_pfn - *zone_start_pfn;
}

static unsigned long zone_absent_pages_in_node(int nid, int zone_type, unsigned long node_start_pfn,
					       unsigned long node_end_pfn)
{
	unsigned long lo = arch_zone_lowest_possible_pfn[zone_type];
	unsigned long hi = arch_zone_highest_possible_pfn[zone_type];
	unsigned long start, end;

	if (!node_start_pfn && !node_end_pfn)
		return 0;
	start = clamp_pfn(node_start_pfn, lo, hi);
	end = clamp_pfn(node_end_pfn, lo, hi);
	adjust_zone_range_for_zone_movable(nid, zone_type, node_end_pfn, &start, &end);
	return absent_pages_in_range(nid, start, end);
}

static void calculate_node_totalpages(pg_data_t *pgdat, unsigned long node_start_pfn,
				      unsigned long node_end_pfn)
{
	unsigned long spanned_total = 0, present_total = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = &pgdat->node_zones[i];
		unsigned long zstart = 0, zend = 0, spanned, absent = 0;

		spanned = zone_spanned_pages_in_node(pgdat->node_id, i, node_start_pfn,
						     node_end_pfn, &zstart, &zend);
		if (spanned)
			absent = zone_absent_pages_in_node(pgdat->node_id, i, node_start_pfn,
							   node_end_pfn);
		zone->zone_start_pfn = spanned ? zstart : 0;
		zone->spanned_pages = spanned;
		zone->present_pages = spanned - absent;
		spanned_total += spanned;
		present_total += spanned - absent;
	}
	pgdat->node_spanned_pages = spanned_total;
	pgdat->node_present_pages = present_total;
	pr_debug("On node %d totalpages: %lu\n", pgdat->node_id, present_total);
}

/*
 * The memmap pages a zone costs, as Linux estimates it: the spanned size,
 * or the present size when holes make up more than 1/16 of it.
 */
static unsigned long calc_memmap_size(unsigned long spanned, unsigned long present)
{
	unsigned long pages = spanned;

	if (spanned > present + (present >> 4))
		pages = present;
	return PAGE_ALIGN(pages * sizeof(struct page)) >> PAGE_SHIFT;
}

/* Empty buddy lists, and every pageblock movable until someone steals it. */
static void init_currently_empty_zone(struct zone *zone)
{
	unsigned long first = ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages);
	unsigned long nblocks = DIV_ROUND_UP(zone_end_pfn(zone) - first, pageblock_nr_pages);

	spin_lock_init(&zone->lock);
	zone->free_pages = 0;
	for (int o = 0; o < MAX_ORDER; o++) {
		for (int t = 0; t < MIGRATE_TYPES; t++)
			INIT_LIST_HEAD(&zone->free_area[o].free_list[t]);
		zone->free_area[o].nr_free = 0;
	}
	zone->pageblock_flags = alloc_bootmem(nblocks);
	memset(zone->pageblock_flags, MIGRATE_MOVABLE, nblocks);
}

static void free_area_init_core(pg_data_t *pgdat)
{
	for (int j = 0; j < MAX_NR_ZONES; j++) {
		struct zone *zone = &pgdat->node_zones[j];
		unsigned long freesize = zone->present_pages;
		unsigned long memmap_pages =
			calc_memmap_size(zone->spanned_pages, zone->present_pages);

		if (freesize >= memmap_pages) {
			freesize -= memmap_pages;
			if (memmap_pages)
				pr_debug("  %s zone: %lu pages used for memmap\n", zone_names[j],
					 memmap_pages);
		} else {
			pr_warn("  %s zone: %lu memmap pages exceeds freesize %lu\n", zone_names[j],
				memmap_pages, freesize);
		}
		if (j == 0 && freesize > dma_reserve) {
			freesize -= dma_reserve;
			pr_debug("  %s zone: %lu pages reserved\n", zone_names[0], dma_reserve);
		}
		nr_kernel_pages += freesize;
		nr_all_pages += freesize;

		zone->zone_pgdat = pgdat;
		zone->name = zone_names[j];
		/* An estimate until mem_init() counts what bootmem really frees. */
		zone->managed_pages = freesize;
		if (zone->present_pages) {
			pgdat->nr_zones = j + 1;
			init_currently_empty_zone(zone);
			zone_pcp_init(zone);
		}
	}
}

static void free_area_init_node(int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	unsigned long start_pfn, end_pfn;

	get_pfn_range_for_nid(nid, &start_pfn, &end_pfn);
	pgdat->node_id = nid;
	pgdat->node_start_pfn = start_pfn;
	pgdat->first_deferred_pfn = ULONG_MAX;
	spin_lock_init(&pgdat->node_size_lock);
	if (start_pfn != end_pfn)
		pr_info("Initmem setup node %d [mem %#018llx-%#018llx]\n", nid,
			(unsigned long long)PFN_PHYS(start_pfn),
			end_pfn ? (unsigned long long)PFN_PHYS(end_pfn) - 1 : 0);
	else
		pr_info("Initmem setup node %d as memoryless\n", nid);
	calculate_node_totalpages(pgdat, start_pfn, end_pfn);
	free_area_init_core(pgdat);
}

/*
 * Struct pages of holes inside a present section still exist: set them up
 * as reserved so nothing mistakes them for memory. Sections without RAM
 * have no struct pages and are skipped a section at a time.
 */
static void init_unavailable_range(unsigned long spfn, unsigned long epfn, int zone, int nid)
{
	unsigned long long count = 0;

	for (unsigned long pfn = spfn; pfn < epfn; pfn++) {
		if (!pfn_valid(pfn)) {
			pfn = ALIGN_DOWN(pfn, PAGES_PER_SECTION) + PAGES_PER_SECTION - 1;
			continue;
		}
		__init_single_page(pfn, zone, nid);
		count++;
	}
	if (count)
		pr_info("On node %d, zone %s: %llu pages in unavailable ranges\n", nid,
			zone_names[zone], count);
}

/* memmap_init writes the pages bootmem has free in their free state. */
static bool memmap_from_bootmem;

static void memmap_init_zone_range(struct zone *zone, unsigned long start_pfn,
				   unsigned long end_pfn, unsigned long *hole_pfn)
{
	unsigned long zstart = zone->zone_start_pfn, zend = zone_end_pfn(zone), stop;
	int nid = zone->zone_pgdat->node_id, zid = zone_idx(zone);

	start_pfn = clamp_pfn(start_pfn, zstart, zend);
	end_pfn = clamp_pfn(end_pfn, zstart, zend);
	if (start_pfn >= end_pfn)
		return;
	/* The rest of the node's last zone waits for page_alloc_init_late(). */
	stop = deferred_init_limit(nid, start_pfn, end_pfn, zend);
	/* A section's struct pages are contiguous: one lookup per section. */
	for (unsigned long pfn = start_pfn, send; pfn < stop; pfn = send) {
		struct page *page = pfn_to_page(pfn);
		unsigned long flags = __init_page_flags(pfn, zid, nid);

		send = ALIGN(pfn + 1, PAGES_PER_SECTION) < stop ? ALIGN(pfn + 1, PAGES_PER_SECTION)
								: stop;
		if (!memmap_from_bootmem) {
			for (unsigned long n = send - pfn; n; n--)
				__init_page(page++, flags);
			continue;
		}
		/* Pages bootmem has free are written as mem_init will free
		 * them: free_all_bootmem then skips a second pass. */
		for (unsigned long p = pfn, rend; p < send; p = rend) {
			bool free;

			rend = bootmem_run(p, send, &free);
			if (free)
				for (; p < rend; p++)
					__init_page_free(page++, flags);
			else
				for (; p < rend; p++)
					__init_page(page++, flags);
		}
	}
	if (*hole_pfn < start_pfn)
		init_unavailable_range(*hole_pfn, start_pfn, zid, nid);
	*hole_pfn = end_pfn;
}

/*
 * Every struct page: RAM in its zone, holes reserved, as Linux's
 * memmap_init; but of each node's last zone only the first part (Linux's
 * deferred struct-page init, deferred_init.c).
 */
static void memmap_init(void)
{
	unsigned long hole_pfn = 0, end_pfn = 0;
	int zone_id = 0, nid = 0;

	deferred_init_reset();
	memmap_from_bootmem = bootmem_memmap_begin();
	for (int i = 0; i < nr_nodemap_entries; i++) {
		pg_data_t *pgdat = NODE_DATA(early_node_map[i].nid);

		nid = early_node_map[i].nid;
		end_pfn = early_node_map[i].end_pfn;
		for (int j = 0; j < MAX_NR_ZONES; j++) {
			struct zone *zone = &pgdat->node_zones[j];

			if (!populated_zone(zone))
				continue;
			memmap_init_zone_range(zone, early_node_map[i].start_pfn, end_pfn,
					       &hole_pfn);
			zone_id = j;
		}
	}
	/* The tail of the last section belongs to the last zone. */
	end_pfn = ALIGN(end_pfn, PAGES_PER_SECTION);
	if (hole_pfn < end_pfn)
		init_unavailable_range(hole_pfn, end_pfn, zone_id, nid);
}

static void print_zone_ranges(void)
{
	pr_info("Zone ranges:\n");
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		if (i == ZONE_MOVABLE)
			continue;
		if (arch_zone_lowest_possible_pfn[i] == arch_zone_highest_possible_pfn[i])
			pr_info("  %-8s empty\n", zone_names[i]);
		else
			pr_info("  %-8s [mem %#018llx-%#018llx]\n", zone_names[i],
				(unsigned long long)PFN_PHYS(arch_zone_lowest_possible_pfn[i]),
				(unsigned long long)PFN_PHYS(arch_zone_highest_possible_pfn[i]) -
					1);
	}
	pr_info("Movable zone start for each node\n");
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (zone_movable_pfn[nid])
			pr_info("  Node %d: %#018llx\n", nid,
				(unsigned long long)PFN_PHYS(zone_movable_pfn[nid]));
	pr_info("Early memory node ranges\n");
	for (int i = 0; i < nr_nodemap_entries; i++)
		pr_info("  node %3d: [mem %#018llx-%#018llx]\n", early_node_map[i].nid,
			(unsigned long long)PFN_PHYS(early_node_map[i].start_pfn),
			(unsigned long long)PFN_PHYS(early_node_map[i].end_pfn) - 1);
}

void __init free_area_init_nodes(unsigned long *max_zone_pfn)
{
	unsigned long start_pfn = find_min_pfn_with_active_regions();
	int nid;

	sort_node_map();
	memset(arch_zone_lowest_possible_pfn, 0, sizeof(arch_zone_lowest_possible_pfn));
	memset(arch_zone_highest_possible_pfn, 0, sizeof(arch_zone_highest_possible_pfn));
	nr_kernel_pages = nr_all_pages = 0;

	/* Zones follow each other; an empty one has start == end. */
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		unsigned long end_pfn;

		if (i == ZONE_MOVABLE)
			continue;
		end_pfn = max_zone_pfn[i] > start_pfn ? max_zone_pfn[i] : start_pfn;
		arch_zone_lowest_possible_pfn[i] = start_pfn;
		arch_zone_highest_possible_pfn[i] = end_pfn;
		start_pfn = end_pfn;
	}

	memset(zone_movable_pfn, 0, sizeof(zone_movable_pfn));
	find_zone_movable_pfns_for_nodes();
	print_zone_ranges();

	sparse_init();
	for_each_node(nid) {
		if (!node_online(nid)) {
			/*
			 * Named by the firmware but without memory (CPUs
			 * only): it still needs a pg_data_t for its zonelist.
			 * It stays offline until its CPUs are mapped to it.
			 */
			pr_info("Initializing node %d as memoryless\n", nid);
			node_data[nid] = alloc_bootmem(sizeof(pg_data_t));
			free_area_init_node(nid);
			continue;
		}
		free_area_init_node(nid);
		if (NODE_DATA(nid)->node_present_pages)
			node_set_state(nid, N_MEMORY);
	}
	memmap_init();
}
