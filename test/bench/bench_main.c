// SPDX-License-Identifier: MIT
/*
 * mm_bench: the page allocator and memory-init benchmarks on the host
 * simulator (kernel/mm built at -O2 without sanitizers). scripts/bench
 * runs it; see test/README.md, "Benchmarks".
 *
 *   mm_bench [--quick] [--reps N] [FILTER]
 */
#include "bench.h"
#include "bench_clock.h"
#include "bench_machine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"usage: mm_bench [--quick] [--reps N] [FILTER]\n"
	"  Prints NAME MEDIAN UNIT MIN MAX per figure whose name contains FILTER.\n"
	"  --quick   3 repetitions of 1/100 of the work (checks the tool, not speed)\n"
	"  --reps N  timed repetitions per figure (default 31; 15 at 16 and 64 GiB)\n";

void bench_print_ticks(const struct bench_opts *o, const char *name,
		       const struct bench_samples *ticks)
{
	struct bench_summary c = bench_summarize(ticks), ns = c;

	ns.median /= o->tsc_per_ns;
	ns.min /= o->tsc_per_ns;
	ns.max /= o->tsc_per_ns;
	bench_print(name, "ns/op", ns);
	bench_print(name, "cycles/op", c);
}

int main(int argc, char **argv)
{
	struct bench_opts o = { .reps = 31, .scale = 1 };
	const char *filter = NULL;
	int cpu;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			o.quick = true;
			o.reps = 3;
			o.scale = 100;
		} else if (!strcmp(argv[i], "--reps") && i + 1 < argc) {
			o.reps = atoi(argv[++i]);
			if (o.reps < 1 || o.reps > BENCH_MAX_REPS) {
				fprintf(stderr, "mm_bench: --reps 1..%d\n", BENCH_MAX_REPS);
				return 2;
			}
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage_text, stdout);
			return 0;
		} else if (argv[i][0] != '-' && !filter) {
			filter = argv[i];
		} else {
			fputs(usage_text, stderr);
			return 2;
		}
	}
	bench_set_filter(filter);
	cpu = bench_pin_cpu();
	o.tsc_per_ns = bench_tsc_calibrate(o.quick ? 20 : 200);
	if (bench_machine_setup())
		return 2;

	printf("# mm_bench: kernel/mm at -O2, no sanitizers; %s; %d repetitions%s\n",
	       cpu >= 0 ? "pinned to one CPU" : "not pinned (sched_setaffinity refused)",
	       o.reps, o.quick ? " (--quick: figures meaningless)" : "");
	printf("# cycles = TSC ticks (%.1f MHz, measured against CLOCK_MONOTONIC), not core cycles; ns = ticks / rate\n",
	       o.tsc_per_ns * 1000);
	printf("# caveat: the pageset and kmalloc fast paths are SMP-safe by masking interrupts; the\n"
	       "#   simulator's local_irq_save/restore set a thread-local flag, cheaper than the kernel's\n"
	       "#   pushf/cli/popf: not the same measurement as Linux's in-kernel figures\n");
	printf("# %-34s %12s %-10s %12s %12s\n", "name", "median", "unit", "min", "max");
	bench_page_alloc(&o);
	bench_mem_init(&o);
	bench_slab(&o);
	bench_smp(&o);
	printf("# targets: page_alloc.order0_pcp_hot <= 50 cycles/op (TSC ticks), order0_pcp_2cpu_scaling"
	       " >= 1.8; mem_init.<N>g <= 4 ms/GiB on one core (Linux ~4-6), 64g_over_1g ~1 (linear);"
	       " slab.kmalloc_<N>_over_mimalloc, kmalloc_64_2thr_over_mimalloc and"
	       " kmalloc_64_remote_free_over_mimalloc <= 1\n");
	printf("# Linux, in ns (compare with the ns/op lines, not cycles/op): a 4 KiB page allocation ~94 ns"
	       " on one core (LLFree, USENIX ATC'23); its in-kernel cycle counts (page alloc+free ~115-176,"
	       " SLUB kmalloc+kfree ~42) are core cycles at unstated clocks, not TSC ticks\n");
	return 0;
}
