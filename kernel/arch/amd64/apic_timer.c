// SPDX-License-Identifier: MIT
/*
 * The local APIC timer as each CPU's periodic tick, as Linux's
 * setup_boot_APIC_clock/calibrate_APIC_clock (arch/x86/kernel/apic/apic.c)
 * when the TSC frequency is known: the boot CPU lets its APIC timer count
 * down from 0xffffffff (divided by 16) for LAPIC_CAL_LOOPS ticks' worth of
 * TSC time, which gives the bus clocks per tick; every CPU then runs its
 * timer periodic at HZ. Linux measures over 100 ms (HZ/10 ticks); 10 ticks
 * (40 ms) are as exact here, both clocks being read back to back, and cost
 * TCG boots less. Linux prints the calibration only with apic=verbose, and
 * so does this.
 */
#define pr_fmt(fmt) fmt

#include <asm/apic.h>
#include <asm/cpu_relax.h>
#include <asm/processor.h>
#include <asm/tsc.h>
#include <kernel/irqflags.h>
#include <kernel/jiffies.h>
#include <kernel/printk.h>

#define APIC_DIVISOR	16
#define LAPIC_CAL_LOOPS 10
#define TICK_NSEC	((1000000000u + HZ / 2) / HZ)

uint32_t lapic_timer_period;

int calibrate_APIC_clock(void)
{
	uint64_t tsc_perj, tsc1, tsc2, deltatsc, period;
	uint32_t t1, t2;
	long delta;
	unsigned long flags;

	if (!tsc_khz) {
		pr_warn("APIC timer: no calibrated TSC to measure it against, no tick\n");
		return -1;
	}
	apic_printk(APIC_VERBOSE, "Using local APIC timer interrupts.\n"
				  "calibrating APIC timer ...\n");
	tsc_perj = (uint64_t)tsc_khz * 1000 / HZ;
	flags = local_irq_save();
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, LOCAL_TIMER_VECTOR | APIC_LVT_MASKED);
	apic_write(APIC_TMICT, 0xffffffff);
	/* Each clock read right after the other: TCG may pause us anywhere. */
	t1 = apic_read(APIC_TMCCT);
	tsc1 = rdtsc();
	while (rdtsc() - tsc1 < LAPIC_CAL_LOOPS * tsc_perj)
		cpu_relax();
	t2 = apic_read(APIC_TMCCT);
	tsc2 = rdtsc();
	apic_write(APIC_TMICT, 0);
	local_irq_restore(flags);

	/* The timer counts down. */
	delta = (long)(t1 - t2);
	deltatsc = tsc2 - tsc1;
	apic_printk(APIC_VERBOSE, "... lapic delta = %ld\n", delta);
	/* Scaled by the TSC time that really passed, not the time asked for. */
	period = (uint64_t)delta * APIC_DIVISOR * tsc_perj / deltatsc;
	lapic_timer_period = period > UINT32_MAX ? UINT32_MAX : (uint32_t)period;
	apic_printk(APIC_VERBOSE, "..... delta %ld\n", delta);
	/* Linux's clockevent mult: divided timer counts per ns, shift 32. */
	apic_printk(APIC_VERBOSE, "..... mult: %u\n",
		    (uint32_t)(((uint64_t)(lapic_timer_period / APIC_DIVISOR) << 32) / TICK_NSEC));
	apic_printk(APIC_VERBOSE, "..... calibration result: %u\n", lapic_timer_period);
	apic_printk(APIC_VERBOSE, "..... CPU clock speed is %ld.%04ld MHz.\n",
		    (long)(deltatsc / LAPIC_CAL_LOOPS) / (1000000 / HZ),
		    (long)(deltatsc / LAPIC_CAL_LOOPS) % (1000000 / HZ));
	apic_printk(APIC_VERBOSE, "..... host bus clock speed is %u.%04u MHz.\n",
		    lapic_timer_period / (1000000 / HZ), lapic_timer_period % (1000000 / HZ));
	if (lapic_timer_period < 1000000 / HZ) {
		lapic_timer_period = 0;
		pr_warn("APIC frequency too slow, disabling apic timer\n");
		return -1;
	}
	return 0;
}

void setup_APIC_timer(void)
{
	if (!lapic_timer_period)
		return;
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, LOCAL_TIMER_VECTOR | APIC_LVT_TIMER_PERIODIC);
	apic_write(APIC_TMICT, lapic_timer_period / APIC_DIVISOR);
}
