/* SPDX-License-Identifier: MIT */
/*
 * The whole interface between generic code and the architecture. Generic
 * code (mm/, lib/, core/, drivers/, init/) includes this and the hook
 * headers below, never arch/<arch>/ or <asm/...> headers; arch/amd64/
 * implements them (test/tools/check_arch_includes.py checks it).
 *
 * Hook headers:
 *   <kernel/arch.h>      boot, console, traps, clock, halt, crash, free_initmem
 *   <kernel/efi.h>       efi_free_boot_services
 *   <kernel/irqflags.h>  local_irq_save/restore/enable/disable
 *   <kernel/cmpxchg.h>   cmpxchg_double (two adjacent words at once)
 *   <kernel/percpu.h>    this_cpu access (asm/percpu.h)
 *   <kernel/processor.h> cpu_relax, for busy-wait loops (asm/cpu_relax.h)
 *   <kernel/smp.h>       smp_processor_id (asm/smp.h), cross-CPU calls;
 *                        smp_prepare_cpus, __cpu_up, smp_cpus_done,
 *                        arch_send_call_function_{single_ipi,ipi_mask},
 *                        smp_send_stop
 *   <mm/arch_vmap.h>     vmalloc's range, page mapping and TLB flush
 *   <mm/arch_section_table.h> mem_section[]'s virtual range, backed by page
 *   <mm/page.h>          page_offset_base (__va/__pa)
 *   <mm/topology.h>      node distances, CPUs of a node
 */
#ifndef KERNEL_ARCH_H
#define KERNEL_ARCH_H

#include <boot/bootinfo.h>
#include <kernel/compiler.h>
#include <stdint.h>

/**
 * arch_early_console_init - bring up the firmware-independent console
 * (COM1 on x86) so that everything after it can be seen
 */
void arch_early_console_init(void);

/**
 * arch_trap_init - install the CPU's own descriptor tables and exception
 * handlers; from here on a fault prints a report instead of resetting
 */
void arch_trap_init(void);

/**
 * setup_arch - architecture setup from the boot information: clock
 * calibration and the memory maps (later: e820 sanitising, paging, bootmem)
 * @bi: the validated boot information
 */
void setup_arch(const struct bootinfo *bi);

/** arch_clock_ns - nanoseconds since kernel entry; 0 until calibrated */
uint64_t arch_clock_ns(void);

/**
 * arch_cycles - a free-running cycle counter, for benchmarks
 *
 * The TSC on x86: constant rate (not core cycles), not serialising, so
 * time many operations between two reads.
 */
uint64_t arch_cycles(void);

/** arch_irq_disable - mask interrupts on this CPU */
void arch_irq_disable(void);

/** arch_halt - stop this CPU for good, interrupts off */
__noreturn void arch_halt(void);

/**
 * arch_qemu_exit - ask QEMU's isa-debug-exit device to quit
 * @value: the value to write; QEMU exits with (value << 1) | 1
 *
 * Returns if there is no such device.
 */
void arch_qemu_exit(unsigned int value);

/**
 * arch_qemu_debugcon - write @s to QEMU's debug console (port 0xe9); a
 * no-op write on a machine without one
 */
void arch_qemu_debugcon(const char *s);

/**
 * arch_reboot - reset the machine (reset register, keyboard controller,
 * then a triple fault); never returns
 */
__noreturn void arch_reboot(void);

/**
 * dump_stack - print "Call Trace:" and the frames of the caller's stack
 */
void dump_stack(void);

/**
 * arch_crash - provoke the fault named by @what, for the boot tests
 * @what: a crash= value other than "panic"
 *
 * Return: only if @what names no fault this architecture knows.
 */
void arch_crash(const char *what);

/**
 * free_initmem - free the __init code and __initdata at the end of boot
 *
 * Unmaps their pages from the kernel image mapping (a later call into init
 * code faults), hands them to the page allocator and prints Linux's
 * "Freeing unused kernel image (initmem) memory: NK" line.
 */
void free_initmem(void);

#endif
