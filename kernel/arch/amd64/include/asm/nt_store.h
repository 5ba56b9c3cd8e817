/* SPDX-License-Identifier: MIT */
/*
 * x86's non-temporal stores (<kernel/nt_store.h>): MOVNTI (SSE2, every
 * x86-64 CPU; a general register source, so -mgeneral-regs-only code can
 * use it, where clang's __builtin_nontemporal_store falls back to a plain
 * MOV) and SFENCE to order them before later stores.
 */
#ifndef ASM_NT_STORE_H
#define ASM_NT_STORE_H

static inline void nt_store_long(unsigned long *p, unsigned long v)
{
	__asm__("movnti %1, %0" : "=m"(*p) : "r"(v));
}

static inline void nt_store_fence(void)
{
	__asm__ volatile("sfence" : : : "memory");
}

#endif
