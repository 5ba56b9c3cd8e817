// SPDX-License-Identifier: MIT
/*
 * The acpidump text reader (test/sim/acpidump.c): QEMU's captured tables
 * come back byte for byte where the hex says (checked against bytes read
 * off the hex dump here: signatures, lengths, addresses), CRLF files
 * load the same, and bad input gets a clear error naming the line.
 */
#include "sim_ktest.h"
#include "test_acpi_util.h"
#include "acpidump.h"

#include <stdio.h>
#include <stdlib.h>

static char *numa2(struct ktest *t, size_t *len)
{
	char *text = (char *)read_data("qemu-numa2/tables.dat", len);

	KTEST_EXPECT_NOT_NULL(t, text);
	return text;
}

/* Names, addresses and lengths as in the file's "NAME @ 0xADDR" lines and
 * each table's length field. */
static void dump_qemu_numa2(struct ktest *t)
{
	static const struct { const char *name; uint64_t addr; size_t len; } want[] = {
		{ "RSDP", 0x7f77d014, 36 }, { "XSDT", 0x7f77c0e8, 0x5c },
		{ "FACP", 0x7f778000, 0xf4 }, { "DSDT", 0x7f779000, 0x20f8 },
		{ "FACS", 0x7f7dc000, 0x40 }, { "APIC", 0x7f777000, 0x80 },
		{ "HPET", 0x7f776000, 0x38 }, { "SRAT", 0x7f775000, 0xf0 },
		{ "MCFG", 0x7f774000, 0x3c }, { "WAET", 0x7f773000, 0x28 },
		{ "BGRT", 0x7f772000, 0x38 },
	};
	struct acpidump d;
	const struct acpi_mem_ops *mem;
	size_t len;
	char *text = numa2(t, &len);

	if (!text)
		return;
	KTEST_ASSERT_EQ(t, acpidump_load(text, len, &d), 0);
	free(text);
	KTEST_ASSERT_EQ(t, d.nr, 11);
	for (int i = 0; i < 11; i++) {
		KTEST_EXPECT_STREQ(t, d.t[i].name, want[i].name);
		KTEST_EXPECT_EQ(t, d.t[i].addr, want[i].addr);
		KTEST_EXPECT_EQ(t, d.t[i].len, want[i].len);
		KTEST_EXPECT_MEMEQ(t, d.t[i].data, i ? want[i].name : "RSD PTR ", 4);
	}
	KTEST_EXPECT_EQ(t, acpidump_rsdp(&d), 0x7f77d014);
	mem = acpidump_mem(&d);
	KTEST_EXPECT_TRUE(t, mem->map(mem->ctx, 0x7f77d014, 36) == d.t[0].data);
	KTEST_EXPECT_TRUE(t, mem->map(mem->ctx, 0x7f77d014 + 36, 0) == d.t[0].data + 36);
	KTEST_EXPECT_NULL(t, mem->map(mem->ctx, 0x7f77d014, 37));
	KTEST_EXPECT_NULL(t, mem->map(mem->ctx, 0x7f77d010, 8));
	KTEST_EXPECT_NULL(t, mem->map(mem->ctx, 0, 1));
	KTEST_EXPECT_NULL(t, mem->map(mem->ctx, 0x7f779010, ~0ull));
	KTEST_EXPECT_TRUE(t, mem->map(mem->ctx, 0x7f779010, 0x20e8) == d.t[3].data + 0x10);
	KTEST_EXPECT_TRUE(t, acpidump_find(&d, "SRAT") == &d.t[7]);
	KTEST_EXPECT_NULL(t, acpidump_find(&d, "SLIT"));
	acpidump_free(&d);
}

/* The same file with CRLF line ends (a dump copied through Windows). */
static void dump_crlf(struct ktest *t)
{
	struct acpidump d;
	size_t len, n = 0;
	char *text = numa2(t, &len), *crlf;

	if (!text)
		return;
	crlf = malloc(2 * len);
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			crlf[n++] = '\r';
		crlf[n++] = text[i];
	}
	KTEST_EXPECT_EQ(t, acpidump_load(crlf, n, &d), 0);
	KTEST_EXPECT_EQ(t, d.nr, 11);
	KTEST_EXPECT_EQ(t, acpidump_find(&d, "DSDT")->len, 0x20f8);
	acpidump_free(&d);
	free(crlf);
	free(text);
}

static void expect_error(struct ktest *t, const char *text, const char *err)
{
	struct acpidump d;
	/* An exactly sized, unterminated copy: ASan sees any overread. */
	size_t n = strlen(text);
	char *copy = malloc(n ? n : 1);

	memcpy(copy, text, n);
	KTEST_EXPECT_EQ(t, acpidump_load(copy, n, &d), -1);
	KTEST_EXPECT_STREQ(t, d.err, err);
	acpidump_free(&d);
	free(copy);
}

static void dump_bad_input(struct ktest *t)
{
	expect_error(t, "", "acpidump: line 0: no tables in the dump");
	expect_error(t, "\n  \n", "acpidump: line 2: no tables in the dump");
	expect_error(t, "Intel ACPI Component Architecture\n",
		     "acpidump: line 1: neither a \"NAME @ 0xADDRESS\" line nor a hex dump line");
	expect_error(t, "    0000: 52 53 44 20\n",
		     "acpidump: line 1: hex dump line before any \"NAME @ 0xADDRESS\" line");
	expect_error(t, "FACP @ 0x1000\n    0000: 01 02\n    0010: 03\n",
		     "acpidump: line 3: offset 0x10 in FACP, expected 0x2");
	expect_error(t, "FACP @ 0x1000\n\nAPIC @ 0x2000\n    0000: 01\n",
		     "acpidump: line 4: table FACP @ 0x1000 has no bytes");
	expect_error(t, "FACP @ 0x\n", "acpidump: line 1: neither a \"NAME @ 0xADDRESS\" line nor a hex dump line");
	expect_error(t, "FACP @ 0x1000 junk\n",
		     "acpidump: line 1: neither a \"NAME @ 0xADDRESS\" line nor a hex dump line");
	expect_error(t, "FACP @ 0x1000\n    0000: 0\n",
		     "acpidump: line 2: neither a \"NAME @ 0xADDRESS\" line nor a hex dump line");
	expect_error(t, "\x7f\x45LF\x02\x01\x01", "acpidump: line 1: neither a \"NAME @ 0xADDRESS\" line nor a hex dump line");
	expect_error(t, "FACP @ 0x1000\n    0000: 01 02 ZZ\n    0002: 03\n    0000: 04\n",
		     "acpidump: line 4: offset 0x0 in FACP, expected 0x3");
}

/* The ASCII column is not read even when it looks like hex; a 17th byte
 * on a line is not taken; a 16-digit address is. */
static void dump_line_shapes(struct ktest *t)
{
	static const char text[] =
		"SSDT @ 0xFFFFFFFFFFFFF000\n"
		"    0000: 41 42  41 42 43 44\n"
		"    0002: 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 10\n";
	struct acpidump d;

	KTEST_ASSERT_EQ(t, acpidump_load(text, sizeof(text) - 1, &d), 0);
	KTEST_ASSERT_EQ(t, d.nr, 1);
	KTEST_EXPECT_EQ(t, d.t[0].addr, 0xfffffffffffff000ull);
	KTEST_EXPECT_EQ(t, d.t[0].len, 18);
	KTEST_EXPECT_EQ(t, d.t[0].data[1], 0x42);
	KTEST_EXPECT_EQ(t, d.t[0].data[17], 0x0f);
	KTEST_EXPECT_EQ(t, acpidump_rsdp(&d), 0);
	/* Near the top of the address space: no wrap-around in map(). */
	KTEST_EXPECT_NULL(t, acpidump_mem(&d)->map(&d, 0xfffffffffffff010ull, 0x10));
	KTEST_EXPECT_NOT_NULL(t, acpidump_mem(&d)->map(&d, 0xfffffffffffff010ull, 2));
	acpidump_free(&d);
}

/* A dump that lost its DSDT (cut short): the walk says so and goes on. */
static void dump_missing_dsdt(struct ktest *t)
{
	struct acpidump d;
	struct acpi_tables tb;
	size_t len;
	char *text = numa2(t, &len), *dsdt, *facs;

	if (!text)
		return;
	dsdt = strstr(text, "DSDT @");
	facs = strstr(text, "FACS @");
	KTEST_ASSERT_TRUE(t, dsdt && facs && dsdt < facs);
	memmove(dsdt, facs, len - (size_t)(facs - text));
	len -= (size_t)(facs - dsdt);
	KTEST_ASSERT_EQ(t, acpidump_load(text, len, &d), 0);
	sim_log_clear();
	KTEST_EXPECT_EQ(t, acpi_table_init(&tb, acpidump_rsdp(&d), acpidump_mem(&d)), 0);
	SIM_EXPECT_LINE(t, "ACPI Error: Could not acquire table length at 000000007F779000");
	KTEST_EXPECT_EQ(t, tb.nr, 8);
	KTEST_EXPECT_NULL(t, acpi_get_table(&tb, "DSDT", 0));
	acpidump_free(&d);
	free(text);
}

static struct ktest_case acpi_dump_cases[] = {
	KTEST_CASE(dump_qemu_numa2),
	KTEST_CASE(dump_crlf),
	KTEST_CASE(dump_bad_input),
	KTEST_CASE(dump_line_shapes),
	KTEST_CASE(dump_missing_dsdt),
	KTEST_CASES_END
};

static struct ktest_suite acpi_dump_suite = {
	.name = "acpi_dump",
	.cases = acpi_dump_cases,
	.init = sim_ktest_init,
	.exit = sim_ktest_dump_log,
};
KTEST_SUITE(acpi_dump_suite);
