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
 * oops report already printed one) and the end marker, then exits QEMU
 * with BOOT_EXIT_PANIC if qemu_exit was given, else halts. A panic inside
 * panic stops at once instead of recursing.
 */
__noreturn void panic(const char *fmt, ...) __printf(1, 2);

/**
 * oops_begin - note that a fatal exception report is being printed
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
