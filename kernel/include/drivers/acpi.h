/* SPDX-License-Identifier: MIT */
/*
 * ACPI static tables: finding them from the RSDP and parsing the three
 * that NUMA and SMP need (MADT, SRAT, SLIT). Pure functions of the table
 * bytes: physical memory is read only through struct acpi_mem_ops, so the
 * same code runs in the kernel (direct map / early ioremap) and on the
 * host (unit tests, the fuzzer, mmsim on an acpidump file).
 *
 * Messages follow Linux 6.1 ("ACPI: " prefix, ACPICA's "ACPI BIOS
 * Warning (bug): " lines without ACPICA's version/module suffix). Where
 * Linux reads past a table or does not check at all, these parsers stop
 * with a message of their own and say so in a comment.
 */
#ifndef DRIVERS_ACPI_H
#define DRIVERS_ACPI_H

#include <stdbool.h>
#include <stdint.h>

/*
 * How the parser reads physical memory. map() returns a pointer to
 * [phys, phys + len), or NULL when that range cannot be read; every
 * successful map() is paired with one unmap() of the same length. At most
 * two mappings are live at once (the root table and one entry's table).
 */
struct acpi_mem_ops {
	const void *(*map)(void *ctx, uint64_t phys, uint64_t len);
	void (*unmap)(void *ctx, const void *virt, uint64_t len);
	void *ctx;
};

/* Fixed sizes from the ACPI specification. */
#define ACPI_HEADER_SIZE     36u /* common table header */
#define ACPI_RSDP_V1_SIZE    20u /* ACPI 1.0 RSDP */
#define ACPI_RSDP_V2_SIZE    36u /* ACPI 2.0+ RSDP */
#define ACPI_MADT_FIXED_SIZE 44u /* header + local APIC address + flags */
#define ACPI_SRAT_FIXED_SIZE 48u /* header + table revision + reserved */
#define ACPI_SLIT_FIXED_SIZE 44u /* header + locality count */

struct acpi_table_desc {
	char signature[5]; /* NUL-terminated copy of the 4 signature bytes */
	uint64_t phys;
	uint32_t length;  /* header.length (FACS: its length field) */
	uint8_t revision; /* header.revision (FACS: its version byte) */
};

#define ACPI_MAX_TABLES 64
struct acpi_tables {
	uint64_t rsdp_phys;
	uint8_t rsdp_revision;
	/* The RSDT or XSDT that was walked (not in t[], as in Linux's list);
	 * its signature as printed (non-printable bytes as '?'). */
	char root_signature[5];
	uint64_t root_phys;
	uint32_t root_length;
	/*
	 * Every table Linux lists, in its order: each root-table entry, with
	 * the DSDT and FACS (from the FADT) right after the FADT.
	 */
	int nr;
	struct acpi_table_desc t[ACPI_MAX_TABLES];
};

/**
 * acpi_table_init - find every ACPI table from the RSDP and print the list
 * @out: filled with the tables found (zeroed first)
 * @rsdp_phys: physical address of the RSDP (from the EFI system table)
 * @mem: how to read physical memory
 *
 * Walks the XSDT when the RSDP revision is above 1 and its XSDT pointer is
 * not 0 (ACPICA's rule; ACPI 2.0 RSDPs have revision 2), else the RSDT.
 * Prints Linux 6.1's lines: "Early table checksum verification disabled",
 * the RSDP, the root table, then one line per table (the FADT followed by
 * its DSDT and FACS). Null root entries are skipped as in Linux. A bad
 * checksum (RSDP, root table or any table) only warns. A table whose
 * header or whole length cannot be mapped, or whose length is shorter than
 * a table header, is left out of @out with an error line.
 *
 * Return: 0; -EINVAL for no RSDP, a bad RSDP signature or a root table
 * too short for one entry; -ENOMEM when the RSDP or root table cannot be
 * mapped. @out holds what was found before the error.
 */
int acpi_table_init(struct acpi_tables *out, uint64_t rsdp_phys, const struct acpi_mem_ops *mem);

/**
 * acpi_get_table - the @instance-th table with signature @sig
 * @t: tables from acpi_table_init()
 * @sig: 4-character signature, e.g. "APIC", "SRAT", "SLIT"
 * @instance: 0 for the first one, 1 for the second...
 *
 * Return: the descriptor, or NULL if there are not that many.
 */
const struct acpi_table_desc *acpi_get_table(const struct acpi_tables *t, const char *sig,
					     int instance);

/* How many tables have signature @sig (several MADTs are a BIOS bug). */
int acpi_table_count(const struct acpi_tables *t, const char *sig);

/**
 * acpi_table_checksum - the byte sum of @len bytes (0 for a good table)
 */
uint8_t acpi_table_checksum(const void *p, uint64_t len);

/*
 * The parsers below take the whole table (header included) and @len, the
 * number of bytes readable at @table. Each checks header.length against
 * @len and never reads past min(@len, header.length). They fill @out
 * (zeroed first) and return 0, or a negative errno after printing why; on
 * an error @out keeps the entries parsed before the bad one.
 */

/* --- MADT ("APIC") --- */
#define ACPI_MAX_CPUS	   256
#define ACPI_MAX_IOAPICS   16
#define ACPI_MAX_INT_OVR   32
#define ACPI_MAX_LAPIC_NMI ACPI_MAX_CPUS /* firmware often lists one per CPU */

/* Local APIC flags (MADT) */
#define ACPI_MADT_ENABLED	 (1u << 0)
#define ACPI_MADT_ONLINE_CAPABLE (1u << 1) /* ACPI 6.3+ */
/* MADT flags */
#define ACPI_MADT_PCAT_COMPAT (1u << 0)

/*
 * One processor entry (type 0 local APIC or type 9 x2APIC), table order.
 * Entries whose APIC id is the "invalid" value (0xff / 0xffffffff) are
 * kept: Linux skips them when registering CPUs, so the caller does too.
 * online_capable only means something when the FADT says ACPI >= 6.3.
 */
struct acpi_madt_cpu {
	uint32_t apic_id;
	uint32_t acpi_uid; /* ACPI processor id (8 bits for a local APIC) */
	bool enabled, online_capable, x2apic;
};
struct acpi_madt_ioapic {
	uint8_t id;
	uint32_t address, gsi_base;
};
/* Type 2: interrupt source override. */
struct acpi_madt_int_override {
	uint8_t bus, source_irq;
	uint32_t gsi;
	uint16_t flags; /* MPS INTI flags: polarity bits 0-1, trigger 2-3 */
};
/* Type 4 (local APIC NMI) or 0xa (x2APIC NMI). */
struct acpi_madt_lapic_nmi {
	uint32_t acpi_uid; /* 0xff / 0xffffffff = all processors */
	uint16_t flags;
	uint8_t lint;
	bool x2apic;
};
struct acpi_madt_info {
	uint32_t lapic_addr;	 /* the MADT's 32-bit local APIC address */
	uint32_t flags;		 /* ACPI_MADT_PCAT_COMPAT */
	bool has_lapic_addr_ovr; /* type 5 entry seen */
	uint64_t lapic_addr_ovr; /* its 64-bit address */
	int nr_cpus;
	struct acpi_madt_cpu cpu[ACPI_MAX_CPUS];
	int nr_ioapics;
	struct acpi_madt_ioapic ioapic[ACPI_MAX_IOAPICS];
	int nr_int_ovr;
	struct acpi_madt_int_override int_ovr[ACPI_MAX_INT_OVR];
	int nr_lapic_nmi;
	struct acpi_madt_lapic_nmi lapic_nmi[ACPI_MAX_LAPIC_NMI];
	/* Entries beyond the arrays' room (each kind reported once, a warning). */
	int cpus_dropped, ioapics_dropped, int_ovr_dropped, lapic_nmi_dropped;
};

/**
 * acpi_parse_madt - the processors, I/O APICs, overrides and NMIs of a MADT
 *
 * Errors (-EINVAL), with Linux 6.1's lines: a processor entry shorter than
 * its type or past the end: "Error parsing LAPIC/X2APIC entries"; an I/O
 * APIC entry: "Error parsing IOAPIC entry"; an override: "Error parsing
 * interrupt source overrides entry"; an NMI entry: "Error parsing LAPIC NMI
 * entry"; a LAPIC address override: "Error parsing LAPIC address override
 * entry"; a zero-length entry: "[APIC:0x05] Invalid zero length" then the
 * address-override line (Linux's first walk over the MADT is the one for
 * type 5). The caller then prints Linux's "Invalid BIOS MADT, disabling
 * ACPI". Too many entries for the arrays: a warning, the rest dropped
 * (counted in *_dropped), return 0.
 */
int acpi_parse_madt(const void *table, uint64_t len, struct acpi_madt_info *out);

/**
 * acpi_madt_enabled_cpus - the APIC ids of the CPUs a MADT lists as enabled
 * @madt: from acpi_parse_madt()
 * @first: the boot CPU's APIC id, put first (Linux numbers it CPU 0)
 * @max_apic_id: the highest id the APIC mode can address (0xfe in xAPIC
 *	mode); an enabled entry above it is left out with Linux's warning
 *	"ACPI: x2apic entry ignored"
 * @ids: filled, table order after @first; "no such CPU" ids are skipped
 * @max: room in @ids
 *
 * Return: how many ids were written (at least 1: @first).
 */
unsigned int acpi_madt_enabled_cpus(const struct acpi_madt_info *madt, uint32_t first,
				    uint32_t max_apic_id, uint32_t *ids, unsigned int max);

/* --- SRAT --- */
#define ACPI_MAX_SRAT_CPUS 256
#define ACPI_MAX_SRAT_MEM  512

/* Memory affinity flags */
#define ACPI_SRAT_MEM_ENABLED	    (1u << 0)
#define ACPI_SRAT_MEM_HOT_PLUGGABLE (1u << 1)
#define ACPI_SRAT_MEM_NON_VOLATILE  (1u << 2)
/* Processor affinity flags */
#define ACPI_SRAT_CPU_ENABLED (1u << 0)

/*
 * Entries in table order (node ids are handed out in first-seen order),
 * disabled ones included (Linux ignores them silently). pxm is the proximity
 * domain Linux uses: for type 0, the low byte plus (SRAT revision >= 2) the
 * three high bytes; for memory, only the low byte when the revision <= 1.
 */
struct acpi_srat_cpu {
	uint32_t pxm;
	uint32_t apic_id;
	bool enabled;
	bool x2apic;
};
struct acpi_srat_mem {
	uint32_t pxm;
	uint64_t base, length;
	bool enabled, hotplug, nonvolatile;
};
struct acpi_srat_info {
	uint8_t revision; /* header.revision (decides the pxm width) */
	/*
	 * On an error: whether Linux 6.1 would have called bad_srat() and so
	 * printed "SRAT: SRAT not used.". False when Linux only fails its NUMA
	 * init (a zero-length entry of a type no handler looks at).
	 */
	bool bad_srat;
	int nr_cpus;
	struct acpi_srat_cpu cpu[ACPI_MAX_SRAT_CPUS];
	int nr_mem;
	struct acpi_srat_mem mem[ACPI_MAX_SRAT_MEM];
};

/**
 * acpi_parse_srat - processor and memory affinity entries of a SRAT
 *
 * Errors (-EINVAL) are those that make Linux 6.1 drop the SRAT, with its
 * lines where it has one: a zero-length subtable ("[SRAT:0x00] Invalid zero
 * length"; for a memory entry also "SRAT: Unexpected header length: 0" and
 * "[SRAT:0x01] Invalid zero length", as Linux's second walk prints), a
 * memory entry shorter than 40 bytes ("SRAT: Unexpected header length: N"),
 * a processor entry whose length is not 16 or an x2APIC one shorter than 24
 * (Linux says nothing but "SRAT not used.": a line of ours says why). A
 * subtable running past the table: our own message (Linux reads past it).
 * More entries than the arrays hold: an error too, since a partial SRAT
 * would give wrong nodes. The caller prints "SRAT: SRAT not used." (when
 * @out->bad_srat, to print it exactly when Linux does).
 */
int acpi_parse_srat(const void *table, uint64_t len, struct acpi_srat_info *out);

/* --- SLIT --- */
#define ACPI_MAX_SLIT	    64
#define ACPI_LOCAL_DISTANCE 10

struct acpi_slit_info {
	uint64_t localities;
	uint8_t dist[ACPI_MAX_SLIT][ACPI_MAX_SLIT]; /* [from][to] */
};

/**
 * acpi_parse_slit - the locality distance matrix
 *
 * Errors (-EINVAL): a table shorter than header + 8 + localities^2 (Linux
 * does not check; our line says what is missing), a diagonal entry not 10
 * or an off-diagonal one <= 10 ("SLIT table looks invalid. Not used.", as
 * Linux prints), more than ACPI_MAX_SLIT localities.
 */
int acpi_parse_slit(const void *table, uint64_t len, struct acpi_slit_info *out);

#endif
