/* SPDX-License-Identifier: MIT */
#ifndef KERNEL_CRASH_H
#define KERNEL_CRASH_H

#include <stdbool.h>

/**
 * crash_requested - run the crash= test hook, if one was given
 *
 * Does nothing without crash=. With crash=panic it panics; the smp_ values
 * panic with several CPUs running (crash_smp); any other value goes to
 * arch_crash(), which faults on purpose (on x86: ud = invalid
 * opcode, de = divide error, gp = general protection fault, pf = page
 * fault on an unmapped address, null = NULL dereference, stack = stack
 * overflow caught as a double fault, vstack = overflow of a vmalloc'd
 * stack into a guard page, fp = fault with a corrupt frame
 * pointer chain, smp_panic_nmi_stuck = a CPU left spinning in its NMI
 * handler, then a panic); an unknown value panics with a message listing
 * them.
 */
void crash_requested(void);

/**
 * crash_smp - the crash= hooks that panic with several CPUs running
 * (crash_smp.c): smp_panic, smp_panic_all, smp_panic_stuck_printk
 * @what: the crash= value
 *
 * Return: false if @what is none of them; otherwise it does not return.
 */
bool crash_smp(const char *what);

#endif
