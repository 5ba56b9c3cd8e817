/* SPDX-License-Identifier: MIT */
/*
 * NUMA on x86 (numa.c, srat.c, numa_emulation.c): node ranges, distances
 * and the APIC id -> node map, from ACPI SRAT/SLIT or, without them, one
 * dummy node over all RAM. The simulator replays a log's SRAT instead.
 */
#ifndef ASM_NUMA_H
#define ASM_NUMA_H

#include <mm/nodemask.h>
#include <mm/topology.h>
#include <stdbool.h>
#include <stdint.h>

#define NR_NODE_MEMBLKS (MAX_NUMNODES * 2)
#define MAX_LOCAL_APIC	32768
#define MAX_PXM_DOMAINS 256 /* the SRAT's old 8-bit proximity domains */

/* Nodes some SRAT entry named; numa=off. */
extern nodemask_t numa_nodes_parsed;
extern bool numa_off;

/**
 * numa_add_memblk - the firmware says [start, end) belongs to node @nid
 *
 * Zero-length ranges are ignored, bad ones warned about and ignored.
 * Return: 0, or -1 when the table of ranges is full (reported).
 */
int numa_add_memblk(int nid, uint64_t start, uint64_t end);

/**
 * numa_set_distance - SLIT distance from node @from to node @to
 *
 * The first call sizes the table for the nodes known so far (Linux's
 * "NUMA: Initialized distance table, cnt=N"); out-of-range nodes and
 * impossible distances are warned about once and ignored.
 */
void numa_set_distance(int from, int to, int distance);

/* SRAT's CPU affinity: APIC id -> node (NUMA_NO_NODE if not named). */
void set_apicid_to_node(uint32_t apicid, int nid);
int numa_apicid_to_node(uint32_t apicid);

/**
 * x86_numa_init - nodes from SRAT, else the dummy node
 *
 * Needs the sanitised e820 table and max_pfn. Leaves each node's RAM in
 * the early node map, its pg_data_t allocated (and reserved) in its own
 * memory, and node_states[N_POSSIBLE] / [N_ONLINE] set; prints Linux's
 * SRAT, NUMA merge, NODE_DATA and "Faking a node" lines.
 */
void x86_numa_init(void);

/**
 * x86_acpi_numa_init - read SRAT and SLIT into numa_add_memblk(),
 * set_apicid_to_node() and numa_set_distance() (srat.c; the simulator has
 * its own)
 *
 * Return: 0, or negative when SRAT is missing, bad or names no memory.
 */
int x86_acpi_numa_init(void);

/**
 * numa_emulation - numa=fake=N: split RAM into @nr_fake nodes
 *
 * Replaces the cleaned-up numa_meminfo ranges (numa_emulation.c).
 */
struct numa_meminfo;
void numa_emulation(struct numa_meminfo *mi, int nr_fake);

/**
 * init_cpu_to_node - map each possible CPU to its node
 * @apicids: APIC id of CPU 0 (the boot CPU), 1, ...
 * @nr_cpus: how many
 *
 * A CPU-only node comes online here, after free_area_init_nodes() has
 * called it memory-less and before the zonelists are built, as in Linux.
 * CPUs SRAT does not place go round-robin over the online nodes.
 */
void init_cpu_to_node(const uint32_t *apicids, unsigned int nr_cpus);

struct acpi_tables;
struct acpi_mem_ops;
/**
 * acpi_numa_init - nodes, CPU placement and distances from SRAT and SLIT
 * @t: the tables acpi_table_init() found; @mem: how to read them
 *
 * Linux's numbering and messages (srat.c). Return: 0; -1 when there is no
 * SRAT, it is bad ("SRAT not used."), or it names no memory.
 */
int acpi_numa_init(const struct acpi_tables *t, const struct acpi_mem_ops *mem);

/* The node of CPU @cpu (0: the boot CPU), NUMA_NO_NODE before it is known. */
int early_cpu_to_node(unsigned int cpu);

#endif
