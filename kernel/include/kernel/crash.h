/* SPDX-License-Identifier: MIT */
#ifndef KERNEL_CRASH_H
#define KERNEL_CRASH_H

/**
 * crash_requested - run the crash= test hook, if one was given
 *
 * Does nothing without crash=. With crash=panic it panics; any other value
 * goes to arch_crash(), which faults on purpose; an unknown value panics
 * with a message listing the known ones.
 */
void crash_requested(void);

#endif
