/* SPDX-License-Identifier: MIT */
/* State shared by the loader's files: firmware tables and what it placed. */
#ifndef EFI_LOADER_H
#define EFI_LOADER_H

#include <boot/bootinfo.h>
#include <efi.h>

extern EFI_BOOT_SERVICES *BS;

#define LOADER_MAX_REGIONS 64

/**
 * loader_add_region - record memory the loader allocated for the kernel
 *
 * Return: EFI_OUT_OF_RESOURCES when the (checked) table is full.
 */
EFI_STATUS loader_add_region(uint64_t addr, uint64_t size, uint32_t kind);

#endif
