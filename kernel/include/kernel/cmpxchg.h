/* SPDX-License-Identifier: MIT */
/*
 * A compare-and-exchange of two adjacent machine words at once, from
 * <asm/cmpxchg.h>: lock cmpxchg16b on x86 (every x86-64 CPU QEMU and
 * UEFI machines give us has it); the host simulator uses the compiler's
 * 16-byte atomic so that ThreadSanitizer sees it.
 *
 *   bool cmpxchg_double(unsigned long *p, unsigned long o1, unsigned long o2,
 *                       unsigned long n1, unsigned long n2);
 *       p 16-byte aligned: if p[0] == o1 and p[1] == o2, store n1, n2 and
 *       return true (a full barrier); else return false, storing nothing.
 */
#ifndef KERNEL_CMPXCHG_H
#define KERNEL_CMPXCHG_H

#include <stdbool.h>

#include <asm/cmpxchg.h>

#endif
