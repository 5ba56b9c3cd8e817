/* SPDX-License-Identifier: MIT */
/*
 * Interrupt context: the arch's interrupt entry (and the IPI handlers)
 * bracket a handler with irq_enter()/irq_exit(), so code can ask whether
 * it runs in one (lockdep-lite does). A count per CPU, indexed by CPU
 * number: usable before the per-CPU areas exist.
 */
#ifndef KERNEL_HARDIRQ_H
#define KERNEL_HARDIRQ_H

#include <kernel/cpumask.h>
#include <kernel/smp.h>
#include <stdbool.h>

extern unsigned int hardirq_nesting[NR_CPUS];

static inline void irq_enter(void)
{
	hardirq_nesting[smp_processor_id()]++;
}

static inline void irq_exit(void)
{
	hardirq_nesting[smp_processor_id()]--;
}

static inline bool in_hardirq(void)
{
	return hardirq_nesting[smp_processor_id()] != 0;
}

#endif
