// SPDX-License-Identifier: MIT
/*
 * Zone watermarks and lowmem reserves, Linux 6.1's formulas: min_free_kbytes
 * grows with the square root of low memory, each zone gets its share as
 * WMARK_MIN, and low/high sit 0.1% of the zone (or min/4) above it.
 */
#define pr_fmt(fmt) fmt

#include "internal.h"
#include <mm/nodemask.h>
#include <mm/topology.h>
#include <kernel/printk.h>

int min_free_kbytes = 1024;
static const int watermark_scale_factor = 10; /* in 1/10000 of the zone */
static const int lowmem_reserve_ratio[MAX_NR_ZONES] = {
	[ZONE_DMA] = 256,
	[ZONE_DMA32] = 256,
	[ZONE_NORMAL] = 32,
};

bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark, int highest_zoneidx,
		       unsigned int alloc_flags)
{
	long min = (long)mark;
	long free_pages = (long)zone_free_pages(z) - ((1L << order) - 1);

	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (alloc_flags & ALLOC_HARDER)
		min -= min / 4;
	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;
	/* Enough pages, but is there a block big enough? */
	for (unsigned int o = order; o < MAX_ORDER; o++)
		if (__atomic_load_n(&z->free_area[o].nr_free, __ATOMIC_RELAXED))
			return true;
	return false;
}

/* Pages above the high watermark in zones up to @offset (this CPU's node's list). */
unsigned long nr_free_zone_pages(int offset)
{
	const struct zoneref *z =
		NODE_DATA(numa_node_id())->node_zonelists[ZONELIST_FALLBACK]._zonerefs;
	unsigned long sum = 0;

	for (; z->zone; z++) {
		unsigned long size = z->zone->managed_pages, high = high_wmark_pages(z->zone);

		if (z->zone_idx <= offset && size > high)
			sum += size - high;
	}
	return sum;
}

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit = 1UL << 62;

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

static void setup_per_zone_wmarks(void)
{
	unsigned long pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	struct zone *zone;

	for_each_populated_zone(zone)
		if (zone_idx(zone) != ZONE_MOVABLE)
			lowmem_pages += zone->managed_pages;

	for_each_populated_zone(zone) {
		unsigned long tmp = lowmem_pages ? pages_min * zone->managed_pages / lowmem_pages
						 : 0;
		unsigned long scaled = zone->managed_pages * watermark_scale_factor / 10000;
		unsigned long flags;

		spin_lock_irqsave(&zone->lock, flags);
		if (zone_idx(zone) == ZONE_MOVABLE) {
			/* Movable memory cannot serve the kernel: a token minimum. */
			unsigned long m = zone->managed_pages / 1024;

			zone->_watermark[WMARK_MIN] = m < 32 ? 32 : m > 128 ? 128 : m;
		} else {
			zone->_watermark[WMARK_MIN] = tmp;
		}
		tmp = (tmp >> 2) > scaled ? tmp >> 2 : scaled;
		zone->_watermark[WMARK_LOW] = min_wmark_pages(zone) + tmp;
		zone->_watermark[WMARK_HIGH] = low_wmark_pages(zone) + tmp;
		spin_unlock_irqrestore(&zone->lock, flags);
	}
}

/* A lower zone keeps back a share of the memory of the zones above it. */
static void setup_per_zone_lowmem_reserve(void)
{
	int nid;

	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);

		for (int i = 0; i < MAX_NR_ZONES - 1; i++) {
			struct zone *zone = &pgdat->node_zones[i];
			int ratio = lowmem_reserve_ratio[i];
			bool clear = !ratio || !zone->managed_pages;
			unsigned long managed = 0;

			for (int j = i + 1; j < MAX_NR_ZONES; j++) {
				managed += pgdat->node_zones[j].managed_pages;
				zone->lowmem_reserve[j] =
					clear ? 0 : (long)(managed / (unsigned long)ratio);
			}
		}
	}
}

void init_per_zone_wmark_min(void)
{
	unsigned long lowmem_kbytes = nr_free_zone_pages(ZONE_NORMAL) * (PAGE_SIZE >> 10);
	unsigned long kb = int_sqrt(lowmem_kbytes * 16);

	min_free_kbytes = (int)(kb < 128 ? 128 : kb > 262144 ? 262144 : kb);
	setup_per_zone_wmarks();
	setup_per_zone_lowmem_reserve();
}
