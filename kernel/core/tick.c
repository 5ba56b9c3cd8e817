// SPDX-License-Identifier: MIT
/*
 * The periodic tick, as Linux's tick_periodic (kernel/time/tick-common.c)
 * without clockevents: every CPU's timer interrupt lands here; the boot
 * CPU keeps time (jiffies), the others only count their ticks. There is
 * nothing to schedule yet: the tick exists so that time can be measured
 * in interrupts and every CPU is known to take them.
 *
 * jiffies advance by the ticks' worth of clock time that passed, as
 * Linux's tick_do_update_jiffies64 does in the NO_HZ/high-resolution mode
 * Debian runs, not by one per interrupt: an emulator merges the
 * interrupts of a vCPU that was not running (TCG on a busy host loses
 * three out of four), and the time they stood for must not be lost.
 */
#include <kernel/arch.h>
#include <kernel/jiffies.h>
#include <kernel/percpu.h>
#include <kernel/smp.h>
#include <stdint.h>

/* Linux's tick_do_timer_cpu: the boot CPU, which never goes offline. */
#define TICK_DO_TIMER_CPU 0

#define TICK_NSEC ((1000000000ull + HZ / 2) / HZ)

volatile unsigned long jiffies = INITIAL_JIFFIES;

/* Clock time up to which jiffies count ticks (Linux's last_jiffies_update). */
static uint64_t last_jiffies_update;

/* On the timekeeping CPU only: no lock needed. */
static void tick_do_update_jiffies(void)
{
	uint64_t now = arch_clock_ns(), ticks;

	if (!last_jiffies_update || !now) {
		/* The first tick (or no clock): count it and start from here. */
		last_jiffies_update = now;
		ticks = 1;
	} else {
		if (now - last_jiffies_update < TICK_NSEC)
			return; /* early: the next one counts it */
		ticks = (now - last_jiffies_update) / TICK_NSEC;
		last_jiffies_update += ticks * TICK_NSEC;
	}
	__atomic_store_n(&jiffies, jiffies + (unsigned long)ticks, __ATOMIC_RELEASE);
}

static DEFINE_PER_CPU(unsigned long, ticks);

void tick_handle_periodic(void)
{
	this_cpu_write(ticks, this_cpu_read(ticks) + 1);
	if (smp_processor_id() == TICK_DO_TIMER_CPU)
		tick_do_update_jiffies();
}

unsigned long tick_count(unsigned int cpu)
{
	return __atomic_load_n(per_cpu_ptr(&ticks, cpu), __ATOMIC_RELAXED);
}
