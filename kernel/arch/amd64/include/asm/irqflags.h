/* SPDX-License-Identifier: MIT */
/*
 * x86's interrupt masking (see <kernel/irqflags.h>): RFLAGS.IF saved with
 * pushf, cleared with cli, set with sti. Inline, as Linux has them: the
 * slab and pageset fast paths mask interrupts on every operation, and a
 * call and return each way would cost more than the masking itself. The
 * "memory" clobbers keep the compiler from moving accesses across them.
 */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

#include <stdbool.h>

#define X86_EFLAGS_IF (1UL << 9)

static inline unsigned long arch_local_save_flags(void)
{
	unsigned long flags;

	__asm__ volatile("pushfq; popq %0" : "=r"(flags) : : "memory");
	return flags;
}

static inline void local_irq_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

static inline void local_irq_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

/* Disable interrupts; return the previous state for local_irq_restore(). */
static inline unsigned long local_irq_save(void)
{
	unsigned long flags = arch_local_save_flags();

	local_irq_disable();
	return flags;
}

/* Only IF matters; restoring all of RFLAGS would clobber the others. */
static inline void local_irq_restore(unsigned long flags)
{
	if (flags & X86_EFLAGS_IF)
		local_irq_enable();
}

/* Are interrupts masked on this CPU? */
static inline bool irqs_disabled(void)
{
	return !(arch_local_save_flags() & X86_EFLAGS_IF);
}

#endif
