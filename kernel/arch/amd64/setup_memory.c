// SPDX-License-Identifier: MIT
/*
 * The memory half of setup_arch, the classic x86-64 way: e820 -> early
 * reservations -> bootmem (contig_initmem_init) -> early node map -> zones.
 * Pure C on purpose: the host simulator runs this very file on e820
 * tables taken from real machines' boot logs.
 */
#define pr_fmt(fmt) fmt

#include <asm/e820.h>
#include <asm/numa.h>
#include <asm/setup.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <mm/bootmem.h>
#include <mm/mmzone.h>
#include <mm/node_map.h>

struct early_res {
	uint64_t start, end;
	const char *name;
};

static struct early_res early_res[MAX_EARLY_RES];
static int nr_early_res;
uint64_t real_mode_trampoline;

void reserve_early(uint64_t start, uint64_t end, const char *name)
{
	struct early_res *last = nr_early_res ? &early_res[nr_early_res - 1] : NULL;

	if (start >= end)
		return;
	if (last && last->name == name && start <= last->end && end >= last->start) {
		if (start < last->start)
			last->start = start;
		if (end > last->end)
			last->end = end;
		return;
	}
	if (nr_early_res >= MAX_EARLY_RES) {
		pr_err("early reservations full: [mem %#010llx-%#010llx] %s is not reserved\n",
		       (unsigned long long)start, (unsigned long long)end - 1, name);
		return;
	}
	early_res[nr_early_res++] = (struct early_res){ start, end, name };
}

/* First early reservation overlapping [start, end), or NULL. */
static const struct early_res *early_res_overlap(uint64_t start, uint64_t end)
{
	for (int i = 0; i < nr_early_res; i++)
		if (early_res[i].start < end && start < early_res[i].end)
			return &early_res[i];
	return NULL;
}

bool early_res_overlaps(uint64_t start, uint64_t end, const char *except)
{
	for (int i = 0; i < nr_early_res; i++)
		if (early_res[i].name != except && early_res[i].start < end &&
		    start < early_res[i].end)
			return true;
	return false;
}

uint64_t find_e820_area(uint64_t start, uint64_t end, uint64_t size,
			uint64_t align)
{
	for (uint32_t i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];
		uint64_t lo = e->addr, hi = e->addr + e->size, addr;
		const struct early_res *r;

		if (e->type != E820_TYPE_RAM)
			continue;
		if (lo < start)
			lo = start;
		if (hi > end)
			hi = end;
		addr = (lo + align - 1) & ~(align - 1);
		/* Step past each reservation in the way, within this entry. */
		while (addr >= lo && addr + size > addr && addr + size <= hi) {
			r = early_res_overlap(addr, addr + size);
			if (!r)
				return addr;
			addr = (r->end + align - 1) & ~(align - 1);
		}
	}
	return UINT64_MAX;
}

/*
 * Page 0 belongs to the BIOS, and 640 KiB - 1 MiB is the legacy VGA/ROM
 * window even where firmware calls it RAM.
 */
static __init void trim_bios_range(void)
{
	e820__range_update(0, PAGE_SIZE, E820_TYPE_RAM, E820_TYPE_RESERVED);
	e820__range_remove(BIOS_BEGIN, BIOS_END - BIOS_BEGIN, E820_TYPE_RAM, true);
	e820__update_table(e820_table);
}

/*
 * One bootmem bitmap over [start_pfn, end_pfn) (all nodes: "contig"),
 * placed in usable RAM clear of the early reservations.
 */
static __init void contig_initmem_init(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long bootmap_bytes = bootmem_bootmap_pages(end_pfn) << PAGE_SHIFT;
	/* Above ZONE_DMA if there is room: the ISA-DMA pages are precious. */
	uint64_t bootmap = find_e820_area(BOOTMEM_LOW_LIMIT, PFN_PHYS(end_pfn),
					  bootmap_bytes, PAGE_SIZE);

	if (bootmap == UINT64_MAX)
		bootmap = find_e820_area(0, PFN_PHYS(end_pfn), bootmap_bytes, PAGE_SIZE);

	if (bootmap == UINT64_MAX)
		panic("Cannot find bootmem map of size %lu", bootmap_bytes);
	bootmap_bytes = init_bootmem(PFN_DOWN(bootmap), end_pfn);
	for (int nid = 1; nid < MAX_NUMNODES; nid++)
		NODE_DATA(nid)->bdata = NODE_DATA(0)->bdata;
	free_bootmem_with_active_regions(NUMA_NO_NODE, end_pfn);
	reserve_bootmem(bootmap, bootmap_bytes, BOOTMEM_DEFAULT);
	pr_info("bootmem: bitmap of %lu bytes at [mem %#010llx-%#010llx] for %lu pages\n",
		bootmap_bytes, (unsigned long long)bootmap,
		(unsigned long long)(bootmap + bootmap_bytes - 1), end_pfn - start_pfn);

	/* Hand the early reservations over; partial pages round outwards. */
	for (int i = 0; i < nr_early_res; i++) {
		pr_debug("  early res %d: [mem %#010llx-%#010llx] %s\n", i,
			 (unsigned long long)early_res[i].start,
			 (unsigned long long)early_res[i].end - 1, early_res[i].name);
		reserve_bootmem(early_res[i].start, early_res[i].end - early_res[i].start,
				BOOTMEM_DEFAULT);
	}
}

/*
 * The SMP trampoline needs a page below 1 MiB to start the other CPUs in
 * real mode: the highest usable one below the legacy window. The whole
 * first 1 MiB is reserved anyway, so it stays free for that use.
 */
static __init void find_trampoline_page(void)
{
	for (int i = nr_nodemap_entries - 1; i >= 0; i--) {
		unsigned long s = early_node_map[i].start_pfn;
		unsigned long e = early_node_map[i].end_pfn;

		if (e > PFN_DOWN(BIOS_BEGIN))
			e = PFN_DOWN(BIOS_BEGIN);
		if (s < e) {
			real_mode_trampoline = PFN_PHYS(e - 1);
			pr_info("smpboot: trampoline page at [mem %#010llx-%#010llx]\n",
				(unsigned long long)real_mode_trampoline,
				(unsigned long long)real_mode_trampoline + PAGE_SIZE - 1);
			return;
		}
	}
	pr_warn("smpboot: no usable page below 640 KiB for the trampoline: only the boot CPU will run\n");
}

/*
 * Linux's memblock_find_dma_reserve: ZONE_DMA pages that are reserved now
 * do not count towards the zone's estimated managed pages (and so not
 * towards "Total pages").
 */
static __init void find_dma_reserve(void)
{
	unsigned long pages = 0, free = 0;

	for (int i = 0; i < nr_nodemap_entries; i++) {
		unsigned long s = early_node_map[i].start_pfn;
		unsigned long e = early_node_map[i].end_pfn;

		for (unsigned long pfn = s; pfn < e && pfn < MAX_DMA_PFN; pfn++) {
			pages++;
			free += !bootmem_page_reserved(pfn);
		}
	}
	set_dma_reserve(pages - free);
}

static __init void zone_sizes_init(void)
{
	unsigned long max_zone_pfns[MAX_NR_ZONES] = { 0 };

	max_zone_pfns[ZONE_DMA] = MAX_DMA_PFN < max_low_pfn ? MAX_DMA_PFN : max_low_pfn;
	max_zone_pfns[ZONE_DMA32] = MAX_DMA32_PFN < max_low_pfn ? MAX_DMA32_PFN : max_low_pfn;
	max_zone_pfns[ZONE_NORMAL] = max_low_pfn;
	free_area_init_nodes(max_zone_pfns);
}

void __init x86_memory_init(void (*after_bootmem)(void))
{
	trim_bios_range();

	max_pfn = e820__end_of_ram_pfn();
	if (!max_pfn)
		panic("no usable RAM in the e820 table: cannot boot");
	/* 64-bit has no highmem: max_low_pfn only differs while it matters
	 * for the low-RAM end print, then covers all RAM as Linux sets it. */
	if (max_pfn > (1UL << (32 - PAGE_SHIFT)))
		max_low_pfn = e820__end_of_low_ram_pfn();
	else
		max_low_pfn = max_pfn;

	numa_initmem_init(max_pfn);
	if (!nr_nodemap_entries)
		panic("no usable RAM left after trimming the e820 table: cannot boot");

	/* Page 0 is the BIOS's; Linux 6.1 keeps the whole first 1 MiB, since
	 * firmware is known to scribble on low memory. */
	reserve_early(0, BIOS_END, "low 1 MiB (BIOS data, real mode)");
	find_trampoline_page();
	contig_initmem_init(0, max_pfn);
	if (after_bootmem)
		after_bootmem();
	find_dma_reserve();

	max_low_pfn = max_pfn;
	zone_sizes_init();
}
