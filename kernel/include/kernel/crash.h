/* SPDX-License-Identifier: MIT */
#ifndef KERNEL_CRASH_H
#define KERNEL_CRASH_H

/**
 * crash_requested - run the crash= test hook, if one was given
 *
 * Does nothing without crash=. With crash=panic it panics; any other value
 * goes to arch_crash(), which faults on purpose (on x86: ud = invalid
 * opcode, de = divide error, gp = general protection fault, pf = page
 * fault on an unmapped address, null = NULL dereference, stack = stack
 * overflow caught as a double fault, vstack = overflow of a vmalloc'd
 * stack into a guard page, fp = fault with a corrupt frame
 * pointer chain); an unknown value panics with a message listing them.
 */
void crash_requested(void);

#endif
