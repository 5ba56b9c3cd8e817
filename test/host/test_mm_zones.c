// SPDX-License-Identifier: MIT
/*
 * free_area_init_nodes() and ZONE_MOVABLE sizing (kernel/mm/mm_init.c,
 * zone_movable.c) from hand-made node maps.
 *
 * For the machines of shared/reference, the node map below is derived by
 * hand from the e820 table (and SRAT) in that log: usable entries rounded
 * inwards to pages, page 0 dropped and 640K-1M removed (trim_bios_range),
 * split at the SRAT node boundaries. The expected lines are the ones Linux
 * printed in that log; present pages are cross-checked with Linux's
 * "Memory: .../NK" total or its per-zone debug lines where it printed them.
 */
#include "mm_boot_generic.h"
#include "sim_ktest.h"

#include <kernel/params.h>
#include <mm/bootmem.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static void expect_zone(struct ktest *t, int nid, int zid, unsigned long start,
			unsigned long spanned, unsigned long present)
{
	const struct zone *z = &NODE_DATA(nid)->node_zones[zid];

	if (spanned)
		KTEST_EXPECT_EQ(t, z->zone_start_pfn, start);
	KTEST_EXPECT_EQ(t, z->spanned_pages, spanned);
	KTEST_EXPECT_EQ(t, z->present_pages, present);
}

static void expect_lines(struct ktest *t, const char *const *lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!sim_log_has_line(lines[i]))
			KTEST_EXPECT_STREQ(t, "(missing line)", lines[i]);
}

/*
 * QEMU q35, 512 MiB, OVMF, Linux 6.1 (linux-6.1-q35-512M.log):
 *
 *   e820 usable                          pfns after trim
 *   0x0000000-0x009ffff                  [0x1, 0xa0)      (page 0 reserved)
 *   0x0100000-0x0805fff                  [0x100, 0x806)
 *   0x0808000-0x080ffff                  [0x808, 0x810)
 *   0x0900000-0x1ea89fff                 [0x900, 0x1ea8a)
 *   0x1eb8c000-0x1f4ebfff                [0x1eb8c, 0x1f4ec)
 *   0x1f7fe000-0x1feebfff                [0x1f7fe, 0x1feec)   max_pfn 0x1feec
 *
 *   DMA  [0x1, 0x1000): spanned 0xfff = 4095;
 *        present 0x9f + 0x706 + 0x8 + 0x700 = 159 + 1798 + 8 + 1792 = 3757
 *   DMA32 [0x1000, 0x1feec): spanned 0x1eeec = 126700;
 *        present 0x1da8a + 0x960 + 0x6ee = 121482 + 2400 + 1774 = 125656
 *   total 129413 pages = 517652K: Linux's "Memory: 194292K/517652K".
 */
static void zones_q35_512m(struct ktest *t)
{
	static const struct pfn_range r[] = {
		{ 0x1, 0xa0, 0 }, { 0x100, 0x806, 0 }, { 0x808, 0x810, 0 },
		{ 0x900, 0x1ea8a, 0 }, { 0x1eb8c, 0x1f4ec, 0 }, { 0x1f7fe, 0x1feec, 0 },
	};
	static const char *const linux_lines[] = {
		"Zone ranges:",
		"  DMA      [mem 0x0000000000001000-0x0000000000ffffff]",
		"  DMA32    [mem 0x0000000001000000-0x000000001feebfff]",
		"  Normal   empty",
		"  Device   empty",
		"Movable zone start for each node",
		"Early memory node ranges",
		"  node   0: [mem 0x0000000000001000-0x000000000009ffff]",
		"  node   0: [mem 0x0000000000100000-0x0000000000805fff]",
		"  node   0: [mem 0x0000000000808000-0x000000000080ffff]",
		"  node   0: [mem 0x0000000000900000-0x000000001ea89fff]",
		"  node   0: [mem 0x000000001eb8c000-0x000000001f4ebfff]",
		"  node   0: [mem 0x000000001f7fe000-0x000000001feebfff]",
		"Initmem setup node 0 [mem 0x0000000000001000-0x000000001feebfff]",
		/* holes: all inside sections with RAM, so 2 MiB sections
		 * count what Linux's 128 MiB ones do */
		"On node 0, zone DMA: 1 pages in unavailable ranges",
		"On node 0, zone DMA: 96 pages in unavailable ranges",
		"On node 0, zone DMA: 2 pages in unavailable ranges",
		"On node 0, zone DMA: 240 pages in unavailable ranges",
		"On node 0, zone DMA32: 258 pages in unavailable ranges",
		"On node 0, zone DMA32: 786 pages in unavailable ranges",
		"On node 0, zone DMA32: 276 pages in unavailable ranges",
	};

	boot_generic(r, ARRAY_SIZE(r), 0x1feec);
	expect_lines(t, linux_lines, ARRAY_SIZE(linux_lines));
	KTEST_EXPECT_EQ(t, sim_log_count("pages in unavailable ranges"), 7U);
	expect_zone(t, 0, ZONE_DMA, 0x1, 4095, 3757);
	expect_zone(t, 0, ZONE_DMA32, 0x1000, 126700, 125656);
	expect_zone(t, 0, ZONE_NORMAL, 0, 0, 0);
	expect_zone(t, 0, ZONE_MOVABLE, 0, 0, 0);
	KTEST_EXPECT_EQ(t, NODE_DATA(0)->node_present_pages, 129413UL);
	KTEST_EXPECT_EQ(t, NODE_DATA(0)->node_spanned_pages, 0x1feebUL);
	/*
	 * memmap estimate (64-byte struct page): DMA has holes > 1/16
	 * (4095 > 3757 + 234), so present: 3757 * 64 / 4096 -> 59 pages;
	 * DMA32 does not (126700 <= 125656 + 7853): 126700 * 64 / 4096 -> 1980.
	 */
	KTEST_EXPECT_EQ(t, NODE_DATA(0)->node_zones[ZONE_DMA].managed_pages, 3757UL - 59);
	KTEST_EXPECT_EQ(t, NODE_DATA(0)->node_zones[ZONE_DMA32].managed_pages, 125656UL - 1980);
}

/*
 * ASUS ZenBook UX391FA, 16 GiB, Linux 5.3 (asus-zenbook-...-5.3.log):
 *   usable 0-0x9efff -> [0x1, 0x9f); 0x100000-0x763fafff -> [0x100, 0x763fb);
 *   0x7a40e000-0x7a40efff -> [0x7a40e, 0x7a40f);
 *   0x100000000-0x47dffffff -> [0x100000, 0x47e000)
 * 5.3 printed per zone (debug level) what we check here:
 *   "DMA zone: 3998 pages" "DMA32 zone: 480252 pages" "Normal zone: 3661824
 *   pages", "On node 0 totalpages: 4146074", memmap 64 / 7504 / 57216.
 * 5.3 printed no "Device" line (no CONFIG_ZONE_DEVICE); 6.1 would.
 */
static void zones_asus_16g(struct ktest *t)
{
	static const struct pfn_range r[] = {
		{ 0x1, 0x9f, 0 }, { 0x100, 0x763fb, 0 }, { 0x7a40e, 0x7a40f, 0 },
		{ 0x100000, 0x47e000, 0 },
	};
	static const char *const linux_lines[] = {
		"  DMA      [mem 0x0000000000001000-0x0000000000ffffff]",
		"  DMA32    [mem 0x0000000001000000-0x00000000ffffffff]",
		"  Normal   [mem 0x0000000100000000-0x000000047dffffff]",
		"  node   0: [mem 0x0000000000001000-0x000000000009efff]",
		"  node   0: [mem 0x0000000000100000-0x00000000763fafff]",
		"  node   0: [mem 0x000000007a40e000-0x000000007a40efff]",
		"  node   0: [mem 0x0000000100000000-0x000000047dffffff]",
		"Initmem setup node 0 [mem 0x0000000000001000-0x000000047dffffff]",
		"On node 0 totalpages: 4146074",
		"  DMA zone: 64 pages used for memmap",
		"  DMA32 zone: 7504 pages used for memmap",
		"  Normal zone: 57216 pages used for memmap",
	};

	boot_generic(r, ARRAY_SIZE(r), 0x47e000);
	expect_lines(t, linux_lines, ARRAY_SIZE(linux_lines));
	expect_zone(t, 0, ZONE_DMA, 0x1, 0xfff, 3998);
	expect_zone(t, 0, ZONE_DMA32, 0x1000, 0xff000, 480252);
	expect_zone(t, 0, ZONE_NORMAL, 0x100000, 0x37e000, 3661824);
}

/*
 * VMware Workstation, 4 GiB, Linux 5.4 (vmware-workstation-4g-5.4.log):
 *   usable 0-0x9e7ff -> [0x1, 0x9e) (0x9e7ff rounds down to 0x9e000);
 *   0x100000-0xbfecffff -> [0x100, 0xbfed0); 0xbff00000-0xbfffffff ->
 *   [0xbff00, 0xc0000); 0x100000000-0x13fffffff -> [0x100000, 0x140000)
 * 5.4 printed: DMA 3997, DMA32 782288, Normal 262144 pages, totalpages
 * 1048429, memmap 64 / 12224 / 4096.
 */
static void zones_vmware_4g(struct ktest *t)
{
	static const struct pfn_range r[] = {
		{ 0x1, 0x9e, 0 }, { 0x100, 0xbfed0, 0 }, { 0xbff00, 0xc0000, 0 },
		{ 0x100000, 0x140000, 0 },
	};
	static const char *const linux_lines[] = {
		"  DMA      [mem 0x0000000000001000-0x0000000000ffffff]",
		"  DMA32    [mem 0x0000000001000000-0x00000000ffffffff]",
		"  Normal   [mem 0x0000000100000000-0x000000013fffffff]",
		"  Device   empty",
		"  node   0: [mem 0x0000000000001000-0x000000000009dfff]",
		"  node   0: [mem 0x0000000000100000-0x00000000bfecffff]",
		"  node   0: [mem 0x00000000bff00000-0x00000000bfffffff]",
		"  node   0: [mem 0x0000000100000000-0x000000013fffffff]",
		"Initmem setup node 0 [mem 0x0000000000001000-0x000000013fffffff]",
		"On node 0 totalpages: 1048429",
		"  DMA zone: 64 pages used for memmap",
		"  DMA32 zone: 12224 pages used for memmap",
		"  Normal zone: 4096 pages used for memmap",
	};

	boot_generic(r, ARRAY_SIZE(r), 0x140000);
	expect_lines(t, linux_lines, ARRAY_SIZE(linux_lines));
	expect_zone(t, 0, ZONE_DMA, 0x1, 0xfff, 3997);
	expect_zone(t, 0, ZONE_DMA32, 0x1000, 0xff000, 782288);
	expect_zone(t, 0, ZONE_NORMAL, 0x100000, 0x40000, 262144);
}

/*
 * KVM, 2 NUMA nodes, 64 GiB, Linux 5.14 (kvm-2node-64g-rhel9-5.14.log):
 *   usable 0-0x9fbff -> [0x1, 0x9f); 0x100000-0xbff7ffff -> [0x100, 0xbff80);
 *   0x100000000-0x103fffffff split at SRAT's node 1 start 0x840000000:
 *   node 0 [0x100000, 0x840000), node 1 [0x840000, 0x1040000)
 *   node 0: DMA 0x9e + 0xf00 = 3998; DMA32 0xbef80 = 782208;
 *           Normal 0x740000 = 7602176
 *   node 1: Normal 0x800000 = 8388608
 *   total 16776990 pages = 67107960K: Linux's "Memory: 2783248K/67107960K".
 */
static void zones_kvm_2node_64g(struct ktest *t)
{
	static const struct pfn_range r[] = {
		{ 0x1, 0x9f, 0 }, { 0x100, 0xbff80, 0 }, { 0x100000, 0x840000, 0 },
		{ 0x840000, 0x1040000, 1 },
	};
	static const char *const linux_lines[] = {
		"  DMA      [mem 0x0000000000001000-0x0000000000ffffff]",
		"  DMA32    [mem 0x0000000001000000-0x00000000ffffffff]",
		"  Normal   [mem 0x0000000100000000-0x000000103fffffff]",
		"  Device   empty",
		"  node   0: [mem 0x0000000000001000-0x000000000009efff]",
		"  node   0: [mem 0x0000000000100000-0x00000000bff7ffff]",
		"  node   0: [mem 0x0000000100000000-0x000000083fffffff]",
		"  node   1: [mem 0x0000000840000000-0x000000103fffffff]",
		"Initmem setup node 0 [mem 0x0000000000001000-0x000000083fffffff]",
		"Initmem setup node 1 [mem 0x0000000840000000-0x000000103fffffff]",
		"On node 0, zone DMA: 1 pages in unavailable ranges",
		"On node 0, zone DMA: 97 pages in unavailable ranges",
		"On node 0, zone Normal: 128 pages in unavailable ranges",
	};

	boot_generic(r, ARRAY_SIZE(r), 0x1040000);
	expect_lines(t, linux_lines, ARRAY_SIZE(linux_lines));
	expect_zone(t, 0, ZONE_DMA, 0x1, 0xfff, 3998);
	expect_zone(t, 0, ZONE_DMA32, 0x1000, 0xff000, 782208);
	expect_zone(t, 0, ZONE_NORMAL, 0x100000, 0x740000, 7602176);
	expect_zone(t, 1, ZONE_NORMAL, 0x840000, 0x800000, 8388608);
	expect_zone(t, 1, ZONE_DMA32, 0, 0, 0);
	KTEST_EXPECT_EQ(t, NODE_DATA(0)->node_present_pages + NODE_DATA(1)->node_present_pages,
			16776990UL);
}

/*
 * Only 16 MiB: [0x1, 0x9f) [0x100, 0x1000), max_pfn 0x1000.
 * DMA32 = min(4 GiB, max_pfn) = 0x1000 = DMA's end: empty, Normal too.
 */
static void zones_only_16m(struct ktest *t)
{
	static const struct pfn_range r[] = { { 0x1, 0x9f, 0 }, { 0x100, 0x1000, 0 } };
	static const char *const lines[] = {
		"  DMA      [mem 0x0000000000001000-0x0000000000ffffff]",
		"  DMA32    empty",
		"  Normal   empty",
		"Initmem setup node 0 [mem 0x0000000000001000-0x0000000000ffffff]",
	};

	boot_generic(r, ARRAY_SIZE(r), 0x1000);
	expect_lines(t, lines, ARRAY_SIZE(lines));
	expect_zone(t, 0, ZONE_DMA, 0x1, 0xfff, 0x9e + 0xf00);
	KTEST_EXPECT_EQ(t, NODE_DATA(0)->nr_zones, 1);
}

/*
 * 1 GiB low and 1 GiB at 1 TiB (pfn 0x10000000):
 *   [0x1, 0x9f) [0x100, 0x40000) [0x10000000, 0x10040000)
 *   DMA 3998; DMA32 [0x1000, 0x40000) = 258048 present of 0xff000;
 *   Normal spans [0x100000, 0x10040000) = 0xff40000, 0x40000 present.
 * The ~1 TiB hole has no sections, so no "unavailable" line for it.
 */
static void zones_ram_above_1tib(struct ktest *t)
{
	static const struct pfn_range r[] = {
		{ 0x1, 0x9f, 0 }, { 0x100, 0x40000, 0 }, { 0x10000000, 0x10040000, 0 },
	};
	static const char *const lines[] = {
		"  Normal   [mem 0x0000000100000000-0x000001003fffffff]",
		"  node   0: [mem 0x0000010000000000-0x000001003fffffff]",
		"Initmem setup node 0 [mem 0x0000000000001000-0x000001003fffffff]",
	};

	boot_generic(r, ARRAY_SIZE(r), 0x10040000);
	expect_lines(t, lines, ARRAY_SIZE(lines));
	expect_zone(t, 0, ZONE_DMA32, 0x1000, 0xff000, 258048);
	expect_zone(t, 0, ZONE_NORMAL, 0x100000, 0xff40000, 0x40000);
	KTEST_EXPECT_EQ(t, sim_log_count("zone Normal"), 0U);
}

/*
 * The same machine's mem_section[]: a slot per 2 MiB up to 0x10040000,
 * 0x10040000 / 512 = 0x80200 = 524800 slots, 4198400 bytes = 1025 pages.
 * Slots 0-511 (the low GiB) are page 0, slots 0x80000-0x801ff (the GiB at
 * 1 TiB) page 0x80000 / 512 = 1024: two pages backed, each a reserved
 * bootmem page; the 1023 between read as zero, so the hole is not valid.
 */
static void sparse_table_ram_above_1tib(struct ktest *t)
{
	static const struct pfn_range r[] = {
		{ 0x1, 0x9f, 0 }, { 0x100, 0x40000, 0 }, { 0x10000000, 0x10040000, 0 },
	};
	const uint64_t *pages;

	boot_generic(r, ARRAY_SIZE(r), 0x10040000);
	SIM_EXPECT_LINE(t, "mem_map: 64 bytes per struct page, 1024 of 524800 2 MiB sections have RAM, 32768K memmap in 2 blocks, mem_section[] 2 of 1025 pages backed");
	KTEST_ASSERT_EQ(t, sim_section_table_pages(&pages), 2UL);
	for (int i = 0; i < 2; i++) {
		KTEST_EXPECT_EQ(t, pages[i] & ~PAGE_MASK, 0ULL);
		KTEST_EXPECT_TRUE(t, bootmem_page_reserved(PFN_DOWN(pages[i])));
	}
	KTEST_EXPECT_NE(t, pages[0], pages[1]);
	KTEST_EXPECT_TRUE(t, sim_section_table_backed(0));
	KTEST_EXPECT_FALSE(t, sim_section_table_backed(1));
	KTEST_EXPECT_FALSE(t, sim_section_table_backed(1023));
	KTEST_EXPECT_TRUE(t, sim_section_table_backed(1024));
	KTEST_EXPECT_TRUE(t, pfn_valid(0x3ffff));
	KTEST_EXPECT_FALSE(t, pfn_valid(0x40000));
	KTEST_EXPECT_FALSE(t, pfn_valid(0x8000000)); /* 512 GiB: an unbacked page of slots */
	KTEST_EXPECT_TRUE(t, pfn_valid(0x10000000));
	KTEST_EXPECT_FALSE(t, pfn_valid(0x10040000));
	/* The slot at 1 TiB leads to memmap bootmem holds (not yet written: deferred). */
	KTEST_EXPECT_TRUE(t, bootmem_page_reserved(PFN_DOWN(__pa(pfn_to_page(0x1003ffff)))));
}

/*
 * The machine for the ZONE_MOVABLE cases, 1 node, 4 GiB:
 *   [0x1, 0x9f) [0x100, 0xc0000) [0x100000, 0x140000)
 *   totalpages = 0x9e + 0xbff00 + 0x40000 = 158 + 786176 + 262144 = 1048478
 *   movable_zone = Normal; usable_startpfn = 0x100000
 */
static const struct pfn_range movable_map[] = {
	{ 0x1, 0x9f, 0 }, { 0x100, 0xc0000, 0 }, { 0x100000, 0x140000, 0 },
};

static void boot_with_cmdline(const char *cmdline)
{
	parse_cmdline(cmdline);
	boot_generic(movable_map, ARRAY_SIZE(movable_map), 0x140000);
}

/*
 * movablecore=512M: 0x20000 pages (already a multiple of 1024).
 * kernelcore = 1048478 - 131072 = 917406. Walk node 0:
 *   [0x1, 0x9f) below usable_startpfn: 158 kernel pages -> 917248 left
 *   [0x100, 0xc0000) likewise: 786176 -> 131072 left
 *   [0x100000, 0x140000): 131072 = 0x20000 of it -> movable at 0x120000
 */
static void zones_movablecore_512m(struct ktest *t)
{
	boot_with_cmdline("movablecore=512M");
	KTEST_EXPECT_EQ(t, required_movablecore, 0x20000UL);
	SIM_EXPECT_LINE(t, "  Node 0: 0x0000000120000000");
	expect_zone(t, 0, ZONE_NORMAL, 0x100000, 0x20000, 0x20000);
	expect_zone(t, 0, ZONE_MOVABLE, 0x120000, 0x20000, 0x20000);
}

/*
 * kernelcore=3G = 786432 pages: 158 + 786176 below 4 GiB leave 98, so
 * movable would start at 0x100000 + 98 = 0x100062; rounded up to
 * MAX_ORDER_NR_PAGES (1024 = 0x400): 0x100400.
 *   Normal [0x100000, 0x100400) = 1024; Movable [0x100400, 0x140000) = 0x3fc00
 */
static void zones_kernelcore_3g(struct ktest *t)
{
	boot_with_cmdline("kernelcore=3G");
	SIM_EXPECT_LINE(t, "  Node 0: 0x0000000100400000");
	expect_zone(t, 0, ZONE_NORMAL, 0x100000, 0x400, 0x400);
	expect_zone(t, 0, ZONE_MOVABLE, 0x100400, 0x3fc00, 0x3fc00);
}

/*
 * kernelcore=50%: 1048478 * 100 * 50 / 10000 = 524239 pages, all met
 * below 4 GiB (786334 pages there), so movable starts at 0x100000 and
 * ZONE_NORMAL is left with nothing.
 */
static void zones_kernelcore_percent(struct ktest *t)
{
	boot_with_cmdline("kernelcore=50%");
	KTEST_EXPECT_EQ(t, required_kernelcore_percent, 50UL);
	SIM_EXPECT_LINE(t, "  Node 0: 0x0000000100000000");
	expect_zone(t, 0, ZONE_NORMAL, 0, 0, 0);
	expect_zone(t, 0, ZONE_MOVABLE, 0x100000, 0x40000, 0x40000);
}

/* movablecore=100%: kernelcore = 0, and Linux then makes no ZONE_MOVABLE. */
static void zones_movablecore_all(struct ktest *t)
{
	boot_with_cmdline("movablecore=100%");
	KTEST_EXPECT_EQ(t, sim_log_count("  Node 0:"), 0U);
	expect_zone(t, 0, ZONE_MOVABLE, 0, 0, 0);
	expect_zone(t, 0, ZONE_NORMAL, 0x100000, 0x40000, 0x40000);
}

/* A bad value is refused with Linux's words and changes nothing. */
static void zones_kernelcore_malformed(struct ktest *t)
{
	boot_with_cmdline("kernelcore=lots");
	SIM_EXPECT_LINE(t, "Malformed early option 'kernelcore'");
	KTEST_EXPECT_EQ(t, required_kernelcore, 0UL);
	expect_zone(t, 0, ZONE_MOVABLE, 0, 0, 0);
}

/*
 * Two nodes, kernelcore=4G (0x100000 = 1048576 pages):
 *   node 0: [0x100, 0xc0000) [0x100000, 0x140000); node 1: [0x140000, 0x180000)
 *   totalpages = 786176 + 262144 + 262144 = 1310464
 * Pass 1, 2 nodes, 524288 each:
 *   node 0: 786176 below 4 GiB: its share is met (remaining 0), kernelcore
 *     1048576 - 786176 = 262400; movable[0] = 0x100000 (size 0)
 *   node 1: share recomputed 262400 / 2 = 131200: movable[1] =
 *     0x140000 + 131200 (0x20080) = 0x160080; kernelcore 131200
 * Pass 2, 1 node, 131200 each:
 *   node 0: from 0x100000, 131200 -> movable[0] = 0x120080; kernelcore 0
 *   node 1: share 0: stays 0x160080
 * Rounded up to 1024: 0x120400 and 0x160400.
 */
static void zones_kernelcore_two_nodes(struct ktest *t)
{
	static const struct pfn_range r[] = {
		{ 0x100, 0xc0000, 0 }, { 0x100000, 0x140000, 0 }, { 0x140000, 0x180000, 1 },
	};

	parse_cmdline("kernelcore=4G");
	boot_generic(r, ARRAY_SIZE(r), 0x180000);
	SIM_EXPECT_LINE(t, "  Node 0: 0x0000000120400000");
	SIM_EXPECT_LINE(t, "  Node 1: 0x0000000160400000");
	expect_zone(t, 0, ZONE_NORMAL, 0x100000, 0x20400, 0x20400);
	expect_zone(t, 0, ZONE_MOVABLE, 0x120400, 0x1fc00, 0x1fc00);
	expect_zone(t, 1, ZONE_NORMAL, 0x140000, 0x20400, 0x20400);
	expect_zone(t, 1, ZONE_MOVABLE, 0x160400, 0x1fc00, 0x1fc00);
}

static const struct ktest_case zones_cases[] = {
	KTEST_CASE(zones_q35_512m),
	KTEST_CASE(zones_asus_16g),
	KTEST_CASE(zones_vmware_4g),
	KTEST_CASE(zones_kvm_2node_64g),
	KTEST_CASE(zones_only_16m),
	KTEST_CASE(zones_ram_above_1tib),
	KTEST_CASE(sparse_table_ram_above_1tib),
	KTEST_CASE(zones_movablecore_512m),
	KTEST_CASE(zones_kernelcore_3g),
	KTEST_CASE(zones_kernelcore_percent),
	KTEST_CASE(zones_movablecore_all),
	KTEST_CASE(zones_kernelcore_malformed),
	KTEST_CASE(zones_kernelcore_two_nodes),
	KTEST_CASES_END
};

static struct ktest_suite zones_suite = {
	.name = "mm_zones",
	.cases = zones_cases,
	.init = sim_ktest_init,
	.exit = sim_ktest_dump_log,
};
KTEST_SUITE(zones_suite);
