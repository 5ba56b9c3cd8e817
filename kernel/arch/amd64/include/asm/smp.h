/* SPDX-License-Identifier: MIT */
/*
 * x86's answer to smp_processor_id() (see <kernel/smp.h>): the CPU's
 * number is its per-CPU cpu_number, read through GS in one load at the
 * offset kernel.ld computes (__cpu_number_gs). It is on the page
 * allocator's hot path, hence no second load through this_cpu_off.
 */
#ifndef ASM_SMP_H
#define ASM_SMP_H

static inline unsigned int smp_processor_id(void)
{
	unsigned int cpu;

	/* Not volatile: the number of the running CPU never changes under
	 * us (no preemption, no migration), so the compiler may reuse it. */
	__asm__("movl %%gs:__cpu_number_gs, %0" : "=r"(cpu));
	return cpu;
}

#endif
