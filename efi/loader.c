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
		con_printf("mmk-loader: error: more than %u loader regions\n", LOADER_MAX_REGIONS);
		return EFI_OUT_OF_RESOURCES;
	}
	table[table_bi->nr_regions++] = (struct bootinfo_region){ addr, size, kind, 0 };
	return EFI_SUCCESS;
}

EFI_STATUS loader_get_map(struct loader_map *m, UINTN slack)
{
	EFI_STATUS s;

	m->size = 0;
	s = BS->GetMemoryMap(&m->size, NULL, &m->key, &m->dsize, &m->dver);
	if (s != EFI_BUFFER_TOO_SMALL)
		return EFI_ERROR(s) ? s : EFI_LOAD_ERROR;
	m->cap = m->size + slack * m->dsize;
	s = BS->AllocatePool(EfiLoaderData, m->cap, &m->map);
	if (EFI_ERROR(s))
		return s;
	m->size = m->cap;
	s = BS->GetMemoryMap(&m->size, m->map, &m->key, &m->dsize, &m->dver);
	if (EFI_ERROR(s))
		BS->FreePool(m->map);
	return s;
}

uint64_t loader_largest_free(uint64_t *total)
{
	struct loader_map m;
	uint64_t best = 0, run = 0, run_end = 0;

	*total = 0;
	if (EFI_ERROR(loader_get_map(&m, 8)))
		return 0;
	/* OVMF's map is sorted; adjacent free descriptors are one block. */
	for (UINTN off = 0; off + m.dsize <= m.size; off += m.dsize) {
		EFI_MEMORY_DESCRIPTOR *d = (void *)((char *)m.map + off);
		uint64_t size = d->NumberOfPages << 12;

		if (d->Type != EfiConventionalMemory)
			continue;
		*total += size;
		run = d->PhysicalStart == run_end ? run + size : size;
		run_end = d->PhysicalStart + size;
		if (run > best)
			best = run;
	}
	BS->FreePool(m.map);
	return best;
}
