/* SPDX-License-Identifier: MIT */
/* crash= cases that live outside crash.c. */
#ifndef ASM_CRASH_H
#define ASM_CRASH_H

#include <kernel/compiler.h>

/**
 * crash_vstack - overflow a vmalloc'd stack into the guard page below it
 *
 * Needs vmalloc_init(). Does not return: the double fault is reported
 * ("BUG: stack guard page was hit at ...") and the kernel panics.
 */
void crash_vstack(void);

/**
 * crash_nmi_stuck - crash=smp_panic_nmi_stuck: leave the second online CPU
 * spinning in its NMI handler, out of reach of smp_send_stop, and panic
 *
 * Needs CPU 0 and a second CPU online; does not return.
 */
__noreturn void crash_nmi_stuck(void);

/**
 * crash_nmi_callback - the NMI handler's test hook: on the CPU that
 * crash_nmi_stuck() picked, never returns; elsewhere does nothing
 */
void crash_nmi_callback(void);

#endif
