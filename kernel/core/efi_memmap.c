// SPDX-License-Identifier: MIT
/*
 * efi=debug: the raw EFI memory map, one line per descriptor, in exactly
 * Linux 6.1's format, so our log can be diffed against Linux's on the
 * same machine. The map is the firmware's: step by its descriptor size.
 */
#define pr_fmt(fmt) "efi: " fmt

#include <kernel/boot.h>
#include <kernel/efi.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <lib/vsprintf.h>

static bool efi_debug;

/* Linux's names, at most 12 characters: the column is 12 wide. */
static const char memory_type_name[][13] = {
	"Reserved",	"Loader Code",	"Loader Data",	"Boot Code", "Boot Data",
	"Runtime Code", "Runtime Data", "Conventional", "Unusable",  "ACPI Reclaim",
	"ACPI Mem NVS", "MMIO",		"MMIO Port",	"PAL Code",  "Persistent",
};

/*
 * UEFI 2.10's hot-pluggable bit: Linux 6.1.y (as in the reference log)
 * prints an HP column for it, so we do too.
 */
#define EFI_MEMORY_HOT_PLUGGABLE 0x0000000000100000ull

/* The attributes Linux 6.1.y knows; any other bit prints the raw value. */
#define EFI_KNOWN_ATTRIBUTES                                                              \
	(EFI_MEMORY_UC | EFI_MEMORY_WC | EFI_MEMORY_WT | EFI_MEMORY_WB | EFI_MEMORY_UCE | \
	 EFI_MEMORY_RO | EFI_MEMORY_WP | EFI_MEMORY_RP | EFI_MEMORY_XP | EFI_MEMORY_NV |  \
	 EFI_MEMORY_SP | EFI_MEMORY_CPU_CRYPTO | EFI_MEMORY_MORE_RELIABLE |               \
	 EFI_MEMORY_HOT_PLUGGABLE | EFI_MEMORY_RUNTIME)

static const char *flag(uint64_t attr, uint64_t bit, const char *s)
{
	return (attr & bit) ? s : "";
}

char *efi_md_typeattr_format(char *buf, unsigned long size, const struct efi_memory_desc *md)
{
	uint64_t attr = md->attribute;
	int n;

	if (md->type < ARRAY_SIZE(memory_type_name))
		n = ksnprintf(buf, size, "[%-12s", memory_type_name[md->type]);
	else
		n = ksnprintf(buf, size, "[type=%u", md->type);
	if (n < 0 || (unsigned long)n >= size)
		return buf;

	if (attr & ~EFI_KNOWN_ATTRIBUTES)
		ksnprintf(buf + n, size - (unsigned long)n, "|attr=0x%016llx]",
			  (unsigned long long)attr);
	else
		ksnprintf(buf + n, size - (unsigned long)n,
			  "|%3s|%2s|%2s|%2s|%2s|%2s|%2s|%2s|%2s|%2s|%3s|%2s|%2s|%2s|%2s]",
			  flag(attr, EFI_MEMORY_RUNTIME, "RUN"),
			  flag(attr, EFI_MEMORY_HOT_PLUGGABLE, "HP"),
			  flag(attr, EFI_MEMORY_MORE_RELIABLE, "MR"),
			  flag(attr, EFI_MEMORY_CPU_CRYPTO, "CC"), flag(attr, EFI_MEMORY_SP, "SP"),
			  flag(attr, EFI_MEMORY_NV, "NV"), flag(attr, EFI_MEMORY_XP, "XP"),
			  flag(attr, EFI_MEMORY_RP, "RP"), flag(attr, EFI_MEMORY_WP, "WP"),
			  flag(attr, EFI_MEMORY_RO, "RO"), flag(attr, EFI_MEMORY_UCE, "UCE"),
			  flag(attr, EFI_MEMORY_WB, "WB"), flag(attr, EFI_MEMORY_WT, "WT"),
			  flag(attr, EFI_MEMORY_WC, "WC"), flag(attr, EFI_MEMORY_UC, "UC"));
	return buf;
}

void efi_print_memmap(const struct bootinfo *bi)
{
	const char *map = boot_va(bi->efi_mmap);
	uint64_t dsize = bi->efi_desc_size;

	if (!efi_debug)
		return;
	if (!bi->efi_mmap || dsize < sizeof(struct efi_memory_desc)) {
		pr_err("no usable EFI memory map (at 0x%llx, descriptor size %llu)\n",
		       (unsigned long long)bi->efi_mmap, (unsigned long long)dsize);
		return;
	}
	for (uint64_t off = 0, i = 0; off + dsize <= bi->efi_mmap_size; off += dsize, i++) {
		struct efi_memory_desc desc, *md = &desc;
		uint64_t size;
		char buf[64];

		/* A copy: the firmware's stride need not keep descriptors aligned. */
		memcpy(&desc, map + off, sizeof(desc));
		size = md->num_pages << EFI_PAGE_SHIFT;

		pr_info("mem%02llu: %s range=[0x%016llx-0x%016llx] (%lluMB)\n",
			(unsigned long long)i, efi_md_typeattr_format(buf, sizeof(buf), md),
			(unsigned long long)md->phys_addr,
			(unsigned long long)(md->phys_addr + size - 1),
			(unsigned long long)(size >> 20));
	}
}

void efi_report_ignored(const struct bootinfo *bi)
{
	const char *map = boot_va(bi->efi_mmap);
	uint64_t dsize = bi->efi_desc_size;

	if (!bi->efi_mmap || dsize < sizeof(struct efi_memory_desc))
		return;
	for (uint64_t off = 0, i = 0; off + dsize <= bi->efi_mmap_size; off += dsize, i++) {
		struct efi_memory_desc md;
		const char *why = NULL;
		char buf[64];

		memcpy(&md, map + off, sizeof(md));
		if (md.type > EFI_PERSISTENT_MEMORY)
			why = "a type Linux 6.1 does not know";
		else if (!md.num_pages)
			why = "0 pages";
		else if (md.num_pages > (UINT64_MAX >> EFI_PAGE_SHIFT) ||
			 md.phys_addr > UINT64_MAX - (md.num_pages << EFI_PAGE_SHIFT) + 1)
			why = "its size runs past 2^64";
		if (why)
			pr_warn("ignoring mem%02llu: %s at 0x%016llx, %llu pages: %s\n",
				(unsigned long long)i,
				efi_md_typeattr_format(buf, sizeof(buf), &md),
				(unsigned long long)md.phys_addr, (unsigned long long)md.num_pages,
				why);
	}
}

/* efi=debug[,other]: Linux's other efi= words mean nothing here yet. */
static int set_efi(const char *val)
{
	if (!val)
		return -1;
	for (const char *p = val; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == 5 && !strncmp(p, "debug", 5))
			efi_debug = true;
		p += len + (end ? 1 : 0);
	}
	return 0;
}
kernel_param("efi", set_efi);
