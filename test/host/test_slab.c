// SPDX-License-Identifier: MIT
/*
 * Host-only suites around the shared slab suite (kernel/mm/tests/slab_test.c,
 * linked into this binary too):
 *  - slab_numa: the same cases on a two-node machine with 2 possible CPUs;
 *  - slab_debug_all: the same cases under slub_debug=FZPU (every cache);
 *  - slab_boot: what happens before UP, the slub_debug= cache list, and
 *    sim_reset putting the allocator back to DOWN between machines.
 */
#include "sim_ktest.h"
#include "slab_test_host.h"

#include "../../kernel/mm/slab_internal.h"
#include "../../kernel/mm/tests/slab_test.h"
#include <mm/page_alloc.h>

static int numa_init(struct ktest *t)
{
	slt_machine = &pa_two_nodes;
	slt_cmdline = "possible_cpus=2";
	return slt_env_init(t);
}

static int debug_all_init(struct ktest *t)
{
	slt_cmdline = "slub_debug=FZPU";
	return slt_env_init(t);
}

static void restore(struct ktest *t)
{
	slt_env_exit(t);
	slt_machine = &pa_q35_512m;
	slt_cmdline = "";
}

static const struct ktest_suite numa_suite = {
	"slab_numa", slab_cases, numa_init, restore
};
KTEST_SUITE(numa_suite);

static const struct ktest_suite debug_all_suite = {
	"slab_debug_all", slab_cases, debug_all_init, restore
};
KTEST_SUITE(debug_all_suite);

/* --- before UP, slub_debug=, reset --- */

static struct kmem_cache *find_cache(const char *name)
{
	struct kmem_cache *s;

	list_for_each_entry(s, &slab_caches, list)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

/* Before kmem_cache_init: kmalloc and kmem_cache_create refuse, reported. */
static void slab_before_init(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "", true), 0);
	KTEST_EXPECT_EQ(t, (int)slab_state, (int)DOWN);
	KTEST_EXPECT_NULL(t, kmalloc(64, GFP_KERNEL));
	SIM_EXPECT_LINE(t, "kmalloc(64) before the slab allocator is up");
	KTEST_EXPECT_NULL(t, kmem_cache_create("early", 64, 0, 0, NULL));
	SIM_EXPECT_LINE(t, "kmem_cache_create(early): the slab allocator is not up yet");
	kmem_cache_init();
	KTEST_EXPECT_EQ(t, (int)slab_state, (int)UP);
	SIM_EXPECT_LINE(t, "SLUB: HWalign=64, Order=0-3, MinObjects=8, CPUs=1, Nodes=1");
	/* Bad arguments: no name, size 0, alignment not a power of two. */
	KTEST_EXPECT_NULL(t, kmem_cache_create(NULL, 64, 0, 0, NULL));
	KTEST_EXPECT_NULL(t, kmem_cache_create("zero", 0, 0, 0, NULL));
	KTEST_EXPECT_NULL(t, kmem_cache_create("odd_align", 64, 24, 0, NULL));
	SIM_EXPECT_LINE(t, "kmem_cache_create(odd_align): bad size 64 or alignment 24");
}

/* slub_debug=FZ,kmalloc-64: the flags on the listed cache, no other. */
static void slab_debug_option_list(struct ktest *t)
{
	slab_flags_t fz = SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE;

	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "slub_debug=FZ,kmalloc-64,kmalloc-1k", true), 0);
	kmem_cache_init();
	KTEST_ASSERT_NOT_NULL(t, find_cache("kmalloc-64"));
	KTEST_ASSERT_NOT_NULL(t, find_cache("kmalloc-1k"));
	KTEST_ASSERT_NOT_NULL(t, find_cache("kmalloc-128"));
	KTEST_EXPECT_EQ(t, find_cache("kmalloc-64")->flags & SLAB_DEBUG_FLAGS, fz);
	KTEST_EXPECT_EQ(t, find_cache("kmalloc-1k")->flags & SLAB_DEBUG_FLAGS, fz);
	KTEST_EXPECT_EQ(t, find_cache("kmalloc-128")->flags & SLAB_DEBUG_FLAGS, 0U);
	KTEST_EXPECT_EQ(t, find_cache("kmem_cache")->flags & SLAB_DEBUG_FLAGS, 0U);
}

/* A second machine after sim_reset: nothing of the first one is left. */
static void slab_reset_between_machines(struct ktest *t)
{
	unsigned int caches = 0;
	struct kmem_cache *s;
	void *p;

	KTEST_ASSERT_EQ(t, pa_boot(&pa_two_nodes, "slub_debug=FZPU", true), 0);
	kmem_cache_init();
	p = kmalloc(100, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	kfree(p);
	kfree(p); /* an error, counted */
	KTEST_EXPECT_EQ(t, slab_errors, 1UL);
	KTEST_ASSERT_EQ(t, pa_boot(&pa_q35_512m, "", true), 0);
	KTEST_EXPECT_EQ(t, (int)slab_state, (int)DOWN);
	KTEST_EXPECT_TRUE(t, list_empty(&slab_caches));
	KTEST_EXPECT_NULL(t, kmem_cache);
	KTEST_EXPECT_EQ(t, slab_errors, 0UL);
	kmem_cache_init();
	/* 2 bootstrap caches + 13 kmalloc caches, none with node 1 or debug */
	list_for_each_entry(s, &slab_caches, list) {
		caches++;
		KTEST_EXPECT_NULL(t, s->node[1]);
		KTEST_EXPECT_EQ(t, s->flags & SLAB_DEBUG_FLAGS, 0U);
	}
	KTEST_EXPECT_EQ(t, caches, 15U);
	slabinfo_show(); /* walks every node pointer: must not touch node 1 */
	KTEST_EXPECT_EQ(t, sim_log_count("kmalloc-"), 13U);
}

static const struct ktest_case boot_cases[] = {
	KTEST_CASE(slab_before_init),
	KTEST_CASE(slab_debug_option_list),
	KTEST_CASE(slab_reset_between_machines),
	KTEST_CASES_END,
};

static const struct ktest_suite boot_suite = {
	"slab_boot", boot_cases, sim_ktest_init, sim_ktest_dump_log
};
KTEST_SUITE(boot_suite);
