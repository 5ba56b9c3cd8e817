/* SPDX-License-Identifier: MIT */
/*
 * Simulated CPUs on host threads (sim_smp.c): each runs the kernel's mm
 * code with its own CPU number (thread-local, <asm/smp.h>), so its own
 * per-CPU data, and its own interrupt mask. Cross-CPU calls
 * (smp_call_function*, on_each_cpu) queue on the target CPU, which runs
 * them "in interrupt context" the next time it has interrupts enabled: when
 * it unmasks them (local_irq_restore/enable) or while it waits (for a
 * call of its own, or in sim_smp_run's final barrier).
 */
#ifndef TEST_SIM_SMP_H
#define TEST_SIM_SMP_H

#include <stdbool.h>

#include <asm/irqflags.h>

/**
 * sim_smp_run - run @fn(@cpu, @arg) on simulated CPUs 0..@ncpus-1 at once
 *
 * The calling thread is CPU 0; CPUs 1.. are new threads, online for the
 * duration. They need per-CPU areas: nr_cpu_ids must be >= @ncpus when the
 * machine boots (setup_per_cpu_areas). Returns when every CPU's @fn has
 * returned and every queued call has run; a CPU whose @fn returned early
 * keeps answering calls meanwhile. Return: 0, or -1 (reported on stderr)
 * when @ncpus is out of range or a thread cannot be created.
 */
int sim_smp_run(unsigned int ncpus, void (*fn)(unsigned int cpu, void *arg), void *arg);

/* In a wait loop: let the other simulated CPUs run (host threads). */
void sim_cpu_wait(void);

/* Run what other CPUs queued for this one, if interrupts are enabled. */
void sim_poll_ipis(void);

/* sim_ipi_pending, sim_handle_ipis and sim_irqs_off: <asm/irqflags.h>. */

#endif
