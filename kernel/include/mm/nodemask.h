/* SPDX-License-Identifier: MIT */
/*
 * Which node ids exist, and in what sense (Linux's node_states[]):
 * possible (named by the firmware: SRAT, or the dummy node), online (has a
 * pg_data_t the allocator may use), has memory, has CPUs. MAX_NUMNODES
 * fits in one word, so a mask is a uint64_t.
 */
#ifndef MM_NODEMASK_H
#define MM_NODEMASK_H

#include <mm/mmzone.h>
#include <stdbool.h>
#include <stdint.h>

_Static_assert(MAX_NUMNODES <= 64, "a node mask is one 64-bit word");

typedef uint64_t nodemask_t;

enum node_states {
	N_POSSIBLE, /* the firmware named it (node_possible_map) */
	N_ONLINE,   /* NODE_DATA() exists and is in use */
	N_MEMORY,   /* has present pages (set by free_area_init_nodes) */
	N_CPU,	    /* has CPUs (set as CPUs are mapped to nodes) */
	NR_NODE_STATES
};

extern nodemask_t node_states[NR_NODE_STATES];

static inline bool node_isset(int nid, nodemask_t mask)
{
	return nid >= 0 && nid < MAX_NUMNODES && (mask >> nid) & 1;
}

static inline void node_set(int nid, nodemask_t *mask)
{
	*mask |= (nodemask_t)1 << nid;
}

static inline bool node_state(int nid, enum node_states state)
{
	return node_isset(nid, node_states[state]);
}

static inline void node_set_state(int nid, enum node_states state)
{
	node_set(nid, &node_states[state]);
}

static inline void node_clear_state(int nid, enum node_states state)
{
	node_states[state] &= ~((nodemask_t)1 << nid);
}

static inline int nodes_weight(nodemask_t mask)
{
	return __builtin_popcountll(mask);
}

#define node_online(nid)     node_state(nid, N_ONLINE)
#define node_set_online(nid) node_set_state(nid, N_ONLINE)
#define num_online_nodes()   nodes_weight(node_states[N_ONLINE])
/* Highest possible node id + 1: how far per-node tables must reach. */
#define nr_node_ids (node_states[N_POSSIBLE] ? 64 - __builtin_clzll(node_states[N_POSSIBLE]) : 1)

#define for_each_node_mask(nid, mask)                  \
	for ((nid) = 0; (nid) < MAX_NUMNODES; (nid)++) \
		if (!node_isset((nid), (mask)))        \
			continue;                      \
		else
#define for_each_node_state(nid, state) for_each_node_mask(nid, node_states[state])
#define for_each_node(nid)		for_each_node_state(nid, N_POSSIBLE)
#define for_each_online_node(nid)	for_each_node_state(nid, N_ONLINE)

#endif
