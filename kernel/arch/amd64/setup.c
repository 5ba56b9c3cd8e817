// SPDX-License-Identifier: MIT
/*
 * The arch entry points start_kernel calls, in the order it calls them.
 * setup_arch keeps Linux's name: the memory-init steps slot in here.
 */
#include <asm/e820.h>
#include <asm/serial.h>
#include <asm/traps.h>
#include <asm/tsc.h>
#include <kernel/arch.h>
#include <kernel/efi.h>

void arch_early_console_init(void)
{
	serial_init();
}

void arch_trap_init(void)
{
	gdt_init();
	idt_init();
}

void setup_arch(const struct bootinfo *bi)
{
	tsc_early_init();
	efi_print_memmap(bi);
	e820__memory_setup(bi);
}
