// SPDX-License-Identifier: MIT
/*
 * Walking the zones (for_each_populated_zone), as Linux's mm/mmzone.c:
 * apart from mm_init.c, which sets the zones up, so that what only walks
 * them (bootmem, the pcp lists, the dumps) does not depend on it.
 */
#include <mm/mmzone.h>
#include <mm/nodemask.h>

struct zone *next_populated_zone(struct zone *zone)
{
	int nid = zone ? zone->zone_pgdat->node_id : 0;
	int idx = zone ? zone_idx(zone) + 1 : 0;

	for (; nid < MAX_NUMNODES; nid++, idx = 0) {
		if (!node_online(nid))
			continue;
		for (; idx < MAX_NR_ZONES; idx++)
			if (node_data[nid]->node_zones[idx].present_pages)
				return &node_data[nid]->node_zones[idx];
	}
	return NULL;
}
