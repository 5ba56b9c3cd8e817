// SPDX-License-Identifier: MIT
/*
 * SRAT: processor and memory affinity entries, with Linux 6.1's verdicts.
 *
 * Linux (drivers/acpi/numa/srat.c, arch/x86/mm/srat.c) walks the SRAT
 * twice with acpi_parse_entries_array: first the processor types (local
 * APIC, x2APIC, GICC, generic initiator), then memory. A handler that
 * dislikes an entry calls bad_srat() ("SRAT not used.") and every later
 * entry is ignored; a zero-length subtable ends a walk with "[SRAT:0xNN]
 * Invalid zero length" (NN: the first type the walk looks for) and makes
 * the NUMA init fail. The same two walks are made here so that the lines
 * come out the same. What Linux does not check, a subtable running past
 * the table, is an error here (Linux would read past it).
 *
 * GICC (arm64) and generic initiator entries are not kept: on x86 the
 * first does nothing; the second would take a node id (not done here).
 */
#define pr_fmt(fmt) "ACPI: " fmt

#include <drivers/acpi.h>
#include <kernel/printk.h>
#include <lib/errno.h>

#include "internal.h"

enum {
	SRAT_CPU = 0,	 /* processor local APIC/SAPIC affinity, 16 bytes */
	SRAT_MEM = 1,	 /* memory affinity, 40 bytes */
	SRAT_X2APIC = 2, /* processor local x2APIC affinity, 24 bytes */
};

struct srat_walk {
	const uint8_t *t;
	uint32_t end;
	struct acpi_srat_info *out;
	bool bad; /* bad_srat() was called: ignore the rest */
	int cpus_dropped, mem_dropped;
};

/* Linux's bad_srat(), less its "SRAT not used." (the caller prints it). */
static void bad_srat(struct srat_walk *w)
{
	w->bad = true;
}

/* Beyond Linux: an entry must lie inside the table before it is read. */
static bool past_end(struct srat_walk *w, uint64_t off, const char *what)
{
	const uint8_t *e = w->t + off;

	if (off + e[1] <= w->end)
		return false;
	pr_err("SRAT: %s entry at offset 0x%llx (length %u) runs past the end of the table (length %u)\n",
	       what, (unsigned long long)off, e[1], w->end);
	bad_srat(w);
	return true;
}

/*
 * Room for one more entry? Disabled entries (Linux ignores them) are
 * dropped with a count when full; an enabled one that does not fit makes
 * the SRAT unusable, as nodes would be missing.
 */
static bool room(struct srat_walk *w, int nr, int max, bool enabled, int *dropped, const char *what)
{
	if (nr < max)
		return true;
	if (enabled) {
		pr_err("SRAT: more than %d %s entries, more than mmk keeps\n", max, what);
		bad_srat(w);
	} else {
		++*dropped;
	}
	return false;
}

static void cpu_affinity(struct srat_walk *w, uint64_t off)
{
	const uint8_t *e = w->t + off;
	struct acpi_srat_info *out = w->out;
	uint32_t pxm, flags;

	if (w->bad)
		return;
	/* Linux: a length other than 16 is bad_srat() without a word. */
	if (e[1] != 16) {
		pr_err("SRAT: processor affinity entry at offset 0x%llx has length %u, not 16\n",
		       (unsigned long long)off, e[1]);
		bad_srat(w);
		return;
	}
	if (past_end(w, off, "processor affinity"))
		return;
	flags = acpi_get32(e + 4);
	pxm = e[2];
	/* SRAT revision 2+: three more proximity bytes (Linux reads them as a
	 * 32-bit word shifted left by 8, which keeps exactly these three). */
	if (out->revision >= 2)
		pxm |= (uint32_t)e[9] << 8 | (uint32_t)e[10] << 16 | (uint32_t)e[11] << 24;
	if (!room(w, out->nr_cpus, ACPI_MAX_SRAT_CPUS, flags & ACPI_SRAT_CPU_ENABLED,
		  &w->cpus_dropped, "processor affinity"))
		return;
	out->cpu[out->nr_cpus++] = (struct acpi_srat_cpu){
		.pxm = pxm,
		.apic_id = e[3],
		.enabled = flags & ACPI_SRAT_CPU_ENABLED,
		.x2apic = false,
	};
}

static void x2apic_affinity(struct srat_walk *w, uint64_t off)
{
	const uint8_t *e = w->t + off;
	struct acpi_srat_info *out = w->out;
	uint32_t flags;

	if (w->bad)
		return;
	if (e[1] < 24) {
		pr_err("SRAT: x2APIC affinity entry at offset 0x%llx has length %u, less than 24\n",
		       (unsigned long long)off, e[1]);
		bad_srat(w);
		return;
	}
	if (past_end(w, off, "x2APIC affinity"))
		return;
	flags = acpi_get32(e + 12);
	if (!room(w, out->nr_cpus, ACPI_MAX_SRAT_CPUS, flags & ACPI_SRAT_CPU_ENABLED,
		  &w->cpus_dropped, "processor affinity"))
		return;
	out->cpu[out->nr_cpus++] = (struct acpi_srat_cpu){
		.pxm = acpi_get32(e + 4),
		.apic_id = acpi_get32(e + 8),
		.enabled = flags & ACPI_SRAT_CPU_ENABLED,
		.x2apic = true,
	};
}

static void mem_affinity(struct srat_walk *w, uint64_t off)
{
	const uint8_t *e = w->t + off;
	struct acpi_srat_info *out = w->out;
	uint32_t pxm, flags;

	if (w->bad)
		return;
	if (e[1] < 40) {
		pr_err("SRAT: Unexpected header length: %d\n", e[1]);
		bad_srat(w);
		return;
	}
	if (past_end(w, off, "memory affinity"))
		return;
	flags = acpi_get32(e + 28);
	pxm = acpi_get32(e + 2);
	if (out->revision <= 1)
		pxm &= 0xff;
	if (!room(w, out->nr_mem, ACPI_MAX_SRAT_MEM, flags & ACPI_SRAT_MEM_ENABLED, &w->mem_dropped,
		  "memory affinity"))
		return;
	out->mem[out->nr_mem++] = (struct acpi_srat_mem){
		.pxm = pxm,
		.base = acpi_get64(e + 8),
		.length = acpi_get64(e + 16),
		.enabled = flags & ACPI_SRAT_MEM_ENABLED,
		.hotplug = flags & ACPI_SRAT_MEM_HOT_PLUGGABLE,
		.nonvolatile = flags & ACPI_SRAT_MEM_NON_VOLATILE,
	};
}

/*
 * One of Linux's two walks (@memory: the memory one, else the processor
 * one): entries visited while "entry + 2 < end", those of the walk's types
 * handled; a zero length ends it. Return: -EINVAL on a zero length, else 0.
 */
static int srat_walk(struct srat_walk *w, bool memory)
{
	for (uint64_t off = ACPI_SRAT_FIXED_SIZE; off + 2 < w->end; off += w->t[off + 1]) {
		const uint8_t *e = w->t + off;

		if (memory && e[0] == SRAT_MEM)
			mem_affinity(w, off);
		else if (!memory && e[0] == SRAT_CPU)
			cpu_affinity(w, off);
		else if (!memory && e[0] == SRAT_X2APIC)
			x2apic_affinity(w, off);
		if (!e[1]) {
			pr_err("[SRAT:0x%02x] Invalid zero length\n", memory ? SRAT_MEM : SRAT_CPU);
			return -EINVAL;
		}
	}
	return 0;
}

int acpi_parse_srat(const void *table, uint64_t len, struct acpi_srat_info *out)
{
	struct srat_walk w = { .t = table, .out = out };
	int zero;

	memset(out, 0, sizeof(*out));
	w.end = acpi_table_usable_length("SRAT", table, len, ACPI_SRAT_FIXED_SIZE);
	if (!w.end)
		return -EINVAL;
	out->revision = w.t[8];
	srat_walk(&w, false);
	zero = srat_walk(&w, true);
	out->bad_srat = w.bad;
	if (w.cpus_dropped || w.mem_dropped)
		pr_warn("SRAT: %d disabled processor and %d disabled memory entries not kept (no room)\n",
			w.cpus_dropped, w.mem_dropped);
	return w.bad || zero ? -EINVAL : 0;
}
