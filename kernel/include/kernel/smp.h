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

/**
 * generic_smp_call_function_interrupt - run the calls queued for this CPU
 *
 * The arch's IPI handler calls it (interrupts off); so does a CPU waiting
 * for its own call to finish, so that two CPUs calling each other with
 * interrupts off cannot deadlock.
 */
void generic_smp_call_function_interrupt(void);

/**
 * smp_init - start every present CPU up to maxcpus= (Linux's smp_init):
 * "smp: Bringing up secondary CPUs ...", the arch's per-CPU lines, then
 * "smp: Brought up N nodes, M CPUs". A CPU that fails is left out.
 */
void smp_init(void);

/* Arch hooks (arch/amd64/smpboot.c): Linux's names. */

/* Prepare to start CPUs: interrupt controller, trampoline. */
void smp_prepare_cpus(unsigned int max_cpus);

/* Start CPU @cpu and wait until it is online; 0 or a negative errno. */
int __cpu_up(unsigned int cpu);

/* All started: release what starting them needed. */
void smp_cpus_done(unsigned int max_cpus);

/**
 * smp_send_stop - stop every other online CPU, for panic (Linux's name)
 *
 * Each stopped CPU leaves the online mask and halts with interrupts off;
 * one that does not answer its stop interrupt within a second gets an NMI
 * ("Shutting down cpus with NMI"). Returns once all stopped or after
 * 10 ms more; only the first caller does anything.
 */
void smp_send_stop(void);

/* Interrupt CPU @cpu / every CPU of @mask so that it runs its queue. */
void arch_send_call_function_single_ipi(unsigned int cpu);
void arch_send_call_function_ipi_mask(const struct cpumask *mask);

#endif
