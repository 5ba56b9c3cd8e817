// SPDX-License-Identifier: MIT
/*
 * The arch entry points start_kernel calls, in the order it calls them.
 * setup_arch keeps Linux's name: the memory-init steps slot in here.
 */
#include <asm/acpi.h>
#include <asm/e820.h>
#include <asm/iomem.h>
#include <asm/percpu.h>
#include <asm/pgtable.h>
#include <asm/serial.h>
#include <asm/setup.h>
#include <asm/traps.h>
#include <asm/tsc.h>
#include <kernel/arch.h>
#include <kernel/boot.h>
#include <kernel/efi.h>
#include <kernel/panic.h>
#include <kernel/smp.h>
#include <mm/page.h>
#include <stddef.h>

void arch_early_console_init(void)
{
	serial_init();
}

void arch_trap_init(void)
{
	gdt_init();
	idt_init();
	/* Loading GS cleared its base: until setup_per_cpu_areas, the
	 * template is CPU 0's copy (smp_processor_id() reads it). */
	load_percpu_base(0);
}

uintptr_t page_offset_base = BOOT_PAGE_OFFSET;

void __init setup_arch(const struct bootinfo *bi)
{
	bi = copy_boot_data(bi);
	tsc_early_init();
	efi_print_memmap(bi);
	efi_report_ignored(bi);
	if (!bi->e820_table || !bi->e820_entries)
		panic("the loader passed no e820 memory map: cannot boot");
	e820__memory_setup(boot_va(bi->e820_table), bi->e820_entries);
	paging_early_init(bi);
	e820__finish_early_params();
	reserve_boot_data(bi);
	acpi_boot_table_init(bi);
	x86_memory_init(paging_init);
	prefill_possible_map(x86_nr_listed_cpus());
	x86_iomem_init(bi);
}
