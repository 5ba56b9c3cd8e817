// SPDX-License-Identifier: MIT
#include "bench_machine.h"
#include "bench_clock.h"
#include "sim.h"

#include <kernel/percpu.h>
#include <kernel/smp.h>
#include <mm/bootmem.h>
#include <mm/nodemask.h>
#include <mm/mmzone.h>
#include <mm/node_map.h>
#include <mm/page_alloc.h>
#include <string.h>
#include <sys/mman.h>

#define GIB_PFNS (1UL << (30 - PAGE_SHIFT))
#define KERNEL_IMAGE_START (16UL << 20)
#define KERNEL_IMAGE_SIZE (32UL << 20)

unsigned int bench_machine_cpus = 1;

/* Where the last boot of each size put its memmap: [0, memmap_end). */
static unsigned long memmap_end_pa[128];

int bench_machine_setup(void)
{
	static const struct sim_log_opts quiet = { .to_stdout = false };

	if (sim_mem_init(SIM_MEM_DEFAULT))
		return -1;
	sim_log_setup(&quiet);
	return 0;
}

/* Highest physical address of the memmap, bootmem's data included. */
static unsigned long find_memmap_end(void)
{
	unsigned long end = 0;

	for (unsigned long s = 0; s < nr_mem_sections; s++) {
		unsigned long pfn = s * PAGES_PER_SECTION, e;

		if (!mem_section[s])
			continue;
		e = (unsigned long)__pa(pfn_to_page(pfn) + PAGES_PER_SECTION);
		if (e > end)
			end = e;
	}
	return end;
}

/*
 * Touch every page up to @end so the timed code does not take host page
 * faults; huge pages where the host gives them, like the direct map.
 */
static void prefault(unsigned long end)
{
	char *p = __va(0);

	madvise(p, end, MADV_HUGEPAGE);
	/* Write back what is there: bootmem's bitmap already lives here. */
	for (unsigned long off = 0; off < end; off += PAGE_SIZE)
		((volatile char *)p)[off] = ((volatile char *)p)[off];
}

void bench_machine_boot(unsigned int gib, struct bench_boot_ticks *ticks)
{
	unsigned long low_end = gib >= 2 ? 2 * GIB_PFNS : gib * GIB_PFNS;
	unsigned long max_pfn_ = gib > 2 ? 4 * GIB_PFNS + (gib - 2) * GIB_PFNS : low_end;
	unsigned long map_pages = bootmem_bootmap_pages(max_pfn_), map = 0x100;
	unsigned long max_zone_pfn[MAX_NR_ZONES] = {
		[ZONE_DMA] = 0x1000,
		[ZONE_DMA32] = max_pfn_ < 4 * GIB_PFNS ? max_pfn_ : 4 * GIB_PFNS,
		[ZONE_NORMAL] = max_pfn_,
	};
	uint64_t t0, t1, t2, t3;

	sim_reset();
	nr_cpu_ids = bench_machine_cpus;
	node_set_state(0, N_POSSIBLE); /* one node, as x86_numa_init's dummy */
	node_set_online(0);
	add_active_range(0, 1, 0x9f);
	add_active_range(0, 0x100, low_end);
	if (gib > 2)
		add_active_range(0, 4 * GIB_PFNS, max_pfn_);
	/* Bootmem as contig_initmem_init sets it up: bitmap at 1 MiB. */
	init_bootmem(map, max_pfn_);
	free_bootmem(PFN_PHYS(1), PFN_PHYS(0x9f - 1));
	free_bootmem(PFN_PHYS(0x100), PFN_PHYS(low_end - 0x100));
	if (gib > 2)
		free_bootmem(PFN_PHYS(4 * GIB_PFNS), PFN_PHYS(max_pfn_ - 4 * GIB_PFNS));
	reserve_bootmem(PFN_PHYS(map), PFN_PHYS(map_pages), BOOTMEM_DEFAULT);
	reserve_bootmem(KERNEL_IMAGE_START, KERNEL_IMAGE_SIZE, BOOTMEM_DEFAULT);

	if (ticks && gib < sizeof(memmap_end_pa) / sizeof(memmap_end_pa[0]) &&
	    memmap_end_pa[gib])
		prefault(memmap_end_pa[gib]);
	t0 = bench_tsc();
	free_area_init_nodes(max_zone_pfn);
	t1 = bench_tsc();
	/* start_kernel's order; neither step depends on the memory size much. */
	setup_per_cpu_areas();
	build_all_zonelists();
	t2 = bench_tsc();
	mem_init();
	t3 = bench_tsc();
	if (gib < sizeof(memmap_end_pa) / sizeof(memmap_end_pa[0]))
		memmap_end_pa[gib] = find_memmap_end() + (4UL << 20);
	if (ticks) {
		ticks->init_nodes = t1 - t0;
		ticks->hand_over = t3 - t2;
	}
}

void bench_pcp_set(int high, int batch)
{
	struct zone *zone;

	drain_local_pages();
	for_each_populated_zone(zone)
		for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
			per_cpu_ptr(zone->pageset, cpu)->high = high;
			per_cpu_ptr(zone->pageset, cpu)->batch = batch;
		}
}
