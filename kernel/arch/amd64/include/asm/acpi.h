/* SPDX-License-Identifier: MIT */
#ifndef ASM_ACPI_H
#define ASM_ACPI_H

#include <stdint.h>

struct bootinfo;

/**
 * acpi_boot_table_init - find the ACPI tables, reserve them, read the MADT
 * @bi: the boot information (its acpi_rsdp)
 *
 * Prints Linux's table list and "Reserving ... table memory" lines and
 * gives the MADT's enabled CPUs to x86_set_possible_cpus() (the boot CPU
 * alone without ACPI). Call before x86_memory_init(): NUMA reads SRAT from
 * these tables (x86_acpi_numa_init). acpi=off skips all of it.
 */
void acpi_boot_table_init(const struct bootinfo *bi);

/* The MADT's local APIC address (its override if any), 0 without a MADT. */
uint64_t x86_madt_lapic_addr(void);

#endif
