// SPDX-License-Identifier: MIT
/*
 * Host-only suites around the shared page_alloc suite
 * (kernel/mm/tests/page_alloc_test*.c, linked into this binary too):
 *  - page_alloc_movable, page_alloc_numa: the same cases on a machine with
 *    ZONE_MOVABLE and on a two-node machine;
 *  - page_alloc_mem_init: mem_init's accounting against bootmem's bitmap;
 *  - buddy_invariants: the checker itself finds each corruption it claims to;
 *  - percpu_first_chunk: the per-CPU units in 2 MiB blocks, or in pages.
 */
#include "page_alloc_machines.h"
#include "sim_ktest.h"

#include "../../kernel/mm/internal.h"
#include "../../kernel/mm/tests/page_alloc_test.h"
#include <asm/e820.h>
#include <kernel/percpu.h>
#include <mm/bootmem.h>
#include <mm/node_map.h>
#include <mm/page_alloc.h>
#include <mm/page_alloc_debug.h>

extern const struct pa_machine *pa_current_machine;

static int movable_init(struct ktest *t)
{
	pa_current_machine = &pa_q35_4g_movable;
	return pat_env_init(t);
}

static int numa_init(struct ktest *t)
{
	pa_current_machine = &pa_two_nodes;
	return pat_env_init(t);
}

static void restore_machine(struct ktest *t)
{
	pat_env_exit(t);
	pa_current_machine = &pa_q35_512m;
}

static const struct ktest_suite movable_suite = {
	"page_alloc_movable", page_alloc_cases, movable_init, restore_machine
};
KTEST_SUITE(movable_suite);

static const struct ktest_suite numa_suite = {
	"page_alloc_numa", page_alloc_cases, numa_init, restore_machine
};
KTEST_SUITE(numa_suite);

/* --- mem_init accounting --- */

static bool bootmem_free(const bootmem_data_t *b, unsigned long pfn)
{
	unsigned long i = pfn - b->node_min_pfn;

	return pfn >= b->node_min_pfn && pfn < b->node_low_pfn &&
	       !((b->node_bootmem_map[i / 64] >> (i % 64)) & 1);
}

/* --- the per-CPU first chunk: 2 MiB blocks, or pages when none is left --- */

#define PIECES 192

/*
 * 640 KiB, then 192 pieces of 1 MiB RAM each followed by 1 MiB reserved:
 * no 2 MiB block anywhere, so the 2 MiB-atom embedding must fail and
 * every unit must come from the pages of one piece.
 */
static struct pa_e820 pieces_e820[1 + 2 * PIECES];
static const struct pa_machine pa_pieces = { "RAM in 1 MiB pieces", pieces_e820,
					     1 + 2 * PIECES, NULL, 0, "", NULL, 0 };

static void build_pieces(void)
{
	pieces_e820[0] = (struct pa_e820){ 0, 0xa0000, E820_TYPE_RAM };
	for (uint64_t k = 0; k < PIECES; k++) {
		uint64_t at = (1 + 2 * k) << 20;

		pieces_e820[1 + 2 * k] = (struct pa_e820){ at, at + (1 << 20), E820_TYPE_RAM };
		pieces_e820[2 + 2 * k] =
			(struct pa_e820){ at + (1 << 20), at + (2 << 20), E820_TYPE_RESERVED };
	}
}

/* The e820 RAM entry of @m holding all of [start, end), or -1. */
static int ram_entry(const struct pa_machine *m, uint64_t start, uint64_t end)
{
	for (unsigned int i = 0; i < m->nr_e820; i++)
		if (m->e820[i].type == E820_TYPE_RAM && m->e820[i].start <= start &&
		    end <= m->e820[i].end)
			return (int)i;
	return -1;
}

/*
 * Every possible CPU's unit: page-aligned, each within one RAM entry,
 * held by bootmem, apart from the others, holding the template's copy
 * (cpu_number) and an alloc_percpu() slot of its own.
 */
static void check_units(struct ktest *t, const struct pa_machine *m, unsigned int want_cpus)
{
	unsigned long span = (unsigned long)(__stop_percpu_data - __start_percpu_data) + (32UL << 10);
	uint64_t start[NR_CPUS];
	unsigned int n = 0;
	uint64_t *slot;

	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		const bootmem_data_t *b;
		unsigned long held = 0;

		if (!cpu_possible(cpu))
			continue;
		start[n] = __pa(per_cpu_ptr((char *)__start_percpu_data, cpu));
		KTEST_EXPECT_EQ(t, start[n] & (PAGE_SIZE - 1), 0ULL);
		KTEST_EXPECT_TRUE(t, ram_entry(m, start[n], start[n] + span) >= 0);
		for (uint64_t pa = start[n]; pa < start[n] + span; pa += PAGE_SIZE)
			list_for_each_entry(b, &bdata_list, list)
				held += PFN_DOWN(pa) >= b->node_min_pfn &&
					PFN_DOWN(pa) < b->node_low_pfn &&
					!bootmem_free(b, PFN_DOWN(pa));
		KTEST_EXPECT_EQ(t, held, PFN_UP(span));
		KTEST_EXPECT_EQ(t, per_cpu(cpu_number, cpu), cpu);
		for (unsigned int j = 0; j < n; j++)
			KTEST_EXPECT_TRUE(t, start[j] + span <= start[n] || start[n] + span <= start[j]);
		n++;
	}
	KTEST_EXPECT_EQ(t, n, want_cpus);
	slot = alloc_percpu(uint64_t);
	KTEST_ASSERT_NOT_NULL(t, slot);
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
		if (cpu_possible(cpu))
			*per_cpu_ptr(slot, cpu) = 0x1000 + cpu;
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
		if (cpu_possible(cpu))
			KTEST_EXPECT_EQ(t, *per_cpu_ptr(slot, cpu), 0x1000ULL + cpu);
	free_percpu(slot);
}

/* Where 2 MiB blocks exist: Linux's embedded chunk, no fallback. */
static void percpu_embedded_where_blocks_exist(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "possible_cpus=4", false), 0);
	KTEST_EXPECT_EQ(t, sim_log_count("percpu: Embedded "), 1U);
	KTEST_EXPECT_EQ(t, sim_log_count("falling back to page size"), 0U);
	check_units(t, &pa_q35_512m, 4);
}

/*
 * No 2 MiB block: Linux's warning, then a unit of pages per CPU (it
 * panicked with "Out of memory" in the 2 MiB allocation before).
 */
static void percpu_pages_where_no_block_is_left(struct ktest *t)
{
	build_pieces();
	KTEST_ASSERT_EQ(t, pa_boot(&pa_pieces, "possible_cpus=4", false), 0);
	KTEST_EXPECT_TRUE(t, sim_log_has_line("setup_percpu: auto allocator failed (-12), "
					      "falling back to page size"));
	KTEST_EXPECT_EQ(t, sim_log_count(" 4K pages/cpu s"), 1U);
	KTEST_EXPECT_EQ(t, sim_log_count("percpu: Embedded "), 0U);
	check_units(t, &pa_pieces, 4);
}

/* percpu_alloc=page: pages at once, without the warning. */
static void percpu_alloc_page_option(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "possible_cpus=3 percpu_alloc=page", false), 0);
	KTEST_EXPECT_EQ(t, sim_log_count(" 4K pages/cpu s"), 1U);
	KTEST_EXPECT_EQ(t, sim_log_count("allocator failed"), 0U);
	check_units(t, &pa_q35_512m, 3);
}

static const struct ktest_case percpu_cases[] = {
	KTEST_CASE(percpu_embedded_where_blocks_exist),
	KTEST_CASE(percpu_pages_where_no_block_is_left),
	KTEST_CASE(percpu_alloc_page_option),
	KTEST_CASES_END,
};

static const struct ktest_suite percpu_suite = {
	"percpu_first_chunk", percpu_cases, sim_ktest_init, sim_ktest_dump_log
};
KTEST_SUITE(percpu_suite);

/* Free in its node's bitmap, or one of the bitmaps' own pages. */
static bool free_or_bitmap(unsigned long pfn)
{
	const bootmem_data_t *b;

	list_for_each_entry(b, &bdata_list, list) {
		unsigned long map_pfn = PFN_DOWN(__pa(b->node_bootmem_map));
		unsigned long map_pages = bootmem_block_pages(b);

		if (bootmem_free(b, pfn) || (pfn >= map_pfn && pfn < map_pfn + map_pages))
			return true;
	}
	return false;
}

/*
 * Before mem_init, count per zone what bootmem does not hold (clear bits,
 * plus the bitmap's own pages, which retire with it); after, each zone's
 * managed_pages must be that, every managed page free, and free plus
 * reserved RAM pages the present pages. Catches pages freed twice or not
 * at all by free_all_bootmem, blocks crossing zones, wrong managed counts.
 */
static void check_mem_init_accounting(struct ktest *t, const struct pa_machine *m)
{
	static unsigned long want[MAX_NUMNODES][MAX_NR_ZONES];
	unsigned long present = 0, managed = 0, reserved = 0;
	struct zone *zone;

	KTEST_ASSERT_EQ(t, pa_boot(m, "", false), 0);
	memset(want, 0, sizeof(want));
	for_each_populated_zone(zone) {
		unsigned long n = 0;

		for (unsigned long pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn++)
			n += free_or_bitmap(pfn);
		want[zone->zone_pgdat->node_id][zone_idx(zone)] = n;
	}

	mem_init();
	page_alloc_init_late();
	for_each_populated_zone(zone) {
		unsigned long w = want[zone->zone_pgdat->node_id][zone_idx(zone)];

		if (zone->managed_pages != w)
			ktest_printf(t, "%s node %d %s: managed %lu, bootmem had %lu free",
				     m->name, zone->zone_pgdat->node_id, zone->name,
				     zone->managed_pages, w);
		KTEST_EXPECT_EQ(t, zone->managed_pages, w);
		KTEST_EXPECT_EQ(t, zone->free_pages, w);
		present += zone->present_pages;
		managed += w;
	}
	for (int i = 0; i < nr_nodemap_entries; i++)
		for (unsigned long pfn = early_node_map[i].start_pfn;
		     pfn < early_node_map[i].end_pfn; pfn++)
			reserved += PageReserved(pfn_to_page(pfn));
	KTEST_EXPECT_EQ(t, totalram_pages(), managed);
	KTEST_EXPECT_EQ(t, nr_free_pages(), managed);
	KTEST_EXPECT_EQ(t, nr_free_pages() + reserved, present);
	KTEST_EXPECT_EQ(t, nr_bad_pages, 0UL);
}

static void mem_init_accounting_q35_512m(struct ktest *t)
{
	check_mem_init_accounting(t, &pa_q35_512m);
}

static void mem_init_accounting_movable(struct ktest *t)
{
	check_mem_init_accounting(t, &pa_q35_4g_movable);
}

static void mem_init_accounting_two_nodes(struct ktest *t)
{
	check_mem_init_accounting(t, &pa_two_nodes);
}

/* One node, a bootmem bitmap per cluster of its RAM (bootmem_cluster_end). */
static void mem_init_accounting_two_clusters(struct ktest *t)
{
	check_mem_init_accounting(t, &pa_two_clusters);
}

static void mem_init_accounting_node_with_clusters(struct ktest *t)
{
	check_mem_init_accounting(t, &pa_node_with_clusters);
}

static void mem_init_accounting_18_clusters(struct ktest *t)
{
	check_mem_init_accounting(t, &pa_18_clusters);
}

/*
 * The other suites mean something only if the machines are what they
 * claim: movablecore=1G gives a 1 GiB ZONE_MOVABLE (262144 pages, carved
 * from the 2 GiB above 4G), the SRAT split gives node 1 exactly 4G-6G.
 */
static void machines_have_their_zones(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_4g_movable, "", true), 0);
	KTEST_EXPECT_EQ(t, NODE_DATA(0)->node_zones[ZONE_MOVABLE].present_pages, 262144UL);
	KTEST_ASSERT_EQ(t, pa_boot(&pa_two_nodes, "", true), 0);
	KTEST_EXPECT_EQ(t, NODE_DATA(1)->node_start_pfn, 0x100000UL);
	KTEST_EXPECT_EQ(t, NODE_DATA(1)->node_present_pages, 0x80000UL);
	KTEST_EXPECT_NOT_NULL(t, NODE_DATA(1)->node_zonelists[ZONELIST_NOFALLBACK]._zonerefs[0].zone);
}

static const struct ktest_case mem_init_cases[] = {
	KTEST_CASE(mem_init_accounting_q35_512m),
	KTEST_CASE(mem_init_accounting_movable),
	KTEST_CASE(mem_init_accounting_two_nodes),
	KTEST_CASE(mem_init_accounting_two_clusters),
	KTEST_CASE(mem_init_accounting_18_clusters),
	KTEST_CASE(mem_init_accounting_node_with_clusters),
	KTEST_CASE(machines_have_their_zones),
	KTEST_CASES_END,
};

static const struct ktest_suite mem_init_suite = {
	"page_alloc_mem_init", mem_init_cases, sim_ktest_init, sim_ktest_dump_log
};
KTEST_SUITE(mem_init_suite);

/* --- the invariant checker finds what it claims to --- */

static char why[200];

/* The DMA32 zone of q35 512M and a free block of @order in it. */
static struct zone *dma32(void)
{
	return &NODE_DATA(0)->node_zones[ZONE_DMA32];
}

static struct page *free_block(struct zone *z, unsigned int order)
{
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		if (!list_empty(&z->free_area[order].free_list[mt]))
			return list_first_entry(&z->free_area[order].free_list[mt], struct page, lru);
	return NULL;
}

static void expect_broken(struct ktest *t, const char *needle)
{
	bool ok = check_buddy_invariants(why, sizeof(why));

	KTEST_EXPECT_FALSE(t, ok);
	if (!strstr(why, needle))
		ktest_printf(t, "got '%s', want '%s'", why, needle);
	KTEST_EXPECT_TRUE(t, strstr(why, needle) != NULL);
}

static void invariants_hold_after_boot(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "", true), 0);
	KTEST_EXPECT_TRUE(t, check_buddy_invariants(why, sizeof(why)));
	KTEST_EXPECT_STREQ(t, why, "");
}

static void invariants_catch_missing_pg_buddy(struct ktest *t)
{
	struct page *p;

	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "", true), 0);
	p = free_block(dma32(), 3);
	KTEST_ASSERT_NOT_NULL(t, p);
	__ClearPageBuddy(p);
	expect_broken(t, "lacks PG_buddy");
}

static void invariants_catch_wrong_private(struct ktest *t)
{
	struct page *p;

	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "", true), 0);
	p = free_block(dma32(), MAX_ORDER - 1);
	KTEST_ASSERT_NOT_NULL(t, p);
	p->private = 2;
	expect_broken(t, "has private 2");
}

static void invariants_catch_nr_free(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "", true), 0);
	dma32()->free_area[4].nr_free++;
	expect_broken(t, "DMA32: order 4: nr_free");
}

static void invariants_catch_free_pages(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "", true), 0);
	dma32()->free_pages--;
	expect_broken(t, "DMA32: free_pages");
}

/* Split a free order-10 block by hand into two free order-9 buddies. */
static void invariants_catch_unmerged_buddies(struct ktest *t)
{
	struct zone *z;
	struct page *p, *half;

	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "", true), 0);
	z = dma32();
	p = free_block(z, MAX_ORDER - 1);
	KTEST_ASSERT_NOT_NULL(t, p);
	half = pfn_to_page(page_to_pfn(p) + 512);
	list_del(&p->lru);
	z->free_area[MAX_ORDER - 1].nr_free--;
	p->private = 9;
	half->private = 9;
	__SetPageBuddy(half);
	list_add(&p->lru, &z->free_area[9].free_list[MIGRATE_MOVABLE]);
	list_add(&half->lru, &z->free_area[9].free_list[MIGRATE_MOVABLE]);
	z->free_area[9].nr_free += 2;
	expect_broken(t, "of order 9 both free");
}

static void invariants_catch_unlisted_buddy(struct ktest *t)
{
	struct page *p;

	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "", true), 0);
	p = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	__SetPageBuddy(p); /* as a lost list_add would leave it */
	p->private = 0;
	expect_broken(t, "is on no free list");
}

static void invariants_catch_reserved_inside_block(struct ktest *t)
{
	struct page *p;

	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "", true), 0);
	p = free_block(dma32(), 5);
	KTEST_ASSERT_NOT_NULL(t, p);
	SetPageReserved(pfn_to_page(page_to_pfn(p) + 7));
	expect_broken(t, "is reserved");
}

static void invariants_catch_pcp_count(struct ktest *t)
{
	struct page *p;

	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "", true), 0);
	p = alloc_page(GFP_KERNEL); /* refills the pcp list */
	KTEST_ASSERT_NOT_NULL(t, p);
	this_cpu_ptr(page_zone(p)->pageset)->count++;
	expect_broken(t, "pcp count");
}

static void snapshot_catches_a_change(struct ktest *t)
{
	static struct buddy_snapshot s;

	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "", true), 0);
	buddy_snapshot_take(&s);
	KTEST_EXPECT_TRUE(t, buddy_snapshot_equal(&s, why, sizeof(why)));
	dma32()->free_area[7].nr_free--;
	KTEST_EXPECT_FALSE(t, buddy_snapshot_equal(&s, why, sizeof(why)));
	KTEST_EXPECT_TRUE(t, strstr(why, "of order 7") != NULL);
}

static const struct ktest_case invariant_cases[] = {
	KTEST_CASE(invariants_hold_after_boot),
	KTEST_CASE(invariants_catch_missing_pg_buddy),
	KTEST_CASE(invariants_catch_wrong_private),
	KTEST_CASE(invariants_catch_nr_free),
	KTEST_CASE(invariants_catch_free_pages),
	KTEST_CASE(invariants_catch_unmerged_buddies),
	KTEST_CASE(invariants_catch_unlisted_buddy),
	KTEST_CASE(invariants_catch_reserved_inside_block),
	KTEST_CASE(invariants_catch_pcp_count),
	KTEST_CASE(snapshot_catches_a_change),
	KTEST_CASES_END,
};

static const struct ktest_suite invariant_suite = {
	"buddy_invariants", invariant_cases, sim_ktest_init, sim_ktest_dump_log
};
KTEST_SUITE(invariant_suite);
