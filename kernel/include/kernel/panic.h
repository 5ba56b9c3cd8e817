/* SPDX-License-Identifier: MIT */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include <boot/bootinfo.h>
#include <kernel/compiler.h>
#include <stdbool.h>

/**
 * panic - report a fatal error and stop
 * @fmt: message (a trailing newline is dropped)
 *
 * Prints "Kernel panic - not syncing: <msg>", a stack trace (unless an
 * oops report already printed one), stops the other CPUs (smp_send_stop)
 * and prints the end marker, then exits QEMU with BOOT_EXIT_PANIC if
 * qemu_exit was given, else halts. A panic inside panic stops at once
 * instead of recursing. Only one CPU panics: one that calls panic() while
 * another is in it halts at once with interrupts off (the first one's
 * smp_send_stop then stops it).
 */
__noreturn void panic(const char *fmt, ...) __printf(1, 2);

/**
 * panic_cpu_claim - make this CPU the one that panics
 *
 * Return: true if this CPU owns the panic now (it claimed it, or had
 * already), false if another CPU got there first.
 */
bool panic_cpu_claim(void);

/** panic_in_progress - has some CPU entered panic()? */
bool panic_in_progress(void);

/**
 * other_cpu_in_panic - has a CPU other than this one entered panic()?
 *
 * printk drops this CPU's messages then: the panicking CPU owns the
 * consoles, and this one is about to be stopped.
 */
bool other_cpu_in_panic(void);

/**
 * oops_begin - note that a fatal exception report is being printed
 *
 * One CPU reports at a time (Linux's die_lock): another CPU's report
 * waits, interrupts off, until that one's panic stops it; a CPU that
 * faults while another CPU panics halts at once.
 *
 * Return: the nesting depth: 1 for the first report; more means the
 * report itself faulted and the caller should print as little as possible.
 */
int oops_begin(void);

/**
 * kernel_exit - the end of the road: report @status and stop
 * @status: BOOT_EXIT_*
 *
 * With qemu_exit, writes @status to the debug-exit port (0 as
 * QEMU_EXIT_SUCCESS_VALUE); without it, or if QEMU did not exit, halts
 * forever with interrupts off so the screen can be read.
 */
__noreturn void kernel_exit(enum boot_exit_status status);

#endif
