/* SPDX-License-Identifier: MIT */
/*
 * ktest glue for suites that run kernel mm code in the simulator:
 *
 *     static struct ktest_suite s = { "bootmem", cases, sim_ktest_init,
 *                                     sim_ktest_dump_log };
 */
#ifndef TEST_SIM_KTEST_H
#define TEST_SIM_KTEST_H

#include "sim.h"

#include <lib/ktest.h>
#include <string.h>

/* Suite init: simulated memory mapped, printk captured, all state reset. */
int sim_ktest_init(struct ktest *t);

/* Suite exit: print the captured log as KTAP diagnostics if the case failed. */
void sim_ktest_dump_log(struct ktest *t);

/* Expect @line among the captured printk lines, exactly. */
#define SIM_EXPECT_LINE(t, line) \
	KTEST_EXPECT_TRUE(t, sim_log_has_line(line))

#endif
