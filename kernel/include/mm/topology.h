/* SPDX-License-Identifier: MIT */
/*
 * What generic mm code needs to know about the machine's NUMA topology;
 * the arch answers (x86: arch/amd64/numa.c, from SRAT/SLIT).
 */
#ifndef MM_TOPOLOGY_H
#define MM_TOPOLOGY_H

#include <stdbool.h>

#define LOCAL_DISTANCE	10
#define REMOTE_DISTANCE 20

/* SLIT distance between two nodes (10 = local). */
int node_distance(int from, int to);

/* The node of the CPU running this. */
int numa_node_id(void);

/* The node of CPU @cpu (NUMA_NO_NODE if the firmware did not say). */
int cpu_to_node(unsigned int cpu);

/* Does node @nid have CPUs? (Linux prefers CPU-less nodes as fallback.) */
bool node_has_cpus(int nid);

#endif
