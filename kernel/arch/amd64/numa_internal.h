/* SPDX-License-Identifier: MIT */
/* What numa.c shares with numa_emulation.c and nothing else needs. */
#ifndef ARCH_AMD64_NUMA_INTERNAL_H
#define ARCH_AMD64_NUMA_INTERNAL_H

#include <asm/numa.h>

struct numa_memblk {
	uint64_t start, end;
	int nid;
};

struct numa_meminfo {
	int nr_blks;
	struct numa_memblk blk[NR_NODE_MEMBLKS];
};

void numa_remove_memblk_from(int idx, struct numa_meminfo *mi);
int numa_cleanup_meminfo(struct numa_meminfo *mi);
void numa_reset_distance(void);
/* Bytes of [start, end) that are not e820 RAM (Linux's mem_hole_size). */
uint64_t mem_hole_size(uint64_t start, uint64_t end);
/* Replace every APIC's node by f(node) (emulated node ids). */
void numa_remap_apicid_nodes(const int *phys_to_emu_first);

#endif
