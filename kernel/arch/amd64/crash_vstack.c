// SPDX-License-Identifier: MIT
/*
 * crash=vstack: a kernel stack overflow on a vmalloc'd stack. The stack
 * is allocated right after a one-page neighbour area, so the page below
 * it is that neighbour's guard page; recursion runs off the stack's
 * bottom into it. The page fault cannot push its frame on the same
 * stack, so the CPU raises a double fault, which runs on its IST stack
 * and reports the guard-page hit (traps.c).
 */
#define pr_fmt(fmt) "crash=vstack: " fmt

#include <asm/crash.h>
#include <asm/stacks.h>
#include <kernel/compiler.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <mm/vmalloc.h>

#define VSTACK_SIZE (16 * 1024)

/* Never reached; a variable so the compiler cannot call the recursion infinite. */
static volatile unsigned long vstack_max_depth = ~0ul;

/* Small frames (well under a page), so no frame can jump over the guard. */
static __noinline __used void vstack_recurse(unsigned long depth)
{
	volatile char frame[256];

	frame[0] = (char)depth;
	if (depth < vstack_max_depth)
		vstack_recurse(depth + 1);
	frame[1] = frame[0]; /* work after the call: no tail call */
}

void crash_vstack(void)
{
	char *below = vmalloc(PAGE_SIZE);
	char *stack = vmalloc(VSTACK_SIZE);
	uint64_t lo = (uintptr_t)stack, hi = lo + VSTACK_SIZE;

	if (!below || !stack)
		panic("crash=vstack: no memory for the stack");
	/* First fit puts the stack right after the neighbour and its guard. */
	pr_emerg("stack [%016llx-%016llx), the page below it (%016llx) is %s\n",
		 (unsigned long long)lo, (unsigned long long)hi,
		 (unsigned long long)(lo - PAGE_SIZE),
		 (uintptr_t)below + 2 * PAGE_SIZE == lo ? "the guard page of the area before it"
							: "not allocated");
	vstack_lo = lo;
	vstack_hi = hi;
	__asm__ volatile("movq %0, %%rsp\n\t"
			 "xorl %%edi, %%edi\n\t"
			 "call vstack_recurse"
			 :
			 : "r"(hi)
			 : "memory");
}
