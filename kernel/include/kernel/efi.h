/* SPDX-License-Identifier: MIT */
#ifndef KERNEL_EFI_H
#define KERNEL_EFI_H

#include <boot/bootinfo.h>

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

/**
 * efi_md_typeattr_format - Linux's "[Type        |RUN|...|UC]" column
 * @buf: output
 * @size: size of @buf (64 is always enough)
 * @md: the descriptor
 *
 * Return: @buf
 */
char *efi_md_typeattr_format(char *buf, unsigned long size,
			     const struct efi_memory_desc *md);

/**
 * efi_free_boot_services - give EFI boot-services memory to the page allocator
 *
 * Reserved at boot like Linux does (firmware may still touch it, tables
 * may sit in it); call after mem_init. Pages that hold something else we
 * reserved stay reserved. Prints how much was freed.
 */
void efi_free_boot_services(void);

#endif
