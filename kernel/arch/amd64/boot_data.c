// SPDX-License-Identifier: MIT
/*
 * The loader's boot information, copied into the kernel image before the
 * kernel's own page tables replace the loader's. The loader puts it where
 * the firmware had room, often near the top of RAM; with mem= below that
 * it is no longer RAM to us and is left out of the direct map, so (like
 * Linux's copy of boot_params in copy_bootdata) what is read after
 * paging_init must live in the image: the bootinfo itself, its list of
 * regions and the EFI memory map.
 */
#include <asm/setup.h>
#include <kernel/boot.h>
#include <kernel/printk.h>
#include <lib/string.h>

/* The loader's limit is 64 regions; OVMF's map is ~100 descriptors of 48
 * bytes, firmware with 300+ needs ~15 KiB: 64 KiB leaves room. */
#define BOOT_REGIONS_MAX  128
#define EFI_MMAP_COPY_MAX (64u << 10)

static struct bootinfo bi_copy;
static struct bootinfo_region regions_copy[BOOT_REGIONS_MAX];
static unsigned char efi_mmap_copy[EFI_MMAP_COPY_MAX] __attribute__((aligned(8)));
static const void *efi_mmap_ptr;
static const struct bootinfo_region *regions_ptr;

const struct bootinfo *copy_boot_data(const struct bootinfo *bi)
{
	memcpy(&bi_copy, bi, sizeof(bi_copy));
	regions_ptr = boot_va(bi->regions);
	if (bi->nr_regions <= BOOT_REGIONS_MAX) {
		memcpy(regions_copy, regions_ptr, bi->nr_regions * sizeof(regions_copy[0]));
		regions_ptr = regions_copy;
	} else {
		pr_warn("boot: %u boot regions, more than the %d kept: mem= below them will fault\n",
			bi->nr_regions, BOOT_REGIONS_MAX);
	}
	efi_mmap_ptr = bi->efi_mmap ? boot_va(bi->efi_mmap) : NULL;
	if (efi_mmap_ptr && bi->efi_mmap_size <= EFI_MMAP_COPY_MAX) {
		memcpy(efi_mmap_copy, efi_mmap_ptr, bi->efi_mmap_size);
		efi_mmap_ptr = efi_mmap_copy;
	} else if (efi_mmap_ptr) {
		pr_warn("boot: EFI memory map of %llu bytes, more than the %u kept: mem= below it will fault\n",
			(unsigned long long)bi->efi_mmap_size, EFI_MMAP_COPY_MAX);
	}
	return &bi_copy;
}

const struct bootinfo_region *boot_regions(void)
{
	return regions_ptr;
}

uint32_t boot_nr_regions(void)
{
	return bi_copy.nr_regions;
}

const void *boot_efi_mmap(void)
{
	return efi_mmap_ptr;
}
