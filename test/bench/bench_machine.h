/* SPDX-License-Identifier: MIT */
/*
 * A simulated machine for the benchmarks: a q35-like memory map of a given
 * size brought up through the generic path (node map, bootmem,
 * free_area_init_nodes, zonelists, mem_init) with the two expensive steps
 * timed, and a knob that makes the per-CPU pagesets cache nothing.
 */
#ifndef TEST_BENCH_MACHINE_H
#define TEST_BENCH_MACHINE_H

#include <stdint.h>

/* Once per process: reserve simulated memory, silence printk. */
int bench_machine_setup(void);

struct bench_boot_ticks {
	uint64_t init_nodes; /* free_area_init_nodes: zones, memmap_init */
	uint64_t hand_over;  /* mem_init: free_all_bootmem, watermarks, pcp */
};

/*
 * Fresh machine with @gib GiB of RAM: [4K, 640K) and [1M, 2G) below 4 GiB
 * (all of it if smaller), the rest from 4 GiB, a 32 MiB kernel image
 * reserved at 16 MiB. With @ticks, the memmap area is faulted in before
 * the clock starts (the kernel's direct map takes no faults), and the two
 * steps are timed in TSC ticks.
 */
/* Possible CPUs of the next boot (per-CPU areas, pagesets): 1 by default. */
extern unsigned int bench_machine_cpus;

void bench_machine_boot(unsigned int gib, struct bench_boot_ticks *ticks);

/*
 * Benchmark-only: set every populated zone's pageset to @high/@batch
 * (0/1 is Linux's boot pageset: each free drains, each allocation
 * refills one page, so every operation takes the zone lock and the
 * buddy lists). Drains first so no page stays cached.
 */
void bench_pcp_set(int high, int batch);

#endif
