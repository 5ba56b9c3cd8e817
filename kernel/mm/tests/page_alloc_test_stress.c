// SPDX-License-Identifier: MIT
/*
 * The page_alloc suite under pressure: thousands of random allocations and
 * frees, and running out of memory down to the watermarks and past them.
 * See page_alloc_test.c.
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
static char why[200];

/* xorshift64*: deterministic, so a failure reproduces. */
static uint64_t rnd_state;

static uint64_t rnd(void)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return (rnd_state * 0x2545f4914f6cdd1dULL) >> 11;
}

struct live_block {
	struct page *page;
	unsigned long order;
};

#define STRESS_OPS  3000
#define STRESS_LIVE 1024 /* 16 KiB of live_block: one order-2 block */

static const gfp_t stress_gfps[] = {
	GFP_KERNEL,
	GFP_KERNEL | __GFP_COLD,
	GFP_KERNEL | GFP_DMA,
	GFP_KERNEL | GFP_DMA32,
	GFP_KERNEL | __GFP_ZERO,
	GFP_HIGHUSER_MOVABLE,
	GFP_KERNEL | __GFP_RECLAIMABLE,
	GFP_ATOMIC,
	GFP_KERNEL | GFP_DMA | __GFP_MEMALLOC,
	GFP_HIGHUSER_MOVABLE | __GFP_ZERO | __GFP_COLD,
};

/* A zeroed block reads zero in its first and last page (all of it if small). */
static bool block_is_zero(struct page *page, unsigned int order)
{
	unsigned long n = pat_block_pages(order);
	const unsigned long *first = page_address(page);
	const unsigned long *last = page_address(pfn_to_page(page_to_pfn(page) + n - 1));
	unsigned long words = PAGE_SIZE / sizeof(long) * (order <= 2 ? n : 1);

	for (unsigned long i = 0; i < words; i++)
		if (first[i])
			return false;
	for (unsigned long i = 0; i < PAGE_SIZE / sizeof(long); i++)
		if (last[i])
			return false;
	return true;
}

/* Dirty the first and last page so a later __GFP_ZERO has work to do. */
static void scribble(struct page *page, unsigned int order)
{
	unsigned long *first = page_address(page);
	unsigned long *last =
		page_address(pfn_to_page(page_to_pfn(page) + pat_block_pages(order) - 1));

	first[0] = 0x5a5a5a5a5a5a5a5aUL;
	last[PAGE_SIZE / sizeof(long) - 1] = 0xa5a5a5a5a5a5a5a5UL;
}

static void stress_alloc(struct ktest *t, struct live_block *live, unsigned int *nlive,
			 unsigned long *bad)
{
	gfp_t gfp = stress_gfps[rnd() % (sizeof(stress_gfps) / sizeof(stress_gfps[0]))];
	unsigned int o = (rnd() & 7) < 6 ? (unsigned int)(rnd() % 4)
					 : (unsigned int)(rnd() % MAX_ORDER);
	struct page *p = alloc_pages(gfp | NOWARN, o);
	const char *problem;

	if (!p)
		return;
	problem = pat_block_problem(p, o);
	if (!problem && page_to_pfn(p) + pat_block_pages(o) > pat_pfn_limit_of(gfp))
		problem = "above its zone limit";
	if (!problem && zone_idx(page_zone(p)) > pat_max_zone_of(gfp))
		problem = "from a zone above the gfp's";
	if (!problem && (gfp & __GFP_ZERO) && !block_is_zero(p, o))
		problem = "__GFP_ZERO block not zeroed";
	if (problem && !(*bad)++)
		ktest_printf(t, "order %u gfp %#x block %#lx: %s", o, gfp, page_to_pfn(p), problem);
	scribble(p, o);
	live[*nlive].page = p;
	live[*nlive].order = o;
	(*nlive)++;
}

/*
 * Thousands of random allocations and frees (orders, zones, mobility,
 * hot/cold, zeroing), the full invariant check every 500 operations, and
 * exactly the starting counts once everything is freed. Catches what the
 * targeted cases miss: fallback stealing corrupting lists, merges across
 * migrate types, pcp/buddy double accounting.
 */
void page_alloc_random_stress(struct ktest *t)
{
	struct page *table_page = alloc_pages(GFP_KERNEL | NOWARN, 2);
	struct live_block *live;
	unsigned int nlive = 0;
	unsigned long bad = 0;

	KTEST_ASSERT_NOT_NULL(t, table_page);
	live = page_address(table_page);
	rnd_state = 0x9e3779b97f4a7c15ULL;
	drain_local_pages();
	buddy_snapshot_take(&pat_snap);
	for (unsigned int op = 1; op <= STRESS_OPS; op++) {
		if (!nlive || (nlive < STRESS_LIVE && rnd() % 100 < 55)) {
			stress_alloc(t, live, &nlive, &bad);
		} else {
			unsigned int i = (unsigned int)(rnd() % nlive);

			__free_pages(live[i].page, (unsigned int)live[i].order);
			live[i] = live[--nlive];
		}
		if (op % 500 == 0 && !check_buddy_invariants(why, sizeof(why))) {
			ktest_printf(t, "after %u operations: %s", op, why);
			KTEST_EXPECT_TRUE(t, false);
			break;
		}
	}
	KTEST_EXPECT_EQ(t, bad, 0UL);
	while (nlive) {
		nlive--;
		__free_pages(live[nlive].page, (unsigned int)live[nlive].order);
	}
	pat_expect_snapshot(t);
	pat_expect_invariants(t);
	__free_pages(table_page, 2);
}

/* Per-CPU pages of @zone, all CPUs. */
static unsigned long pcp_pages(const struct zone *zone)
{
	unsigned long n = 0;

	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
		n += zone->pageset ? (unsigned long)per_cpu_ptr(zone->pageset, cpu)->count : 0;
	return n;
}

/* Take every block @gfp can get, largest first (fast even for 8 GiB). */
static void exhaust(gfp_t gfp, struct list_head held[MAX_ORDER])
{
	for (int o = MAX_ORDER - 1; o >= 0; o--) {
		struct page *p;

		while ((p = alloc_pages(gfp | NOWARN, (unsigned int)o)))
			pat_hold(&held[o], p);
	}
}

/*
 * Out of memory: GFP_KERNEL stops at the min watermark plus the lowmem
 * reserve, the next attempt fails with exactly one report, __GFP_MEMALLOC
 * may still dip into the reserve until every reachable zone is empty, and
 * after freeing everything the counts and allocations are back. Catches
 * watermark arithmetic errors, reports missing or repeated, a NOWARN that
 * still prints, and pages lost on the failure path.
 */
void page_alloc_oom(struct ktest *t)
{
	gfp_t kernel = GFP_KERNEL | pat_heavy_zone_gfp();
	int top = pat_max_zone_of(kernel), big = 0;
	struct list_head held[MAX_ORDER];
	struct page *p;
	long n;

	pat_init_held(held);
	drain_local_pages();
	buddy_snapshot_take(&pat_snap);
	pat_log_clear();
	exhaust(kernel, held);
	KTEST_EXPECT_NULL(t, alloc_pages(kernel | NOWARN, 0));
	n = pat_log_count("page allocation failure");
	if (n >= 0)
		KTEST_EXPECT_EQ(t, n, 0L); /* __GFP_NOWARN failures stay quiet */

	/* Down to min + lowmem_reserve; one pcp refill may take a batch more. */
	for (unsigned int i = 0; i < pat_snap.nr_zones; i++) {
		struct zone *z = (struct zone *)pat_snap.z[i].zone;
		long mark = (long)min_wmark_pages(z) + z->lowmem_reserve[top];
		long low_bound = mark + 1 - (z->pageset ? this_cpu_ptr(z->pageset)->batch : 1);

		if (zone_idx(z) > top)
			continue;
		if (low_bound > (long)pat_snap.z[i].free_pages)
			low_bound = (long)pat_snap.z[i].free_pages;
		KTEST_EXPECT_LE(t, (long)z->free_pages,
				mark > (long)pat_snap.z[i].free_pages
					? (long)pat_snap.z[i].free_pages
					: mark);
		KTEST_EXPECT_GE(t, (long)z->free_pages, low_bound < 0 ? 0 : low_bound);
	}

	pat_log_clear();
	KTEST_EXPECT_NULL(t, alloc_pages(kernel, 0));
	n = pat_log_count("page allocation failure: order:");
	if (n >= 0) {
		KTEST_EXPECT_EQ(t, n, 1L);
		/* GFP_KERNEL is __GFP_RECLAIM|__GFP_IO|__GFP_FS = 0x700, __GFP_DMA 0x1 */
		KTEST_EXPECT_TRUE(
			t,
			pat_log_has_line(
				pat_heavy_zone_gfp()
					? "swapper/0: page allocation failure: order:0, mode:0x701(GFP_KERNEL|__GFP_DMA), nodemask=(null)"
					: "swapper/0: page allocation failure: order:0, mode:0x700(GFP_KERNEL), nodemask=(null)"));
	}

	/* The reserve below min is for __GFP_MEMALLOC: it gets pages still. */
	p = alloc_pages(kernel | __GFP_MEMALLOC | NOWARN, 0);
	KTEST_EXPECT_NOT_NULL(t, p);
	if (p)
		pat_hold(&held[0], p);
	exhaust(kernel | __GFP_MEMALLOC, held);
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_ATOMIC | pat_heavy_zone_gfp() | NOWARN, 0));
	for (unsigned int i = 0; i < pat_snap.nr_zones; i++) {
		const struct zone *z = pat_snap.z[i].zone;

		if (zone_idx(z) > top) {
			KTEST_EXPECT_EQ(t, z->free_pages, pat_snap.z[i].free_pages);
			continue;
		}
		KTEST_EXPECT_EQ(t, z->free_pages, 0UL);
		KTEST_EXPECT_EQ(t, pcp_pages(z), 0UL);
	}

	pat_release_all(held);
	pat_expect_snapshot(t);
	p = alloc_pages(kernel | NOWARN, 0);
	KTEST_EXPECT_NOT_NULL(t, p);
	if (p)
		__free_pages(p, 0);
	/* The largest block the zones had before is there again (a small
	 * machine may have no free MAX_ORDER - 1 block at all). */
	for (unsigned int i = 0; i < pat_snap.nr_zones; i++)
		for (int o = MAX_ORDER - 1; o > big; o--)
			if (zone_idx(pat_snap.z[i].zone) <= top && pat_snap.z[i].nr_free[o])
				big = o;
	p = alloc_pages(kernel | NOWARN, (unsigned int)big);
	KTEST_EXPECT_NOT_NULL(t, p);
	if (p)
		__free_pages(p, (unsigned int)big);
	pat_expect_invariants(t);
}
