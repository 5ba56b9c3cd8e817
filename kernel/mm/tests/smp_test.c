// SPDX-License-Identifier: MIT
/*
 * ktest suite "smp": every online CPU allocates and frees at once, pages of
 * mixed orders and kmalloc objects, then frees what another CPU allocated;
 * drains. Afterwards every zone's free count, every pageset count and
 * every kmalloc cache's slab counters are exactly what they were before
 * (the counts are taken before the case, not derived from the allocator's
 * own answers). Each block carries its owner's stamp, checked before it is
 * freed, so a block handed to two CPUs at once is caught as it happens.
 * On one CPU only the local paths run. Same file in the kernel
 * (selftest=smp) and on the host (test/host/test_smp.c, under TSan too).
 */
#include "../internal.h"
#include "../slab_internal.h"
#include "smp_test.h"

#include <kernel/percpu.h>
#include <kernel/smp.h>
#include <lib/string.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

#ifndef SMP_TEST_ITERS
#define SMP_TEST_ITERS 4000 /* per CPU; the ThreadSanitizer build runs fewer */
#endif
#define ITERS	  SMP_TEST_ITERS
#define KEEP	  64 /* blocks each CPU leaves for the next one to free */
#define MAX_CACHE 64

static const unsigned int orders[] = { 0, 0, 0, 1, 0, 2, 0, 3 };
static const unsigned int sizes[] = { 8, 64, 64, 192, 256, 1024, 64, 4096 };

struct work {
	struct page *pages[NR_CPUS][KEEP];
	void *objs[NR_CPUS][KEEP];
	unsigned long bad[NR_CPUS];    /* stamps found overwritten */
	unsigned long failed[NR_CPUS]; /* allocations refused */
	unsigned int ncpus;
	struct kmem_cache *shrink; /* what CPU 1 shrinks meanwhile */
};

/* Big (NR_CPUS * KEEP pointers): static, one case at a time. */
static struct work work;

struct counts {
	unsigned long zone_free[MAX_NUMNODES * MAX_NR_ZONES];
	long pcp[MAX_NUMNODES * MAX_NR_ZONES];
	unsigned long slabs[MAX_CACHE], objects[MAX_CACHE], partial[MAX_CACHE];
	unsigned long slab_errors, bad_pages;
};

static unsigned long stamp(unsigned int cpu, unsigned long i)
{
	return 0x5a5a000000000000UL | (unsigned long)cpu << 32 | i;
}

static struct kmem_cache *cache_named(const char *name)
{
	struct kmem_cache *s;

	list_for_each_entry(s, &slab_caches, list)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

static void shrink_kmalloc_caches(void)
{
	struct kmem_cache *s;

	list_for_each_entry(s, &slab_caches, list)
		if (!strncmp(s->name, "kmalloc-", 8))
			kmem_cache_shrink(s);
}

/* Everything cached per CPU back where the counts can see it. */
static void settle(void)
{
	shrink_kmalloc_caches(); /* may free slab pages onto pagesets */
	drain_all_pages();
}

static void take_counts(struct counts *c)
{
	struct kmem_cache *s;
	struct zone *zone;
	unsigned int i = 0, cpu;

	memset(c, 0, sizeof(*c));
	for_each_populated_zone(zone) {
		c->zone_free[i] = zone->free_pages;
		if (zone->pageset)
			for_each_online_cpu(cpu)
				c->pcp[i] += per_cpu_ptr(zone->pageset, cpu)->count;
		i++;
	}
	i = 0;
	list_for_each_entry(s, &slab_caches, list) {
		if (strncmp(s->name, "kmalloc-", 8) || i >= MAX_CACHE)
			continue;
		for (int nid = 0; nid < MAX_NUMNODES; nid++) {
			if (!s->node[nid])
				continue;
			c->slabs[i] += s->node[nid]->nr_slabs;
			c->objects[i] += s->node[nid]->total_objects;
			c->partial[i] += s->node[nid]->nr_partial;
		}
		i++;
	}
	c->slab_errors = slab_errors;
	c->bad_pages = nr_bad_pages;
}

static void expect_same(struct ktest *t, const struct counts *a, const struct counts *b)
{
	for (unsigned int i = 0; i < MAX_NUMNODES * MAX_NR_ZONES; i++) {
		KTEST_EXPECT_EQ(t, a->zone_free[i], b->zone_free[i]);
		KTEST_EXPECT_EQ(t, a->pcp[i], b->pcp[i]);
	}
	for (unsigned int i = 0; i < MAX_CACHE; i++) {
		KTEST_EXPECT_EQ(t, a->slabs[i], b->slabs[i]);
		KTEST_EXPECT_EQ(t, a->objects[i], b->objects[i]);
		KTEST_EXPECT_EQ(t, a->partial[i], b->partial[i]);
	}
	KTEST_EXPECT_EQ(t, a->slab_errors, b->slab_errors);
	KTEST_EXPECT_EQ(t, a->bad_pages, b->bad_pages);
}

static void check_free_page(unsigned int cpu, struct page *page, unsigned int order,
			    unsigned long want)
{
	if (*(unsigned long *)page_address(page) != want)
		work.bad[cpu]++;
	__free_pages(page, order);
}

static void check_free_obj(unsigned int cpu, void *obj, unsigned long want)
{
	if (*(unsigned long *)obj != want)
		work.bad[cpu]++;
	kfree(obj);
}

/*
 * Allocate ITERS pages and objects, freeing each right after the next one
 * (so the pagesets and cpu slabs turn over), and keep the last KEEP of
 * each for the next CPU. CPU 0 drains every CPU now and then, and CPU 1
 * shrinks kmalloc-64, where those calls may be made from here.
 */
static void alloc_phase(unsigned int cpu, void *arg)
{
	bool calls = arg != NULL;

	for (unsigned long i = 0; i < ITERS; i++) {
		unsigned int k = i % KEEP, order = orders[i % 8];
		struct page *page = alloc_pages(GFP_KERNEL, order);
		void *obj = kmalloc(sizes[i % 8], GFP_KERNEL);

		if (work.pages[cpu][k])
			check_free_page(cpu, work.pages[cpu][k], orders[(i - KEEP) % 8],
					stamp(cpu, i - KEEP));
		if (work.objs[cpu][k])
			check_free_obj(cpu, work.objs[cpu][k], stamp(cpu, i - KEEP));
		work.pages[cpu][k] = page;
		work.objs[cpu][k] = obj;
		if (page)
			*(unsigned long *)page_address(page) = stamp(cpu, i);
		else
			work.failed[cpu]++;
		if (obj)
			*(unsigned long *)obj = stamp(cpu, i);
		else
			work.failed[cpu]++;
		if (calls && cpu == 0 && i % 256 == 255)
			drain_all_pages();
		if (calls && cpu == 1 && i % 512 == 511)
			kmem_cache_shrink(work.shrink);
	}
}

/* Free what the previous CPU kept: frees to slabs and pagesets not ours. */
static void remote_free_phase(unsigned int cpu, void *arg)
{
	unsigned int from = (cpu + work.ncpus - 1) % work.ncpus;

	(void)arg;
	for (unsigned long i = ITERS - KEEP; i < ITERS; i++) {
		unsigned int k = i % KEEP;

		if (work.pages[from][k])
			check_free_page(cpu, work.pages[from][k], orders[i % 8], stamp(from, i));
		if (work.objs[from][k])
			check_free_obj(cpu, work.objs[from][k], stamp(from, i));
		work.pages[from][k] = NULL;
		work.objs[from][k] = NULL;
	}
}

static void count_cpus(unsigned int cpu, void *arg)
{
	(void)cpu;
	__atomic_fetch_add((unsigned int *)arg, 1, __ATOMIC_RELAXED);
}

static void all_cpus_alloc_and_free(struct ktest *t)
{
	static struct counts before, after;
	unsigned int ran = 0;

	memset(&work, 0, sizeof(work));
	work.ncpus = smpt_run(count_cpus, &ran, settle);
	KTEST_EXPECT_EQ(t, ran, work.ncpus);
	work.shrink = cache_named("kmalloc-64");
	KTEST_ASSERT_NOT_NULL(t, work.shrink);
	take_counts(&before);
	ktest_printf(t, "%u CPUs, %d pages and %d objects each, cross-CPU calls %s", work.ncpus,
		     ITERS, ITERS, smpt_may_call_cpus() ? "during the run" : "between phases");
	smpt_run(alloc_phase, smpt_may_call_cpus() ? &work : NULL, NULL);
	smpt_run(remote_free_phase, NULL, settle);
	take_counts(&after);
	for (unsigned int cpu = 0; cpu < work.ncpus; cpu++) {
		KTEST_EXPECT_EQ(t, work.bad[cpu], 0);
		KTEST_EXPECT_EQ(t, work.failed[cpu], 0);
	}
	expect_same(t, &before, &after);
}

/* Every pageset is empty after drain_all_pages, whichever CPU it is. */
static void drain_all_empties_every_pageset(struct ktest *t)
{
	struct zone *zone;
	unsigned int cpu;

	memset(&work, 0, sizeof(work));
	work.ncpus = smpt_run(alloc_phase, NULL, drain_all_pages);
	for_each_populated_zone(zone)
		if (zone->pageset)
			for_each_online_cpu(cpu)
				KTEST_EXPECT_EQ(t, per_cpu_ptr(zone->pageset, cpu)->count, 0);
	/* and give back what alloc_phase kept */
	smpt_run(remote_free_phase, NULL, settle);
	for (cpu = 0; cpu < work.ncpus; cpu++)
		KTEST_EXPECT_EQ(t, work.bad[cpu], 0);
}

const struct ktest_case smp_cases[] = {
	KTEST_CASE(all_cpus_alloc_and_free),
	KTEST_CASE(drain_all_empties_every_pageset),
	KTEST_CASE(smpt_remote_free_while_allocating),
	KTEST_CASE(smpt_remote_free_full_and_empty),
	KTEST_CASE(smpt_debug_cache_remote_free),
	KTEST_CASE(smpt_tlb_shootdown),
	KTEST_CASES_END,
};

static const struct ktest_suite smp_suite = {
	.name = "smp",
	.cases = smp_cases,
	.init = smpt_env_init,
	.exit = smpt_env_exit,
};
KTEST_SUITE(smp_suite);
