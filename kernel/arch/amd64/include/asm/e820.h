/* SPDX-License-Identifier: MIT */
/*
 * The e820 table: the kernel's view of the physical address space, with
 * Linux's semantics. Pure data manipulation, so it builds on the host too
 * (the simulator and the fuzzer run it).
 */
#ifndef ASM_E820_H
#define ASM_E820_H

#include <boot/bootinfo.h>
#include <stdbool.h>
#include <stdint.h>

/* Firmware maps of 300+ entries exist; every addition checks this. */
#define E820_MAX_ENTRIES 1024

struct e820_table {
	uint32_t nr_entries;
	struct e820_entry entries[E820_MAX_ENTRIES];
};

extern struct e820_table *e820_table;

/**
 * e820__memory_setup - take over the firmware's table, sanitise and print it
 * @fw: the table as handed over (any order, overlaps allowed)
 * @nr: its number of entries; more than E820_MAX_ENTRIES are reported and
 *      dropped
 *
 * Prints "BIOS-provided physical RAM map:" and one "BIOS-e820:" line per
 * entry of the sanitised table, as Linux does. Entries of size 0 or whose
 * size wraps past 2^64 are dropped, and one ending at exactly 2^64 loses
 * its last byte, each with a warning line naming it; no other entry is
 * lost because of them.
 */
void e820__memory_setup(const struct e820_entry *fw, uint32_t nr);

/**
 * e820__check_firmware_table - name every entry whose size wraps past 2^64
 * @fw: the firmware's table
 * @nr: its number of entries
 *
 * Linux 6.1 throws such a table away entirely (append_e820_table fails)
 * and falls back to the BIOS's memory sizes. mmsim, which has no such
 * fallback, refuses the log when this is not 0; the kernel drops the
 * entries (e820__memory_setup).
 *
 * Return: the number of wrapping entries, each printed as an error.
 */
uint32_t e820__check_firmware_table(const struct e820_entry *fw, uint32_t nr);

/**
 * e820__update_table - sanitise @table in place, Linux's way
 *
 * Sorts, resolves overlaps in favour of the numerically higher type
 * (usable loses to everything), merges touching entries of the same type
 * (except persistent and soft-reserved ones) and drops empty entries.
 * Byte values are kept: rounding to pages happens where pfns are made.
 *
 * Return: 0, or -1 if the table has fewer than 2 entries or an entry
 * wraps past 2^64 (the table is left as it was).
 */
int e820__update_table(struct e820_table *table);

/* Append an entry (no sanitising); reported and ignored when full. */
void e820__range_add(uint64_t start, uint64_t size, uint32_t type);

/**
 * e820__range_update - retype the @old_type parts of [start, start + size)
 *
 * Prints Linux's "e820: update [mem ...] old ==> new" debug line.
 * Return: the number of bytes retyped.
 */
uint64_t e820__range_update(uint64_t start, uint64_t size, uint32_t old_type, uint32_t new_type);

/**
 * e820__range_remove - punch [start, start + size) out of the table
 * @check_type: only remove entries of @old_type
 *
 * Prints Linux's "e820: remove [mem ...]" debug line.
 * Return: the number of bytes removed.
 */
uint64_t e820__range_remove(uint64_t start, uint64_t size, uint32_t old_type, bool check_type);

/* Print the table, one "<who>: [mem ...] type" line per entry. */
void e820__print_table(const char *who);

/* The name Linux prints for an e820 type ("usable", "ACPI data", ...). */
const char *e820_type_name(uint32_t type, char *buf, unsigned buflen);

/**
 * e820__finish_early_params - apply mem= and memmap= in command-line order
 *
 * They are parsed (and syntax-checked) with the other options before the
 * table exists; this applies them, re-sanitises and prints
 * "user-defined physical RAM map:" when any was given, as Linux does.
 */
void e820__finish_early_params(void);

/* End pfn of usable RAM (below @limit_pfn for the low variant), printed
 * as Linux's "last_pfn = ... max_arch_pfn = ..." line. */
unsigned long e820__end_of_ram_pfn(void);
unsigned long e820__end_of_low_ram_pfn(void);

/* Is all of [start, end) covered by entries of @type? */
bool e820__mapped_all(uint64_t start, uint64_t end, uint32_t type);

/**
 * e820_register_active_regions - usable RAM of [start_pfn, last_pfn) to the
 * early node map as node @nid, each entry rounded inwards to whole pages
 */
void e820_register_active_regions(int nid, unsigned long start_pfn, unsigned long last_pfn);

/* The x86 physical address limit with 4-level paging (MAX_PHYSMEM_BITS 46). */
#define MAX_ARCH_PFN (1UL << (46 - 12))

#endif
