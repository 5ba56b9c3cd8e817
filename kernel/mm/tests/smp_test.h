/* SPDX-License-Identifier: MIT */
/*
 * The smp ktest suite (smp_test.c) runs in the kernel on every online CPU
 * and on the host on simulated CPUs (threads). What differs is behind these
 * hooks: smp_test_kernel.c and test/host/smp_test_host.c implement them.
 */
#ifndef MM_SMP_TEST_H
#define MM_SMP_TEST_H

#include <lib/ktest.h>
#include <stdbool.h>

int smpt_env_init(struct ktest *t);
void smpt_env_exit(struct ktest *t);

/**
 * smpt_run - @fn(cpu, @arg) on every online CPU at once, then @after()
 * on one CPU while all are still online and idle (nothing in flight)
 *
 * Return: how many CPUs ran @fn.
 */
unsigned int smpt_run(void (*fn)(unsigned int cpu, void *arg), void *arg, void (*after)(void));

/*
 * May @fn make cross-CPU calls (drain_all_pages, kmem_cache_shrink) while
 * the others work? On the host yes (each CPU is a thread that takes calls
 * whenever its interrupts are on); in the kernel @fn itself runs in the
 * IPI handler, where it must not wait on the other CPUs.
 */
bool smpt_may_call_cpus(void);

/*
 * The TLB case, a ktest case of its own (vmalloc is not in the host
 * simulator, which skips it): a CPU that read an area sees the new page
 * once the area is freed and its range reused.
 */
void smpt_tlb_shootdown(struct ktest *t);

/*
 * The first CPU from which smpt_run's CPUs all run at the same time (a case
 * where one CPU waits on another needs two from here): 0 on the host; 1 in
 * the kernel, where on_each_cpu runs the caller's CPU after the others.
 */
unsigned int smpt_first_concurrent_cpu(void);

/* Remote frees (smp_test_slab.c). */
void smpt_remote_free_while_allocating(struct ktest *t);
void smpt_remote_free_full_and_empty(struct ktest *t);

/* A debug cache under remote frees (smp_test_slab_debug.c). */
void smpt_debug_cache_remote_free(struct ktest *t);

extern const struct ktest_case smp_cases[];

#endif
