/* SPDX-License-Identifier: MIT */
/*
 * Reading a Linux boot log for mmsim: the firmware's e820 table, the SRAT
 * memory ranges and the command line, whatever the log's line format.
 */
#ifndef TEST_SIM_LOGPARSE_H
#define TEST_SIM_LOGPARSE_H

#include <boot/bootinfo.h>
#include <stdbool.h>
#include <stdint.h>

#define LOG_MAX_E820   4096
#define LOG_MAX_SRAT   4096
#define LOG_CMDLINE_MAX 2048
#define LOG_MAX_EFI_BOOT 1024
#define LOG_MAX_EFI_MAP 4096
#define LOG_STR_(x) #x
#define LOG_STR(x) LOG_STR_(x)

struct log_srat {
	int nid;
	unsigned int pxm;
	uint64_t start, end; /* [start, end) */
	int hotplug;
};

struct boot_log {
	struct e820_entry e820[LOG_MAX_E820];
	unsigned nr_e820;
	unsigned dropped_e820; /* beyond LOG_MAX_E820 */
	struct log_srat srat[LOG_MAX_SRAT];
	unsigned nr_srat;
	/* "SRAT: PXM P -> APIC 0xA -> Node N": the CPUs SRAT placed. */
	struct log_srat_cpu {
		unsigned int pxm;
		uint32_t apic;
		int nid;
	} srat_cpu[LOG_MAX_SRAT];
	unsigned nr_srat_cpu;
	/* 2.6-era "early_node_map[N] active PFN ranges" lines ("  0: 0x10 ->
	 * 0x9f", pfns, end exclusive) as byte ranges: where old logs from
	 * non-SRAT NUMA (AMD's northbridge) say which node has what. */
	struct log_srat node_map[LOG_MAX_SRAT];
	unsigned nr_node_map;
	/* EFI boot-services ranges [start, end) from an efi=debug map, which
	 * Linux keeps reserved through zone setup (they count in Total pages). */
	struct { uint64_t start, end; } efi_boot[LOG_MAX_EFI_BOOT];
	unsigned nr_efi_boot;
	/* The firmware's EFI memory map, for a log without an e820 table:
	 * "MMAP N type=T ... phys=P pages=N attr=A" lines of a UEFI dump, or
	 * the first efi=debug map ("efi: memNN: [Type|attrs] range=[a-b]"). */
	struct efi_memory_desc efi_map[LOG_MAX_EFI_MAP];
	unsigned nr_efi_map;
	char cmdline[LOG_CMDLINE_MAX]; /* "Command line: " text, or "" */
	const char *table_who;         /* "BIOS-e820" or "Xen", NULL if none */
	bool acpi_table_list;          /* the log lists its ACPI tables (RSDP/XSDT/RSDT) */
	bool acpi_slit;                /* ... and a SLIT among them */
};

/**
 * parse_boot_log - extract what mmsim needs from a whole log
 * @text: NUL-terminated; may have CRLF line ends, "[    0.000000] " or
 *        dmesg -T "[Tue Nov  4 21:29:37 2025] " prefixes, syslog prefixes
 * @log: filled in (zeroed first)
 *
 * Takes the first e820 table only: the first run of "BIOS-e820: [mem
 * a-b] type" lines (or the pre-2.6.37 "BIOS-e820: a - b (type)" form with
 * its exclusive end, or Xen's "Xen: [mem a-b] type"). A later table (the
 * next boot of a concatenated log) ends the parse; "reserve setup_data:"
 * and "user-defined" tables are never read. Sizes are kept modulo 2^64
 * as printed (size 0, wrapping, ending at 2^64): e820__memory_setup and
 * e820__check_firmware_table judge them. An entry line that cannot be
 * read, or names an unknown type, is warned about on stderr and skipped
 * without ending the table. SRAT lines are "SRAT: Node N PXM P [mem a-b]"
 * (or the older "[a-b]" and exclusive "a-b" forms) with an optional
 * "ACPI: " prefix and "hotplug" suffix, and "SRAT: PXM P -> APIC 0xA ->
 * Node N" for CPUs. No line length limit; SRAT, EFI and e820 entries past
 * the LOG_MAX_* limits are warned about.
 * "efi: memNN: [Boot Code|...] range=[a-b]" lines (and Boot Data) of the
 * first EFI map printed under efi=debug give the boot-services ranges.
 *
 * Return: 0, or -1 when neither an e820 table nor an EFI map was found.
 */
int parse_boot_log(const char *text, struct boot_log *log);

/**
 * parse_e820_type - the type number for a name as Linux prints it
 * @s: "usable", "reserved", "ACPI data", "ACPI NVS", "unusable",
 *     "persistent (type 12)", "soft reserved", "type 20"
 *
 * Return: the type, or 0 for an unknown name.
 */
uint32_t parse_e820_type(const char *s);

#endif
