// SPDX-License-Identifier: MIT
/*
 * The page_alloc suite's zone and node cases: gfp flags keep blocks in
 * their zones, __GFP_THISNODE on its node, and the fallback order between
 * nodes is the one the zonelists say. See page_alloc_test.c.
 */
#include "../internal.h"
#include "page_alloc_test.h"

#include <kernel/percpu.h>
#include <lib/string.h>
#include <lib/vsprintf.h>
#include <mm/nodemask.h>
#include <mm/page_alloc.h>
#include <mm/page_alloc_debug.h>

/* Up to 64 blocks of orders 0-3 with @gfp; each must respect its zones. */
static void check_zone_limit(struct ktest *t, gfp_t gfp)
{
	unsigned long limit = pat_pfn_limit_of(gfp), n = 0;
	int top = pat_max_zone_of(gfp);
	struct list_head held[MAX_ORDER];

	pat_init_held(held);
	for (unsigned int i = 0; i < 64; i++) {
		unsigned int o = i % 4;
		struct page *p = alloc_pages(gfp | NOWARN, o);
		unsigned long pfn;

		if (!p)
			continue;
		n++;
		pfn = page_to_pfn(p);
		pat_hold(&held[o], p);
		KTEST_EXPECT_LE(t, pfn + pat_block_pages(o), limit);
		KTEST_EXPECT_LE(t, zone_idx(page_zone(p)), top);
		KTEST_EXPECT_EQ(t, page_zonenum(p), zone_idx(page_zone(p)));
		KTEST_EXPECT_TRUE(t, zone_spans_pfn(page_zone(p), pfn));
	}
	/* ZONE_DMA exists on every x86 machine: each of these must succeed. */
	KTEST_EXPECT_EQ(t, n, 64UL);
	pat_release_all(held);
}

/* Every block node @nid can give @gfp, largest first. */
static void exhaust_node(int nid, gfp_t gfp, struct list_head held[MAX_ORDER])
{
	for (int o = MAX_ORDER - 1; o >= 0; o--) {
		struct page *p;

		while ((p = alloc_pages_node(nid, gfp | NOWARN, (unsigned int)o)))
			pat_hold(&held[o], p);
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
	pat_init_held(held);
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
	pat_release_all(held);
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

	for_each_node(nid) {
		struct list_head held[MAX_ORDER];
		int order[MAX_NUMNODES], n = fallback_nodes(nid, order);

		pat_init_held(held);
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
		pat_release_all(held);
	}
}

/*
 * GFP_DMA below 16 MiB, GFP_DMA32 below 4 GiB, GFP_KERNEL never from
 * ZONE_MOVABLE, __GFP_THISNODE on its node: catches a wrong gfp_zone,
 * a zonelist walk that ignores highest_zoneidx, or a fallback across nodes.
 */
void page_alloc_zone_restriction(struct ktest *t)
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
		pat_init_held(held);
		for (unsigned int i = 0; i < 16; i++) {
			unsigned int o = i % 4;
			struct page *p =
				alloc_pages_node(nid, GFP_KERNEL | __GFP_THISNODE | NOWARN, o);

			KTEST_EXPECT_NOT_NULL(t, p);
			if (!p)
				continue;
			KTEST_EXPECT_EQ(t, page_to_nid(p), nid);
			pat_hold(&held[o], p);
		}
		pat_release_all(held);
	}
	check_thisnode_exhausted(t);
	check_fallback_order(t);
	pat_expect_invariants(t);
}
