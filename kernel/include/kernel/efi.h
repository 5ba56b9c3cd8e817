/* SPDX-License-Identifier: MIT */
#ifndef KERNEL_EFI_H
#define KERNEL_EFI_H

#include <boot/bootinfo.h>
#include <stdbool.h>
#include <stdint.h>

/**
 * efi_print_memmap - print the raw EFI memory map as Linux's efi=debug does
 * @bi: boot information; does nothing unless efi=debug was given
 *
 * One "efi: memNN: [type|attributes] range=[start-end] (NMB)" line per
 * descriptor, stepping by the firmware's descriptor size.
 */
void efi_print_memmap(const struct bootinfo *bi);

/**
 * efi_report_ignored - name the EFI descriptors the loader left out of e820
 * @bi: boot information
 *
 * The loader converts the map after ExitBootServices, when it can print
 * nothing: descriptors of 0 pages, of a size running past 2^64 or of a
 * type Linux 6.1 does not know are named here, one warning line each.
 */
void efi_report_ignored(const struct bootinfo *bi);

/*
 * Below this much RAM outside the boot-services ranges, holding them until
 * after memory init would starve it (the memmap, bootmem's bitmap, the
 * per-CPU areas must fit in the rest): OVMF reaches the loader with 49 MiB,
 * ~40 MiB of it boot services.
 */
#define EFI_BS_HOLD_MIN_RAM (64ull << 20)

/**
 * efi_hold_boot_services - keep boot-services memory until after mem_init?
 * @ram: bytes of usable RAM in the e820 table
 * @bs: bytes of EFI boot-services code and data
 *
 * Linux holds them until after SetVirtualAddressMap since firmware may
 * still touch them; this kernel makes no runtime-services call, so on a
 * small machine they go to bootmem at once. The kernel and mmsim both ask.
 */
static inline bool efi_hold_boot_services(uint64_t ram, uint64_t bs)
{
	return !bs || ram - (bs < ram ? bs : ram) >= EFI_BS_HOLD_MIN_RAM;
}

/**
 * efi_md_typeattr_format - Linux's "[Type        |RUN|...|UC]" column
 * @buf: output
 * @size: size of @buf (64 is always enough)
 * @md: the descriptor
 *
 * Return: @buf
 */
char *efi_md_typeattr_format(char *buf, unsigned long size, const struct efi_memory_desc *md);

/**
 * efi_free_boot_services - give EFI boot-services memory to the page allocator
 *
 * Reserved at boot like Linux does (firmware may still touch it, tables
 * may sit in it); call after mem_init. Pages that hold something else we
 * reserved stay reserved. Prints how much was freed.
 */
void efi_free_boot_services(void);

#endif
