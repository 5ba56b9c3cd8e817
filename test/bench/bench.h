/* SPDX-License-Identifier: MIT */
/* What the benchmark groups share: run parameters and the TSC rate. */
#ifndef TEST_BENCH_BENCH_H
#define TEST_BENCH_BENCH_H

#include "bench_stats.h"
#include <stdint.h>

struct bench_opts {
	int reps;          /* timed repetitions per figure */
	unsigned int scale; /* divides the operations per repetition (--quick) */
	bool quick;        /* also: fewer repetitions of the big machines */
	double tsc_per_ns; /* measured once at start */
};

/* Print NAME in ns/op and cycles/op from per-op TSC samples. */
void bench_print_ticks(const struct bench_opts *o, const char *name,
		       const struct bench_samples *ticks_per_op);

void bench_page_alloc(const struct bench_opts *o);
void bench_mem_init(const struct bench_opts *o);
void bench_slab(const struct bench_opts *o);
void bench_smp(const struct bench_opts *o);

#endif
