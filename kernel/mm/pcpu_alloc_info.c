// SPDX-License-Identifier: MIT
/*
 * How the first per-CPU chunk is laid out, Linux 6.1's
 * pcpu_build_alloc_info and pcpu_dump_alloc_info: CPUs at LOCAL_DISTANCE
 * of each other form a group (a node), each group is allocated in atoms
 * (2 MiB on x86), and the units per atom are chosen so that at most a
 * third of the units go unused. A pure function of its inputs, tested on
 * the host.
 */
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/page.h>
#include <mm/pcpu_alloc_info.h>
#include <mm/topology.h>

#define PCPU_MIN_UNIT_SIZE (32UL << 10)

int pcpu_build_alloc_info(struct pcpu_alloc_info *ai, unsigned long static_size,
			  unsigned long reserved_size, unsigned long dyn_size,
			  unsigned long atom_size, const struct cpumask *possible,
			  int (*cpu_distance)(unsigned int, unsigned int))
{
	int group_map[NR_CPUS] = { 0 }, group_cnt[NR_CPUS] = { 0 };
	struct cpumask left = *possible;
	unsigned long size_sum, min_unit_size, alloc_size;
	unsigned int cpu, tcpu, nr_possible = cpumask_weight(possible);
	int nr_groups, upa, max_upa, best_upa = 0, last_allocs = 0x7fffffff, unit = 0;

	if (!nr_possible)
		return -1;
	memset(ai, 0, sizeof(*ai));
	size_sum = PAGE_ALIGN(static_size + reserved_size + dyn_size);
	dyn_size = size_sum - static_size - reserved_size;
	min_unit_size = size_sum > PCPU_MIN_UNIT_SIZE ? size_sum : PCPU_MIN_UNIT_SIZE;
	alloc_size = (min_unit_size + atom_size - 1) / atom_size * atom_size;
	upa = (int)(alloc_size / min_unit_size);
	while (alloc_size % (unsigned long)upa || ((alloc_size / (unsigned long)upa) & ~PAGE_MASK))
		upa--;
	max_upa = upa;

	/* Group the CPUs: each with every later one at local distance. */
	for (nr_groups = 0; cpumask_weight(&left); nr_groups++) {
		cpu = cpumask_next_from(0, &left);
		group_map[cpu] = nr_groups;
		group_cnt[nr_groups]++;
		cpumask_assign_cpu(cpu, &left, false);
		for_each_cpu(tcpu, &left) {
			if (cpu_distance && (cpu_distance(cpu, tcpu) != LOCAL_DISTANCE ||
					     cpu_distance(tcpu, cpu) != LOCAL_DISTANCE))
				continue;
			group_map[tcpu] = nr_groups;
			group_cnt[nr_groups]++;
			cpumask_assign_cpu(tcpu, &left, false);
		}
	}

	/* Fewest allocations with at most a third of the units wasted. */
	for (upa = max_upa; upa; upa--) {
		int allocs = 0, wasted = 0;

		if (alloc_size % (unsigned long)upa ||
		    ((alloc_size / (unsigned long)upa) & ~PAGE_MASK))
			continue;
		for (int g = 0; g < nr_groups; g++) {
			int this_allocs = (group_cnt[g] + upa - 1) / upa;

			allocs += this_allocs;
			wasted += this_allocs * upa - group_cnt[g];
		}
		if (wasted > (int)nr_possible / 3)
			continue;
		if (allocs > last_allocs)
			break;
		last_allocs = allocs;
		best_upa = upa;
	}
	upa = best_upa;

	ai->static_size = static_size;
	ai->reserved_size = reserved_size;
	ai->dyn_size = dyn_size;
	ai->unit_size = alloc_size / (unsigned long)upa;
	ai->atom_size = atom_size;
	ai->alloc_size = alloc_size;
	ai->nr_groups = nr_groups;
	for (int g = 0; g < nr_groups; g++) {
		struct pcpu_group_info *gi = &ai->groups[g];

		gi->base_offset = (unsigned long)unit * ai->unit_size;
		gi->cpu_map = &ai->cpu_map[unit];
		for_each_cpu(cpu, possible)
			if (group_map[cpu] == g)
				gi->cpu_map[gi->nr_units++] = cpu;
		while (gi->nr_units % upa)
			gi->cpu_map[gi->nr_units++] = NR_CPUS;
		unit += gi->nr_units;
	}
	ai->nr_units = unit;
	return 0;
}

static int num_width(unsigned int v)
{
	int w = 1;

	while (v /= 10)
		w++;
	return w;
}

void pcpu_dump_alloc_info(const struct pcpu_alloc_info *ai, unsigned int nr_possible)
{
	int group_width = num_width((unsigned)ai->nr_groups);
	int cpu_width = num_width(nr_possible);
	int upa = (int)(ai->alloc_size / ai->unit_size);
	int width = upa * (cpu_width + 1) + group_width + 3;
	int apl = 60 / width > 1 ? 60 / width : 1, alloc = 0;

	while (apl & (apl - 1)) /* allocations per line: a power of two */
		apl &= apl - 1;
	printk(KERN_INFO "pcpu-alloc: s%lu r%lu d%lu u%lu alloc=%lu*%lu", ai->static_size,
	       ai->reserved_size, ai->dyn_size, ai->unit_size, ai->alloc_size / ai->atom_size,
	       ai->atom_size);
	for (int g = 0; g < ai->nr_groups; g++) {
		const struct pcpu_group_info *gi = &ai->groups[g];

		for (int unit = 0; unit < gi->nr_units; alloc++) {
			if (!(alloc % apl)) {
				printk(KERN_CONT "\n");
				printk(KERN_INFO "pcpu-alloc: ");
			}
			printk(KERN_CONT "[%0*d] ", group_width, g);
			for (int end = unit + upa; unit < end; unit++)
				if (gi->cpu_map[unit] != NR_CPUS)
					printk(KERN_CONT "%0*u ", cpu_width, gi->cpu_map[unit]);
				else
					printk(KERN_CONT "%.*s ", cpu_width, "--------");
		}
	}
	printk(KERN_CONT "\n");
}
