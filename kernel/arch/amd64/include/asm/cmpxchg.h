/* SPDX-License-Identifier: MIT */
/* x86's double-word compare-and-exchange (see <kernel/cmpxchg.h>). */
#ifndef ASM_CMPXCHG_H
#define ASM_CMPXCHG_H

#include <stdbool.h>

static inline bool cmpxchg_double(unsigned long *p, unsigned long o1, unsigned long o2,
				  unsigned long n1, unsigned long n2)
{
	bool ok;

	__asm__ volatile("lock cmpxchg16b %1"
			 : "=@ccz"(ok), "+m"(*(unsigned __int128 *)p), "+a"(o1), "+d"(o2)
			 : "b"(n1), "c"(n2)
			 : "memory");
	return ok;
}

#endif
