// SPDX-License-Identifier: MIT
/*
 * ZONE_MOVABLE sizing from kernelcore= and movablecore=, the way Linux 6.1
 * does it, so the "Movable zone start for each node" lines match.
 */
#define pr_fmt(fmt) fmt

#include <mm/mmzone.h>
#include <mm/node_map.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <lib/cmdline.h>
#include <lib/string.h>

int movable_zone;
unsigned long required_kernelcore, required_movablecore;
unsigned long required_kernelcore_percent, required_movablecore_percent;

static void find_usable_zone_for_movable(void)
{
	int i;

	for (i = MAX_NR_ZONES - 1; i > 0; i--) {
		if (i == ZONE_MOVABLE)
			continue;
		if (arch_zone_highest_possible_pfn[i] > arch_zone_lowest_possible_pfn[i])
			break;
	}
	movable_zone = i;
}

static unsigned long roundup_pfn(unsigned long v, unsigned long a)
{
	return (v + a - 1) / a * a;
}

void find_zone_movable_pfns_for_nodes(void)
{
	unsigned long totalpages = active_pages_total();
	unsigned long kernelcore = required_kernelcore;
	unsigned long usable_startpfn;
	bool has_memory[MAX_NUMNODES] = { false };
	int usable_nodes = 0, i;

	for (i = 0; i < nr_nodemap_entries; i++) {
		int nid = early_node_map[i].nid;

		if (!has_memory[nid])
			usable_nodes++;
		has_memory[nid] = true;
	}
	find_usable_zone_for_movable();

	if (required_kernelcore_percent)
		kernelcore = totalpages * 100 * required_kernelcore_percent / 10000UL;
	if (required_movablecore || required_movablecore_percent) {
		unsigned long movable = required_movablecore;

		if (required_movablecore_percent)
			movable = totalpages * 100 * required_movablecore_percent / 10000UL;
		/* At least what was asked for: round ZONE_MOVABLE up. */
		movable = roundup_pfn(movable, MAX_ORDER_NR_PAGES);
		if (movable > totalpages)
			movable = totalpages;
		if (totalpages - movable > kernelcore)
			kernelcore = totalpages - movable;
	}
	if (!kernelcore || kernelcore >= totalpages)
		return;

	usable_startpfn = arch_zone_lowest_possible_pfn[movable_zone];
	for (;;) {
		unsigned long kernelcore_node = kernelcore / usable_nodes;

		for (int nid = 0; nid < MAX_NUMNODES; nid++) {
			unsigned long remaining;

			if (!has_memory[nid])
				continue;
			if (kernelcore < kernelcore_node)
				kernelcore_node = kernelcore / usable_nodes;
			remaining = kernelcore_node;
			for_each_active_range(i, nid) {
				unsigned long start = early_node_map[i].start_pfn;
				unsigned long end = early_node_map[i].end_pfn;
				unsigned long size;

				if (start < zone_movable_pfn[nid])
					start = zone_movable_pfn[nid];
				if (start >= end)
					continue;
				/* Below the movable zone's range: kernel memory anyway. */
				if (start < usable_startpfn) {
					unsigned long kpages =
						(end < usable_startpfn ? end : usable_startpfn) -
						start;

					remaining -= kpages < remaining ? kpages : remaining;
					kernelcore -= kpages < kernelcore ? kpages : kernelcore;
					if (end <= usable_startpfn) {
						zone_movable_pfn[nid] = end;
						continue;
					}
					start = usable_startpfn;
				}
				size = end - start;
				if (size > remaining)
					size = remaining;
				zone_movable_pfn[nid] = start + size;
				kernelcore -= size < kernelcore ? size : kernelcore;
				remaining -= size;
				if (!remaining)
					break;
			}
		}
		/* Still short: spread the rest over one node fewer. */
		usable_nodes--;
		if (!usable_nodes || kernelcore <= (unsigned long)usable_nodes)
			break;
	}

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		unsigned long s, e;

		zone_movable_pfn[nid] = roundup_pfn(zone_movable_pfn[nid], MAX_ORDER_NR_PAGES);
		get_pfn_range_for_nid(nid, &s, &e);
		if (zone_movable_pfn[nid] >= e)
			zone_movable_pfn[nid] = 0;
	}
}

/* kernelcore=nn[KMGTPE] | nn% ; movablecore= likewise (Linux's syntax). */
static int parse_core(const char *val, unsigned long *pages, unsigned long *percent)
{
	const char *end;
	uint64_t v;

	if (!val || memparse(val, &end, &v))
		return -1;
	if (*end == '%' && end[1] == '\0') {
		if (v > 100)
			return -1;
		*percent = (unsigned long)v;
		return 0;
	}
	if (*end)
		return -1;
	*pages = (unsigned long)(v >> PAGE_SHIFT);
	return 0;
}

static int set_kernelcore(const char *val)
{
	return parse_core(val, &required_kernelcore, &required_kernelcore_percent);
}
kernel_param("kernelcore", set_kernelcore);

static int set_movablecore(const char *val)
{
	return parse_core(val, &required_movablecore, &required_movablecore_percent);
}
kernel_param("movablecore", set_movablecore);
