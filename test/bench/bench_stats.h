/* SPDX-License-Identifier: MIT */
/*
 * Samples of one figure and the line it prints:
 *     NAME MEDIAN UNIT MIN MAX
 * whitespace separated, one line per figure and unit, so scripts can read
 * them with awk. The filter drops figures whose name does not contain it.
 */
#ifndef TEST_BENCH_STATS_H
#define TEST_BENCH_STATS_H

#include <stdbool.h>

#define BENCH_MAX_REPS 256

struct bench_samples {
	int n;
	double v[BENCH_MAX_REPS];
};

struct bench_summary {
	double median, min, max;
};

void bench_add(struct bench_samples *s, double v);
struct bench_summary bench_summarize(const struct bench_samples *s);

/* The filter from the command line ("" or NULL: everything). */
void bench_set_filter(const char *filter);
bool bench_wanted(const char *name);

/* Print one figure line (if wanted). */
void bench_print(const char *name, const char *unit, struct bench_summary s);

#endif
