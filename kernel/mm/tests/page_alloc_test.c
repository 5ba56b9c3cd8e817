// SPDX-License-Identifier: MIT
/*
 * ktest suite "page_alloc": the buddy allocator, its per-CPU lists, zone
 * restriction, watermarks and bad-page checks. Here the helpers the case
 * files share, the whole-memory and hot/cold cases and the suite; zone
 * restriction and node fallback in page_alloc_test_zone.c, random stress
 * and out of memory in page_alloc_test_stress.c, bad frees and poisoning
 * in page_alloc_test_bad.c. The same files run at the end of boot on the
 * live allocator (selftest=page_alloc) and on the host on simulated
 * machines (test/host/test_page_alloc.c), so every case leaves the
 * allocator as it found it, and expected numbers come from the free
 * counts taken before the case, never from the allocator's answers.
 *
 * Blocks a case holds are chained through their own struct pages (lru
 * belongs to the owner of an allocated page): the kernel has no other
 * allocator yet, and the page contents stay untouched.
 */
#include "../internal.h"
#include "page_alloc_test.h"

#include <kernel/percpu.h>
#include <lib/string.h>
#include <lib/vsprintf.h>
#include <mm/nodemask.h>
#include <mm/page_alloc.h>
#include <mm/page_alloc_debug.h>

/* One case at a time and kernel stacks are small: big state is static. */
struct buddy_snapshot pat_snap;
static char why[200];

void pat_hold(struct list_head *held, struct page *page)
{
	list_add(&page->lru, held);
}

/* Free every block on @held, all of order @order. */
void pat_release(struct list_head *held, unsigned int order)
{
	while (!list_empty(held)) {
		struct page *p = list_first_entry(held, struct page, lru);

		list_del(&p->lru);
		__free_pages(p, order);
	}
}

void pat_release_all(struct list_head held[MAX_ORDER])
{
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		pat_release(&held[o], o);
}

void pat_init_held(struct list_head held[MAX_ORDER])
{
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		INIT_LIST_HEAD(&held[o]);
}

static int snap_index(const struct zone *zone)
{
	for (unsigned int i = 0; i < pat_snap.nr_zones; i++)
		if (pat_snap.z[i].zone == zone)
			return (int)i;
	return -1;
}

void pat_expect_invariants(struct ktest *t)
{
	bool ok = check_buddy_invariants(why, sizeof(why));

	if (!ok)
		ktest_printf(t, "invariant: %s", why);
	KTEST_EXPECT_TRUE(t, ok);
}

/* Drain, then the counts must be exactly those of the snapshot. */
void pat_expect_snapshot(struct ktest *t)
{
	bool ok;

	drain_local_pages();
	ok = buddy_snapshot_equal(&pat_snap, why, sizeof(why));
	if (!ok)
		ktest_printf(t, "snapshot: %s", why);
	KTEST_EXPECT_TRUE(t, ok);
}

/* Something a block of 2^@order at @page breaks, or NULL. */
const char *pat_block_problem(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), n = pat_block_pages(order);
	struct zone *zone = page_zone(page);

	if (pfn & (n - 1))
		return "misaligned";
	if (pfn < zone->zone_start_pfn || pfn + n > zone_end_pfn(zone))
		return "outside its zone";
	if (page_ref_count(page) != 1)
		return "refcount not 1";
	for (unsigned long i = 0; i < n; i++) {
		struct page *p = pfn_to_page(pfn + i);

		if (PageReserved(p) || PageBuddy(p) || page_zone(p) != zone)
			return "a page is reserved, free or of another zone";
	}
	return NULL;
}

/* Linux's gfp_zone() and the zone bounds, from the flags alone. */
int pat_max_zone_of(gfp_t gfp)
{
	if (gfp & __GFP_DMA)
		return ZONE_DMA;
	if (gfp & __GFP_DMA32)
		return ZONE_DMA32;
	if ((gfp & (__GFP_HIGHMEM | __GFP_MOVABLE)) == (__GFP_HIGHMEM | __GFP_MOVABLE))
		return ZONE_MOVABLE;
	return ZONE_NORMAL;
}

unsigned long pat_pfn_limit_of(gfp_t gfp)
{
	if (gfp & __GFP_DMA)
		return PFN_DOWN(16UL << 20);
	if (gfp & __GFP_DMA32)
		return PFN_DOWN(4UL << 30);
	return ~0UL;
}

/*
 * With page_poison=on every allocation reads every byte: under TCG the
 * whole-memory cases would take minutes, so they stay in ZONE_DMA.
 */
gfp_t pat_heavy_zone_gfp(void)
{
	return page_poisoning_enabled ? __GFP_DMA : 0;
}

/*
 * Allocating order o until NULL must hand out exactly the free blocks of
 * order >= o, aligned, in their zone, unreserved; freeing them must give
 * back the same per-order counts. Catches lost or duplicated blocks,
 * broken splitting (expand) or merging, wrong free_pages accounting,
 * pages reachable twice, and blocks crossing a zone boundary.
 */
static void page_alloc_all_pages_every_order(struct ktest *t)
{
	gfp_t gfp = (pat_heavy_zone_gfp() ? pat_heavy_zone_gfp() : GFP_HIGHUSER_MOVABLE) |
		    __GFP_MEMALLOC | NOWARN;
	int top = pat_max_zone_of(gfp);

	drain_local_pages();
	buddy_snapshot_take(&pat_snap);
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		unsigned long got[BUDDY_SNAPSHOT_ZONES] = { 0 }, bad = 0;
		struct list_head held;
		struct page *p;

		INIT_LIST_HEAD(&held);
		while ((p = alloc_pages(gfp, o))) {
			const char *problem = pat_block_problem(p, o);
			int i = snap_index(page_zone(p));

			if (problem && !bad++)
				ktest_printf(t, "order %u block %#lx: %s", o, page_to_pfn(p),
					     problem);
			if (i < 0 || zone_idx(page_zone(p)) > top)
				bad++;
			else
				got[i] += pat_block_pages(o);
			pat_hold(&held, p);
		}
		KTEST_EXPECT_EQ(t, bad, 0UL);
		for (unsigned int i = 0; i < pat_snap.nr_zones; i++) {
			unsigned long want = 0;

			if (zone_idx(pat_snap.z[i].zone) <= top)
				for (unsigned int k = o; k < MAX_ORDER; k++)
					want += pat_snap.z[i].nr_free[k] << k;
			if (got[i] != want)
				ktest_printf(
					t,
					"order %u, %s: got %lu pages, %lu were free in blocks >= order %u",
					o, pat_snap.z[i].zone->name, got[i], want, o);
			KTEST_EXPECT_EQ(t, got[i], want);
		}
		pat_release(&held, o);
		drain_local_pages(); /* freed single pages wait on the pcp lists */
	}
	pat_expect_snapshot(t);
	pat_expect_invariants(t);
}

/*
 * The freed page comes back first (hot, list head); __GFP_COLD takes the
 * tail, the page freed longest ago. After a drain, taking exactly one
 * batch empties the pcp list, so freeing that batch orders the list by
 * hand. Catches head/tail mix-ups in free_unref_page or rmqueue_pcplist.
 */
static void page_alloc_hot_cold(struct ktest *t)
{
	struct page *pages[64], *first, *p;
	struct zone *zone;
	int batch;

	drain_local_pages();
	first = alloc_page(GFP_KERNEL | NOWARN);
	KTEST_ASSERT_NOT_NULL(t, first);
	zone = page_zone(first);
	if (!zone->pageset) {
		__free_page(first);
		KTEST_SKIP(t, "no per-CPU pageset");
	}
	batch = this_cpu_ptr(zone->pageset)->batch;
	if (batch < 3 || batch > 64) {
		__free_page(first);
		KTEST_SKIP(t, "pcp batch outside 3..64");
	}
	pages[0] = first;
	for (int i = 1; i < batch; i++) {
		pages[i] = alloc_page(GFP_KERNEL | NOWARN);
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
		KTEST_EXPECT_EQ(t, page_zone(pages[i]), zone);
	}
	/* One refill of @batch, all handed out: the list is empty. */
	KTEST_EXPECT_EQ(t, this_cpu_ptr(zone->pageset)->count, 0);
	for (int i = 0; i < batch; i++)
		__free_page(pages[i]);
	KTEST_EXPECT_EQ(t, this_cpu_ptr(zone->pageset)->count, batch);

	p = alloc_page(GFP_KERNEL | NOWARN);
	KTEST_EXPECT_EQ(t, p, pages[batch - 1]); /* freed last: hottest */
	if (p)
		__free_page(p);
	p = alloc_page(GFP_KERNEL | __GFP_COLD | NOWARN);
	KTEST_EXPECT_EQ(t, p, pages[0]); /* freed first: coldest */
	if (p)
		__free_page(p);
	/* A hot free of the cold page puts it at the head. */
	p = alloc_page(GFP_KERNEL | NOWARN);
	KTEST_EXPECT_EQ(t, p, pages[0]);
	if (p)
		__free_page(p);
	drain_local_pages();
	pat_expect_invariants(t);
}

const struct ktest_case page_alloc_cases[] = {
	KTEST_CASE(page_alloc_all_pages_every_order),
	KTEST_CASE(page_alloc_zone_restriction),
	KTEST_CASE(page_alloc_random_stress),
	KTEST_CASE(page_alloc_oom),
	KTEST_CASE(page_alloc_hot_cold),
	KTEST_CASE(page_alloc_bad_double_free_pcp),
	KTEST_CASE(page_alloc_bad_double_free_buddy),
	KTEST_CASE(page_alloc_bad_free_reserved),
	KTEST_CASE(page_alloc_bad_wrong_order),
	KTEST_CASE(page_alloc_bad_misaligned),
	KTEST_CASE(page_alloc_bad_foreign_address),
	KTEST_CASE(page_alloc_poison),
	KTEST_CASES_END,
};

static const struct ktest_suite page_alloc_suite = {
	.name = "page_alloc",
	.cases = page_alloc_cases,
	.init = pat_env_init,
	.exit = pat_env_exit,
};
KTEST_SUITE(page_alloc_suite);
