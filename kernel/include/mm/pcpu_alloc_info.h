/* SPDX-License-Identifier: MIT */
/*
 * The layout of the per-CPU units (Linux's struct pcpu_alloc_info): groups
 * of CPUs that are local to each other, each group's units allocated
 * together, unit_size apart.
 */
#ifndef MM_PCPU_ALLOC_INFO_H
#define MM_PCPU_ALLOC_INFO_H

#include <kernel/cpumask.h>

struct pcpu_group_info {
	int nr_units;		   /* units in this group, unused ones included */
	unsigned long base_offset; /* as if the groups were back to back */
	unsigned int *cpu_map;	   /* unit -> CPU, NR_CPUS for an unused unit */
};

struct pcpu_alloc_info {
	unsigned long static_size, reserved_size, dyn_size;
	unsigned long unit_size, atom_size, alloc_size;
	int nr_groups, nr_units;
	struct pcpu_group_info groups[NR_CPUS];
	unsigned int cpu_map[2 * NR_CPUS]; /* at most a third wasted: fits */
};

/**
 * pcpu_build_alloc_info - group the possible CPUs and size the units
 * @ai: filled in
 * @static_size: bytes of per-CPU variables
 * @reserved_size: reserved area (0: no modules)
 * @dyn_size: dynamic area, rounded up so the sum is whole pages
 * @atom_size: allocation granule (2 MiB on x86)
 * @possible: the CPUs to give units
 * @cpu_distance: node distance between two CPUs; NULL puts all in one group
 *
 * Return: 0, or -1 with no CPU.
 */
int pcpu_build_alloc_info(struct pcpu_alloc_info *ai, unsigned long static_size,
			  unsigned long reserved_size, unsigned long dyn_size,
			  unsigned long atom_size, const struct cpumask *possible,
			  int (*cpu_distance)(unsigned int, unsigned int));

/**
 * pcpu_dump_alloc_info - Linux's "pcpu-alloc: s.. r.. d.. u.. alloc=N*S"
 * line and the group lines ("pcpu-alloc: [0] 0 1 [1] 2 3 ...")
 * @nr_possible: possible CPUs (the width of a CPU number)
 */
void pcpu_dump_alloc_info(const struct pcpu_alloc_info *ai, unsigned int nr_possible);

#endif
