/* SPDX-License-Identifier: MIT */
/*
 * Little-endian field reads for the ACPI parsers. Tables are byte arrays
 * with no alignment promise, so every field is read with memcpy.
 */
#ifndef DRIVERS_ACPI_INTERNAL_H
#define DRIVERS_ACPI_INTERNAL_H

#include <lib/string.h>
#include <stdint.h>

static inline uint16_t acpi_get16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint32_t acpi_get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint64_t acpi_get64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/*
 * The usable bytes of a table: header.length, after checking it against
 * the @len bytes available and the table's fixed part. Prints why not and
 * returns 0 on failure.
 */
uint32_t acpi_table_usable_length(const char *sig, const uint8_t *t, uint64_t len, uint32_t fixed);

#endif
