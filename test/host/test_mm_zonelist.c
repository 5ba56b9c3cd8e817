// SPDX-License-Identifier: MIT
/*
 * build_all_zonelists() (kernel/mm/zonelist.c) on 3, 4 and 8 node
 * machines: equal distances (the lower-id tie-break and the node_load
 * round robin), two "sockets" (asymmetric distances), a memory-less node,
 * and "Built N zonelists ... Total pages" on one and two-zone machines.
 *
 * Every expected order is worked out by hand below from Linux 6.1's rules
 * (mm/page_alloc.c, find_next_best_node and build_zonelists):
 *   - the local node comes first;
 *   - then, among nodes with memory not used yet, the lowest
 *       score = (distance + (n < local) + cpu) * MAX_NUMNODES + node_load[n]
 *     wins, ties to the lower node id (strict "<" in a loop by id);
 *   - when the distance of the node just picked differs from the previous
 *     pick's, node_load[picked] += 1; node_load is zeroed once per rebuild
 *     and carries over from node to node (nodes built in id order).
 * cpu is the same for every node at boot (CPU masks are filled later), so
 * it drops out of every comparison; MAX_NUMNODES (64 here, 1024 in
 * Debian's Linux) only has to exceed node_load, which stays below 3.
 * So below, "d + lower" is the score's first part and "+L" the load.
 *
 * The machines: node i owns [i * 256 MiB, (i + 1) * 256 MiB) of RAM
 * (node 0 without [640K, 1M) and page 0), a memory-less node's SRAT range
 * lies above 4 GiB where there is no RAM.
 */
#include "sim_ktest.h"

#include <asm/e820.h>
#include <asm/numa.h>
#include <asm/setup.h>
#include <kernel/params.h>
#include <kernel/percpu.h>
#include <mm/bootmem.h>
#include <mm/mmzone.h>
#include <mm/page_alloc.h>
#include <stdio.h>

#define NODE_BYTES (256ULL << 20)
#define MAX_TEST_NODES 8

struct numa_machine {
	int nr_nodes;
	unsigned int memless;          /* bit n: node n has no memory */
	const int (*dist)[MAX_TEST_NODES]; /* NULL: no SLIT (10 local, 20 remote) */
	const char *cmdline;
};

static void boot_numa(const struct numa_machine *m)
{
	static struct e820_entry fw[4];
	uint64_t ram_end = 0;
	int nr_fw = 0, nr_mem = 0;

	for (int n = 0; n < m->nr_nodes; n++)
		nr_mem += !(m->memless & (1u << n));
	ram_end = nr_mem * NODE_BYTES;
	fw[nr_fw++] = (struct e820_entry){ .addr = 0, .size = 0xa0000, .type = E820_TYPE_RAM };
	fw[nr_fw++] = (struct e820_entry){ .addr = 0x100000, .size = ram_end - 0x100000,
						.type = E820_TYPE_RAM };
	parse_cmdline(m->cmdline ? m->cmdline : "");
	e820__memory_setup(fw, nr_fw);
	e820__finish_early_params();
	for (int n = 0, i = 0, k = 0; n < m->nr_nodes; n++) {
		if (m->memless & (1u << n)) {
			uint64_t s = (4ULL << 30) + k++ * NODE_BYTES;

			sim_firmware_srat_mem(n, (unsigned int)n, s, s + NODE_BYTES, false);
		} else {
			sim_firmware_srat_mem(n, (unsigned int)n, i * NODE_BYTES, (i + 1) * NODE_BYTES, false);
			i++;
		}
	}
	if (m->dist)
		for (int a = 0; a < m->nr_nodes; a++)
			for (int b = 0; b < m->nr_nodes; b++)
				sim_firmware_slit(a, b, m->dist[a][b]);
	reserve_early(16ULL << 20, 48ULL << 20, "kernel image (simulated)");
	x86_memory_init(NULL);
	setup_per_cpu_areas();
	build_all_zonelists();
}

/*
 * Node @nid's fallback zonelist must hold, node by node in @order, each
 * node's populated zones highest first, and nothing else; its no-fallback
 * list only its own zones; and the printed line must say the same.
 */
static void expect_order(struct ktest *t, int nid, const int *order, int n)
{
	const struct zoneref *zr = NODE_DATA(nid)->node_zonelists[ZONELIST_FALLBACK]._zonerefs;
	char line[128];
	int len;

	len = snprintf(line, sizeof(line), "Fallback order for Node %d: ", nid);
	for (int i = 0; i < n; i++)
		len += snprintf(line + len, sizeof(line) - len, "%d ", order[i]);
	if (!sim_log_has_line(line))
		KTEST_EXPECT_STREQ(t, "(no such line)", line);

	for (int i = 0; i < n; i++) {
		const pg_data_t *pg = NODE_DATA(order[i]);

		for (int zt = MAX_NR_ZONES - 1; zt >= 0; zt--) {
			const struct zone *z = &pg->node_zones[zt];

			if (!managed_zone(z))
				continue;
			KTEST_EXPECT_TRUE(t, zr->zone == z);
			KTEST_EXPECT_EQ(t, zr->zone_idx, zt);
			if (zr->zone != z)
				ktest_printf(t, "node %d's list: want node %d zone %d at position %d",
					     nid, order[i], zt,
					     (int)(zr - NODE_DATA(nid)->node_zonelists[0]._zonerefs));
			if (zr->zone)
				zr++;
		}
	}
	KTEST_EXPECT_NULL(t, zr->zone);

	zr = NODE_DATA(nid)->node_zonelists[ZONELIST_NOFALLBACK]._zonerefs;
	for (; zr->zone; zr++)
		KTEST_EXPECT_TRUE(t, zr->zone->zone_pgdat == NODE_DATA(nid));
}

#define EXPECT_ORDER(t, nid, ...)                                           \
	do {                                                                \
		static const int o_[] = { __VA_ARGS__ };                    \
		expect_order(t, nid, o_, (int)(sizeof(o_) / sizeof(o_[0]))); \
	} while (0)

/*
 * Total pages at zonelist time is the sum of managed pages (present minus
 * the zone's memmap, and in DMA the dma_reserve) of every zone
 * GFP_HIGHUSER_MOVABLE may use, on every node. With 64-byte struct pages
 * a zone's memmap is PAGE_ALIGN(pages * 64) / 4096 = ceil(pages / 64),
 * pages being spanned, or present when spanned exceeds present by more
 * than present / 16. dma_reserve (x86's memblock_find_dma_reserve) is the
 * RAM below 16 MiB already reserved: the first 1 MiB is, so the 159 pages
 * [1, 0xa0).
 *   node 0: DMA   present pfn [1, 0xa0) + [0x100, 0x1000) = 159 + 3840
 *                 = 3999, spanned 4095 (< 3999 + 249): memmap 64;
 *                 3999 - 64 - 159 = 3776
 *           DMA32 [0x1000, 0x10000) = 61440, memmap 960 -> 60480
 *           => 64256
 *   node i > 0: DMA32 65536 pages, memmap 1024 -> 64512
 */
#define NODE0_PAGES 64256UL
#define NODE_PAGES 64512UL

static void expect_built(struct ktest *t, int nr_lists, unsigned long total)
{
	char line[128];

	snprintf(line, sizeof(line),
		 "Built %d zonelists, mobility grouping on.  Total pages: %lu", nr_lists, total);
	if (!sim_log_has_line(line))
		KTEST_EXPECT_STREQ(t, "(no such line)", line);
}

/*
 * 3 nodes, no SLIT (all remote distances 20). Scores are 20 + lower:
 *   node 0: 1 = 20+0, 2 = 20+0: tie, 1 wins (lower id); 10 -> 20: L1 = 1.
 *           then 2 (same distance).                         => 0 1 2
 *   node 1: 0 = 21, 2 = 20: 2; L2 = 1. then 0.              => 1 2 0
 *   node 2: 0 = 21+0, 1 = 21+1: 0; L0 = 1. then 1.          => 2 0 1
 * A reversed tie-break gives 0 2 1 for node 0.
 */
static void zonelist_3_equal(struct ktest *t)
{
	static const struct numa_machine m = { 3, 0, NULL, NULL };

	boot_numa(&m);
	EXPECT_ORDER(t, 0, 0, 1, 2);
	EXPECT_ORDER(t, 1, 1, 2, 0);
	EXPECT_ORDER(t, 2, 2, 0, 1);
	expect_built(t, 3, NODE0_PAGES + 2 * NODE_PAGES);
}

/*
 * 4 nodes, all remote distances 20:
 *   node 0: 1, 2, 3 all 20+0: 1 (lowest id), L1 = 1; then 2, 3.  => 0 1 2 3
 *   node 1: 0 = 21+0, 2 = 20+0, 3 = 20+0: 2, L2 = 1; then 3 (20)
 *           before 0 (21).                                       => 1 2 3 0
 *   node 2: 0 = 21+0, 1 = 21+1, 3 = 20+0: 3, L3 = 1; then 0 (21+0)
 *           before 1 (21+1).                                     => 2 3 0 1
 *   node 3: 0 = 21+0, 1 = 21+1, 2 = 21+1: 0, L0 = 1; then 1 and 2
 *           tie at 21+1: 1 first.                                => 3 0 1 2
 */
static void zonelist_4_equal(struct ktest *t)
{
	static const struct numa_machine m = { 4, 0, NULL, NULL };

	boot_numa(&m);
	EXPECT_ORDER(t, 0, 0, 1, 2, 3);
	EXPECT_ORDER(t, 1, 1, 2, 3, 0);
	EXPECT_ORDER(t, 2, 2, 3, 0, 1);
	EXPECT_ORDER(t, 3, 3, 0, 1, 2);
	expect_built(t, 4, NODE0_PAGES + 3 * NODE_PAGES);
}

/*
 * 8 nodes, all remote distances 20. Building node k: nodes above k score
 * 20 + L, and only L(k) has been raised so far among them (by node k-1),
 * so k+1 comes first (L(k+1) = 1), then k+2 .. 7 in id order; nodes below
 * score 21 + L with L0 = 0 (until node 7) and L1..L(k) = 1, so 0 comes
 * next, then 1 .. k-1:
 *   node k: k, k+1, ..., 7, 0, 1, ..., k-1
 * and node 7 (none above): 7, 0 (21+0; L0 = 1), 1 .. 6 (21+1 each).
 */
static void zonelist_8_equal(struct ktest *t)
{
	static const struct numa_machine m = { 8, 0, NULL, NULL };

	boot_numa(&m);
	EXPECT_ORDER(t, 0, 0, 1, 2, 3, 4, 5, 6, 7);
	EXPECT_ORDER(t, 1, 1, 2, 3, 4, 5, 6, 7, 0);
	EXPECT_ORDER(t, 2, 2, 3, 4, 5, 6, 7, 0, 1);
	EXPECT_ORDER(t, 3, 3, 4, 5, 6, 7, 0, 1, 2);
	EXPECT_ORDER(t, 4, 4, 5, 6, 7, 0, 1, 2, 3);
	EXPECT_ORDER(t, 5, 5, 6, 7, 0, 1, 2, 3, 4);
	EXPECT_ORDER(t, 6, 6, 7, 0, 1, 2, 3, 4, 5);
	EXPECT_ORDER(t, 7, 7, 0, 1, 2, 3, 4, 5, 6);
	expect_built(t, 8, NODE0_PAGES + 7 * NODE_PAGES);
}

/*
 * 8 nodes in two sockets: 16 within {0-3} and {4-7}, 32 across.
 * Scores "d+lower+L"; a new distance group raises the picked node's L.
 *   node 0: 1,2,3 at 16: 1 (L1=1), 2, 3; 4..7 at 32: 4 (L4=1), 5, 6, 7
 *           => 0 1 2 3 4 5 6 7        L = 0 1 0 0 1 0 0 0
 *   node 1: 2 = 16, 3 = 16, 0 = 17: 2 (L2=1), 3, 0; across 5,6,7 = 32,
 *           4 = 32+1: 5 (L5=1), 6, 7, 4
 *           => 1 2 3 0 5 6 7 4        L = 0 1 1 0 1 1 0 0
 *   node 2: 3 = 16, 0 = 17, 1 = 17+1: 3 (L3=1), 0, 1; across 6,7 = 32,
 *           4,5 = 32+1: 6 (L6=1), 7, 4, 5
 *           => 2 3 0 1 6 7 4 5        L = 0 1 1 1 1 1 1 0
 *   node 3: 0 = 17, 1,2 = 17+1: 0 (L0=1), 1, 2; 7 = 32, 4,5,6 = 32+1:
 *           7 (L7=1), 4, 5, 6
 *           => 3 0 1 2 7 4 5 6        L = 1 1 1 1 1 1 1 1
 *   node 4: 5,6,7 = 16+1: 5 (L5=2), 6, 7; 0..3 = 33+1: 0 (L0=2), 1, 2, 3
 *           => 4 5 6 7 0 1 2 3        L = 2 1 1 1 1 2 1 1
 *   node 5: 6,7 = 16+1, 4 = 17+1: 6 (L6=2), 7, 4; 1,2,3 = 33+1,
 *           0 = 33+2: 1 (L1=2), 2, 3, 0
 *           => 5 6 7 4 1 2 3 0        L = 2 2 1 1 1 2 2 1
 *   node 6: 7 = 16+1, 4 = 17+1, 5 = 17+2: 7 (L7=2), 4, 5; 2,3 = 33+1,
 *           0,1 = 33+2: 2 (L2=2), 3, 0, 1
 *           => 6 7 4 5 2 3 0 1        L = 2 2 2 1 1 2 2 2
 *   node 7: 4 = 17+1, 5,6 = 17+2: 4 (L4=2), 5, 6; 3 = 33+1,
 *           0,1,2 = 33+2: 3, 0, 1, 2
 *           => 7 4 5 6 3 0 1 2
 */
static const int two_sockets[MAX_TEST_NODES][MAX_TEST_NODES] = {
	{ 10, 16, 16, 16, 32, 32, 32, 32 },
	{ 16, 10, 16, 16, 32, 32, 32, 32 },
	{ 16, 16, 10, 16, 32, 32, 32, 32 },
	{ 16, 16, 16, 10, 32, 32, 32, 32 },
	{ 32, 32, 32, 32, 10, 16, 16, 16 },
	{ 32, 32, 32, 32, 16, 10, 16, 16 },
	{ 32, 32, 32, 32, 16, 16, 10, 16 },
	{ 32, 32, 32, 32, 16, 16, 16, 10 },
};

static void zonelist_8_two_sockets(struct ktest *t)
{
	static const struct numa_machine m = { 8, 0, two_sockets, NULL };

	boot_numa(&m);
	EXPECT_ORDER(t, 0, 0, 1, 2, 3, 4, 5, 6, 7);
	EXPECT_ORDER(t, 1, 1, 2, 3, 0, 5, 6, 7, 4);
	EXPECT_ORDER(t, 2, 2, 3, 0, 1, 6, 7, 4, 5);
	EXPECT_ORDER(t, 3, 3, 0, 1, 2, 7, 4, 5, 6);
	EXPECT_ORDER(t, 4, 4, 5, 6, 7, 0, 1, 2, 3);
	EXPECT_ORDER(t, 5, 5, 6, 7, 4, 1, 2, 3, 0);
	EXPECT_ORDER(t, 6, 6, 7, 4, 5, 2, 3, 0, 1);
	EXPECT_ORDER(t, 7, 7, 4, 5, 6, 3, 0, 1, 2);
	expect_built(t, 8, NODE0_PAGES + 7 * NODE_PAGES);
}

/*
 * 4 nodes, asymmetric and not ordered by id: from node 0 the far node is
 * 1, from node 3 the near one is 0 (a one-way 12).
 *        to: 0   1   2   3
 *   from 0: 10  40  20  30
 *   from 1: 40  10  30  20
 *   from 2: 20  30  10  40
 *   from 3: 12  20  40  10
 *   node 0: 2 = 20, 3 = 30, 1 = 40: each a new distance: L2, L3, L1 = 1
 *                                               => 0 2 3 1
 *   node 1: 3 = 20+0 +L1, 2 = 30+0 +L1, 0 = 40+1 +L0: 3 (L3=2), 2 (L2=2),
 *           0 (L0=1)                            => 1 3 2 0
 *   (L = 1 1 2 2 from here)
 *   node 2: 0 = 20+1 +L1, 1 = 30+1 +L1, 3 = 40+0 +L2: 0 (L0=2), 1 (L1=2),
 *           3 (L3=3)                            => 2 0 1 3
 *   node 3: 0 = 12+1, 1 = 20+1, 2 = 40+1 (loads 2 2 2): 0, 1, 2
 *                                               => 3 0 1 2
 */
static const int asym[MAX_TEST_NODES][MAX_TEST_NODES] = {
	{ 10, 40, 20, 30 },
	{ 40, 10, 30, 20 },
	{ 20, 30, 10, 40 },
	{ 12, 20, 40, 10 },
};

static void zonelist_4_asymmetric(struct ktest *t)
{
	static const struct numa_machine m = { 4, 0, asym, NULL };

	boot_numa(&m);
	EXPECT_ORDER(t, 0, 0, 2, 3, 1);
	EXPECT_ORDER(t, 1, 1, 3, 2, 0);
	EXPECT_ORDER(t, 2, 2, 0, 1, 3);
	EXPECT_ORDER(t, 3, 3, 0, 1, 2);
	expect_built(t, 4, NODE0_PAGES + 3 * NODE_PAGES);
}

/*
 * 3 nodes with memory (0, 1, 2) and node 3 without, all distances 20.
 * Only nodes with memory are candidates, so node 3 is in no one's list:
 *   node 0: 1, 2 at 20+0: 1 (L1=1), 2           => 0 1 2
 *   node 1: 2 = 20+0, 0 = 21: 2 (L2=1), 0       => 1 2 0
 *   node 2: 0 = 21+0, 1 = 21+1: 0 (L0=1), 1     => 2 0 1
 * Linux also builds node 3's own list ("3 0 1 2", Built 4 zonelists); the
 * kernel does not bring up memory-less nodes yet, so only the others'
 * lists and the pages (node 3 has none) are checked here.
 */
static void zonelist_memoryless(struct ktest *t)
{
	static const struct numa_machine m = { 4, 1u << 3, NULL, NULL };

	boot_numa(&m);
	EXPECT_ORDER(t, 0, 0, 1, 2);
	EXPECT_ORDER(t, 1, 1, 2, 0);
	EXPECT_ORDER(t, 2, 2, 0, 1);
	KTEST_EXPECT_EQ(t, NODE_DATA(3)->node_present_pages, 0UL);
	KTEST_EXPECT_EQ(t, sim_log_count("Total pages: "), 1u);
	KTEST_EXPECT_EQ(t, sim_log_count(" zonelists, mobility grouping on.  Total pages: 193280"), 1u);
}

/*
 * Total pages counts every zone GFP_HIGHUSER_MOVABLE may use, so
 * ZONE_MOVABLE too. One node: RAM [0, 640K), [1M, 0x7f000000), [4G, 6G),
 * movablecore=1G.
 *   present: 159 + 3840 (DMA) + 0x7f000 - 0x1000 = 516096 (DMA32)
 *            + 524288 (above 4G) = 1044383; kernelcore = 1044383 - 262144
 *            = 782239, taken from the bottom: 159 + 3840 + 516096 = 520095
 *            below 4G, 262144 above: ZONE_MOVABLE from pfn 0x140000 (5G)
 *   managed: DMA 3999 - 64 - 159 = 3776; DMA32 516096 - 8064 = 508032;
 *            Normal [4G, 5G) 262144 - 4096 = 258048; Movable the same
 *   total:   3776 + 508032 + 258048 + 258048 = 1027904
 * (GFP_KERNEL's zones alone would give 769856.)
 */
static void zonelist_total_movable(struct ktest *t)
{
	static struct e820_entry fw[] = {
		{ .addr = 0, .size = 0xa0000, .type = E820_TYPE_RAM },
		{ .addr = 0x100000, .size = 0x7f000000 - 0x100000, .type = E820_TYPE_RAM },
		{ .addr = 0x7f000000, .size = 0x1000000, .type = E820_TYPE_RESERVED },
		{ .addr = 0x100000000, .size = 0x80000000, .type = E820_TYPE_RAM },
	};

	parse_cmdline("movablecore=1G");
	e820__memory_setup(fw, 4);
	e820__finish_early_params();
	reserve_early(16ULL << 20, 48ULL << 20, "kernel image (simulated)");
	x86_memory_init(NULL);
	setup_per_cpu_areas();
	build_all_zonelists();
	KTEST_EXPECT_EQ(t, NODE_DATA(0)->node_zones[ZONE_MOVABLE].zone_start_pfn, 0x140000UL);
	EXPECT_ORDER(t, 0, 0);
	expect_built(t, 1, 1027904UL);
}

static const struct ktest_case zonelist_cases[] = {
	KTEST_CASE(zonelist_3_equal),
	KTEST_CASE(zonelist_4_equal),
	KTEST_CASE(zonelist_8_equal),
	KTEST_CASE(zonelist_8_two_sockets),
	KTEST_CASE(zonelist_4_asymmetric),
	KTEST_CASE(zonelist_memoryless),
	KTEST_CASE(zonelist_total_movable),
	KTEST_CASES_END
};

static struct ktest_suite zonelist_suite = {
	.name = "mm_zonelist",
	.cases = zonelist_cases,
	.init = sim_ktest_init,
	.exit = sim_ktest_dump_log,
};
KTEST_SUITE(zonelist_suite);
