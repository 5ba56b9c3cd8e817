// SPDX-License-Identifier: MIT
/*
 * mem_init.<N>g: struct page init (free_area_init_nodes) plus the hand-over
 * to the buddy allocator (mem_init) per GiB of RAM, at 1, 4, 16 and 64 GiB,
 * each on a fresh machine; .init_nodes and .hand_over are the two parts.
 * mem_init.64g_over_1g is the per-GiB growth: 1.0 when linear.
 */
#include "bench.h"
#include "bench_clock.h"
#include "bench_machine.h"

#include <stdio.h>

static const unsigned int sizes[] = { 1, 4, 16, 64 };

static void print_ms_per_gib(const struct bench_opts *o, const char *name,
			     const struct bench_samples *ticks, unsigned int gib,
			     struct bench_summary *out)
{
	struct bench_summary s = bench_summarize(ticks);
	double k = 1.0 / (o->tsc_per_ns * 1e6 * gib);

	s.median *= k;
	s.min *= k;
	s.max *= k;
	bench_print(name, "ms/GiB", s);
	if (out)
		*out = s;
}

void bench_mem_init(const struct bench_opts *o)
{
	struct bench_summary per_gib[4];
	bool have[4] = { false };
	char name[64];

	for (int i = 0; i < 4; i++) {
		struct bench_samples all = { 0 }, nodes = { 0 }, hand = { 0 };
		unsigned int gib = sizes[i];
		/* The big machines cost ~0.5 s a boot here: fewer of them. */
		int reps = gib >= 16 && o->reps > 15 ? 15 : o->reps;

		snprintf(name, sizeof(name), "mem_init.%ug", gib);
		if (!bench_wanted(name) && !bench_wanted("mem_init.64g_over_1g"))
			continue;
		bench_machine_boot(gib, NULL); /* learns where the memmap goes */
		for (int r = 0; r < reps; r++) {
			struct bench_boot_ticks t;

			bench_machine_boot(gib, &t);
			bench_add(&all, (double)(t.init_nodes + t.hand_over));
			bench_add(&nodes, (double)t.init_nodes);
			bench_add(&hand, (double)t.hand_over);
		}
		print_ms_per_gib(o, name, &all, gib, &per_gib[i]);
		have[i] = true;
		snprintf(name, sizeof(name), "mem_init.%ug.init_nodes", gib);
		print_ms_per_gib(o, name, &nodes, gib, NULL);
		snprintf(name, sizeof(name), "mem_init.%ug.hand_over", gib);
		print_ms_per_gib(o, name, &hand, gib, NULL);
	}
	if (have[0] && have[3]) {
		/* min and max: the extreme ratios the two ranges allow. */
		struct bench_summary r = {
			per_gib[3].median / per_gib[0].median,
			per_gib[3].min / per_gib[0].max,
			per_gib[3].max / per_gib[0].min,
		};

		bench_print("mem_init.64g_over_1g", "ratio", r);
	}
}
