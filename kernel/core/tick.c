// SPDX-License-Identifier: MIT
/*
 * The periodic tick, as Linux's tick_periodic (kernel/time/tick-common.c)
 * without clockevents: every CPU's timer interrupt lands here; the boot
 * CPU keeps time (jiffies), the others only count their ticks. There is
 * nothing to schedule yet: the tick exists so that time can be measured
 * in interrupts and every CPU is known to take them.
 */
#include <kernel/jiffies.h>
#include <kernel/percpu.h>
#include <kernel/smp.h>

/* Linux's tick_do_timer_cpu: the boot CPU, which never goes offline. */
#define TICK_DO_TIMER_CPU 0

volatile unsigned long jiffies = INITIAL_JIFFIES;

static DEFINE_PER_CPU(unsigned long, ticks);

void tick_handle_periodic(void)
{
	this_cpu_write(ticks, this_cpu_read(ticks) + 1);
	if (smp_processor_id() == TICK_DO_TIMER_CPU)
		__atomic_store_n(&jiffies, jiffies + 1, __ATOMIC_RELEASE);
}

unsigned long tick_count(unsigned int cpu)
{
	return __atomic_load_n(per_cpu_ptr(&ticks, cpu), __ATOMIC_RELAXED);
}
