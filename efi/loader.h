/* SPDX-License-Identifier: MIT */
/*
 * State shared by the loader's files (loader.c): the firmware's boot
 * services and the table of memory placed for the kernel. main.c sets it
 * up; the other files use it and nothing of main.c.
 */
#ifndef EFI_LOADER_H
#define EFI_LOADER_H

#include <boot/bootinfo.h>
#include <efi.h>

extern EFI_BOOT_SERVICES *BS;

#define LOADER_MAX_REGIONS 64

/* Record the firmware's boot services, first thing in efi_main. */
void loader_init(EFI_BOOT_SERVICES *bs);

/*
 * loader_set_regions - keep the region table at @regions in @bi
 *
 * From then on loader_add_region() appends to it and counts it in
 * bi->nr_regions; bi->regions points at it.
 */
void loader_set_regions(struct bootinfo *bi, struct bootinfo_region *regions);

/**
 * loader_add_region - record memory the loader allocated for the kernel
 *
 * Return: EFI_OUT_OF_RESOURCES when the (checked) table is full.
 */
EFI_STATUS loader_add_region(uint64_t addr, uint64_t size, uint32_t kind);

/* A snapshot of the firmware's memory map, in pool memory. */
struct loader_map {
	void *map;
	UINTN size; /* bytes of descriptors GetMemoryMap wrote */
	UINTN cap;  /* the buffer's size */
	UINTN key;
	UINTN dsize; /* one descriptor's size: step by it, not sizeof */
	UINT32 dver;
};

/**
 * loader_get_map - fetch the firmware's memory map into a new pool buffer
 * @m: filled in on success; free m->map with FreePool
 * @slack: extra descriptors of room: the pool allocation for the buffer
 *	itself can split a descriptor, and the caller's may too
 *
 * Return: the firmware's error, or EFI_LOAD_ERROR if it reports an empty
 * map; nothing stays allocated on failure.
 */
EFI_STATUS loader_get_map(struct loader_map *m, UINTN slack);

/**
 * loader_largest_free - the largest block of free memory the firmware has
 * @total: all its free memory, in bytes
 *
 * For the error when an allocation fails: how far off it was.
 * Return: the block's size in bytes (0 if the map cannot be had).
 */
uint64_t loader_largest_free(uint64_t *total);

#endif
