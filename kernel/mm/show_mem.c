// SPDX-License-Identifier: MIT
/*
 * What a kernel hacker reads on a serial line when memory runs out or
 * looks wrong: the allocation-failure report, and /proc/buddyinfo- and
 * /proc/zoneinfo-style dumps (asked for with mminfo=, see mminfo.c).
 */
#define pr_fmt(fmt) fmt

#include "internal.h"
#include <kernel/arch.h>
#include <kernel/params.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <lib/vsprintf.h>
#include <mm/page_alloc.h>

#define K(pages) ((pages) << (PAGE_SHIFT - 10))

/* "GFP_KERNEL|__GFP_ZERO"-style text for the failure report; returns @buf. */
static char *format_gfp(gfp_t gfp, char *buf, unsigned size)
{
	static const struct {
		gfp_t mask;
		const char *name;
	} names[] = {
		{ GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE" },
		{ GFP_KERNEL, "GFP_KERNEL" },
		{ GFP_ATOMIC, "GFP_ATOMIC" },
		{ __GFP_DMA, "__GFP_DMA" },
		{ __GFP_DMA32, "__GFP_DMA32" },
		{ __GFP_HIGHMEM, "__GFP_HIGHMEM" },
		{ __GFP_MOVABLE, "__GFP_MOVABLE" },
		{ __GFP_RECLAIMABLE, "__GFP_RECLAIMABLE" },
		{ __GFP_HIGH, "__GFP_HIGH" },
		{ __GFP_ATOMIC, "__GFP_ATOMIC" },
		{ __GFP_MEMALLOC, "__GFP_MEMALLOC" },
		{ __GFP_IO, "__GFP_IO" },
		{ __GFP_FS, "__GFP_FS" },
		{ __GFP_RECLAIM, "__GFP_RECLAIM" },
		{ __GFP_ZERO, "__GFP_ZERO" },
		{ __GFP_NOWARN, "__GFP_NOWARN" },
		{ __GFP_COLD, "__GFP_COLD" },
		{ __GFP_THISNODE, "__GFP_THISNODE" },
	};
	unsigned n = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if ((gfp & names[i].mask) != names[i].mask)
			continue;
		n += (unsigned)ksnprintf(buf + n, n < size ? size - n : 0, "%s%s", n ? "|" : "",
					 names[i].name);
		gfp &= ~names[i].mask;
	}
	if (!n)
		ksnprintf(buf, size, "GFP_NOWAIT");
	return buf;
}

static char migratetype_letter(int mt)
{
	return mt == MIGRATE_UNMOVABLE ? 'U' : mt == MIGRATE_MOVABLE ? 'M' : 'E';
}

/* Linux's show_free_areas(), reduced to the zones and their free blocks. */
static void show_free_areas(void)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		unsigned long pcp = 0;

		for (unsigned cpu = 0; zone->pageset && cpu < nr_cpu_ids; cpu++)
			pcp += (unsigned long)per_cpu_ptr(zone->pageset, cpu)->count;
		pr_info("Node %d %s free:%lukB min:%lukB low:%lukB high:%lukB present:%lukB managed:%lukB pcp:%lukB\n",
			zone->zone_pgdat->node_id, zone->name, K(zone->free_pages),
			K(min_wmark_pages(zone)), K(low_wmark_pages(zone)),
			K(high_wmark_pages(zone)), K(zone->present_pages), K(zone->managed_pages),
			K(pcp));
	}
	for_each_populated_zone(zone) {
		unsigned long total = 0;

		pr_info("Node %d %s: ", zone->zone_pgdat->node_id, zone->name);
		for (int o = 0; o < MAX_ORDER; o++) {
			unsigned long nr = zone->free_area[o].nr_free;

			total += nr << o;
			pr_cont("%lu*%lukB ", nr, K(1UL << o));
			if (!nr)
				continue;
			pr_cont("(");
			for (int mt = 0; mt < MIGRATE_TYPES; mt++)
				if (!list_empty(&zone->free_area[o].free_list[mt]))
					pr_cont("%c", migratetype_letter(mt));
			pr_cont(") ");
		}
		pr_cont("= %lukB\n", K(total));
	}
}

void warn_alloc(gfp_t gfp, unsigned int order)
{
	char buf[160];

	pr_warn("swapper/0: page allocation failure: order:%u, mode:%#x(%s), nodemask=(null)\n",
		order, gfp, format_gfp(gfp, buf, sizeof(buf)));
	dump_stack();
	show_free_areas();
}

void show_buddyinfo(void)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		pr_info("Node %d, zone %8s ", zone->zone_pgdat->node_id, zone->name);
		for (int o = 0; o < MAX_ORDER; o++)
			pr_cont("%6lu ", zone->free_area[o].nr_free);
		pr_cont("\n");
	}
}

void show_zoneinfo(void)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		pr_info("Node %d, zone %8s\n", zone->zone_pgdat->node_id, zone->name);
		pr_info("  pages free     %lu\n", zone->free_pages);
		pr_info("        min      %lu\n", min_wmark_pages(zone));
		pr_info("        low      %lu\n", low_wmark_pages(zone));
		pr_info("        high     %lu\n", high_wmark_pages(zone));
		pr_info("        spanned  %lu\n", zone->spanned_pages);
		pr_info("        present  %lu\n", zone->present_pages);
		pr_info("        managed  %lu\n", zone->managed_pages);
		pr_info("        protection: (");
		for (int i = 0; i < MAX_NR_ZONES; i++)
			pr_cont("%s%ld", i ? ", " : "", zone->lowmem_reserve[i]);
		pr_cont(")\n");
		pr_info("  pagesets\n");
		for (unsigned cpu = 0; zone->pageset && cpu < nr_cpu_ids; cpu++) {
			const struct per_cpu_pages *pcp = per_cpu_ptr(zone->pageset, cpu);

			pr_info("    cpu: %u\n", cpu);
			pr_info("              count: %d\n", pcp->count);
			pr_info("              high:  %d\n", pcp->high);
			pr_info("              batch: %d\n", pcp->batch);
		}
		pr_info("  start_pfn:           %lu\n", zone->zone_start_pfn);
	}
}
