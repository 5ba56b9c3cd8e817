// SPDX-License-Identifier: MIT
/*
 * smp_init: start the other CPUs, as Linux's smp_init/bringup_nonboot_cpus
 * do, through the arch's smp_prepare_cpus and __cpu_up, and say how many
 * run. The arch prints the per-CPU lines in between.
 */
#define pr_fmt(fmt) "smp: " fmt

#include <kernel/printk.h>
#include <kernel/smp.h>
#include <mm/nodemask.h>

void smp_init(void)
{
	unsigned int cpu, nodes, cpus;

	smp_prepare_cpus(setup_max_cpus);
	pr_info("Bringing up secondary CPUs ...\n");
	for_each_present_cpu(cpu) {
		if (num_online_cpus() >= setup_max_cpus)
			break;
		if (!cpu_online(cpu))
			__cpu_up(cpu); /* a failure is reported; the CPU stays out */
	}
	smp_cpus_done(setup_max_cpus);
	nodes = (unsigned int)num_online_nodes();
	cpus = num_online_cpus();
	pr_info("Brought up %u node%s, %u CPU%s\n", nodes, nodes > 1 ? "s" : "", cpus,
		cpus > 1 ? "s" : "");
}
