// SPDX-License-Identifier: MIT
#define _GNU_SOURCE /* sched_setaffinity, sched_getcpu */
#include "bench_machine.h"
#include "bench_clock.h"
#include "sim.h"
#include "sim_smp.h"
#include "../../kernel/mm/internal.h"

#include <kernel/percpu.h>
#include <kernel/smp.h>
#include <mm/bootmem.h>
#include <mm/nodemask.h>
#include <mm/mmzone.h>
#include <mm/node_map.h>
#include <mm/page_alloc.h>
#include <limits.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define GIB_PFNS	   (1UL << (30 - PAGE_SHIFT))
#define KERNEL_IMAGE_START (16UL << 20)
#define KERNEL_IMAGE_SIZE  (32UL << 20)

/*
 * What the first boot of each size touched of the memmap, as physical
 * ranges (the layout is the same every boot): the whole memmap with the
 * deferred part, only the struct pages set up at boot without it.
 */
#define MAX_TOUCHED 8
struct touched {
	bool known;
	unsigned int n;
	unsigned long start[MAX_TOUCHED], end[MAX_TOUCHED];
};
static struct touched touched[2][1025];

unsigned int bench_machine_cpus = 1;
/* The host core the main thread (simulated CPU 0) is pinned to. */
static int bench_machine_main_core = -1;

int bench_machine_setup(void)
{
	static const struct sim_log_opts quiet = { .to_stdout = false };

	if (sim_mem_init(SIM_MEM_DEFAULT))
		return -1;
	sim_log_setup(&quiet);
	return 0;
}

/* The memmap of every section below @limit_pfn, as merged physical ranges. */
static void learn_memmap(struct touched *t, unsigned long limit_pfn)
{
	t->n = 0;
	for (unsigned long s = 0; s < nr_mem_sections; s++) {
		unsigned long pfn = s * PAGES_PER_SECTION, a, e;

		if (!mem_section[s] || pfn >= limit_pfn)
			continue;
		a = (unsigned long)__pa(pfn_to_page(pfn));
		e = (unsigned long)__pa(pfn_to_page(pfn) + PAGES_PER_SECTION);
		if (t->n && t->end[t->n - 1] == a) {
			t->end[t->n - 1] = e;
		} else if (t->n < MAX_TOUCHED) {
			t->start[t->n] = a;
			t->end[t->n++] = e;
		}
	}
	t->known = true;
}

/*
 * Touch @t's memory so the timed code does not take host page faults; huge
 * pages where the host gives them, like the direct map. The low 64 MiB
 * too: bootmem's bitmap and the small allocations live there.
 *
 * Then put the memmap out of the caches again: the host zeroes each page
 * it faults in, which leaves a small machine's memmap (16 MiB at 1 GiB) in
 * the last-level cache while a big one's (1 GiB at 64 GiB) is in DRAM. The
 * kernel's memmap is cold at every size; without this the small machines
 * looked several times cheaper per GiB (most of mem_init.64g_over_1g's
 * 1.5-2.5). Beyond 256 MiB no cache holds it anyway.
 */
static void prefault(const struct touched *t)
{
	char *p = __va(0);
	unsigned long total = 0;

	for (unsigned int i = 0; i <= t->n; i++) {
		unsigned long a = i < t->n ? t->start[i] : 0;
		unsigned long e = i < t->n ? t->end[i] : 64UL << 20;

		madvise(p + a, e - a, MADV_HUGEPAGE);
		/* Write back what is there: bootmem's bitmap already lives here. */
		for (unsigned long off = a; off < e; off += PAGE_SIZE)
			((volatile char *)p)[off] = ((volatile char *)p)[off];
		total += e - a;
	}
	if (total > 256UL << 20)
		return;
	for (unsigned int i = 0; i < t->n; i++)
		for (unsigned long off = t->start[i]; off < t->end[i]; off += 64)
			__builtin_ia32_clflush(p + off);
	__builtin_ia32_mfence();
}

static void pin_core(unsigned int cpu, void *unused)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	cpu_set_t set;

	(void)unused;
	if (!cpu || cores < 2 || bench_machine_main_core < 0)
		return;
	CPU_ZERO(&set);
	CPU_SET((int)((bench_machine_main_core + cpu) % cores), &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/*
 * The CPU threads inherit the main thread's pinning to one core: give
 * each other simulated CPU the next core, or they would share it.
 */
static void pin_cpu_threads(void)
{
	if (bench_machine_cpus < 2)
		return;
	if (bench_machine_main_core < 0)
		bench_machine_main_core = sched_getcpu();
	sim_smp_run(bench_machine_cpus, pin_core, NULL);
}

void bench_machine_boot_to(unsigned int gib, struct bench_boot_ticks *ticks, bool deferred_too)
{
	unsigned long low_end = gib >= 2 ? 2 * GIB_PFNS : gib * GIB_PFNS;
	unsigned long max_pfn_ = gib > 2 ? 4 * GIB_PFNS + (gib - 2) * GIB_PFNS : low_end;
	unsigned long map_pages = bootmem_bootmap_pages(max_pfn_), map = 0x100;
	unsigned long max_zone_pfn[MAX_NR_ZONES] = {
		[ZONE_DMA] = 0x1000,
		[ZONE_DMA32] = max_pfn_ < 4 * GIB_PFNS ? max_pfn_ : 4 * GIB_PFNS,
		[ZONE_NORMAL] = max_pfn_,
	};
	struct touched *t = gib <= 1024 ? &touched[deferred_too][gib] : NULL;
	uint64_t t0, t1, t2, t3, t4;

	sim_reset();
	nr_cpu_ids = bench_machine_cpus;
	for (unsigned int cpu = 0; cpu < bench_machine_cpus; cpu++)
		set_cpu_possible(cpu, true);
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

	if (ticks && t && t->known)
		prefault(t);
	t0 = bench_tsc();
	free_area_init_nodes(max_zone_pfn);
	t1 = bench_tsc();
	/* start_kernel's order; neither step depends on the memory size much. */
	setup_per_cpu_areas();
	build_all_zonelists();
	t2 = bench_tsc();
	mem_init();
	t3 = bench_tsc();
	if (t && !t->known)
		learn_memmap(t, deferred_too ? ULONG_MAX : NODE_DATA(0)->first_deferred_pfn);
	/* The other CPUs come online (mm_cpu_online) once, here, before the
	 * deferred pages as in the kernel: they take their node's share. */
	smp_init();
	pin_cpu_threads();
	t3 = bench_tsc();
	if (deferred_too)
		page_alloc_init_late();
	t4 = bench_tsc();
	if (ticks) {
		ticks->init_nodes = t1 - t0;
		ticks->hand_over = t3 - t2;
		ticks->deferred = t4 - t3;
	}
}

uint64_t bench_machine_memmap_write(unsigned int gib)
{
	const struct touched *t = gib <= 1024 ? &touched[1][gib] : NULL;
	uint64_t t0;

	if (!t || !t->known)
		return 0;
	prefault(t);
	t0 = bench_tsc();
	for (unsigned int i = 0; i < t->n; i++) {
		struct page *p = __va(t->start[i]), *end = __va(t->end[i]);

		/* The kernel's own store patterns for a free page. */
		for (; p < end; p++) {
			unsigned long flags = (unsigned long)(p - (struct page *)__va(0)) << 8;

			__init_page_free(p, flags);
		}
	}
	return bench_tsc() - t0;
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
