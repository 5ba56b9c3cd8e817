// SPDX-License-Identifier: MIT
/*
 * Self-tests of the cross-CPU call layer and the TLB shootdown on the
 * machine: every online CPU runs the function exactly once, on itself,
 * with interrupts off; calls queued without waiting all run before a
 * later waited call returns; a CPU that cached a kernel mapping sees the
 * new page once arch_flush_tlb_kernel_range() returns (QEMU's TLBs keep
 * stale entries until flushed, so a missing IPI shows).
 */
#include <asm/apic.h>
#include <asm/setup.h>
#include <kernel/irqflags.h>
#include <kernel/smp.h>
#include <lib/errno.h>
#include <lib/ktest.h>
#include <mm/arch_vmap.h>
#include <mm/page_alloc.h>
#include <mm/vmalloc.h>

#define NO_CPU 0xffffffffu

static unsigned int ran_on[NR_CPUS];
static unsigned long hits[NR_CPUS];
static bool irqs_were_on;

static void record_cpu(void *arg)
{
	unsigned int cpu = smp_processor_id();
	unsigned long flags = local_irq_save();

	(void)arg;
	irqs_were_on |= (flags >> 9) & 1;
	ran_on[cpu] = cpu;
	__atomic_fetch_add(&hits[cpu], 1, __ATOMIC_RELAXED);
}

static void reset(void)
{
	for (unsigned int i = 0; i < NR_CPUS; i++) {
		ran_on[i] = NO_CPU;
		hits[i] = 0;
	}
	irqs_were_on = false;
}

static void need_two_cpus(struct ktest *t)
{
	if (num_online_cpus() < 2)
		KTEST_SKIP(t, "one CPU online");
}

static void on_each_cpu_once_each(struct ktest *t)
{
	unsigned int cpu;

	need_two_cpus(t);
	reset();
	on_each_cpu(record_cpu, NULL, true);
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		KTEST_EXPECT_EQ(t, hits[cpu], cpu_online(cpu) ? 1UL : 0UL);
		if (cpu_online(cpu))
			KTEST_EXPECT_EQ(t, ran_on[cpu], cpu);
	}
	KTEST_EXPECT_FALSE(t, irqs_were_on);
}

static void call_single_each_cpu(struct ktest *t)
{
	unsigned int cpu;

	need_two_cpus(t);
	reset();
	for_each_online_cpu(cpu)
		KTEST_EXPECT_EQ(t, smp_call_function_single(cpu, record_cpu, NULL, true), 0);
	for_each_online_cpu(cpu)
		KTEST_EXPECT_EQ(t, hits[cpu], 1UL);
	KTEST_EXPECT_EQ(t, smp_call_function_single(NR_CPUS, record_cpu, NULL, true), -ENXIO);
	KTEST_EXPECT_EQ(t, smp_call_function_single(nr_cpu_ids, record_cpu, NULL, true), -ENXIO);
}

/* Many calls without waiting, then one that waits: all have run by then. */
static void no_wait_calls_all_run(struct ktest *t)
{
	const unsigned long n = 2000;
	unsigned int cpu, self = smp_processor_id();

	need_two_cpus(t);
	reset();
	for (unsigned long i = 0; i < n; i++)
		smp_call_function(record_cpu, NULL, false);
	smp_call_function(record_cpu, NULL, true);
	for_each_online_cpu(cpu)
		KTEST_EXPECT_EQ(t, hits[cpu], cpu == self ? 0UL : n + 1);
}

/* Interrupts off here: the callee still runs (we serve nothing ourselves). */
static void call_with_irqs_off(struct ktest *t)
{
	unsigned int cpu;
	unsigned long flags;

	need_two_cpus(t);
	reset();
	flags = local_irq_save();
	smp_call_function(record_cpu, NULL, true);
	local_irq_restore(flags);
	for_each_online_cpu(cpu)
		KTEST_EXPECT_EQ(t, hits[cpu], cpu == smp_processor_id() ? 0UL : 1UL);
}

struct remote_read {
	const volatile unsigned long *p;
	unsigned long seen[NR_CPUS];
};

static void read_remote(void *arg)
{
	struct remote_read *r = arg;

	r->seen[smp_processor_id()] = *r->p;
}

static void tlb_shootdown_reaches_all(struct ktest *t)
{
	struct remote_read r = { 0 };
	struct page *b = alloc_page(GFP_KERNEL);
	unsigned long *v = vmalloc(PAGE_SIZE), va = (unsigned long)v;
	phys_addr_t pa_a;
	unsigned int cpu;

	need_two_cpus(t);
	KTEST_ASSERT_NOT_NULL(t, b);
	KTEST_ASSERT_NOT_NULL(t, v);
	*v = 0xaaaa;
	*(unsigned long *)page_address(b) = 0xbbbb;
	r.p = v;
	/* Every CPU caches the translation to page A. */
	on_each_cpu(read_remote, &r, true);
	for_each_online_cpu(cpu)
		KTEST_EXPECT_EQ(t, r.seen[cpu], 0xaaaaUL);
	/* Same address, page B. */
	KTEST_ASSERT_TRUE(t, arch_unmap_kernel_page(va, &pa_a));
	KTEST_ASSERT_EQ(t, arch_map_kernel_page(va, PFN_PHYS(page_to_pfn(b)), VM_CACHE_WB), 0);
	arch_flush_tlb_kernel_range(va, va + PAGE_SIZE);
	on_each_cpu(read_remote, &r, true);
	for_each_online_cpu(cpu)
		KTEST_EXPECT_EQ(t, r.seen[cpu], 0xbbbbUL);
	/* Page A back where vfree expects it. */
	arch_unmap_kernel_page(va, &(phys_addr_t){ 0 });
	arch_map_kernel_page(va, pa_a, VM_CACHE_WB);
	arch_flush_tlb_kernel_range(va, va + PAGE_SIZE);
	vfree(v);
	__free_page(b);
}

static uint32_t apic_id_of[NR_CPUS];

static void record_apic_id(void *arg)
{
	(void)arg;
	apic_id_of[smp_processor_id()] = read_apic_id();
}

/* smp_processor_id() agrees with the hardware: CPU n has the n-th APIC id. */
static void cpu_numbers_match_apic_ids(struct ktest *t)
{
	unsigned int cpu;

	need_two_cpus(t);
	on_each_cpu(record_apic_id, NULL, true);
	for_each_online_cpu(cpu)
		KTEST_EXPECT_EQ(t, apic_id_of[cpu], cpu_physical_id(cpu));
}

static const struct ktest_case smp_ipi_cases[] = {
	KTEST_CASE(on_each_cpu_once_each),
	KTEST_CASE(call_single_each_cpu),
	KTEST_CASE(no_wait_calls_all_run),
	KTEST_CASE(call_with_irqs_off),
	KTEST_CASE(tlb_shootdown_reaches_all),
	KTEST_CASE(cpu_numbers_match_apic_ids),
	KTEST_CASES_END,
};

static const struct ktest_suite smp_ipi_suite = {
	.name = "smp_ipi",
	.cases = smp_ipi_cases,
};
KTEST_SUITE(smp_ipi_suite);
