/* SPDX-License-Identifier: MIT */
/*
 * TLB invalidation on this CPU. Only the boot CPU runs, so there is no
 * shootdown yet: once other CPUs start, kernel range flushes must reach
 * them too (an IPI, as Linux's flush_tlb_kernel_range).
 */
#ifndef ASM_TLBFLUSH_H
#define ASM_TLBFLUSH_H

#include <asm/processor.h>

/* Drop the TLB entry of one page, global or not. */
static inline void invlpg(unsigned long va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/* Drop every non-global entry: reloading CR3 does that. */
static inline void flush_tlb_local(void)
{
	write_cr3(read_cr3());
}

#endif
