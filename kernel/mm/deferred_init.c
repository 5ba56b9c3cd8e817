// SPDX-License-Identifier: MIT
/*
 * Deferred struct-page init, as Linux 6.1's DEFERRED_STRUCT_PAGE_INIT: at
 * boot only the low zones and the first part of each node's last zone get
 * their struct pages and reach the buddy lists. The rest waits until the
 * end of boot, when page_alloc_init_late() has every node's CPUs share
 * the node's rest (struct deferred_job), or is taken earlier a section at
 * a time when an allocation runs short (deferred_grow_zone). A terabyte's memmap then
 * costs nothing before "Memory:".
 */
#define pr_fmt(fmt) fmt

#include "internal.h"
#include <kernel/arch.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/processor.h>
#include <kernel/smp.h>
#include <lib/string.h>
#include <limits.h>
#include <stdint.h>
#include <mm/node_map.h>
#include <mm/nodemask.h>
#include <mm/page_alloc.h>
#include <mm/topology.h>

/*
 * Linux's x86-64 memory section, 128 MiB: its rule keeps whole ones at
 * boot and grows by whole ones, so the same pages as Linux's are set up
 * before "Memory:" and that line's figures are Linux's.
 */
#define DEFER_SECTION_PAGES (1UL << (27 - PAGE_SHIFT))

bool deferred_pages;
bool nodeferinit;

static int set_nodeferinit(const char *val)
{
	if (val)
		return -1;
	nodeferinit = true;
	return 0;
}
kernel_param("nodeferinit", set_nodeferinit);

/* RAM pages of the current zone memmap_init has set up so far. */
static unsigned long count_zone_end, count_done;

void deferred_init_reset(void)
{
	count_zone_end = count_done = 0;
	deferred_pages = false;
}

/*
 * Where memmap_init stops in [start, end), a RAM range of the zone ending
 * at @zone_end: Linux's defer_init() in closed form. Only the zone that
 * ends the node is deferred; it keeps the RAM up to its first section
 * boundary after one section's worth of pages.
 */
unsigned long deferred_init_limit(int nid, unsigned long start, unsigned long end,
				  unsigned long zone_end)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	unsigned long stop;

	if (count_zone_end != zone_end) {
		count_zone_end = zone_end;
		count_done = 0;
	}
	if (nodeferinit || zone_end < pgdat_end_pfn(pgdat))
		return end;
	if (pgdat->first_deferred_pfn != ULONG_MAX)
		return start;
	stop = start + (count_done < DEFER_SECTION_PAGES ? DEFER_SECTION_PAGES - count_done : 0);
	stop = ALIGN(stop, DEFER_SECTION_PAGES);
	if (stop >= end) {
		count_done += end - start;
		return end;
	}
	pgdat->first_deferred_pfn = stop;
	deferred_pages = true;
	return stop;
}

static unsigned long min_pfn(unsigned long a, unsigned long b)
{
	return a < b ? a : b;
}

unsigned long deferred_run_end(unsigned long pfn, unsigned long end, bool *deferred)
{
	*deferred = false;
	if (!deferred_pages)
		return end;
	for (int i = 0; i < nr_nodemap_entries; i++) {
		const struct node_active_region *r = &early_node_map[i];
		unsigned long first;

		if (pfn >= r->end_pfn)
			continue;
		if (pfn < r->start_pfn)
			return min_pfn(end, r->start_pfn);
		first = NODE_DATA(r->nid)->first_deferred_pfn;
		*deferred = pfn >= first;
		return min_pfn(end, *deferred ? r->end_pfn : min_pfn(r->end_pfn, first));
	}
	return end;
}

/* The zone holding the deferred pages from @pfn on: the node's last one. */
static struct zone *deferred_zone(pg_data_t *pgdat, unsigned long pfn)
{
	for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
		struct zone *zone = &pgdat->node_zones[zid];

		if (populated_zone(zone) && pfn < zone_end_pfn(zone))
			return zone;
	}
	return NULL;
}

/*
 * Reserved RAM above the line still needs its struct pages now: it is
 * never freed to the buddy lists by the worker, and whoever owns it (the
 * kernel image, firmware data, bootmem's own allocations) may look at them.
 */
void deferred_init_reserved(void)
{
	if (!deferred_pages)
		return;
	for (int i = 0; i < nr_nodemap_entries; i++) {
		const struct node_active_region *r = &early_node_map[i];
		pg_data_t *pgdat = NODE_DATA(r->nid);
		unsigned long pfn = r->start_pfn;
		struct zone *zone;

		if (pfn < pgdat->first_deferred_pfn)
			pfn = pgdat->first_deferred_pfn;
		if (pfn >= r->end_pfn)
			continue;
		zone = deferred_zone(pgdat, pfn);
		while (pfn < r->end_pfn) {
			bool free;
			unsigned long stop = bootmem_run(pfn, r->end_pfn, &free);

			for (; !free && pfn < stop; pfn++)
				__init_single_page(pfn, zone_idx(zone), r->nid);
			pfn = stop;
		}
	}
}

/*
 * Set up and free the pages bootmem had free in [spfn, epfn), RAM of one
 * node's zone. A whole MAX_ORDER block is set up before any of it is
 * freed: merging looks at buddies, which must not be stale memory.
 */
static unsigned long deferred_init_range(struct zone *zone, unsigned long spfn, unsigned long epfn)
{
	int nid = zone->zone_pgdat->node_id, zid = zone_idx(zone);
	unsigned long nr = 0;

	while (spfn < epfn) {
		unsigned long bend = min_pfn(ALIGN(spfn + 1, MAX_ORDER_NR_PAGES), epfn);
		bool free;

		for (unsigned long pfn = spfn, stop; pfn < bend; pfn = stop) {
			stop = bootmem_run(pfn, bend, &free);
			for (unsigned long p = pfn; free && p < stop; p++)
				__init_free_page(p, zid, nid);
		}
		for (unsigned long pfn = spfn, stop; pfn < bend; pfn = stop) {
			stop = bootmem_run(pfn, bend, &free);
			if (free) {
				__free_pages_memory(pfn, stop, true);
				nr += stop - pfn;
			}
		}
		spfn = bend;
	}
	return nr;
}

/* The node's RAM in [spfn, epfn) of @zone, range by range. */
static unsigned long deferred_init_span(struct zone *zone, unsigned long spfn, unsigned long epfn)
{
	int nid = zone->zone_pgdat->node_id;
	unsigned long nr = 0;

	for (int i = 0; i < nr_nodemap_entries; i++) {
		const struct node_active_region *r = &early_node_map[i];
		unsigned long s = r->start_pfn > spfn ? r->start_pfn : spfn;
		unsigned long e = min_pfn(r->end_pfn, epfn);

		if (r->nid == nid && s < e)
			nr += deferred_init_range(zone, s, e);
	}
	return nr;
}

/**
 * deferred_grow_zone - set up deferred pages of @zone now, for an allocation
 * of @order that found the zone short
 *
 * Whole 128 MiB sections, at least enough for the request, from the node's
 * first deferred pfn on (Linux's deferred_grow_zone). Any CPU, any time
 * before page_alloc_init_late() is done; the node's node_size_lock orders
 * it with other growers and the node's worker.
 *
 * Return: true if the allocation should try the zone again.
 */
bool deferred_grow_zone(struct zone *zone, unsigned int order)
{
	pg_data_t *pgdat = zone->zone_pgdat;
	unsigned long need = ALIGN(1UL << order, DEFER_SECTION_PAGES), nr = 0;
	unsigned long first = pgdat->first_deferred_pfn, end = zone_end_pfn(zone), spfn, flags;

	if (first == ULONG_MAX || end != pgdat_end_pfn(pgdat))
		return false;
	spin_lock_irqsave(&pgdat->node_size_lock, flags);
	if (first != pgdat->first_deferred_pfn) {
		/* Someone else grew it meanwhile: worth another look. */
		spin_unlock_irqrestore(&pgdat->node_size_lock, flags);
		return true;
	}
	for (spfn = first; spfn < end && nr < need;) {
		unsigned long send = min_pfn(ALIGN(spfn + 1, DEFER_SECTION_PAGES), end);

		nr += deferred_init_span(zone, spfn, send);
		spfn = send;
	}
	pgdat->first_deferred_pfn = spfn;
	spin_unlock_irqrestore(&pgdat->node_size_lock, flags);
	return nr > 0;
}

/*
 * One node's deferred pages, shared by the node's CPUs as Linux 6.1 shares
 * them (deferred_init_memmap through padata_do_multithreaded, as many
 * threads as the node has CPUs): each CPU takes the next 128 MiB chunk
 * until none is left. A chunk is whole MAX_ORDER blocks, so no buddy merge
 * reaches into struct pages another CPU is still writing.
 */
struct deferred_job {
	struct zone *zone;	  /* NULL: nothing to do (or no job) */
	unsigned long first, end; /* the node's rest of @zone */
	unsigned long next_chunk; /* atomic: the next chunk to take */
	unsigned int running;	  /* atomic: CPUs not done with it */
	bool active, done;	  /* done: atomic, set by the last CPU */
	uint64_t t0, t1;
};

static struct deferred_job deferred_jobs[MAX_NUMNODES];

/* Claim node @nid's deferred pages for @job; false if none are left. */
static bool deferred_job_init(struct deferred_job *job, int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	unsigned long first, flags;

	job->t0 = arch_clock_ns();
	spin_lock_irqsave(&pgdat->node_size_lock, flags);
	first = pgdat->first_deferred_pfn;
	/* From here on nobody grows the zone: the rest is ours. */
	pgdat->first_deferred_pfn = ULONG_MAX;
	spin_unlock_irqrestore(&pgdat->node_size_lock, flags);
	if (first == ULONG_MAX)
		return false;
	job->zone = deferred_zone(pgdat, first);
	job->first = first;
	job->end = job->zone ? zone_end_pfn(job->zone) : first;
	job->active = true;
	return true;
}

/* One CPU's share of @job: chunks until none is left. */
static void deferred_job_work(struct deferred_job *job)
{
	unsigned long base = ALIGN_DOWN(job->first, DEFER_SECTION_PAGES);

	for (;;) {
		unsigned long i = __atomic_fetch_add(&job->next_chunk, 1, __ATOMIC_RELAXED);
		unsigned long s = base + i * DEFER_SECTION_PAGES, e = s + DEFER_SECTION_PAGES;

		if (s < job->first)
			s = job->first;
		if (s >= job->end)
			break;
		deferred_init_span(job->zone, s, min_pfn(e, job->end));
	}
	/* The last CPU out stops the clock. */
	if (__atomic_sub_fetch(&job->running, 1, __ATOMIC_ACQ_REL) == 0) {
		job->t1 = arch_clock_ns();
		__atomic_store_n(&job->done, true, __ATOMIC_RELEASE);
	}
}

static void deferred_job_wait_report(const struct deferred_job *job, int nid)
{
	while (!__atomic_load_n(&job->done, __ATOMIC_ACQUIRE))
		cpu_relax();
	pr_info("node %d deferred pages initialised in %llums\n", nid,
		(unsigned long long)((job->t1 - job->t0) / 1000000));
}

/* A CPU's part: its node's job (called on it, in interrupt context). */
static void deferred_job_helper(void *job)
{
	deferred_job_work(job);
}

/* The node's job of online CPU @cpu, if it has an active one. */
static struct deferred_job *cpu_deferred_job(unsigned int cpu)
{
	int nid = cpu_to_node(cpu);

	if (nid < 0 || nid >= MAX_NUMNODES || !deferred_jobs[nid].active)
		return NULL;
	return &deferred_jobs[nid];
}

/* The online CPUs of node @nid. */
static unsigned int node_online_cpus(int nid)
{
	unsigned int cpu, n = 0;

	for_each_online_cpu(cpu)
		n += cpu_to_node(cpu) == nid;
	return n;
}

void __init page_alloc_init_late(void)
{
	unsigned int cpu, self = smp_processor_id();
	struct zone *zone;
	int nid;

	if (!deferred_pages)
		return;
	/* No job left from an earlier boot (the simulator boots many). */
	memset(deferred_jobs, 0, sizeof(deferred_jobs));
	/*
	 * Claim every node's rest; its workers are its online CPUs, or this
	 * CPU alone for a node without one (Linux's pgdatinit kthread runs
	 * anywhere then).
	 */
	for_each_node_state(nid, N_MEMORY) {
		struct deferred_job *job = &deferred_jobs[nid];

		if (!deferred_job_init(job, nid))
			continue;
		for_each_online_cpu(cpu)
			job->running += cpu_deferred_job(cpu) == job;
		if (!job->running)
			job->running = 1;
	}
	/* All nodes at once, each CPU on its own node's memory. */
	for_each_online_cpu(cpu) {
		struct deferred_job *job = cpu_deferred_job(cpu);

		if (job && cpu != self &&
		    smp_call_function_single(cpu, deferred_job_helper, job, false))
			deferred_job_work(job);
	}
	for_each_node_state(nid, N_MEMORY) {
		struct deferred_job *job = &deferred_jobs[nid];

		if (job->active && (cpu_deferred_job(self) == job || !node_online_cpus(nid)))
			deferred_job_work(job);
	}
	/* Everything below needs them all. */
	for_each_node_state(nid, N_MEMORY)
		if (deferred_jobs[nid].active)
			deferred_job_wait_report(&deferred_jobs[nid], nid);
	deferred_pages = false;
	bootmem_discard();
	/*
	 * Sized on the whole memory now, as Linux's init_per_zone_wmark_min
	 * initcall does after its deferred init. Linux has no watermarks
	 * before that call, and min_free_kbytes counts free pages above them:
	 * start from none so the figures are Linux's.
	 */
	for_each_populated_zone(zone)
		memset(zone->_watermark, 0, sizeof(zone->_watermark));
	init_per_zone_wmark_min();
	for_each_populated_zone(zone)
		zone_pcp_update(zone);
}
