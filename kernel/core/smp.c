// SPDX-License-Identifier: MIT
/*
 * Cross-CPU calls (<kernel/smp.h>) for a machine where only this CPU runs:
 * a call to this CPU runs here with interrupts off, as the IPI path does
 * for the local CPU. PLACEHOLDER until the IPI layer (branch smp-arch,
 * same file) replaces it: it refuses loudly to reach another online CPU
 * rather than skip it silently.
 */
#include <kernel/irqflags.h>
#include <kernel/panic.h>
#include <kernel/smp.h>
#include <lib/errno.h>

static void run_here(smp_call_func_t fn, void *info)
{
	unsigned long flags = local_irq_save();

	fn(info);
	local_irq_restore(flags);
}

int smp_call_function_single(unsigned int cpu, smp_call_func_t fn, void *info, bool wait)
{
	(void)wait;
	if (cpu >= NR_CPUS || !cpu_online(cpu))
		return -ENXIO;
	if (cpu != smp_processor_id())
		panic("smp_call_function_single: CPU%u is online but no IPI layer exists", cpu);
	run_here(fn, info);
	return 0;
}

void smp_call_function(smp_call_func_t fn, void *info, bool wait)
{
	unsigned int cpu;

	(void)fn;
	(void)info;
	(void)wait;
	for_each_online_cpu(cpu) if (cpu != smp_processor_id())
		panic("smp_call_function: CPU%u is online but no IPI layer exists", cpu);
}

void on_each_cpu(smp_call_func_t fn, void *info, bool wait)
{
	smp_call_function(fn, info, wait);
	run_here(fn, info);
}
