/* SPDX-License-Identifier: MIT */
#ifndef ASM_TSC_H
#define ASM_TSC_H

/**
 * tsc_early_init - calibrate the TSC against PIT channel 2
 *
 * Tries Linux's fast method (watch the PIT MSB, stop at 500 ppm) and then
 * a plain 10 ms PIT countdown; prints "tsc: Detected N MHz processor".
 * Until it succeeds, printk timestamps are 0.
 */
void tsc_early_init(void);

/* The TSC's frequency in kHz; 0 until tsc_early_init() calibrated it. */
extern unsigned long tsc_khz;

/* Busy-wait @usecs microseconds on the TSC (Linux's udelay). */
void udelay(unsigned long usecs);

#endif
