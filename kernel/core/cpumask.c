// SPDX-License-Identifier: MIT
/*
 * The CPU masks and nr_cpu_ids (see <kernel/cpumask.h>). Until the arch
 * reads the firmware's CPU list, CPU 0 alone is possible and online.
 */
#include <kernel/params.h>
#include <kernel/smp.h>
#include <lib/cmdline.h>

struct cpumask __cpu_possible_mask = { { 1UL } };
struct cpumask __cpu_present_mask = { { 1UL } };
struct cpumask __cpu_online_mask = { { 1UL } };
unsigned int nr_cpu_ids = 1;

/* possible_cpus=N: how many CPUs per-CPU data is sized for (Linux's name). */
static int set_possible_cpus(const char *val)
{
	unsigned long n;

	if (!val || parse_uint(val, NR_CPUS, &n) || n == 0)
		return -1;
	nr_cpu_ids = (unsigned int)n;
	return 0;
}
kernel_param("possible_cpus", set_possible_cpus);
