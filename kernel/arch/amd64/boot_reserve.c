// SPDX-License-Identifier: MIT
/*
 * What the boot left in usable RAM that must not be handed out: the kernel
 * image, everything the loader allocated for us (boot_info->regions, which
 * includes the initrd), and ACPI tables firmware placed in RAM. Registered
 * as early reservations before bootmem exists, so even the bootmem bitmap
 * keeps clear of them.
 *
 * EFI boot-services memory is reserved too, as Linux does on x86: some
 * firmware keeps using it after ExitBootServices, and ACPI or SMBIOS tables
 * may sit in it. It goes to the page allocator once mem_init has run and
 * everything that may live in it is reserved on its own.
 */
#define pr_fmt(fmt) fmt

#include <asm/e820.h>
#include <asm/setup.h>
#include <kernel/boot.h>
#include <kernel/printk.h>
#include <kernel/efi.h>
#include <lib/string.h>
#include <mm/page_alloc.h>

#define ACPI_TABLE_MAX (16u << 20) /* a longer table is a corrupt one */

static const char *region_name(uint32_t kind)
{
	switch (kind) {
	case BOOT_REGION_KERNEL: return "kernel image";
	case BOOT_REGION_BOOTINFO: return "boot info";
	case BOOT_REGION_E820: return "e820 table";
	case BOOT_REGION_EFI_MMAP: return "EFI memory map";
	case BOOT_REGION_CMDLINE: return "command line";
	case BOOT_REGION_INITRD: return "initrd";
	case BOOT_REGION_PAGETABLE: return "loader page tables";
	case BOOT_REGION_PSTORE: return "persistent log";
	default: return "loader data";
	}
}

/* Only RAM and ACPI memory are in the loader's direct map: never read elsewhere. */
static bool readable(uint64_t addr, uint64_t len)
{
	uint64_t end = addr + len;

	if (!len || end < addr)
		return false;
	return e820__mapped_all(addr, end, E820_TYPE_RAM) ||
	       e820__mapped_all(addr, end, E820_TYPE_ACPI) ||
	       e820__mapped_all(addr, end, E820_TYPE_NVS);
}

/* Reserve one ACPI table (SDT header: signature, then 32-bit length). */
static uint32_t reserve_acpi_table(uint64_t addr)
{
	uint32_t len;

	if (!readable(addr, 36))
		return 0;
	memcpy(&len, (const char *)boot_va(addr) + 4, sizeof(len));
	if (len < 36 || len > ACPI_TABLE_MAX || !readable(addr, len))
		return 0;
	reserve_early(addr, addr + len, "ACPI table");
	return len;
}

static void reserve_acpi_tables(const struct bootinfo *bi)
{
	const unsigned char *rsdp;
	uint64_t sdt = 0;
	unsigned entry_size = 4;
	uint32_t len;

	if (!bi->acpi_rsdp || !readable(bi->acpi_rsdp, 20))
		return;
	rsdp = boot_va(bi->acpi_rsdp);
	if (memcmp(rsdp, "RSD PTR ", 8))
		return;
	reserve_early(bi->acpi_rsdp, bi->acpi_rsdp + (rsdp[15] >= 2 ? 36 : 20), "ACPI RSDP");
	if (rsdp[15] >= 2 && readable(bi->acpi_rsdp, 36)) {
		memcpy(&sdt, rsdp + 24, 8); /* XSDT */
		entry_size = 8;
	}
	if (!sdt) {
		uint32_t rsdt;

		memcpy(&rsdt, rsdp + 16, 4);
		sdt = rsdt;
		entry_size = 4;
	}
	len = reserve_acpi_table(sdt);
	for (uint32_t off = 36; len && off + entry_size <= len; off += entry_size) {
		uint64_t table = 0;

		memcpy(&table, (const char *)boot_va(sdt) + off, entry_size);
		reserve_acpi_table(table);
	}
}

static const char efi_boot_services[] = "EFI boot services";
static const struct bootinfo *boot_info_for_efi;

static bool is_boot_services(const struct efi_memory_desc *d)
{
	return d->type == EFI_BOOT_SERVICES_CODE || d->type == EFI_BOOT_SERVICES_DATA;
}

/* Descriptor number @i of the EFI map, copied out (the map is packed by
 * the firmware's stride, so fields may be misaligned); false past the end. */
static bool efi_desc(const struct bootinfo *bi, uint64_t i, struct efi_memory_desc *d)
{
	uint64_t off = i * bi->efi_desc_size;

	if (bi->efi_desc_size < sizeof(*d) || off + bi->efi_desc_size > bi->efi_mmap_size)
		return false;
	memcpy(d, (const char *)boot_va(bi->efi_mmap) + off, sizeof(*d));
	return true;
}

static void efi_reserve_boot_services(const struct bootinfo *bi)
{
	struct efi_memory_desc d;

	boot_info_for_efi = bi;
	for (uint64_t i = 0; efi_desc(bi, i, &d); i++)
		if (is_boot_services(&d))
			reserve_early(d.phys_addr, d.phys_addr + (d.num_pages << EFI_PAGE_SHIFT),
				      efi_boot_services);
}

void efi_free_boot_services(void)
{
	const struct bootinfo *bi = boot_info_for_efi;
	unsigned long freed = 0;
	struct efi_memory_desc d;

	if (!bi)
		return;
	for (uint64_t i = 0; efi_desc(bi, i, &d); i++) {
		if (!is_boot_services(&d))
			continue;
		for (uint64_t p = d.phys_addr; p < d.phys_addr + (d.num_pages << EFI_PAGE_SHIFT);
		     p += 4096) {
			/* Pages also reserved for their contents (ACPI tables,
			 * the low 1 MiB, the loader's data) stay reserved. */
			if (early_res_overlaps(p, p + 4096, efi_boot_services))
				continue;
			freed += free_reserved_page_pfn(p >> 12);
		}
	}
	pr_info("efi: freed %luK of boot services memory\n", freed << 2);
}

/**
 * reserve_boot_data - register the boot's leftovers as early reservations
 * @bi: the boot information
 */
void reserve_boot_data(const struct bootinfo *bi)
{
	const struct bootinfo_region *r = boot_va(bi->regions);

	for (uint32_t i = 0; i < bi->nr_regions; i++)
		reserve_early(r[i].addr, r[i].addr + r[i].size, region_name(r[i].kind));
	reserve_acpi_tables(bi);
	efi_reserve_boot_services(bi);
}
