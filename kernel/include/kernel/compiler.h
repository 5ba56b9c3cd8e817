/* SPDX-License-Identifier: MIT */
/* Attribute spellings used across the kernel, so the code reads like prose. */
#ifndef KERNEL_COMPILER_H
#define KERNEL_COMPILER_H

#define __noreturn     __attribute__((noreturn))
#define __noinline     __attribute__((noinline))
#define __used	       __attribute__((used))
#define __aligned(x)   __attribute__((aligned(x)))
#define __section(s)   __attribute__((section(s)))
#define __printf(a, b) __attribute__((format(printf, a, b)))

/*
 * Boot-only code and data (Linux's names): gathered by kernel.ld into
 * .init.text / .init.data and given back to the page allocator by
 * free_initmem() once boot is over; the pages are unmapped, so a late call
 * faults. Host builds (the simulator runs init code again and again) keep
 * them in ordinary sections.
 */
#if __STDC_HOSTED__
#define __init
#define __initdata
#else
#define __init	   __section(".init.text") __attribute__((cold))
#define __initdata __section(".init.data")
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
