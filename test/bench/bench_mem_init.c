// SPDX-License-Identifier: MIT
/*
 * mem_init.<N>g: all of the memmap's set-up per GiB of RAM: struct page
 * init (free_area_init_nodes), the hand-over to the buddy allocator
 * (mem_init) and the deferred struct pages (page_alloc_init_late), at 1,
 * 4, 16 and 64 GiB, each on a fresh machine; .init_nodes, .hand_over and
 * .deferred are the parts. mem_init.64g_over_1g is the per-GiB growth:
 * 1.0 when linear. mem_init.deferred_64g is the deferred part alone at
 * 64 GiB; mem_init.1t the boot's part (to "Memory:", deferred pages left
 * untouched) on a 1 TiB machine. mem_init.deferred_64g_2cpu is the
 * deferred part at 64 GiB with 2 CPUs on the node sharing it (Linux 6.1's
 * split over the node's CPUs; the CPUs are threads pinned to two host
 * cores), and mem_init.deferred_64g_2cpu_speedup the one-CPU median over
 * it; every other figure is on one CPU. mem_init.<N>g counts the deferred part
 * too, so it measures the same work as before deferred init (b4dde6b),
 * when all of it ran at boot; the boot's share is .init_nodes + .hand_over.
 *
 * mem_init.memmap_write_<N>g is the floor under mem_init.<N>g on this
 * host with plain stores: only the memmap written once with
 * memmap_init's per-page stores, from the same cold start. Its
 * 64g_over_1g ratio is the host's own: at 1 GiB the 16 MiB memmap's
 * write-back is absorbed by caches, at 64 GiB 1 GiB of it goes to DRAM.
 */
#include "bench.h"
#include "bench_clock.h"
#include "bench_machine.h"

#include <stdio.h>

static const unsigned int sizes[] = { 1, 4, 16, 64 };

static struct bench_summary print_ms_per_gib(const struct bench_opts *o, const char *name,
					     const struct bench_samples *ticks, unsigned int gib)
{
	struct bench_summary s = bench_summarize(ticks);
	double k = 1.0 / (o->tsc_per_ns * 1e6 * gib);

	s.median *= k;
	s.min *= k;
	s.max *= k;
	bench_print(name, "ms/GiB", s);
	return s;
}

static void bench_1t(const struct bench_opts *o)
{
	struct bench_samples boot = { 0 };
	int reps = o->reps > 7 ? 7 : o->reps;

	bench_machine_boot_to(1024, NULL, false); /* learns what it touches */
	for (int r = 0; r < reps; r++) {
		struct bench_boot_ticks t;

		bench_machine_boot_to(1024, &t, false);
		bench_add(&boot, (double)(t.init_nodes + t.hand_over));
	}
	print_ms_per_gib(o, "mem_init.1t", &boot, 1024);
}

static void bench_deferred_2cpu(const struct bench_opts *o, const struct bench_summary *one)
{
	struct bench_samples def = { 0 };
	struct bench_summary s;
	int reps = o->reps > 15 ? 15 : o->reps;

	bench_machine_cpus = 2;
	bench_machine_boot(64, NULL);
	for (int r = 0; r < reps; r++) {
		struct bench_boot_ticks t;

		bench_machine_boot(64, &t);
		bench_add(&def, (double)t.deferred);
	}
	bench_machine_cpus = 1;
	s = print_ms_per_gib(o, "mem_init.deferred_64g_2cpu", &def, 64);
	if (one)
		bench_print("mem_init.deferred_64g_2cpu_speedup", "ratio",
			    (struct bench_summary){ one->median / s.median, one->min / s.max,
						    one->max / s.min });
}

void bench_mem_init(const struct bench_opts *o)
{
	struct bench_summary per_gib[4], floor[4], per_gib_deferred = { 0 };
	bool have[4] = { false };
	char name[64];

	for (int i = 0; i < 4; i++) {
		struct bench_samples all = { 0 }, nodes = { 0 }, hand = { 0 }, def = { 0 };
		unsigned int gib = sizes[i];
		/* The big machines cost ~0.5 s a boot here: fewer of them. */
		int reps = gib >= 16 && o->reps > 15 ? 15 : o->reps;

		snprintf(name, sizeof(name), "mem_init.%ug", gib);
		if (!bench_wanted(name) && !bench_wanted("mem_init.64g_over_1g") &&
		    !(gib == 64 && bench_wanted("mem_init.deferred_64g")))
			continue;
		bench_machine_boot(gib, NULL); /* learns where the memmap goes */
		for (int r = 0; r < reps; r++) {
			struct bench_boot_ticks t;

			bench_machine_boot(gib, &t);
			bench_add(&all, (double)(t.init_nodes + t.hand_over + t.deferred));
			bench_add(&nodes, (double)t.init_nodes);
			bench_add(&hand, (double)t.hand_over);
			bench_add(&def, (double)t.deferred);
		}
		per_gib[i] = print_ms_per_gib(o, name, &all, gib);
		have[i] = true;
		snprintf(name, sizeof(name), "mem_init.%ug.init_nodes", gib);
		print_ms_per_gib(o, name, &nodes, gib);
		snprintf(name, sizeof(name), "mem_init.%ug.hand_over", gib);
		print_ms_per_gib(o, name, &hand, gib);
		snprintf(name, sizeof(name), "mem_init.%ug.deferred", gib);
		print_ms_per_gib(o, name, &def, gib);
		if (gib == 64)
			per_gib_deferred = print_ms_per_gib(o, "mem_init.deferred_64g", &def, gib);
		if (gib == 1 || gib == 64) {
			struct bench_samples w = { 0 };

			for (int r = 0; r < reps; r++)
				bench_add(&w, (double)bench_machine_memmap_write(gib));
			snprintf(name, sizeof(name), "mem_init.memmap_write_%ug", gib);
			floor[i] = print_ms_per_gib(o, name, &w, gib);
		}
	}
	if (have[0] && have[3]) {
		/* min and max: the extreme ratios the two ranges allow. */
		struct bench_summary r = {
			per_gib[3].median / per_gib[0].median,
			per_gib[3].min / per_gib[0].max,
			per_gib[3].max / per_gib[0].min,
		};

		bench_print("mem_init.64g_over_1g", "ratio", r);
		r = (struct bench_summary){
			floor[3].median / floor[0].median,
			floor[3].min / floor[0].max,
			floor[3].max / floor[0].min,
		};
		bench_print("mem_init.memmap_write_64g_over_1g", "ratio", r);
	}
	if (bench_wanted("mem_init.deferred_64g_2cpu"))
		bench_deferred_2cpu(o, have[3] ? &per_gib_deferred : NULL);
	if (bench_wanted("mem_init.1t"))
		bench_1t(o);
}
