/* SPDX-License-Identifier: MIT */
/* The kernel's stacks, for the unwinder: the boot stack and the IST stacks. */
#ifndef ASM_STACKS_H
#define ASM_STACKS_H

#include <asm/segment.h>
#include <stdint.h>

extern char boot_stack[], boot_stack_top[];
extern char ist_stacks[IST_STACKS][IST_STACK_SIZE];

/* Each CPU's kernel stack [stack_lo, stack_hi) and IST stacks (smpboot.c;
 * CPU 0's are boot_stack and ist_stacks). */
struct cpu_stacks {
	char *stack_lo, *stack_hi;
	char (*ist)[IST_STACK_SIZE];
};
extern struct cpu_stacks cpu_stacks[];

/*
 * A vmalloc'd stack the CPU has switched to (crash=vstack; one day task
 * stacks), [vstack_lo, vstack_hi), or 0 and 0. The unwinder walks it, and
 * the double-fault handler reports a fault in the page below it as a hit
 * on its guard page.
 */
extern uint64_t vstack_lo, vstack_hi;

/**
 * kernel_stack_id - which kernel stack holds [@addr, @addr + @len)
 *
 * Return: 0 for the boot stack, 1..IST_STACKS for an IST stack,
 * IST_STACKS + 1 for the vmalloc'd stack, -1 if the range is on none of
 * them (or straddles two).
 */
int kernel_stack_id(uint64_t addr, uint64_t len);

/**
 * show_trace - print "Call Trace:" and one line per frame-pointer frame
 * @rbp: frame pointer of the innermost frame to walk
 *
 * Bounded and defensive: stops at a zero, unaligned, non-canonical or
 * off-stack frame pointer, and at one that does not move up its stack.
 */
void show_trace(uint64_t rbp);

#endif
