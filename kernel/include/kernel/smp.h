/* SPDX-License-Identifier: MIT */
/*
 * CPU numbering and cross-CPU calls. smp_processor_id() is this CPU's
 * number (the arch reads it from its per-CPU area: <asm/smp.h>); the
 * smp_call_function family runs a function on other online CPUs through
 * the arch's IPIs (host simulator: one thread per simulated CPU).
 */
#ifndef KERNEL_SMP_H
#define KERNEL_SMP_H

#include <kernel/cpumask.h>
#include <stdbool.h>

#include <asm/smp.h>

typedef void (*smp_call_func_t)(void *info);

/**
 * smp_call_function_single - run @fn(@info) on CPU @cpu
 * @wait: return only after @fn has returned there
 *
 * On the calling CPU it is a direct call with interrupts off. The target
 * runs @fn in interrupt context: it must not sleep or take a lock the
 * caller holds with interrupts on.
 *
 * Return: 0, or -ENXIO when @cpu is not online.
 */
int smp_call_function_single(unsigned int cpu, smp_call_func_t fn, void *info, bool wait);

/* Run @fn(@info) on every other online CPU (not this one). */
void smp_call_function(smp_call_func_t fn, void *info, bool wait);

/* Run @fn(@info) on every online CPU, this one included (interrupts off here). */
void on_each_cpu(smp_call_func_t fn, void *info, bool wait);

#endif
