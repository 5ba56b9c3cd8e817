/* SPDX-License-Identifier: MIT */
/*
 * A simulated machine for the benchmarks: a q35-like memory map of a given
 * size brought up through the generic path (node map, bootmem,
 * free_area_init_nodes, zonelists, mem_init) with the two expensive steps
 * timed, and a knob that makes the per-CPU pagesets cache nothing.
 */
#ifndef TEST_BENCH_MACHINE_H
#define TEST_BENCH_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

/* Once per process: reserve simulated memory, silence printk. */
int bench_machine_setup(void);

struct bench_boot_ticks {
	uint64_t init_nodes; /* free_area_init_nodes: zones, memmap_init */
	uint64_t hand_over;  /* mem_init: free_all_bootmem, watermarks, pcp */
	uint64_t deferred;   /* page_alloc_init_late: the deferred struct pages */
};

/*
 * Fresh machine with @gib GiB of RAM: [4K, 640K) and [1M, 2G) below 4 GiB
 * (all of it if smaller), the rest from 4 GiB, a 32 MiB kernel image
 * reserved at 16 MiB, booted through page_alloc_init_late (at most 1024).
 * With @ticks, the memory the first boot of that size touched is faulted
 * in before the clock starts (the kernel's direct map takes no faults),
 * and the three steps are timed in TSC ticks. The other possible CPUs
 * (bench_machine_cpus) come online after mem_init, before the deferred
 * part as in the kernel, each pinned to its own host core where there are
 * enough (CPU i on the main thread's core + i). bench_machine_boot_to with
 * @deferred_too false stops after mem_init: the deferred struct pages
 * stay as at "Memory:", untouched.
 */
/* Possible CPUs of the next boot (per-CPU areas, pagesets): 1 by default. */
extern unsigned int bench_machine_cpus;

void bench_machine_boot_to(unsigned int gib, struct bench_boot_ticks *ticks, bool deferred_too);

static inline void bench_machine_boot(unsigned int gib, struct bench_boot_ticks *ticks)
{
	bench_machine_boot_to(gib, ticks, true);
}

/*
 * The memory floor of a boot of @gib GiB (after one): the ticks to write
 * its whole memmap once with the kernel's per-page stores and nothing
 * else, from the same cold start (the same prefault and cache flush):
 * memmap_init's (__init_page_free). 0 if no boot of that size ran yet.
 */
uint64_t bench_machine_memmap_write(unsigned int gib);

/*
 * Benchmark-only: set every populated zone's pageset to @high/@batch
 * (0/1 is Linux's boot pageset: each free drains, each allocation
 * refills one page, so every operation takes the zone lock and the
 * buddy lists). Drains first so no page stays cached.
 */
void bench_pcp_set(int high, int batch);

#endif
