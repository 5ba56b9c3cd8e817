// SPDX-License-Identifier: MIT
/*
 * The smp suite (kernel/mm/tests/smp_test.c, also in the kernel) on the
 * host: "smp" on 2 simulated CPUs, "smp_4cpu" on 4 (more CPUs than the
 * machine's cores: threads are preempted mid-operation, as interrupts
 * would), and "smp_sim" on the simulator's own cross-CPU calls and
 * lockdep-lite's reports (recursion, wrong-CPU unlock, irq-unsafe). Built
 * twice: ASan+UBSan (host.test_smp) and ThreadSanitizer (host.test_smp_tsan).
 */
#include "sim_ktest.h"
#include "sim_smp.h"
#include "smp_test_host.h"

#include "../../kernel/mm/tests/smp_test.h"
#include <kernel/hardirq.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <lib/errno.h>
#include <mm/page_alloc.h>

static int four_init(struct ktest *t)
{
	smpt_host_cpus = 4;
	return smpt_env_init(t);
}

static void four_exit(struct ktest *t)
{
	smpt_env_exit(t);
	smpt_host_cpus = 2;
}

static const struct ktest_suite four_suite = { "smp_4cpu", smp_cases, four_init, four_exit };
KTEST_SUITE(four_suite);

/* The simulator's cross-CPU calls themselves. */
#define CALLS 2001 /* a multiple of 3: each of the 3 others gets a third */

static unsigned int ran_on[NR_CPUS], in_irq_seen[NR_CPUS];
static DEFINE_SPINLOCK(counter_lock);
static unsigned long counter;

static void note(void *unused)
{
	unsigned int cpu = smp_processor_id();

	(void)unused;
	ran_on[cpu]++;
	in_irq_seen[cpu] += in_hardirq() && irqs_disabled();
	spin_lock(&counter_lock);
	counter++;
	spin_unlock(&counter_lock);
}

/* Every CPU calls every other CPU, all at once: each call runs exactly once,
 * on its target, in interrupt context; nobody deadlocks waiting. */
static void call_storm(unsigned int cpu, void *arg)
{
	(void)arg;
	for (unsigned int i = 0; i < CALLS; i++) {
		unsigned int target = (cpu + 1 + i % 3) % 4;

		smp_call_function_single(target, note, NULL, i % 2);
	}
}

static void calls_reach_their_cpu_once(struct ktest *t)
{
	unsigned long flags;

	memset(ran_on, 0, sizeof(ran_on));
	memset(in_irq_seen, 0, sizeof(in_irq_seen));
	counter = 0;
	KTEST_ASSERT_EQ(t, sim_smp_run(4, call_storm, NULL), 0);
	/* each CPU gets CALLS / 3 calls from each of the 3 others */
	for (unsigned int cpu = 0; cpu < 4; cpu++) {
		KTEST_EXPECT_EQ(t, ran_on[cpu], 3 * (CALLS / 3));
		KTEST_EXPECT_EQ(t, in_irq_seen[cpu], ran_on[cpu]);
	}
	spin_lock_irqsave(&counter_lock, flags);
	KTEST_EXPECT_EQ(t, counter, 4UL * CALLS);
	spin_unlock_irqrestore(&counter_lock, flags);
	/* no such CPU: refused, not queued for nobody */
	KTEST_EXPECT_EQ(t, smp_call_function_single(nr_cpu_ids, note, NULL, true), -ENXIO);
	/* the CPUs stay online after the run and still answer */
	KTEST_EXPECT_EQ(t, smp_call_function_single(3, note, NULL, true), 0);
	KTEST_EXPECT_EQ(t, ran_on[3], 3 * (CALLS / 3) + 1);
}

/* lockdep-lite: the bugs it exists for end in a clear panic. */
static void spinlock_recursion_reported(struct ktest *t)
{
	static DEFINE_SPINLOCK(l);

	spin_lock(&l);
	if (SIM_PANIC_TRY() == 0) {
		spin_lock(&l); /* would spin forever */
		SIM_PANIC_DONE();
		KTEST_EXPECT_TRUE(t, false);
	} else {
		KTEST_EXPECT_TRUE(t, strstr(sim_panic_message(), "spinlock recursion on CPU#0"));
		KTEST_EXPECT_EQ(t, sim_log_count("BUG: spinlock recursion on CPU#0"), 1);
	}
}

static void spinlock_wrong_cpu_unlock_reported(struct ktest *t)
{
	static DEFINE_SPINLOCK(l);

	if (SIM_PANIC_TRY() == 0) {
		spin_unlock(&l); /* not held */
		SIM_PANIC_DONE();
		KTEST_EXPECT_TRUE(t, false);
	} else {
		KTEST_EXPECT_TRUE(t, strstr(sim_panic_message(), "spinlock wrong CPU"));
	}
}

static spinlock_t irq_lock = SPIN_LOCK_UNLOCKED;

static void take_irq_lock(void *unused)
{
	(void)unused;
	spin_lock(&irq_lock);
	spin_unlock(&irq_lock);
}

/* Taken in an interrupt (an IPI here), then with interrupts on: reported. */
static void irq_unsafe_lock_reported(struct ktest *t)
{
	unsigned long flags;

	on_each_cpu(take_irq_lock, NULL, true); /* locally: irqs off, not in irq */
	irq_enter();
	flags = local_irq_save();
	take_irq_lock(NULL); /* in interrupt context: fine so far */
	local_irq_restore(flags);
	irq_exit();
	spin_lock_irqsave(&irq_lock, flags); /* irqs off: still fine */
	spin_unlock_irqrestore(&irq_lock, flags);
	KTEST_EXPECT_EQ(t, sim_log_count("inconsistent lock state"), 0);
	if (SIM_PANIC_TRY() == 0) {
		spin_lock(&irq_lock); /* interrupts enabled */
		SIM_PANIC_DONE();
		KTEST_EXPECT_TRUE(t, false);
	} else {
		KTEST_EXPECT_EQ(t, sim_log_count("WARNING: inconsistent lock state"), 1);
		KTEST_EXPECT_EQ(
			t, sim_log_count("inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage."),
			1);
	}
	irq_lock = (spinlock_t)SPIN_LOCK_UNLOCKED;
}

static int sim_init(struct ktest *t)
{
	smpt_host_cpus = 4;
	return smpt_env_init(t);
}

static const struct ktest_case sim_cases[] = {
	KTEST_CASE(calls_reach_their_cpu_once),
	KTEST_CASE(spinlock_recursion_reported),
	KTEST_CASE(spinlock_wrong_cpu_unlock_reported),
	KTEST_CASE(irq_unsafe_lock_reported),
	KTEST_CASES_END,
};

static const struct ktest_suite sim_suite = { "smp_sim", sim_cases, sim_init, four_exit };
KTEST_SUITE(sim_suite);
