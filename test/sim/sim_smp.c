// SPDX-License-Identifier: MIT
/*
 * Simulated CPUs on threads and their cross-CPU calls (see sim_smp.h): the
 * simulator's implementation of <kernel/smp.h>. A call is a record queued
 * on the target under a mutex; the target runs it with interrupts masked
 * inside irq_enter/irq_exit, as an IPI handler would run, and flags it done
 * (release) for a waiting sender (acquire).
 */
#include "sim_smp.h"

#include <errno.h>
#include <kernel/hardirq.h>
#include <kernel/smp.h>
#include <mm/cpuhp.h>
#include <kernel/spinlock.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

struct sim_call {
	smp_call_func_t fn;
	void *info;
	bool wait;	   /* the sender waits on done (and owns the record) */
	unsigned int done; /* atomic */
	struct sim_call *next;
};

struct sim_ipi_queue {
	pthread_mutex_t lock;
	struct sim_call *head, **tail;
};

static struct sim_ipi_queue sim_ipi_queues[NR_CPUS];
/* head != NULL of each queue, readable without the lock */
struct sim_ipi_flag sim_ipi_flags[NR_CPUS];

static void queue_init(struct sim_ipi_queue *q)
{
	pthread_mutex_init(&q->lock, NULL);
	q->head = NULL;
	q->tail = &q->head;
}

static void enqueue(unsigned int cpu, struct sim_call *c)
{
	struct sim_ipi_queue *q = &sim_ipi_queues[cpu];

	c->next = NULL;
	pthread_mutex_lock(&q->lock);
	*q->tail = c;
	q->tail = &c->next;
	__atomic_store_n(&sim_ipi_flags[cpu].pending, 1, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&q->lock);
}

static struct sim_call *dequeue(unsigned int cpu)
{
	struct sim_ipi_queue *q = &sim_ipi_queues[cpu];
	struct sim_call *c;

	pthread_mutex_lock(&q->lock);
	c = q->head;
	if (c) {
		q->head = c->next;
		if (!q->head)
			q->tail = &q->head;
	}
	if (!q->head)
		__atomic_store_n(&sim_ipi_flags[cpu].pending, 0, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&q->lock);
	return c;
}

void sim_handle_ipis(void)
{
	bool was_off = sim_irqs_off;
	struct sim_call *c;

	sim_irqs_off = true; /* handlers run with interrupts masked */
	while ((c = dequeue(sim_cpu_id))) {
		irq_enter();
		c->fn(c->info);
		irq_exit();
		if (c->wait)
			__atomic_store_n(&c->done, 1, __ATOMIC_RELEASE);
		else
			free(c);
	}
	sim_irqs_off = was_off;
}

void sim_poll_ipis(void)
{
	if (!sim_irqs_off && sim_ipi_pending())
		sim_handle_ipis();
}

/* More simulated CPUs than host cores: a waiting thread gives its core up. */
void sim_cpu_wait(void)
{
	sched_yield();
}

/* Waiting with interrupts masked could deadlock against a CPU calling us. */
static void wait_done(struct sim_call *c)
{
	while (!__atomic_load_n(&c->done, __ATOMIC_ACQUIRE)) {
		sim_poll_ipis();
		sim_cpu_wait();
	}
}

static int send(unsigned int cpu, smp_call_func_t fn, void *info, struct sim_call *c)
{
	bool wait = c != NULL;

	if (!c) {
		c = malloc(sizeof(*c));
		if (!c) {
			fprintf(stderr, "sim: out of memory for a cross-CPU call\n");
			abort();
		}
	}
	*c = (struct sim_call){ .fn = fn, .info = info, .wait = wait };
	enqueue(cpu, c);
	return 0;
}

int smp_call_function_single(unsigned int cpu, smp_call_func_t fn, void *info, bool wait)
{
	struct sim_call call;

	if (cpu >= NR_CPUS || !cpu_online(cpu))
		return -ENXIO;
	if (cpu == sim_cpu_id) {
		unsigned long flags = local_irq_save();

		fn(info);
		local_irq_restore(flags);
		return 0;
	}
	send(cpu, fn, info, wait ? &call : NULL);
	if (wait)
		wait_done(&call);
	return 0;
}

void smp_call_function(smp_call_func_t fn, void *info, bool wait)
{
	struct sim_call calls[NR_CPUS];
	unsigned int cpu;

	for_each_online_cpu(cpu)
		if (cpu != sim_cpu_id)
			send(cpu, fn, info, wait ? &calls[cpu] : NULL);
	if (!wait)
		return;
	for_each_online_cpu(cpu)
		if (cpu != sim_cpu_id)
			wait_done(&calls[cpu]);
}

void on_each_cpu(smp_call_func_t fn, void *info, bool wait)
{
	unsigned long flags;

	smp_call_function(fn, info, wait);
	flags = local_irq_save();
	fn(info);
	local_irq_restore(flags);
}

struct sim_cpu_start {
	unsigned int cpu;
	void (*fn)(unsigned int cpu, void *arg);
	void *arg;
	unsigned int *running; /* CPUs whose fn has not returned */
};

/* Every CPU keeps answering calls until all have finished their work. */
static void finish(unsigned int *running)
{
	__atomic_fetch_sub(running, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(running, __ATOMIC_ACQUIRE)) {
		sim_poll_ipis();
		sim_cpu_wait();
	}
	sim_poll_ipis();
}

static void *cpu_thread(void *p)
{
	struct sim_cpu_start *s = p;

	sim_cpu_id = s->cpu;
	sim_irqs_off = false;
	s->fn(s->cpu, s->arg);
	finish(s->running);
	return NULL;
}

int sim_smp_run(unsigned int ncpus, void (*fn)(unsigned int cpu, void *arg), void *arg)
{
	struct sim_cpu_start start[NR_CPUS];
	pthread_t tid[NR_CPUS];
	unsigned int running = ncpus, started = 1;

	if (!ncpus || ncpus > nr_cpu_ids || sim_cpu_id != 0) {
		fprintf(stderr, "sim_smp_run: %u CPUs: needs 1..nr_cpu_ids (%u), from CPU 0\n",
			ncpus, nr_cpu_ids);
		return -1;
	}
	for (unsigned int cpu = 0; cpu < ncpus; cpu++) {
		queue_init(&sim_ipi_queues[cpu]);
		sim_ipi_flags[cpu].pending = 0;
		if (!cpu_possible(cpu)) {
			fprintf(stderr, "sim_smp_run: CPU %u was not possible at boot "
					"(its per-CPU area does not exist)\n", cpu);
			return -1;
		}
		/* As a CPU coming online in the kernel (mm_cpu_online): its
		 * pageset limits, set here before it runs. */
		if (cpu && !cpu_online(cpu))
			mm_cpu_online(cpu);
		set_cpu_present(cpu, true);
		set_cpu_online(cpu, true);
	}
	for (unsigned int cpu = 1; cpu < ncpus; cpu++, started++) {
		start[cpu] = (struct sim_cpu_start){ cpu, fn, arg, &running };
		if (pthread_create(&tid[cpu], NULL, cpu_thread, &start[cpu])) {
			fprintf(stderr, "sim_smp_run: cannot start CPU %u\n", cpu);
			/* the CPUs never started count as finished */
			__atomic_fetch_sub(&running, ncpus - cpu, __ATOMIC_ACQ_REL);
			for (unsigned int c = cpu; c < ncpus; c++)
				set_cpu_online(c, false);
			break;
		}
	}
	fn(0, arg);
	finish(&running);
	for (unsigned int cpu = 1; cpu < started; cpu++)
		pthread_join(tid[cpu], NULL);
	for (unsigned int cpu = 1; cpu < ncpus; cpu++)
		set_cpu_online(cpu, false);
	return started == ncpus ? 0 : -1;
}
