/* SPDX-License-Identifier: MIT */
/*
 * ioremap: device memory mapped in the vmalloc area, after vmalloc_init().
 * Before that, early_ioremap (asm/early_ioremap.h, fixmap slots) or
 * set_fixmap (asm/fixmap.h).
 */
#ifndef ASM_IOREMAP_H
#define ASM_IOREMAP_H

#include <mm/page.h>

/**
 * ioremap - map device memory uncached (PAT UC-)
 * @phys: physical start, any alignment
 * @size: bytes, non-zero
 *
 * Memory the direct map holds (RAM, ACPI tables and NVS) is refused with
 * an "ioremap on RAM" report: a second, uncached mapping of a write-back
 * page is undefined behaviour on x86 (as in Linux). Use __va() for it.
 *
 * Return: the virtual address of @phys, or NULL (reported).
 */
void *ioremap(phys_addr_t phys, unsigned long size);

/** ioremap_wc - ioremap(), write-combining (framebuffers) */
void *ioremap_wc(phys_addr_t phys, unsigned long size);

/**
 * iounmap - undo ioremap()/ioremap_wc()
 * @addr: what ioremap returned (or any address in its first page); NULL
 *        is ignored, anything else is reported
 */
void iounmap(const volatile void *addr);

#endif
