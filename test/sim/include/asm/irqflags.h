/* SPDX-License-Identifier: MIT */
/*
 * The host simulator's answer to <asm/irqflags.h>: a thread-local flag per
 * simulated CPU, inline (the fast paths mask interrupts on every
 * operation). Unmasking runs the cross-CPU calls queued for this CPU
 * (kernel/core/smp.c) if it was sent an IPI (sim_smp.c), as a pending IPI
 * would be taken then. Flags as x86 keeps
 * them: IF (bit 9) set means enabled. It shadows the x86 header through
 * the simulator's include path.
 */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

#include <stdbool.h>

#define SIM_IRQ_IF (1UL << 9)

#include <asm/smp.h>

extern __thread bool sim_irqs_off;

/*
 * Has this CPU been sent an IPI (sim_smp.c) it has not taken yet? Thread-
 * local like the mask, so that unmasking tests it without looking up the
 * CPU's number; senders reach it through sim_ipi_pending_of[cpu].
 */
extern __thread unsigned int sim_ipi_pending_flag; /* atomic */
extern unsigned int *sim_ipi_pending_of[];

static inline bool sim_ipi_pending(void)
{
	return __atomic_load_n(&sim_ipi_pending_flag, __ATOMIC_RELAXED);
}

void sim_handle_ipis(void);

static inline unsigned long local_irq_save(void)
{
	unsigned long flags = sim_irqs_off ? 0 : SIM_IRQ_IF;

	sim_irqs_off = true;
	return flags;
}

static inline void local_irq_disable(void)
{
	sim_irqs_off = true;
}

static inline void local_irq_enable(void)
{
	sim_irqs_off = false;
	if (__builtin_expect(sim_ipi_pending(), 0))
		sim_handle_ipis();
}

static inline void local_irq_restore(unsigned long flags)
{
	if (flags & SIM_IRQ_IF)
		local_irq_enable();
}

static inline bool irqs_disabled(void)
{
	return sim_irqs_off;
}

#endif
