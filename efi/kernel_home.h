/* SPDX-License-Identifier: MIT */
/*
 * Where the kernel image goes when no free block can hold it while boot
 * services run: a pure function of the final memory map, so the host tests
 * and the fuzzer can drive it.
 */
#ifndef EFI_KERNEL_HOME_H
#define EFI_KERNEL_HOME_H

#include <boot/bootinfo.h>
#include <stddef.h>

struct efi_range {
	uint64_t start, end; /* [start, end) */
};

/**
 * efi_ranges_merge - sort ranges by start and merge those that overlap or touch
 * @r: the ranges, rewritten in place
 * @n: how many
 *
 * Return: the number left, at the front of @r.
 */
size_t efi_ranges_merge(struct efi_range *r, size_t n);

/**
 * efi_kernel_home - the highest place for @bytes once boot services are gone
 * @map: the final memory map, as GetMemoryMap returned it
 * @map_size: its size in bytes
 * @desc_size: the firmware's descriptor stride
 * @bytes: the image's size
 * @floor: the lowest address the image may start at
 * @scratch: room for map_size / desc_size ranges
 *
 * After ExitBootServices, conventional memory and boot-services code and
 * data are free: the firmware is done with them (UEFI 2.10, 7.4). The
 * result is the highest 4 KiB-aligned A >= @floor such that [A, A + @bytes)
 * lies in descriptors of those three types (not specific-purpose memory)
 * and overlaps no descriptor of any other type, however the map is sorted
 * or overlaps. Empty and wrapping descriptors count as nothing free; a
 * wrapping one of another type forbids everything from its start up.
 *
 * Return: A, or 0 if no such place exists (0 is never a valid answer:
 * @floor is at least 4 KiB).
 */
uint64_t efi_kernel_home(const void *map, size_t map_size, size_t desc_size, uint64_t bytes,
			 uint64_t floor, struct efi_range *scratch);

#endif
