/* SPDX-License-Identifier: MIT */
#ifndef KERNEL_BENCH_H
#define KERNEL_BENCH_H

#include <stdbool.h>

/**
 * bench_names_ok - did bench= name only known benchmarks?
 *
 * Prints the first unknown name with the known ones. Called at the end of
 * boot; false makes the boot status 2 (as an unknown selftest= suite does).
 */
bool bench_names_ok(void);

#endif
