// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the page allocator driven by arbitrary sequences of
 * allocations and frees on a simulated 32 MiB machine (booted once, as
 * mmsim boots one). Every input must leave the allocator exactly as it
 * found it once its blocks are freed, so the machine is reused.
 *
 * The machine is small on purpose: each check walks its whole memmap, and
 * an input's cost is the memory it allocates, zeroes and touches, which
 * running out bounds. 32 MiB still has both zones (DMA below 16 MiB, DMA32
 * above); its ~23 MiB of free memory is a quarter of what MAX_OPS blocks
 * of the mean order 0-10 size hold (~93 MiB), so inputs reach
 * out-of-memory and the fallback paths quickly.
 *
 * Input: 2-byte operations, at most MAX_OPS of them (the rest is ignored:
 * an op costs up to a 4 MiB block zeroed and walked, so an input's cost is
 * capped).
 *   byte 0 bit 7 clear: allocate, order = bits 0-3 (11-15 must fail),
 *          byte 1 = gfp choice: bit 0 DMA, 1 DMA32, 2 COLD, 3 ZERO,
 *          4 HIGHUSER_MOVABLE, 5 RECLAIMABLE, 6 ATOMIC, 7 MEMALLOC
 *   byte 0 bit 7 set: free live block number byte 1 (mod the count)
 * check_buddy_invariants() runs every 64 operations and at the end.
 */
#include "sim.h"

#include <asm/e820.h>
#include <asm/setup.h>
#include <kernel/percpu.h>
#include <mm/page_alloc.h>
#include <mm/page_alloc_debug.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_check.h"

#define MAX_LIVE    256
#define CHECK_EVERY 64
#define MAX_OPS	    128
#define MACHINE_MB  32ULL

static struct {
	struct page *page;
	unsigned int order;
} live[MAX_LIVE];
static unsigned int nlive;
static struct buddy_snapshot start;
static char why[256];

static void boot_once(void)
{
	static const struct sim_log_opts quiet = { .capture = false };
	static struct e820_entry fw[] = {
		{ .addr = 0x0, .size = 0x9fc00, .type = E820_TYPE_RAM },
		{ .addr = 0xf0000, .size = 0x10000, .type = E820_TYPE_RESERVED },
		{ .addr = 0x100000, .size = (MACHINE_MB << 20) - 0x100000, .type = E820_TYPE_RAM },
	};

	if (sim_mem_init(SIM_MEM_DEFAULT))
		abort();
	sim_log_setup(&quiet);
	sim_reset();
	e820__memory_setup(fw, 3);
	e820__finish_early_params();
	reserve_early(16ULL << 20, 24ULL << 20, "kernel image (simulated)");
	x86_memory_init(NULL);
	setup_per_cpu_areas();
	build_all_zonelists();
	mem_init();
	page_alloc_init_late();
	drain_local_pages();
	CHECK(check_buddy_invariants(why, sizeof(why)), "after boot: %s", why);
	buddy_snapshot_take(&start);
}

static gfp_t gfp_of(uint8_t b)
{
	gfp_t gfp = GFP_KERNEL | __GFP_NOWARN;

	if (b & 0x01)
		gfp |= __GFP_DMA;
	if (b & 0x02)
		gfp |= __GFP_DMA32;
	if (b & 0x04)
		gfp |= __GFP_COLD;
	if (b & 0x08)
		gfp |= __GFP_ZERO;
	if (b & 0x10)
		gfp |= __GFP_HIGHMEM | __GFP_MOVABLE;
	if (b & 0x20)
		gfp |= __GFP_RECLAIMABLE;
	if (b & 0x40)
		gfp |= GFP_ATOMIC;
	if (b & 0x80)
		gfp |= __GFP_MEMALLOC;
	return gfp;
}

/* With __GFP_MEMALLOC only a zone without any block of @order may fail. */
static bool fits_somewhere(gfp_t gfp, unsigned int order)
{
	int top = gfp_zone(gfp);
	struct zone *zone;

	for_each_populated_zone(zone) {
		if (zone_idx(zone) > top)
			continue;
		for (unsigned int o = order; o < MAX_ORDER; o++)
			if (zone->free_area[o].nr_free)
				return true;
	}
	return false;
}

static void do_alloc(uint8_t b0, uint8_t b1)
{
	static const unsigned long spot[2] = { 0, PAGE_SIZE - 1 };
	unsigned int order = b0 & 0x0f;
	gfp_t gfp = gfp_of(b1);
	unsigned long limit = (gfp & __GFP_DMA) ? 0x1000 : (gfp & __GFP_DMA32) ? 0x100000 : ~0UL;
	struct page *p;
	unsigned long pfn, n;

	if (nlive == MAX_LIVE)
		return;
	p = alloc_pages(gfp, order);
	if (order >= MAX_ORDER) {
		CHECK(!p, "order %u was served", order);
		return;
	}
	if (!p) {
		CHECK(!(gfp & __GFP_MEMALLOC) || !fits_somewhere(gfp, order),
		      "order %u gfp %#x failed with a block free", order, gfp);
		return;
	}
	pfn = page_to_pfn(p);
	n = 1UL << order;
	CHECK(!(pfn & (n - 1)), "pfn %#lx order %u misaligned", pfn, order);
	CHECK(pfn + n <= limit, "pfn %#lx order %u above the limit of gfp %#x", pfn, order, gfp);
	CHECK(page_ref_count(p) == 1, "refcount %d", page_ref_count(p));
	/*
	 * Each page's first and last byte: checked zero after __GFP_ZERO
	 * (a page skipped, or zeroed short or shifted, shows), then dirtied
	 * so that the next __GFP_ZERO has work to do. Only two bytes a page:
	 * every 512th byte of the block was a fifth of each input's time.
	 */
	for (unsigned long i = 0; i < n * PAGE_SIZE; i += PAGE_SIZE)
		for (unsigned int k = 0; k < 2; k++) {
			unsigned char *m = (unsigned char *)page_address(p) + i + spot[k];

			CHECK(!(gfp & __GFP_ZERO) || !*m, "__GFP_ZERO block %#lx byte %#lx is %#x",
			      pfn, i + spot[k], *m);
			*m = 0xee;
		}
	live[nlive].page = p;
	live[nlive].order = order;
	nlive++;
}

static void do_free(uint8_t b1)
{
	unsigned int i;

	if (!nlive)
		return;
	i = b1 % nlive;
	__free_pages(live[i].page, live[i].order);
	live[i] = live[--nlive];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool booted;
	unsigned long bad = 0;

	if (!booted) {
		boot_once();
		booted = true;
	}
	bad = nr_bad_pages;
	if (size > 2 * MAX_OPS)
		size = 2 * MAX_OPS;
	for (size_t k = 0; k + 1 < size; k += 2) {
		if (data[k] & 0x80)
			do_free(data[k + 1]);
		else
			do_alloc(data[k], data[k + 1]);
		if ((k / 2 + 1) % CHECK_EVERY == 0)
			CHECK(check_buddy_invariants(why, sizeof(why)), "after op %zu: %s", k / 2,
			      why);
	}
	CHECK(check_buddy_invariants(why, sizeof(why)), "at the end: %s", why);
	while (nlive) {
		nlive--;
		__free_pages(live[nlive].page, live[nlive].order);
	}
	drain_local_pages();
	CHECK(buddy_snapshot_equal(&start, why, sizeof(why)), "after freeing all: %s", why);
	CHECK(check_buddy_invariants(why, sizeof(why)), "after freeing all: %s", why);
	CHECK(nr_bad_pages == bad, "%lu bad pages reported", nr_bad_pages - bad);
	return 0;
}
