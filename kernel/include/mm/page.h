/* SPDX-License-Identifier: MIT */
/*
 * Page-size arithmetic and the direct map, for generic mm code. The direct
 * map base is a variable (as Linux's page_offset_base is on x86): the arch
 * sets it to PAGE_OFFSET in the kernel; the host simulator points it at its
 * simulated physical memory. Generic code therefore needs no arch header.
 */
#ifndef MM_PAGE_H
#define MM_PAGE_H

#include <stdint.h>

typedef uint64_t phys_addr_t;

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))

#define PFN_UP(x)     ((unsigned long)(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_DOWN(x)   ((unsigned long)((x) >> PAGE_SHIFT))
#define PFN_PHYS(x)   ((phys_addr_t)(x) << PAGE_SHIFT)
#define PAGE_ALIGN(x) (((x) + PAGE_SIZE - 1) & PAGE_MASK)

#define ALIGN(x, a)	   (((x) + (a)-1) & ~((__typeof__(x))(a)-1))
#define ALIGN_DOWN(x, a)   ((x) & ~((__typeof__(x))(a)-1))
#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))

extern uintptr_t page_offset_base;

static inline void *__va(phys_addr_t p)
{
	return (void *)(uintptr_t)(p + page_offset_base);
}

static inline phys_addr_t __pa(const void *v)
{
	return (phys_addr_t)((uintptr_t)v - page_offset_base);
}

#endif
