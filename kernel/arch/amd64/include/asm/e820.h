/* SPDX-License-Identifier: MIT */
#ifndef ASM_E820_H
#define ASM_E820_H

#include <boot/bootinfo.h>

/**
 * e820__memory_setup - take the loader's e820 table and print it
 * @bi: boot information
 *
 * Prints "BIOS-provided physical RAM map:" and one "BIOS-e820:" line per
 * entry, exactly as Linux does.
 */
void e820__memory_setup(const struct bootinfo *bi);

/**
 * e820__print_table - print @n entries in Linux's format, prefixed @who
 */
void e820__print_table(const char *who, const struct e820_entry *table,
		       uint32_t n);

#endif
