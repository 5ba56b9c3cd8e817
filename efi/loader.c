// SPDX-License-Identifier: MIT
/*
 * The loader's shared state, apart from main.c so that the files main.c
 * calls (fs.c, handoff.c, paging.c, pstore.c) depend on this and not on
 * it: the boot services pointer and the boot-info region table.
 */
#include "loader.h"
#include "console.h"

EFI_BOOT_SERVICES *BS;

static struct bootinfo *table_bi;
static struct bootinfo_region *table;

void loader_init(EFI_BOOT_SERVICES *bs)
{
	BS = bs;
}

void loader_set_regions(struct bootinfo *bi, struct bootinfo_region *regions)
{
	table_bi = bi;
	table = regions;
	bi->regions = (uintptr_t)regions;
	bi->nr_regions = 0;
}

EFI_STATUS loader_add_region(uint64_t addr, uint64_t size, uint32_t kind)
{
	if (table_bi->nr_regions >= LOADER_MAX_REGIONS) {
		con_printf("mmk-loader: error: more than %u loader regions\n",
			   LOADER_MAX_REGIONS);
		return EFI_OUT_OF_RESOURCES;
	}
	table[table_bi->nr_regions++] = (struct bootinfo_region){ addr, size, kind, 0 };
	return EFI_SUCCESS;
}
