/* SPDX-License-Identifier: MIT */
/*
 * Time for the host benchmarks: the TSC, its rate measured once against
 * CLOCK_MONOTONIC, and pinning to one CPU so the TSC and caches stay put.
 */
#ifndef TEST_BENCH_CLOCK_H
#define TEST_BENCH_CLOCK_H

#include <stdint.h>

/* TSC ticks. lfence first: earlier work must be done before we read it. */
static inline uint64_t bench_tsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

/* TSC ticks per nanosecond, measured over @ms milliseconds. */
double bench_tsc_calibrate(unsigned int ms);

/* Pin to the CPU we run on. Return: that CPU, or -1 if not allowed. */
int bench_pin_cpu(void);

/*
 * Times the host took this thread off its core for another (involuntary
 * context switches). A repetition during which it moved measured the
 * host's load, not our code: it is measured again, up to
 * BENCH_MAX_TRIES times, and the count of such repetitions printed.
 */
long bench_preemptions(void);
#define BENCH_MAX_TRIES 20

/* What was redone: "# NAME: N of M repetitions measured again ..." */
struct bench_redo {
	int redone; /* repetitions measured more than once */
	int kept;   /* preempted in every try: kept as measured */
};
void bench_print_redo(const char *name, const struct bench_redo *r, int reps);

#endif
