// SPDX-License-Identifier: MIT
/*
 * ktest suite "spinlock": the lock's waiting mode on this machine. Under a
 * hypervisor (CPUID's hypervisor bit; QEMU's TCG sets it) a waiter must
 * not take a ticket (Linux's virt_spin_lock): with tickets, four vCPUs on
 * a loaded host spent most of the smp suite spinning behind a waiter whose
 * vCPU was not running (0.3 s became 3 s and more). On bare metal the
 * waiter takes its ticket.
 */
#include <asm/processor.h>
#include <kernel/arch.h>
#include <kernel/processor.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <lib/ktest.h>

/* How long CPU 0 watches the lock word while CPU 1 waits for the lock. */
#define WATCH_NS 20000000ull

static bool cpuid_hypervisor(void)
{
	uint32_t a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	return (c & X86_FEATURE_HYPERVISOR) != 0;
}

static void virt_spin_lock_follows_cpuid(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, virt_spin_lock_enabled, cpuid_hypervisor());
	ktest_printf(t, "waiters %s",
		     virt_spin_lock_enabled ? "test-and-set (hypervisor)" : "take tickets");
}

static DEFINE_SPINLOCK(test_lock);
static bool waiter_started, waiter_got_it, waiter_done;

static void waiter(void *arg)
{
	unsigned long flags;

	(void)arg;
	__atomic_store_n(&waiter_started, true, __ATOMIC_RELEASE);
	spin_lock_irqsave(&test_lock, flags);
	__atomic_store_n(&waiter_got_it, true, __ATOMIC_RELEASE);
	spin_unlock_irqrestore(&test_lock, flags);
	__atomic_store_n(&waiter_done, true, __ATOMIC_RELEASE);
}

static unsigned int tickets_out(void)
{
	return __atomic_load_n(&test_lock.next, __ATOMIC_ACQUIRE) -
	       __atomic_load_n(&test_lock.owner, __ATOMIC_ACQUIRE);
}

/*
 * CPU 0 holds the lock while CPU 1 waits for it, and watches next - owner:
 * 1 (its own ticket) all along for a test-and-set waiter, 2 once a ticket
 * waiter has taken its ticket.
 */
static void waiter_ticket_as_mode_says(struct ktest *t)
{
	unsigned int most = 0, other = cpumask_next_from(1, cpu_online_mask);
	unsigned long flags;
	uint64_t start;

	if (other >= NR_CPUS)
		KTEST_SKIP(t, "one CPU online");
	waiter_started = waiter_got_it = waiter_done = false;
	spin_lock_irqsave(&test_lock, flags);
	KTEST_EXPECT_EQ(t, smp_call_function_single(other, waiter, NULL, false), 0);
	while (!__atomic_load_n(&waiter_started, __ATOMIC_ACQUIRE))
		cpu_relax();
	start = arch_clock_ns();
	while (arch_clock_ns() - start < WATCH_NS) {
		unsigned int n = tickets_out();

		most = n > most ? n : most;
		if (!virt_spin_lock_enabled && most == 2)
			break;
		cpu_relax();
	}
	KTEST_EXPECT_FALSE(t, __atomic_load_n(&waiter_got_it, __ATOMIC_ACQUIRE));
	spin_unlock_irqrestore(&test_lock, flags);
	/* Not just got_it: the waiter holds the lock until it unlocks. */
	while (!__atomic_load_n(&waiter_done, __ATOMIC_ACQUIRE))
		cpu_relax();
	KTEST_EXPECT_TRUE(t, __atomic_load_n(&waiter_got_it, __ATOMIC_ACQUIRE));
	KTEST_EXPECT_EQ(t, most, virt_spin_lock_enabled ? 1u : 2u);
	KTEST_EXPECT_EQ(t, tickets_out(), 0u);
}

static const struct ktest_case spinlock_cases[] = {
	KTEST_CASE(virt_spin_lock_follows_cpuid),
	KTEST_CASE(waiter_ticket_as_mode_says),
	KTEST_CASES_END,
};

static const struct ktest_suite spinlock_suite = {
	.name = "spinlock",
	.cases = spinlock_cases,
};
KTEST_SUITE(spinlock_suite);
