// SPDX-License-Identifier: MIT
/*
 * x86 per-CPU base: GS points at the CPU's unit, whose first word is
 * this_cpu_off (kernel.ld puts percpu_data_first before the rest), so
 * arch_this_cpu_offset() is a single %gs:0 load.
 */
#include <asm/percpu.h>
#include <asm/processor.h>
#include <kernel/percpu.h>

__attribute__((section("percpu_data_first"), used)) unsigned long this_cpu_off;

void arch_setup_percpu_base(unsigned int cpu, unsigned long offset)
{
	per_cpu(this_cpu_off, cpu) = offset;
	/* The others load theirs when they start (start_secondary). */
	if (cpu == smp_processor_id())
		load_percpu_base(cpu);
}

void load_percpu_base(unsigned int cpu)
{
	wrmsr(MSR_GS_BASE, (uintptr_t)&this_cpu_off + __per_cpu_offset[cpu]);
}
