/* SPDX-License-Identifier: MIT */
/*
 * Masking interrupts on this CPU around per-CPU data and zone locks, from
 * <asm/irqflags.h>: x86 implements them with pushf/cli/sti
 * (arch/amd64/include/asm/irqflags.h); the host simulator, as a flag per
 * simulated CPU that, when cleared, delivers the cross-CPU calls queued
 * meanwhile (test/sim/include/asm/irqflags.h).
 *
 *   unsigned long local_irq_save(void);  disable; the previous state
 *   void local_irq_restore(unsigned long flags);
 *   void local_irq_disable(void);
 *   void local_irq_enable(void);
 *   bool irqs_disabled(void);            masked on this CPU?
 */
#ifndef KERNEL_IRQFLAGS_H
#define KERNEL_IRQFLAGS_H

#include <stdbool.h>

#include <asm/irqflags.h>

#endif
