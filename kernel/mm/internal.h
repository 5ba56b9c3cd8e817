/* SPDX-License-Identifier: MIT */
/* What the page-allocator files share and nothing else needs. */
#ifndef MM_INTERNAL_H
#define MM_INTERNAL_H

#include <mm/gfp.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>
#include <kernel/smp.h>

/* alloc_flags: which watermark to respect and how far below it to go. */
#define ALLOC_WMARK_MIN	    WMARK_MIN
#define ALLOC_WMARK_LOW	    WMARK_LOW
#define ALLOC_WMARK_HIGH    WMARK_HIGH
#define ALLOC_NO_WATERMARKS 0x04
#define ALLOC_WMARK_MASK    (ALLOC_NO_WATERMARKS - 1)
#define ALLOC_HARDER	    0x10 /* atomic: a quarter below min */
#define ALLOC_HIGH	    0x20 /* __GFP_HIGH: half below min */

static inline struct zone *page_zone(const struct page *page)
{
	return &NODE_DATA(page_to_nid(page))->node_zones[page_zonenum(page)];
}

/*
 * The @i-th page of an aligned block, given the (@i - 1)-th @prev. The
 * memmap is contiguous within a 2 MiB section but not across sections,
 * and in an aligned block a section starts exactly where @i is a multiple
 * of PAGES_PER_SECTION: only there is the section table read again.
 */
static inline struct page *block_next_page(struct page *first, struct page *prev, unsigned long i)
{
	if (i & (PAGES_PER_SECTION - 1))
		return prev + 1;
	return pfn_to_page(page_to_pfn(first) + i);
}

static inline int gfp_migratetype(gfp_t gfp)
{
	if (gfp & __GFP_MOVABLE)
		return MIGRATE_MOVABLE;
	if (gfp & __GFP_RECLAIMABLE)
		return MIGRATE_RECLAIMABLE;
	return MIGRATE_UNMOVABLE;
}

int get_pageblock_migratetype(const struct page *page);
void set_pageblock_migratetype(struct page *page, int migratetype);

/*
 * A struct page as memmap_init leaves it: in its zone and node, one
 * reference, reserved until bootmem hands it over. Every field is written
 * (the memmap is not zeroed beforehand), so the page is written once.
 */
static inline unsigned long __init_page_flags(unsigned long pfn, int zone, int nid)
{
	return (unsigned long)nid << NODES_PGSHIFT | (unsigned long)zone << ZONES_PGSHIFT |
	       pfn_to_section_nr(pfn) << SECTIONS_PGSHIFT | 1UL << PG_reserved;
}

/*
 * Field by field, not a struct literal: the literal also stores the 8
 * bytes of padding and, for the two ints, three stores where one 8-byte
 * store does (10 stores a page instead of 7, the hottest loop of a boot
 * under TCG).
 */
static inline void __init_page_refs(struct page *page, unsigned long flags, int refcount)
{
	page->flags = flags;
	INIT_LIST_HEAD(&page->lru);
	page->slab_cache = NULL;
	page->freelist = NULL;
	page->private = 0;
	page->_mapcount = -1;
	page->_refcount = refcount;
}

static inline void __init_page(struct page *page, unsigned long flags)
{
	__init_page_refs(page, flags, 1);
}

/* __init_page's page as __free_pages_core leaves it: not reserved, no reference. */
static inline void __init_page_free(struct page *page, unsigned long flags)
{
	__init_page_refs(page, flags & ~(1UL << PG_reserved), 0);
}

static inline void __init_single_page(unsigned long pfn, int zone, int nid)
{
	__init_page(pfn_to_page(pfn), __init_page_flags(pfn, zone, nid));
}

static inline void __init_free_page(unsigned long pfn, int zone, int nid)
{
	__init_page_free(pfn_to_page(pfn), __init_page_flags(pfn, zone, nid));
}

/*
 * Hand [start, end) to the buddy lists in the largest aligned blocks
 * (bootmem.c); @fresh: set up by __init_free_page, not reserved.
 */
void __free_pages_memory(unsigned long start, unsigned long end, bool fresh);

/* Deferred struct-page init (deferred_init.c). */
extern bool deferred_pages; /* some node has deferred struct pages left */
extern bool nodeferinit;    /* the nodeferinit option: everything at boot */
void deferred_init_reset(void);
unsigned long deferred_init_limit(int nid, unsigned long start, unsigned long end,
				  unsigned long zone_end);
unsigned long deferred_run_end(unsigned long pfn, unsigned long end, bool *deferred);
void deferred_init_reserved(void);
bool deferred_grow_zone(struct zone *zone, unsigned int order);

/* Bootmem's view after mem_init, until the deferred pages are done (bootmem.c). */
unsigned long bootmem_run(unsigned long pfn, unsigned long end, bool *free);
void bootmem_discard(void);
bool bootmem_memmap_begin(void);

/* Buddy core (page_alloc.c); the zone lock is held. */
struct page *__rmqueue(struct zone *zone, unsigned int order, int migratetype);
void __free_one_page(unsigned long pfn, struct zone *zone, unsigned int order, int migratetype);

/* Give a block bootmem held to the buddy lists, counting it as managed. */
void __free_pages_core(struct page *page, unsigned int order);
/* The same for a block whose struct pages are already unreserved with no
 * reference (__init_free_page): the deferred pages, written once. */
void __free_pages_fresh(struct page *page, unsigned int order);

/* Per-CPU lists (pcp.c). */
struct page *rmqueue_pcplist(struct zone *zone, gfp_t gfp, int migratetype);
void free_unref_page(struct page *page, bool cold);

/* Checks and poisoning (page_check.c). */
bool free_pages_prepare(struct page *page, unsigned int order);
bool check_new_pages(struct page *page, unsigned int order);
void kernel_poison_pages(struct page *page, unsigned int n);
extern bool page_poisoning_enabled;

/* Per-CPU pagesets (pcp.c). */
int zone_batchsize(const struct zone *zone);
void zone_pcp_init(struct zone *zone);
void setup_per_cpu_pageset(void);
void zone_pcp_update(struct zone *zone);
/* CPU @cpu's pageset limits in every zone, when it is activated. */
void setup_cpu_pagesets(unsigned int cpu);

/* Watermarks (watermark.c). */
extern int min_free_kbytes;
unsigned long nr_free_zone_pages(int offset);
void init_per_zone_wmark_min(void);
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark, int highest_zoneidx,
		       unsigned int alloc_flags);

/* The allocation-failure report (show_mem.c). */
void warn_alloc(gfp_t gfp, unsigned int order);
/* /proc/buddyinfo- and /proc/zoneinfo-style dumps (show_mem.c, for mminfo=). */
void show_buddyinfo(void);
void show_zoneinfo(void);

/* Set when mobility grouping would not help (tiny memory), as in Linux. */
extern bool page_group_by_mobility_disabled;

#endif
