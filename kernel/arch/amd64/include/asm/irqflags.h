/* SPDX-License-Identifier: MIT */
/* x86's interrupt masking (see <kernel/irqflags.h>), in irqflags.c. */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

#include <stdbool.h>

/* Disable interrupts; return the previous state for local_irq_restore(). */
unsigned long local_irq_save(void);
void local_irq_restore(unsigned long flags);

void local_irq_disable(void);
void local_irq_enable(void);

/* Are interrupts masked on this CPU? */
bool irqs_disabled(void);

#endif
