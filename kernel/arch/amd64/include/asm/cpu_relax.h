/* SPDX-License-Identifier: MIT */
/* x86's cpu_relax() (<kernel/processor.h>): PAUSE, Linux's rep_nop. */
#ifndef ASM_CPU_RELAX_H
#define ASM_CPU_RELAX_H

static inline void cpu_relax(void)
{
	__asm__ volatile("pause" : : : "memory");
}

#endif
