// SPDX-License-Identifier: MIT
/*
 * The smp suite's hooks on the host: every case boots a fresh q35 512M
 * machine with smpt_host_cpus possible CPUs and brings the slab allocator
 * up; the work runs on that many simulated CPUs (threads, sim_smp.c), each
 * with interrupts enabled, so cross-CPU calls arrive in the middle of its
 * allocations as IPIs would.
 */
#include "page_alloc_machines.h"
#include "sim_ktest.h"
#include "sim_smp.h"
#include "smp_test_host.h"

#include "../../kernel/mm/tests/smp_test.h"
#include <kernel/spinlock.h>
#include <stdio.h>
#include <mm/slab.h>

unsigned int smpt_host_cpus = 2;

int smpt_env_init(struct ktest *t)
{
	char cmdline[32];

	(void)t;
	snprintf(cmdline, sizeof(cmdline), "possible_cpus=%u", smpt_host_cpus);
	if (pa_boot(&pa_q35_512m, cmdline, true))
		return -1;
	kmem_cache_init();
	sim_log_clear();
	return 0;
}

void smpt_env_exit(struct ktest *t)
{
	sim_ktest_dump_log(t);
}

struct host_run {
	void (*fn)(unsigned int cpu, void *arg);
	void *arg;
	void (*after)(void);
	unsigned int done; /* atomic: CPUs whose fn returned */
};

static void host_cpu(unsigned int cpu, void *p)
{
	struct host_run *r = p;

	r->fn(cpu, r->arg);
	__atomic_fetch_add(&r->done, 1, __ATOMIC_RELEASE);
	if (cpu || !r->after)
		return;
	/* The others wait in sim_smp_run, online and taking calls. */
	while (__atomic_load_n(&r->done, __ATOMIC_ACQUIRE) < smpt_host_cpus) {
		sim_poll_ipis();
		sim_cpu_wait();
	}
	r->after();
}

unsigned int smpt_run(void (*fn)(unsigned int cpu, void *arg), void *arg, void (*after)(void))
{
	struct host_run r = { fn, arg, after, 0 };

	if (sim_smp_run(smpt_host_cpus, host_cpu, &r))
		return 0;
	return __atomic_load_n(&r.done, __ATOMIC_ACQUIRE);
}

bool smpt_may_call_cpus(void)
{
	return true;
}

unsigned int smpt_first_concurrent_cpu(void)
{
	return 0;
}

void smpt_tlb_shootdown(struct ktest *t)
{
	KTEST_SKIP(t, "vmalloc is not part of the host simulator (the kernel runs this case)");
}
