/* SPDX-License-Identifier: MIT */
/*
 * Access to what the loader handed over. Every address in struct bootinfo
 * is physical; the loader's direct map makes phys reachable at
 * BOOT_PAGE_OFFSET + phys until paging_init replaces it.
 */
#ifndef KERNEL_BOOT_H
#define KERNEL_BOOT_H

#include <boot/bootinfo.h>
#include <stdint.h>

static inline void *boot_va(uint64_t phys)
{
	return (void *)(uintptr_t)(BOOT_PAGE_OFFSET + phys);
}

/**
 * bootinfo_check - validate the structure the loader handed over
 * @bi_phys: its physical address, as received in %rdi
 *
 * Panics with a message naming what is wrong (magic, version, size).
 *
 * Return: the structure, through the direct map.
 */
const struct bootinfo *bootinfo_check(uint64_t bi_phys);

#endif
