/* SPDX-License-Identifier: MIT */
/*
 * Masking interrupts on this CPU around per-CPU data and zone locks. The
 * arch implements these (cli/sti with the flags saved); the host simulator
 * implements them as no-ops. Interrupts come on at the end of boot.
 */
#ifndef KERNEL_IRQFLAGS_H
#define KERNEL_IRQFLAGS_H

/* Disable interrupts; return the previous state for local_irq_restore(). */
unsigned long local_irq_save(void);
void local_irq_restore(unsigned long flags);

/* Unmask / mask interrupts on this CPU. */
void local_irq_enable(void);
void local_irq_disable(void);

#endif
