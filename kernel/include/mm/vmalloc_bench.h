/* SPDX-License-Identifier: MIT */
#ifndef MM_VMALLOC_BENCH_H
#define MM_VMALLOC_BENCH_H

/**
 * vmalloc_bench_requested - run the bench=vmalloc loops, if asked
 *
 * vmalloc+vfree pairs of 16 KiB and 1 MiB, timed with arch_cycles();
 * prints one "bench: NAME median N cycles/op (min A, max B)" line each,
 * the form of bench=page_alloc. Nothing without bench=vmalloc.
 */
void vmalloc_bench_requested(void);

#endif
