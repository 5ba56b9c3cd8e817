/* SPDX-License-Identifier: MIT */
/*
 * Simulated CPUs on host threads (sim_smp.c): each runs the kernel's mm
 * code with its own CPU number (thread-local, <asm/smp.h>), so its own
 * per-CPU data, and its own interrupt mask. The CPUs other than the boot
 * one (the main thread) come online once, when the simulated boot calls
 * smp_init() (kernel/core/smp_init.c, through this file's __cpu_up), and
 * stay online, idle between runs, until sim_reset(). Cross-CPU calls are
 * the kernel's (kernel/core/smp.c); their IPI makes the target run its
 * queue "in interrupt context" the next time it has interrupts enabled:
 * when it unmasks them (local_irq_restore/enable), while it waits (for a
 * call of its own, in sim_smp_run), or at once when it idles.
 */
#ifndef TEST_SIM_SMP_H
#define TEST_SIM_SMP_H

#include <stdbool.h>

#include <asm/irqflags.h>

/**
 * sim_smp_run - run @fn(@cpu, @arg) on simulated CPUs 0..@ncpus-1 at once
 *
 * The calling thread is CPU 0; CPUs 1.. are the threads smp_init()
 * started at boot (nr_cpu_ids >= @ncpus possible CPUs, all online).
 * Returns when every CPU's @fn has returned and every call queued
 * meanwhile has run; a CPU whose @fn returned early keeps answering calls
 * (it idles). Return: 0, or -1 (reported on stderr) when @ncpus is out of
 * range or a CPU is not online.
 */
int sim_smp_run(unsigned int ncpus, void (*fn)(unsigned int cpu, void *arg), void *arg);

/* Stop the CPUs' threads and take them offline (sim_reset() calls it). */
void sim_smp_reset(void);

/* In a wait loop: let the other simulated CPUs run (host threads). */
void sim_cpu_wait(void);

/* Run what other CPUs queued for this one, if interrupts are enabled. */
void sim_poll_ipis(void);

/* sim_ipi_pending, sim_handle_ipis and sim_irq_flags: <asm/irqflags.h>. */

#endif
