// SPDX-License-Identifier: MIT
/*
 * Zonelists: for each node, the zones an allocation tries in order. Within
 * a node the highest zone comes first (keep DMA for those who need it);
 * across nodes the nearest comes first, with Linux 6.1's tie-breaks so the
 * "Fallback order" lines match Linux on the same topology.
 */
#define pr_fmt(fmt) fmt

#include "internal.h"
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/nodemask.h>
#include <mm/page_alloc.h>
#include <mm/topology.h>

#define PENALTY_FOR_NODE_WITH_CPUS 1

static int node_load[MAX_NUMNODES] __initdata;
static enum zone_type policy_zone;

/*
 * The nearest node not used yet: distance, then a small penalty for nodes
 * numbered below us (prefer "the next node") and for nodes with CPUs
 * (their memory is wanted by their own CPUs), then the node's load.
 */
static int find_next_best_node(int node, bool *used)
{
	int best = NUMA_NO_NODE, min_val = 0x7fffffff, n;

	if (!used[node]) {
		used[node] = true;
		return node;
	}
	for_each_node_state(n, N_MEMORY) {
		int val;

		if (used[n])
			continue;
		val = node_distance(node, n);
		val += n < node;
		if (node_has_cpus(n))
			val += PENALTY_FOR_NODE_WITH_CPUS;
		val *= MAX_NUMNODES;
		val += node_load[n];
		if (val < min_val) {
			min_val = val;
			best = n;
		}
	}
	if (best >= 0)
		used[best] = true;
	return best;
}

static struct zoneref *build_zonerefs_node(pg_data_t *pgdat, struct zoneref *zr)
{
	for (int zt = MAX_NR_ZONES - 1; zt >= 0; zt--) {
		struct zone *zone = &pgdat->node_zones[zt];

		if (!managed_zone(zone))
			continue;
		zr->zone = zone;
		zr->zone_idx = zt;
		zr++;
		if ((enum zone_type)zt > policy_zone && zt != ZONE_MOVABLE)
			policy_zone = zt;
	}
	return zr;
}

static __init void build_zonelists(pg_data_t *pgdat)
{
	static int node_order[MAX_NUMNODES];
	bool used[MAX_NUMNODES] = { false };
	int local = pgdat->node_id, prev = local, nr = 0, node;
	struct zoneref *zr;

	while ((node = find_next_best_node(local, used)) >= 0) {
		/* Round-robin within a distance group across the nodes' lists. */
		if (node_distance(local, node) != node_distance(local, prev))
			node_load[node] += 1;
		node_order[nr++] = node;
		prev = node;
	}

	zr = pgdat->node_zonelists[ZONELIST_FALLBACK]._zonerefs;
	for (int i = 0; i < nr; i++)
		zr = build_zonerefs_node(NODE_DATA(node_order[i]), zr);
	zr->zone = NULL;
	zr->zone_idx = 0;

	zr = build_zonerefs_node(pgdat, pgdat->node_zonelists[ZONELIST_NOFALLBACK]._zonerefs);
	zr->zone = NULL;
	zr->zone_idx = 0;

	pr_info("Fallback order for Node %d: ", local);
	for (int i = 0; i < nr; i++)
		pr_cont("%d ", node_order[i]);
	pr_cont("\n");
}

void __init build_all_zonelists(void)
{
	unsigned long total;
	int nid;

	memset(node_load, 0, sizeof(node_load));
	policy_zone = ZONE_DMA;
	/* Every possible node, memory-less ones too: their CPUs allocate. */
	for_each_node(nid)
		build_zonelists(NODE_DATA(nid));
	total = nr_free_zone_pages(gfp_zone(GFP_HIGHUSER_MOVABLE));
	/* Too few pages for pageblocks of every type to be worth it. */
	page_group_by_mobility_disabled = total < pageblock_nr_pages * MIGRATE_TYPES;
	pr_info("Built %d zonelists, mobility grouping %s.  Total pages: %lu\n", num_online_nodes(),
		page_group_by_mobility_disabled ? "off" : "on", total);
	pr_info("Policy zone: %s\n", zone_names[policy_zone]);
}
