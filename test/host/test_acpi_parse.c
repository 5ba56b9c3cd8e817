// SPDX-License-Identifier: MIT
/*
 * The MADT, SRAT and SLIT parsers (kernel/drivers/acpi/{madt,srat,slit}.c)
 * on tables iasl compiled from the .asl files in test/data/acpi (expected values are
 * the ones written in those sources) and on hand-built byte arrays for
 * what iasl will not emit: zero-length and truncated subtables, lengths
 * that lie, too many entries. Each table is handed over in a buffer of
 * exactly @len bytes, so ASan stops any read past it.
 */
#include "sim_ktest.h"
#include "test_acpi_util.h"

#include <drivers/acpi.h>
#include <lib/errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A table being built: header first, entries appended. */
struct tb {
	uint8_t b[32768];
	uint32_t n;
};

static void tb_start(struct tb *t, const char *sig, uint32_t fixed, uint8_t rev)
{
	memset(t, 0, sizeof(*t));
	put_header(t->b, sig, 0, rev);
	t->n = fixed;
}

static uint8_t *tb_add(struct tb *t, uint8_t type, uint8_t len)
{
	uint8_t *e = t->b + t->n;

	e[0] = type;
	e[1] = len;
	t->n += len;
	return e;
}

/* An exactly sized copy of the first @avail bytes, header.length = @hlen. */
static uint8_t *tb_copy(struct tb *t, uint32_t hlen, uint32_t avail)
{
	uint8_t *p = malloc(avail ? avail : 1);

	put32(t->b + 4, hlen);
	memcpy(p, t->b, avail);
	return p;
}

static void expect_log(struct ktest *t, const char *want)
{
	KTEST_EXPECT_STREQ(t, sim_log_text(), want);
}

/* --- MADT --- */

static struct acpi_madt_info madt;

static int parse_madt(struct tb *t, uint32_t hlen, uint32_t avail)
{
	uint8_t *p = tb_copy(t, hlen, avail);
	int r;

	sim_log_clear();
	r = acpi_parse_madt(p, avail, &madt);
	free(p);
	return r;
}

static uint8_t *add_lapic(struct tb *t, uint8_t uid, uint8_t id, uint32_t flags)
{
	uint8_t *e = tb_add(t, 0, 8);

	e[2] = uid;
	e[3] = id;
	put32(e + 4, flags);
	return e;
}

static void madt_iasl_good(struct ktest *t)
{
	size_t len;
	uint8_t *p = read_aml("madt-good", &len);

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, acpi_parse_madt(p, len, &madt), 0);
	free(p);
	expect_log(t, "");
	KTEST_EXPECT_EQ(t, madt.lapic_addr, 0xfee00000);
	KTEST_EXPECT_EQ(t, madt.flags, ACPI_MADT_PCAT_COMPAT);
	KTEST_ASSERT_EQ(t, madt.nr_cpus, 5);
	/* apic_id, uid, enabled, online_capable, x2apic: table order */
	KTEST_EXPECT_EQ(t, madt.cpu[0].apic_id, 0);
	KTEST_EXPECT_EQ(t, madt.cpu[0].acpi_uid, 0);
	KTEST_EXPECT_TRUE(t, madt.cpu[0].enabled);
	KTEST_EXPECT_FALSE(t, madt.cpu[0].online_capable);
	KTEST_EXPECT_FALSE(t, madt.cpu[0].x2apic);
	KTEST_EXPECT_EQ(t, madt.cpu[1].apic_id, 2);
	KTEST_EXPECT_EQ(t, madt.cpu[1].acpi_uid, 1);
	KTEST_EXPECT_FALSE(t, madt.cpu[1].enabled);
	KTEST_EXPECT_TRUE(t, madt.cpu[1].online_capable);
	KTEST_EXPECT_EQ(t, madt.cpu[2].apic_id, 0xff);
	KTEST_EXPECT_EQ(t, madt.cpu[2].acpi_uid, 2);
	KTEST_EXPECT_FALSE(t, madt.cpu[2].enabled);
	KTEST_EXPECT_EQ(t, madt.cpu[3].apic_id, 0x100);
	KTEST_EXPECT_EQ(t, madt.cpu[3].acpi_uid, 3);
	KTEST_EXPECT_TRUE(t, madt.cpu[3].enabled);
	KTEST_EXPECT_TRUE(t, madt.cpu[3].x2apic);
	KTEST_EXPECT_EQ(t, madt.cpu[4].apic_id, 0x101);
	KTEST_EXPECT_EQ(t, madt.cpu[4].acpi_uid, 4);
	KTEST_EXPECT_FALSE(t, madt.cpu[4].enabled);
	KTEST_EXPECT_TRUE(t, madt.cpu[4].x2apic);
	KTEST_ASSERT_EQ(t, madt.nr_ioapics, 2);
	KTEST_EXPECT_EQ(t, madt.ioapic[0].id, 0);
	KTEST_EXPECT_EQ(t, madt.ioapic[0].address, 0xfec00000);
	KTEST_EXPECT_EQ(t, madt.ioapic[0].gsi_base, 0);
	KTEST_EXPECT_EQ(t, madt.ioapic[1].id, 1);
	KTEST_EXPECT_EQ(t, madt.ioapic[1].address, 0xfec01000);
	KTEST_EXPECT_EQ(t, madt.ioapic[1].gsi_base, 24);
	KTEST_ASSERT_EQ(t, madt.nr_int_ovr, 2);
	KTEST_EXPECT_EQ(t, madt.int_ovr[0].source_irq, 0);
	KTEST_EXPECT_EQ(t, madt.int_ovr[0].gsi, 2);
	KTEST_EXPECT_EQ(t, madt.int_ovr[0].flags, 0);
	KTEST_EXPECT_EQ(t, madt.int_ovr[1].source_irq, 9);
	KTEST_EXPECT_EQ(t, madt.int_ovr[1].gsi, 9);
	KTEST_EXPECT_EQ(t, madt.int_ovr[1].flags, 0xd);
	KTEST_ASSERT_EQ(t, madt.nr_lapic_nmi, 2);
	/* table order: the local APIC NMI, then the x2APIC one */
	KTEST_EXPECT_EQ(t, madt.lapic_nmi[0].acpi_uid, 0xff);
	KTEST_EXPECT_FALSE(t, madt.lapic_nmi[0].x2apic);
	KTEST_EXPECT_EQ(t, madt.lapic_nmi[0].flags, 5);
	KTEST_EXPECT_EQ(t, madt.lapic_nmi[0].lint, 1);
	KTEST_EXPECT_EQ(t, madt.lapic_nmi[1].acpi_uid, 0xffffffff);
	KTEST_EXPECT_TRUE(t, madt.lapic_nmi[1].x2apic);
	KTEST_EXPECT_EQ(t, madt.lapic_nmi[1].flags, 5);
	KTEST_EXPECT_EQ(t, madt.lapic_nmi[1].lint, 1);
	KTEST_EXPECT_TRUE(t, madt.has_lapic_addr_ovr);
	KTEST_EXPECT_EQ(t, madt.lapic_addr_ovr, 0xfee00000);
}

/* A local APIC entry of 6 bytes (BAD_MADT_ENTRY: shorter than 8). */
static void madt_lapic_too_short(struct ktest *t)
{
	struct tb b;

	tb_start(&b, "APIC", 44, 5);
	add_lapic(&b, 0, 0, 1);
	tb_add(&b, 0, 6);
	add_lapic(&b, 2, 2, 1);
	KTEST_EXPECT_EQ(t, parse_madt(&b, b.n, b.n), -EINVAL);
	expect_log(t, "ACPI: Error parsing LAPIC/X2APIC entries\n");
	KTEST_EXPECT_EQ(t, madt.nr_cpus, 1); /* the ones before it */
}

/* An x2APIC entry whose 16 bytes run past the table's end. */
static void madt_x2apic_past_end(struct ktest *t)
{
	struct tb b;

	tb_start(&b, "APIC", 44, 5);
	add_lapic(&b, 0, 0, 1);
	tb_add(&b, 9, 16);
	KTEST_EXPECT_EQ(t, parse_madt(&b, b.n - 8, b.n - 8), -EINVAL);
	expect_log(t, "ACPI: Error parsing LAPIC/X2APIC entries\n");
}

/* A short I/O APIC entry: Linux's IOAPIC line; the CPUs were fine. */
static void madt_ioapic_short(struct ktest *t)
{
	struct tb b;

	tb_start(&b, "APIC", 44, 5);
	add_lapic(&b, 0, 0, 1);
	tb_add(&b, 1, 8);
	KTEST_EXPECT_EQ(t, parse_madt(&b, b.n, b.n), -EINVAL);
	expect_log(t, "ACPI: Error parsing IOAPIC entry\n");
	KTEST_EXPECT_EQ(t, madt.nr_cpus, 1);
}

/* Linux walks per type: a bad I/O APIC entry placed before a bad LAPIC
 * one still loses to it (the LAPIC walk comes first). */
static void madt_error_order(struct ktest *t)
{
	struct tb b;

	tb_start(&b, "APIC", 44, 5);
	tb_add(&b, 1, 8);
	tb_add(&b, 2, 4);
	tb_add(&b, 0, 4);
	KTEST_EXPECT_EQ(t, parse_madt(&b, b.n, b.n), -EINVAL);
	expect_log(t, "ACPI: Error parsing LAPIC/X2APIC entries\n");
	/* Without the LAPIC one, the I/O APIC one before the override. */
	b.n -= 4;
	KTEST_EXPECT_EQ(t, parse_madt(&b, b.n, b.n), -EINVAL);
	expect_log(t, "ACPI: Error parsing IOAPIC entry\n");
	b.b[44 + 1] = 12; /* good I/O APIC: 8 + 4 bytes, the override's 4 overlap */
	b.b[44 + 8] = 0x10;
	b.b[44 + 9] = 0;
	KTEST_EXPECT_EQ(t, parse_madt(&b, b.n, b.n), 0);
	expect_log(t, "");
}

/* A zero-length entry (anywhere): Linux's first walk (type 5) stops. */
static void madt_zero_length(struct ktest *t)
{
	struct tb b;

	tb_start(&b, "APIC", 44, 5);
	add_lapic(&b, 0, 0, 1);
	tb_add(&b, 0, 4); /* would be "Error parsing LAPIC/X2APIC entries"... */
	tb_add(&b, 1, 0); /* ...but the zero length is met first */
	b.n += 12;
	KTEST_EXPECT_EQ(t, parse_madt(&b, b.n, b.n), -EINVAL);
	expect_log(t, "ACPI: [APIC:0x05] Invalid zero length\n"
		      "ACPI: Error parsing LAPIC address override entry\n");
}

static void madt_header_lengths(struct ktest *t)
{
	struct tb b;

	tb_start(&b, "APIC", 44, 5);
	add_lapic(&b, 0, 0, 1);
	KTEST_EXPECT_EQ(t, parse_madt(&b, b.n + 8, b.n), -EINVAL);
	expect_log(t, "ACPI: MADT: length 60 but only 52 bytes mapped\n");
	KTEST_EXPECT_EQ(t, parse_madt(&b, 40, b.n), -EINVAL);
	expect_log(t, "ACPI: MADT: length 40 is shorter than its fixed part (44 bytes)\n");
	KTEST_EXPECT_EQ(t, parse_madt(&b, b.n, 30), -EINVAL);
	expect_log(t, "ACPI: MADT: only 30 bytes, less than a table header\n");
	/* header.length < available: only header.length bytes are used. */
	add_lapic(&b, 1, 1, 1);
	KTEST_EXPECT_EQ(t, parse_madt(&b, b.n - 8, b.n), 0);
	KTEST_EXPECT_EQ(t, madt.nr_cpus, 1);
}

/* One byte after the last entry: Linux stops ("entry + 2 < end"). */
static void madt_trailing_byte(struct ktest *t)
{
	struct tb b;

	tb_start(&b, "APIC", 44, 5);
	add_lapic(&b, 0, 0, 1);
	b.b[b.n++] = 0;
	KTEST_EXPECT_EQ(t, parse_madt(&b, b.n, b.n), 0);
	KTEST_EXPECT_EQ(t, madt.nr_cpus, 1);
	/* Two bytes: still not visited ("<", not "<="). */
	b.b[b.n++] = 0;
	KTEST_EXPECT_EQ(t, parse_madt(&b, b.n, b.n), 0);
	expect_log(t, "");
}

static void madt_too_many_entries(struct ktest *t)
{
	struct tb b;

	tb_start(&b, "APIC", 44, 5);
	for (int i = 0; i < 300; i++)
		add_lapic(&b, (uint8_t)i, (uint8_t)i, 1);
	KTEST_EXPECT_EQ(t, parse_madt(&b, b.n, b.n), 0);
	expect_log(t, "ACPI: MADT: more than 256 processor entries, the rest ignored\n");
	KTEST_EXPECT_EQ(t, madt.nr_cpus, 256);
	KTEST_EXPECT_EQ(t, madt.cpus_dropped, 44);

	/* Firmware often has one LAPIC NMI entry per CPU: room for as many. */
	tb_start(&b, "APIC", 44, 5);
	for (int i = 0; i < 300; i++) {
		uint8_t *e = tb_add(&b, 4, 6);

		e[2] = (uint8_t)i;
		e[5] = 1;
	}
	KTEST_EXPECT_EQ(t, parse_madt(&b, b.n, b.n), 0);
	expect_log(t, "ACPI: MADT: more than 256 local APIC NMI entries, the rest ignored\n");
	KTEST_EXPECT_EQ(t, madt.nr_lapic_nmi, 256);
	KTEST_EXPECT_EQ(t, madt.lapic_nmi_dropped, 44);
	KTEST_EXPECT_EQ(t, madt.lapic_nmi[255].acpi_uid, 255);
}

/* --- SRAT --- */

static struct acpi_srat_info srat;

static int parse_srat(struct tb *t, uint32_t hlen, uint32_t avail)
{
	uint8_t *p = tb_copy(t, hlen, avail);
	int r;

	sim_log_clear();
	r = acpi_parse_srat(p, avail, &srat);
	free(p);
	return r;
}

static void add_srat_cpu(struct tb *t, uint8_t pxm, uint8_t apic, uint32_t flags)
{
	uint8_t *e = tb_add(t, 0, 16);

	e[2] = pxm;
	e[3] = apic;
	put32(e + 4, flags);
}

static void add_srat_mem(struct tb *t, uint32_t pxm, uint64_t base, uint64_t len,
			 uint32_t flags)
{
	uint8_t *e = tb_add(t, 1, 40);

	put32(e + 2, pxm);
	put64(e + 8, base);
	put64(e + 16, len);
	put32(e + 28, flags);
}

static void expect_mem(struct ktest *t, int i, uint32_t pxm, uint64_t base,
		       uint64_t len, bool en, bool hp, bool nv)
{
	KTEST_EXPECT_EQ(t, srat.mem[i].pxm, pxm);
	KTEST_EXPECT_EQ(t, srat.mem[i].base, base);
	KTEST_EXPECT_EQ(t, srat.mem[i].length, len);
	KTEST_EXPECT_EQ(t, srat.mem[i].enabled, en);
	KTEST_EXPECT_EQ(t, srat.mem[i].hotplug, hp);
	KTEST_EXPECT_EQ(t, srat.mem[i].nonvolatile, nv);
}

static void expect_cpu(struct ktest *t, int i, uint32_t pxm, uint32_t apic,
		       bool en, bool x2)
{
	KTEST_EXPECT_EQ(t, srat.cpu[i].pxm, pxm);
	KTEST_EXPECT_EQ(t, srat.cpu[i].apic_id, apic);
	KTEST_EXPECT_EQ(t, srat.cpu[i].enabled, en);
	KTEST_EXPECT_EQ(t, srat.cpu[i].x2apic, x2);
}

static void srat_iasl_good(struct ktest *t)
{
	size_t len;
	uint8_t *p = read_aml("srat-good", &len);

	KTEST_ASSERT_NOT_NULL(t, p);
	sim_log_clear();
	KTEST_EXPECT_EQ(t, acpi_parse_srat(p, len, &srat), 0);
	free(p);
	expect_log(t, "");
	KTEST_EXPECT_EQ(t, srat.revision, 3);
	KTEST_ASSERT_EQ(t, srat.nr_cpus, 5);
	expect_cpu(t, 0, 0, 0x00, true, false);
	expect_cpu(t, 1, 0x201, 0x01, true, false);
	expect_cpu(t, 2, 1, 0x02, false, false);
	expect_cpu(t, 3, 2, 0x100, true, true);
	expect_cpu(t, 4, 3, 0x101, false, true);
	KTEST_ASSERT_EQ(t, srat.nr_mem, 5);
	expect_mem(t, 0, 0, 0, 0xa0000, true, false, false);
	expect_mem(t, 1, 1, 0x40000000, 0x40000000, true, true, false);
	expect_mem(t, 2, 2, 0x100000000, 0x80000000, true, false, true);
	expect_mem(t, 3, 3, 0x180000000, 0x40000000, false, false, false);
	expect_mem(t, 4, 0x1234, 0x200000000, 0x1000000, true, false, false);
}

static void srat_iasl_rev1(struct ktest *t)
{
	size_t len;
	uint8_t *p = read_aml("srat-rev1", &len);

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, acpi_parse_srat(p, len, &srat), 0);
	free(p);
	KTEST_EXPECT_EQ(t, srat.revision, 1);
	KTEST_ASSERT_EQ(t, srat.nr_cpus, 1);
	expect_cpu(t, 0, 0x05, 0x03, true, false);
	KTEST_ASSERT_EQ(t, srat.nr_mem, 1);
	expect_mem(t, 0, 0x34, 0x1000000, 0x2000000, true, false, false);
}

/* Revision 2 is where Linux starts using the high proximity bytes of a
 * processor entry and stops masking memory domains to 8 bits. */
static void srat_revision2_domains(struct ktest *t)
{
	struct tb b;
	uint8_t *e;

	tb_start(&b, "SRAT", 48, 2);
	add_srat_cpu(&b, 0x01, 0x07, 1);
	e = b.b + b.n - 16;
	e[9] = 0x02;  /* proximity domain bits 8-15 */
	e[11] = 0x03; /* bits 24-31 */
	e[12] = 0xff; /* clock domain: not part of the domain */
	add_srat_mem(&b, 0x1234, 0, 1 << 20, 1);
	KTEST_EXPECT_EQ(t, parse_srat(&b, b.n, b.n), 0);
	KTEST_ASSERT_EQ(t, srat.nr_cpus, 1);
	expect_cpu(t, 0, 0x03000201, 0x07, true, false);
	KTEST_ASSERT_EQ(t, srat.nr_mem, 1);
	expect_mem(t, 0, 0x1234, 0, 1 << 20, true, false, false);
}

/* Linux's booted case: a zero-length memory subtable. Its first walk
 * (processor types) stops there; the memory walk's handler sees length 0
 * (and calls bad_srat), then the walk stops too. */
static void srat_zero_length_memory(struct ktest *t)
{
	struct tb b;

	tb_start(&b, "SRAT", 48, 3);
	add_srat_cpu(&b, 0, 0, 1);
	add_srat_mem(&b, 0, 0, 0x100000, 1);
	tb_add(&b, 1, 0);
	b.n += 40;
	add_srat_cpu(&b, 1, 1, 1);
	KTEST_EXPECT_EQ(t, parse_srat(&b, b.n, b.n), -EINVAL);
	expect_log(t, "ACPI: [SRAT:0x00] Invalid zero length\n"
		      "ACPI: SRAT: Unexpected header length: 0\n"
		      "ACPI: [SRAT:0x01] Invalid zero length\n");
	KTEST_EXPECT_TRUE(t, srat.bad_srat); /* the memory handler's */
	KTEST_EXPECT_EQ(t, srat.nr_cpus, 1);
	KTEST_EXPECT_EQ(t, srat.nr_mem, 1);
}

/* Zero length on a type no walk handles: the two walk lines only, and
 * no bad_srat() (Linux's NUMA init just fails). */
static void srat_zero_length_other(struct ktest *t)
{
	struct tb b;

	tb_start(&b, "SRAT", 48, 3);
	tb_add(&b, 7, 0);
	b.n += 16;
	KTEST_EXPECT_EQ(t, parse_srat(&b, b.n, b.n), -EINVAL);
	expect_log(t, "ACPI: [SRAT:0x00] Invalid zero length\n"
		      "ACPI: [SRAT:0x01] Invalid zero length\n");
	KTEST_EXPECT_FALSE(t, srat.bad_srat); /* no handler saw it */
	/* A zero-length processor entry: its handler calls bad_srat(). */
	tb_start(&b, "SRAT", 48, 3);
	tb_add(&b, 0, 0);
	b.n += 16;
	KTEST_EXPECT_EQ(t, parse_srat(&b, b.n, b.n), -EINVAL);
	expect_log(t, "ACPI: SRAT: processor affinity entry at offset 0x30 has length 0, not 16\n"
		      "ACPI: [SRAT:0x00] Invalid zero length\n"
		      "ACPI: [SRAT:0x01] Invalid zero length\n");
	KTEST_EXPECT_TRUE(t, srat.bad_srat);
}

/* A memory entry whose 40 bytes run past the table: never read. */
static void srat_truncated_subtable(struct ktest *t)
{
	struct tb b;

	tb_start(&b, "SRAT", 48, 3);
	add_srat_cpu(&b, 0, 0, 1);
	add_srat_mem(&b, 0, 0, 0x100000, 1);
	KTEST_EXPECT_EQ(t, parse_srat(&b, b.n - 20, b.n - 20), -EINVAL);
	expect_log(t, "ACPI: SRAT: memory affinity entry at offset 0x40 (length 40) runs past the end of the table (length 84)\n");
	KTEST_EXPECT_EQ(t, srat.nr_mem, 0);
	/* A processor entry cut the same way. */
	tb_start(&b, "SRAT", 48, 3);
	add_srat_cpu(&b, 0, 0, 1);
	KTEST_EXPECT_EQ(t, parse_srat(&b, b.n - 1, b.n - 1), -EINVAL);
	expect_log(t, "ACPI: SRAT: processor affinity entry at offset 0x30 (length 16) runs past the end of the table (length 63)\n");
}

/* Lengths Linux's handlers refuse (bad_srat): processor != 16 (silently
 * in Linux: our line), x2APIC < 24 (same), memory < 40 (Linux's line).
 * Everything after is ignored, as after Linux's bad_srat(). */
static void srat_bad_subtable_lengths(struct ktest *t)
{
	struct tb b;

	tb_start(&b, "SRAT", 48, 3);
	tb_add(&b, 0, 12);
	add_srat_cpu(&b, 1, 1, 1);
	add_srat_mem(&b, 0, 0, 0x100000, 1);
	KTEST_EXPECT_EQ(t, parse_srat(&b, b.n, b.n), -EINVAL);
	expect_log(t, "ACPI: SRAT: processor affinity entry at offset 0x30 has length 12, not 16\n");
	KTEST_EXPECT_EQ(t, srat.nr_cpus, 0);
	KTEST_EXPECT_EQ(t, srat.nr_mem, 0);

	tb_start(&b, "SRAT", 48, 3);
	tb_add(&b, 2, 20);
	KTEST_EXPECT_EQ(t, parse_srat(&b, b.n, b.n), -EINVAL);
	expect_log(t, "ACPI: SRAT: x2APIC affinity entry at offset 0x30 has length 20, less than 24\n");

	tb_start(&b, "SRAT", 48, 3);
	add_srat_cpu(&b, 0, 0, 1);
	tb_add(&b, 1, 32);
	add_srat_mem(&b, 0, 0, 0x100000, 1);
	KTEST_EXPECT_EQ(t, parse_srat(&b, b.n, b.n), -EINVAL);
	expect_log(t, "ACPI: SRAT: Unexpected header length: 32\n");
	KTEST_EXPECT_TRUE(t, srat.bad_srat);
	KTEST_EXPECT_EQ(t, srat.nr_cpus, 1);
	KTEST_EXPECT_EQ(t, srat.nr_mem, 0);
}

static void srat_header_lengths(struct ktest *t)
{
	struct tb b;

	tb_start(&b, "SRAT", 48, 3);
	add_srat_cpu(&b, 0, 0, 1);
	KTEST_EXPECT_EQ(t, parse_srat(&b, b.n + 40, b.n), -EINVAL);
	expect_log(t, "ACPI: SRAT: length 104 but only 64 bytes mapped\n");
	KTEST_EXPECT_EQ(t, parse_srat(&b, 47, b.n), -EINVAL);
	expect_log(t, "ACPI: SRAT: length 47 is shorter than its fixed part (48 bytes)\n");
	KTEST_EXPECT_EQ(t, parse_srat(&b, b.n, 10), -EINVAL);
	expect_log(t, "ACPI: SRAT: only 10 bytes, less than a table header\n");
}

/* More enabled entries than ACPI_MAX_SRAT_MEM: refused (nodes would be
 * missing); disabled ones beyond it: dropped with a count. */
static void srat_too_many_entries(struct ktest *t)
{
	static struct tb b;

	tb_start(&b, "SRAT", 48, 3);
	for (int i = 0; i < ACPI_MAX_SRAT_MEM + 1; i++)
		add_srat_mem(&b, 0, (uint64_t)i << 20, 1 << 20, 1);
	KTEST_EXPECT_EQ(t, parse_srat(&b, b.n, b.n), -EINVAL);
	expect_log(t, "ACPI: SRAT: more than 512 memory affinity entries, more than mmk keeps\n");

	tb_start(&b, "SRAT", 48, 3);
	add_srat_mem(&b, 0, 0, 1 << 20, 1);
	for (int i = 0; i < ACPI_MAX_SRAT_MEM + 9; i++)
		add_srat_mem(&b, 0, 0, 0, 0);
	KTEST_EXPECT_EQ(t, parse_srat(&b, b.n, b.n), 0);
	expect_log(t, "ACPI: SRAT: 0 disabled processor and 10 disabled memory entries not kept (no room)\n");
	KTEST_EXPECT_EQ(t, srat.nr_mem, ACPI_MAX_SRAT_MEM);
}

/* --- SLIT --- */

static struct acpi_slit_info slit;

static int parse_slit_aml(struct ktest *t, const char *name)
{
	size_t len;
	uint8_t *p = read_aml(name, &len);
	int r;

	KTEST_EXPECT_NOT_NULL(t, p);
	if (!p)
		return 1;
	sim_log_clear();
	r = acpi_parse_slit(p, len, &slit);
	free(p);
	return r;
}

static void slit_iasl_good(struct ktest *t)
{
	static const uint8_t want[3][3] = { { 10, 15, 20 }, { 16, 10, 25 }, { 21, 26, 10 } };

	KTEST_EXPECT_EQ(t, parse_slit_aml(t, "slit-good"), 0);
	expect_log(t, "");
	KTEST_EXPECT_EQ(t, slit.localities, 3);
	for (int i = 0; i < 3; i++)
		KTEST_EXPECT_MEMEQ(t, slit.dist[i], want[i], 3);
}

static void slit_iasl_bad_diagonal(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, parse_slit_aml(t, "slit-bad-diag"), -EINVAL);
	expect_log(t, "ACPI: SLIT table looks invalid. Not used.\n");
	KTEST_EXPECT_EQ(t, slit.localities, 0);
}

static void slit_iasl_bad_offdiagonal(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, parse_slit_aml(t, "slit-bad-offdiag"), -EINVAL);
	expect_log(t, "ACPI: SLIT table looks invalid. Not used.\n");
}

/* slit-good with its count raised to 4: 9 distance bytes, 16 needed
 * (Linux would read 7 bytes past the table). Also a count so large that
 * count^2 overflows 64 bits. */
static void slit_short(struct ktest *t)
{
	size_t len;
	uint8_t *p = read_aml("slit-good", &len);

	KTEST_ASSERT_NOT_NULL(t, p);
	put64(p + 36, 4);
	sim_log_clear();
	KTEST_EXPECT_EQ(t, acpi_parse_slit(p, len, &slit), -EINVAL);
	expect_log(t, "ACPI: SLIT: table too short for 4 localities: 9 bytes of distances, 4^2 needed. Not used.\n");
	put64(p + 36, 1ull << 33);
	sim_log_clear();
	KTEST_EXPECT_EQ(t, acpi_parse_slit(p, len, &slit), -EINVAL);
	expect_log(t, "ACPI: SLIT: table too short for 8589934592 localities: 9 bytes of distances, 8589934592^2 needed. Not used.\n");
	/* Fewer localities than the bytes hold: the first bytes are used. */
	put64(p + 36, 1);
	sim_log_clear();
	KTEST_EXPECT_EQ(t, acpi_parse_slit(p, len, &slit), 0);
	KTEST_EXPECT_EQ(t, slit.localities, 1);
	KTEST_EXPECT_EQ(t, slit.dist[0][0], 10);
	free(p);
}

/* A valid 65-locality SLIT: more than we keep, said. */
static void slit_too_many_localities(struct ktest *t)
{
	static struct tb b;
	uint8_t *p;
	int n = ACPI_MAX_SLIT + 1;

	tb_start(&b, "SLIT", 44, 1);
	put64(b.b + 36, n);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			b.b[44 + i * n + j] = i == j ? 10 : 20;
	b.n += n * n;
	p = tb_copy(&b, b.n, b.n);
	sim_log_clear();
	KTEST_EXPECT_EQ(t, acpi_parse_slit(p, b.n, &slit), -EINVAL);
	expect_log(t, "ACPI: SLIT: 65 localities, more than the 64 mmk keeps. Not used.\n");
	/* 64 of them fit. */
	put64(p + 36, ACPI_MAX_SLIT);
	sim_log_clear();
	KTEST_EXPECT_EQ(t, acpi_parse_slit(p, b.n, &slit), -EINVAL);
	expect_log(t, "ACPI: SLIT table looks invalid. Not used.\n"); /* rows shifted */
	free(p);
}

/*
 * The CPU list the kernel boots from (acpi_madt_enabled_cpus): the boot
 * CPU first, then the enabled entries in table order, local APIC and
 * x2APIC alike; disabled entries, the boot CPU's own entry and the "no
 * such CPU" ids (0xff for a local APIC, 0xffffffff for an x2APIC, where
 * 0xff is an ordinary id) left out; no more than the room given. In
 * x2APIC mode (highest id 0xfffffffe) every other id is kept; in xAPIC
 * mode (0xfe) an x2APIC entry's 0xff and 0x100 cannot be addressed and are
 * dropped with Linux's warning, one per enabled entry.
 */
static void madt_enabled_cpus_x2apic(struct ktest *t)
{
	static const struct acpi_madt_cpu cpus[] = {
		/* apic_id, uid, enabled, online_capable, x2apic */
		{ 1, 0, true, false, false },
		{ 0, 1, true, false, false },
		{ 0xff, 2, true, false, false },
		{ 0x100, 3, true, false, true },
		{ 0xff, 4, true, false, true },
		{ 0x102, 5, false, true, true },
		{ 0xffffffff, 6, true, false, true },
		{ 2, 7, true, false, false },
	};
	const uint32_t x2 = 0xfffffffe, xapic = 0xfe;
	uint32_t ids[8];
	size_t len;
	uint8_t *p = read_aml("madt-good", &len);

	memset(&madt, 0, sizeof(madt));
	madt.nr_cpus = (int)(sizeof(cpus) / sizeof(cpus[0]));
	memcpy(madt.cpu, cpus, sizeof(cpus));
	sim_log_clear();
	KTEST_ASSERT_EQ(t, acpi_madt_enabled_cpus(&madt, 0, x2, ids, 8), 5);
	KTEST_EXPECT_EQ(t, ids[0], 0);
	KTEST_EXPECT_EQ(t, ids[1], 1);
	KTEST_EXPECT_EQ(t, ids[2], 0x100);
	KTEST_EXPECT_EQ(t, ids[3], 0xff); /* the x2APIC entry's */
	KTEST_EXPECT_EQ(t, ids[4], 2);
	expect_log(t, "");
	/* Room for three: the boot CPU and the first two others. */
	KTEST_ASSERT_EQ(t, acpi_madt_enabled_cpus(&madt, 0, x2, ids, 3), 3);
	KTEST_EXPECT_EQ(t, ids[2], 0x100);
	/* A boot CPU with an x2APIC id, not listed again. */
	KTEST_ASSERT_EQ(t, acpi_madt_enabled_cpus(&madt, 0x100, x2, ids, 8), 5);
	KTEST_EXPECT_EQ(t, ids[0], 0x100);
	KTEST_EXPECT_EQ(t, ids[1], 1);
	KTEST_EXPECT_EQ(t, ids[2], 0);
	KTEST_EXPECT_EQ(t, ids[3], 0xff);
	KTEST_EXPECT_EQ(t, ids[4], 2);
	/* xAPIC mode: 0x100 and the x2APIC 0xff go, 0x102 is disabled anyway. */
	sim_log_clear();
	KTEST_ASSERT_EQ(t, acpi_madt_enabled_cpus(&madt, 0, xapic, ids, 8), 3);
	KTEST_EXPECT_EQ(t, ids[0], 0);
	KTEST_EXPECT_EQ(t, ids[1], 1);
	KTEST_EXPECT_EQ(t, ids[2], 2);
	expect_log(t, "ACPI: x2apic entry ignored\n"
		      "ACPI: x2apic entry ignored\n");
	/* iasl's madt-good: CPU 0 (boot) and the enabled x2APIC 0x100. */
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, acpi_parse_madt(p, len, &madt), 0);
	free(p);
	KTEST_ASSERT_EQ(t, acpi_madt_enabled_cpus(&madt, 0, x2, ids, 8), 2);
	KTEST_EXPECT_EQ(t, ids[0], 0);
	KTEST_EXPECT_EQ(t, ids[1], 0x100);
	KTEST_ASSERT_EQ(t, acpi_madt_enabled_cpus(&madt, 0, xapic, ids, 8), 1);
}

static struct ktest_case acpi_parse_cases[] = {
	KTEST_CASE(madt_iasl_good),
	KTEST_CASE(madt_lapic_too_short),
	KTEST_CASE(madt_x2apic_past_end),
	KTEST_CASE(madt_ioapic_short),
	KTEST_CASE(madt_error_order),
	KTEST_CASE(madt_zero_length),
	KTEST_CASE(madt_header_lengths),
	KTEST_CASE(madt_trailing_byte),
	KTEST_CASE(madt_too_many_entries),
	KTEST_CASE(madt_enabled_cpus_x2apic),
	KTEST_CASE(srat_iasl_good),
	KTEST_CASE(srat_iasl_rev1),
	KTEST_CASE(srat_revision2_domains),
	KTEST_CASE(srat_zero_length_memory),
	KTEST_CASE(srat_zero_length_other),
	KTEST_CASE(srat_truncated_subtable),
	KTEST_CASE(srat_bad_subtable_lengths),
	KTEST_CASE(srat_header_lengths),
	KTEST_CASE(srat_too_many_entries),
	KTEST_CASE(slit_iasl_good),
	KTEST_CASE(slit_iasl_bad_diagonal),
	KTEST_CASE(slit_iasl_bad_offdiagonal),
	KTEST_CASE(slit_short),
	KTEST_CASE(slit_too_many_localities),
	KTEST_CASES_END
};

static struct ktest_suite acpi_parse_suite = {
	.name = "acpi_parse",
	.cases = acpi_parse_cases,
	.init = sim_ktest_init,
	.exit = sim_ktest_dump_log,
};
KTEST_SUITE(acpi_parse_suite);
