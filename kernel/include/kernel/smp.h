/* SPDX-License-Identifier: MIT */
/*
 * CPU numbering. Until the other CPUs are started only the boot CPU (0)
 * runs; nr_cpu_ids is the number of *possible* CPUs, from the
 * possible_cpus= option (later: ACPI MADT), and per-CPU data is sized by it.
 */
#ifndef KERNEL_SMP_H
#define KERNEL_SMP_H

#define NR_CPUS 64

extern unsigned int nr_cpu_ids;

static inline unsigned int smp_processor_id(void)
{
	return 0;
}

#endif
