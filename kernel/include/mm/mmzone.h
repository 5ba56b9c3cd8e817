/* SPDX-License-Identifier: MIT */
/*
 * Nodes and zones. The arch fills max_zone_pfn[] and the early node map;
 * free_area_init_nodes() builds these structures from them.
 */
#ifndef MM_MMZONE_H
#define MM_MMZONE_H

#include <kernel/spinlock.h>
#include <mm/mm_types.h>
#include <mm/page.h>
#include <stdbool.h>

enum zone_type {
	ZONE_DMA,   /* < 16 MiB: ISA DMA */
	ZONE_DMA32, /* < 4 GiB: 32-bit DMA */
	ZONE_NORMAL,
	ZONE_MOVABLE, /* carved from the highest zone by kernelcore=/movablecore= */
	ZONE_DEVICE,  /* device memory hot-plug: never populated here, listed
		       * so zone indices and the "Zone ranges:" lines match Linux */
	MAX_NR_ZONES
};

#define MAX_NUMNODES 64
#define NUMA_NO_NODE (-1)

/* Buddy orders 0..MAX_ORDER-1, as in Linux 6.1 (MAX_ORDER 11). */
#define MAX_ORDER	   11
#define MAX_ORDER_NR_PAGES (1UL << (MAX_ORDER - 1))
#define pageblock_order	   9
#define pageblock_nr_pages (1UL << pageblock_order)

/*
 * Mobility grouping: each pageblock has a migrate type, and free pages sit
 * on the list of their block's type, so unmovable allocations cluster
 * instead of pinning every block.
 */
enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_TYPES,
	MIGRATE_PCPTYPES = MIGRATE_TYPES, /* per-CPU lists: one per type */
};

enum zone_watermarks {
	WMARK_MIN,  /* only __GFP_HIGH/atomic allocations go below */
	WMARK_LOW,  /* the fast path keeps above this */
	WMARK_HIGH, /* "enough": what Total pages and pcp->high leave out */
	NR_WMARK
};

struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free; /* blocks of this order, all types */
};

/*
 * A CPU's cache of order-0 pages of one zone: hot (recently freed, likely
 * in cache) at the head of each list, cold at the tail. Refilled from and
 * drained to the buddy lists @batch pages at a time, under the zone lock.
 */
struct per_cpu_pages {
	int count; /* pages on the lists */
	int high;  /* drain when count exceeds this */
	int batch; /* chunk size for refill and drain */
	struct list_head lists[MIGRATE_PCPTYPES];
};

struct pglist_data;

struct zone {
	/* Read-mostly: the allocation fast path. */
	unsigned long _watermark[NR_WMARK];
	long lowmem_reserve[MAX_NR_ZONES]; /* kept back from higher-zone requests */
	struct per_cpu_pages *pageset;	   /* per-CPU pointer; NULL until set up */
	struct pglist_data *zone_pgdat;
	unsigned char *pageblock_flags; /* migrate type of each pageblock */
	unsigned long zone_start_pfn;
	unsigned long spanned_pages; /* zone_end_pfn - zone_start_pfn */
	unsigned long present_pages; /* spanned minus holes */
	unsigned long managed_pages; /* pages the buddy allocator owns */
	const char *name;

	/* Written under the lock. */
	spinlock_t lock;
	unsigned long free_pages; /* in the buddy lists (not the pcp lists) */
	struct free_area free_area[MAX_ORDER];
};

#define min_wmark_pages(z)  ((z)->_watermark[WMARK_MIN])
#define low_wmark_pages(z)  ((z)->_watermark[WMARK_LOW])
#define high_wmark_pages(z) ((z)->_watermark[WMARK_HIGH])

/* A zonelist: zones to try in order, NULL-terminated. */
#define MAX_ZONES_PER_ZONELIST (MAX_NUMNODES * MAX_NR_ZONES)

struct zoneref {
	struct zone *zone;
	int zone_idx;
};

struct zonelist {
	struct zoneref _zonerefs[MAX_ZONES_PER_ZONELIST + 1];
};

enum {
	ZONELIST_FALLBACK,   /* every node, nearest first */
	ZONELIST_NOFALLBACK, /* this node only (__GFP_THISNODE) */
	MAX_ZONELISTS
};

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[MAX_ZONELISTS];
	int nr_zones; /* highest populated zone index + 1 */
	int node_id;
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	struct bootmem_data *bdata;
	/*
	 * Deferred struct-page init (deferred_init.c): struct pages from
	 * here to the node's end are not initialised yet (ULONG_MAX: none
	 * left). node_size_lock serialises growing it with the worker.
	 */
	unsigned long first_deferred_pfn;
	spinlock_t node_size_lock;
} pg_data_t;

static inline unsigned long pgdat_end_pfn(const pg_data_t *pgdat)
{
	return pgdat->node_start_pfn + pgdat->node_spanned_pages;
}

/*
 * Each node's pg_data_t, in that node's own memory (the arch allocates it
 * when it registers the node; free_area_init_nodes() for memory-less
 * ones). NULL for a node id that does not exist.
 */
extern pg_data_t *node_data[MAX_NUMNODES];
#define NODE_DATA(nid) (node_data[(nid)])

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

static inline bool managed_zone(const struct zone *z)
{
	return z->managed_pages != 0;
}

static inline bool zone_spans_pfn(const struct zone *z, unsigned long pfn)
{
	return pfn >= z->zone_start_pfn && pfn < zone_end_pfn(z);
}

/*
 * zone->free_pages and each free_area's nr_free change only under
 * zone->lock, but watermark checks and counters read them without it: the
 * writers store and the lockless readers load them whole (relaxed atomics,
 * Linux's READ_ONCE/WRITE_ONCE), a snapshot that may be just out of date.
 */
static inline unsigned long zone_free_pages(const struct zone *z)
{
	return __atomic_load_n(&z->free_pages, __ATOMIC_RELAXED);
}

static inline void zone_free_pages_add(struct zone *z, long n)
{
	__atomic_store_n(&z->free_pages, z->free_pages + (unsigned long)n, __ATOMIC_RELAXED);
}

/* Every zone of every node that has present pages, node by node. */
struct zone *next_populated_zone(struct zone *zone);
#define for_each_populated_zone(zone) \
	for (zone = next_populated_zone(NULL); zone; zone = next_populated_zone(zone))

/**
 * free_area_init_nodes - size every node and zone, allocate and set up the memmap
 * @max_zone_pfn: the end pfn of each zone type, filled by the arch
 *
 * Needs the early node map and bootmem. Prints "Zone ranges:", "Movable
 * zone start for each node", "Early memory node ranges", one "Initmem
 * setup node" line per node and the holes, in Linux 6.1's words.
 */
void free_area_init_nodes(unsigned long *max_zone_pfn);

/* Pages of the first zone already in use when zones are sized (x86 sets it). */
void set_dma_reserve(unsigned long pages);

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
