/* SPDX-License-Identifier: MIT */
/*
 * Non-temporal stores, from <asm/nt_store.h>: for data written once and
 * not read soon (a terabyte's memmap), stored around the caches. On x86
 * MOVNTI: no read for ownership, the line goes to memory once, whole if
 * all of it was written. They are weakly ordered, so whoever publishes
 * the data to another CPU (a list, a lock) calls nt_store_fence() first;
 * this CPU sees its own stores either way. The host simulator brings its
 * own (test/sim/include/asm/).
 *
 *   void nt_store_long(unsigned long *p, unsigned long v);
 *   void nt_store_fence(void);
 */
#ifndef KERNEL_NT_STORE_H
#define KERNEL_NT_STORE_H

#include <asm/nt_store.h>

#endif
