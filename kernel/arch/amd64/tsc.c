// SPDX-License-Identifier: MIT
/*
 * TSC calibration against PIT channel 2, and the clock printk uses.
 *
 * The fast method follows the idea of Linux's quick_pit_calibrate(): let
 * the PIT count down from 0xffff and watch its MSB, which changes every
 * 256 PIT ticks (~214 us). Reading the TSC on either side of an MSB change
 * bounds the error of each edge; once the two edges' uncertainty is below
 * 1/2048 (~500 ppm) of the elapsed TSC, stop. If that fails (no PIT,
 * a very slow emulator), time a 10 ms PIT one-shot instead.
 */
#define pr_fmt(fmt) "tsc: " fmt

#include <asm/cpu_relax.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/tsc.h>
#include <kernel/arch.h>
#include <kernel/printk.h>
#include <stdbool.h>

#define PIT_TICK_RATE 1193182ull
#define PIT_CH2	      0x42
#define PIT_MODE      0x43
#define PIT_CONTROL   0x61 /* bit 0: ch2 gate, bit 1: speaker, bit 5: OUT2 */

/* Channel 2, lobyte/hibyte access, mode 0 (interrupt on terminal count). */
#define PIT_CH2_MODE0 0xb0

#define QUICK_PIT_MS	     50
#define QUICK_PIT_ITERATIONS (QUICK_PIT_MS * PIT_TICK_RATE / 1000 / 256)
#define MSB_POLL_LIMIT	     50000
#define SLOW_PIT_MS	     10

extern uint64_t tsc_at_entry; /* head.S */

unsigned long tsc_khz;
static uint64_t ns_mult; /* ns = (cycles * ns_mult) >> 32 */

uint64_t arch_clock_ns(void)
{
	if (!ns_mult)
		return 0;
	return (uint64_t)(((unsigned __int128)(rdtsc() - tsc_at_entry) * ns_mult) >> 32);
}

uint64_t arch_cycles(void)
{
	return rdtsc();
}

/* Gate channel 2 on, speaker off, and start counting down from @count. */
static void pit_start(uint16_t count)
{
	outb((inb(PIT_CONTROL) & ~0x02) | 0x01, PIT_CONTROL);
	outb(PIT_CH2_MODE0, PIT_MODE);
	outb(count & 0xff, PIT_CH2);
	outb(count >> 8, PIT_CH2);
}

static uint8_t pit_msb(void)
{
	inb(PIT_CH2); /* the LSB: read to keep the byte pointer in step */
	return inb(PIT_CH2);
}

/*
 * Wait while the MSB still reads @val. *@tscp gets the TSC of the last
 * read that saw @val, *@errp the TSC span in which the change happened.
 * False if the MSB was not @val for a few reads: we came in too late.
 */
static bool pit_wait_msb_change(uint8_t val, uint64_t *tscp, uint64_t *errp)
{
	uint64_t tsc = 0, prev = 0;
	int count;

	for (count = 0; count < MSB_POLL_LIMIT; count++) {
		if (pit_msb() != val)
			break;
		prev = tsc;
		tsc = rdtsc();
	}
	*errp = rdtsc() - prev;
	*tscp = tsc;
	return count > 5 && count < MSB_POLL_LIMIT;
}

static unsigned long quick_pit_calibrate(void)
{
	uint64_t start, start_err, now, err;

	pit_start(0xffff);
	if (!pit_wait_msb_change(0xff, &start, &start_err))
		return 0;
	for (unsigned int i = 1; i <= QUICK_PIT_ITERATIONS; i++) {
		uint64_t delta;

		if (!pit_wait_msb_change((uint8_t)(0xff - i), &now, &err))
			return 0;
		delta = now - start;
		if (start_err + err >= delta >> 11)
			continue; /* edges still too fuzzy: wait longer */
		/* The PIT must not have skipped ahead while we computed. */
		if (pit_msb() != (uint8_t)(0xfe - i))
			return 0;
		pr_info("Fast TSC calibration using PIT\n");
		return (unsigned long)(delta * PIT_TICK_RATE / (i * 256ull * 1000));
	}
	return 0;
}

/* 10 ms one-shot on channel 2: count TSC cycles until OUT2 goes high. */
static unsigned long slow_pit_calibrate(void)
{
	uint64_t start, end;
	unsigned long loops = 0;

	pit_start((uint16_t)(PIT_TICK_RATE * SLOW_PIT_MS / 1000));
	start = rdtsc();
	while (!(inb(PIT_CONTROL) & 0x20))
		if (++loops > 100000000ul)
			return 0;
	end = rdtsc();
	/* OUT2 high at once means no PIT answered: a floating bus. */
	if (loops < 10)
		return 0;
	return (unsigned long)((end - start) / SLOW_PIT_MS);
}

void tsc_early_init(void)
{
	uint32_t a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	if (!(d & X86_FEATURE_TSC_EDX)) {
		pr_warn("no TSC: timestamps stay at 0\n");
		return;
	}
	tsc_khz = quick_pit_calibrate();
	if (!tsc_khz) {
		pr_info("Fast TSC calibration failed\n");
		tsc_khz = slow_pit_calibrate();
	}
	if (!tsc_khz) {
		pr_err("Unable to calibrate against PIT: timestamps stay at 0\n");
		return;
	}
	pr_info("Detected %lu.%03lu MHz processor\n", tsc_khz / 1000, tsc_khz % 1000);
	ns_mult = (1000000ull << 32) / tsc_khz;
}

void udelay(unsigned long usecs)
{
	/* Uncalibrated: assume a fast 4 GHz TSC, so waits err long. */
	uint64_t khz = tsc_khz ? tsc_khz : 4000000;
	uint64_t end = rdtsc() + usecs * khz / 1000;

	while ((int64_t)(rdtsc() - end) < 0)
		cpu_relax();
}
