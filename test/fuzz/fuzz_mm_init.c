// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: arbitrary e820 tables through the whole early memory
 * init (e820 sanitising, trim_bios_range, node map, bootmem, sparse,
 * zones) in the simulator, with invariants checked against models that
 * do not share code with what they check.
 *
 * Input: byte 0 picks a command line (kernelcore=/movablecore= or none);
 * then 7-byte entries, at most 64:
 *   [0..2] start page (24 bits: below 64 GiB)   [3..4] size in pages & 0x1fff
 *   [5] low nibble: start offset / 256, high nibble: size offset / 256
 *       (unaligned entries)                      [6] type selector
 *   bit 15 of [3..4] makes the entry hostile: at the top of the address
 *   space, ending exactly at 2^64, or (bit 14 too) wrapping past it.
 * Entries stay small (32 MiB each) so one input runs in milliseconds.
 */
#include "sim.h"

#include <asm/e820.h>
#include <asm/setup.h>
#include <kernel/params.h>
#include <mm/bootmem.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>
#include <mm/node_map.h>
#include <mm/nodemask.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_check.h"

#define MAX_IN 64

static const uint32_t types[] = { E820_TYPE_RAM,
				  E820_TYPE_RAM,
				  E820_TYPE_RAM,
				  E820_TYPE_RESERVED,
				  E820_TYPE_ACPI,
				  E820_TYPE_NVS,
				  E820_TYPE_UNUSABLE,
				  E820_TYPE_PMEM,
				  E820_TYPE_PRAM,
				  E820_TYPE_SOFT_RESERVED,
				  20 };

static const char *const cmdlines[] = {
	"", "", "", "", "kernelcore=50%", "movablecore=256M", "kernelcore=1G", "movablecore=10%"
};

/*
 * Model of Linux's sanitiser: the type at byte @a is the highest type of
 * the input entries covering it (usable = 1 loses to everything), 0 if none.
 */
static uint32_t model_type(const struct e820_entry *in, unsigned n, uint64_t a)
{
	uint32_t t = 0;

	for (unsigned i = 0; i < n; i++)
		if (in[i].size && a >= in[i].addr && a - in[i].addr < in[i].size && in[i].type > t)
			t = in[i].type;
	return t;
}

static uint32_t table_type(uint64_t a)
{
	for (uint32_t i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		if (a >= e->addr && a - e->addr < e->size)
			return e->type;
	}
	return 0;
}

static void check_sanitised(const struct e820_entry *in, unsigned n)
{
	const struct e820_entry *t = e820_table->entries;

	for (uint32_t i = 0; i < e820_table->nr_entries; i++) {
		CHECK(t[i].size, "entry %u is empty", i);
		if (i)
			CHECK(t[i - 1].addr + t[i - 1].size <= t[i].addr,
			      "entries %u and %u overlap or are unsorted", i - 1, i);
	}
	/* The type at every input boundary, and just before it, is the model's. */
	for (unsigned i = 0; i < n; i++) {
		uint64_t pts[4] = { in[i].addr, in[i].addr + in[i].size, in[i].addr - 1,
				    in[i].addr + in[i].size - 1 };

		for (int k = 0; k < 4; k++)
			CHECK(table_type(pts[k]) == model_type(in, n, pts[k]),
			      "type at %#llx: table %u, model %u", (unsigned long long)pts[k],
			      table_type(pts[k]), model_type(in, n, pts[k]));
	}
}

/* The bitmap over @pfn: one for all of RAM, or one per cluster of RAM
 * when holes are far larger than the RAM (bootmem_cluster_end). */
static const bootmem_data_t *bdata_of(unsigned long pfn)
{
	const bootmem_data_t *b;

	list_for_each_entry(b, &bdata_list, list)
		if (pfn >= b->node_min_pfn && pfn < b->node_low_pfn)
			return b;
	CHECK(false, "RAM page %#lx has no bootmem bitmap", pfn);
	return NULL;
}

/* Reserved pages in [s, e), RAM of one bitmap: set bits, a word at a time. */
static unsigned long reserved_in(unsigned long s, unsigned long e)
{
	const bootmem_data_t *b = bdata_of(s);
	const unsigned long *map = b->node_bootmem_map;
	unsigned long n = 0;

	CHECK(e <= b->node_low_pfn, "range [%#lx, %#lx) spans two bitmaps", s, e);
	s -= b->node_min_pfn;
	e -= b->node_min_pfn;
	while (s < e) {
		unsigned long bits = e - s < 64 - s % 64 ? e - s : 64 - s % 64;
		unsigned long w = map[s / 64] >> (s % 64);

		if (bits < 64)
			w &= (1UL << bits) - 1;
		n += (unsigned long)__builtin_popcountl(w);
		s += bits;
	}
	return n;
}

/* Node map: sorted, disjoint, page 0 and 640K-1M excluded. */
static void check_node_map(void)
{
	for (int i = 0; i < nr_nodemap_entries; i++) {
		const struct node_active_region *r = &early_node_map[i];

		CHECK(r->start_pfn < r->end_pfn, "empty range %d", i);
		CHECK(r->start_pfn >= 1, "page 0 in range %d", i);
		CHECK(r->end_pfn <= 0xa0 || r->start_pfn >= 0x100, "BIOS window in range %d", i);
		CHECK(r->end_pfn <= max_pfn, "range %d past max_pfn", i);
		if (i)
			CHECK(early_node_map[i - 1].end_pfn <= r->start_pfn, "ranges %d, %d", i - 1,
			      i);
	}
}

/* The page ranges memory init itself took from bootmem, as [pfn, pfn). */
#define MAX_TAKEN (8 + MAX_NUMNODES * MAX_NR_ZONES * 2 + 4096)
static struct {
	unsigned long s, e;
} taken[MAX_TAKEN];
static int nr_taken;

static void took(const void *p, unsigned long bytes)
{
	phys_addr_t a = __pa(p);

	if (bytes && nr_taken < MAX_TAKEN) {
		taken[nr_taken].s = PFN_DOWN(a);
		taken[nr_taken].e = PFN_UP(a + bytes);
		nr_taken++;
	}
}

static int cmp_taken(const void *a, const void *b)
{
	const unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/* Pages in the union of the taken ranges (small allocations share pages). */
static unsigned long taken_pages(void)
{
	unsigned long n = 0, end = 0;

	qsort(taken, (size_t)nr_taken, sizeof(taken[0]), cmp_taken);
	for (int i = 0; i < nr_taken; i++) {
		unsigned long s = taken[i].s > end ? taken[i].s : end;

		if (taken[i].e > s)
			n += taken[i].e - s;
		if (taken[i].e > end)
			end = taken[i].e;
	}
	return n;
}

/*
 * Every RAM page is free or reserved (one bit: it cannot be both), no
 * page outside RAM is free, and the reserved RAM pages are exactly what
 * memory init reserved or allocated: the low 1 MiB, the bitmap,
 * mem_section[]'s backed pages, the memmap, and each zone's pageblock types (pagesets
 * come later, from the per-CPU areas).
 */
static void check_bootmem(void)
{
	const bootmem_data_t *b;
	unsigned long free_ram = 0, reserved_ram = 0, free_all = 0, expect, table_pages;
	const uint64_t *table_page;
	struct zone *zone;

	for (int i = 0; i < nr_nodemap_entries; i++) {
		unsigned long s = early_node_map[i].start_pfn, e = early_node_map[i].end_pfn;
		unsigned long r = reserved_in(s, e);

		reserved_ram += r;
		free_ram += e - s - r;
	}
	nr_taken = 0;
	list_for_each_entry(b, &bdata_list, list) {
		unsigned long pages = b->node_low_pfn - b->node_min_pfn;

		for (unsigned long w = 0; w < DIV_ROUND_UP(pages, 64); w++) {
			unsigned long word = ~b->node_bootmem_map[w];

			if ((w + 1) * 64 > pages) /* bits past the end */
				word &= (1UL << (pages % 64)) - 1;
			free_all += (unsigned long)__builtin_popcountl(word);
		}
		took(b->node_bootmem_map, bootmem_block_pages(b) * PAGE_SIZE);
	}
	CHECK(free_all == free_ram, "%lu free pages outside RAM", free_all - free_ram);
	CHECK(free_ram + reserved_ram == active_pages_total(), "accounting");

	table_pages = sim_section_table_pages(&table_page);
	for (unsigned long i = 0; i < table_pages; i++)
		took(__va(table_page[i]), PAGE_SIZE);
	for (unsigned long sec = 0; sec < nr_mem_sections; sec++)
		if (mem_section[sec]) {
			/* The kernel's unbacked table pages are read-only. */
			CHECK(sim_section_table_backed(sec * sizeof(*mem_section) / PAGE_SIZE),
			      "mem_section[%lu] set in an unbacked page", sec);
			took(pfn_to_page(sec * PAGES_PER_SECTION),
			     PAGES_PER_SECTION * sizeof(struct page));
		}
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_online(nid))
			took(NODE_DATA(nid), sizeof(pg_data_t));
	for_each_populated_zone(zone) {
		unsigned long first = ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages);

		took(zone->pageblock_flags,
		     DIV_ROUND_UP(zone_end_pfn(zone) - first, pageblock_nr_pages));
	}
	/* Plus Linux's low 1 MiB reservation: whatever RAM is there. */
	expect = taken_pages();
	for (int i = 0; i < nr_nodemap_entries; i++) {
		unsigned long e = early_node_map[i].end_pfn < 0x100 ? early_node_map[i].end_pfn
								    : 0x100;

		if (early_node_map[i].start_pfn < e)
			expect += e - early_node_map[i].start_pfn;
	}
	CHECK(reserved_ram == expect, "reserved RAM %lu pages, allocations %lu", reserved_ram,
	      expect);
}

/* Independent count of node-map pages of @nid in [s, e). */
static unsigned long ram_in(int nid, unsigned long s, unsigned long e)
{
	unsigned long n = 0;

	for (int i = 0; i < nr_nodemap_entries; i++) {
		unsigned long a = early_node_map[i].start_pfn, b = early_node_map[i].end_pfn;

		if (early_node_map[i].nid != nid)
			continue;
		a = a > s ? a : s;
		b = b < e ? b : e;
		n += a < b ? b - a : 0;
	}
	return n;
}

static void check_zones(void)
{
	unsigned long present = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		const pg_data_t *pg = NODE_DATA(nid);
		unsigned long ns, ne, prev_end = 0;

		if (!pg)
			continue;
		get_pfn_range_for_nid(nid, &ns, &ne);
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			const struct zone *zn = &pg->node_zones[z];

			if (!zn->spanned_pages)
				continue;
			CHECK(zn->zone_start_pfn >= ns && zone_end_pfn(zn) <= ne,
			      "node %d zone %d outside the node span", nid, z);
			CHECK(zn->zone_start_pfn >= prev_end,
			      "node %d zone %d overlaps the one below", nid, z);
			CHECK(zn->present_pages ==
				      ram_in(nid, zn->zone_start_pfn, zone_end_pfn(zn)),
			      "node %d zone %d present %lu", nid, z, zn->present_pages);
			prev_end = zone_end_pfn(zn);
			present += zn->present_pages;
		}
	}
	CHECK(present == active_pages_total(), "present %lu, active %lu", present,
	      active_pages_total());
}

static void decode(const uint8_t *d, size_t n, struct e820_entry *in, unsigned *nr)
{
	*nr = 0;
	for (; n >= 7 && *nr < MAX_IN; d += 7, n -= 7) {
		uint64_t page = d[0] | (uint64_t)d[1] << 8 | (uint64_t)d[2] << 16;
		uint64_t pages = (d[3] | (uint64_t)d[4] << 8) & 0x1fff;
		uint64_t addr = (page << 12) + (uint64_t)(d[5] & 0xf) * 256;
		uint64_t size = (pages << 12) + (uint64_t)(d[5] >> 4) * 256;

		uint32_t type = types[d[6] % (sizeof(types) / sizeof(types[0]))];

		/* Bit 15 of the size field: a hostile entry at the top of the
		 * address space, wrapping past 2^64 (bit 14) or ending exactly
		 * there; not RAM when it survives, so no memmap is needed. */
		if (d[4] & 0x80) {
			size = (pages + 1) << 12;
			addr = (d[4] & 0x40) ? 0 - (size >> 1) : 0 - size;
			if (type == E820_TYPE_RAM)
				type = E820_TYPE_RESERVED;
		}
		memset(&in[*nr], 0, sizeof(in[*nr]));
		in[*nr].addr = addr;
		in[*nr].size = size;
		in[(*nr)++].type = type;
	}
}

/*
 * What e820__memory_setup is documented to keep of the firmware table:
 * no size-0 or wrapping entries, an end of 2^64 one byte short. Written
 * from the documentation, not from the code. Return: wrapping entries.
 */
static unsigned model_input(const struct e820_entry *in, unsigned n, struct e820_entry *out,
			    unsigned *nout)
{
	unsigned wraps = 0;

	*nout = 0;
	for (unsigned i = 0; i < n; i++) {
		struct e820_entry e = in[i];

		if (!e.size)
			continue;
		if (e.addr > UINT64_MAX - (e.size - 1)) { /* past the last byte */
			wraps++;
			continue;
		}
		if (e.addr - 1 + e.size == UINT64_MAX) /* last byte is 2^64 - 1 */
			e.size--;
		out[(*nout)++] = e;
	}
	return wraps;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const struct sim_log_opts quiet = { 0 };

	(void)argc;
	(void)argv;
	if (sim_mem_init(80ULL << 30))
		abort();
	sim_log_setup(&quiet);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct e820_entry in[MAX_IN], kept[MAX_IN];
	unsigned nr, nkept, wraps;

	if (size < 1)
		return 0;
	sim_reset();
	decode(data + 1, size - 1, in, &nr);
	parse_cmdline(cmdlines[data[0] % (sizeof(cmdlines) / sizeof(cmdlines[0]))]);
	wraps = model_input(in, nr, kept, &nkept);
	CHECK(e820__check_firmware_table(in, nr) == wraps,
	      "e820__check_firmware_table did not name the %u wrapping entries", wraps);
	e820__memory_setup(in, nr);
	if (nkept >= 2)
		check_sanitised(kept, nkept);
	if (SIM_PANIC_TRY() == 0) {
		x86_memory_init(NULL);
		SIM_PANIC_DONE();
	} else {
		/*
		 * The kernel's refusals, all legitimate on tiny or scattered
		 * RAM: none at all, no room for the bitmap (it covers [0,
		 * max_pfn), as in Linux's bootmem), no room for the memmap or
		 * a page of mem_section[]. Anything else is a bug.
		 */
		const char *m = sim_panic_message();

		CHECK(strstr(m, "no usable RAM") || strstr(m, "Cannot find bootmem map") ||
			      strstr(m, "Out of memory"),
		      "panic: %s", m);
		return 0;
	}
	check_node_map();
	check_bootmem();
	check_zones();
	return 0;
}
