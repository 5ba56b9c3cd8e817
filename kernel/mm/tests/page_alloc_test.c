// SPDX-License-Identifier: MIT
/*
 * ktest suite "page_alloc": the buddy allocator, its per-CPU lists, zone
 * restriction, watermarks and bad-page checks. The same file runs at the
 * end of boot on the live allocator (selftest=page_alloc) and on the host
 * on simulated machines (test/host/test_page_alloc.c), so every case
 * leaves the allocator as it found it, and expected numbers come from the
 * free counts taken before the case, never from the allocator's answers.
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

#define NOWARN __GFP_NOWARN

/* One at a time: kernel stacks are small, and cases never nest. */
static struct buddy_snapshot snap;
static char why[200], line[200];

static unsigned long block_pages(unsigned int order)
{
	return 1UL << order;
}

static void hold(struct list_head *held, struct page *page)
{
	list_add(&page->lru, held);
}

/* Free every block on @held, all of order @order. */
static void release(struct list_head *held, unsigned int order)
{
	while (!list_empty(held)) {
		struct page *p = list_first_entry(held, struct page, lru);

		list_del(&p->lru);
		__free_pages(p, order);
	}
}

static void release_all(struct list_head held[MAX_ORDER])
{
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		release(&held[o], o);
}

static void init_held(struct list_head held[MAX_ORDER])
{
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		INIT_LIST_HEAD(&held[o]);
}

static int snap_index(const struct zone *zone)
{
	for (unsigned int i = 0; i < snap.nr_zones; i++)
		if (snap.z[i].zone == zone)
			return (int)i;
	return -1;
}

static void expect_invariants(struct ktest *t)
{
	bool ok = check_buddy_invariants(why, sizeof(why));

	if (!ok)
		ktest_printf(t, "invariant: %s", why);
	KTEST_EXPECT_TRUE(t, ok);
}

/* Drain, then the counts must be exactly those of the snapshot. */
static void expect_snapshot(struct ktest *t)
{
	bool ok;

	drain_local_pages();
	ok = buddy_snapshot_equal(&snap, why, sizeof(why));
	if (!ok)
		ktest_printf(t, "snapshot: %s", why);
	KTEST_EXPECT_TRUE(t, ok);
}

/* Is @pfn inside a block on a buddy free list? (pcp lists drained first) */
static bool pfn_is_free(unsigned long pfn)
{
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		unsigned long head = pfn & ~(block_pages(o) - 1);
		struct page *p = pfn_valid(head) ? pfn_to_page(head) : NULL;

		if (p && PageBuddy(p) && p->private >= o)
			return true;
	}
	return false;
}

/* Something a block of 2^@order at @page breaks, or NULL. */
static const char *block_problem(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), n = block_pages(order);
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
static int max_zone_of(gfp_t gfp)
{
	if (gfp & __GFP_DMA)
		return ZONE_DMA;
	if (gfp & __GFP_DMA32)
		return ZONE_DMA32;
	if ((gfp & (__GFP_HIGHMEM | __GFP_MOVABLE)) == (__GFP_HIGHMEM | __GFP_MOVABLE))
		return ZONE_MOVABLE;
	return ZONE_NORMAL;
}

static unsigned long pfn_limit_of(gfp_t gfp)
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
static gfp_t heavy_zone_gfp(void)
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
	gfp_t gfp = (heavy_zone_gfp() ? heavy_zone_gfp() : GFP_HIGHUSER_MOVABLE) | __GFP_MEMALLOC |
		    NOWARN;
	int top = max_zone_of(gfp);

	drain_local_pages();
	buddy_snapshot_take(&snap);
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		unsigned long got[BUDDY_SNAPSHOT_ZONES] = { 0 }, bad = 0;
		struct list_head held;
		struct page *p;

		INIT_LIST_HEAD(&held);
		while ((p = alloc_pages(gfp, o))) {
			const char *problem = block_problem(p, o);
			int i = snap_index(page_zone(p));

			if (problem && !bad++)
				ktest_printf(t, "order %u block %#lx: %s", o, page_to_pfn(p),
					     problem);
			if (i < 0 || zone_idx(page_zone(p)) > top)
				bad++;
			else
				got[i] += block_pages(o);
			hold(&held, p);
		}
		KTEST_EXPECT_EQ(t, bad, 0UL);
		for (unsigned int i = 0; i < snap.nr_zones; i++) {
			unsigned long want = 0;

			if (zone_idx(snap.z[i].zone) <= top)
				for (unsigned int k = o; k < MAX_ORDER; k++)
					want += snap.z[i].nr_free[k] << k;
			if (got[i] != want)
				ktest_printf(
					t,
					"order %u, %s: got %lu pages, %lu were free in blocks >= order %u",
					o, snap.z[i].zone->name, got[i], want, o);
			KTEST_EXPECT_EQ(t, got[i], want);
		}
		release(&held, o);
		drain_local_pages(); /* freed single pages wait on the pcp lists */
	}
	expect_snapshot(t);
	expect_invariants(t);
}

/* Up to 64 blocks of orders 0-3 with @gfp; each must respect its zones. */
static void check_zone_limit(struct ktest *t, gfp_t gfp)
{
	unsigned long limit = pfn_limit_of(gfp), n = 0;
	int top = max_zone_of(gfp);
	struct list_head held[MAX_ORDER];

	init_held(held);
	for (unsigned int i = 0; i < 64; i++) {
		unsigned int o = i % 4;
		struct page *p = alloc_pages(gfp | NOWARN, o);
		unsigned long pfn;

		if (!p)
			continue;
		n++;
		pfn = page_to_pfn(p);
		hold(&held[o], p);
		KTEST_EXPECT_LE(t, pfn + block_pages(o), limit);
		KTEST_EXPECT_LE(t, zone_idx(page_zone(p)), top);
		KTEST_EXPECT_EQ(t, page_zonenum(p), zone_idx(page_zone(p)));
		KTEST_EXPECT_TRUE(t, zone_spans_pfn(page_zone(p), pfn));
	}
	/* ZONE_DMA exists on every x86 machine: each of these must succeed. */
	KTEST_EXPECT_EQ(t, n, 64UL);
	release_all(held);
}

/* Every block node @nid can give @gfp, largest first. */
static void exhaust_node(int nid, gfp_t gfp, struct list_head held[MAX_ORDER])
{
	for (int o = MAX_ORDER - 1; o >= 0; o--) {
		struct page *p;

		while ((p = alloc_pages_node(nid, gfp | NOWARN, (unsigned int)o)))
			hold(&held[o], p);
	}
}

/*
 * With a second node: once node 1 is empty, __GFP_THISNODE on it fails
 * while a plain allocation falls back to node 0. Catches THISNODE using
 * the fallback zonelist.
 */
static void check_thisnode_exhausted(struct ktest *t)
{
	struct list_head held[MAX_ORDER];
	struct page *p;
	int nid = 1;

	if (!node_state(nid, N_MEMORY) || nodes_weight(node_states[N_MEMORY]) < 2)
		return; /* one node with memory: nothing to fall back to */
	init_held(held);
	exhaust_node(nid, GFP_HIGHUSER_MOVABLE | __GFP_THISNODE | __GFP_MEMALLOC, held);
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		for (struct list_head *pos = held[o].next; pos != &held[o]; pos = pos->next)
			KTEST_EXPECT_EQ(t, page_to_nid(list_entry(pos, struct page, lru)), nid);
	KTEST_EXPECT_NULL(t, alloc_pages_node(nid, GFP_KERNEL | __GFP_THISNODE | NOWARN, 0));
	p = alloc_pages_node(nid, GFP_KERNEL | NOWARN, 0);
	KTEST_EXPECT_NOT_NULL(t, p);
	if (p) {
		KTEST_EXPECT_NE(t, page_to_nid(p), nid);
		__free_page(p);
	}
	release_all(held);
}

/* The nodes of @nid's fallback zonelist, in order, each once. */
static int fallback_nodes(int nid, int order[MAX_NUMNODES])
{
	const struct zoneref *z = NODE_DATA(nid)->node_zonelists[ZONELIST_FALLBACK]._zonerefs;
	int n = 0;

	for (; z->zone; z++) {
		int zn = z->zone->zone_pgdat->node_id;

		if (!n || order[n - 1] != zn)
			order[n++] = zn;
	}
	return n;
}

/*
 * For every node: empty the nodes of its fallback order one by one
 * (__GFP_THISNODE); each time, a plain allocation preferring the node must
 * come from the first node not yet empty. The order itself is checked
 * against Linux's "Fallback order" lines by the NUMA boot tests; this
 * catches an allocator that does not follow it.
 */
static void check_fallback_order(struct ktest *t)
{
	const gfp_t gfp = GFP_HIGHUSER_MOVABLE;
	int nid;

	for_each_node(nid)
	{
		struct list_head held[MAX_ORDER];
		int order[MAX_NUMNODES], n = fallback_nodes(nid, order);

		init_held(held);
		for (int k = 0; k < n; k++) {
			struct page *p = alloc_pages_node(nid, gfp | NOWARN, 0);

			KTEST_EXPECT_NOT_NULL(t, p);
			if (p) {
				if (page_to_nid(p) != order[k])
					ktest_printf(
						t,
						"node %d, %d nodes empty: page from node %d, want %d",
						nid, k, page_to_nid(p), order[k]);
				KTEST_EXPECT_EQ(t, page_to_nid(p), order[k]);
				__free_page(p);
			}
			exhaust_node(order[k], gfp | __GFP_THISNODE | __GFP_MEMALLOC, held);
		}
		KTEST_EXPECT_NULL(t, alloc_pages_node(nid, gfp | NOWARN, 0));
		release_all(held);
	}
}

/*
 * GFP_DMA below 16 MiB, GFP_DMA32 below 4 GiB, GFP_KERNEL never from
 * ZONE_MOVABLE, __GFP_THISNODE on its node: catches a wrong gfp_zone,
 * a zonelist walk that ignores highest_zoneidx, or a fallback across nodes.
 */
static void page_alloc_zone_restriction(struct ktest *t)
{
	check_zone_limit(t, GFP_KERNEL | GFP_DMA);
	check_zone_limit(t, GFP_KERNEL | GFP_DMA32);
	check_zone_limit(t, GFP_KERNEL);
	check_zone_limit(t, GFP_KERNEL | __GFP_RECLAIMABLE);
	check_zone_limit(t, GFP_HIGHUSER_MOVABLE);

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct list_head held[MAX_ORDER];

		if (!node_state(nid, N_MEMORY) ||
		    !NODE_DATA(nid)->node_zonelists[ZONELIST_NOFALLBACK]._zonerefs[0].zone)
			continue;
		init_held(held);
		for (unsigned int i = 0; i < 16; i++) {
			unsigned int o = i % 4;
			struct page *p =
				alloc_pages_node(nid, GFP_KERNEL | __GFP_THISNODE | NOWARN, o);

			KTEST_EXPECT_NOT_NULL(t, p);
			if (!p)
				continue;
			KTEST_EXPECT_EQ(t, page_to_nid(p), nid);
			hold(&held[o], p);
		}
		release_all(held);
	}
	check_thisnode_exhausted(t);
	check_fallback_order(t);
	expect_invariants(t);
}

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
	unsigned long n = block_pages(order);
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
	unsigned long *last = page_address(pfn_to_page(page_to_pfn(page) + block_pages(order) - 1));

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
	problem = block_problem(p, o);
	if (!problem && page_to_pfn(p) + block_pages(o) > pfn_limit_of(gfp))
		problem = "above its zone limit";
	if (!problem && zone_idx(page_zone(p)) > max_zone_of(gfp))
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
static void page_alloc_random_stress(struct ktest *t)
{
	struct page *table_page = alloc_pages(GFP_KERNEL | NOWARN, 2);
	struct live_block *live;
	unsigned int nlive = 0;
	unsigned long bad = 0;

	KTEST_ASSERT_NOT_NULL(t, table_page);
	live = page_address(table_page);
	rnd_state = 0x9e3779b97f4a7c15ULL;
	drain_local_pages();
	buddy_snapshot_take(&snap);
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
	expect_snapshot(t);
	expect_invariants(t);
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
			hold(&held[o], p);
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
static void page_alloc_oom(struct ktest *t)
{
	gfp_t kernel = GFP_KERNEL | heavy_zone_gfp();
	int top = max_zone_of(kernel);
	struct list_head held[MAX_ORDER];
	struct page *p;
	long n;

	init_held(held);
	drain_local_pages();
	buddy_snapshot_take(&snap);
	pat_log_clear();
	exhaust(kernel, held);
	KTEST_EXPECT_NULL(t, alloc_pages(kernel | NOWARN, 0));
	n = pat_log_count("page allocation failure");
	if (n >= 0)
		KTEST_EXPECT_EQ(t, n, 0L); /* __GFP_NOWARN failures stay quiet */

	/* Down to min + lowmem_reserve; one pcp refill may take a batch more. */
	for (unsigned int i = 0; i < snap.nr_zones; i++) {
		struct zone *z = (struct zone *)snap.z[i].zone;
		long mark = (long)min_wmark_pages(z) + z->lowmem_reserve[top];
		long low_bound = mark + 1 - (z->pageset ? this_cpu_ptr(z->pageset)->batch : 1);

		if (zone_idx(z) > top)
			continue;
		if (low_bound > (long)snap.z[i].free_pages)
			low_bound = (long)snap.z[i].free_pages;
		KTEST_EXPECT_LE(t, (long)z->free_pages,
				mark > (long)snap.z[i].free_pages ? (long)snap.z[i].free_pages
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
				heavy_zone_gfp()
					? "swapper/0: page allocation failure: order:0, mode:0x701(GFP_KERNEL|__GFP_DMA), nodemask=(null)"
					: "swapper/0: page allocation failure: order:0, mode:0x700(GFP_KERNEL), nodemask=(null)"));
	}

	/* The reserve below min is for __GFP_MEMALLOC: it gets pages still. */
	p = alloc_pages(kernel | __GFP_MEMALLOC | NOWARN, 0);
	KTEST_EXPECT_NOT_NULL(t, p);
	if (p)
		hold(&held[0], p);
	exhaust(kernel | __GFP_MEMALLOC, held);
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_ATOMIC | heavy_zone_gfp() | NOWARN, 0));
	for (unsigned int i = 0; i < snap.nr_zones; i++) {
		const struct zone *z = snap.z[i].zone;

		if (zone_idx(z) > top) {
			KTEST_EXPECT_EQ(t, z->free_pages, snap.z[i].free_pages);
			continue;
		}
		KTEST_EXPECT_EQ(t, z->free_pages, 0UL);
		KTEST_EXPECT_EQ(t, pcp_pages(z), 0UL);
	}

	release_all(held);
	expect_snapshot(t);
	p = alloc_pages(kernel | NOWARN, 0);
	KTEST_EXPECT_NOT_NULL(t, p);
	if (p)
		__free_pages(p, 0);
	p = alloc_pages(kernel | NOWARN, MAX_ORDER - 1);
	KTEST_EXPECT_NOT_NULL(t, p);
	if (p)
		__free_pages(p, MAX_ORDER - 1);
	expect_invariants(t);
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
	expect_invariants(t);
}

/* Exactly one more bad page, and (where captured) one report naming @reason. */
static void expect_one_bad(struct ktest *t, unsigned long before, const char *reason)
{
	long n = pat_log_count("BUG: Bad page state");

	KTEST_EXPECT_EQ(t, nr_bad_pages - before, 1UL);
	if (n < 0)
		return;
	KTEST_EXPECT_EQ(t, n, 1L);
	ksnprintf(line, sizeof(line), "page dumped because: %s", reason);
	KTEST_EXPECT_TRUE(t, pat_log_has_line(line));
}

/* After a report the allocator must go on working, invariants intact. */
static void expect_still_works(struct ktest *t)
{
	struct page *p = alloc_pages(GFP_KERNEL | NOWARN, 1);

	KTEST_EXPECT_NOT_NULL(t, p);
	if (p)
		__free_pages(p, 1);
	drain_local_pages();
	expect_invariants(t);
}

/* Freeing a page already on a pcp list: caught by the refcount, not listed twice. */
static void page_alloc_bad_double_free_pcp(struct ktest *t)
{
	struct page *p = alloc_page(GFP_KERNEL | NOWARN);
	unsigned long before;

	KTEST_ASSERT_NOT_NULL(t, p);
	__free_page(p);
	before = nr_bad_pages;
	pat_log_clear();
	__free_page(p);
	expect_one_bad(t, before, "double free: _refcount is already 0");
	expect_still_works(t);
}

/*
 * Freeing a block already in the buddy lists (its buddy held, so it did
 * not merge and still heads a PG_buddy block): caught before a second
 * list insertion corrupts the free list.
 */
static void page_alloc_bad_double_free_buddy(struct ktest *t)
{
	struct page *victim = NULL;
	struct list_head held;
	unsigned long before;

	/*
	 * Order-1 blocks until one's buddy is among them: existing order-1
	 * free blocks are never pairs, but a split block gives one.
	 */
	INIT_LIST_HEAD(&held);
	for (int i = 0; i < 256 && !victim; i++) {
		struct page *p = alloc_pages(GFP_KERNEL | NOWARN, 1), *q;

		if (!p)
			break;
		for (struct list_head *pos = held.next; pos != &held; pos = pos->next) {
			q = list_entry(pos, struct page, lru);
			if (page_to_pfn(q) == (page_to_pfn(p) ^ 2))
				victim = p;
		}
		if (!victim)
			hold(&held, p);
	}
	if (victim) {
		__free_pages(victim, 1);
		KTEST_EXPECT_TRUE(t, PageBuddy(victim));
		before = nr_bad_pages;
		pat_log_clear();
		__free_pages(victim, 1);
		expect_one_bad(t, before, "double free: the block is already free");
	}
	release(&held, 1);
	KTEST_EXPECT_NOT_NULL(t, victim);
	expect_still_works(t);
}

/* The first reserved page below 16 MiB (the low 1 MiB has some everywhere,
 * on whichever node holds it). */
static struct page *find_reserved_page(void)
{
	for (unsigned long pfn = 0; pfn < (16UL << 20) >> PAGE_SHIFT; pfn++)
		if (pfn_valid(pfn) && PageReserved(pfn_to_page(pfn)) &&
		    page_ref_count(pfn_to_page(pfn)) == 1)
			return pfn_to_page(pfn);
	return NULL;
}

/* Freeing a reserved page (firmware, kernel, memmap) must not make it free. */
static void page_alloc_bad_free_reserved(struct ktest *t)
{
	struct page *p = find_reserved_page();
	unsigned long before = nr_bad_pages;

	KTEST_ASSERT_NOT_NULL(t, p);
	drain_local_pages();
	buddy_snapshot_take(&snap);
	pat_log_clear();
	__free_pages(p, 0);
	expect_one_bad(t, before, "PAGE_FLAGS_CHECK_AT_FREE flag(s) set: reserved");
	drain_local_pages();
	KTEST_EXPECT_FALSE(t, pfn_is_free(page_to_pfn(p)));
	KTEST_EXPECT_TRUE(t, PageReserved(p));
	expect_snapshot(t);
	set_page_count(p, 1); /* as memmap_init left it */
	expect_still_works(t);
}

/* Freeing with a smaller order than allocated: the block stays out, whole. */
static void page_alloc_bad_wrong_order(struct ktest *t)
{
	struct page *p = alloc_pages(GFP_KERNEL | NOWARN, 2);
	unsigned long before = nr_bad_pages, pfn;

	KTEST_ASSERT_NOT_NULL(t, p);
	pfn = page_to_pfn(p);
	drain_local_pages();
	buddy_snapshot_take(&snap);
	pat_log_clear();
	__free_pages(p, 1);
	expect_one_bad(t, before, "freed with order 1, allocated with order 2");
	drain_local_pages();
	for (unsigned long i = 0; i < 4; i++)
		KTEST_EXPECT_FALSE(t, pfn_is_free(pfn + i));
	expect_snapshot(t);
	/* Give it back properly, so the kernel keeps its memory. */
	set_page_count(p, 1);
	__free_pages(p, 2);
	KTEST_EXPECT_EQ(t, nr_bad_pages - before, 1UL);
	expect_still_works(t);
}

/* An order-1 free of an odd pfn would merge half of someone else's block. */
static void page_alloc_bad_misaligned(struct ktest *t)
{
	struct page *pages[8], *odd = NULL;
	unsigned long before = nr_bad_pages;

	for (int i = 0; i < 8; i++) {
		pages[i] = alloc_page(GFP_KERNEL | NOWARN);
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
		if (!odd && (page_to_pfn(pages[i]) & 1)) {
			odd = pages[i];
			pages[i] = NULL;
		}
	}
	for (int i = 0; i < 8; i++)
		if (pages[i])
			__free_page(pages[i]);
	KTEST_ASSERT_NOT_NULL(t, odd);
	drain_local_pages();
	buddy_snapshot_take(&snap);
	pat_log_clear();
	__free_pages(odd, 1);
	expect_one_bad(t, before, "pfn not aligned to order 1");
	drain_local_pages();
	KTEST_EXPECT_FALSE(t, pfn_is_free(page_to_pfn(odd)));
	expect_snapshot(t);
	set_page_count(odd, 1);
	__free_page(odd);
	KTEST_EXPECT_EQ(t, nr_bad_pages - before, 1UL);
	expect_still_works(t);
}

static void expect_foreign_free(struct ktest *t, unsigned long addr)
{
	unsigned long before = nr_bad_pages;

	pat_log_clear();
	free_pages(addr, 0);
	KTEST_EXPECT_EQ(t, nr_bad_pages - before, 1UL);
	if (pat_log_count("BUG:") < 0)
		return;
	KTEST_EXPECT_EQ(t, pat_log_count("BUG:"), 1L);
	ksnprintf(line, sizeof(line),
		  "BUG: free_pages(%#lx, 0): not an address the page allocator gave out", addr);
	KTEST_EXPECT_TRUE(t, pat_log_has_line(line));
}

/* free_pages() of an address without a struct page, or inside a page. */
static void page_alloc_bad_foreign_address(struct ktest *t)
{
	unsigned long beyond = nr_mem_sections * PAGES_PER_SECTION; /* no memmap */
	unsigned long addr = __get_free_page(GFP_KERNEL | NOWARN);

	KTEST_ASSERT_NE(t, addr, 0UL);
	drain_local_pages();
	buddy_snapshot_take(&snap);
	expect_foreign_free(t, (unsigned long)__va(PFN_PHYS(beyond)));
	expect_foreign_free(t, addr + 8);
	expect_snapshot(t);
	KTEST_EXPECT_EQ(t, page_ref_count(virt_to_page((void *)addr)), 1);
	free_page(addr);
	expect_still_works(t);
}

/*
 * page_poison=on: a write into a free page shows when it is handed out
 * again, with the first and last byte written; an untouched one does not.
 * Catches poisoning skipped on the pcp path or the check not run.
 */
static void page_alloc_poison(struct ktest *t)
{
	struct page *p, *q;
	unsigned char *mem;
	unsigned long before;

	if (!pat_want_poisoning())
		KTEST_SKIP(t, "page_poison=on not given");
	drain_local_pages();
	p = alloc_page(GFP_KERNEL | NOWARN);
	KTEST_ASSERT_NOT_NULL(t, p);
	before = nr_bad_pages;
	memset(page_address(p), 0x11, PAGE_SIZE); /* the owner's data */
	__free_page(p);
	q = alloc_page(GFP_KERNEL | NOWARN); /* hot: the same page, poisoned on free */
	KTEST_EXPECT_EQ(t, q, p);
	KTEST_EXPECT_EQ(t, nr_bad_pages, before);
	KTEST_ASSERT_NOT_NULL(t, q);
	__free_page(q);

	mem = page_address(p);
	KTEST_EXPECT_EQ(t, mem[0], (unsigned char)0xaa);
	KTEST_EXPECT_EQ(t, mem[PAGE_SIZE - 1], (unsigned char)0xaa);
	mem[0x123] = 0x5a; /* use after free */
	mem[0x456] = 0;
	pat_log_clear();
	q = alloc_page(GFP_KERNEL | NOWARN);
	KTEST_EXPECT_EQ(t, q, p);
	KTEST_EXPECT_EQ(t, nr_bad_pages - before, 1UL);
	if (pat_log_count("memory corruption") >= 0) {
		KTEST_EXPECT_EQ(t, pat_log_count("memory corruption"), 1L);
		ksnprintf(
			line, sizeof(line),
			"pagealloc: memory corruption at pfn %#lx, bytes 0x123-0x456 of the free page were written",
			page_to_pfn(p));
		KTEST_EXPECT_TRUE(t, pat_log_has_line(line));
	}
	if (q)
		__free_page(q);
	expect_still_works(t);
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
