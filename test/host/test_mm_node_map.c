// SPDX-License-Identifier: MIT
/*
 * The early node map (kernel/mm/node_map.c), memblock-test style: one
 * case per situation, the input drawn above it, expected ranges worked
 * out by hand from that drawing. Pfns, not addresses.
 */
#include "sim_ktest.h"

#include <mm/node_map.h>

#define R(i) early_node_map[i]

/* Expect entry @i to be [s, e) of node @nid. */
static void expect_range(struct ktest *t, int i, unsigned long s,
			 unsigned long e, int nid)
{
	KTEST_EXPECT_EQ(t, R(i).start_pfn, s);
	KTEST_EXPECT_EQ(t, R(i).end_pfn, e);
	KTEST_EXPECT_EQ(t, R(i).nid, nid);
}

/*
 *   0x10    0x20
 *    |  n0   |
 * One range in, one range out.
 */
static void node_map_add_single(struct ktest *t)
{
	add_active_range(0, 0x10, 0x20);
	KTEST_ASSERT_EQ(t, nr_nodemap_entries, 1);
	expect_range(t, 0, 0x10, 0x20, 0);
}

/*
 *   0x10    0x20    0x30
 *    |  A    |   B   |      A and B touch, same node
 *    |       AB      |      merged
 */
static void node_map_merge_adjacent(struct ktest *t)
{
	add_active_range(0, 0x10, 0x20);
	add_active_range(0, 0x20, 0x30);
	KTEST_ASSERT_EQ(t, nr_nodemap_entries, 1);
	expect_range(t, 0, 0x10, 0x30, 0);
}

/*
 *   0x10      0x30
 *    |   A     |
 *         |    B     |
 *        0x20       0x40
 *    |       AB      |   [0x10, 0x40)
 */
static void node_map_merge_overlap_top(struct ktest *t)
{
	add_active_range(0, 0x10, 0x30);
	add_active_range(0, 0x20, 0x40);
	KTEST_ASSERT_EQ(t, nr_nodemap_entries, 1);
	expect_range(t, 0, 0x10, 0x40, 0);
}

/*
 *          0x20      0x40
 *           |    A    |
 *    |   B    |             B added second, below A: sort, then merge
 *   0x10     0x28
 *    |       AB       |     [0x10, 0x40)
 */
static void node_map_merge_overlap_bottom(struct ktest *t)
{
	add_active_range(0, 0x20, 0x40);
	add_active_range(0, 0x10, 0x28);
	KTEST_ASSERT_EQ(t, nr_nodemap_entries, 1);
	expect_range(t, 0, 0x10, 0x40, 0);
}

/*
 *   0x10                0x40
 *    |        A          |
 *         |  B  |               inside A: nothing changes
 *        0x20  0x30
 */
static void node_map_contained(struct ktest *t)
{
	add_active_range(0, 0x10, 0x40);
	add_active_range(0, 0x20, 0x30);
	KTEST_ASSERT_EQ(t, nr_nodemap_entries, 1);
	expect_range(t, 0, 0x10, 0x40, 0);
}

/*
 *   0x10    0x20    0x30
 *    |  n0   |  n1   |     touching, different nodes: kept apart
 */
static void node_map_no_merge_across_nodes(struct ktest *t)
{
	add_active_range(0, 0x10, 0x20);
	add_active_range(1, 0x20, 0x30);
	KTEST_ASSERT_EQ(t, nr_nodemap_entries, 2);
	expect_range(t, 0, 0x10, 0x20, 0);
	expect_range(t, 1, 0x20, 0x30, 1);
}

/*
 * Added in the order C, A, B:
 *   0x10 0x20   0x50 0x60   0x100  0x200
 *    | A |       | B |       |  C   |
 * come out sorted A, B, C.
 */
static void node_map_unsorted_adds(struct ktest *t)
{
	add_active_range(0, 0x100, 0x200);
	add_active_range(0, 0x10, 0x20);
	add_active_range(0, 0x50, 0x60);
	KTEST_ASSERT_EQ(t, nr_nodemap_entries, 3);
	expect_range(t, 0, 0x10, 0x20, 0);
	expect_range(t, 1, 0x50, 0x60, 0);
	expect_range(t, 2, 0x100, 0x200, 0);
}

/*
 *   0x10 0x20 0x30 0x40
 *    | A  |    | C  |      then B fills the gap:
 *         | B  |
 *    |     ABC      |      one range [0x10, 0x40)
 */
static void node_map_gap_filled_last(struct ktest *t)
{
	add_active_range(0, 0x10, 0x20);
	add_active_range(0, 0x30, 0x40);
	add_active_range(0, 0x20, 0x30);
	KTEST_ASSERT_EQ(t, nr_nodemap_entries, 1);
	expect_range(t, 0, 0x10, 0x40, 0);
}

/* Empty and inverted ranges are no RAM at all. */
static void node_map_empty_ranges_ignored(struct ktest *t)
{
	add_active_range(0, 0x10, 0x10);
	add_active_range(0, 0x20, 0x10);
	KTEST_EXPECT_EQ(t, nr_nodemap_entries, 0);
}

/*
 * MAX_ACTIVE_REGIONS (1024) disjoint one-page ranges at even pfns 0, 2,
 * 4, ... 2046 fill the map; the next one, pfn 2048 = [mem 0x800000-
 * 0x800fff], is dropped with a warning naming it.
 */
static void node_map_overflow_reported(struct ktest *t)
{
	for (unsigned long i = 0; i < MAX_ACTIVE_REGIONS; i++)
		add_active_range(0, 2 * i, 2 * i + 1);
	KTEST_ASSERT_EQ(t, nr_nodemap_entries, MAX_ACTIVE_REGIONS);
	KTEST_EXPECT_EQ(t, sim_log_count("more than"), 0U);
	add_active_range(0, 2048, 2049);
	KTEST_EXPECT_EQ(t, nr_nodemap_entries, MAX_ACTIVE_REGIONS);
	SIM_EXPECT_LINE(t, "node_map: more than 1024 active ranges, ignoring [mem 0x0000000000800000-0x0000000000800fff]");
	expect_range(t, MAX_ACTIVE_REGIONS - 1, 2046, 2047, 0);
}

/* A full map still merges: a range touching the last one is no new entry. */
static void node_map_full_map_merge_is_refused(struct ktest *t)
{
	for (unsigned long i = 0; i < MAX_ACTIVE_REGIONS; i++)
		add_active_range(0, 2 * i, 2 * i + 1);
	/*
	 * [2047, 2048) touches [2046, 2047): it would merge and need no new
	 * slot, but the map checks the count before merging, so it is
	 * dropped and reported. Documents the current (conservative) rule.
	 */
	add_active_range(0, 2047, 2048);
	KTEST_EXPECT_EQ(t, nr_nodemap_entries, MAX_ACTIVE_REGIONS);
	KTEST_EXPECT_EQ(t, sim_log_count("more than 1024 active ranges"), 1U);
}

/*
 *  n0: [0x100, 0x200) [0x300, 0x400)      n1: [0x1000, 0x1800)
 */
static void add_two_nodes(void)
{
	add_active_range(1, 0x1000, 0x1800);
	add_active_range(0, 0x300, 0x400);
	add_active_range(0, 0x100, 0x200);
}

static void node_map_min_pfn(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, find_min_pfn_with_active_regions(), 0UL); /* empty */
	add_two_nodes();
	KTEST_EXPECT_EQ(t, find_min_pfn_with_active_regions(), 0x100UL);
}

static void node_map_pfn_range_for_nid(struct ktest *t)
{
	unsigned long s, e;

	add_two_nodes();
	get_pfn_range_for_nid(0, &s, &e);
	KTEST_EXPECT_EQ(t, s, 0x100UL);
	KTEST_EXPECT_EQ(t, e, 0x400UL);
	get_pfn_range_for_nid(1, &s, &e);
	KTEST_EXPECT_EQ(t, s, 0x1000UL);
	KTEST_EXPECT_EQ(t, e, 0x1800UL);
	get_pfn_range_for_nid(2, &s, &e); /* no such node */
	KTEST_EXPECT_EQ(t, s, 0UL);
	KTEST_EXPECT_EQ(t, e, 0UL);
}

/*
 * Holes, with add_two_nodes():
 *  node 0 in [0x100, 0x400): 0x400-0x100 = 0x300 spanned, 0x100+0x100 RAM
 *    -> 0x100 absent (the gap [0x200, 0x300))
 *  node 0 in [0x180, 0x380): RAM [0x180,0x200)=0x80 + [0x300,0x380)=0x80
 *    -> 0x200 - 0x100 = 0x100 absent
 *  any node (-1) in [0, 0x2000): RAM 0x100+0x100+0x800 = 0xa00
 *    -> 0x2000 - 0xa00 = 0x1600 absent
 *  node 1 in [0x100, 0x400): no RAM of node 1 -> all 0x300 absent
 */
static void node_map_absent_pages(struct ktest *t)
{
	add_two_nodes();
	KTEST_EXPECT_EQ(t, absent_pages_in_range(0, 0x100, 0x400), 0x100UL);
	KTEST_EXPECT_EQ(t, absent_pages_in_range(0, 0x180, 0x380), 0x100UL);
	KTEST_EXPECT_EQ(t, absent_pages_in_range(-1, 0, 0x2000), 0x1600UL);
	KTEST_EXPECT_EQ(t, absent_pages_in_range(1, 0x100, 0x400), 0x300UL);
	KTEST_EXPECT_EQ(t, absent_pages_in_range(0, 0x400, 0x100), 0UL);
	KTEST_EXPECT_EQ(t, active_pages_total(), 0xa00UL);
}

static void node_map_remove_all(struct ktest *t)
{
	add_two_nodes();
	remove_all_active_ranges();
	KTEST_EXPECT_EQ(t, nr_nodemap_entries, 0);
	KTEST_EXPECT_EQ(t, active_pages_total(), 0UL);
}

static const struct ktest_case node_map_cases[] = {
	KTEST_CASE(node_map_add_single),
	KTEST_CASE(node_map_merge_adjacent),
	KTEST_CASE(node_map_merge_overlap_top),
	KTEST_CASE(node_map_merge_overlap_bottom),
	KTEST_CASE(node_map_contained),
	KTEST_CASE(node_map_no_merge_across_nodes),
	KTEST_CASE(node_map_unsorted_adds),
	KTEST_CASE(node_map_gap_filled_last),
	KTEST_CASE(node_map_empty_ranges_ignored),
	KTEST_CASE(node_map_overflow_reported),
	KTEST_CASE(node_map_full_map_merge_is_refused),
	KTEST_CASE(node_map_min_pfn),
	KTEST_CASE(node_map_pfn_range_for_nid),
	KTEST_CASE(node_map_absent_pages),
	KTEST_CASE(node_map_remove_all),
	KTEST_CASES_END
};

static struct ktest_suite node_map_suite = {
	.name = "mm_node_map",
	.cases = node_map_cases,
	.init = sim_ktest_init,
	.exit = sim_ktest_dump_log,
};
KTEST_SUITE(node_map_suite);
