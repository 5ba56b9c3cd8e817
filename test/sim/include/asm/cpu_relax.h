/* SPDX-License-Identifier: MIT */
/*
 * The host simulator's cpu_relax() (<kernel/processor.h>): the host CPU's
 * spin-wait hint, so the same busy-wait loops build on any host the
 * simulator runs on. A compiler barrier either way: the loop must re-read
 * what it waits for. It shadows the x86 header through the simulator's
 * include path.
 */
#ifndef ASM_CPU_RELAX_H
#define ASM_CPU_RELAX_H

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__asm__ volatile("pause" : : : "memory");
#elif defined(__aarch64__)
	__asm__ volatile("yield" : : : "memory");
#else
	__asm__ volatile("" : : : "memory");
#endif
}

#endif
