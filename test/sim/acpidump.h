/* SPDX-License-Identifier: MIT */
/*
 * Reader for the text `acpidump` (ACPICA, Debian acpica-tools) prints:
 * for each table a "NAME @ 0xADDRESS" line, then hex lines
 * "    OFFS: XX XX ... XX  ascii", then a blank line; the RSDP is one of
 * them. The tables become a fake physical memory that struct
 * acpi_mem_ops serves, so acpi_table_init() and the parsers run on a
 * real machine's tables (`sudo acpidump > tables.dat`).
 */
#ifndef TEST_SIM_ACPIDUMP_H
#define TEST_SIM_ACPIDUMP_H

#include <drivers/acpi.h>
#include <stddef.h>
#include <stdint.h>

struct acpidump_table {
	char name[9];     /* as printed: "FACP", "RSDP", "SSDT"... */
	uint64_t addr;    /* physical address printed after '@' */
	uint8_t *data;
	size_t len;
};

struct acpidump {
	int nr;
	struct acpidump_table *t;
	struct acpi_mem_ops ops;
	char err[160];    /* why acpidump_load() failed */
};

/**
 * acpidump_load - parse acpidump text
 * @text: the file's bytes (need not be NUL-terminated)
 * @len: their number
 * @out: filled; free with acpidump_free() whatever the result
 *
 * Lines other than table headers, hex lines and blank lines, hex lines
 * out of sequence or before any header, and a dump with no table are
 * errors (out->err says which line and why).
 *
 * Return: 0, or -1 with out->err set.
 */
int acpidump_load(const char *text, size_t len, struct acpidump *out);

void acpidump_free(struct acpidump *d);

/*
 * Memory access for acpi_table_init(): map() succeeds when the range lies
 * inside one dumped table (the first such one), else returns NULL.
 */
const struct acpi_mem_ops *acpidump_mem(struct acpidump *d);

/* Address of the dumped RSDP, or 0 if the dump has none. */
uint64_t acpidump_rsdp(const struct acpidump *d);

/* The first dumped table named @name, or NULL. */
const struct acpidump_table *acpidump_find(const struct acpidump *d,
					   const char *name);

#endif
