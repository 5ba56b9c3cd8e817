// SPDX-License-Identifier: MIT
/*
 * Simulated CPUs on threads (see sim_smp.h): the simulator's side of
 * smp_init (kernel/core/smp_init.c) and of the cross-CPU calls
 * (kernel/core/smp.c, the kernel's own code). Each CPU other than the
 * boot one is a host thread started once, at the simulated boot, by
 * __cpu_up: it sets up its mm state (mm_cpu_online) and marks itself
 * online as start_secondary does, then idles with interrupts enabled
 * until it is given work (sim_smp_run), an IPI, or the machine is reset.
 *
 * The "IPI" is a pending flag per CPU plus a wake-up of its thread if it
 * sleeps: the target runs its call queue in interrupt context the next
 * time it has interrupts enabled (local_irq_enable/restore, a wait loop)
 * or at once when idle.
 */
#include "sim_smp.h"

#include <kernel/hardirq.h>
#include <kernel/percpu.h>
#include <kernel/smp.h>
#include <mm/cpuhp.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>

struct sim_cpu {
	pthread_t thread;
	bool started;	      /* only the boot CPU's thread reads/writes it */
	pthread_mutex_t lock; /* what follows */
	pthread_cond_t wake;
	bool stop;
	void (*fn)(unsigned int cpu, void *arg);
	void *arg;
	unsigned int *running; /* CPUs whose fn has not returned (atomic) */
};

static struct sim_cpu sim_cpus[NR_CPUS];
/* Set by an IPI, cleared by its target before it runs its queue. */
__thread unsigned int sim_ipi_pending_flag;
/* Each online CPU's flag; a CPU not (or no longer) running has none. */
static unsigned int sim_ipi_nobody;
unsigned int *sim_ipi_pending_of[NR_CPUS];

/* The main thread is CPU 0 from the start. */
__attribute__((constructor)) static void sim_ipi_init(void)
{
	sim_ipi_pending_of[0] = &sim_ipi_pending_flag;
	for (unsigned int cpu = 1; cpu < NR_CPUS; cpu++)
		sim_ipi_pending_of[cpu] = &sim_ipi_nobody;
}

static void ipi(unsigned int cpu)
{
	struct sim_cpu *c = &sim_cpus[cpu];

	/* Release: the queued call is seen by whoever clears the flag. */
	__atomic_store_n(__atomic_load_n(&sim_ipi_pending_of[cpu], __ATOMIC_ACQUIRE), 1,
			 __ATOMIC_RELEASE);
	if (!cpu)
		return; /* the boot CPU (main thread) polls; it never sleeps here */
	pthread_mutex_lock(&c->lock);
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->lock);
}

void arch_send_call_function_single_ipi(unsigned int cpu)
{
	ipi(cpu);
}

void arch_send_call_function_ipi_mask(const struct cpumask *mask)
{
	unsigned int cpu;

	for_each_cpu(cpu, mask)
		ipi(cpu);
}

/* The IPI handler: interrupts masked, in interrupt context. */
void sim_handle_ipis(void)
{
	unsigned long flags = sim_irq_flags;

	sim_irq_flags = 0;
	/* Clear before taking the queue: a call queued after we took it
	 * sends its IPI after our clear, so it is not lost. */
	while (__atomic_exchange_n(&sim_ipi_pending_flag, 0, __ATOMIC_ACQUIRE)) {
		irq_enter();
		generic_smp_call_function_interrupt();
		irq_exit();
	}
	sim_irq_flags = flags;
}

void sim_poll_ipis(void)
{
	if (!irqs_disabled() && sim_ipi_pending())
		sim_handle_ipis();
}

/* More simulated CPUs than host cores: a waiting thread gives its core up. */
void sim_cpu_wait(void)
{
	sched_yield();
}

/* start_secondary, then the idle loop. */
static void *cpu_thread(void *p)
{
	unsigned int cpu = (unsigned int)(uintptr_t)p;
	struct sim_cpu *c = &sim_cpus[cpu];

	sim_cpu_id = cpu;
	sim_percpu_offset = __per_cpu_offset[cpu];
	sim_irq_flags = 0;
	__atomic_store_n(&sim_ipi_pending_of[cpu], &sim_ipi_pending_flag, __ATOMIC_RELEASE);
	mm_cpu_online(cpu);
	set_cpu_online(cpu, true);
	local_irq_enable();
	for (;;) {
		void (*fn)(unsigned int, void *);
		void *arg;
		unsigned int *running;
		bool stop;

		pthread_mutex_lock(&c->lock);
		while (!c->stop && !c->fn && !sim_ipi_pending())
			pthread_cond_wait(&c->wake, &c->lock);
		fn = c->fn;
		arg = c->arg;
		running = c->running;
		stop = c->stop;
		c->fn = NULL;
		pthread_mutex_unlock(&c->lock);
		sim_poll_ipis();
		if (fn) {
			fn(cpu, arg);
			__atomic_fetch_sub(running, 1, __ATOMIC_ACQ_REL);
		}
		if (stop)
			break;
	}
	sim_irq_flags = 0;
	/* This thread's flag goes with it: nobody is sending now (reset). */
	__atomic_store_n(&sim_ipi_pending_of[cpu], &sim_ipi_nobody, __ATOMIC_RELEASE);
	return NULL;
}

/* The firmware listed every possible CPU (no hotplug): all present. */
void smp_prepare_cpus(unsigned int max_cpus)
{
	unsigned int cpu;

	(void)max_cpus;
	for_each_possible_cpu(cpu)
		set_cpu_present(cpu, true);
}

/*
 * cpu_online() with an acquire load (cpu_online's is relaxed): what a
 * starting CPU did before it set itself online (mm_cpu_online) happens
 * before what the boot CPU then asks of others, for ThreadSanitizer as
 * for the memory model.
 */
static bool cpu_online_acquire(unsigned int cpu)
{
	return (__atomic_load_n(&cpu_online_mask->bits[cpu / 64], __ATOMIC_ACQUIRE) >> (cpu % 64)) &
	       1;
}

int __cpu_up(unsigned int cpu)
{
	struct sim_cpu *c = &sim_cpus[cpu];

	if (sim_cpu_id != 0 || !cpu || cpu >= nr_cpu_ids || c->started)
		return -1;
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->wake, NULL);
	c->stop = false;
	c->fn = NULL;
	if (pthread_create(&c->thread, NULL, cpu_thread, (void *)(uintptr_t)cpu)) {
		fprintf(stderr, "sim: cannot start the thread of CPU %u\n", cpu);
		return -1;
	}
	c->started = true;
	/* As the boot CPU waits for an AP's callin: until it is online. */
	while (!cpu_online_acquire(cpu))
		sim_cpu_wait();
	return 0;
}

void smp_cpus_done(unsigned int max_cpus)
{
	(void)max_cpus;
}

void sim_smp_reset(void)
{
	for (unsigned int cpu = 1; cpu < NR_CPUS; cpu++) {
		struct sim_cpu *c = &sim_cpus[cpu];

		if (!c->started)
			continue;
		pthread_mutex_lock(&c->lock);
		c->stop = true;
		pthread_cond_signal(&c->wake);
		pthread_mutex_unlock(&c->lock);
		pthread_join(c->thread, NULL);
		pthread_cond_destroy(&c->wake);
		pthread_mutex_destroy(&c->lock);
		c->started = false;
		set_cpu_online(cpu, false);
	}
	for (unsigned int cpu = 1; cpu < NR_CPUS; cpu++)
		set_cpu_present(cpu, false);
	__atomic_store_n(&sim_ipi_pending_flag, 0, __ATOMIC_RELAXED);
}

static void nothing(void *unused)
{
	(void)unused;
}

int sim_smp_run(unsigned int ncpus, void (*fn)(unsigned int cpu, void *arg), void *arg)
{
	unsigned int running = ncpus;

	if (!ncpus || ncpus > nr_cpu_ids || sim_cpu_id != 0) {
		fprintf(stderr, "sim_smp_run: %u CPUs: needs 1..nr_cpu_ids (%u), from CPU 0\n",
			ncpus, nr_cpu_ids);
		return -1;
	}
	for (unsigned int cpu = 1; cpu < ncpus; cpu++) {
		if (!cpu_online(cpu) || !sim_cpus[cpu].started) {
			fprintf(stderr,
				"sim_smp_run: CPU %u is not online (smp_init at boot "
				"starts the possible CPUs)\n",
				cpu);
			return -1;
		}
	}
	for (unsigned int cpu = 1; cpu < ncpus; cpu++) {
		struct sim_cpu *c = &sim_cpus[cpu];

		pthread_mutex_lock(&c->lock);
		c->fn = fn;
		c->arg = arg;
		c->running = &running;
		pthread_cond_signal(&c->wake);
		pthread_mutex_unlock(&c->lock);
	}
	fn(0, arg);
	__atomic_fetch_sub(&running, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&running, __ATOMIC_ACQUIRE)) {
		sim_poll_ipis();
		sim_cpu_wait();
	}
	/* Each CPU runs its queue in order: once this call has run
	 * everywhere, so has every call queued during the run. */
	smp_call_function(nothing, NULL, true);
	sim_poll_ipis();
	return 0;
}
