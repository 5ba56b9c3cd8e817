// SPDX-License-Identifier: MIT
/*
 * Deferred struct-page init (kernel/mm/deferred_init.c) against Linux 6.1's
 * rule, restated from mm/page_alloc.c (defer_init, deferred_grow_zone,
 * memblock_free_all): only the zone ending a node is deferred; counting
 * its RAM pages from the zone's start, the first pfn that is a multiple of
 * 32768 (Linux's 128 MiB x86-64 section) once more than 32768 pages were
 * counted is the node's first deferred pfn. Deferred pages count in
 * totalram at mem_init but reach the buddy lists only in
 * page_alloc_init_late() or when an allocation grows the zone, 32768
 * pages at a time.
 */
#include "page_alloc_machines.h"
#include "sim.h"
#include "sim_ktest.h"

#include "../../kernel/mm/internal.h"

#include <asm/e820.h>
#include <kernel/smp.h>
#include <limits.h>
#include <stdio.h>
#include <mm/bootmem.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>
#include <mm/node_map.h>
#include <mm/nodemask.h>
#include <mm/page_alloc.h>
#include <mm/topology.h>
#include <string.h>

#define SECTION_128M 0x8000UL

/* Is any free block of @zone at or above @pfn? */
static bool buddy_has_pfn_above(struct zone *zone, unsigned long pfn)
{
	for (int o = 0; o < MAX_ORDER; o++)
		for (int t = 0; t < MIGRATE_TYPES; t++) {
			struct page *p;

			list_for_each_entry(p, &zone->free_area[o].free_list[t], lru)
				if (page_to_pfn(p) >= pfn)
					return true;
		}
	return false;
}

/* Every RAM page of the node map has its node and a zone spanning it. */
static unsigned long bad_struct_pages(void)
{
	unsigned long bad = 0;

	for (int i = 0; i < nr_nodemap_entries; i++)
		for (unsigned long pfn = early_node_map[i].start_pfn;
		     pfn < early_node_map[i].end_pfn; pfn++) {
			struct page *p = pfn_to_page(pfn);

			bad += page_to_nid(p) != early_node_map[i].nid ||
			       !zone_spans_pfn(page_zone(p), pfn);
		}
	return bad;
}

static unsigned long managed_sum(void)
{
	struct zone *zone;
	unsigned long n = 0;

	for_each_populated_zone(zone)
		n += zone->managed_pages;
	return n;
}

/*
 * @m booted to mem_init: node @nid's first deferred pfn is @want, nothing
 * at or above it is in the buddy lists; after page_alloc_init_late all is,
 * every struct page is right, and managed pages add up to totalram.
 */
static void check_machine(struct ktest *t, const struct pa_machine *m, int nid, unsigned long want)
{
	pg_data_t *pgdat;
	struct zone *last;
	unsigned long total, free_early;
	char line[64];

	KTEST_ASSERT_EQ(t, pa_boot(m, "", false), 0);
	mem_init();
	pgdat = NODE_DATA(nid);
	KTEST_EXPECT_EQ(t, pgdat->first_deferred_pfn, want);
	last = &pgdat->node_zones[pgdat->nr_zones - 1];
	KTEST_EXPECT_FALSE(t, buddy_has_pfn_above(last, want));
	total = totalram_pages();
	free_early = nr_free_pages();
	KTEST_EXPECT_LT(t, managed_sum(), total);

	page_alloc_init_late();
	KTEST_EXPECT_EQ(t, pgdat->first_deferred_pfn, ULONG_MAX);
	KTEST_EXPECT_TRUE(t, buddy_has_pfn_above(last, want));
	KTEST_EXPECT_EQ(t, totalram_pages(), total);
	KTEST_EXPECT_EQ(t, managed_sum(), total);
	drain_local_pages();
	KTEST_EXPECT_GT(t, nr_free_pages(), free_early);
	KTEST_EXPECT_EQ(t, bad_struct_pages(), 0UL);
	KTEST_EXPECT_EQ(t, nr_bad_pages, 0UL);
	snprintf(line, sizeof(line), "node %d deferred pages initialised in ", nid);
	KTEST_EXPECT_NOT_NULL(t, strstr(sim_log_text(), line));
}

/* DMA32 ends the node; its RAM starts at 16 MiB: 0x1000 + 0x8000 -> 0x10000. */
static void deferred_q35_512m(struct ktest *t)
{
	check_machine(t, &pa_q35_512m, 0, 0x10000);
}

/* Node 1 is 4G-6G, all Normal: 0x100000 + 0x8000 is already aligned. */
static void deferred_two_nodes(struct ktest *t)
{
	check_machine(t, &pa_two_nodes, 0, 0x10000);
	check_machine(t, &pa_two_nodes, 1, 0x108000);
}

/* 64 MiB: fewer than 32768 pages in the last zone, nothing is deferred. */
static void deferred_small_machine_none(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, pa_boot(&pa_small_64m, "", true), 0);
	KTEST_EXPECT_EQ(t, NODE_DATA(0)->first_deferred_pfn, ULONG_MAX);
	KTEST_EXPECT_NULL(t, strstr(sim_log_text(), "deferred pages initialised"));
}

/*
 * An allocation from node 1 alone, larger than what it has free at
 * mem_init, grows the zone (deferred_grow_zone) in 128 MiB steps and
 * succeeds before page_alloc_init_late.
 */
static void deferred_grow_on_demand(struct ktest *t)
{
	static struct page *pages[4096];
	pg_data_t *pgdat;
	unsigned long before, n;

	KTEST_ASSERT_EQ(t, pa_boot(&pa_two_nodes, "", false), 0);
	mem_init();
	pgdat = NODE_DATA(1);
	before = pgdat->node_zones[ZONE_NORMAL].free_pages;
	KTEST_EXPECT_EQ(t, pgdat->first_deferred_pfn, 0x108000UL);
	/* Order 4 blocks: 4096 of them are 256 MiB, more than node 1 has free. */
	n = 0;
	for (; n < 4096; n++) {
		pages[n] = alloc_pages_node(1, GFP_KERNEL | __GFP_THISNODE | __GFP_NOWARN, 4);
		if (!pages[n])
			break;
	}
	KTEST_EXPECT_EQ(t, n, 4096UL);
	KTEST_EXPECT_LT(t, before, 4096UL << 4);
	KTEST_EXPECT_GT(t, pgdat->first_deferred_pfn, 0x108000UL);
	KTEST_EXPECT_EQ(t, (pgdat->first_deferred_pfn - 0x108000UL) % SECTION_128M, 0UL);
	for (unsigned long i = 0; i < n; i++) {
		KTEST_EXPECT_EQ(t, page_to_nid(pages[i]), 1);
		__free_pages(pages[i], 4);
	}
	page_alloc_init_late();
	KTEST_EXPECT_EQ(t, managed_sum(), totalram_pages());
	KTEST_EXPECT_EQ(t, bad_struct_pages(), 0UL);
	KTEST_EXPECT_EQ(t, nr_bad_pages, 0UL);
}

/*
 * nodeferinit: everything reaches the buddy lists at mem_init. The
 * "Memory:" total and reserved figures are the same either way (Linux
 * counts deferred pages in totalram); only the free figure differs.
 */
static void deferred_nodeferinit(struct ktest *t)
{
	unsigned long total_deferred;

	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "", false), 0);
	mem_init();
	total_deferred = totalram_pages();
	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "nodeferinit", false), 0);
	mem_init();
	KTEST_EXPECT_EQ(t, NODE_DATA(0)->first_deferred_pfn, ULONG_MAX);
	KTEST_EXPECT_EQ(t, totalram_pages(), total_deferred);
	KTEST_EXPECT_EQ(t, managed_sum(), totalram_pages());
	KTEST_EXPECT_EQ(t, bad_struct_pages(), 0UL);
	page_alloc_init_late(); /* nothing left to do, nothing printed */
	KTEST_EXPECT_NULL(t, strstr(sim_log_text(), "deferred pages initialised"));
}

/*
 * RAM pages whose struct page disagrees with bootmem's bitmap between
 * memmap_init and mem_init: free ones not reserved with no reference,
 * reserved ones reserved with one (the deferred part is not written yet).
 */
static unsigned long memmap_bootmem_mismatches(void)
{
	unsigned long bad = 0;

	for (int i = 0; i < nr_nodemap_entries; i++)
		for (unsigned long pfn = early_node_map[i].start_pfn;
		     pfn < early_node_map[i].end_pfn; pfn++) {
			struct page *p = pfn_to_page(pfn);
			bool deferred, reserved = bootmem_page_reserved(pfn);

			deferred_run_end(pfn, pfn + 1, &deferred);
			if (!deferred)
				bad += PageReserved(p) != reserved ||
				       page_ref_count(p) != (reserved ? 1 : 0);
		}
	return bad;
}

/*
 * memmap_init writes bootmem's free pages in their free state, so mem_init
 * need not rewrite them; a bootmem allocation, reservation or free after it
 * must keep the struct pages in step, or a reserved page would reach the
 * buddy lists (or a freed one stay reserved).
 */
static void deferred_memmap_follows_bootmem(struct ktest *t)
{
	unsigned long pfn, rpfn = 0x9000; /* free DMA32 RAM below the line */
	void *a;

	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "", false), 0);
	KTEST_EXPECT_EQ(t, memmap_bootmem_mismatches(), 0UL);
	a = alloc_bootmem_pages(3 * PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(t, a);
	pfn = PFN_DOWN(__pa(a));
	KTEST_EXPECT_TRUE(t, PageReserved(pfn_to_page(pfn + 2)));
	KTEST_EXPECT_EQ(t, page_ref_count(pfn_to_page(pfn + 2)), 1);
	free_bootmem(__pa(a), 3 * PAGE_SIZE);
	KTEST_EXPECT_FALSE(t, PageReserved(pfn_to_page(pfn + 1)));
	KTEST_EXPECT_EQ(t, page_ref_count(pfn_to_page(pfn + 1)), 0);
	KTEST_ASSERT_FALSE(t, bootmem_page_reserved(rpfn));
	KTEST_ASSERT_EQ(t, reserve_bootmem(PFN_PHYS(rpfn), PAGE_SIZE, BOOTMEM_DEFAULT), 0);
	KTEST_EXPECT_TRUE(t, PageReserved(pfn_to_page(rpfn)));
	KTEST_EXPECT_EQ(t, memmap_bootmem_mismatches(), 0UL);

	mem_init();
	/* Still the bootmem reservation's: not handed to the buddy lists. */
	KTEST_EXPECT_TRUE(t, PageReserved(pfn_to_page(rpfn)));
	KTEST_EXPECT_EQ(t, page_ref_count(pfn_to_page(rpfn)), 1);
	KTEST_EXPECT_FALSE(t, PageReserved(pfn_to_page(pfn + 1)));
	page_alloc_init_late();
	KTEST_EXPECT_EQ(t, bad_struct_pages(), 0UL);
	KTEST_EXPECT_EQ(t, nr_bad_pages, 0UL);
}

/*
 * The memmap sits at the top of the node, where Linux 6.1's memblock puts
 * it: every struct page of the 512 MiB machine lies in the deferred part
 * (at or above its first deferred pfn, 0x10000), none in the part set up
 * at boot.
 */
static void deferred_memmap_at_node_top(struct ktest *t)
{
	pg_data_t *pgdat;
	unsigned long low = ULONG_MAX, high = 0;

	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "", false), 0);
	pgdat = NODE_DATA(0);
	for (int i = 0; i < nr_nodemap_entries; i++)
		for (unsigned long pfn = early_node_map[i].start_pfn;
		     pfn < early_node_map[i].end_pfn; pfn++) {
			unsigned long at = PFN_DOWN(__pa(pfn_to_page(pfn)));

			low = at < low ? at : low;
			high = at > high ? at : high;
		}
	KTEST_EXPECT_EQ(t, pgdat->first_deferred_pfn, 0x10000UL);
	KTEST_EXPECT_GE(t, low, pgdat->first_deferred_pfn);
	KTEST_EXPECT_LT(t, high, pgdat->node_start_pfn + pgdat->node_spanned_pages);
}

/*
 * 2 GiB in 248 ranges of 8 MiB - 4 KiB above 64 MiB, each followed by a
 * reserved page: no free hole holds the 32 MiB memmap, so it comes in
 * smaller blocks (it panicked "Out of memory" before). The node's first
 * deferred pfn, by the rule above: DMA32 starts at 0x1000; up to 0x8000
 * there are 0x7000 pfns less 8 reserved pages, under 32768; at 0x10000,
 * a range's first page, far more.
 */
static void deferred_memmap_in_small_ranges(struct ktest *t)
{
	static struct pa_e820 map[3 + 2 * 248];
	struct pa_machine m = { "small ranges", map, 0, NULL, 0, "", NULL, 0 };
	const char *line;
	unsigned long blocks = 0;

	map[m.nr_e820++] = (struct pa_e820){ 0, 0x9f000, E820_TYPE_RAM };
	map[m.nr_e820++] = (struct pa_e820){ 0x100000, 16UL << 20, E820_TYPE_RAM };
	map[m.nr_e820++] = (struct pa_e820){ 16UL << 20, 64UL << 20, E820_TYPE_RAM };
	for (uint64_t a = 64UL << 20; a < 2UL << 30; a += 8UL << 20) {
		map[m.nr_e820++] = (struct pa_e820){ a, a + (8UL << 20) - 4096, E820_TYPE_RAM };
		map[m.nr_e820++] = (struct pa_e820){ a + (8UL << 20) - 4096, a + (8UL << 20),
						     E820_TYPE_RESERVED };
	}
	KTEST_ASSERT_EQ(t, m.nr_e820, (unsigned int)(sizeof(map) / sizeof(map[0])));
	check_machine(t, &m, 0, 0x10000);
	line = strstr(sim_log_text(), "K memmap in ");
	KTEST_ASSERT_NOT_NULL(t, line);
	KTEST_EXPECT_EQ(t, sscanf(line, "K memmap in %lu blocks", &blocks), 1);
	KTEST_EXPECT_GT(t, blocks, 1UL);
}

/* Pages in @zone's buddy lists at or above @pfn. */
static unsigned long buddy_pages_above(struct zone *zone, unsigned long pfn)
{
	unsigned long n = 0;

	for (int o = 0; o < MAX_ORDER; o++)
		for (int t = 0; t < MIGRATE_TYPES; t++) {
			struct page *p;

			list_for_each_entry(p, &zone->free_area[o].free_list[t], lru)
				if (page_to_pfn(p) >= pfn)
					n += 1UL << o;
		}
	return n;
}

/*
 * The deferred pages on the nodes' own CPUs, as the kernel does them
 * after smp_init (Linux 6.1 splits each node over its CPUs): CPU 0 on
 * node 0, CPUs 1-3 (threads) on node 1, so node 1 is done by its three
 * CPUs alone. The buddy lists get exactly the deferred pages one CPU
 * gives them (smp_init's allocations come from below the line), every
 * struct page is right, one line per node.
 */
static void deferred_on_node_cpus(struct ktest *t)
{
	unsigned long one[2], first[2] = { 0x10000, 0x108000 };
	struct zone *last[2];

	KTEST_ASSERT_EQ(t, pa_boot(&pa_two_nodes_1_3_cpus, "", false), 0);
	mem_init();
	page_alloc_init_late();
	for (int nid = 0; nid < 2; nid++) {
		last[nid] = &NODE_DATA(nid)->node_zones[NODE_DATA(nid)->nr_zones - 1];
		one[nid] = buddy_pages_above(last[nid], first[nid]);
		KTEST_EXPECT_GT(t, one[nid], 0UL);
	}

	KTEST_ASSERT_EQ(t, pa_boot(&pa_two_nodes_1_3_cpus, "", false), 0);
	mem_init();
	KTEST_EXPECT_EQ(t, NODE_DATA(0)->first_deferred_pfn, first[0]);
	KTEST_EXPECT_EQ(t, NODE_DATA(1)->first_deferred_pfn, first[1]);
	smp_init();
	KTEST_ASSERT_EQ(t, num_online_cpus(), 4U);
	for (unsigned int cpu = 1; cpu < 4; cpu++)
		KTEST_ASSERT_EQ(t, cpu_to_node(cpu), 1);
	page_alloc_init_late();
	for (int nid = 0; nid < 2; nid++) {
		char line[64];
		const char *at;

		KTEST_EXPECT_EQ(t, NODE_DATA(nid)->first_deferred_pfn, ULONG_MAX);
		last[nid] = &NODE_DATA(nid)->node_zones[NODE_DATA(nid)->nr_zones - 1];
		KTEST_EXPECT_EQ(t, buddy_pages_above(last[nid], first[nid]), one[nid]);
		snprintf(line, sizeof(line), "node %d deferred pages initialised in ", nid);
		at = strstr(sim_log_text(), line);
		KTEST_EXPECT_NOT_NULL(t, at);
		if (at)
			KTEST_EXPECT_NULL(t, strstr(at + 1, line));
	}
	KTEST_EXPECT_EQ(t, managed_sum(), totalram_pages());
	KTEST_EXPECT_EQ(t, bad_struct_pages(), 0UL);
	KTEST_EXPECT_EQ(t, nr_bad_pages, 0UL);
}

static const struct ktest_case deferred_cases[] = { KTEST_CASE(deferred_q35_512m),
						    KTEST_CASE(deferred_two_nodes),
						    KTEST_CASE(deferred_small_machine_none),
						    KTEST_CASE(deferred_grow_on_demand),
						    KTEST_CASE(deferred_nodeferinit),
						    KTEST_CASE(deferred_memmap_follows_bootmem),
						    KTEST_CASE(deferred_memmap_in_small_ranges),
						    KTEST_CASE(deferred_memmap_at_node_top),
						    KTEST_CASE(deferred_on_node_cpus),
						    KTEST_CASES_END };

static struct ktest_suite deferred_suite = {
	.name = "mm_deferred",
	.cases = deferred_cases,
	.init = sim_ktest_init,
	.exit = sim_ktest_dump_log,
};
KTEST_SUITE(deferred_suite);
