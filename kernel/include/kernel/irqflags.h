/* SPDX-License-Identifier: MIT */
/*
 * Masking interrupts on this CPU around per-CPU data and zone locks. The
 * arch implements these (cli/sti with the flags saved); the host simulator
 * keeps a flag per simulated CPU and delivers its cross-CPU calls when
 * interrupts come back on (test/sim/sim_smp.c).
 */
#ifndef KERNEL_IRQFLAGS_H
#define KERNEL_IRQFLAGS_H

#include <stdbool.h>

/* Disable interrupts; return the previous state for local_irq_restore(). */
unsigned long local_irq_save(void);
void local_irq_restore(unsigned long flags);

void local_irq_disable(void);
void local_irq_enable(void);

/* Are interrupts masked on this CPU? */
bool irqs_disabled(void);

#endif
