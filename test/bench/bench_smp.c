// SPDX-License-Identifier: MIT
/*
 * Two simulated CPUs (sim_smp.c threads), each pinned to its own host
 * core, on a 4 GiB machine booted with 2 possible CPUs:
 *  - page_alloc.order0_pcp_2cpu_scaling: order-0 alloc+free pairs per
 *    second on both CPUs at once (each on its own pageset) over one CPU
 *    alone, measured one after the other in each repetition;
 *  - slab.kmalloc_64_2thr_over_mimalloc: both CPUs doing 64-byte
 *    kmalloc/kfree pairs, over mimalloc doing the same on the same threads;
 *  - slab.kmalloc_64_remote_free_over_mimalloc: CPU 0 allocates, CPU 1
 *    frees what it gets through a ring, in batches of RING_BATCH as
 *    mimalloc-bench's xmalloc-test passes blocks of objects, over mimalloc
 *    in the same shape. Passed one object at a time, each object cost two
 *    cache-line transfers of the ring's indexes (~85% of the time was both
 *    threads waiting on the ring, whichever allocator ran): the ratio
 *    measured the ring more than the allocators.
 * Each ratio is taken per repetition, the two sides back to back; the
 * median of the ratios is printed. A side of a slab ratio in which the
 * host preempted one of the threads, or they started apart, is run again
 * (as a page_alloc repetition is, below). A page_alloc repetition in which the
 * host preempted one of the threads (bench_preemptions), or in which the
 * two started more than 1% of the one-CPU time apart (one of them was off
 * its core at the start line), is measured again: on a loaded host the
 * two CPUs otherwise rarely run at once for the whole of it, and the
 * ratio measured the host's scheduler (0.3-1.3 with each CPU's own time
 * that of one CPU alone, against 1.9 when they ran at once).
 */
#define _GNU_SOURCE /* sched_setaffinity, sched_getcpu */
#include "bench.h"
#include "bench_clock.h"
#include "bench_machine.h"
#include "sim_smp.h"

#include <kernel/processor.h>
#include <kernel/spinlock.h>
#include <mimalloc.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define MACHINE_GIB 4
#define RING	    1024 /* power of two */
#define RING_BATCH  64	 /* objects published at a time; divides RING */

enum side { OURS, MIMALLOC };

struct duo {
	void (*fn)(struct duo *d, unsigned int cpu);
	unsigned long n;
	enum side side;
	unsigned int ready; /* atomic: both threads are at the start line */
	uint64_t t0[2], t1[2];
	bool preempted[2]; /* the host took the CPU's thread off its core */
	/* the remote-free ring: CPU 0 produces, CPU 1 consumes */
	void *ring[RING];
	/* atomic; apart, so that publishing one does not take the other's line */
	unsigned long head __attribute__((aligned(64)));
	unsigned long tail __attribute__((aligned(64)));
	unsigned long failed;
};

static int other_core = -1;

static void fail(const char *what)
{
	fprintf(stderr, "bench: %s: allocation failed\n", what);
	exit(1);
}

/* CPU 1's thread onto a core other than the one the main thread holds. */
static void pin_other(void)
{
	cpu_set_t set;

	if (other_core < 0)
		return;
	CPU_ZERO(&set);
	CPU_SET(other_core, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static void duo_cpu(unsigned int cpu, void *p)
{
	struct duo *d = p;

	if (cpu)
		pin_other();
	__atomic_fetch_add(&d->ready, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&d->ready, __ATOMIC_ACQUIRE) < 2)
		cpu_relax();
	{
		long p = bench_preemptions();

		d->t0[cpu] = bench_tsc();
		d->fn(d, cpu);
		d->t1[cpu] = bench_tsc();
		d->preempted[cpu] = bench_preemptions() != p;
	}
}

/* Wall-clock ticks of @fn on both CPUs at once. */
static double run_duo(struct duo *d)
{
	d->ready = 0;
	d->head = d->tail = 0;
	if (sim_smp_run(2, duo_cpu, d))
		exit(1);
	if (d->failed)
		fail("two-CPU run");
	return (double)((d->t1[0] > d->t1[1] ? d->t1[0] : d->t1[1]) -
			(d->t0[0] < d->t0[1] ? d->t0[0] : d->t0[1]));
}

static void page_pairs(struct duo *d, unsigned int cpu)
{
	(void)cpu;
	for (unsigned long i = 0; i < d->n; i++) {
		struct page *page = alloc_pages(GFP_KERNEL, 0);

		if (!page) {
			d->failed++;
			return;
		}
		__free_pages(page, 0);
	}
}

static void kmalloc_pairs(struct duo *d, unsigned int cpu)
{
	(void)cpu;
	for (unsigned long i = 0; i < d->n; i++) {
		void *p = d->side == OURS ? kmalloc(64, GFP_KERNEL) : mi_malloc(64);

		if (!p) {
			d->failed++;
			return;
		}
		__asm__ volatile("" : : "r"(p) : "memory");
		if (d->side == OURS)
			kfree(p);
		else
			mi_free(p);
	}
}

/* Is object @i the last of its batch (then its index is published)? */
static bool batch_end(const struct duo *d, unsigned long i)
{
	return (i + 1) % RING_BATCH == 0 || i + 1 == d->n;
}

static void remote_free(struct duo *d, unsigned int cpu)
{
	for (unsigned long i = 0; i < d->n; i++) {
		if (cpu == 0) {
			void *p = d->side == OURS ? kmalloc(64, GFP_KERNEL) : mi_malloc(64);

			if (!p)
				p = &d->failed; /* counted by the consumer */
			/* at a batch's start: room for all of it */
			while (i % RING_BATCH == 0 &&
			       i + RING_BATCH - __atomic_load_n(&d->tail, __ATOMIC_ACQUIRE) > RING)
				cpu_relax();
			d->ring[i % RING] = p;
			if (batch_end(d, i))
				__atomic_store_n(&d->head, i + 1, __ATOMIC_RELEASE);
		} else {
			void *p;

			while (__atomic_load_n(&d->head, __ATOMIC_ACQUIRE) <= i)
				cpu_relax();
			p = d->ring[i % RING];
			if (p == &d->failed)
				d->failed++;
			else if (d->side == OURS)
				kfree(p);
			else
				mi_free(p);
			if (batch_end(d, i))
				__atomic_store_n(&d->tail, i + 1, __ATOMIC_RELEASE);
		}
	}
}

static void print_ratio(const char *name, const struct bench_samples *s)
{
	bench_print(name, "ratio", bench_summarize(s));
}

/*
 * Ticks between the two CPUs' starts. A thread taken off its core while it
 * waited at the start line (not counted as preempted: that is before its
 * window) starts late, and the two ran one after the other, not at once.
 */
static uint64_t start_skew(const struct duo *d)
{
	return d->t0[0] > d->t0[1] ? d->t0[0] - d->t0[1] : d->t0[1] - d->t0[0];
}

static void pcp_scaling(const struct bench_opts *o, struct duo *d)
{
	static struct bench_samples s;
	struct bench_redo redo = { 0 };
	/* ~1 ms per side: short enough that both CPUs' threads often get
	 * their cores for all of it on a loaded host */
	unsigned long n = 50000 / o->scale ? 50000 / o->scale : 1;

	s.n = 0;
	d->fn = page_pairs;
	d->n = n;
	run_duo(d); /* warm-up: both pagesets filled */
	for (int r = 0; r < o->reps; r++) {
		double one, two;

		for (int try = 1;; try++) {
			long p = bench_preemptions();
			uint64_t t0 = bench_tsc();

			page_pairs(d, 0);
			one = (double)(bench_tsc() - t0);
			if (bench_preemptions() == p) {
				two = run_duo(d);
				if (!d->preempted[0] && !d->preempted[1] &&
				    start_skew(d) * 100 < (uint64_t)one)
					break;
			} else {
				two = 0;
			}
			if (try == 1)
				redo.redone++;
			if (try == BENCH_MAX_TRIES) {
				redo.kept++;
				if (!two)
					two = run_duo(d);
				break;
			}
		}
		/* pairs/s on two CPUs over pairs/s on one: (2n/two) / (n/one) */
		bench_add(&s, 2.0 * one / two);
	}
	bench_print_redo("page_alloc.order0_pcp_2cpu_scaling", &redo, o->reps);
	print_ratio("page_alloc.order0_pcp_2cpu_scaling", &s);
}

/*
 * A side of a slab ratio: run again while a thread was preempted or the
 * two started more than 1% of the time apart (not at once).
 */
static double run_duo_whole(struct duo *d, struct bench_redo *redo, bool *counted)
{
	double t;

	for (int try = 1;; try++) {
		t = run_duo(d);
		if (!d->preempted[0] && !d->preempted[1] && (double)start_skew(d) * 100 < t)
			return t;
		if (try == 1 && !*counted) {
			redo->redone++;
			*counted = true;
		}
		if (try == BENCH_MAX_TRIES) {
			redo->kept++;
			return t;
		}
	}
}

static void slab_ratio(const struct bench_opts *o, struct duo *d, const char *name,
		       void (*fn)(struct duo *, unsigned int))
{
	static struct bench_samples s;
	struct bench_redo redo = { 0 };
	/* ~1-2 ms per side: often whole on both cores even on a loaded host */
	unsigned long n = 20000 / o->scale ? 20000 / o->scale : 1;

	s.n = 0;
	d->fn = fn;
	d->n = n;
	for (int side = OURS; side <= MIMALLOC; side++) {
		d->side = (enum side)side;
		run_duo(d); /* warm-up */
	}
	for (int r = 0; r < o->reps; r++) {
		bool counted = false;
		double ours, mi;

		d->side = OURS;
		ours = run_duo_whole(d, &redo, &counted);
		d->side = MIMALLOC;
		mi = run_duo_whole(d, &redo, &counted);
		bench_add(&s, ours / mi);
	}
	bench_print_redo(name, &redo, o->reps);
	print_ratio(name, &s);
}

void bench_smp(const struct bench_opts *o)
{
	static struct duo d;
	bool pcp = bench_wanted("page_alloc.order0_pcp_2cpu_scaling");
	bool two = bench_wanted("slab.kmalloc_64_2thr_over_mimalloc");
	bool remote = bench_wanted("slab.kmalloc_64_remote_free_over_mimalloc");
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int here = sched_getcpu();

	if (!pcp && !two && !remote)
		return;
	if (cores > 1 && here >= 0)
		other_core = (int)((here + 1) % cores);
	else
		printf("# only one core: the two-CPU figures share it\n");
	bench_machine_cpus = 2;
	bench_machine_boot(MACHINE_GIB, NULL);
	kmem_cache_init();
	if (pcp)
		pcp_scaling(o, &d);
	if (two)
		slab_ratio(o, &d, "slab.kmalloc_64_2thr_over_mimalloc", kmalloc_pairs);
	if (remote)
		slab_ratio(o, &d, "slab.kmalloc_64_remote_free_over_mimalloc", remote_free);
	bench_machine_cpus = 1;
	if (slab_errors || nr_bad_pages) {
		fprintf(stderr, "bench: %lu slab errors, %lu bad pages reported\n", slab_errors,
			nr_bad_pages);
		exit(1);
	}
}
