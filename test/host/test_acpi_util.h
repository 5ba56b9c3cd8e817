/* SPDX-License-Identifier: MIT */
/*
 * Helpers for the ACPI host tests: a fake physical memory of separately
 * allocated pieces (ASan sees a read past one), table headers and
 * checksums written by hand, and the test data files (iasl output in the
 * build tree, QEMU captures in test/data/acpi).
 */
#ifndef TEST_HOST_TEST_ACPI_UTIL_H
#define TEST_HOST_TEST_ACPI_UTIL_H

#include <drivers/acpi.h>
#include <stddef.h>
#include <stdint.h>

#define FM_MAX 80
struct fake_mem {
	int nr;
	struct { uint64_t addr; uint8_t *data; uint32_t len; } seg[FM_MAX];
	int live;       /* map() calls not yet unmapped */
	int max_live;   /* most mappings live at once */
	struct acpi_mem_ops ops;
};

void fm_init(struct fake_mem *m);
/* A zeroed piece of @len bytes at physical @addr. */
uint8_t *fm_add(struct fake_mem *m, uint64_t addr, uint32_t len);
void fm_free(struct fake_mem *m);

/* A table header: @sig, @len, @rev, OEM "MMKTST", table id "TESTTBL ",
 * OEM revision 1, creator "MMK " 2; checksum left 0. */
void put_header(uint8_t *t, const char *sig, uint32_t len, uint8_t rev);
/* Byte @at set so that the first @len bytes sum to 0 (returns that byte). */
uint8_t fix_checksum(uint8_t *t, uint32_t len, uint32_t at);
void put32(uint8_t *p, uint32_t v);
void put64(uint8_t *p, uint64_t v);

/* The whole file in an exactly sized buffer (free it), or NULL. */
uint8_t *read_file(const char *path, size_t *len);
/* test/data/acpi/NAME.asl compiled by iasl at build time. */
uint8_t *read_aml(const char *name, size_t *len);
/* test/data/acpi/REL. */
uint8_t *read_data(const char *rel, size_t *len);

#endif
