// SPDX-License-Identifier: MIT
/*
 * Self-tests of the periodic tick on the machine: every online CPU's local
 * APIC timer is programmed periodic on LOCAL_TIMER_VECTOR (with the error
 * and spurious vectors in place), every online CPU takes ticks, and
 * jiffies advance at HZ against the TSC clock. TCG runs the guest at an
 * uneven pace and merges the ticks of a vCPU that did not run (3 of 4 lost
 * on a busy 2-core host), so the interrupt counts must only move and not
 * come faster than 4 x HZ; jiffies, which make up for merged ticks, must
 * be at least a quarter of the TSC's count (the last tick may be late),
 * at most 4 times it, and never ahead of the time since entry.
 */
#include <asm/apic.h>
#include <kernel/arch.h>
#include <kernel/irqflags.h>
#include <kernel/jiffies.h>
#include <kernel/processor.h>
#include <kernel/smp.h>
#include <lib/ktest.h>

#define WAIT_NS	   200000000ull /* 50 ticks at HZ=250 */
#define TOLERANCE  4
#define NS_PER_SEC 1000000000ull

struct apic_regs {
	uint32_t lvtt, tdcr, tmict, lvterr, spiv;
	bool done;
};

static struct apic_regs regs_of[NR_CPUS];

static void read_apic_regs(void *arg)
{
	struct apic_regs *r = &regs_of[smp_processor_id()];

	(void)arg;
	r->lvtt = apic_read(APIC_LVTT);
	r->tdcr = apic_read(APIC_TDCR);
	r->tmict = apic_read(APIC_TMICT);
	r->lvterr = apic_read(APIC_LVTERR);
	r->spiv = apic_read(APIC_SPIV);
	r->done = true;
}

static void lapic_timer_periodic_on_each_cpu(struct ktest *t)
{
	unsigned int cpu;

	KTEST_ASSERT_NE(t, lapic_timer_period, 0u);
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		regs_of[cpu].done = false;
	on_each_cpu(read_apic_regs, NULL, true);
	for_each_online_cpu(cpu) {
		const struct apic_regs *r = &regs_of[cpu];

		KTEST_EXPECT_TRUE(t, r->done);
		/* Vector, periodic, not masked; divide by 16. */
		KTEST_EXPECT_EQ(t, r->lvtt & (0xffu | APIC_LVT_MASKED | APIC_LVT_TIMER_PERIODIC),
				LOCAL_TIMER_VECTOR | APIC_LVT_TIMER_PERIODIC);
		KTEST_EXPECT_EQ(t, r->tdcr & 0xbu, APIC_TDR_DIV_16);
		KTEST_EXPECT_EQ(t, r->tmict, lapic_timer_period / 16);
		KTEST_EXPECT_EQ(t, r->lvterr & (0xffu | APIC_LVT_MASKED), ERROR_APIC_VECTOR);
		KTEST_EXPECT_EQ(t, r->spiv & (0xffu | APIC_SPIV_APIC_ENABLED),
				SPURIOUS_APIC_VECTOR | APIC_SPIV_APIC_ENABLED);
	}
}

/* Wait WAIT_NS on the TSC clock with interrupts on; the time it took. */
static uint64_t wait_ticks(void)
{
	uint64_t start = arch_clock_ns(), now;

	do {
		cpu_relax();
		now = arch_clock_ns();
	} while (now - start < WAIT_NS);
	return now - start;
}

static void every_cpu_ticks(struct ktest *t)
{
	static unsigned long before[NR_CPUS];
	unsigned long expected;
	uint64_t ns;
	unsigned int cpu;

	KTEST_ASSERT_FALSE(t, irqs_disabled());
	KTEST_ASSERT_NE(t, arch_clock_ns(), 0ull);
	for_each_online_cpu(cpu)
		before[cpu] = tick_count(cpu);
	ns = wait_ticks();
	expected = (unsigned long)(ns * HZ / NS_PER_SEC);
	for_each_online_cpu(cpu) {
		unsigned long got = tick_count(cpu) - before[cpu];

		KTEST_EXPECT_GE(t, got, 1ul);
		KTEST_EXPECT_LE(t, got, expected * TOLERANCE + 1);
		if (!got || got > expected * TOLERANCE + 1)
			ktest_printf(t, "CPU%u: %lu ticks in %llu ns, %lu expected", cpu, got,
				     (unsigned long long)ns, expected);
	}
}

static void jiffies_follow_tsc(struct ktest *t)
{
	unsigned long j0, got, expected;
	uint64_t ns;

	KTEST_ASSERT_FALSE(t, irqs_disabled());
	KTEST_ASSERT_NE(t, arch_clock_ns(), 0ull);
	j0 = jiffies;
	ns = wait_ticks();
	got = jiffies - j0;
	expected = (unsigned long)(ns * HZ / NS_PER_SEC);
	ktest_printf(t, "%lu jiffies in %llu ns (HZ=%d: %lu expected)", got, (unsigned long long)ns,
		     HZ, expected);
	KTEST_EXPECT_GT(t, got, 0ul);
	KTEST_EXPECT_GE(t, got, expected / TOLERANCE);
	/* More only if the tick before j0 was late: that time counts now. */
	KTEST_EXPECT_LE(t, got, expected * TOLERANCE + 1);
	/* Counted from INITIAL_JIFFIES: never ahead of the time since entry. */
	KTEST_EXPECT_LE(t, jiffies - INITIAL_JIFFIES,
			(unsigned long)(arch_clock_ns() * HZ / NS_PER_SEC) + 1);
}

static const struct ktest_case timer_cases[] = {
	KTEST_CASE(lapic_timer_periodic_on_each_cpu),
	KTEST_CASE(every_cpu_ticks),
	KTEST_CASE(jiffies_follow_tsc),
	KTEST_CASES_END,
};

static const struct ktest_suite timer_suite = {
	.name = "timer",
	.cases = timer_cases,
};
KTEST_SUITE(timer_suite);
