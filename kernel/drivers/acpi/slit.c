// SPDX-License-Identifier: MIT
/*
 * SLIT: the locality distance matrix, checked as Linux 6.1's slit_valid()
 * does (10 on the diagonal, more than 10 elsewhere). Linux never checks
 * that the table holds locality_count^2 bytes and would read past a short
 * one; here that is an error with its own line, checked first.
 */
#define pr_fmt(fmt) "ACPI: " fmt

#include <drivers/acpi.h>
#include <kernel/printk.h>
#include <lib/errno.h>

#include "internal.h"

int acpi_parse_slit(const void *table, uint64_t len, struct acpi_slit_info *out)
{
	const uint8_t *t = table, *m = t + ACPI_SLIT_FIXED_SIZE;
	uint32_t length;
	uint64_t n, room;

	memset(out, 0, sizeof(*out));
	length = acpi_table_usable_length("SLIT", t, len, ACPI_SLIT_FIXED_SIZE);
	if (!length)
		return -EINVAL;
	n = acpi_get64(t + ACPI_HEADER_SIZE);
	room = length - ACPI_SLIT_FIXED_SIZE;
	/* n * n <= room, without overflowing n * n. */
	if (n > room || (n && n * n > room)) {
		pr_err("SLIT: table too short for %llu localities: %llu bytes of distances, %llu^2 needed. Not used.\n",
		       (unsigned long long)n, (unsigned long long)room, (unsigned long long)n);
		return -EINVAL;
	}
	for (uint64_t i = 0; i < n; i++) {
		for (uint64_t j = 0; j < n; j++) {
			uint8_t d = m[i * n + j];

			if (i == j ? d != ACPI_LOCAL_DISTANCE : d <= ACPI_LOCAL_DISTANCE) {
				pr_info("SLIT table looks invalid. Not used.\n");
				return -EINVAL;
			}
		}
	}
	if (n > ACPI_MAX_SLIT) {
		pr_err("SLIT: %llu localities, more than the %d mmk keeps. Not used.\n",
		       (unsigned long long)n, ACPI_MAX_SLIT);
		return -EINVAL;
	}
	out->localities = n;
	for (uint64_t i = 0; i < n; i++)
		memcpy(out->dist[i], m + i * n, n);
	return 0;
}
