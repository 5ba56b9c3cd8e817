/* SPDX-License-Identifier: MIT */
/* crash= cases that live outside crash.c. */
#ifndef ASM_CRASH_H
#define ASM_CRASH_H

/**
 * crash_vstack - overflow a vmalloc'd stack into the guard page below it
 *
 * Needs vmalloc_init(). Does not return: the double fault is reported
 * ("BUG: stack guard page was hit at ...") and the kernel panics.
 */
void crash_vstack(void);

#endif
