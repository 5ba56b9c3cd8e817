// SPDX-License-Identifier: MIT
/*
 * The binary buddy allocator: per zone, per order, per migrate type free
 * lists. A free block of order n is 2^n pages aligned to 2^n; its buddy is
 * the block whose pfn differs in bit n. Freeing merges with free buddies
 * as far as possible; allocating splits the smallest block that fits.
 */
#define pr_fmt(fmt) fmt

#include "internal.h"
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/string.h>
#include <mm/nodemask.h>
#include <mm/page_alloc.h>
#include <mm/topology.h>

bool page_group_by_mobility_disabled;

/* Where a type steals from when its own lists are empty (Linux 6.1's order). */
static const int fallbacks[MIGRATE_TYPES][2] = {
	[MIGRATE_UNMOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
	[MIGRATE_MOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE },
};

static unsigned long pageblock_index(const struct zone *zone, unsigned long pfn)
{
	return (pfn - ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages)) >> pageblock_order;
}

int get_pageblock_migratetype(const struct page *page)
{
	const struct zone *zone = page_zone(page);

	return zone->pageblock_flags[pageblock_index(zone, page_to_pfn(page))];
}

void set_pageblock_migratetype(struct page *page, int migratetype)
{
	struct zone *zone = page_zone(page);

	if (page_group_by_mobility_disabled)
		migratetype = MIGRATE_UNMOVABLE;
	zone->pageblock_flags[pageblock_index(zone, page_to_pfn(page))] =
		(unsigned char)migratetype;
}

static void add_to_free_list(struct page *page, struct zone *zone, unsigned int order,
			     int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	page->private = order;
	__SetPageBuddy(page);
	list_add(&page->lru, &area->free_list[migratetype]);
	__atomic_store_n(&area->nr_free, area->nr_free + 1, __ATOMIC_RELAXED);
}

static void del_page_from_free_list(struct page *page, struct zone *zone, unsigned int order)
{
	list_del(&page->lru);
	__ClearPageBuddy(page);
	page->private = 0;
	__atomic_store_n(&zone->free_area[order].nr_free, zone->free_area[order].nr_free - 1,
			 __ATOMIC_RELAXED);
}

/* Is the page at @pfn a free block of exactly @order in @zone? */
static struct page *find_buddy(struct zone *zone, unsigned long pfn, unsigned int order)
{
	struct page *buddy;

	if (!pfn_valid(pfn))
		return NULL;
	buddy = pfn_to_page(pfn);
	if (!PageBuddy(buddy) || buddy->private != order || page_zone(buddy) != zone)
		return NULL;
	return buddy;
}

void __free_one_page(unsigned long pfn, struct zone *zone, unsigned int order, int migratetype)
{
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy = find_buddy(zone, buddy_pfn, order);

		if (!buddy)
			break;
		del_page_from_free_list(buddy, zone, order);
		pfn &= buddy_pfn;
		order++;
	}
	add_to_free_list(pfn_to_page(pfn), zone, order, migratetype);
}

/* Give back the upper halves of a block of order @high until @low is left. */
static void expand(struct zone *zone, unsigned long pfn, unsigned int low, unsigned int high,
		   int migratetype)
{
	while (high > low) {
		high--;
		add_to_free_list(pfn_to_page(pfn + (1UL << high)), zone, high, migratetype);
	}
}

static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order, int migratetype)
{
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		struct list_head *list = &zone->free_area[o].free_list[migratetype];
		struct page *page;

		if (list_empty(list))
			continue;
		page = list_first_entry(list, struct page, lru);
		del_page_from_free_list(page, zone, o);
		expand(zone, page_to_pfn(page), order, o, migratetype);
		return page;
	}
	return NULL;
}

static void move_to_free_list(struct page *page, struct zone *zone, unsigned int order,
			      int migratetype)
{
	list_del(&page->lru);
	list_add(&page->lru, &zone->free_area[order].free_list[migratetype]);
}

/* Move every free block of @page's pageblock to @migratetype's lists. */
static unsigned long move_freepages_block(struct zone *zone, struct page *page, int migratetype)
{
	unsigned long start = ALIGN_DOWN(page_to_pfn(page), pageblock_nr_pages);
	unsigned long end = start + pageblock_nr_pages, moved = 0;

	if (start < zone->zone_start_pfn)
		start = zone->zone_start_pfn;
	if (end > zone_end_pfn(zone))
		end = zone_end_pfn(zone);
	for (unsigned long pfn = start; pfn < end;) {
		struct page *p;

		if (!pfn_valid(pfn)) {
			pfn++;
			continue;
		}
		p = pfn_to_page(pfn);
		if (!PageBuddy(p)) {
			pfn++;
			continue;
		}
		move_to_free_list(p, zone, (unsigned int)p->private, migratetype);
		moved += 1UL << p->private;
		pfn += 1UL << p->private;
	}
	return moved;
}

/*
 * Steal from another type. Large steals (half a pageblock or more, or
 * for unmovable/reclaimable requests) take the whole pageblock when at
 * least half of it is free, so the next requests of this type find their
 * own block instead of scattering across the zone.
 */
static bool __rmqueue_fallback(struct zone *zone, unsigned int order, int start_type)
{
	for (int o = MAX_ORDER - 1; o >= (int)order; o--) {
		for (int i = 0; i < 2; i++) {
			int fallback = fallbacks[start_type][i];
			struct list_head *list = &zone->free_area[o].free_list[fallback];
			struct page *page;
			bool whole_block;

			if (list_empty(list))
				continue;
			page = list_first_entry(list, struct page, lru);
			whole_block = o >= pageblock_order / 2 || start_type != MIGRATE_MOVABLE ||
				      page_group_by_mobility_disabled;
			if (o >= pageblock_order) {
				unsigned long pfn = page_to_pfn(page);

				for (unsigned long p = pfn; p < pfn + (1UL << o);
				     p += pageblock_nr_pages)
					set_pageblock_migratetype(pfn_to_page(p), start_type);
				move_to_free_list(page, zone, o, start_type);
			} else if (whole_block) {
				unsigned long free = move_freepages_block(zone, page, start_type);

				if (free >= (1UL << (pageblock_order - 1)))
					set_pageblock_migratetype(page, start_type);
			} else {
				move_to_free_list(page, zone, o, start_type);
			}
			return true;
		}
	}
	return false;
}

struct page *__rmqueue(struct zone *zone, unsigned int order, int migratetype)
{
	struct page *page = __rmqueue_smallest(zone, order, migratetype);

	if (!page && __rmqueue_fallback(zone, order, migratetype))
		page = __rmqueue_smallest(zone, order, migratetype);
	if (page)
		zone_free_pages_add(zone, -(1L << order));
	return page;
}

static struct page *rmqueue(struct zone *zone, unsigned int order, gfp_t gfp, int migratetype)
{
	unsigned long flags;
	struct page *page;

	if (order == 0 && zone->pageset)
		return rmqueue_pcplist(zone, gfp, migratetype);
	spin_lock_irqsave(&zone->lock, flags);
	page = __rmqueue(zone, order, migratetype);
	spin_unlock_irqrestore(&zone->lock, flags);
	return page;
}

static struct zonelist *node_zonelist(int nid, gfp_t gfp)
{
	return &NODE_DATA(nid)->node_zonelists[(gfp & __GFP_THISNODE) ? ZONELIST_NOFALLBACK
								      : ZONELIST_FALLBACK];
}

static struct page *get_page_from_freelist(gfp_t gfp, unsigned int order, unsigned int alloc_flags,
					   struct zonelist *zonelist, int highest_zoneidx,
					   int migratetype)
{
	for (struct zoneref *z = zonelist->_zonerefs; z->zone; z++) {
		struct zone *zone = z->zone;
		struct page *page;

		if (z->zone_idx > highest_zoneidx)
			continue;
		if (!(alloc_flags & ALLOC_NO_WATERMARKS) &&
		    !zone_watermark_ok(zone, order,
				       zone->_watermark[alloc_flags & ALLOC_WMARK_MASK],
				       highest_zoneidx, alloc_flags)) {
			/* Short, but maybe only of pages not set up yet. */
			if (!deferred_pages || !deferred_grow_zone(zone, order))
				continue;
		}
	try_this_zone:
		page = rmqueue(zone, order, gfp, migratetype);
		if (!page) {
			if (deferred_pages && deferred_grow_zone(zone, order))
				goto try_this_zone;
			continue;
		}
		if (!check_new_pages(page, order))
			continue; /* reported; the bad pages stay out */
		return page;
	}
	return NULL;
}

static unsigned int gfp_to_alloc_flags(gfp_t gfp)
{
	unsigned int flags = ALLOC_WMARK_MIN;

	if (gfp & __GFP_HIGH)
		flags |= ALLOC_HIGH;
	if (gfp & __GFP_ATOMIC)
		flags |= ALLOC_HARDER;
	if (gfp & __GFP_MEMALLOC)
		flags |= ALLOC_NO_WATERMARKS;
	return flags;
}

struct page *__alloc_pages(gfp_t gfp, unsigned int order, int nid)
{
	int highest = gfp_zone(gfp), mt = gfp_migratetype(gfp);
	struct zonelist *zonelist;
	struct page *page;

	if (order >= MAX_ORDER) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("page allocation of order %u refused: the largest order is %d\n",
				order, MAX_ORDER - 1);
		return NULL;
	}
	if (!node_state(nid, N_POSSIBLE) || !NODE_DATA(nid))
		nid = numa_node_id(); /* no such node, or NUMA_NO_NODE */
	zonelist = node_zonelist(nid, gfp);

	/* Fast path above the low watermark, then as low as @gfp may go. */
	page = get_page_from_freelist(gfp, order, ALLOC_WMARK_LOW, zonelist, highest, mt);
	if (!page)
		page = get_page_from_freelist(gfp, order, gfp_to_alloc_flags(gfp), zonelist,
					      highest, mt);
	if (!page) {
		if (!(gfp & __GFP_NOWARN))
			warn_alloc(gfp, order);
		return NULL;
	}
	set_page_count(page, 1);
	page->private = order; /* checked against the order given at free */
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
	return page;
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

static void __free_pages_ok(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), flags;
	struct zone *zone = page_zone(page);
	int mt = get_pageblock_migratetype(page);

	spin_lock_irqsave(&zone->lock, flags);
	__free_one_page(pfn, zone, order, mt);
	zone_free_pages_add(zone, 1L << order);
	spin_unlock_irqrestore(&zone->lock, flags);
}

void __free_pages_core(struct page *page, unsigned int order)
{
	unsigned long n = 1UL << order;
	struct page *p = page;

	/* Blocks from bootmem are aligned to their order (max_block_order). */
	for (unsigned long i = 0; i < n; i++) {
		p = i ? block_next_page(page, p, i) : page;

		ClearPageReserved(p);
		set_page_count(p, 0);
	}
	__free_pages_fresh(page, order);
}

void __free_pages_fresh(struct page *page, unsigned int order)
{
	unsigned long n = 1UL << order;

	/* Atomic: the deferred workers of other nodes free at the same time. */
	__atomic_fetch_add(&page_zone(page)->managed_pages, n, __ATOMIC_RELAXED);
	if (page_poisoning_enabled)
		kernel_poison_pages(page, (unsigned int)n);
	__free_pages_ok(page, order);
}

void __free_pages(struct page *page, unsigned int order)
{
	if (!free_pages_prepare(page, order))
		return; /* reported; the block is not freed */
	if (order == 0)
		free_unref_page(page, false);
	else
		__free_pages_ok(page, order);
}

void free_pages(unsigned long addr, unsigned int order)
{
	unsigned long pfn;

	if (!addr)
		return;
	pfn = PFN_DOWN(__pa((void *)addr));
	if (addr & (PAGE_SIZE - 1) || !pfn_valid(pfn)) {
		pr_err("BUG: free_pages(%#lx, %u): not an address the page allocator gave out\n",
		       addr, order);
		nr_bad_pages++;
		return;
	}
	__free_pages(pfn_to_page(pfn), order);
}

unsigned long nr_free_pages(void)
{
	struct zone *zone;
	unsigned long n = 0;

	for_each_populated_zone(zone)
		n += zone_free_pages(zone);
	return n;
}

/*
 * Not the sum of the zones' managed pages: deferred pages count from
 * mem_init on, before their zone has them (as in Linux 6.1).
 */
static unsigned long totalram;

unsigned long totalram_pages(void)
{
	return __atomic_load_n(&totalram, __ATOMIC_RELAXED);
}

void totalram_pages_add(long count)
{
	/* Atomic: each node's deferred worker adds its pages. */
	__atomic_fetch_add(&totalram, (unsigned long)count, __ATOMIC_RELAXED);
}
