// SPDX-License-Identifier: MIT
/*
 * vlayout: print the kernel's 48-bit virtual layout from its own headers,
 * one area a line: "START END NAME" (END exclusive, hex). Fed to
 * scripts/lib/vlayout_svg.py, which draws docs/virtual-layout.svg, so the
 * drawing follows the constants instead of being drawn by hand.
 */
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <stdio.h>

/* Bits 47 and up: the canonical halves of a 48-bit address space. */
#define LOWER_HALF_END   0x0000800000000000ull
#define UPPER_HALF_START 0xffff800000000000ull
/* The kernel text mapping's size, as Linux's KERNEL_IMAGE_SIZE (512 MiB). */
#define TEXT_MAP_SIZE    (512ull << 20)

static void area(unsigned long long start, unsigned long long end, const char *name)
{
	printf("0x%016llx 0x%016llx %s\n", start, end, name);
}

int main(void)
{
	area(0, LOWER_HALF_END, "lower half (unmapped)");
	area(LOWER_HALF_END, UPPER_HALF_START, "non-canonical hole");
	area(PAGE_OFFSET, PAGE_OFFSET + (64ull << 40), "direct map (PAGE_OFFSET)");
	area(VMALLOC_START, EARLY_IOREMAP_START, "vmalloc (VMALLOC_START)");
	area(EARLY_IOREMAP_START, EARLY_IOREMAP_END, "early ioremap");
	area(__START_KERNEL_map, __START_KERNEL_map + TEXT_MAP_SIZE,
	     "kernel text (__START_KERNEL_map)");
	area(__START_KERNEL_map + BOOT_KERNEL_LINK_OFFSET,
	     __START_KERNEL_map + BOOT_KERNEL_LINK_OFFSET + PAGE_SIZE, "_text");
	area(FIXADDR_START, FIXADDR_TOP + PAGE_SIZE, "fixmap (FIXADDR_START..TOP)");
	return 0;
}
