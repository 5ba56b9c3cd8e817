// SPDX-License-Identifier: MIT
/*
 * The bootmem bitmap allocator (kernel/mm/bootmem.c) in the simulator.
 *
 * Most cases start from std_setup(), a 128 MiB machine:
 *
 *   pfn 0   1            0x9f   0x100  0x200                     0x8000
 *       |res|    RAM      | hole |  RAM |map|       RAM            |
 *
 *   node map: [0x1, 0x9f) and [0x100, 0x8000)
 *   bootmem over [0, 0x8000): 0x8000 bits = 4096 bytes = 1 page, at pfn 0x200
 *   free RAM: 0x9e + 0x7f00 = 158 + 32512 = 32670 pages,
 *             minus the bitmap page = 32669 (STD_FREE)
 */
#include "page_alloc_machines.h"
#include "sim_ktest.h"

#include <lib/errno.h>
#include <mm/bootmem.h>
#include <mm/node_map.h>
#include <mm/page_alloc.h>

#define STD_FREE 32669UL

static void std_setup(void)
{
	add_active_range(0, 0x1, 0x9f);
	add_active_range(0, 0x100, 0x8000);
	init_bootmem(0x200, 0x8000);
	free_bootmem_with_active_regions(0, 0x8000);
	reserve_bootmem(PFN_PHYS(0x200), PAGE_SIZE, BOOTMEM_DEFAULT);
}

static bool reserved(unsigned long pfn)
{
	return bootmem_page_reserved(pfn);
}

/*
 * One bit per frame, in whole longs, in whole pages:
 *   0x8000 frames -> 0x200 longs = 4096 bytes -> 1 page
 *   0x8001 frames -> 0x201 longs = 4104 bytes -> 2 pages
 *   1 frame -> 1 long -> 1 page;   0 frames -> 0 pages
 */
static void bootmem_bitmap_size(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, bootmem_bootmap_pages(0x8000), 1UL);
	KTEST_EXPECT_EQ(t, bootmem_bootmap_pages(0x8001), 2UL);
	KTEST_EXPECT_EQ(t, bootmem_bootmap_pages(1), 1UL);
	KTEST_EXPECT_EQ(t, bootmem_bootmap_pages(0), 0UL);
}

/* Right after init_bootmem nothing is free, RAM or not. */
static void bootmem_init_marks_all_reserved(struct ktest *t)
{
	add_active_range(0, 0x100, 0x8000);
	KTEST_EXPECT_EQ(t, init_bootmem(0x200, 0x8000), 4096UL);
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), 0UL);
	KTEST_EXPECT_TRUE(t, reserved(0x100));
	KTEST_EXPECT_TRUE(t, reserved(0x7fff));
}

/* The node map decides what is free; holes and page 0 stay reserved. */
static void bootmem_free_active_regions(struct ktest *t)
{
	add_active_range(0, 0x1, 0x9f);
	add_active_range(0, 0x100, 0x8000);
	init_bootmem(0x200, 0x8000);
	free_bootmem_with_active_regions(0, 0x8000);
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), STD_FREE + 1); /* map not reserved yet */
	KTEST_EXPECT_TRUE(t, reserved(0x0));
	KTEST_EXPECT_FALSE(t, reserved(0x1));
	KTEST_EXPECT_FALSE(t, reserved(0x9e));
	KTEST_EXPECT_TRUE(t, reserved(0x9f));
	KTEST_EXPECT_TRUE(t, reserved(0xff));
	KTEST_EXPECT_FALSE(t, reserved(0x100));
	KTEST_EXPECT_FALSE(t, reserved(0x7fff));
	KTEST_EXPECT_TRUE(t, reserved(0x8000)); /* outside bootmem */
}

/* With max_low_pfn = 0x4000, RAM above it is not bootmem's to hand out. */
static void bootmem_free_active_regions_below_limit(struct ktest *t)
{
	add_active_range(0, 0x100, 0x8000);
	init_bootmem(0x200, 0x8000);
	free_bootmem_with_active_regions(0, 0x4000);
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), 0x3f00UL);
	KTEST_EXPECT_TRUE(t, reserved(0x4000));
}

/*
 * reserve rounds outwards, free inwards:
 *   reserve [0x5800, 0x6800) -> pages 5 and 6
 *   free    [0x5000, 0x7000) -> pages 5 and 6 back
 */
static void bootmem_reserve_free_roundtrip(struct ktest *t)
{
	std_setup();
	KTEST_EXPECT_EQ(t, reserve_bootmem(0x5800, 0x1000, BOOTMEM_DEFAULT), 0);
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), STD_FREE - 2);
	KTEST_EXPECT_TRUE(t, reserved(5));
	KTEST_EXPECT_TRUE(t, reserved(6));
	free_bootmem(0x5000, 0x2000);
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), STD_FREE);
	KTEST_EXPECT_EQ(t, sim_log_count("bootmem:"), 0U);
}

/*
 * Pages 5..7 reserved; free [0x5800, 0x7800): only page 6 lies wholly
 * inside (PFN_UP(0x5800) = 6, PFN_DOWN(0x7800) = 7), so 5 and 7 stay.
 */
static void bootmem_free_partial_pages_stay_reserved(struct ktest *t)
{
	std_setup();
	reserve_bootmem(0x5000, 0x3000, BOOTMEM_DEFAULT);
	free_bootmem(0x5800, 0x2000);
	KTEST_EXPECT_TRUE(t, reserved(5));
	KTEST_EXPECT_FALSE(t, reserved(6));
	KTEST_EXPECT_TRUE(t, reserved(7));
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), STD_FREE - 2);
}

/* Reserving twice is fine by default (BOOTMEM_DEFAULT). */
static void bootmem_reserve_twice_default(struct ktest *t)
{
	std_setup();
	KTEST_EXPECT_EQ(t, reserve_bootmem(0x10000, 0x1000, BOOTMEM_DEFAULT), 0);
	KTEST_EXPECT_EQ(t, reserve_bootmem(0x10000, 0x1000, BOOTMEM_DEFAULT), 0);
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), STD_FREE - 1);
}

/*
 *   0xf000  0x10000 0x11000 0x12000
 *      | free |  res  | free |          page 0x10 reserved first
 *      |  exclusive request  |          -> -EBUSY, pages 0xf, 0x11 untouched
 */
static void bootmem_reserve_exclusive_conflict(struct ktest *t)
{
	std_setup();
	reserve_bootmem(0x10000, 0x1000, BOOTMEM_DEFAULT);
	KTEST_EXPECT_EQ(t, reserve_bootmem(0xf000, 0x3000, BOOTMEM_EXCLUSIVE), -EBUSY);
	KTEST_EXPECT_FALSE(t, reserved(0xf));
	KTEST_EXPECT_FALSE(t, reserved(0x11));
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), STD_FREE - 1);
	SIM_EXPECT_LINE(t, "bootmem: exclusive reserve of [mem 0x000000000000f000-0x0000000000011fff]: page 0x10 is already reserved");
}

static void bootmem_reserve_exclusive_free_range(struct ktest *t)
{
	std_setup();
	KTEST_EXPECT_EQ(t, reserve_bootmem(0xf000, 0x3000, BOOTMEM_EXCLUSIVE), 0);
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), STD_FREE - 3);
}

/* Beyond bootmem's range (pfn >= 0x8000) there is nothing to reserve. */
static void bootmem_reserve_outside_ram_skipped(struct ktest *t)
{
	std_setup();
	KTEST_EXPECT_EQ(t, reserve_bootmem(0x7fff000, 0x3000, BOOTMEM_DEFAULT), 0);
	KTEST_EXPECT_TRUE(t, reserved(0x7fff));
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), STD_FREE - 1);
}

/* Freeing a free page is the caller's bug: reported, page stays free. */
static void bootmem_double_free_reported(struct ktest *t)
{
	std_setup();
	free_bootmem(0x100000, 0x1000);
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), STD_FREE);
	KTEST_EXPECT_FALSE(t, reserved(0x100));
	SIM_EXPECT_LINE(t, "bootmem: double free of page 0x100 ([mem 0x0000000000100000-0x0000000000100fff])");
}

/* pfn 0x10000 (256 MiB) is past the 128 MiB of bootmem. */
static void bootmem_free_outside_ram_reported(struct ktest *t)
{
	std_setup();
	free_bootmem(0x10000000, 0x1000);
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), STD_FREE);
	SIM_EXPECT_LINE(t, "bootmem: free of [mem 0x0000000010000000-0x0000000010000fff]: page 0x10000 is outside bootmem's RAM");
}

static phys_addr_t pa(const void *p)
{
	return p ? __pa(p) : ~0ULL;
}

/* The goal page is free: that is the answer, zeroed. */
static void bootmem_alloc_at_goal(struct ktest *t)
{
	void *p;

	std_setup();
	memset(__va(0x1000000), 0xaa, 64); /* junk the allocation must clear */
	p = __alloc_bootmem(4096, 4096, 0x1000000);
	KTEST_EXPECT_EQ(t, pa(p), 0x1000000ULL);
	KTEST_EXPECT_EQ(t, ((unsigned char *)p)[0], 0);
	KTEST_EXPECT_EQ(t, ((unsigned char *)p)[63], 0);
	KTEST_EXPECT_TRUE(t, reserved(0x1000));
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), STD_FREE - 1);
}

/* Goal 0x1001000, 64 KiB alignment -> the next multiple, 0x1010000. */
static void bootmem_alloc_aligned(struct ktest *t)
{
	std_setup();
	KTEST_EXPECT_EQ(t, pa(__alloc_bootmem(4096, 0x10000, 0x1001000)), 0x1010000ULL);
}

/* Goal pages 0x1000-0x1001 taken: first fit above is 0x1002000. */
static void bootmem_alloc_goal_taken(struct ktest *t)
{
	std_setup();
	reserve_bootmem(0x1000000, 0x2000, BOOTMEM_DEFAULT);
	KTEST_EXPECT_EQ(t, pa(__alloc_bootmem(4096, 4096, 0x1000000)), 0x1002000ULL);
}

/*
 * Everything from 32 MiB up is taken; goal 48 MiB finds nothing above it,
 * so the search restarts from pfn 0: page 0 is reserved, page 1 is free.
 */
static void bootmem_alloc_falls_back_below_goal(struct ktest *t)
{
	std_setup();
	reserve_bootmem(0x2000000, 0x6000000, BOOTMEM_DEFAULT);
	KTEST_EXPECT_EQ(t, pa(__alloc_bootmem(4096, 4096, 0x3000000)), 0x1000ULL);
}

/*
 * A free lowers the search hint (Linux's free_bootmem_core): two pages at
 * goal 16 MiB land at 0x1000000 and 0x1001000, the hint moves past them;
 * after freeing the first, the next page at the same goal is 0x1000000
 * again, not 0x1002000 above the hint.
 */
static void bootmem_free_lowers_hint(struct ktest *t)
{
	void *a, *b;

	std_setup();
	a = __alloc_bootmem(4096, 4096, 0x1000000);
	b = __alloc_bootmem(4096, 4096, 0x1000000);
	KTEST_EXPECT_EQ(t, pa(a), 0x1000000ULL);
	KTEST_EXPECT_EQ(t, pa(b), 0x1001000ULL);
	free_bootmem(0x1000000, 4096);
	KTEST_EXPECT_EQ(t, pa(__alloc_bootmem(4096, 4096, 0x1000000)), 0x1000000ULL);
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), STD_FREE - 2);
}

/*
 * Small allocations share a page when each follows the last:
 *   a: 100 B at 0x1000000            ends 0x1000064
 *   b: 100 B, 64-aligned: 0x1000080  ends 0x10000e4
 *   c: 4000 B at 0x1000100           ends 0x10010a0 (spills into page 0x1001)
 *   d: a page: next page, 0x1002000
 * Pages used: 0x1000, 0x1001, 0x1002 -> 3.
 */
static void bootmem_alloc_sub_page_packing(struct ktest *t)
{
	std_setup();
	KTEST_EXPECT_EQ(t, pa(__alloc_bootmem(100, 64, 0x1000000)), 0x1000000ULL);
	KTEST_EXPECT_EQ(t, pa(__alloc_bootmem(100, 64, 0x1000000)), 0x1000080ULL);
	KTEST_EXPECT_EQ(t, pa(__alloc_bootmem(4000, 64, 0x1000000)), 0x1000100ULL);
	KTEST_EXPECT_EQ(t, pa(__alloc_bootmem(4096, 4096, 0x1000000)), 0x1002000ULL);
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), STD_FREE - 3);
}

/* 200 MiB from a 128 MiB machine: the panic names the request. */
static void bootmem_alloc_exhaustion_panics(struct ktest *t)
{
	std_setup();
	if (SIM_PANIC_TRY() == 0) {
		__alloc_bootmem(200UL << 20, 64, 0x1000000);
		SIM_PANIC_DONE();
		KTEST_EXPECT_TRUE(t, false); /* did not panic */
		return;
	}
	KTEST_EXPECT_STREQ(t, sim_panic_message(),
		"Out of memory: bootmem allocation of 209715200 bytes (align 0x40, goal 0x1000000) failed, 32669 pages free");
	SIM_EXPECT_LINE(t, "Kernel panic - not syncing: Out of memory: bootmem allocation of 209715200 bytes (align 0x40, goal 0x1000000) failed, 32669 pages free");
}

static void bootmem_alloc_nopanic_returns_null(struct ktest *t)
{
	std_setup();
	KTEST_EXPECT_NULL(t, __alloc_bootmem_nopanic(200UL << 20, 64, 0));
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), STD_FREE);
	/* Bad alignment (not a power of two) is refused, not rounded. */
	KTEST_EXPECT_NULL(t, __alloc_bootmem_nopanic(4096, 3000, 0));
}

/*
 * A machine with most RAM above 4 GiB:
 *   [0x1, 0x9f) and [0x100000, 0x100100)   (4 GiB .. 4 GiB + 1 MiB)
 *   bootmem over [0, 0x100100): ceil(0x100100 / 64) = 0x4004 longs
 *     = 0x20020 bytes -> 33 pages at pfn 0x100000, reserved.
 */
static void low_setup(void)
{
	add_active_range(0, 0x1, 0x9f);
	add_active_range(0, 0x100000, 0x100100);
	init_bootmem(0x100000, 0x100100);
	free_bootmem_with_active_regions(0, 0x100100);
	reserve_bootmem(PFN_PHYS(0x100000), 33 * PAGE_SIZE, BOOTMEM_DEFAULT);
}

/* Low memory is full: a low allocation panics, a normal one goes high. */
static void bootmem_alloc_low_limit(struct ktest *t)
{
	low_setup();
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), 0x9eUL + 0x100 - 33);
	KTEST_EXPECT_EQ(t, pa(__alloc_bootmem_low(4096, 4096, 0)), 0x1000ULL);
	reserve_bootmem(0x1000, 0x9e000, BOOTMEM_DEFAULT);
	/* first free page above the bitmap: 0x100000 + 33 = 0x100021 */
	KTEST_EXPECT_EQ(t, pa(__alloc_bootmem(4096, 4096, 0)), 0x100021000ULL);
	if (SIM_PANIC_TRY() == 0) {
		__alloc_bootmem_low(4096, 4096, 0);
		SIM_PANIC_DONE();
		KTEST_EXPECT_TRUE(t, false);
		return;
	}
	KTEST_EXPECT_TRUE(t, strstr(sim_panic_message(), "low bootmem allocation of 4096 bytes") != NULL);
}

/* Node-directed allocation from node 0's bootmem. */
static void bootmem_alloc_node(struct ktest *t)
{
	std_setup();
	KTEST_EXPECT_EQ(t, pa(__alloc_bootmem_node(NODE_DATA(0), 8192, 4096, 0x2000000)),
			0x2000000ULL);
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), STD_FREE - 2);
}

/*
 * Where a bitmap ends (bootmem_cluster_end): the std map's RAM is
 * 0x9e + 0x7f00 = 0x7f9e pages and its one hole, [0x9f, 0x100), is 0x61
 * pages, nowhere near 64 times that: one bitmap over [0, 0x8000).
 */
static void bootmem_cluster_end_ordinary(struct ktest *t)
{
	unsigned long next = 0;

	add_active_range(0, 0x1, 0x9f);
	add_active_range(0, 0x100, 0x8000);
	KTEST_EXPECT_EQ(t, bootmem_cluster_end(0, 0, 0x8000, &next), 0x8000UL);
	KTEST_EXPECT_EQ(t, next, 0x8000UL);
}

/*
 * The ratio's edge. RAM [0x100, 0x200) and [x, x + 0x100): 0x200 pages,
 * times BOOTMEM_HOLE_RATIO (64) = 0x8000.
 *   x = 0x8200: hole 0x8000 pages, not over it  -> one bitmap to the end
 *   x = 0x8201: hole 0x8001 pages, over it      -> cut at 0x200, next 0x8201
 * A node's bitmap counts only its own RAM: node 1's [0x200, 0x8201) does
 * not fill node 0's hole.
 */
static void bootmem_cluster_end_ratio_edge(struct ktest *t)
{
	unsigned long next = 0;

	add_active_range(0, 0x100, 0x200);
	add_active_range(0, 0x8200, 0x8300);
	KTEST_EXPECT_EQ(t, bootmem_cluster_end(0, 0x100, 0x8300, &next), 0x8300UL);
	KTEST_EXPECT_EQ(t, next, 0x8300UL);

	remove_all_active_ranges();
	add_active_range(0, 0x100, 0x200);
	add_active_range(1, 0x200, 0x8201);
	add_active_range(0, 0x8201, 0x8301);
	KTEST_EXPECT_EQ(t, bootmem_cluster_end(0, 0x100, 0x8301, &next), 0x200UL);
	KTEST_EXPECT_EQ(t, next, 0x8201UL);
	KTEST_EXPECT_EQ(t, bootmem_cluster_end(0, 0x8201, 0x8301, &next), 0x8301UL);
	KTEST_EXPECT_EQ(t, next, 0x8301UL);
}

/*
 * std_setup's node with a second cluster of RAM at 1 TiB (pfn 0x10000000):
 *
 *   pfn 0   1     0x9f   0x100 0x200       0x8000        0x10000000         0x10008000
 *       |res| RAM  | hole |RAM |map|  RAM   | hole: 1T-128M |map|     RAM      |
 *
 *   RAM 0x9e + 0x7f00 + 0x8000 = 0xff9e pages; the hole is 0xfff8000
 *   pages, over 64 * 0xff9e = 0x3fe780: the bitmap is cut at 0x8000.
 *   A over [0, 0x8000): 1 page at pfn 0x200 (std_setup's)
 *   B over [0x10000000, 0x10008000): 0x8000 bits = 4096 bytes, at its first
 *     pfn, and B's bootmem_data_t after it: pfns HI and HI + 1
 *   free: STD_FREE + 0x8000 - 2 = 32669 + 32766 = 65435 pages (TWO_FREE)
 */
#define TWO_FREE 65435UL
#define HI	 0x10000000UL

/*
 * Where the first bitmap starts: at the span's start unless the hole up
 * to the first RAM is over 64 times the RAM.
 *   RAM [0x1, 0x9f) [0x100, 0x8000) [HI, HI + 0x8000): 0xff9e pages; the
 *   first RAM is at 1, the hole below it 1 page: from 0.
 *   RAM [HI, HI + 0x8000) only: 0x8000 pages, hole HI = 0x10000000 pages
 *   over 64 * 0x8000 = 0x200000: from HI; from HI + 0x100 (inside it) too.
 *   RAM [0x100000, 0x108000) only: hole 0x100000 = 32 * 0x8000, not over
 *   64 times: from 0.
 */
static void bootmem_first_bitmap_start(struct ktest *t)
{
	add_active_range(0, 0x1, 0x9f);
	add_active_range(0, 0x100, 0x8000);
	add_active_range(0, HI, HI + 0x8000);
	KTEST_EXPECT_EQ(t, bootmem_cluster_start(0, 0), 0UL);
	remove_all_active_ranges();
	add_active_range(0, HI, HI + 0x8000);
	KTEST_EXPECT_EQ(t, bootmem_cluster_start(0, 0), HI);
	KTEST_EXPECT_EQ(t, bootmem_cluster_start(NUMA_NO_NODE, 0), HI);
	KTEST_EXPECT_EQ(t, bootmem_cluster_start(0, HI + 0x100), HI + 0x100);
	remove_all_active_ranges();
	add_active_range(0, 0x100000, 0x108000);
	KTEST_EXPECT_EQ(t, bootmem_cluster_start(0, 0), 0UL);
}

static void two_cluster_setup(struct ktest *t)
{
	unsigned long end, next = 0;

	add_active_range(0, 0x1, 0x9f);
	add_active_range(0, 0x100, 0x8000);
	add_active_range(0, HI, HI + 0x8000);
	end = bootmem_cluster_end(0, 0, HI + 0x8000, &next);
	KTEST_EXPECT_EQ(t, end, 0x8000UL);
	KTEST_EXPECT_EQ(t, next, HI);
	KTEST_EXPECT_EQ(t, init_bootmem_node(NODE_DATA(0), 0x200, 0, end), 4096UL);
	KTEST_EXPECT_EQ(t, bootmem_cluster_bytes(0x8000), 4096UL + sizeof(bootmem_data_t));
	KTEST_EXPECT_EQ(t, init_bootmem_cluster(0, HI, next, HI + 0x8000), 4096UL);
	free_bootmem_with_active_regions(0, HI + 0x8000);
	reserve_bootmem(PFN_PHYS(0x200), PAGE_SIZE, BOOTMEM_DEFAULT);
	reserve_bootmem(PFN_PHYS(HI), 2 * PAGE_SIZE, BOOTMEM_DEFAULT);
}

/* Both bitmaps hold their RAM; the hole between is nobody's. */
static void bootmem_two_clusters_free(struct ktest *t)
{
	two_cluster_setup(t);
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), TWO_FREE);
	KTEST_EXPECT_FALSE(t, reserved(0x7fff));
	KTEST_EXPECT_TRUE(t, reserved(0x8000));
	KTEST_EXPECT_TRUE(t, reserved(HI - 1));
	KTEST_EXPECT_TRUE(t, reserved(HI));	/* B's bitmap */
	KTEST_EXPECT_TRUE(t, reserved(HI + 1)); /* and its bootmem_data_t */
	KTEST_EXPECT_FALSE(t, reserved(HI + 2));
	KTEST_EXPECT_FALSE(t, reserved(HI + 0x7fff));
	KTEST_EXPECT_TRUE(t, reserved(HI + 0x8000));
	free_bootmem(PFN_PHYS(0x8000), PAGE_SIZE);
	SIM_EXPECT_LINE(
		t,
		"bootmem: free of [mem 0x0000000008000000-0x0000000008000fff]: page 0x8000 is outside bootmem's RAM");
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), TWO_FREE);
}

/*
 * Bottom-up node allocations, a page each:
 *   goal 16 MiB                 -> 0x1000000 (A holds the goal)
 *   A all reserved, goal 16 MiB -> A has nothing: B from its bottom,
 *                                  pfn HI + 2 = 0x10000002000
 *   goal 0x10004000000 (in B)   -> there
 * Free at the end: B's 0x7ffe pages less 2 = 32764.
 */
static void bootmem_two_clusters_alloc_node(struct ktest *t)
{
	two_cluster_setup(t);
	KTEST_EXPECT_EQ(t, pa(__alloc_bootmem_node(NODE_DATA(0), 4096, 4096, 0x1000000)),
			0x1000000ULL);
	reserve_bootmem(0, 0x8000000, BOOTMEM_DEFAULT);
	KTEST_EXPECT_EQ(t, pa(__alloc_bootmem_node(NODE_DATA(0), 4096, 4096, 0x1000000)),
			0x10000002000ULL);
	KTEST_EXPECT_EQ(t, pa(__alloc_bootmem_node(NODE_DATA(0), 4096, 4096, 0x10004000000ULL)),
			0x10004000000ULL);
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), 32764UL);
}

/*
 * Top-down (the memmap's alloc_bootmem_high_node_raw), 100 MiB = 0x6400
 * pages each:
 *   1st: B's free run [HI + 2, HI + 0x8000) fits: HI + 0x8000 - 0x6400
 *        = pfn 0x10001c00 -> 0x10001c00000
 *   2nd: B has [HI + 2, HI + 0x1c00) left, too small; A above 16 MiB
 *        (pfn 0x1000) has [0x1000, 0x8000): 0x8000 - 0x6400 = 0x1c00
 *        -> 0x1c00000
 *   3rd: A has [0x1000, 0x1c00) left, B too little: NULL
 * Free: TWO_FREE - 2 * 0x6400 = 65435 - 51200 = 14235.
 */
static void bootmem_two_clusters_alloc_high(struct ktest *t)
{
	two_cluster_setup(t);
	KTEST_EXPECT_EQ(t, pa(alloc_bootmem_high_node_raw(NODE_DATA(0), 100UL << 20, PAGE_SIZE)),
			0x10001c00000ULL);
	KTEST_EXPECT_EQ(t, pa(alloc_bootmem_high_node_raw(NODE_DATA(0), 100UL << 20, PAGE_SIZE)),
			0x1c00000ULL);
	KTEST_EXPECT_NULL(t, alloc_bootmem_high_node_raw(NODE_DATA(0), 100UL << 20, PAGE_SIZE));
	KTEST_EXPECT_EQ(t, bootmem_free_pages(), 14235UL);
}

/*
 * Top-down with alignment, runs not on word boundaries (the walk goes
 * down a bitmap word at a time). In B, [HI + 0x7000, HI + 0x7f81)
 * reserved: the free runs are [HI + 1, HI + 0x7000) and
 * [HI + 0x7f81, HI + 0x8000) (0x7f pages, starting at bit 1 of a word).
 *   0x40 pages aligned to 0x80: the top run's last fit HI + 0x7fc0 aligns
 *        down to HI + 0x7f80, below its start: the run below, HI + 0x7000
 *        - 0x40 = HI + 0x6fc0 -> HI + 0x6f80 -> 0x10006f80000
 *   0x40 pages aligned to 0x40: HI + 0x7fc0 fits the top run -> 0x10007fc0000
 */
static void bootmem_alloc_high_aligned_runs(struct ktest *t)
{
	two_cluster_setup(t);
	reserve_bootmem(PFN_PHYS(HI + 0x7000), PFN_PHYS(0xf81), BOOTMEM_DEFAULT);
	KTEST_EXPECT_EQ(t,
			pa(alloc_bootmem_high_node_raw(NODE_DATA(0), 0x40UL << 12, 0x80UL << 12)),
			0x10006f80000ULL);
	KTEST_EXPECT_EQ(t,
			pa(alloc_bootmem_high_node_raw(NODE_DATA(0), 0x40UL << 12, 0x40UL << 12)),
			0x10007fc0000ULL);
	KTEST_EXPECT_FALSE(t, reserved(HI + 0x7fbf));
	KTEST_EXPECT_TRUE(t, reserved(HI + 0x7fc0));
	KTEST_EXPECT_TRUE(t, reserved(HI + 0x7fff));
}

/*
 * Node 1 between node 0's clusters, at 64 GiB: [0x1000000, 0x1008000),
 * its bitmap at its first pfn. Each node allocates from its own bitmaps
 * first, however the goal or the height lie:
 *   node 1 top-down         -> its top page 0x1007fff -> 0x1007fff000
 *   node 0 top-down         -> B's top page           -> 0x10007fff000
 *   node 1, goal in node 0  -> node 1 from its bottom, pfn 0x1000001
 */
static void bootmem_cluster_nodes_apart(struct ktest *t)
{
	two_cluster_setup(t);
	NODE_DATA(1)->node_id = 1;
	add_active_range(1, 0x1000000, 0x1008000);
	init_bootmem_node(NODE_DATA(1), 0x1000000, 0x1000000, 0x1008000);
	free_bootmem_with_active_regions(1, 0x1008000);
	reserve_bootmem(PFN_PHYS(0x1000000), PAGE_SIZE, BOOTMEM_DEFAULT);
	KTEST_EXPECT_EQ(t, pa(alloc_bootmem_high_node_raw(NODE_DATA(1), 4096, 4096)),
			0x1007fff000ULL);
	KTEST_EXPECT_EQ(t, pa(alloc_bootmem_high_node_raw(NODE_DATA(0), 4096, 4096)),
			0x10007fff000ULL);
	KTEST_EXPECT_EQ(t, pa(__alloc_bootmem_node(NODE_DATA(1), 4096, 4096, 0x10004000000ULL)),
			0x1000001000ULL);
}

static unsigned long nr_bitmaps(void)
{
	const bootmem_data_t *b;
	unsigned long n = 0;

	list_for_each_entry(b, &bdata_list, list)
		n++;
	return n;
}

/*
 * The whole early memory init on pa_two_clusters (128 MiB low, 128 MiB at
 * 1 TiB, one node, kernel image at [16, 48) MiB):
 *   [0, 0x8000): 4096 bytes, above 16 MiB clear of the kernel: 48 MiB
 *   hole [0x8000000, 1 TiB) (0xfff8000 pages, over 64 * 0xff9e)
 *   [0x10000000, 0x10008000): 4096 bytes at the cluster's first byte
 * The memmap is taken top-down from the node, as Linux's memblock does:
 * even the low RAM's struct pages lie in the cluster at 1 TiB.
 */
static void bootmem_two_clusters_boot(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, pa_boot(&pa_two_clusters, "", false), 0);
	SIM_EXPECT_LINE(
		t, "bootmem: bitmap of 4096 bytes at [mem 0x03000000-0x03000fff] for 32768 pages");
	SIM_EXPECT_LINE(
		t,
		"bootmem: hole [mem 0x0000000008000000-0x000000ffffffffff] is over 64 times the RAM: a bitmap for each side");
	SIM_EXPECT_LINE(
		t,
		"bootmem: bitmap of 4096 bytes at [mem 0x10000000000-0x10000000fff] for 32768 pages");
	KTEST_EXPECT_EQ(t, nr_bitmaps(), 2UL);
	KTEST_EXPECT_TRUE(t, __pa(pfn_to_page(0x100)) >= 0x10000000000ULL);
	KTEST_EXPECT_TRUE(t, __pa(pfn_to_page(HI)) >= 0x10000000000ULL);
}

/*
 * pa_node_with_clusters: node 0 [0, 2G), node 1 [4G, 4G + 128M) and
 * [1T, 1T + 128M). Node 1's hole is 0xfef8000 pages, over 64 times its
 * 0x10000 pages; node 0 is untouched (one bitmap). Each of node 1's
 * clusters holds its 0x8000-bit (4096-byte) bitmap at its first byte
 * (NODE_DATA(1) sits at the node's top). Node 1's memmap comes top-down
 * from its own highest cluster, node 0's from node 0.
 */
static void bootmem_node_clusters_boot(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, pa_boot(&pa_node_with_clusters, "", false), 0);
	SIM_EXPECT_LINE(t, "bootmem: node 1 bitmap of 4096 bytes at [mem 0x100000000-0x100000fff] for 32768 pages");
	SIM_EXPECT_LINE(t, "bootmem: node 1: hole [mem 0x0000000108000000-0x000000ffffffffff] is over 64 times its RAM: a bitmap for each side");
	SIM_EXPECT_LINE(t, "bootmem: node 1 bitmap of 4096 bytes at [mem 0x10000000000-0x10000000fff] for 32768 pages");
	KTEST_EXPECT_EQ(t, sim_log_count("hole [mem"), 1U);
	KTEST_EXPECT_EQ(t, nr_bitmaps(), 3UL);
	KTEST_EXPECT_TRUE(t, __pa(pfn_to_page(0x100000)) >= 0x10000000000ULL);
	KTEST_EXPECT_TRUE(t, __pa(pfn_to_page(0x100)) < 0x80000000ULL);
}

/*
 * free_all_bootmem hands over every free page of both bitmaps and the
 * bitmaps' own blocks (worked out above: 1 page, and 2 for the cluster's,
 * its 4096 bytes of bitmap and its bootmem_data_t after them):
 * totalram_pages is exactly what bootmem held free before, plus 3.
 */
static void bootmem_two_clusters_hand_over(struct ktest *t)
{
	unsigned long free;

	KTEST_ASSERT_EQ(t, pa_boot(&pa_two_clusters, "", false), 0);
	free = bootmem_free_pages();
	mem_init();
	page_alloc_init_late();
	KTEST_EXPECT_EQ(t, totalram_pages(), free + 3);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free + 3);
}

/*
 * pa_18_clusters: 8 MiB at k * 16 GiB, k = 0..17, one node. Every hole
 * (16 GiB - 8 MiB) is over 64 times the RAM (144 MiB less the low 1 MiB's
 * holes): 18 bitmaps, the node's own and 17 clusters', each cluster's
 * bootmem_data_t right after its bitmap (0x800 bits = 256 bytes) in its
 * own RAM; the last over [17 * 16G, 17 * 16G + 8M) = pfns
 * [0x4400000, 0x4400800). (A table of 16 cluster entries made the 17th
 * cover k = 16 and 17 with the 16 GiB hole between, before.)
 */
static void bootmem_many_clusters(struct ktest *t)
{
	const bootmem_data_t *b, *last;
	unsigned long k = 0;

	KTEST_ASSERT_EQ(t, pa_boot(&pa_18_clusters, "", false), 0);
	KTEST_EXPECT_EQ(t, sim_log_count("more than"), 0U);
	KTEST_EXPECT_EQ(t, nr_bitmaps(), 18UL);
	list_for_each_entry(b, &bdata_list, list) {
		unsigned long pfn = PFN_DOWN(__pa(b->node_bootmem_map));

		KTEST_EXPECT_EQ(t, b->node_min_pfn, k * 0x400000);
		if (k) {
			KTEST_EXPECT_EQ(t, (uintptr_t)b, (uintptr_t)b->node_bootmem_map + 256);
			KTEST_EXPECT_EQ(t, bootmem_block_pages(b), 1UL);
			KTEST_EXPECT_TRUE(t, pfn >= b->node_min_pfn && pfn < b->node_low_pfn);
			KTEST_EXPECT_TRUE(t, bootmem_page_reserved(pfn));
		}
		k++;
	}
	last = list_entry(bdata_list.prev, bootmem_data_t, list);
	KTEST_EXPECT_EQ(t, last->node_min_pfn, 0x4400000UL);
	KTEST_EXPECT_EQ(t, last->node_low_pfn, 0x4400800UL);
}

/*
 * After mem_init bootmem is retired (its bitmap went to the buddy
 * allocator): every entry point panics and names itself, instead of
 * returning 0, reporting a bogus "outside RAM" or reading the freed bitmap.
 * RETIRED_CALL boots q35 512M through mem_init, makes the call and checks
 * the exact message.
 */
#define RETIRED_CALL(t, fn, call)                                               \
	do {                                                                    \
		KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "", true), 0);         \
		if (SIM_PANIC_TRY() == 0) {                                     \
			call;                                                   \
			SIM_PANIC_DONE();                                       \
			KTEST_EXPECT_TRUE(t, false); /* did not panic */        \
			return;                                                 \
		}                                                               \
		KTEST_EXPECT_STREQ(t, sim_panic_message(), fn                  \
			"() after mem_init: bootmem is retired, use the page allocator"); \
	} while (0)

static void bootmem_retired_alloc(struct ktest *t)
{
	RETIRED_CALL(t, "__alloc_bootmem", __alloc_bootmem(64, 8, 0));
}

static void bootmem_retired_alloc_nopanic(struct ktest *t)
{
	/* Not "returns NULL": a NULL here looks like an ordinary shortage. */
	RETIRED_CALL(t, "__alloc_bootmem_nopanic", __alloc_bootmem_nopanic(64, 8, 0));
}

static void bootmem_retired_alloc_low(struct ktest *t)
{
	RETIRED_CALL(t, "__alloc_bootmem_low", __alloc_bootmem_low(4096, 4096, 0));
}

static void bootmem_retired_alloc_node(struct ktest *t)
{
	/* Node 0 still points at its bootmem_data, whose bitmap is gone. */
	RETIRED_CALL(t, "__alloc_bootmem_node", __alloc_bootmem_node(NODE_DATA(0), 64, 8, 0));
}

static void bootmem_retired_free(struct ktest *t)
{
	RETIRED_CALL(t, "free_bootmem", free_bootmem(0x1000000, PAGE_SIZE));
}

static void bootmem_retired_reserve(struct ktest *t)
{
	RETIRED_CALL(t, "reserve_bootmem", reserve_bootmem(0x1000000, PAGE_SIZE, BOOTMEM_DEFAULT));
}

static void bootmem_retired_free_active_regions(struct ktest *t)
{
	RETIRED_CALL(t, "free_bootmem_with_active_regions",
		     free_bootmem_with_active_regions(0, 0x1000));
}

static void bootmem_retired_page_reserved(struct ktest *t)
{
	RETIRED_CALL(t, "bootmem_page_reserved", bootmem_page_reserved(0x1000));
}

static void bootmem_retired_free_pages(struct ktest *t)
{
	RETIRED_CALL(t, "bootmem_free_pages", bootmem_free_pages());
}

static void bootmem_retired_free_all_twice(struct ktest *t)
{
	RETIRED_CALL(t, "free_all_bootmem", free_all_bootmem());
}

static const struct ktest_case bootmem_cases[] = {
	KTEST_CASE(bootmem_bitmap_size),
	KTEST_CASE(bootmem_init_marks_all_reserved),
	KTEST_CASE(bootmem_free_active_regions),
	KTEST_CASE(bootmem_free_active_regions_below_limit),
	KTEST_CASE(bootmem_reserve_free_roundtrip),
	KTEST_CASE(bootmem_free_partial_pages_stay_reserved),
	KTEST_CASE(bootmem_reserve_twice_default),
	KTEST_CASE(bootmem_reserve_exclusive_conflict),
	KTEST_CASE(bootmem_reserve_exclusive_free_range),
	KTEST_CASE(bootmem_reserve_outside_ram_skipped),
	KTEST_CASE(bootmem_double_free_reported),
	KTEST_CASE(bootmem_free_outside_ram_reported),
	KTEST_CASE(bootmem_alloc_at_goal),
	KTEST_CASE(bootmem_alloc_aligned),
	KTEST_CASE(bootmem_alloc_goal_taken),
	KTEST_CASE(bootmem_alloc_falls_back_below_goal),
	KTEST_CASE(bootmem_free_lowers_hint),
	KTEST_CASE(bootmem_alloc_sub_page_packing),
	KTEST_CASE(bootmem_alloc_exhaustion_panics),
	KTEST_CASE(bootmem_alloc_nopanic_returns_null),
	KTEST_CASE(bootmem_alloc_low_limit),
	KTEST_CASE(bootmem_alloc_node),
	KTEST_CASE(bootmem_cluster_end_ordinary),
	KTEST_CASE(bootmem_cluster_end_ratio_edge),
	KTEST_CASE(bootmem_two_clusters_free),
	KTEST_CASE(bootmem_two_clusters_alloc_node),
	KTEST_CASE(bootmem_two_clusters_alloc_high),
	KTEST_CASE(bootmem_alloc_high_aligned_runs),
	KTEST_CASE(bootmem_cluster_nodes_apart),
	KTEST_CASE(bootmem_two_clusters_boot),
	KTEST_CASE(bootmem_two_clusters_hand_over),
	KTEST_CASE(bootmem_node_clusters_boot),
	KTEST_CASE(bootmem_many_clusters),
	KTEST_CASE(bootmem_first_bitmap_start),
	KTEST_CASE(bootmem_retired_alloc),
	KTEST_CASE(bootmem_retired_alloc_nopanic),
	KTEST_CASE(bootmem_retired_alloc_low),
	KTEST_CASE(bootmem_retired_alloc_node),
	KTEST_CASE(bootmem_retired_free),
	KTEST_CASE(bootmem_retired_reserve),
	KTEST_CASE(bootmem_retired_free_active_regions),
	KTEST_CASE(bootmem_retired_page_reserved),
	KTEST_CASE(bootmem_retired_free_pages),
	KTEST_CASE(bootmem_retired_free_all_twice),
	KTEST_CASES_END
};

static struct ktest_suite bootmem_suite = {
	.name = "mm_bootmem",
	.cases = bootmem_cases,
	.init = sim_ktest_init,
	.exit = sim_ktest_dump_log,
};
KTEST_SUITE(bootmem_suite);
