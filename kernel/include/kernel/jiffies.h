/* SPDX-License-Identifier: MIT */
/*
 * The periodic tick: HZ ticks a second on every online CPU (the arch's
 * timer interrupt calls tick_handle_periodic), and jiffies, the count of
 * ticks since boot, advanced by one CPU only (Linux's tick_do_timer_cpu,
 * the boot CPU here).
 */
#ifndef KERNEL_JIFFIES_H
#define KERNEL_JIFFIES_H

/* Debian's x86-64 kernel config: CONFIG_HZ_250. */
#define HZ 250

/*
 * As in Linux: jiffies starts five minutes before its 32-bit wrap, so that
 * code comparing jiffies without time_after() breaks early, not after
 * 49 days.
 */
#define INITIAL_JIFFIES ((unsigned long)(unsigned int)(-300 * HZ))

/* Ticks since boot, plus INITIAL_JIFFIES; read it with READ_ONCE semantics. */
extern volatile unsigned long jiffies;

/* Linux's time_after(a, b): a is later than b, across a wrap. */
#define time_after(a, b) ((long)((b) - (a)) < 0)

/**
 * tick_handle_periodic - one tick on this CPU (timer interrupt context)
 *
 * Counts the tick for this CPU and, on the CPU that keeps time, advances
 * jiffies by the whole ticks of clock time since the last advance (ticks
 * an emulator merged are not lost; an early interrupt adds nothing).
 */
void tick_handle_periodic(void);

/** tick_count - the ticks CPU @cpu has taken since its timer started */
unsigned long tick_count(unsigned int cpu);

#endif
