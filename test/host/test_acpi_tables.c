// SPDX-License-Identifier: MIT
/*
 * acpi_table_init() (kernel/drivers/acpi/tables.c) on hand-built firmware
 * memory: which root table is walked, the lines Linux 6.1 prints for it
 * (ACPICA's tbprint.c formats, worked out by hand from the bytes written
 * here), and what happens to broken RSDPs, root tables and tables. Every
 * case also checks that each map() was unmapped.
 */
#include "sim_ktest.h"
#include "test_acpi_util.h"

#include <drivers/acpi.h>
#include <lib/errno.h>
#include <stdio.h>
#include <stdlib.h>

#define HDR_TAIL "MMKTST TESTTBL  00000001 MMK  00000002)"

/*
 * The machine most cases start from:
 *   RSDP  0xe0000  v2, RSDT 0x5000, XSDT 0x1000
 *   XSDT  0x1000   -> 0x2000 (FACP), 0 (null), 0x3000 (APIC), 0x4000 (SRAT)
 *   RSDT  0x5000   -> 0x3000 (APIC) only: tells which root was walked
 *   FACP  0x2000   276 bytes v6, DSDT 0x6000 (32 and 64 bit), FACS 0x7000
 *   DSDT  0x6000, FACS 0x7000 (64 bytes, version 2), APIC 0x3000, SRAT 0x4000
 */
struct machine {
	struct fake_mem m;
	uint8_t *rsdp, *xsdt, *rsdt, *fadt, *dsdt, *facs, *apic, *srat;
	struct acpi_tables tables;
};

static void checksums(struct machine *mc)
{
	fix_checksum(mc->rsdp, 20, 8);
	fix_checksum(mc->rsdp, 36, 32);
	fix_checksum(mc->xsdt, 68, 9);
	fix_checksum(mc->rsdt, 40, 9);
	fix_checksum(mc->fadt, 276, 9);
	fix_checksum(mc->dsdt, 36, 9);
	fix_checksum(mc->apic, 44, 9);
	fix_checksum(mc->srat, 48, 9);
}

static void build(struct machine *mc)
{
	struct fake_mem *m = &mc->m;

	fm_init(m);
	mc->rsdp = fm_add(m, 0xe0000, 36);
	memcpy(mc->rsdp, "RSD PTR ", 8);
	memcpy(mc->rsdp + 9, "MMKTST", 6);
	mc->rsdp[15] = 2;
	put32(mc->rsdp + 16, 0x5000);
	put32(mc->rsdp + 20, 36);
	put64(mc->rsdp + 24, 0x1000);

	mc->xsdt = fm_add(m, 0x1000, 68);
	put_header(mc->xsdt, "XSDT", 68, 1);
	put64(mc->xsdt + 36, 0x2000);
	put64(mc->xsdt + 44, 0);
	put64(mc->xsdt + 52, 0x3000);
	put64(mc->xsdt + 60, 0x4000);

	mc->rsdt = fm_add(m, 0x5000, 40);
	put_header(mc->rsdt, "RSDT", 40, 1);
	put32(mc->rsdt + 36, 0x3000);

	mc->fadt = fm_add(m, 0x2000, 276);
	put_header(mc->fadt, "FACP", 276, 6);
	put32(mc->fadt + 36, 0x7000);
	put32(mc->fadt + 40, 0x6000);
	put64(mc->fadt + 140, 0x6000);

	mc->dsdt = fm_add(m, 0x6000, 36);
	put_header(mc->dsdt, "DSDT", 36, 2);
	mc->facs = fm_add(m, 0x7000, 64);
	memcpy(mc->facs, "FACS", 4);
	put32(mc->facs + 4, 64);
	mc->facs[32] = 2;
	mc->apic = fm_add(m, 0x3000, 44);
	put_header(mc->apic, "APIC", 44, 5);
	mc->srat = fm_add(m, 0x4000, 48);
	put_header(mc->srat, "SRAT", 48, 3);
	checksums(mc);
}

static int run(struct ktest *t, struct machine *mc, uint64_t rsdp)
{
	int ret;

	sim_log_clear();
	ret = acpi_table_init(&mc->tables, rsdp, &mc->m.ops);
	KTEST_EXPECT_EQ(t, mc->m.live, 0);
	KTEST_EXPECT_LE(t, mc->m.max_live, 2);
	return ret;
}

/* The captured log, exactly these lines in this order. */
static void expect_log(struct ktest *t, const char *const *lines, int n)
{
	char want[8192] = "";

	for (int i = 0; i < n; i++) {
		strcat(want, lines[i]);
		strcat(want, "\n");
	}
	KTEST_EXPECT_STREQ(t, sim_log_text(), want);
}

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void expect_desc(struct ktest *t, const struct acpi_table_desc *d,
			const char *sig, uint64_t phys, uint32_t len, uint8_t rev)
{
	KTEST_EXPECT_STREQ(t, d->signature, sig);
	KTEST_EXPECT_EQ(t, d->phys, phys);
	KTEST_EXPECT_EQ(t, d->length, len);
	KTEST_EXPECT_EQ(t, d->revision, rev);
}

/* XSDT chosen (revision 2, pointer set), null entry skipped, FADT's
 * DSDT and FACS listed right after it. */
static void acpi_xsdt_walk(struct ktest *t)
{
	static const char *const want[] = {
		"ACPI: Early table checksum verification disabled",
		"ACPI: RSDP 0x00000000000E0000 000024 (v02 MMKTST)",
		"ACPI: XSDT 0x0000000000001000 000044 (v01 " HDR_TAIL,
		"ACPI: FACP 0x0000000000002000 000114 (v06 " HDR_TAIL,
		"ACPI: DSDT 0x0000000000006000 000024 (v02 " HDR_TAIL,
		"ACPI: FACS 0x0000000000007000 000040",
		"ACPI: APIC 0x0000000000003000 00002C (v05 " HDR_TAIL,
		"ACPI: SRAT 0x0000000000004000 000030 (v03 " HDR_TAIL,
	};
	struct machine mc;
	struct acpi_tables *tb = &mc.tables;

	build(&mc);
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xe0000), 0);
	expect_log(t, want, N(want));
	KTEST_EXPECT_EQ(t, tb->rsdp_phys, 0xe0000);
	KTEST_EXPECT_EQ(t, tb->rsdp_revision, 2);
	KTEST_EXPECT_STREQ(t, tb->root_signature, "XSDT");
	KTEST_EXPECT_EQ(t, tb->root_phys, 0x1000);
	KTEST_EXPECT_EQ(t, tb->root_length, 68);
	KTEST_ASSERT_EQ(t, tb->nr, 5);
	expect_desc(t, &tb->t[0], "FACP", 0x2000, 276, 6);
	expect_desc(t, &tb->t[1], "DSDT", 0x6000, 36, 2);
	expect_desc(t, &tb->t[2], "FACS", 0x7000, 64, 2);
	expect_desc(t, &tb->t[3], "APIC", 0x3000, 44, 5);
	expect_desc(t, &tb->t[4], "SRAT", 0x4000, 48, 3);
	KTEST_EXPECT_TRUE(t, acpi_get_table(tb, "SRAT", 0) == &tb->t[4]);
	KTEST_EXPECT_NULL(t, acpi_get_table(tb, "SRAT", 1));
	KTEST_EXPECT_NULL(t, acpi_get_table(tb, "SLIT", 0));
	KTEST_EXPECT_EQ(t, acpi_table_count(tb, "APIC"), 1);
	fm_free(&mc.m);
}

/* Revision 0 (ACPI 1.0, 20-byte RSDP): the RSDT, whatever byte 24 holds. */
static void acpi_rsdt_revision0(struct ktest *t)
{
	static const char *const want[] = {
		"ACPI: Early table checksum verification disabled",
		"ACPI: RSDP 0x00000000000E0000 000014 (v00 MMKTST)",
		"ACPI: RSDT 0x0000000000005000 000028 (v01 " HDR_TAIL,
		"ACPI: APIC 0x0000000000003000 00002C (v05 " HDR_TAIL,
	};
	struct machine mc;

	build(&mc);
	mc.rsdp[15] = 0;
	checksums(&mc);
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xe0000), 0);
	expect_log(t, want, N(want));
	KTEST_EXPECT_STREQ(t, mc.tables.root_signature, "RSDT");
	KTEST_ASSERT_EQ(t, mc.tables.nr, 1);
	expect_desc(t, &mc.tables.t[0], "APIC", 0x3000, 44, 5);
	fm_free(&mc.m);
}

/* Revision 1 does not exist in the spec; ACPICA still takes the RSDT
 * (XSDT only above 1) but prints the length field. */
static void acpi_rsdt_revision1(struct ktest *t)
{
	struct machine mc;

	build(&mc);
	mc.rsdp[15] = 1;
	checksums(&mc);
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xe0000), 0);
	SIM_EXPECT_LINE(t, "ACPI: RSDP 0x00000000000E0000 000024 (v01 MMKTST)");
	KTEST_EXPECT_STREQ(t, mc.tables.root_signature, "RSDT");
	fm_free(&mc.m);
}

/* Revision 2 with a zero XSDT pointer: the RSDT. */
static void acpi_rsdt_when_xsdt_null(struct ktest *t)
{
	struct machine mc;

	build(&mc);
	put64(mc.rsdp + 24, 0);
	checksums(&mc);
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xe0000), 0);
	SIM_EXPECT_LINE(t, "ACPI: RSDT 0x0000000000005000 000028 (v01 " HDR_TAIL);
	KTEST_EXPECT_EQ(t, sim_log_count("XSDT"), 0);
	KTEST_ASSERT_EQ(t, mc.tables.nr, 1);
	KTEST_EXPECT_STREQ(t, mc.tables.t[0].signature, "APIC");
	fm_free(&mc.m);
}

static void acpi_rsdp_bad_signature(struct ktest *t)
{
	struct machine mc;

	build(&mc);
	mc.rsdp[0] = 'X';
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xe0000), -EINVAL);
	SIM_EXPECT_LINE(t, "ACPI: No RSDP signature at 0x00000000000E0000; ACPI tables not used");
	KTEST_EXPECT_EQ(t, mc.tables.nr, 0);
	fm_free(&mc.m);
}

static void acpi_rsdp_missing_or_unmapped(struct ktest *t)
{
	struct machine mc;

	build(&mc);
	KTEST_EXPECT_EQ(t, run(t, &mc, 0), -EINVAL);
	SIM_EXPECT_LINE(t, "ACPI: No RSDP from the firmware; ACPI tables not used");
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xf0000), -ENOMEM);
	SIM_EXPECT_LINE(t, "ACPI: Cannot map the RSDP at 0x00000000000F0000");
	/* A revision-2 RSDP whose last 16 bytes are not there. */
	fm_free(&mc.m);
	build(&mc);
	mc.m.seg[0].len = 20;
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xe0000), -ENOMEM);
	SIM_EXPECT_LINE(t, "ACPI: Cannot map the 36-byte RSDP (revision 2) at 0x00000000000E0000");
	fm_free(&mc.m);
}

/* Linux only warns about root-table checksums; both RSDP sums are checked.
 * Expected bytes: the good checksum + 1, "should be" the good one. */
static void acpi_rsdp_bad_checksums(struct ktest *t)
{
	struct machine mc;
	char line[160];
	uint8_t good;

	/* The ACPI 1.0 sum (bytes 0-19) wrong, the extended one made right. */
	build(&mc);
	good = mc.rsdp[8];
	mc.rsdp[8] = (uint8_t)(good + 1);
	fix_checksum(mc.rsdp, 36, 32);
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xe0000), 0);
	snprintf(line, sizeof(line),
		 "ACPI BIOS Warning (bug): Incorrect checksum in table [RSDP] - 0x%02X, should be 0x%02X",
		 (uint8_t)(good + 1), good);
	SIM_EXPECT_LINE(t, line);
	KTEST_EXPECT_EQ(t, sim_log_count("Incorrect checksum"), 1);
	KTEST_EXPECT_EQ(t, mc.tables.nr, 5);
	fm_free(&mc.m);

	/* Only the extended sum (bytes 0-35) wrong. */
	build(&mc);
	good = mc.rsdp[32];
	mc.rsdp[32] = (uint8_t)(good + 1);
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xe0000), 0);
	snprintf(line, sizeof(line),
		 "ACPI BIOS Warning (bug): Incorrect checksum in table [RSDP] - 0x%02X, should be 0x%02X",
		 (uint8_t)(good + 1), good);
	SIM_EXPECT_LINE(t, line);
	KTEST_EXPECT_EQ(t, sim_log_count("Incorrect checksum"), 1);
	KTEST_EXPECT_EQ(t, mc.tables.nr, 5);
	fm_free(&mc.m);
}

/* A bad XSDT or table checksum: a warning after its line, table kept. */
static void acpi_table_bad_checksums(struct ktest *t)
{
	struct machine mc;
	char line[160];
	uint8_t good_x, good_s;

	build(&mc);
	good_x = mc.xsdt[9];
	good_s = mc.srat[9];
	mc.xsdt[9] = (uint8_t)(good_x + 0x10);
	mc.srat[9] = (uint8_t)(good_s - 1);
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xe0000), 0);
	snprintf(line, sizeof(line),
		 "ACPI BIOS Warning (bug): Incorrect checksum in table [XSDT] - 0x%02X, should be 0x%02X",
		 (uint8_t)(good_x + 0x10), good_x);
	SIM_EXPECT_LINE(t, line);
	snprintf(line, sizeof(line),
		 "ACPI BIOS Warning (bug): Incorrect checksum in table [SRAT] - 0x%02X, should be 0x%02X",
		 (uint8_t)(good_s - 1), good_s);
	SIM_EXPECT_LINE(t, line);
	KTEST_EXPECT_EQ(t, sim_log_count("Incorrect checksum"), 2);
	KTEST_EXPECT_EQ(t, mc.tables.nr, 5);
	fm_free(&mc.m);
}

/* ACPICA's minimum: a header and one entry. */
static void acpi_root_too_short(struct ktest *t)
{
	struct machine mc;

	build(&mc);
	put32(mc.xsdt + 4, 36 + 7);
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xe0000), -EINVAL);
	SIM_EXPECT_LINE(t, "ACPI BIOS Error (bug): Invalid table length 0x2B in RSDT/XSDT");
	KTEST_EXPECT_EQ(t, mc.tables.nr, 0);
	fm_free(&mc.m);
}

/* The XSDT says it is longer than what is there. */
static void acpi_root_unmappable(struct ktest *t)
{
	struct machine mc;

	build(&mc);
	put32(mc.xsdt + 4, 76);
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xe0000), -ENOMEM);
	SIM_EXPECT_LINE(t, "ACPI: Cannot map the 76 bytes of the XSDT at 0x0000000000001000");
	put64(mc.rsdp + 24, 0x9000);
	checksums(&mc);
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xe0000), -ENOMEM);
	SIM_EXPECT_LINE(t, "ACPI: Cannot map the XSDT at 0x0000000000009000");
	fm_free(&mc.m);
}

/* A table's header length beyond what is mapped, below a header, or a
 * header that is not there at all: listed as Linux would, then dropped. */
static void acpi_table_bad_lengths(struct ktest *t)
{
	static const char *const want[] = {
		"ACPI: Early table checksum verification disabled",
		"ACPI: RSDP 0x00000000000E0000 000024 (v02 MMKTST)",
		"ACPI: XSDT 0x0000000000001000 000044 (v01 " HDR_TAIL,
		"ACPI Error: Could not acquire table length at 0000000000002000",
		"ACPI: APIC 0x0000000000003000 000080 (v05 " HDR_TAIL,
		"ACPI: [APIC] at 0x0000000000003000: cannot map its 128 bytes; table ignored",
		"ACPI: SRAT 0x0000000000004000 000014 (v03 " HDR_TAIL,
		"ACPI: [SRAT] at 0x0000000000004000: length 20 is shorter than its header; table ignored",
	};
	struct machine mc;

	build(&mc);
	mc.m.seg[3].addr = 0x20000;   /* the FADT is elsewhere */
	put32(mc.apic + 4, 128);      /* 44 bytes mapped */
	put32(mc.srat + 4, 20);
	checksums(&mc);
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xe0000), 0);
	expect_log(t, want, N(want));
	KTEST_EXPECT_EQ(t, mc.tables.nr, 0);
	fm_free(&mc.m);
}

/* Two MADTs (a BIOS bug Linux reports): both listed, both reachable. */
static void acpi_several_madts(struct ktest *t)
{
	struct machine mc;
	uint8_t *apic2;

	build(&mc);
	apic2 = fm_add(&mc.m, 0x8000, 44);
	put_header(apic2, "APIC", 44, 3);
	fix_checksum(apic2, 44, 9);
	put64(mc.xsdt + 44, 0x8000);  /* the null entry */
	checksums(&mc);
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xe0000), 0);
	SIM_EXPECT_LINE(t, "ACPI: APIC 0x0000000000008000 00002C (v03 " HDR_TAIL);
	KTEST_EXPECT_EQ(t, acpi_table_count(&mc.tables, "APIC"), 2);
	KTEST_ASSERT_NOT_NULL(t, acpi_get_table(&mc.tables, "APIC", 1));
	KTEST_EXPECT_EQ(t, acpi_get_table(&mc.tables, "APIC", 0)->phys, 0x8000);
	KTEST_EXPECT_EQ(t, acpi_get_table(&mc.tables, "APIC", 1)->phys, 0x3000);
	KTEST_EXPECT_NULL(t, acpi_get_table(&mc.tables, "APIC", 2));
	fm_free(&mc.m);
}

/* FADT details: the 64-bit DSDT wins over a different 32-bit one (with
 * ACPICA's warning); a hardware-reduced FADT has no FACS; both FACS
 * pointers set means two FACS lines, as ACPICA installs both. */
static void acpi_fadt_pointers(struct ktest *t)
{
	struct machine mc;
	uint8_t *dsdt2;

	build(&mc);
	dsdt2 = fm_add(&mc.m, 0x100006000ull, 36);
	put_header(dsdt2, "DSDT", 36, 1);
	fix_checksum(dsdt2, 36, 9);
	put64(mc.fadt + 140, 0x100006000ull);
	put64(mc.fadt + 132, 0x7000);
	checksums(&mc);
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xe0000), 0);
	SIM_EXPECT_LINE(t, "ACPI BIOS Warning (bug): 32/64X DSDT address mismatch in FADT: 0x00006000/0x0000000100006000, using 64-bit address");
	SIM_EXPECT_LINE(t, "ACPI: DSDT 0x0000000100006000 000024 (v01 " HDR_TAIL);
	KTEST_EXPECT_EQ(t, sim_log_count("ACPI: FACS 0x0000000000007000 000040"), 2);
	KTEST_EXPECT_EQ(t, acpi_table_count(&mc.tables, "FACS"), 2);

	put32(mc.fadt + 112, 1u << 20); /* HW_REDUCED_ACPI */
	checksums(&mc);
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xe0000), 0);
	KTEST_EXPECT_EQ(t, sim_log_count("FACS"), 0);
	KTEST_EXPECT_EQ(t, mc.tables.nr, 4);
	fm_free(&mc.m);
}

/* A short (ACPI 1.0, 116-byte) FADT: no X fields read past its end. */
static void acpi_fadt_short(struct ktest *t)
{
	struct machine mc;

	build(&mc);
	mc.m.seg[3].len = 116;
	put32(mc.fadt + 4, 116);
	fix_checksum(mc.fadt, 116, 9);
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xe0000), 0);
	SIM_EXPECT_LINE(t, "ACPI: FACP 0x0000000000002000 000074 (v06 " HDR_TAIL);
	SIM_EXPECT_LINE(t, "ACPI: DSDT 0x0000000000006000 000024 (v02 " HDR_TAIL);
	SIM_EXPECT_LINE(t, "ACPI: FACS 0x0000000000007000 000040");
	KTEST_EXPECT_EQ(t, mc.tables.nr, 5);
	fm_free(&mc.m);
}

/* A FADT whose DSDT pointer is the FADT itself: listed once more, no loop. */
static void acpi_fadt_self_reference(struct ktest *t)
{
	struct machine mc;

	build(&mc);
	put32(mc.fadt + 40, 0x2000);
	put64(mc.fadt + 140, 0x2000);
	checksums(&mc);
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xe0000), 0);
	KTEST_EXPECT_EQ(t, sim_log_count("ACPI: FACP 0x0000000000002000"), 2);
	KTEST_EXPECT_EQ(t, acpi_table_count(&mc.tables, "FACP"), 2);
	fm_free(&mc.m);
}

/* Non-printable OEM bytes print as '?', a NUL ends a field (ACPICA). */
static void acpi_header_strings(struct ktest *t)
{
	struct machine mc;

	build(&mc);
	mc.srat[10] = 0x01;
	mc.srat[12] = 0x80;
	mc.srat[18] = 0;
	checksums(&mc);
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xe0000), 0);
	SIM_EXPECT_LINE(t, "ACPI: SRAT 0x0000000000004000 000030 (v03 ?M?TST TE       00000001 MMK  00000002)");
	fm_free(&mc.m);
}

/* More tables than ACPI_MAX_TABLES: the extra ones said, not kept. */
static void acpi_too_many_tables(struct ktest *t)
{
	struct machine mc;
	uint8_t *x;
	uint32_t len = 36 + 8 * 70;

	build(&mc);
	x = fm_add(&mc.m, 0x10000, len);
	put_header(x, "XSDT", len, 1);
	for (int i = 0; i < 70; i++)
		put64(x + 36 + 8 * i, 0x4000);
	fix_checksum(x, len, 9);
	put64(mc.rsdp + 24, 0x10000);
	checksums(&mc);
	KTEST_EXPECT_EQ(t, run(t, &mc, 0xe0000), 0);
	KTEST_EXPECT_EQ(t, mc.tables.nr, ACPI_MAX_TABLES);
	KTEST_EXPECT_EQ(t, sim_log_count("ACPI: More than 64 tables: SRAT at 0x0000000000004000 not kept"),
			70 - ACPI_MAX_TABLES);
	fm_free(&mc.m);
}

static struct ktest_case acpi_tables_cases[] = {
	KTEST_CASE(acpi_xsdt_walk),
	KTEST_CASE(acpi_rsdt_revision0),
	KTEST_CASE(acpi_rsdt_revision1),
	KTEST_CASE(acpi_rsdt_when_xsdt_null),
	KTEST_CASE(acpi_rsdp_bad_signature),
	KTEST_CASE(acpi_rsdp_missing_or_unmapped),
	KTEST_CASE(acpi_rsdp_bad_checksums),
	KTEST_CASE(acpi_table_bad_checksums),
	KTEST_CASE(acpi_root_too_short),
	KTEST_CASE(acpi_root_unmappable),
	KTEST_CASE(acpi_table_bad_lengths),
	KTEST_CASE(acpi_several_madts),
	KTEST_CASE(acpi_fadt_pointers),
	KTEST_CASE(acpi_fadt_short),
	KTEST_CASE(acpi_fadt_self_reference),
	KTEST_CASE(acpi_header_strings),
	KTEST_CASE(acpi_too_many_tables),
	KTEST_CASES_END
};

static struct ktest_suite acpi_tables_suite = {
	.name = "acpi_tables",
	.cases = acpi_tables_cases,
	.init = sim_ktest_init,
	.exit = sim_ktest_dump_log,
};
KTEST_SUITE(acpi_tables_suite);
