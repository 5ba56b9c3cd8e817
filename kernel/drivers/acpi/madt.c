// SPDX-License-Identifier: MIT
/*
 * MADT ("APIC"): processors (local APIC and x2APIC entries), I/O APICs,
 * interrupt source overrides, local APIC NMIs and the local APIC address
 * override.
 *
 * Linux 6.1 walks the MADT once per entry type (acpi_parse_entries_array)
 * and checks each entry it uses with BAD_MADT_ENTRY: shorter than its
 * type's structure or running past the table is an error for that walk.
 * The same walks are made here, in Linux's order, so the same entry
 * decides the error; types Linux does not use are skipped unchecked.
 * Entries keep table order within each array.
 */
#define pr_fmt(fmt) "ACPI: " fmt

#include <drivers/acpi.h>
#include <kernel/printk.h>
#include <lib/errno.h>

#include "internal.h"

enum {
	MADT_LAPIC = 0,
	MADT_IOAPIC = 1,
	MADT_INT_OVR = 2,
	MADT_LAPIC_NMI = 4,
	MADT_LAPIC_ADDR_OVR = 5,
	MADT_X2APIC = 9,
	MADT_X2APIC_NMI = 0xa,
};

/*
 * Linux's walks, in its order (early_acpi_process_madt, then
 * acpi_process_madt): the first walk that meets a bad entry decides the
 * error line, wherever that entry sits in the table.
 */
static const struct madt_walk {
	uint8_t types[2], sizes[2];
	const char *err;
} madt_walks[] = {
	{ { MADT_LAPIC_ADDR_OVR, MADT_LAPIC_ADDR_OVR },
	  { 12, 12 },
	  "Error parsing LAPIC address override entry" },
	{ { MADT_LAPIC, MADT_X2APIC }, { 8, 16 }, "Error parsing LAPIC/X2APIC entries" },
	{ { MADT_X2APIC_NMI, MADT_LAPIC_NMI }, { 12, 6 }, "Error parsing LAPIC NMI entry" },
	{ { MADT_IOAPIC, MADT_IOAPIC }, { 12, 12 }, "Error parsing IOAPIC entry" },
	{ { MADT_INT_OVR, MADT_INT_OVR },
	  { 10, 10 },
	  "Error parsing interrupt source overrides entry" },
};

static void add_cpu(struct acpi_madt_info *out, uint32_t apic_id, uint32_t uid, uint32_t flags,
		    bool x2apic)
{
	if (out->nr_cpus >= ACPI_MAX_CPUS) {
		if (!out->cpus_dropped++)
			pr_warn("MADT: more than %d processor entries, the rest ignored\n",
				ACPI_MAX_CPUS);
		return;
	}
	out->cpu[out->nr_cpus++] = (struct acpi_madt_cpu){
		.apic_id = apic_id,
		.acpi_uid = uid,
		.enabled = flags & ACPI_MADT_ENABLED,
		.online_capable = flags & ACPI_MADT_ONLINE_CAPABLE,
		.x2apic = x2apic,
	};
}

static void add_ioapic(struct acpi_madt_info *out, const uint8_t *e)
{
	if (out->nr_ioapics >= ACPI_MAX_IOAPICS) {
		if (!out->ioapics_dropped++)
			pr_warn("MADT: more than %d I/O APIC entries, the rest ignored\n",
				ACPI_MAX_IOAPICS);
		return;
	}
	out->ioapic[out->nr_ioapics++] = (struct acpi_madt_ioapic){
		.id = e[2],
		.address = acpi_get32(e + 4),
		.gsi_base = acpi_get32(e + 8),
	};
}

static void add_int_ovr(struct acpi_madt_info *out, const uint8_t *e)
{
	if (out->nr_int_ovr >= ACPI_MAX_INT_OVR) {
		if (!out->int_ovr_dropped++)
			pr_warn("MADT: more than %d interrupt source overrides, the rest ignored\n",
				ACPI_MAX_INT_OVR);
		return;
	}
	out->int_ovr[out->nr_int_ovr++] = (struct acpi_madt_int_override){
		.bus = e[2],
		.source_irq = e[3],
		.gsi = acpi_get32(e + 4),
		.flags = acpi_get16(e + 8),
	};
}

static void add_nmi(struct acpi_madt_info *out, uint32_t uid, uint16_t flags, uint8_t lint,
		    bool x2apic)
{
	if (out->nr_lapic_nmi >= ACPI_MAX_LAPIC_NMI) {
		if (!out->lapic_nmi_dropped++)
			pr_warn("MADT: more than %d local APIC NMI entries, the rest ignored\n",
				ACPI_MAX_LAPIC_NMI);
		return;
	}
	out->lapic_nmi[out->nr_lapic_nmi++] = (struct acpi_madt_lapic_nmi){
		.acpi_uid = uid,
		.flags = flags,
		.lint = lint,
		.x2apic = x2apic,
	};
}

static void add_entry(struct acpi_madt_info *out, const uint8_t *e)
{
	switch (e[0]) {
	case MADT_LAPIC: add_cpu(out, e[3], e[2], acpi_get32(e + 4), false); break;
	case MADT_X2APIC:
		add_cpu(out, acpi_get32(e + 4), acpi_get32(e + 12), acpi_get32(e + 8), true);
		break;
	case MADT_IOAPIC: add_ioapic(out, e); break;
	case MADT_INT_OVR: add_int_ovr(out, e); break;
	case MADT_LAPIC_NMI: add_nmi(out, e[2], acpi_get16(e + 3), e[5], false); break;
	case MADT_X2APIC_NMI: add_nmi(out, acpi_get32(e + 4), acpi_get16(e + 2), e[8], true); break;
	case MADT_LAPIC_ADDR_OVR:
		out->has_lapic_addr_ovr = true;
		out->lapic_addr_ovr = acpi_get64(e + 4);
		break;
	}
}

/*
 * One of Linux's walks (acpi_parse_entries_array): an entry is visited
 * while its 2-byte header starts before the table's last byte pair
 * ("entry + 2 < end"); entries of @w's types are checked as BAD_MADT_ENTRY
 * does (shorter than the structure, or running past the end) and kept. A
 * zero length ends the walk (only the first walk ever gets to see one),
 * with Linux's two lines.
 */
static int madt_walk(const uint8_t *t, uint32_t end, const struct madt_walk *w,
		     struct acpi_madt_info *out)
{
	int errs = 0;

	for (uint64_t off = ACPI_MADT_FIXED_SIZE; off + 2 < end; off += t[off + 1]) {
		const uint8_t *e = t + off;

		for (int i = 0; i < 2; i++) {
			if (e[0] != w->types[i])
				continue;
			/* As in Linux: after a bad entry the walk goes on
			 * (a zero length may still end it) but keeps nothing. */
			if (e[1] < w->sizes[i] || off + w->sizes[i] > end)
				errs++;
			else if (!errs)
				add_entry(out, e);
			break;
		}
		if (!e[1]) {
			pr_err("[APIC:0x%02x] Invalid zero length\n", w->types[0]);
			pr_err("%s\n", w->err);
			return -EINVAL;
		}
	}
	if (errs) {
		pr_err("%s\n", w->err);
		return -EINVAL;
	}
	return 0;
}

int acpi_parse_madt(const void *table, uint64_t len, struct acpi_madt_info *out)
{
	const uint8_t *t = table;
	uint32_t end;

	memset(out, 0, sizeof(*out));
	end = acpi_table_usable_length("MADT", t, len, ACPI_MADT_FIXED_SIZE);
	if (!end)
		return -EINVAL;
	out->lapic_addr = acpi_get32(t + 36);
	out->flags = acpi_get32(t + 40);
	for (unsigned i = 0; i < sizeof(madt_walks) / sizeof(madt_walks[0]); i++)
		if (madt_walk(t, end, &madt_walks[i], out))
			return -EINVAL;
	return 0;
}

unsigned int acpi_madt_enabled_cpus(const struct acpi_madt_info *madt, uint32_t first,
				    uint32_t max_apic_id, uint32_t *ids, unsigned int max)
{
	unsigned int n = 0;

	if (max)
		ids[n++] = first;
	for (int i = 0; i < madt->nr_cpus && n < max; i++) {
		const struct acpi_madt_cpu *c = &madt->cpu[i];

		if (!c->enabled || c->apic_id == first ||
		    c->apic_id == (c->x2apic ? 0xffffffffu : 0xffu))
			continue;
		/* An x2APIC id the APIC mode cannot address: Linux's words. */
		if (c->apic_id > max_apic_id) {
			pr_warn("x2apic entry ignored\n");
			continue;
		}
		ids[n++] = c->apic_id;
	}
	return n;
}
