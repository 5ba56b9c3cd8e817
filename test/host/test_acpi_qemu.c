// SPDX-License-Identifier: MIT
/*
 * QEMU's own ACPI tables (test/data/acpi/qemu-*, captured once with
 * capture-qemu.py, read back through test/sim/acpidump.c):
 *
 *  - tables.dat: QEMU run with the reference machines' command lines
 *    (linux-6.1-numa*.cmd without -kernel/-append). acpi_table_init() must
 *    print exactly the table list Linux 6.1 printed on those machines (the
 *    lines below are the ones in the reference logs).
 *  - mmk-run.dat: the same machines booted by scripts/run, the tables our
 *    kernel sees. Only the DSDT differs, same address, other length:
 *    QEMU's AML depends on the devices, and scripts/run's set is not the
 *    .cmd files' (-nodefaults, -vga std, isa-debug-exit, a disk; the
 *    Linux command line plus -nodefaults alone gives yet another, 0x2087).
 *
 * The MADT, SRAT and SLIT must parse to what the .cmd files ask for: one
 * CPU per node (APIC id = CPU index), 1 GiB per memory backend, node 0
 * split around the 640 KiB-1 MiB hole, nodes 2-3 of the 4 GiB machine
 * above 4 GiB (q35 keeps 2 GiB below 4 GiB there), the -numa dist values
 * mirrored (QEMU fills the other direction). QEMU 7.2 also appends
 * disabled zero-length memory entries (one on numa2 and numa4, two on
 * numa3), counted in the capture's hex. The MADT's overrides and NMI are
 * the ones Linux printed from it (INT_SRC_OVR, LAPIC_NMI lines).
 */
#include "sim_ktest.h"
#include "test_acpi_util.h"
#include "acpidump.h"

#include <drivers/acpi.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const linux_numa2[] = {
	"ACPI: Early table checksum verification disabled",
	"ACPI: RSDP 0x000000007F77D014 000024 (v02 BOCHS )",
	"ACPI: XSDT 0x000000007F77C0E8 00005C (v01 BOCHS  BXPC     00000001      01000013)",
	"ACPI: FACP 0x000000007F778000 0000F4 (v03 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: DSDT 0x000000007F779000 0020F8 (v01 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: FACS 0x000000007F7DC000 000040",
	"ACPI: APIC 0x000000007F777000 000080 (v01 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: HPET 0x000000007F776000 000038 (v01 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: SRAT 0x000000007F775000 0000F0 (v01 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: MCFG 0x000000007F774000 00003C (v01 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: WAET 0x000000007F773000 000028 (v01 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: BGRT 0x000000007F772000 000038 (v01 INTEL  EDK2     00000002      01000013)",
};

static const char *const linux_numa3[] = {
	"ACPI: Early table checksum verification disabled",
	"ACPI: RSDP 0x000000007F77D014 000024 (v02 BOCHS )",
	"ACPI: XSDT 0x000000007F77C0E8 00005C (v01 BOCHS  BXPC     00000001      01000013)",
	"ACPI: FACP 0x000000007F778000 0000F4 (v03 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: DSDT 0x000000007F779000 002155 (v01 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: FACS 0x000000007F7DC000 000040",
	"ACPI: APIC 0x000000007F777000 000088 (v01 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: HPET 0x000000007F776000 000038 (v01 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: SRAT 0x000000007F775000 000128 (v01 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: MCFG 0x000000007F774000 00003C (v01 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: WAET 0x000000007F773000 000028 (v01 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: BGRT 0x000000007F772000 000038 (v01 INTEL  EDK2     00000002      01000013)",
};

static const char *const linux_numa4[] = {
	"ACPI: Early table checksum verification disabled",
	"ACPI: RSDP 0x000000007F77D014 000024 (v02 BOCHS )",
	"ACPI: XSDT 0x000000007F77C0E8 000064 (v01 BOCHS  BXPC     00000001      01000013)",
	"ACPI: FACP 0x000000007F778000 0000F4 (v03 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: DSDT 0x000000007F779000 0021B2 (v01 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: FACS 0x000000007F7DC000 000040",
	"ACPI: APIC 0x000000007F777000 000090 (v01 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: HPET 0x000000007F776000 000038 (v01 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: SRAT 0x000000007F775000 000160 (v01 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: SLIT 0x000000007F774000 00003C (v01 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: MCFG 0x000000007F773000 00003C (v01 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: WAET 0x000000007F772000 000028 (v01 BOCHS  BXPC     00000001 BXPC 00000001)",
	"ACPI: BGRT 0x000000007F771000 000038 (v01 INTEL  EDK2     00000002      01000013)",
};

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define DSDT_LINE 4 /* index of the DSDT line in the arrays above */

static bool load(struct ktest *t, const char *rel, struct acpidump *d)
{
	size_t len;
	char *text = (char *)read_data(rel, &len);
	int ret;

	KTEST_EXPECT_NOT_NULL(t, text);
	if (!text)
		return false;
	ret = acpidump_load(text, len, d);
	free(text);
	KTEST_EXPECT_EQ(t, ret, 0);
	if (ret)
		ktest_printf(t, "%s", d->err);
	return ret == 0;
}

/*
 * acpi_table_init() on @rel prints @want, with the DSDT line's length
 * replaced by @dsdt_len when it is not 0.
 */
static void expect_table_list(struct ktest *t, const char *rel,
			      const char *const *want, int n, unsigned dsdt_len)
{
	struct acpidump d;
	struct acpi_tables tb;
	char text[4096] = "", line[160];

	if (!load(t, rel, &d)) {
		acpidump_free(&d);
		return;
	}
	for (int i = 0; i < n; i++) {
		if (i == DSDT_LINE && dsdt_len) {
			/* "ACPI: DSDT 0x000000007F779000 " then the length */
			snprintf(line, sizeof(line), "%.30s%06X%s", want[i], dsdt_len,
				 want[i] + 36);
			strcat(text, line);
		} else {
			strcat(text, want[i]);
		}
		strcat(text, "\n");
	}
	sim_log_clear();
	KTEST_EXPECT_EQ(t, acpi_table_init(&tb, acpidump_rsdp(&d), acpidump_mem(&d)), 0);
	KTEST_EXPECT_STREQ(t, sim_log_text(), text);
	KTEST_EXPECT_EQ(t, tb.nr, n - 3); /* not the first line, RSDP, XSDT */
	acpidump_free(&d);
}

static void qemu_numa2_table_list(struct ktest *t)
{
	expect_table_list(t, "qemu-numa2/tables.dat", linux_numa2, N(linux_numa2), 0);
	expect_table_list(t, "qemu-numa2/mmk-run.dat", linux_numa2, N(linux_numa2), 0x20b3);
}

static void qemu_numa3_table_list(struct ktest *t)
{
	expect_table_list(t, "qemu-numa3-memless/tables.dat", linux_numa3, N(linux_numa3), 0);
	expect_table_list(t, "qemu-numa3-memless/mmk-run.dat", linux_numa3, N(linux_numa3), 0x2110);
}

static void qemu_numa4_table_list(struct ktest *t)
{
	expect_table_list(t, "qemu-numa4-dist/tables.dat", linux_numa4, N(linux_numa4), 0);
	expect_table_list(t, "qemu-numa4-dist/mmk-run.dat", linux_numa4, N(linux_numa4), 0x216d);
}

/* An exactly sized copy of the first table @sig the walk of @d finds. */
static uint8_t *table_copy(struct ktest *t, struct acpidump *d, const char *sig,
			   uint32_t *len)
{
	struct acpi_tables tb;
	const struct acpi_table_desc *td;
	const struct acpi_mem_ops *mem = acpidump_mem(d);
	const void *p;
	uint8_t *copy;

	KTEST_EXPECT_EQ(t, acpi_table_init(&tb, acpidump_rsdp(d), mem), 0);
	td = acpi_get_table(&tb, sig, 0);
	KTEST_EXPECT_NOT_NULL(t, td);
	p = td ? mem->map(mem->ctx, td->phys, td->length) : NULL;
	KTEST_EXPECT_NOT_NULL(t, p);
	if (!p)
		return NULL;
	copy = malloc(td->length);
	memcpy(copy, p, td->length);
	mem->unmap(mem->ctx, p, td->length);
	*len = td->length;
	return copy;
}

/* @parse on table @sig of @d; 1 if the table is missing. */
#define PARSE(t, d, sig, parse, info)                                  \
	({                                                             \
		uint32_t len_;                                         \
		uint8_t *p_ = table_copy(t, d, sig, &len_);            \
		int r_ = p_ ? parse(p_, len_, info) : 1;               \
		free(p_);                                              \
		r_;                                                    \
	})

struct mem { uint32_t pxm; uint64_t base, len; bool enabled; };

static void expect_srat(struct ktest *t, const struct acpi_srat_info *s, int cpus,
			const struct mem *m, int nm)
{
	KTEST_EXPECT_EQ(t, s->revision, 1);
	KTEST_ASSERT_EQ(t, s->nr_cpus, cpus);
	for (int i = 0; i < cpus; i++) {
		KTEST_EXPECT_EQ(t, s->cpu[i].pxm, i);
		KTEST_EXPECT_EQ(t, s->cpu[i].apic_id, i);
		KTEST_EXPECT_TRUE(t, s->cpu[i].enabled);
		KTEST_EXPECT_FALSE(t, s->cpu[i].x2apic);
	}
	KTEST_ASSERT_EQ(t, s->nr_mem, nm);
	for (int i = 0; i < nm; i++) {
		KTEST_EXPECT_EQ(t, s->mem[i].pxm, m[i].pxm);
		KTEST_EXPECT_EQ(t, s->mem[i].base, m[i].base);
		KTEST_EXPECT_EQ(t, s->mem[i].length, m[i].len);
		KTEST_EXPECT_EQ(t, s->mem[i].enabled, m[i].enabled);
		KTEST_EXPECT_FALSE(t, s->mem[i].hotplug);
		KTEST_EXPECT_FALSE(t, s->mem[i].nonvolatile);
	}
}

static void expect_madt(struct ktest *t, const struct acpi_madt_info *a, int cpus)
{
	/* Linux: INT_SRC_OVR bus 0: 0->2 dfl dfl; 5, 9, 10, 11 high level. */
	static const struct { uint8_t irq; uint32_t gsi; uint16_t flags; } ovr[] = {
		{ 0, 2, 0 }, { 5, 5, 0xd }, { 9, 9, 0xd }, { 10, 10, 0xd }, { 11, 11, 0xd },
	};

	KTEST_EXPECT_EQ(t, a->lapic_addr, 0xfee00000);
	KTEST_EXPECT_EQ(t, a->flags, ACPI_MADT_PCAT_COMPAT);
	KTEST_ASSERT_EQ(t, a->nr_cpus, cpus);
	for (int i = 0; i < cpus; i++) {
		KTEST_EXPECT_EQ(t, a->cpu[i].apic_id, i);
		KTEST_EXPECT_EQ(t, a->cpu[i].acpi_uid, i);
		KTEST_EXPECT_TRUE(t, a->cpu[i].enabled);
		KTEST_EXPECT_FALSE(t, a->cpu[i].x2apic);
	}
	/* Linux: IOAPIC[0]: apic_id 0, address 0xfec00000, GSI 0-23 */
	KTEST_ASSERT_EQ(t, a->nr_ioapics, 1);
	KTEST_EXPECT_EQ(t, a->ioapic[0].id, 0);
	KTEST_EXPECT_EQ(t, a->ioapic[0].address, 0xfec00000);
	KTEST_EXPECT_EQ(t, a->ioapic[0].gsi_base, 0);
	KTEST_ASSERT_EQ(t, a->nr_int_ovr, N(ovr));
	for (int i = 0; i < N(ovr); i++) {
		KTEST_EXPECT_EQ(t, a->int_ovr[i].bus, 0);
		KTEST_EXPECT_EQ(t, a->int_ovr[i].source_irq, ovr[i].irq);
		KTEST_EXPECT_EQ(t, a->int_ovr[i].gsi, ovr[i].gsi);
		KTEST_EXPECT_EQ(t, a->int_ovr[i].flags, ovr[i].flags);
	}
	/* Linux: LAPIC_NMI (acpi_id[0xff] dfl dfl lint[0x1]) */
	KTEST_ASSERT_EQ(t, a->nr_lapic_nmi, 1);
	KTEST_EXPECT_EQ(t, a->lapic_nmi[0].acpi_uid, 0xff);
	KTEST_EXPECT_EQ(t, a->lapic_nmi[0].flags, 0);
	KTEST_EXPECT_EQ(t, a->lapic_nmi[0].lint, 1);
	KTEST_EXPECT_FALSE(t, a->has_lapic_addr_ovr);
}

#define G (1ull << 30)
static const struct mem low_2g[] = {
	{ 0, 0, 0xa0000, true }, { 0, 0x100000, G - 0x100000, true }, { 1, G, G, true },
};

static void qemu_numa2_parse(struct ktest *t)
{
	static struct acpi_srat_info s;
	static struct acpi_madt_info a;
	struct mem m[4];
	struct acpidump d;

	memcpy(m, low_2g, sizeof(low_2g));
	m[3] = (struct mem){ 0, 0, 0, false };
	if (load(t, "qemu-numa2/tables.dat", &d)) {
		KTEST_EXPECT_EQ(t, PARSE(t, &d, "SRAT", acpi_parse_srat, &s), 0);
		expect_srat(t, &s, 2, m, 4);
		KTEST_EXPECT_EQ(t, PARSE(t, &d, "APIC", acpi_parse_madt, &a), 0);
		expect_madt(t, &a, 2);
	}
	acpidump_free(&d);
}

/* Node 2 has a CPU and no memory: no memory entry of PXM 2 at all. */
static void qemu_numa3_parse(struct ktest *t)
{
	static struct acpi_srat_info s;
	static struct acpi_madt_info a;
	struct mem m[5];
	struct acpidump d;

	memcpy(m, low_2g, sizeof(low_2g));
	m[3] = m[4] = (struct mem){ 0, 0, 0, false };
	if (load(t, "qemu-numa3-memless/tables.dat", &d)) {
		KTEST_EXPECT_EQ(t, PARSE(t, &d, "SRAT", acpi_parse_srat, &s), 0);
		expect_srat(t, &s, 3, m, 5);
		KTEST_EXPECT_EQ(t, PARSE(t, &d, "APIC", acpi_parse_madt, &a), 0);
		expect_madt(t, &a, 3);
	}
	acpidump_free(&d);
}

static void qemu_numa4_parse(struct ktest *t)
{
	/* -numa dist src<dst values; dst->src mirrored by QEMU. */
	static const uint8_t dist[4][4] = {
		{ 10, 15, 20, 30 }, { 15, 10, 20, 25 }, { 20, 20, 10, 15 }, { 30, 25, 15, 10 },
	};
	static struct acpi_srat_info s;
	static struct acpi_madt_info a;
	static struct acpi_slit_info sl;
	struct mem m[6];
	struct acpidump d;

	memcpy(m, low_2g, sizeof(low_2g));
	m[3] = (struct mem){ 2, 4 * G, G, true };
	m[4] = (struct mem){ 3, 5 * G, G, true };
	m[5] = (struct mem){ 0, 0, 0, false };
	if (load(t, "qemu-numa4-dist/tables.dat", &d)) {
		KTEST_EXPECT_EQ(t, PARSE(t, &d, "SRAT", acpi_parse_srat, &s), 0);
		expect_srat(t, &s, 4, m, 6);
		KTEST_EXPECT_EQ(t, PARSE(t, &d, "APIC", acpi_parse_madt, &a), 0);
		expect_madt(t, &a, 4);
		KTEST_EXPECT_EQ(t, PARSE(t, &d, "SLIT", acpi_parse_slit, &sl), 0);
		KTEST_EXPECT_EQ(t, sl.localities, 4);
		KTEST_EXPECT_MEMEQ(t, sl.dist[0], dist[0], 4);
		KTEST_EXPECT_MEMEQ(t, sl.dist[1], dist[1], 4);
		KTEST_EXPECT_MEMEQ(t, sl.dist[2], dist[2], 4);
		KTEST_EXPECT_MEMEQ(t, sl.dist[3], dist[3], 4);
	}
	acpidump_free(&d);
}

/*
 * numa2 with "-m 2G,slots=2,maxmem=4G": QEMU 7.2 describes its hot-plug
 * window with one more memory entry, enabled and hot-pluggable, in the
 * highest node (PXM 1), at the 1 GiB-aligned end of RAM above 4 GiB (all
 * 2 GiB are below 4 GiB on q35, so 4 GiB), of maxmem - RAM plus 1 GiB of
 * alignment room per slot: 2 + 2 = 4 GiB. Linux would print
 * "ACPI: SRAT: Node 1 PXM 1 [mem 0x100000000-0x1ffffffff] hotplug".
 */
static void qemu_numa2_hotplug_parse(struct ktest *t)
{
	static struct acpi_srat_info s;
	struct acpidump d;

	if (load(t, "qemu-numa2-hotplug/tables.dat", &d)) {
		KTEST_EXPECT_EQ(t, PARSE(t, &d, "SRAT", acpi_parse_srat, &s), 0);
		KTEST_ASSERT_EQ(t, s.nr_mem, 5);
		for (int i = 0; i < 3; i++) {
			KTEST_EXPECT_EQ(t, s.mem[i].base, low_2g[i].base);
			KTEST_EXPECT_FALSE(t, s.mem[i].hotplug);
		}
		KTEST_EXPECT_FALSE(t, s.mem[3].enabled);
		KTEST_EXPECT_EQ(t, s.mem[4].pxm, 1);
		KTEST_EXPECT_EQ(t, s.mem[4].base, 4 * G);
		KTEST_EXPECT_EQ(t, s.mem[4].length, 4 * G);
		KTEST_EXPECT_TRUE(t, s.mem[4].enabled);
		KTEST_EXPECT_TRUE(t, s.mem[4].hotplug);
		KTEST_EXPECT_FALSE(t, s.mem[4].nonvolatile);
	}
	acpidump_free(&d);
}

static struct ktest_case acpi_qemu_cases[] = {
	KTEST_CASE(qemu_numa2_table_list),
	KTEST_CASE(qemu_numa3_table_list),
	KTEST_CASE(qemu_numa4_table_list),
	KTEST_CASE(qemu_numa2_parse),
	KTEST_CASE(qemu_numa3_parse),
	KTEST_CASE(qemu_numa4_parse),
	KTEST_CASE(qemu_numa2_hotplug_parse),
	KTEST_CASES_END
};

static struct ktest_suite acpi_qemu_suite = {
	.name = "acpi_qemu",
	.cases = acpi_qemu_cases,
	.init = sim_ktest_init,
	.exit = sim_ktest_dump_log,
};
KTEST_SUITE(acpi_qemu_suite);
