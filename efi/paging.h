/* SPDX-License-Identifier: MIT */
/*
 * The hand-off page tables: 4-level, built from scratch in pages the loader
 * allocates, so nothing depends on how the firmware set up its own.
 */
#ifndef EFI_PAGING_H
#define EFI_PAGING_H

#include <efi.h>
#include <stdint.h>

#define PTE_P   (1ull << 0)
#define PTE_W   (1ull << 1)
#define PTE_PS  (1ull << 7)
#define PTE_NX  (1ull << 63)

#define SZ_4K 0x1000ull
#define SZ_2M 0x200000ull
#define SZ_1G 0x40000000ull

struct pt_builder {
	uint64_t root;      /* physical address of the PML4 */
	uint64_t pool;      /* current chunk of page-table pages */
	uint64_t pool_left; /* pages left in it */
	uint64_t nx_mask;   /* PTE_NX if the CPU has NX, else 0 */
	int gbpages;        /* the CPU can map 1 GiB pages */
	int frozen;         /* boot services are gone: no more table pages */
};

EFI_STATUS pt_init(struct pt_builder *pt);

/**
 * pt_map - map [va, va + size) to [pa, pa + size)
 * @flags: PTE_W and/or PTE_NX (NX is dropped if the CPU lacks it)
 * @max_page: the largest page size allowed: SZ_4K, SZ_2M or SZ_1G
 *
 * All of va, pa and size must be 4 KiB aligned. Uses the largest page that
 * alignment and @max_page allow. A range already covered by a larger leaf
 * is left as it is.
 */
EFI_STATUS pt_map(struct pt_builder *pt, uint64_t va, uint64_t pa,
		  uint64_t size, uint64_t flags, uint64_t max_page);

#endif
