// SPDX-License-Identifier: MIT
/*
 * Invariant checks and count snapshots of the buddy allocator, shared by
 * the page_alloc self-test and the fuzzer. Written apart from the
 * allocator: it walks the same structures but trusts none of their counts.
 *
 * "On exactly one list" needs a visited mark and this kernel has no other
 * allocator to hold a bitmap, so the walk borrows _mapcount: a free page's
 * is -1 (check_new_pages insists), the walk sets -2 and puts -1 back.
 */
#include "internal.h"
#include <kernel/percpu.h>
#include <lib/vsprintf.h>
#include <mm/page_alloc_debug.h>
#include <stdarg.h>

#define FREE_MAPCOUNT -1
#define VISITED	      -2

__attribute__((format(printf, 3, 4))) static bool broken(char *why, size_t len, const char *fmt,
							 ...)
{
	va_list ap;

	if (!why[0]) { /* keep the first: later ones often follow from it */
		va_start(ap, fmt);
		kvsnprintf(why, len, fmt, ap);
		va_end(ap);
	}
	return false;
}

/* One block seen on the free list of @order; marks it visited. */
static bool check_listed_block(struct zone *zone, struct page *page, unsigned int order, char *why,
			       size_t len)
{
	unsigned long pfn = page_to_pfn(page), n = 1UL << order;

	if (page->_mapcount == VISITED)
		return broken(why, len, "%s: pfn %#lx is on a free list twice", zone->name, pfn);
	if (!PageBuddy(page))
		return broken(why, len, "%s: pfn %#lx on the order-%u list lacks PG_buddy",
			      zone->name, pfn, order);
	if (page->private != order)
		return broken(why, len, "%s: pfn %#lx on the order-%u list has private %lu",
			      zone->name, pfn, order, page->private);
	if (pfn & (n - 1))
		return broken(why, len, "%s: pfn %#lx not aligned to order %u", zone->name, pfn,
			      order);
	if (page_zone(page) != zone || pfn < zone->zone_start_pfn || pfn + n > zone_end_pfn(zone))
		return broken(why, len, "%s: block %#lx order %u is not inside the zone",
			      zone->name, pfn, order);
	if (PageReserved(page))
		return broken(why, len, "%s: free block %#lx is reserved", zone->name, pfn);
	if (page->_mapcount != FREE_MAPCOUNT)
		return broken(why, len, "%s: free pfn %#lx has mapcount %d", zone->name, pfn,
			      page->_mapcount);
	page->_mapcount = VISITED;
	if (order < MAX_ORDER - 1) {
		unsigned long bpfn = pfn ^ n;
		struct page *b = pfn_valid(bpfn) ? pfn_to_page(bpfn) : NULL;

		if (b && PageBuddy(b) && b->private == order && page_zone(b) == zone)
			return broken(why, len, "%s: buddies %#lx and %#lx of order %u both free",
				      zone->name, pfn, bpfn, order);
	}
	return true;
}

/* Walk at most @max entries of @head; the count, or max + 1 if longer. */
static unsigned long walk_free_list(struct zone *zone, struct list_head *head, unsigned int order,
				    unsigned long max, char *why, size_t len)
{
	unsigned long n = 0;

	for (struct list_head *pos = head->next; pos != head && n <= max; pos = pos->next) {
		n++;
		if (n <= max)
			check_listed_block(zone, list_entry(pos, struct page, lru), order, why,
					   len);
	}
	return n;
}

/* Every PG_buddy page of the memmap must head a block the lists showed. */
static void scan_memmap(struct zone *zone, char *why, size_t len)
{
	unsigned long pfn = zone->zone_start_pfn, end = zone_end_pfn(zone);

	while (pfn < end) {
		struct page *p;
		unsigned long n;

		if (!pfn_valid(pfn)) {
			pfn = ALIGN_DOWN(pfn, PAGES_PER_SECTION) + PAGES_PER_SECTION;
			continue;
		}
		p = pfn_to_page(pfn);
		if (!PageBuddy(p) || page_zone(p) != zone) {
			pfn++;
			continue;
		}
		if (p->_mapcount != VISITED)
			broken(why, len, "%s: PG_buddy pfn %#lx (order %lu) is on no free list",
			       zone->name, pfn, p->private);
		n = p->private < MAX_ORDER ? 1UL << p->private : 1;
		for (unsigned long i = 1; i < n && pfn + i < end; i++) {
			struct page *q = pfn_valid(pfn + i) ? pfn_to_page(pfn + i) : NULL;

			if (!q)
				broken(why, len, "%s: free block %#lx covers a memmap hole",
				       zone->name, pfn);
			else if (PageBuddy(q) || PageReserved(q))
				broken(why, len, "%s: pfn %#lx inside free block %#lx is %s",
				       zone->name, pfn + i, pfn,
				       PageBuddy(q) ? "PG_buddy" : "reserved");
		}
		pfn += n;
	}
}

/* Put the -1 back on every block the walk may have marked. */
static void unmark(struct zone *zone)
{
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct list_head *head = &zone->free_area[o].free_list[mt];
			unsigned long n = 0, max = zone->free_area[o].nr_free + 1;

			for (struct list_head *pos = head->next; pos != head && n < max;
			     pos = pos->next, n++) {
				struct page *p = list_entry(pos, struct page, lru);

				if (p->_mapcount == VISITED)
					p->_mapcount = FREE_MAPCOUNT;
			}
		}
}

static void check_pcp(struct zone *zone, char *why, size_t len)
{
	if (!zone->pageset)
		return;
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct per_cpu_pages *pcp = per_cpu_ptr(zone->pageset, cpu);
		unsigned long n = 0, max = pcp->count < 0 ? 0 : (unsigned long)pcp->count;

		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
			struct list_head *head = &pcp->lists[mt];

			for (struct list_head *pos = head->next; pos != head && n <= max;
			     pos = pos->next) {
				struct page *p = list_entry(pos, struct page, lru);

				n++;
				if (PageBuddy(p) || PageReserved(p) || page_zone(p) != zone)
					broken(why, len, "%s: pcp page %#lx is %s", zone->name,
					       page_to_pfn(p),
					       PageBuddy(p)	 ? "PG_buddy"
					       : PageReserved(p) ? "reserved"
								 : "of another zone");
			}
		}
		if (n != max)
			broken(why, len, "%s: cpu %u pcp count %d, lists hold %s%lu", zone->name,
			       cpu, pcp->count, n > max ? "more than " : "", n > max ? max : n);
	}
}

static void check_zone(struct zone *zone, char *why, size_t len)
{
	unsigned long sum = 0;

	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		struct free_area *area = &zone->free_area[o];
		unsigned long n = 0;

		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			n += walk_free_list(zone, &area->free_list[mt], o,
					    area->nr_free - (n < area->nr_free ? n : area->nr_free),
					    why, len);
		if (n != area->nr_free)
			broken(why, len, "%s: order %u: nr_free %lu, lists hold %s%lu", zone->name,
			       o, area->nr_free, n > area->nr_free ? "more than " : "",
			       n > area->nr_free ? area->nr_free : n);
		sum += area->nr_free << o;
	}
	if (sum != zone->free_pages)
		broken(why, len, "%s: free_pages %lu, free blocks add up to %lu", zone->name,
		       zone->free_pages, sum);
	if (zone->free_pages > zone->managed_pages)
		broken(why, len, "%s: free_pages %lu > managed %lu", zone->name, zone->free_pages,
		       zone->managed_pages);
	scan_memmap(zone, why, len);
	unmark(zone);
	check_pcp(zone, why, len);
}

bool check_buddy_invariants(char *why, size_t len)
{
	struct zone *zone;

	why[0] = '\0';
	for_each_populated_zone(zone) {
		unsigned long flags;

		spin_lock_irqsave(&zone->lock, flags);
		check_zone(zone, why, len);
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	return !why[0];
}

void buddy_snapshot_take(struct buddy_snapshot *s)
{
	struct zone *zone;

	s->nr_zones = 0;
	for_each_populated_zone(zone) {
		if (s->nr_zones == BUDDY_SNAPSHOT_ZONES)
			break;
		s->z[s->nr_zones].zone = zone;
		s->z[s->nr_zones].free_pages = zone->free_pages;
		for (int o = 0; o < MAX_ORDER; o++)
			s->z[s->nr_zones].nr_free[o] = zone->free_area[o].nr_free;
		s->nr_zones++;
	}
}

bool buddy_snapshot_equal(const struct buddy_snapshot *s, char *why, size_t len)
{
	why[0] = '\0';
	for (unsigned int i = 0; i < s->nr_zones; i++) {
		const struct zone *zone = s->z[i].zone;

		if (zone->free_pages != s->z[i].free_pages)
			broken(why, len, "node %d %s: %lu free pages, was %lu",
			       zone->zone_pgdat->node_id, zone->name, zone->free_pages,
			       s->z[i].free_pages);
		for (int o = 0; o < MAX_ORDER; o++)
			if (zone->free_area[o].nr_free != s->z[i].nr_free[o])
				broken(why, len, "node %d %s: %lu free blocks of order %d, was %lu",
				       zone->zone_pgdat->node_id, zone->name,
				       zone->free_area[o].nr_free, o, s->z[i].nr_free[o]);
	}
	return !why[0];
}
