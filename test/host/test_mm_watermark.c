// SPDX-License-Identifier: MIT
/*
 * Watermarks, lowmem reserves and pageset sizes after mem_init
 * (kernel/mm/watermark.c, pcp.c) against Linux 6.1's rules, restated here
 * from mm/page_alloc.c (init_per_zone_wmark_min, __setup_per_zone_wmarks,
 * setup_per_zone_lowmem_reserve, zone_batchsize, zone_highsize), with the
 * zones' managed pages as the only input:
 *   min_free_kbytes = clamp(isqrt(lowmem_kbytes * 16), 128, 262144), where
 *       lowmem_kbytes = 4 * managed pages of every DMA/DMA32/Normal zone
 *   pages_min = min_free_kbytes / 4; lowmem = managed of non-movable zones
 *   each zone: share = pages_min * managed / lowmem
 *       min = share (Movable: clamp(managed / 1024, 32, 128))
 *       gap = max(share / 4, managed * 10 / 10000)
 *       low = min + gap, high = low + gap
 *   lowmem_reserve[j] of zone i < j: sum of managed of zones i+1..j of the
 *       node / ratio(i) (DMA 256, DMA32 256, Normal 32), 0 if zone i is empty
 *   batch = rounddown_pow2(b + b / 2) - 1 with b = max(min(managed / 1024,
 *       256) / 4, 1), at least 1; high = max(low / CPUs, 4 * batch), where
 *       CPUs = the online CPUs of the zone's node (zone_highsize's
 *       nr_split_cpus), every online CPU if the node has none; the same
 *       high and batch for every possible CPU's pageset
 */
#include "page_alloc_machines.h"
#include "sim_ktest.h"

#include "../../kernel/mm/internal.h"

#include <kernel/percpu.h>
#include <mm/mmzone.h>
#include <mm/page_alloc.h>
#include <mm/topology.h>

extern int min_free_kbytes;

static unsigned long isqrt(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

static unsigned long clampul(unsigned long v, unsigned long lo, unsigned long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static unsigned long rounddown_pow2(unsigned long v)
{
	unsigned long p = 1;

	while (p * 2 <= v)
		p *= 2;
	return p;
}

/* The CPUs a zone of node @nid splits its low mark over (rule above). */
static unsigned long split_cpus(int nid)
{
	unsigned long local = 0, online = 0;
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		online++;
		local += cpu_to_node(cpu) == nid;
	}
	return local ? local : online;
}

static void expect_linux_rules(struct ktest *t)
{
	static const unsigned long ratio[MAX_NR_ZONES] = { 256, 256, 32, 0 };
	unsigned long lowmem_kb = 0, lowmem = 0, kb, pages_min;

	KTEST_ASSERT_EQ(t, (int)ZONE_MOVABLE, 3);
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		for (int zt = 0; zt < MAX_NR_ZONES; zt++) {
			const struct zone *z = &NODE_DATA(nid)->node_zones[zt];

			if (zt <= ZONE_NORMAL)
				lowmem_kb += z->managed_pages * 4;
			if (zt != ZONE_MOVABLE && z->present_pages)
				lowmem += z->managed_pages;
		}
	kb = clampul(isqrt(lowmem_kb * 16), 128, 262144);
	KTEST_EXPECT_EQ(t, (unsigned long)min_free_kbytes, kb);
	pages_min = kb / 4;

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		const pg_data_t *pg = NODE_DATA(nid);

		for (int zt = 0; zt < MAX_NR_ZONES; zt++) {
			const struct zone *z = &pg->node_zones[zt];
			unsigned long m = z->managed_pages, share, min, gap, b, batch, high, up = 0;

			if (!z->present_pages)
				continue;
			share = pages_min * m / lowmem;
			min = zt == ZONE_MOVABLE ? clampul(m / 1024, 32, 128) : share;
			gap = share / 4 > m * 10 / 10000 ? share / 4 : m * 10 / 10000;
			KTEST_EXPECT_EQ(t, min_wmark_pages(z), min);
			KTEST_EXPECT_EQ(t, low_wmark_pages(z), min + gap);
			KTEST_EXPECT_EQ(t, high_wmark_pages(z), min + 2 * gap);
			for (int j = zt + 1; j < MAX_NR_ZONES; j++) {
				up += pg->node_zones[j].managed_pages;
				KTEST_EXPECT_EQ(t, (unsigned long)z->lowmem_reserve[j],
						ratio[zt] && m ? up / ratio[zt] : 0);
			}
			b = (m / 1024 < 256 ? m / 1024 : 256) / 4;
			if (b < 1)
				b = 1;
			batch = rounddown_pow2(b + b / 2) - 1;
			if (batch < 1)
				batch = 1;
			high = (min + gap) / split_cpus(nid);
			if (high < 4 * batch)
				high = 4 * batch;
			KTEST_ASSERT_NOT_NULL(t, z->pageset);
			for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
				KTEST_EXPECT_EQ(t,
						(unsigned long)per_cpu_ptr(z->pageset, cpu)->batch,
						batch);
				KTEST_EXPECT_EQ(
					t, (unsigned long)per_cpu_ptr(z->pageset, cpu)->high, high);
			}
		}
	}
}

/*
 * Linux's q35 512M e820 (page_alloc_machines.c), a 48 MiB kernel image
 * reserved at 16 MiB, one CPU: DMA and DMA32. The managed pages (the
 * input) are whatever the boot left; the rules above give the rest.
 */
static void wmark_q35_512m(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "", true), 0);
	expect_linux_rules(t);
}

/* ZONE_MOVABLE: the token minimum, no share in lowmem, its reserve 0. */
static void wmark_q35_4g_movable(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_4g_movable, "", true), 0);
	KTEST_EXPECT_NE(t, NODE_DATA(0)->node_zones[ZONE_MOVABLE].managed_pages, 0UL);
	expect_linux_rules(t);
}

/* Two nodes: lowmem and min_free_kbytes over both, reserves per node. */
static void wmark_two_nodes(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, pa_boot(&pa_two_nodes, "", true), 0);
	KTEST_EXPECT_NE(t, NODE_DATA(1)->node_zones[ZONE_NORMAL].managed_pages, 0UL);
	expect_linux_rules(t);
}

/*
 * 64 possible CPUs, all online on the one node: ZONE_DMA32's low mark split 64 ways falls below four
 * batches (512M: batch 31, low about 840, 840 / 64 = 13 < 124), so every
 * pageset's high is the floor, 4 * batch; the rules above check it.
 */
static void wmark_64_cpus(struct ktest *t)
{
	const struct zone *z;

	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "possible_cpus=64", true), 0);
	KTEST_ASSERT_EQ(t, nr_cpu_ids, 64U);
	KTEST_ASSERT_EQ(t, num_online_cpus(), 64U);
	z = &NODE_DATA(0)->node_zones[ZONE_DMA32];
	KTEST_ASSERT_NOT_NULL(t, z->pageset);
	KTEST_EXPECT_LT(t, low_wmark_pages(z) / 64,
			4UL * (unsigned long)per_cpu_ptr(z->pageset, 0)->batch);
	expect_linux_rules(t);
}

/*
 * A pageset never holds more than its high mark: free 3 * high pages one
 * by one into ZONE_DMA32's (GFP_KERNEL's zone on this machine) and look
 * after each free; every excess goes back to the buddy lists at once.
 */
static void pcp_high_respected(struct ktest *t)
{
	static struct page *pages[4096];
	struct zone *z;
	struct per_cpu_pages *pcp;
	unsigned int n, worst = 0;

	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "", true), 0);
	z = &NODE_DATA(0)->node_zones[ZONE_DMA32];
	KTEST_ASSERT_NOT_NULL(t, z->pageset);
	pcp = this_cpu_ptr(z->pageset);
	n = 3 * (unsigned int)pcp->high;
	KTEST_ASSERT_LE(t, n, 4096U);
	for (unsigned int i = 0; i < n; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
		KTEST_EXPECT_TRUE(t, page_zone(pages[i]) == z);
	}
	for (unsigned int i = 0; i < n; i++) {
		__free_page(pages[i]);
		if ((unsigned int)pcp->count > worst)
			worst = (unsigned int)pcp->count;
	}
	KTEST_EXPECT_LE(t, worst, (unsigned int)pcp->high);
	KTEST_EXPECT_GT(t, worst, 0U);
}

/*
 * pcp->high split by the CPUs of the zone's own node, not by nr_cpu_ids:
 * pa_two_nodes (node 0: [0, 2G), DMA and DMA32; node 1: [4G, 6G), Normal)
 * with CPU 0 on node 0 and CPUs 1-3 on node 1, all four online.
 *
 * By hand, roughly (the exact managed pages are what the boot left):
 * Normal manages about 516000 pages (2G less its memmap), DMA32 about
 * 500000 (2G less the kernel image, memmap, bootmem), DMA about 4000:
 * lowmem about 1020000 pages, lowmem_kbytes about 4080000, so
 * min_free_kbytes = isqrt(4080000 * 16) = 8079, pages_min = 2019.
 * Normal (node 1): min = 2019 * 516000 / 1020000 = 1021, gap =
 * max(1021 / 4, 516000 * 10 / 10000) = 516, low about 1537; batch: b =
 * min(504, 256) / 4 = 64, rounddown_pow2(96) - 1 = 63, floor 4 * 63 =
 * 252. Split over node 1's 3 CPUs: high about 512 (over nr_cpu_ids' 4 it
 * would be 384). DMA32 (node 0): min about 989, gap = max(247, 500) =
 * 500, low about 1489; its one CPU: high = low, about 1489 (372 over 4).
 * DMA (node 0, under 4000 pages) is at its floor either way.
 * The exact check: high == low / 3 on node 1, == low on node 0, with the
 * floor shown not to decide it; every possible CPU's pageset the same.
 */
static void pcp_high_split_by_node_cpus(struct ktest *t)
{
	struct zone *normal, *dma32;
	unsigned long low1, low0;
	int batch1, batch0;

	KTEST_ASSERT_EQ(t, pa_boot(&pa_two_nodes_1_3_cpus, "", true), 0);
	KTEST_ASSERT_EQ(t, num_online_cpus(), 4U);
	KTEST_EXPECT_EQ(t, cpu_to_node(0), 0);
	for (unsigned int cpu = 1; cpu < 4; cpu++)
		KTEST_EXPECT_EQ(t, cpu_to_node(cpu), 1);
	normal = &NODE_DATA(1)->node_zones[ZONE_NORMAL];
	dma32 = &NODE_DATA(0)->node_zones[ZONE_DMA32];
	KTEST_ASSERT_NOT_NULL(t, normal->pageset);
	KTEST_ASSERT_NOT_NULL(t, dma32->pageset);
	low1 = low_wmark_pages(normal);
	low0 = low_wmark_pages(dma32);
	batch1 = per_cpu_ptr(normal->pageset, 0)->batch;
	batch0 = per_cpu_ptr(dma32->pageset, 0)->batch;
	/* the hand figures above, loosely: the inputs are what we think */
	KTEST_EXPECT_GT(t, low1, 1400UL);
	KTEST_EXPECT_LT(t, low1, 1700UL);
	KTEST_EXPECT_GT(t, low0, 1400UL);
	KTEST_EXPECT_LT(t, low0, 1700UL);
	KTEST_EXPECT_EQ(t, batch1, 63);
	KTEST_EXPECT_EQ(t, batch0, 63);
	/* the floor (252) is below both splits: the division decides */
	KTEST_EXPECT_GT(t, low1 / 3, 4UL * 63);
	for (unsigned int cpu = 0; cpu < 4; cpu++) {
		KTEST_EXPECT_EQ(t, (unsigned long)per_cpu_ptr(normal->pageset, cpu)->high,
				low1 / 3);
		KTEST_EXPECT_EQ(t, (unsigned long)per_cpu_ptr(dma32->pageset, cpu)->high, low0);
		KTEST_EXPECT_EQ(t, per_cpu_ptr(normal->pageset, cpu)->batch, 63);
	}
	/* not nr_cpu_ids */
	KTEST_EXPECT_NE(t, (unsigned long)per_cpu_ptr(normal->pageset, 1)->high, low1 / 4);
	expect_linux_rules(t);
}

static const struct ktest_case wmark_cases[] = { KTEST_CASE(wmark_q35_512m),
						 KTEST_CASE(wmark_q35_4g_movable),
						 KTEST_CASE(wmark_two_nodes),
						 KTEST_CASE(wmark_64_cpus),
						 KTEST_CASE(pcp_high_split_by_node_cpus),
						 KTEST_CASE(pcp_high_respected),
						 KTEST_CASES_END };

static struct ktest_suite wmark_suite = {
	.name = "mm_watermark",
	.cases = wmark_cases,
	.init = sim_ktest_init,
	.exit = sim_ktest_dump_log,
};
KTEST_SUITE(wmark_suite);
