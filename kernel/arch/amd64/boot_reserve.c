// SPDX-License-Identifier: MIT
/*
 * What the boot left in usable RAM that must not be handed out: the kernel
 * image, everything the loader allocated for us (boot_info->regions, which
 * includes the initrd). (ACPI tables: acpi_boot.c.) Registered
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

	if (!boot_efi_mmap() || bi->efi_desc_size < sizeof(*d) ||
	    off + bi->efi_desc_size > bi->efi_mmap_size)
		return false;
	memcpy(d, (const char *)boot_efi_mmap() + off, sizeof(*d));
	return true;
}

/* Small machines use boot-services memory at once (efi_hold_boot_services). */
static bool hold_boot_services(const struct bootinfo *bi)
{
	uint64_t ram = 0, bs = 0;
	struct efi_memory_desc d;

	for (uint32_t i = 0; i < e820_table->nr_entries; i++)
		if (e820_table->entries[i].type == E820_TYPE_RAM)
			ram += e820_table->entries[i].size;
	for (uint64_t i = 0; efi_desc(bi, i, &d); i++)
		if (is_boot_services(&d))
			bs += d.num_pages << EFI_PAGE_SHIFT;
	if (efi_hold_boot_services(ram, bs))
		return true;
	pr_info("efi: only %lluK of RAM outside boot services memory: its %lluK used at once (no EFI runtime calls are made)\n",
		(unsigned long long)(ram > bs ? ram - bs : 0) >> 10, (unsigned long long)bs >> 10);
	return false;
}

static void efi_reserve_boot_services(const struct bootinfo *bi)
{
	struct efi_memory_desc d;

	if (!hold_boot_services(bi))
		return;
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
	const struct bootinfo_region *r = boot_regions();

	for (uint32_t i = 0; i < bi->nr_regions; i++)
		reserve_early(r[i].addr, r[i].addr + r[i].size, region_name(r[i].kind));
	efi_reserve_boot_services(bi);
}
