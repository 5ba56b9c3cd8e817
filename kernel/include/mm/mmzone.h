/* SPDX-License-Identifier: MIT */
/*
 * Nodes and zones. The arch fills max_zone_pfn[] and the early node map;
 * free_area_init_nodes() builds these structures from them.
 */
#ifndef MM_MMZONE_H
#define MM_MMZONE_H

#include <mm/mm_types.h>
#include <mm/page.h>
#include <stdbool.h>

enum zone_type {
	ZONE_DMA,     /* < 16 MiB: ISA DMA */
	ZONE_DMA32,   /* < 4 GiB: 32-bit DMA */
	ZONE_NORMAL,
	ZONE_MOVABLE, /* carved from the highest zone by kernelcore=/movablecore= */
	ZONE_DEVICE,  /* device memory hot-plug: never populated here, listed
		       * so zone indices and the "Zone ranges:" lines match Linux */
	MAX_NR_ZONES
};

#define MAX_NUMNODES 64
#define NUMA_NO_NODE (-1)

/* Buddy orders 0..MAX_ORDER-1, as in Linux 6.1 (MAX_ORDER 11). */
#define MAX_ORDER 11
#define MAX_ORDER_NR_PAGES (1UL << (MAX_ORDER - 1))
#define pageblock_order 9
#define pageblock_nr_pages (1UL << pageblock_order)

struct pglist_data;

struct zone {
	struct pglist_data *zone_pgdat;
	const char *name;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages; /* zone_end_pfn - zone_start_pfn */
	unsigned long present_pages; /* spanned minus holes */
	unsigned long managed_pages; /* present minus memmap (estimate until mem_init) */
};

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	int nr_zones; /* highest populated zone index + 1 */
	int node_id;
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	struct bootmem_data *bdata;
} pg_data_t;

extern pg_data_t node_data[MAX_NUMNODES];
#define NODE_DATA(nid) (&node_data[(nid)])

extern const char *const zone_names[MAX_NR_ZONES];

static inline unsigned long zone_end_pfn(const struct zone *z)
{
	return z->zone_start_pfn + z->spanned_pages;
}

static inline bool populated_zone(const struct zone *z)
{
	return z->present_pages != 0;
}

static inline int zone_idx(const struct zone *z)
{
	return (int)(z - z->zone_pgdat->node_zones);
}

/**
 * free_area_init_nodes - size every node and zone, allocate and set up the memmap
 * @max_zone_pfn: the end pfn of each zone type, filled by the arch
 *
 * Needs the early node map and bootmem. Prints "Zone ranges:", "Movable
 * zone start for each node", "Early memory node ranges", one "Initmem
 * setup node" line per node and the holes, in Linux 6.1's words.
 */
void free_area_init_nodes(unsigned long *max_zone_pfn);

/* kernelcore= / movablecore= in pages (set by the command-line parser). */
extern unsigned long required_kernelcore, required_movablecore;
extern unsigned long required_kernelcore_percent, required_movablecore_percent;

/* The zone ZONE_MOVABLE is taken from: the highest one with pages. */
extern int movable_zone;

/**
 * find_zone_movable_pfns_for_nodes - where ZONE_MOVABLE starts on each node
 *
 * From kernelcore= / movablecore= (pages or percent), Linux 6.1's
 * algorithm: kernel memory spread evenly over the nodes, the rest of each
 * node's highest zone becomes ZONE_MOVABLE, aligned to MAX_ORDER_NR_PAGES.
 * Fills zone_movable_pfn[]; all zero when neither option asks for it.
 */
void find_zone_movable_pfns_for_nodes(void);

extern unsigned long arch_zone_lowest_possible_pfn[MAX_NR_ZONES];
extern unsigned long arch_zone_highest_possible_pfn[MAX_NR_ZONES];
extern unsigned long zone_movable_pfn[MAX_NUMNODES];

/* The totals Linux keeps: pages the kernel may use, all pages. */
extern unsigned long nr_kernel_pages, nr_all_pages;

#endif
