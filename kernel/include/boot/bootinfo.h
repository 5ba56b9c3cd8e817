/* SPDX-License-Identifier: MIT */
/*
 * The boot protocol between the UEFI loader (efi/) and the kernel: one
 * structure, built by the loader, handed to the kernel entry in %rdi as a
 * physical address. docs/boot-protocol.md is the prose version of this file.
 *
 * Every address in here is physical. The kernel reaches the data through the
 * direct map the loader built (PAGE_OFFSET + phys). Every structure is laid
 * out with explicit padding so that the loader (x86_64 PE, LLP64) and the
 * kernel (x86_64 ELF, LP64) agree byte for byte; only fixed-width types.
 */
#ifndef BOOT_BOOTINFO_H
#define BOOT_BOOTINFO_H

#include <stdint.h>

#define BOOTINFO_MAGIC	 0x4f464e49544f4f42ull /* "BOOTINFO" little-endian */
#define BOOTINFO_VERSION 1

/* Virtual layout both sides rely on (docs/memory-layout.md). */
#define BOOT_PAGE_OFFSET	0xffff888000000000ull /* direct map of RAM */
#define BOOT_START_KERNEL_map	0xffffffff80000000ull /* kernel text mapping */
#define BOOT_KERNEL_LINK_OFFSET 0x1000000ull	      /* link address - map */

/*
 * Exit status when the kernel (or the loader, on error) is asked to power
 * off QEMU through isa-debug-exit (the `qemu_exit` option). QEMU turns a
 * write of v to the port into host status (v << 1) | 1, which can never be
 * 0, so success is written as QEMU_EXIT_SUCCESS_VALUE and scripts/run maps
 * host status 33 back to 0 and (2*s + 1) back to s.
 */
#define QEMU_EXIT_PORT		0xf4
#define QEMU_EXIT_SUCCESS_VALUE 0x10
enum boot_exit_status {
	BOOT_EXIT_OK = 0,	       /* booted; every self-test passed */
	BOOT_EXIT_PANIC = 1,	       /* kernel panic or fatal exception */
	BOOT_EXIT_SELFTEST_FAILED = 2, /* booted, but a self-test failed */
	BOOT_EXIT_LOADER_ERROR = 3,    /* the loader gave up before the jump */
};

/* e820 types, Linux's numbering (arch/x86/include/uapi/asm/e820.h). */
enum e820_type {
	E820_TYPE_RAM = 1,
	E820_TYPE_RESERVED = 2,
	E820_TYPE_ACPI = 3,
	E820_TYPE_NVS = 4,
	E820_TYPE_UNUSABLE = 5,
	E820_TYPE_PMEM = 7,
	E820_TYPE_PRAM = 12,
	E820_TYPE_SOFT_RESERVED = 0xefffffff,
};

struct e820_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
	uint32_t pad;
};

/* EFI memory types and attributes (UEFI 2.10, 7.2), needed by both sides. */
enum efi_memory_type {
	EFI_RESERVED_TYPE = 0,
	EFI_LOADER_CODE = 1,
	EFI_LOADER_DATA = 2,
	EFI_BOOT_SERVICES_CODE = 3,
	EFI_BOOT_SERVICES_DATA = 4,
	EFI_RUNTIME_SERVICES_CODE = 5,
	EFI_RUNTIME_SERVICES_DATA = 6,
	EFI_CONVENTIONAL_MEMORY = 7,
	EFI_UNUSABLE_MEMORY = 8,
	EFI_ACPI_RECLAIM_MEMORY = 9,
	EFI_ACPI_MEMORY_NVS = 10,
	EFI_MEMORY_MAPPED_IO = 11,
	EFI_MEMORY_MAPPED_IO_PORT_SPACE = 12,
	EFI_PAL_CODE = 13,
	EFI_PERSISTENT_MEMORY = 14,
	EFI_UNACCEPTED_MEMORY = 15,
	EFI_MAX_MEMORY_TYPE
};

/* gnu-efi's efidef.h (loader side) defines the older ones, same values. */
#ifndef EFI_MEMORY_WB
#define EFI_MEMORY_UC	   0x0000000000000001ull
#define EFI_MEMORY_WC	   0x0000000000000002ull
#define EFI_MEMORY_WT	   0x0000000000000004ull
#define EFI_MEMORY_WB	   0x0000000000000008ull
#define EFI_MEMORY_UCE	   0x0000000000000010ull
#define EFI_MEMORY_WP	   0x0000000000001000ull
#define EFI_MEMORY_RP	   0x0000000000002000ull
#define EFI_MEMORY_XP	   0x0000000000004000ull
#define EFI_MEMORY_RUNTIME 0x8000000000000000ull
#endif
#define EFI_MEMORY_NV		 0x0000000000008000ull
#define EFI_MEMORY_MORE_RELIABLE 0x0000000000010000ull
#define EFI_MEMORY_RO		 0x0000000000020000ull
#define EFI_MEMORY_SP		 0x0000000000040000ull
#define EFI_MEMORY_CPU_CRYPTO	 0x0000000000080000ull

#define EFI_PAGE_SHIFT 12

/*
 * One firmware descriptor as the UEFI spec defines it. The firmware's
 * stride (efi_desc_size) may be larger than this: always step by it.
 */
struct efi_memory_desc {
	uint32_t type;
	uint32_t pad;
	uint64_t phys_addr;
	uint64_t virt_addr;
	uint64_t num_pages;
	uint64_t attribute;
};

/* GOP pixel formats (EFI_GRAPHICS_PIXEL_FORMAT). */
enum bootinfo_pixel_format {
	BOOT_PIXEL_RGBX_8BPP = 0, /* PixelRedGreenBlueReserved8BitPerColor */
	BOOT_PIXEL_BGRX_8BPP = 1, /* PixelBlueGreenRedReserved8BitPerColor */
	BOOT_PIXEL_BITMASK = 2,
	BOOT_PIXEL_BLT_ONLY = 3, /* no linear framebuffer */
	BOOT_PIXEL_NONE = 0xffffffff,
};

struct bootinfo_framebuffer {
	uint64_t base; /* 0 when there is no usable framebuffer */
	uint64_t size;
	uint32_t width;
	uint32_t height;
	uint32_t stride; /* pixels per scan line */
	uint32_t pixel_format;
	uint32_t red_mask, green_mask, blue_mask, reserved_mask;
};

/* What a loader-allocated region holds; the kernel reserves every one. */
enum bootinfo_region_kind {
	BOOT_REGION_KERNEL = 1,	   /* the loaded kernel image (all PT_LOADs) */
	BOOT_REGION_BOOTINFO = 2,  /* this structure */
	BOOT_REGION_E820 = 3,	   /* the e820 table */
	BOOT_REGION_EFI_MMAP = 4,  /* the raw EFI memory map */
	BOOT_REGION_CMDLINE = 5,   /* the command line */
	BOOT_REGION_INITRD = 6,	   /* the initial RAM disk */
	BOOT_REGION_PAGETABLE = 7, /* the hand-off page tables */
	BOOT_REGION_REGIONS = 8,   /* the region list itself */
	BOOT_REGION_PSTORE = 9,	   /* the persistent log area (boot/pstore.h) */
};

struct bootinfo_region {
	uint64_t addr;
	uint64_t size;
	uint32_t kind;
	uint32_t pad;
};

struct bootinfo {
	uint64_t magic;	  /* BOOTINFO_MAGIC */
	uint32_t version; /* BOOTINFO_VERSION */
	uint32_t size;	  /* sizeof(struct bootinfo) as the loader saw it */

	/* e820 table converted from the final EFI map, sorted and merged. */
	uint64_t e820_table; /* -> struct e820_entry[e820_entries] */
	uint32_t e820_entries;
	uint32_t pad0;

	/* The raw EFI memory map that ExitBootServices accepted. */
	uint64_t efi_mmap; /* -> efi_mmap_size bytes */
	uint64_t efi_mmap_size;
	uint32_t efi_desc_size;
	uint32_t efi_desc_version;
	uint64_t efi_system_table; /* physical; 0 if unknown */

	uint64_t acpi_rsdp;	     /* 0 if the firmware published none */
	uint32_t acpi_rsdp_revision; /* 0 = ACPI 1.0 table, 2 = ACPI 2.0+ */
	uint32_t pad1;

	struct bootinfo_framebuffer fb;

	uint64_t cmdline; /* -> NUL-terminated ASCII; cmdline_size excludes NUL */
	uint32_t cmdline_size;
	uint32_t pad2;

	uint64_t initrd; /* 0 if none */
	uint64_t initrd_size;

	/* The kernel image: physical load address of its lowest PT_LOAD. */
	uint64_t kernel_phys;
	uint64_t kernel_virt; /* the link address of that segment */
	uint64_t kernel_size; /* bytes from kernel_virt to the end of the image */

	/* Everything the loader allocated for the kernel, kernel included. */
	uint64_t regions; /* -> struct bootinfo_region[nr_regions] */
	uint32_t nr_regions;
	uint32_t pad3;

	/* The hand-off page tables: root, and highest RAM address mapped. */
	uint64_t pgtable_root;
	uint64_t direct_map_end;

	/*
	 * Extension 1 (still version 1): a kernel reads these only when
	 * `size` covers them (bootinfo_has()); an older loader's are 0.
	 */
	uint64_t pstore;      /* the persistent log area, 0 if none */
	uint64_t pstore_size; /* its bytes, header included */
	uint32_t ebs_tries;   /* GetMemoryMap + ExitBootServices rounds needed */
	uint32_t map_grown;   /* descriptors the map gained after it was sized */
};

/* The size of version 1 as first released, before extension 1. */
#define BOOTINFO_V1_SIZE __builtin_offsetof(struct bootinfo, pstore)

/* Whether the loader's structure (bi->size) includes @field. */
#define bootinfo_has(bi, field) \
	((bi)->size >= __builtin_offsetof(struct bootinfo, field) + sizeof((bi)->field))

#endif
