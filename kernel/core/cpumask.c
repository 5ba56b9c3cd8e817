// SPDX-License-Identifier: MIT
/*
 * The CPU masks and nr_cpu_ids (see <kernel/cpumask.h>), and Linux's
 * options that limit them: nr_cpus= (how many CPU ids exist; possible_cpus=
 * is kept as its alias) and maxcpus= (how many are started). Until the
 * arch reads the firmware's CPU list, CPU 0 alone is possible and online;
 * the host simulator, which has no CPU list, takes nr_cpu_ids from the
 * options directly.
 */
#define pr_fmt(fmt) "smpboot: " fmt

#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/cmdline.h>

struct cpumask __cpu_possible_mask = { { 1UL } };
struct cpumask __cpu_present_mask = { { 1UL } };
struct cpumask __cpu_online_mask = { { 1UL } };
unsigned int nr_cpu_ids = 1;
unsigned int setup_max_cpus = NR_CPUS;
static unsigned int nr_cpus_limit = NR_CPUS;

/* nr_cpus=N (possible_cpus=N): at most N CPU ids, hence N per-CPU units. */
static int set_nr_cpus(const char *val)
{
	unsigned long n;

	if (!val || parse_uint(val, NR_CPUS, &n) || n == 0)
		return -1;
	nr_cpus_limit = (unsigned int)n;
	/* What the simulator runs with; prefill_possible_map() redoes it. */
	nr_cpu_ids = (unsigned int)n;
	for (unsigned int cpu = 0; cpu < n; cpu++)
		set_cpu_possible(cpu, true);
	return 0;
}
kernel_param("nr_cpus", set_nr_cpus);
kernel_param("possible_cpus", set_nr_cpus);

/* maxcpus=N: start at most N CPUs (0: the boot CPU only, as nosmp). */
static int set_maxcpus(const char *val)
{
	unsigned long n;

	if (!val || parse_uint(val, NR_CPUS, &n))
		return -1;
	setup_max_cpus = (unsigned int)n;
	return 0;
}
kernel_param("maxcpus", set_maxcpus);

void prefill_possible_map(unsigned int num_processors)
{
	unsigned int possible = num_processors ? num_processors : 1;

	if (possible > nr_cpus_limit) {
		pr_warn("%u Processors exceeds NR_CPUS limit of %u\n", possible, nr_cpus_limit);
		possible = nr_cpus_limit;
	}
	if (!setup_max_cpus && possible > 1) {
		pr_warn("%u Processors exceeds max_cpus limit of %u\n", possible, setup_max_cpus);
		possible = 1;
	}
	nr_cpu_ids = possible;
	pr_info("Allowing %u CPUs, %d hotplug CPUs\n", possible, 0);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		set_cpu_possible(cpu, cpu < possible);
		set_cpu_present(cpu, cpu < possible);
	}
}
