/* SPDX-License-Identifier: MIT */
/* Attribute spellings used across the kernel, so the code reads like prose. */
#ifndef KERNEL_COMPILER_H
#define KERNEL_COMPILER_H

#define __noreturn       __attribute__((noreturn))
#define __noinline       __attribute__((noinline))
#define __used           __attribute__((used))
#define __aligned(x)     __attribute__((aligned(x)))
#define __section(s)     __attribute__((section(s)))
#define __printf(a, b)   __attribute__((format(printf, a, b)))

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
