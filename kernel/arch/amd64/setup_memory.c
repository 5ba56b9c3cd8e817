// SPDX-License-Identifier: MIT
/*
 * The memory half of setup_arch, the classic x86-64 way: e820 -> early
 * reservations -> bootmem (setup_node_bootmem) -> early node map -> zones.
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
#include <kernel/smp.h>
#include <lib/string.h>
#include <mm/node_map.h>
#include <mm/nodemask.h>

struct early_res {
	uint64_t start, end;
	const char *name;
};

static struct early_res early_res[MAX_EARLY_RES];
static int nr_early_res;
uint64_t real_mode_trampoline;
static uint32_t possible_apicids[NR_CPUS];
static unsigned int nr_possible_apicids;

void x86_set_possible_cpus(const uint32_t *apicids, unsigned int nr)
{
	if (nr > NR_CPUS) {
		pr_warn("smpboot: %u CPUs listed, only %d supported\n", nr, NR_CPUS);
		nr = NR_CPUS;
	}
	memcpy(possible_apicids, apicids, nr * sizeof(*apicids));
	nr_possible_apicids = nr;
}

unsigned int x86_nr_listed_cpus(void)
{
	return nr_possible_apicids;
}

uint32_t cpu_physical_id(unsigned int cpu)
{
	return possible_apicids[cpu];
}

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

/* Usable RAM entry @i clipped to [start, end) in *lo, *hi; false if not RAM. */
static bool ram_window(uint32_t i, uint64_t start, uint64_t end, uint64_t *lo, uint64_t *hi)
{
	const struct e820_entry *e = &e820_table->entries[i];

	if (e->type != E820_TYPE_RAM)
		return false;
	*lo = e->addr > start ? e->addr : start;
	*hi = e->addr + e->size < end ? e->addr + e->size : end;
	return true;
}

uint64_t find_e820_area(uint64_t start, uint64_t end, uint64_t size, uint64_t align)
{
	for (uint32_t i = 0; i < e820_table->nr_entries; i++) {
		uint64_t lo, hi, addr;
		const struct early_res *r;

		if (!ram_window(i, start, end, &lo, &hi))
			continue;
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

uint64_t find_e820_area_top(uint64_t start, uint64_t end, uint64_t size, uint64_t align)
{
	for (uint32_t i = e820_table->nr_entries; i-- > 0;) {
		uint64_t lo, hi, addr;
		const struct early_res *r;

		if (!ram_window(i, start, end, &lo, &hi) || hi < lo + size || lo + size < lo)
			continue;
		addr = (hi - size) & ~(align - 1);
		/* Step below each reservation in the way, within this entry. */
		while (addr >= lo) {
			r = early_res_overlap(addr, addr + size);
			if (!r)
				return addr;
			if (r->start < lo + size)
				break;
			addr = (r->start - size) & ~(align - 1);
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

/* Where a bitmap for @pages pages fits in [start, end): above ZONE_DMA if
 * there is room, since the ISA-DMA pages are precious. */
static __init uint64_t find_bootmap(uint64_t start, uint64_t end, unsigned long bytes)
{
	uint64_t low = start > BOOTMEM_LOW_LIMIT ? start : BOOTMEM_LOW_LIMIT;
	uint64_t at = find_e820_area(low, end, bytes, PAGE_SIZE);

	if (at == UINT64_MAX)
		at = find_e820_area(start, end, bytes, PAGE_SIZE);
	return at;
}

/* Hand the early reservations over; partial pages round outwards. */
static __init void reserve_early_res(void)
{
	for (int i = 0; i < nr_early_res; i++) {
		pr_debug("  early res %d: [mem %#010llx-%#010llx] %s\n", i,
			 (unsigned long long)early_res[i].start,
			 (unsigned long long)early_res[i].end - 1, early_res[i].name);
		reserve_bootmem(early_res[i].start, early_res[i].end - early_res[i].start,
				BOOTMEM_DEFAULT);
	}
}

/* Name the hole between two clusters that get a bitmap each. */
static __init void print_cut(int nid, unsigned long hole_start, unsigned long hole_end)
{
	unsigned long long s = PFN_PHYS(hole_start), e = PFN_PHYS(hole_end) - 1;

	if (nid == NUMA_NO_NODE)
		pr_info("bootmem: hole [mem %#018llx-%#018llx] is over %d times the RAM: a bitmap for each side\n",
			s, e, BOOTMEM_HOLE_RATIO);
	else
		pr_info("bootmem: node %d: hole [mem %#018llx-%#018llx] is over %d times its RAM: a bitmap for each side\n",
			nid, s, e, BOOTMEM_HOLE_RATIO);
}

/*
 * Bootmem for node @nid over [start_pfn, end_pfn), or with NUMA_NO_NODE one
 * for all nodes over [0, max_pfn) (the seed's contig_initmem_init): a bitmap
 * per cluster of the RAM (bootmem_cluster_end; ordinary machines have one),
 * each in the cluster's own RAM if it fits, so allocations for a node come
 * from its memory. A cluster after the first keeps its bootmem_data_t
 * after its bitmap, so the number of clusters has no limit of its own.
 */
static __init void setup_node_bootmem(int nid, unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long s = bootmem_cluster_start(nid, start_pfn), e, next;
	bool first = true;

	if (s > start_pfn && nid == NUMA_NO_NODE)
		pr_info("bootmem: no RAM in [mem %#018llx-%#018llx], over %d times the RAM: the bitmap starts above it\n",
			(unsigned long long)PFN_PHYS(start_pfn),
			(unsigned long long)PFN_PHYS(s) - 1, BOOTMEM_HOLE_RATIO);
	else if (s > start_pfn)
		pr_info("bootmem: node %d: no RAM in [mem %#018llx-%#018llx], over %d times its RAM: its bitmap starts above it\n",
			nid, (unsigned long long)PFN_PHYS(start_pfn),
			(unsigned long long)PFN_PHYS(s) - 1, BOOTMEM_HOLE_RATIO);
	do {
		unsigned long bytes, block;
		uint64_t bootmap;

		e = bootmem_cluster_end(nid, s, end_pfn, &next);
		block = first ? bootmem_bootmap_pages(e - s) << PAGE_SHIFT
			      : PAGE_ALIGN(bootmem_cluster_bytes(e - s));
		bootmap = find_bootmap(PFN_PHYS(s), PFN_PHYS(e), block);
		if (bootmap == UINT64_MAX)
			bootmap = find_bootmap(0, PFN_PHYS(max_pfn), block);
		if (bootmap == UINT64_MAX && nid == NUMA_NO_NODE)
			panic("Cannot find bootmem map of size %lu", block);
		if (bootmap == UINT64_MAX)
			panic("Cannot find bootmem map of size %lu for node %d", block, nid);
		/* From here @block is the bytes used, not the pages found: a
		 * later find_e820_area may share the last page (the layout's). */
		if (!first) {
			bytes = init_bootmem_cluster(nid, PFN_DOWN(bootmap), s, e);
			block = bootmem_cluster_bytes(e - s);
		} else if (nid == NUMA_NO_NODE) {
			block = bytes = init_bootmem_span(PFN_DOWN(bootmap), s, e);
		} else {
			block = bytes = init_bootmem_node(NODE_DATA(nid), PFN_DOWN(bootmap), s, e);
		}
		/* Reserved where it is; early_res keeps later bitmaps off it. */
		reserve_early(bootmap, bootmap + block, "bootmem bitmap");
		if (nid == NUMA_NO_NODE)
			pr_info("bootmem: bitmap of %lu bytes at [mem %#010llx-%#010llx] for %lu pages\n",
				bytes, (unsigned long long)bootmap,
				(unsigned long long)(bootmap + bytes - 1), e - s);
		else
			pr_info("bootmem: node %d bitmap of %lu bytes at [mem %#010llx-%#010llx] for %lu pages\n",
				nid, bytes, (unsigned long long)bootmap,
				(unsigned long long)(bootmap + bytes - 1), e - s);
		if (e < end_pfn)
			print_cut(nid, e, next);
		first = false;
		s = next;
	} while (e < end_pfn);
	free_bootmem_with_active_regions(nid, end_pfn);
}

/*
 * Bootmem per node when nodes do not interleave (a pfn belongs to one
 * node's bitmaps), else one for all: a bitmap covers a node's span, cut
 * only at holes far larger than the node's RAM (bootmem_cluster_end).
 */
static __init void initmem_init(void)
{
	unsigned long prev_end = 0;
	int nid, nodes = 0;
	bool interleaved = false;

	for_each_online_node(nid) {
		unsigned long s, e;

		get_pfn_range_for_nid(nid, &s, &e);
		interleaved |= nodes && s < prev_end;
		prev_end = e;
		nodes++;
	}
	if (nodes <= 1 || interleaved) {
		if (interleaved)
			pr_info("bootmem: node spans interleave: one bitmap for all nodes\n");
		setup_node_bootmem(NUMA_NO_NODE, 0, max_pfn);
		for_each_online_node(nid)
			NODE_DATA(nid)->bdata = &bootmem_node_data[0];
	} else {
		for_each_online_node(nid) {
			unsigned long s, e;

			get_pfn_range_for_nid(nid, &s, &e);
			setup_node_bootmem(nid, s, e);
		}
	}
	reserve_early_res();
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
	/* All of it below 1 MiB is reserved just below: nothing would be left
	 * (bootmem's own bitmap failed first, naming only its size). */
	if (max_pfn <= PFN_DOWN(BIOS_END))
		panic("no usable RAM above 1 MiB (the first 1 MiB is kept for the BIOS and real mode): cannot boot");
	/* 64-bit has no highmem: max_low_pfn only differs while it matters
	 * for the low-RAM end print, then covers all RAM as Linux sets it. */
	if (max_pfn > (1UL << (32 - PAGE_SHIFT)))
		max_low_pfn = e820__end_of_low_ram_pfn();
	else
		max_low_pfn = max_pfn;

	x86_numa_init();
	if (!nr_nodemap_entries)
		panic("no usable RAM left after trimming the e820 table: cannot boot");

	/* Page 0 is the BIOS's; Linux 6.1 keeps the whole first 1 MiB, since
	 * firmware is known to scribble on low memory. */
	reserve_early(0, BIOS_END, "low 1 MiB (BIOS data, real mode)");
	find_trampoline_page();
	initmem_init();
	if (after_bootmem)
		after_bootmem();
	find_dma_reserve();

	max_low_pfn = max_pfn;
	zone_sizes_init();
	init_cpu_to_node(possible_apicids, nr_possible_apicids);
}
