// SPDX-License-Identifier: MIT
/*
 * The CPU-control half of the arch interface: interrupts, halt, reboot,
 * QEMU exit.
 */
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

void arch_qemu_debugcon(const char *s)
{
	while (*s)
		outb((uint8_t)*s++, 0xe9);
}

/*
 * The reset control register at 0xcf9 (PIIX and ICH chipsets, QEMU's pc
 * and q35), then the keyboard controller's reset line, then a triple
 * fault through an empty IDT, which resets every PC.
 */
void arch_reboot(void)
{
	static const struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) no_idt = { 0, 0 };

	arch_irq_disable();
	outb(0x02, 0xcf9);
	outb(0x06, 0xcf9); /* system reset, CPU reset */
	for (int i = 0; i < 100000; i++)
		if (!(inb(0x64) & 0x02)) /* input buffer empty */
			break;
	outb(0xfe, 0x64); /* pulse the reset line */
	__asm__ volatile("lidt %0; int3" : : "m"(no_idt));
	arch_halt();
}
