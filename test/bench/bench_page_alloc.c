// SPDX-License-Identifier: MIT
/*
 * page_alloc.*: alloc+free pairs on a 4 GiB machine (GFP_KERNEL: the
 * Normal zone), each figure warmed up once, then timed o->reps times.
 */
#include "bench.h"
#include "bench_clock.h"
#include "bench_machine.h"

#include <mm/page_alloc.h>
#include <stdio.h>
#include <stdlib.h>

#define MACHINE_GIB 4

static void fail(const char *what)
{
	fprintf(stderr, "bench: %s: allocation failed\n", what);
	exit(1);
}

/* TSC ticks per pair over @n pairs of order @order. */
static double pairs(const char *name, unsigned int order, unsigned long n)
{
	uint64_t t0 = bench_tsc();

	for (unsigned long i = 0; i < n; i++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);

		if (!page)
			fail(name);
		__free_pages(page, order);
	}
	return (double)(bench_tsc() - t0) / (double)n;
}

static void figure(const struct bench_opts *o, const char *name,
		   unsigned int order, unsigned long n)
{
	struct bench_samples s = { 0 };

	struct bench_redo redo = { 0 };

	n = n / o->scale ? n / o->scale : 1;
	pairs(name, order, n); /* warm-up: caches, pageset filled */
	for (int r = 0; r < o->reps; r++) {
		double v;

		for (int try = 1;; try++) {
			long p = bench_preemptions();

			v = pairs(name, order, n);
			if (bench_preemptions() == p)
				break;
			if (try == 1)
				redo.redone++;
			if (try == BENCH_MAX_TRIES) {
				redo.kept++;
				break;
			}
		}
		bench_add(&s, v);
	}
	bench_print_redo(name, &redo, o->reps);
	bench_print_ticks(o, name, &s);
}

void bench_page_alloc(const struct bench_opts *o)
{
	static const char *const names[] = { "page_alloc.order0_pcp_hot", "page_alloc.order3",
					     "page_alloc.order9", "page_alloc.order0_buddy" };
	bool any = false;

	/* A filter such as "page_alloc.order0" names figures, not this group. */
	for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		any |= bench_wanted(names[i]);
	if (!any)
		return;
	bench_machine_boot(MACHINE_GIB, NULL);
	if (bench_wanted("page_alloc.order0_pcp_hot"))
		/* 50000 pairs, ~1 ms: on a loaded host a repetition that long
		 * often keeps its core throughout (4 ms ones rarely did) */
		figure(o, "page_alloc.order0_pcp_hot", 0, 50000);
	if (bench_wanted("page_alloc.order3"))
		figure(o, "page_alloc.order3", 3, 50000);
	if (bench_wanted("page_alloc.order9"))
		figure(o, "page_alloc.order9", 9, 5000);
	if (bench_wanted("page_alloc.order0_buddy")) {
		bench_pcp_set(0, 1);
		figure(o, "page_alloc.order0_buddy", 0, 100000);
	}
	if (nr_bad_pages) {
		fprintf(stderr, "bench: %lu bad pages reported\n", nr_bad_pages);
		exit(1);
	}
}
