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

/* Buddy core (page_alloc.c); the zone lock is held. */
struct page *__rmqueue(struct zone *zone, unsigned int order, int migratetype);
void __free_one_page(unsigned long pfn, struct zone *zone, unsigned int order, int migratetype);

/* Give a block bootmem held to the buddy lists, counting it as managed. */
void __free_pages_core(struct page *page, unsigned int order);

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

/* Set when mobility grouping would not help (tiny memory), as in Linux. */
extern bool page_group_by_mobility_disabled;

#endif
