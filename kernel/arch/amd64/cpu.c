// SPDX-License-Identifier: MIT
/* The CPU-control half of the arch interface: interrupts, halt, QEMU exit. */
#include <asm/io.h>
#include <kernel/arch.h>

void arch_irq_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

void arch_halt(void)
{
	/* hlt again after an NMI or SMI wakes us. */
	for (;;)
		__asm__ volatile("cli; hlt" : : : "memory");
}

void arch_qemu_exit(unsigned int value)
{
	outb((uint8_t)value, QEMU_EXIT_PORT);
}
