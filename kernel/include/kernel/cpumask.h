/* SPDX-License-Identifier: MIT */
/*
 * CPU masks: which CPUs could ever run (possible: the firmware's list, cut
 * by nr_cpus=), which are there (present) and which run now (online).
 * Linux's names; a bitmap of NR_CPUS bits, read without locks (a CPU's bit
 * changes only while that CPU is brought up).
 */
#ifndef KERNEL_CPUMASK_H
#define KERNEL_CPUMASK_H

#include <stdbool.h>

#define NR_CPUS 64

struct cpumask {
	unsigned long bits[(NR_CPUS + 63) / 64];
};

extern struct cpumask __cpu_possible_mask, __cpu_present_mask, __cpu_online_mask;
#define cpu_possible_mask (&__cpu_possible_mask)
#define cpu_present_mask  (&__cpu_present_mask)
#define cpu_online_mask	  (&__cpu_online_mask)

/* Number of possible CPU ids: the highest possible CPU + 1. */
extern unsigned int nr_cpu_ids;

static inline bool cpumask_test_cpu(unsigned int cpu, const struct cpumask *m)
{
	return cpu < NR_CPUS &&
	       (__atomic_load_n(&m->bits[cpu / 64], __ATOMIC_RELAXED) >> (cpu % 64)) & 1;
}

static inline void cpumask_assign_cpu(unsigned int cpu, struct cpumask *m, bool on)
{
	if (on)
		__atomic_fetch_or(&m->bits[cpu / 64], 1UL << (cpu % 64), __ATOMIC_RELEASE);
	else
		__atomic_fetch_and(&m->bits[cpu / 64], ~(1UL << (cpu % 64)), __ATOMIC_RELEASE);
}

static inline unsigned int cpumask_weight(const struct cpumask *m)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < (NR_CPUS + 63) / 64; i++)
		n += (unsigned int)__builtin_popcountl(
			__atomic_load_n(&m->bits[i], __ATOMIC_RELAXED));
	return n;
}

/* The first CPU of @m at or after @cpu, or NR_CPUS. */
static inline unsigned int cpumask_next_from(unsigned int cpu, const struct cpumask *m)
{
	while (cpu < NR_CPUS && !cpumask_test_cpu(cpu, m))
		cpu++;
	return cpu;
}

#define for_each_cpu(cpu, mask)                                     \
	for ((cpu) = cpumask_next_from(0, (mask)); (cpu) < NR_CPUS; \
	     (cpu) = cpumask_next_from((cpu) + 1, (mask)))
#define for_each_possible_cpu(cpu) for_each_cpu((cpu), cpu_possible_mask)
#define for_each_present_cpu(cpu)  for_each_cpu((cpu), cpu_present_mask)
#define for_each_online_cpu(cpu)   for_each_cpu((cpu), cpu_online_mask)

#define cpu_possible(cpu) cpumask_test_cpu((cpu), cpu_possible_mask)
#define cpu_present(cpu)  cpumask_test_cpu((cpu), cpu_present_mask)
#define cpu_online(cpu)	  cpumask_test_cpu((cpu), cpu_online_mask)

#define set_cpu_possible(cpu, on) cpumask_assign_cpu((cpu), &__cpu_possible_mask, (on))
#define set_cpu_present(cpu, on)  cpumask_assign_cpu((cpu), &__cpu_present_mask, (on))
#define set_cpu_online(cpu, on)	  cpumask_assign_cpu((cpu), &__cpu_online_mask, (on))

#define num_possible_cpus() cpumask_weight(cpu_possible_mask)
#define num_present_cpus()  cpumask_weight(cpu_present_mask)
#define num_online_cpus()   cpumask_weight(cpu_online_mask)

/* maxcpus=: how many CPUs smp_init() brings up (NR_CPUS unless given). */
extern unsigned int setup_max_cpus;

/**
 * prefill_possible_map - possible and present CPUs from the firmware's count
 * @num_processors: enabled CPUs the firmware lists (the MADT's), boot CPU
 *	included; CPU ids 0..n-1 follow the arch's list, boot CPU first
 *
 * Linux's rule: all of them, cut to nr_cpus= (possible_cpus= is the same
 * limit here) and to NR_CPUS, and to 1 by maxcpus=0; sets nr_cpu_ids and
 * prints "smpboot: Allowing N CPUs, 0 hotplug CPUs" (no CPU hot-plug: a
 * CPU the firmware lists as disabled is not counted).
 */
void prefill_possible_map(unsigned int num_processors);

#endif
