/* SPDX-License-Identifier: MIT */
/*
 * The host simulator's answer to <asm/cmpxchg.h>: the compiler's 16-byte
 * atomic (cmpxchg16b with -mcx16), which ThreadSanitizer understands where
 * it would not see inline assembly. It shadows the x86 header through the
 * simulator's include path.
 */
#ifndef ASM_CMPXCHG_H
#define ASM_CMPXCHG_H

#include <stdbool.h>

static inline bool cmpxchg_double(unsigned long *p, unsigned long o1, unsigned long o2,
				  unsigned long n1, unsigned long n2)
{
	unsigned __int128 old = (unsigned __int128)o2 << 64 | o1;
	unsigned __int128 new = (unsigned __int128)n2 << 64 | n1;

	return __atomic_compare_exchange_n((unsigned __int128 *)p, &old, new, false,
					   __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
}

#endif
