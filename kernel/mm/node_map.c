// SPDX-License-Identifier: MIT
/*
 * The early node map (Linux 2.6's early_node_map[]): RAM as pfn ranges per
 * node, kept sorted and coalesced so every reader can walk it in order.
 */
#define pr_fmt(fmt) "node_map: " fmt

#include <mm/node_map.h>
#include <kernel/printk.h>
#include <lib/sort.h>

struct node_active_region early_node_map[MAX_ACTIVE_REGIONS];
int nr_nodemap_entries;

static int cmp_node_active_region(const void *a, const void *b)
{
	const struct node_active_region *x = a, *y = b;

	if (x->start_pfn != y->start_pfn)
		return x->start_pfn < y->start_pfn ? -1 : 1;
	return x->nid - y->nid;
}

void sort_node_map(void)
{
	sort(early_node_map, (size_t)nr_nodemap_entries, sizeof(early_node_map[0]),
	     cmp_node_active_region);
}

/* Merge neighbours of one node that overlap or touch; the map is sorted. */
static void coalesce(void)
{
	int w = 0;

	for (int i = 0; i < nr_nodemap_entries; i++) {
		struct node_active_region *cur = &early_node_map[i];
		struct node_active_region *prev = w ? &early_node_map[w - 1] : NULL;

		if (prev && prev->nid == cur->nid && cur->start_pfn <= prev->end_pfn) {
			if (cur->end_pfn > prev->end_pfn)
				prev->end_pfn = cur->end_pfn;
			continue;
		}
		early_node_map[w++] = *cur;
	}
	nr_nodemap_entries = w;
}

void add_active_range(int nid, unsigned long start_pfn, unsigned long end_pfn)
{
	bool in_order;

	if (start_pfn >= end_pfn)
		return;
	if (nr_nodemap_entries >= MAX_ACTIVE_REGIONS) {
		pr_warn("more than %d active ranges, ignoring [mem %#018llx-%#018llx]\n",
			MAX_ACTIVE_REGIONS, (unsigned long long)start_pfn << 12,
			((unsigned long long)end_pfn << 12) - 1);
		return;
	}
	in_order = !nr_nodemap_entries ||
		   early_node_map[nr_nodemap_entries - 1].start_pfn <= start_pfn;
	early_node_map[nr_nodemap_entries++] =
		(struct node_active_region){ start_pfn, end_pfn, nid };
	/* e820 order is address order: the heap sort runs only when not. */
	if (!in_order)
		sort_node_map();
	coalesce();
}

void remove_all_active_ranges(void)
{
	nr_nodemap_entries = 0;
}

unsigned long find_min_pfn_with_active_regions(void)
{
	unsigned long min = ~0UL;

	for (int i = 0; i < nr_nodemap_entries; i++)
		if (early_node_map[i].start_pfn < min)
			min = early_node_map[i].start_pfn;
	return nr_nodemap_entries ? min : 0;
}

void get_pfn_range_for_nid(int nid, unsigned long *start_pfn, unsigned long *end_pfn)
{
	int i;

	*start_pfn = ~0UL;
	*end_pfn = 0;
	for_each_active_range(i, nid) {
		if (early_node_map[i].start_pfn < *start_pfn)
			*start_pfn = early_node_map[i].start_pfn;
		if (early_node_map[i].end_pfn > *end_pfn)
			*end_pfn = early_node_map[i].end_pfn;
	}
	if (*start_pfn == ~0UL)
		*start_pfn = 0;
}

unsigned long absent_pages_in_range(int nid, unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long present = 0;
	int i;

	if (start_pfn >= end_pfn)
		return 0;
	for_each_active_range(i, nid) {
		unsigned long s = early_node_map[i].start_pfn;
		unsigned long e = early_node_map[i].end_pfn;

		s = s < start_pfn ? start_pfn : s > end_pfn ? end_pfn : s;
		e = e < start_pfn ? start_pfn : e > end_pfn ? end_pfn : e;
		present += e - s;
	}
	return end_pfn - start_pfn - present;
}

unsigned long active_pages_total(void)
{
	unsigned long n = 0;

	for (int i = 0; i < nr_nodemap_entries; i++)
		n += early_node_map[i].end_pfn - early_node_map[i].start_pfn;
	return n;
}
