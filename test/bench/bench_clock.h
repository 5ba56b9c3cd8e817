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

#endif
