// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for the ACPI table code (kernel/drivers/acpi) and the
 * acpidump reader (test/sim/acpidump.c): firmware tables and users' dump
 * files are untrusted input.
 *
 * Input: byte 0 picks the mode (modulo 3), the rest is:
 *   0  physical memory at 0x1000 with the RSDP at its start: the table
 *      walk, then each MADT/SRAT/SLIT it finds through its parser;
 *   1  one table, given to all three parsers;
 *   2  acpidump text: loaded, then walked from its RSDP as in mode 0.
 *
 * Every map() hands out a fresh copy of exactly the bytes asked for, freed
 * by unmap(): ASan stops a read one byte past any mapping, and the maps
 * must be balanced when the walk returns. Parsers get exactly sized copies.
 * Checked after each call: the limits, that listed tables lie inside the
 * memory, and what a successful parse promises (a valid SLIT matrix, SRAT
 * domains narrowed by revision).
 */
#include "acpidump.h"
#include "sim.h"

#include <drivers/acpi.h>
#include <lib/errno.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_check.h"

#define MEM_BASE 0x1000

struct fmem {
	const uint8_t *bytes;  /* NULL: serve from an acpidump instead */
	size_t len;
	const struct acpi_mem_ops *inner;
	int live;
};

static const void *fmap(void *ctx, uint64_t phys, uint64_t len)
{
	struct fmem *m = ctx;
	const void *src = NULL;
	void *copy;

	if (m->bytes) {
		if (phys >= MEM_BASE && phys - MEM_BASE <= m->len &&
		    len <= m->len - (phys - MEM_BASE))
			src = m->bytes + (phys - MEM_BASE);
	} else {
		src = m->inner->map(m->inner->ctx, phys, len);
		if (src)
			m->inner->unmap(m->inner->ctx, src, len);
	}
	if (!src)
		return NULL;
	CHECK(len < (1u << 24), "mapping of %llu bytes from a %zu-byte input",
	      (unsigned long long)len, m->len);
	copy = malloc(len ? len : 1);
	memcpy(copy, src, len);
	m->live++;
	return copy;
}

static void funmap(void *ctx, const void *virt, uint64_t len)
{
	struct fmem *m = ctx;

	(void)len;
	free((void *)virt);
	m->live--;
}

static void check_madt(const struct acpi_madt_info *a, int r)
{
	CHECK(r == 0 || r == -EINVAL, "madt returned %d", r);
	CHECK(a->nr_cpus >= 0 && a->nr_cpus <= ACPI_MAX_CPUS, "%d cpus", a->nr_cpus);
	CHECK(a->nr_ioapics >= 0 && a->nr_ioapics <= ACPI_MAX_IOAPICS, "%d", a->nr_ioapics);
	CHECK(a->nr_int_ovr >= 0 && a->nr_int_ovr <= ACPI_MAX_INT_OVR, "%d", a->nr_int_ovr);
	CHECK(a->nr_lapic_nmi >= 0 && a->nr_lapic_nmi <= ACPI_MAX_LAPIC_NMI, "%d", a->nr_lapic_nmi);
	CHECK(!a->cpus_dropped || a->nr_cpus == ACPI_MAX_CPUS, "dropped with room");
	CHECK(!a->lapic_nmi_dropped || a->nr_lapic_nmi == ACPI_MAX_LAPIC_NMI, "dropped with room");
	for (int i = 0; i < a->nr_cpus; i++)
		CHECK(a->cpu[i].x2apic || (a->cpu[i].apic_id <= 0xff && a->cpu[i].acpi_uid <= 0xff),
		      "8-bit local APIC entry with id %u", a->cpu[i].apic_id);
}

static void check_srat(const struct acpi_srat_info *s, int r)
{
	CHECK(r == 0 || r == -EINVAL, "srat returned %d", r);
	CHECK(!s->bad_srat || r, "bad_srat on success");
	CHECK(s->nr_cpus >= 0 && s->nr_cpus <= ACPI_MAX_SRAT_CPUS, "%d", s->nr_cpus);
	CHECK(s->nr_mem >= 0 && s->nr_mem <= ACPI_MAX_SRAT_MEM, "%d", s->nr_mem);
	for (int i = 0; i < s->nr_mem; i++)
		CHECK(s->revision > 1 || s->mem[i].pxm <= 0xff, "rev %u pxm %u",
		      s->revision, s->mem[i].pxm);
	for (int i = 0; i < s->nr_cpus; i++)
		CHECK(s->cpu[i].x2apic || s->revision >= 2 || s->cpu[i].pxm <= 0xff,
		      "rev %u cpu pxm %u", s->revision, s->cpu[i].pxm);
}

static void check_slit(const struct acpi_slit_info *s, int r)
{
	CHECK(r == 0 || r == -EINVAL, "slit returned %d", r);
	if (r) {
		CHECK(s->localities == 0, "localities kept on error");
		return;
	}
	CHECK(s->localities <= ACPI_MAX_SLIT, "%llu localities", (unsigned long long)s->localities);
	for (uint64_t i = 0; i < s->localities; i++)
		for (uint64_t j = 0; j < s->localities; j++)
			CHECK(i == j ? s->dist[i][j] == 10 : s->dist[i][j] > 10,
			      "accepted distance %u at %llu,%llu", s->dist[i][j],
			      (unsigned long long)i, (unsigned long long)j);
}

static struct acpi_madt_info madt;
static struct acpi_srat_info srat;
static struct acpi_slit_info slit;

/* All three parsers on an exactly sized copy of @p. */
static void parse_all(const uint8_t *p, size_t len)
{
	uint8_t *copy = malloc(len ? len : 1);

	memcpy(copy, p, len);
	check_madt(&madt, acpi_parse_madt(copy, len, &madt));
	check_srat(&srat, acpi_parse_srat(copy, len, &srat));
	check_slit(&slit, acpi_parse_slit(copy, len, &slit));
	free(copy);
}

static void walk(struct fmem *m, uint64_t rsdp)
{
	static struct acpi_tables tb;
	struct acpi_mem_ops ops = { fmap, funmap, m };
	int r = acpi_table_init(&tb, rsdp, &ops);

	CHECK(r == 0 || r == -EINVAL || r == -ENOMEM, "table_init returned %d", r);
	CHECK(m->live == 0, "%d mappings left", m->live);
	CHECK(tb.nr >= 0 && tb.nr <= ACPI_MAX_TABLES, "%d tables", tb.nr);
	for (int i = 0; i < tb.nr; i++) {
		const struct acpi_table_desc *d = &tb.t[i];
		const void *p = fmap(m, d->phys, d->length);

		CHECK(d->signature[4] == '\0', "signature not terminated");
		CHECK(p, "listed table %.4s at %#llx (%u bytes) cannot be mapped",
		      d->signature, (unsigned long long)d->phys, d->length);
		if (!memcmp(d->signature, "APIC", 4) || !memcmp(d->signature, "SRAT", 4) ||
		    !memcmp(d->signature, "SLIT", 4))
			parse_all(p, d->length);
		funmap(m, p, d->length);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool quiet;
	struct fmem m = { 0 };

	if (!quiet) {
		static const struct sim_log_opts none = { 0 };

		sim_log_setup(&none);
		quiet = true;
	}
	if (size < 1)
		return -1;
	switch (data[0] % 3) {
	case 0:
		m.bytes = data + 1;
		m.len = size - 1;
		walk(&m, MEM_BASE);
		break;
	case 1:
		parse_all(data + 1, size - 1);
		break;
	case 2: {
		struct acpidump d;

		if (!acpidump_load((const char *)data + 1, size - 1, &d)) {
			CHECK(d.nr > 0, "loaded with no table");
			m.inner = acpidump_mem(&d);
			walk(&m, acpidump_rsdp(&d));
		} else {
			CHECK(d.err[0], "error without a message");
		}
		acpidump_free(&d);
		break;
	}
	}
	return 0;
}
