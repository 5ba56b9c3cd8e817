// SPDX-License-Identifier: MIT
/*
 * The smp suite's hooks in the kernel: the work runs on every online CPU
 * through on_each_cpu (in its IPI handler, so it makes no cross-CPU call
 * itself; drains and shrinks happen between the phases), and the TLB case
 * on the live vmalloc area.
 */
#include "smp_test.h"

#include <kernel/percpu.h>
#include <kernel/smp.h>
#include <mm/page_alloc.h>
#include <mm/vmalloc.h>

int smpt_env_init(struct ktest *t)
{
	(void)t;
	return 0;
}

void smpt_env_exit(struct ktest *t)
{
	(void)t;
}

struct run {
	void (*fn)(unsigned int cpu, void *arg);
	void *arg;
	unsigned int cpus; /* atomic */
};

static void run_here(void *p)
{
	struct run *r = p;

	r->fn(smp_processor_id(), r->arg);
	__atomic_fetch_add(&r->cpus, 1, __ATOMIC_RELAXED);
}

unsigned int smpt_run(void (*fn)(unsigned int cpu, void *arg), void *arg, void (*after)(void))
{
	struct run r = { fn, arg, 0 };

	on_each_cpu(run_here, &r, true);
	if (after)
		after();
	return __atomic_load_n(&r.cpus, __ATOMIC_RELAXED);
}

bool smpt_may_call_cpus(void)
{
	return false;
}

unsigned int smpt_first_concurrent_cpu(void)
{
	return 1;
}

static unsigned long seen[NR_CPUS];

static void read_area(void *addr)
{
	seen[smp_processor_id()] = *(volatile unsigned long *)addr;
}

#define TRIES 64

/*
 * Every CPU reads an area (its TLB may now hold the translation), the
 * area is freed and vmalloc'ed again until the same range comes back on a
 * new page: every CPU must read the new page's contents, not the old one's.
 */
void smpt_tlb_shootdown(struct ktest *t)
{
	unsigned long *old, *again[TRIES];
	unsigned int cpu, n = 0;
	bool reused = false;

	/* Ranges freed earlier come back now, not below old at the purge after vfree. */
	vm_unmap_aliases();
	old = vmalloc(PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(t, old);
	*old = 0x01d01d01d01dUL;
	on_each_cpu(read_area, old, true);
	for_each_online_cpu(cpu)
		KTEST_EXPECT_EQ(t, seen[cpu], 0x01d01d01d01dUL);
	vfree(old);
	/* The range is reused only after the purge's shootdown: purge now. */
	vm_unmap_aliases();
	while (n < TRIES && !reused) {
		again[n] = vmalloc(PAGE_SIZE);
		if (!again[n])
			break;
		reused = again[n++] == old;
	}
	KTEST_EXPECT_TRUE(t, reused);
	if (reused) {
		*again[n - 1] = 0x0e770e770e77UL;
		on_each_cpu(read_area, again[n - 1], true);
		for_each_online_cpu(cpu)
			KTEST_EXPECT_EQ(t, seen[cpu], 0x0e770e770e77UL);
	}
	while (n)
		vfree(again[--n]);
}
