// SPDX-License-Identifier: MIT
#include "mm_boot_generic.h"

#include <mm/bootmem.h>
#include <mm/mmzone.h>
#include <mm/node_map.h>
#include <mm/nodemask.h>

static unsigned long min_ul(unsigned long a, unsigned long b)
{
	return a < b ? a : b;
}

void boot_generic(const struct pfn_range *r, int n, unsigned long max_pfn)
{
	unsigned long map_pages = bootmem_bootmap_pages(max_pfn), map = 0;
	unsigned long max_zone_pfn[MAX_NR_ZONES] = {
		[ZONE_DMA] = min_ul(0x1000, max_pfn),
		[ZONE_DMA32] = min_ul(0x100000, max_pfn),
		[ZONE_NORMAL] = max_pfn,
	};

	/* What x86_numa_init would do: each range's node exists, is online. */
	for (int i = 0; i < n; i++) {
		add_active_range(r[i].nid, r[i].start, r[i].end);
		node_set_state(r[i].nid, N_POSSIBLE);
		node_set_online(r[i].nid);
	}
	for (int i = 0; i < n && !map; i++) {
		unsigned long s = r[i].start < 0x100 ? 0x100 : r[i].start;

		if (s < r[i].end && r[i].end - s >= map_pages)
			map = s;
	}
	init_bootmem(map, max_pfn);
	/* free_bootmem, not free_bootmem_with_active_regions: one bootmem
	 * (node 0's) covers every node here, as contig_initmem_init does. */
	for (int i = 0; i < n; i++)
		free_bootmem(PFN_PHYS(r[i].start), PFN_PHYS(r[i].end - r[i].start));
	reserve_bootmem(PFN_PHYS(map), PFN_PHYS(map_pages), BOOTMEM_DEFAULT);
	free_area_init_nodes(max_zone_pfn);
}
