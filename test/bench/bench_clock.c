// SPDX-License-Identifier: MIT
#define _GNU_SOURCE
#include "bench_clock.h"

#include <sched.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

double bench_tsc_calibrate(unsigned int ms)
{
	uint64_t t0 = mono_ns(), c0 = bench_tsc(), t1, c1;

	/* Spin rather than sleep: a descheduled VM CPU would skew nothing
	 * here (both clocks run on), but spinning keeps the CPU warm. */
	do {
		t1 = mono_ns();
	} while (t1 - t0 < (uint64_t)ms * 1000000ull);
	c1 = bench_tsc();
	return (double)(c1 - c0) / (double)(t1 - t0);
}

int bench_pin_cpu(void)
{
	int cpu = sched_getcpu();
	cpu_set_t set;

	if (cpu < 0)
		return -1;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set) ? -1 : cpu;
}

long bench_preemptions(void)
{
	struct rusage ru;

	return getrusage(RUSAGE_THREAD, &ru) ? 0 : ru.ru_nivcsw;
}

void bench_print_redo(const char *name, const struct bench_redo *r, int reps)
{
	if (r->redone)
		printf("# %s: %d of %d repetitions measured again (a thread was preempted or, with two, started late),"
		       " %d preempted in all %d tries and kept\n",
		       name, r->redone, reps, r->kept, BENCH_MAX_TRIES);
}
