// SPDX-License-Identifier: MIT
#include "bench_stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *filter;

void bench_add(struct bench_samples *s, double v)
{
	if (s->n < BENCH_MAX_REPS)
		s->v[s->n++] = v;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

struct bench_summary bench_summarize(const struct bench_samples *s)
{
	double v[BENCH_MAX_REPS];
	struct bench_summary r = { 0, 0, 0 };

	if (!s->n)
		return r;
	memcpy(v, s->v, sizeof(double) * (size_t)s->n);
	qsort(v, (size_t)s->n, sizeof(double), cmp_double);
	/* Even counts: the mean of the middle two. */
	r.median = s->n % 2 ? v[s->n / 2] : (v[s->n / 2 - 1] + v[s->n / 2]) / 2;
	r.min = v[0];
	r.max = v[s->n - 1];
	return r;
}

void bench_set_filter(const char *f)
{
	filter = f && *f ? f : NULL;
}

bool bench_wanted(const char *name)
{
	return !filter || strstr(name, filter);
}

void bench_print(const char *name, const char *unit, struct bench_summary s)
{
	if (bench_wanted(name))
		printf("%-36s %12.3f %-10s %12.3f %12.3f\n", name, s.median, unit,
		       s.min, s.max);
	fflush(stdout);
}
