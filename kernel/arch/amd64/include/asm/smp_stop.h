/* SPDX-License-Identifier: MIT */
/*
 * Stopping the other CPUs when the kernel panics (smp_stop.c); the
 * generic half is smp_send_stop() in <kernel/smp.h>.
 */
#ifndef ASM_SMP_STOP_H
#define ASM_SMP_STOP_H

#include <kernel/compiler.h>
#include <stdbool.h>

/**
 * stop_this_cpu - take this CPU out for good: interrupts off, out of the
 * online mask, local APIC disabled, halted (REBOOT_VECTOR and the stop NMI
 * end here)
 */
__noreturn void stop_this_cpu(void);

/**
 * smp_stop_nmi_callback - the NMI handler's first question: is another
 * CPU stopping this one? Then it does not return.
 *
 * Return: false if the NMI is not a stop request.
 */
bool smp_stop_nmi_callback(void);

#endif
