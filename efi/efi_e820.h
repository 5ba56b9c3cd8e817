/* SPDX-License-Identifier: MIT */
/*
 * EFI memory map -> e820 table, the way Linux's EFI stub does it: a pure
 * function of its input so the host tests and the fuzzer can drive it.
 */
#ifndef EFI_E820_H
#define EFI_E820_H

#include <boot/bootinfo.h>
#include <stddef.h>

struct efi_e820_stats {
	size_t descriptors;    /* descriptors read from the map */
	size_t skipped_type;   /* unknown EFI types: left out, as Linux does */
	size_t skipped_empty;  /* zero-page descriptors */
	size_t skipped_wrap;   /* ranges running past 2^64 */
};

enum efi_e820_result {
	EFI_E820_OK = 0,
	EFI_E820_BAD_DESC_SIZE = 1, /* desc_size smaller than the spec struct */
	EFI_E820_TOO_MANY = 2,      /* more entries than @max: *nr_out = needed */
};

/**
 * efi_mem_to_e820_type - the e820 type Linux gives an EFI descriptor
 * @type: EFI memory type
 * @attribute: EFI attributes (EFI_MEMORY_SP makes RAM "soft reserved")
 *
 * Return: an e820 type, or 0 for a type Linux leaves out of the table.
 */
uint32_t efi_mem_to_e820_type(uint32_t type, uint64_t attribute);

/**
 * efi_map_to_e820 - convert a firmware memory map to a sorted e820 table
 * @map: the map as GetMemoryMap returned it
 * @map_size: its size in bytes
 * @desc_size: the firmware's descriptor stride (not sizeof the struct)
 * @out: the e820 table to fill
 * @max: capacity of @out; map_size / desc_size entries always suffice
 * @nr_out: number of entries written (or needed, on EFI_E820_TOO_MANY)
 * @stats: what was left out and why; may be NULL
 *
 * Descriptors may come in any order. The result is sorted by address with
 * adjacent entries of the same type merged. Overlaps are passed through
 * unchanged: resolving them is the kernel's e820 sanitiser's job, as in
 * Linux. The input map is not modified.
 */
enum efi_e820_result efi_map_to_e820(const void *map, size_t map_size,
				     size_t desc_size, struct e820_entry *out,
				     size_t max, size_t *nr_out,
				     struct efi_e820_stats *stats);

#endif
