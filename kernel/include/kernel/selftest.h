/* SPDX-License-Identifier: MIT */
#ifndef KERNEL_SELFTEST_H
#define KERNEL_SELFTEST_H

#include <stdbool.h>

/**
 * selftest_run_requested - run the suites selftest= names, if it was given
 *
 * `selftest=all` runs every registered suite, `selftest=a,b` those two; a
 * name that matches no suite counts as a failure. KTAP goes to printk at
 * KERN_INFO: call it after printk_force_console() so it is seen at any
 * loglevel. Prints nothing without selftest=.
 *
 * Return: false if any case failed.
 */
bool selftest_run_requested(void);

#endif
