// SPDX-License-Identifier: MIT
/*
 * start_kernel: the generic boot sequence. Order matters: a console first
 * so that everything after it can be seen, the exception handlers next so
 * that a fault is reported instead of resetting the machine, then what the
 * loader handed over.
 */
#include <drivers/fbcon.h>
#include <kernel/bench.h>
#include <kernel/arch.h>
#include <kernel/boot.h>
#include <kernel/console.h>
#include <kernel/crash.h>
#include <kernel/efi.h>
#include <kernel/iomem.h>
#include <kernel/irqflags.h>
#include <kernel/panic.h>
#include <kernel/params.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/pstore.h>
#include <kernel/selftest.h>
#include <kernel/smp.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <mm/page_alloc_bench.h>
#include <mm/vmalloc.h>
#include <mm/vmalloc_bench.h>

/* BOOT_EXIT_SELFTEST_FAILED when a selftest= case failed. */
static enum boot_exit_status boot_status = BOOT_EXIT_OK;

__noreturn void start_kernel(uint64_t bootinfo_phys);

void start_kernel(uint64_t bootinfo_phys)
{
	const struct bootinfo *bi;

	arch_early_console_init();
	arch_trap_init();
	bi = bootinfo_check(bootinfo_phys);
	pstore_init(bi);

	parse_cmdline(bi->cmdline ? boot_va(bi->cmdline) : "");
	console_apply_cmdline();
	fbcon_init(&bi->fb);
	pr_info("Command line: %s\n", saved_command_line);
	report_unknown_params();

	setup_arch(bi);
	setup_per_cpu_areas();
	build_all_zonelists();
	mem_init();
	efi_free_boot_services();
	vmalloc_init();
	kmem_cache_init();
	smp_init();
	/* The other CPUs idle with interrupts on; this one joins them. */
	local_irq_enable();
	/*
	 * The rest of the struct pages, after "Memory:" and after the other
	 * CPUs are up, as in Linux.
	 */
	page_alloc_init_late();
	/* Boot-only code and data are done with: nothing after this is __init. */
	free_initmem();

	crash_requested();
	/*
	 * What was asked for on the command line and the line the boot
	 * tests wait for: shown whatever the loglevel.
	 */
	printk_force_console();
	iomem_dump_requested();
	show_mminfo();
	page_alloc_bench_requested();
	vmalloc_bench_requested();
	if (!bench_names_ok())
		boot_status = BOOT_EXIT_SELFTEST_FAILED;
	if (!selftest_run_requested())
		boot_status = BOOT_EXIT_SELFTEST_FAILED;
	/*
	 * The screen is current before the boot calls itself complete, so
	 * that line's timestamp (scripts/bench-boot) includes the drawing
	 * the framebuffer console deferred.
	 */
	console_flush_all();
	pr_info("mmk: boot complete, status %d\n", boot_status);
	kernel_exit(boot_status);
}
