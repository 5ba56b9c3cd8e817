// SPDX-License-Identifier: MIT
/*
 * The e820 table: Linux's view of physical memory, here converted from the
 * EFI map by the loader. This file prints it in Linux's exact words; the
 * sanitiser (sort, merge, overlap resolution) will live here too.
 */
#include <asm/e820.h>
#include <kernel/boot.h>
#include <kernel/printk.h>

static void e820_print_type(uint32_t type)
{
	switch (type) {
	case E820_TYPE_RAM:
		pr_cont("usable");
		break;
	case E820_TYPE_RESERVED:
		pr_cont("reserved");
		break;
	case E820_TYPE_SOFT_RESERVED:
		pr_cont("soft reserved");
		break;
	case E820_TYPE_ACPI:
		pr_cont("ACPI data");
		break;
	case E820_TYPE_NVS:
		pr_cont("ACPI NVS");
		break;
	case E820_TYPE_UNUSABLE:
		pr_cont("unusable");
		break;
	case E820_TYPE_PMEM:
	case E820_TYPE_PRAM:
		pr_cont("persistent (type %u)", type);
		break;
	default:
		pr_cont("type %u", type);
		break;
	}
}

void e820__print_table(const char *who, const struct e820_entry *table,
		       uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		pr_info("%s: [mem 0x%016llx-0x%016llx] ", who,
			(unsigned long long)table[i].addr,
			(unsigned long long)(table[i].addr + table[i].size - 1));
		e820_print_type(table[i].type);
		pr_cont("\n");
	}
}

void e820__memory_setup(const struct bootinfo *bi)
{
	pr_info("BIOS-provided physical RAM map:\n");
	if (!bi->e820_table || !bi->e820_entries) {
		pr_err("e820: the loader passed no memory map\n");
		return;
	}
	e820__print_table("BIOS-e820", boot_va(bi->e820_table),
			  bi->e820_entries);
}
