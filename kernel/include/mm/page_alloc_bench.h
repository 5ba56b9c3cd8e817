/* SPDX-License-Identifier: MIT */
#ifndef MM_PAGE_ALLOC_BENCH_H
#define MM_PAGE_ALLOC_BENCH_H

/**
 * page_alloc_bench_requested - run the bench=page_alloc loops, if asked
 *
 * The host benchmarks' order-0 (per-CPU pageset, hot) and order-3
 * alloc+free pairs, timed with arch_cycles(); prints one
 * "bench: NAME median N cycles/op (min A, max B)" line each and their
 * ratio. Nothing without bench=page_alloc on the command line.
 */
void page_alloc_bench_requested(void);

#endif
