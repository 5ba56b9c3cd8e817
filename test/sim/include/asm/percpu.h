/* SPDX-License-Identifier: MIT */
/*
 * The host simulator's answer to <asm/percpu.h>: no segment registers, so
 * the current CPU's offset is a thread-local copy. It
 * shadows the x86 header through the simulator's include path.
 */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

#include <asm/smp.h>

extern unsigned long __per_cpu_offset[];

/*
 * __per_cpu_offset[sim_cpu_id], kept thread-local (set with the CPU's
 * number and by arch_setup_percpu_base) so that this_cpu_ptr is one load.
 */
extern __thread unsigned long sim_percpu_offset SIM_TLS;

static inline unsigned long arch_this_cpu_offset(void)
{
	return sim_percpu_offset;
}

void arch_setup_percpu_base(unsigned int cpu, unsigned long offset);

#endif
