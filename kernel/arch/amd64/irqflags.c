// SPDX-License-Identifier: MIT
/* local_irq_save/restore: RFLAGS.IF saved with pushf, cleared with cli. */
#include <kernel/irqflags.h>

unsigned long local_irq_save(void)
{
	unsigned long flags;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

void local_irq_restore(unsigned long flags)
{
	/* Only IF matters; restoring all of RFLAGS would clobber the others. */
	if (flags & (1UL << 9))
		__asm__ volatile("sti" : : : "memory");
}

void local_irq_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

void local_irq_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

bool irqs_disabled(void)
{
	unsigned long flags;

	__asm__ volatile("pushfq; popq %0" : "=r"(flags) : : "memory");
	return !(flags & (1UL << 9));
}
