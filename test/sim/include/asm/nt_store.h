/* SPDX-License-Identifier: MIT */
/*
 * The host simulator's non-temporal stores (<kernel/nt_store.h>): clang's
 * builtin (MOVNTI on an x86-64 host, a plain store elsewhere) and the
 * host's store fence. It shadows the x86 header through the simulator's
 * include path.
 */
#ifndef ASM_NT_STORE_H
#define ASM_NT_STORE_H

static inline void nt_store_long(unsigned long *p, unsigned long v)
{
	__builtin_nontemporal_store(v, p);
}

static inline void nt_store_fence(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__asm__ volatile("sfence" : : : "memory");
#else
	__atomic_thread_fence(__ATOMIC_RELEASE);
#endif
}

#endif
