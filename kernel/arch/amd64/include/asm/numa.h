/* SPDX-License-Identifier: MIT */
/*
 * NUMA node ranges and distances, from ACPI SRAT/SLIT (a later issue) or
 * from the simulator's SRAT lines. Without any, one node spans all RAM.
 */
#ifndef ASM_NUMA_H
#define ASM_NUMA_H

#include <mm/topology.h>
#include <stdint.h>

#define NR_NODE_MEMBLKS 128

/* Register [start, end) as memory of node @nid. Return: 0, or -1 if full/bad. */
int numa_add_memblk(int nid, uint64_t start, uint64_t end);

/* Set the distance from node @from to node @to (SLIT semantics). */
void numa_set_distance(int from, int to, int distance);

/* Number of node ids in use (highest nid + 1). */
int nr_node_ids_in_use(void);

/**
 * numa_initmem_init - put usable RAM of [0, max_pfn) into the early node map
 *
 * With node ranges: each RAM range goes to the node whose range holds it;
 * if the ranges leave more than 1 MiB of RAM uncovered they are dropped,
 * as Linux does. Without: Linux's "No NUMA configuration found" and
 * "Faking a node at [mem ...]" lines, and node 0 takes everything.
 */
void numa_initmem_init(unsigned long max_pfn);

#endif
