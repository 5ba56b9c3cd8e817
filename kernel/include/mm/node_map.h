/* SPDX-License-Identifier: MIT */
/*
 * The early node map: which pfn ranges are RAM and which node each belongs
 * to. Filled by the arch (e820_register_active_regions), read by bootmem
 * and free_area_init_nodes.
 */
#ifndef MM_NODE_MAP_H
#define MM_NODE_MAP_H

#include <stdbool.h>

/* Real machines give 300+ e820 entries; the limit is checked, not assumed. */
#define MAX_ACTIVE_REGIONS 1024

struct node_active_region {
	unsigned long start_pfn;
	unsigned long end_pfn; /* exclusive */
	int nid;
};

extern struct node_active_region early_node_map[MAX_ACTIVE_REGIONS];
extern int nr_nodemap_entries;

/**
 * add_active_range - register [start_pfn, end_pfn) as RAM of node @nid
 *
 * Merges with an existing range of the same node that it overlaps or
 * touches. Keeps the map sorted by start pfn (a heap sort after each
 * insertion that did not merge). Prints a warning and drops the range when
 * the map is full.
 */
void add_active_range(int nid, unsigned long start_pfn, unsigned long end_pfn);

/* Forget every range (the e820 table changed; rebuild from scratch). */
void remove_all_active_ranges(void);

/* Sort early_node_map by start pfn, with lib/sort's heap sort. */
void sort_node_map(void);

/* Lowest pfn of any active range (0 when there is none). */
unsigned long find_min_pfn_with_active_regions(void);

/* [start, end) spanned by node @nid's ranges; both 0 for no memory. */
void get_pfn_range_for_nid(int nid, unsigned long *start_pfn, unsigned long *end_pfn);

/* Pages in [start, end) that no range of node @nid (or any, for -1) covers. */
unsigned long absent_pages_in_range(int nid, unsigned long start_pfn, unsigned long end_pfn);

/* Number of pages in all active ranges. */
unsigned long active_pages_total(void);

#define for_each_active_range(i, nid_filter)                                      \
	for ((i) = 0; (i) < nr_nodemap_entries; (i)++)                            \
		if ((nid_filter) >= 0 && early_node_map[(i)].nid != (nid_filter)) \
			continue;                                                 \
		else

#endif
