/* SPDX-License-Identifier: MIT */
/*
 * Machines the page allocator is tested on in the simulator, booted the
 * way mmsim boots a log's table (test/sim/mmsim.c): e820 setup, user
 * map, SRAT ranges, a 32 MiB kernel image at 16 MiB, x86_memory_init,
 * zonelists, mem_init.
 */
#ifndef TEST_PAGE_ALLOC_MACHINES_H
#define TEST_PAGE_ALLOC_MACHINES_H

#include <stdbool.h>
#include <stdint.h>

struct pa_numa_range {
	int nid;
	uint64_t start, end;
};

/* An SRAT CPU entry: the CPU with this APIC id is on node @nid. */
struct pa_numa_cpu {
	int nid;
	uint32_t apic_id;
};

struct pa_machine {
	const char *name;
	const struct pa_e820 {
		uint64_t start, end;
		uint32_t type;
	} * e820;
	unsigned int nr_e820;
	const struct pa_numa_range *numa;
	unsigned int nr_numa;
	const char *cmdline;
	const struct pa_numa_cpu *cpus; /* none: every CPU on node 0 */
	unsigned int nr_cpus;
};

extern const struct pa_machine pa_q35_512m;	  /* Linux 6.1's q35 512M log */
extern const struct pa_machine pa_q35_4g_movable; /* 2G + 2G above 4G, movablecore=1G */
extern const struct pa_machine pa_two_nodes;	  /* node 0 below 2G, node 1 4G-6G */
extern const struct pa_machine pa_small_64m;	  /* for page_poison=on */
/* 128M low, 128M at 1T: a bootmem bitmap for each cluster of RAM. */
extern const struct pa_machine pa_two_clusters;
/* Node 0: 2G low; node 1: 128M at 4G and 128M at 1T (two bitmaps). */
extern const struct pa_machine pa_node_with_clusters;
/* 18 clusters of 8M, 16G apart: a bitmap each. */
extern const struct pa_machine pa_18_clusters;
/* pa_two_nodes with 4 CPUs: APIC 0 on node 0, APICs 1-3 on node 1. */
extern const struct pa_machine pa_two_nodes_1_3_cpus;

/* Reset the simulator, capture printk, boot @m; @mem_init false stops
 * before it, true goes on to the deferred pages and smp_init(). */
int pa_boot(const struct pa_machine *m, const char *extra_cmdline, bool mem_init);

#endif
