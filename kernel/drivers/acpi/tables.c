// SPDX-License-Identifier: MIT
/*
 * Finding the ACPI tables: RSDP -> XSDT (or RSDT) -> each table, and the
 * FADT's DSDT and FACS, printed in Linux 6.1's table-list format
 * (ACPICA's acpi_tb_parse_root_table and acpi_tb_print_table_header).
 *
 * Like Linux early in boot, checksums do not stop anything. Unlike Linux,
 * which installs whatever header it finds and maps the rest later, a table
 * whose whole length cannot be mapped is left out here with an error:
 * nothing that uses the list may read past what the firmware provides.
 */
#define pr_fmt(fmt) "ACPI: " fmt

#include <drivers/acpi.h>
#include <kernel/printk.h>
#include <lib/errno.h>

#include "internal.h"

/* ACPICA's prefix for firmware bugs (its version suffix left out). */
#define BIOS_WARN KERN_WARNING "ACPI BIOS Warning (bug): "
#define BIOS_ERR  KERN_ERR "ACPI BIOS Error (bug): "

/* Offsets in the tables this file reads. */
#define RSDP_CHECKSUM	  8
#define RSDP_OEM_ID	  9
#define RSDP_REVISION	  15
#define RSDP_RSDT	  16
#define RSDP_LENGTH	  20
#define RSDP_XSDT	  24
#define RSDP_EXT_CHECKSUM 32
#define HDR_LENGTH	  4
#define HDR_REVISION	  8
#define HDR_CHECKSUM	  9
#define FACS_VERSION	  32
#define FADT_FACS	  36
#define FADT_DSDT	  40
#define FADT_FLAGS	  112
#define FADT_XFACS	  132
#define FADT_XDSDT	  140
#define FADT_HW_REDUCED	  (1u << 20)
/* ACPICA's struct acpi_table_fadt (ACPI 6.1, FADT version 6): fields past
 * it are ignored, with a warning. */
#define FADT_MAX_SIZE 276u

uint8_t acpi_table_checksum(const void *p, uint64_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	for (uint64_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + b[i]);
	return sum;
}

/* ACPICA's acpi_tb_fix_string: non-printable bytes become '?', up to a NUL. */
static void fix_string(char *dst, const uint8_t *src, int n)
{
	int i;

	for (i = 0; i < n && src[i]; i++)
		dst[i] = src[i] >= 0x20 && src[i] < 0x7f ? (char)src[i] : '?';
	dst[i] = '\0';
}

static void print_rsdp(uint64_t phys, const uint8_t *r)
{
	char oem[7];

	fix_string(oem, r + RSDP_OEM_ID, 6);
	pr_info("RSDP 0x%016llX %06X (v%02d %-6.6s)\n", (unsigned long long)phys,
		r[RSDP_REVISION] > 0 ? acpi_get32(r + RSDP_LENGTH) : 20, r[RSDP_REVISION], oem);
}

/* @h: at least ACPI_HEADER_SIZE bytes (FACS: 8 are read). */
static void print_header(uint64_t phys, const uint8_t *h)
{
	char sig[5], oem[7], oem_table[9], creator[5];

	fix_string(sig, h, 4);
	if (!memcmp(h, "FACS", 4)) {
		/* The FACS has only a signature and a length. */
		pr_info("%-4.4s 0x%016llX %06X\n", sig, (unsigned long long)phys,
			acpi_get32(h + HDR_LENGTH));
		return;
	}
	fix_string(oem, h + 10, 6);
	fix_string(oem_table, h + 16, 8);
	fix_string(creator, h + 28, 4);
	pr_info("%-4.4s 0x%016llX %06X (v%02d %-6.6s %-8.8s %08X %-4.4s %08X)\n", sig,
		(unsigned long long)phys, acpi_get32(h + HDR_LENGTH), h[HDR_REVISION], oem,
		oem_table, acpi_get32(h + 24), creator, acpi_get32(h + 32));
}

/* ACPICA's acpi_tb_verify_checksum wording; the FACS has no checksum. */
static void check_checksum(const char *sig, const uint8_t *t, uint32_t len, int checksum_at)
{
	uint8_t sum = acpi_table_checksum(t, len);
	char name[5];

	fix_string(name, (const uint8_t *)sig, 4);
	if (sum)
		printk(BIOS_WARN "Incorrect checksum in table [%s] - 0x%02X, should be 0x%02X\n",
		       name, t[checksum_at], (uint8_t)(t[checksum_at] - sum));
}

struct fadt_refs {
	uint64_t dsdt, facs, xfacs;
	bool hw_reduced;
};

/* ACPICA's acpi_tb_create_local_fadt/acpi_tb_select_address, the parts
 * that find the DSDT and FACS. Fields past the FADT's length read as 0. */
static void fadt_refs(const uint8_t *t, uint32_t length, struct fadt_refs *r)
{
	uint8_t f[FADT_MAX_SIZE] = { 0 };
	uint32_t dsdt32;
	uint64_t xdsdt;

	if (length > FADT_MAX_SIZE)
		printk(BIOS_WARN
		       "FADT (revision %u) is longer than ACPI 6.1 (FADT version 6) length, truncating length %u to %u\n",
		       t[HDR_REVISION], length, FADT_MAX_SIZE);
	memcpy(f, t, length < FADT_MAX_SIZE ? length : FADT_MAX_SIZE);
	dsdt32 = acpi_get32(f + FADT_DSDT);
	xdsdt = acpi_get64(f + FADT_XDSDT);
	if (!xdsdt) {
		xdsdt = dsdt32;
	} else if (dsdt32 && xdsdt != dsdt32) {
		printk(BIOS_WARN
		       "32/64X DSDT address mismatch in FADT: 0x%08X/0x%016llX, using 64-bit address\n",
		       dsdt32, (unsigned long long)xdsdt);
	}
	r->dsdt = xdsdt;
	r->hw_reduced = acpi_get32(f + FADT_FLAGS) & FADT_HW_REDUCED;
	r->facs = acpi_get32(f + FADT_FACS);
	r->xfacs = acpi_get64(f + FADT_XFACS);
}

static void add_table(struct acpi_tables *out, uint64_t phys, const uint8_t *h)
{
	struct acpi_table_desc *d;

	if (out->nr >= ACPI_MAX_TABLES) {
		char sig[5];

		fix_string(sig, h, 4);
		pr_err("More than %d tables: %s at 0x%016llX not kept\n", ACPI_MAX_TABLES, sig,
		       (unsigned long long)phys);
		return;
	}
	d = &out->t[out->nr++];
	memcpy(d->signature, h, 4);
	d->signature[4] = '\0';
	d->phys = phys;
	d->length = acpi_get32(h + HDR_LENGTH);
	/* The FACS keeps its version at 32; byte 8 is the hardware signature. */
	d->revision = memcmp(h, "FACS", 4) ? h[HDR_REVISION] : h[FACS_VERSION];
}

/*
 * ACPICA's acpi_tb_install_standard_table, early: map the header, print
 * it, keep it. Then, beyond Linux: the whole table must be mappable and at
 * least a header long (FACS: its 64-byte minimum is not checked, only 8),
 * and a bad checksum is reported now rather than when ACPICA validates
 * tables later. A FADT brings in its DSDT and FACS right after it.
 */
static void install_table(struct acpi_tables *out, uint64_t phys, const struct acpi_mem_ops *mem,
			  bool from_root)
{
	const uint8_t *h, *t;
	uint8_t hdr[ACPI_HEADER_SIZE];
	char sig[5];
	uint32_t length;
	bool facs, fadt;
	struct fadt_refs refs;

	h = mem->map(mem->ctx, phys, ACPI_HEADER_SIZE);
	if (!h) {
		printk(KERN_ERR "ACPI Error: Could not acquire table length at %016llX\n",
		       (unsigned long long)phys);
		return;
	}
	memcpy(hdr, h, sizeof(hdr));
	mem->unmap(mem->ctx, h, ACPI_HEADER_SIZE);

	print_header(phys, hdr);
	fix_string(sig, hdr, 4);
	length = acpi_get32(hdr + HDR_LENGTH);
	facs = !memcmp(hdr, "FACS", 4);
	/* Only a root entry's FADT is followed: one reached through another
	 * FADT's pointers could loop. */
	fadt = from_root && !memcmp(hdr, "FACP", 4);
	if (length < (facs ? 8u : ACPI_HEADER_SIZE)) {
		pr_err("[%s] at 0x%016llX: length %u is shorter than its header; table ignored\n",
		       sig, (unsigned long long)phys, length);
		return;
	}
	t = mem->map(mem->ctx, phys, length);
	if (!t) {
		pr_err("[%s] at 0x%016llX: cannot map its %u bytes; table ignored\n", sig,
		       (unsigned long long)phys, length);
		return;
	}
	if (!facs)
		check_checksum((const char *)hdr, t, length, HDR_CHECKSUM);
	if (fadt)
		fadt_refs(t, length, &refs);
	mem->unmap(mem->ctx, t, length);
	add_table(out, phys, hdr);

	if (!fadt)
		return;
	/* ACPICA's acpi_tb_parse_fadt: DSDT, then FACS and X_FACS (both, if
	 * both are set), none on hardware-reduced platforms. A zero address
	 * is skipped here; ACPICA would try to map page 0. */
	if (refs.dsdt)
		install_table(out, refs.dsdt, mem, false);
	if (refs.hw_reduced)
		return;
	if (refs.facs)
		install_table(out, refs.facs, mem, false);
	if (refs.xfacs)
		install_table(out, refs.xfacs, mem, false);
}

/* Map the RSDP, check it and find the root table. */
static int read_rsdp(struct acpi_tables *out, uint64_t rsdp_phys, const struct acpi_mem_ops *mem,
		     uint64_t *root, uint32_t *entry_size)
{
	const uint8_t *r;
	uint8_t rsdp[ACPI_RSDP_V2_SIZE] = { 0 };
	uint32_t size = ACPI_RSDP_V1_SIZE;

	r = mem->map(mem->ctx, rsdp_phys, ACPI_RSDP_V1_SIZE);
	if (!r) {
		pr_err("Cannot map the RSDP at 0x%016llX\n", (unsigned long long)rsdp_phys);
		return -ENOMEM;
	}
	memcpy(rsdp, r, ACPI_RSDP_V1_SIZE);
	mem->unmap(mem->ctx, r, ACPI_RSDP_V1_SIZE);
	/* Linux trusts the address EFI gives; any other bytes here would be
	 * read as pointers to tables, so the signature is checked first. */
	if (memcmp(rsdp, "RSD PTR ", 8)) {
		pr_err("No RSDP signature at 0x%016llX; ACPI tables not used\n",
		       (unsigned long long)rsdp_phys);
		return -EINVAL;
	}
	out->rsdp_revision = rsdp[RSDP_REVISION];
	if (rsdp[RSDP_REVISION] > 0) {
		r = mem->map(mem->ctx, rsdp_phys, ACPI_RSDP_V2_SIZE);
		if (!r) {
			pr_err("Cannot map the %u-byte RSDP (revision %u) at 0x%016llX\n",
			       ACPI_RSDP_V2_SIZE, rsdp[RSDP_REVISION],
			       (unsigned long long)rsdp_phys);
			return -ENOMEM;
		}
		memcpy(rsdp, r, ACPI_RSDP_V2_SIZE);
		mem->unmap(mem->ctx, r, ACPI_RSDP_V2_SIZE);
		size = ACPI_RSDP_V2_SIZE;
	}
	print_rsdp(rsdp_phys, rsdp);
	check_checksum("RSDP", rsdp, ACPI_RSDP_V1_SIZE, RSDP_CHECKSUM);
	if (size == ACPI_RSDP_V2_SIZE)
		check_checksum("RSDP", rsdp, ACPI_RSDP_V2_SIZE, RSDP_EXT_CHECKSUM);

	/* ACPICA: the XSDT when the revision is above 1 and it is present. */
	if (rsdp[RSDP_REVISION] > 1 && acpi_get64(rsdp + RSDP_XSDT)) {
		*root = acpi_get64(rsdp + RSDP_XSDT);
		*entry_size = 8;
	} else {
		*root = acpi_get32(rsdp + RSDP_RSDT);
		*entry_size = 4;
	}
	return 0;
}

int acpi_table_init(struct acpi_tables *out, uint64_t rsdp_phys, const struct acpi_mem_ops *mem)
{
	const uint8_t *h, *t;
	uint8_t hdr[ACPI_HEADER_SIZE];
	uint64_t root;
	uint32_t entry_size, length, count;
	int ret;

	memset(out, 0, sizeof(*out));
	out->rsdp_phys = rsdp_phys;
	pr_info("Early table checksum verification disabled\n");
	if (!rsdp_phys) {
		pr_err("No RSDP from the firmware; ACPI tables not used\n");
		return -EINVAL;
	}
	ret = read_rsdp(out, rsdp_phys, mem, &root, &entry_size);
	if (ret)
		return ret;

	h = root ? mem->map(mem->ctx, root, ACPI_HEADER_SIZE) : NULL;
	if (!h) {
		pr_err("Cannot map the %s at 0x%016llX\n", entry_size == 8 ? "XSDT" : "RSDT",
		       (unsigned long long)root);
		return -ENOMEM;
	}
	memcpy(hdr, h, sizeof(hdr));
	mem->unmap(mem->ctx, h, ACPI_HEADER_SIZE);
	print_header(root, hdr);
	length = acpi_get32(hdr + HDR_LENGTH);
	fix_string(out->root_signature, hdr, 4);
	out->root_phys = root;
	out->root_length = length;
	if (length < ACPI_HEADER_SIZE + entry_size) {
		printk(BIOS_ERR "Invalid table length 0x%X in RSDT/XSDT\n", length);
		return -EINVAL;
	}
	t = mem->map(mem->ctx, root, length);
	if (!t) {
		pr_err("Cannot map the %u bytes of the %s at 0x%016llX\n", length,
		       out->root_signature, (unsigned long long)root);
		return -ENOMEM;
	}
	check_checksum((const char *)hdr, t, length, HDR_CHECKSUM);

	count = (length - ACPI_HEADER_SIZE) / entry_size;
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *e = t + ACPI_HEADER_SIZE + i * entry_size;
		uint64_t phys = entry_size == 8 ? acpi_get64(e) : acpi_get32(e);

		if (phys)
			install_table(out, phys, mem, true);
	}
	mem->unmap(mem->ctx, t, length);
	return 0;
}

const struct acpi_table_desc *acpi_get_table(const struct acpi_tables *t, const char *sig,
					     int instance)
{
	for (int i = 0; i < t->nr; i++)
		if (!memcmp(t->t[i].signature, sig, 4) && instance-- == 0)
			return &t->t[i];
	return NULL;
}

int acpi_table_count(const struct acpi_tables *t, const char *sig)
{
	int n = 0;

	for (int i = 0; i < t->nr; i++)
		n += !memcmp(t->t[i].signature, sig, 4);
	return n;
}

uint32_t acpi_table_usable_length(const char *sig, const uint8_t *t, uint64_t len, uint32_t fixed)
{
	uint32_t length;

	if (len < ACPI_HEADER_SIZE) {
		pr_err("%s: only %llu bytes, less than a table header\n", sig,
		       (unsigned long long)len);
		return 0;
	}
	length = acpi_get32(t + HDR_LENGTH);
	if (length > len) {
		pr_err("%s: length %u but only %llu bytes mapped\n", sig, length,
		       (unsigned long long)len);
		return 0;
	}
	if (length < fixed) {
		pr_err("%s: length %u is shorter than its fixed part (%u bytes)\n", sig, length,
		       fixed);
		return 0;
	}
	return length;
}
