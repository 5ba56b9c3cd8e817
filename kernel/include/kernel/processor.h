/* SPDX-License-Identifier: MIT */
/*
 * cpu_relax(): what a CPU does in each turn of a busy-wait loop, from
 * <asm/cpu_relax.h>. On x86 it is PAUSE (spares the pipeline a memory-order
 * flush when the awaited store comes, and gives a hyper-thread sibling the
 * core); the host simulator brings its own (test/sim/include/asm/).
 *
 *   void cpu_relax(void);
 */
#ifndef KERNEL_PROCESSOR_H
#define KERNEL_PROCESSOR_H

#include <asm/cpu_relax.h>

#endif
