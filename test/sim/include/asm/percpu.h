/* SPDX-License-Identifier: MIT */
/*
 * The host simulator's answer to <asm/percpu.h>: no segment registers, so
 * the current CPU's offset is looked up by its thread-local number. It
 * shadows the x86 header through the simulator's include path.
 */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

#include <asm/smp.h>

extern unsigned long __per_cpu_offset[];

static inline unsigned long arch_this_cpu_offset(void)
{
	return __per_cpu_offset[sim_cpu_id];
}

void arch_setup_percpu_base(unsigned int cpu, unsigned long offset);

#endif
