/* SPDX-License-Identifier: MIT */
/* The kernel's stacks, for the unwinder: the boot stack and the IST stacks. */
#ifndef ASM_STACKS_H
#define ASM_STACKS_H

#include <asm/segment.h>
#include <stdint.h>

extern char boot_stack[], boot_stack_top[];
extern char ist_stacks[IST_STACKS][IST_STACK_SIZE];

/**
 * kernel_stack_id - which kernel stack holds [@addr, @addr + @len)
 *
 * Return: 0 for the boot stack, 1..IST_STACKS for an IST stack, -1 if the
 * range is on none of them (or straddles two).
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
