// SPDX-License-Identifier: MIT
/*
 * x86 NUMA init (kernel/arch/amd64/numa.c, srat.c, numa_emulation.c) on
 * hostile and unusual firmware: what Linux 6.1 prints and how it falls
 * back. Every machine here has the same e820 table, 2 GiB of RAM:
 *
 *   usable [0x0, 0x9ffff], [0x100000, 0x7fffffff]
 *   after trim_bios_range: pfns [0x1, 0xa0) and [0x100, 0x80000),
 *   159 + 0x7ff00 = 159 + 524032 = 524191 pages = 2047.6 MiB ("2047MB"
 *   in Linux's line)
 *
 * Node ranges come either as a replayed log (sim_firmware_srat_*), or as
 * ACPI tables built byte by byte in a fake physical memory and read by the
 * same acpi_table_init/acpi_numa_init the kernel runs.
 */
#include "sim_ktest.h"
#include "test_acpi_util.h"

#include <asm/e820.h>
#include <asm/numa.h>
#include <asm/setup.h>
#include <kernel/params.h>
#include <kernel/percpu.h>
#include <mm/mmzone.h>
#include <mm/node_map.h>
#include <mm/nodemask.h>
#include <mm/page_alloc.h>
#include <stdio.h>

#define GIB (1ULL << 30)
#define MIB (1ULL << 20)

static void boot(const char *cmdline)
{
	static struct e820_entry fw[] = {
		{ .addr = 0x0, .size = 0xa0000, .type = E820_TYPE_RAM },
		{ .addr = 0x100000, .size = 0x7ff00000, .type = E820_TYPE_RAM },
	};

	parse_cmdline(cmdline);
	e820__memory_setup(fw, 2);
	e820__finish_early_params();
	reserve_early(16 * MIB, 48 * MIB, "kernel image (simulated)");
	x86_memory_init(NULL);
	setup_per_cpu_areas();
	build_all_zonelists();
}

static void expect_line(struct ktest *t, const char *line)
{
	if (!sim_log_has_line(line))
		KTEST_EXPECT_STREQ(t, "(no such line)", line);
}

static void expect_no(struct ktest *t, const char *s)
{
	KTEST_EXPECT_EQ(t, sim_log_count(s), 0U);
}

/* The dummy node took over: one node over all RAM. */
static void expect_dummy(struct ktest *t)
{
	expect_line(t, "No NUMA configuration found");
	expect_line(t, "Faking a node at [mem 0x0000000000000000-0x000000007fffffff]");
	KTEST_EXPECT_EQ(t, num_online_nodes(), 1);
	KTEST_EXPECT_EQ(t, node_states[N_POSSIBLE], (nodemask_t)1);
	KTEST_EXPECT_EQ(t, NODE_DATA(0)->node_present_pages, 524191UL);
	KTEST_EXPECT_EQ(t, sim_log_count("Built 1 zonelists"), 1U);
}

/* Ranges of two nodes overlap: Linux names both (end clamped to RAM) and
 * drops SRAT. */
static void numa_overlap(struct ktest *t)
{
	sim_firmware_srat_mem(0, 0, 0, 0x50000000, false);
	sim_firmware_srat_mem(1, 1, 0x40000000, 2 * GIB, false);
	boot("");
	expect_line(t, "node 0 [mem 0x00000000-0x4fffffff] overlaps with node 1 [mem 0x40000000-0x7fffffff]");
	expect_dummy(t);
}

/*
 * SRAT covers [0, 512M) only: 159 + (0x20000 - 0x100) = 130975 pages =
 * 511.6 MiB of 2047.6: more than 1 MiB short.
 */
static void numa_cover(struct ktest *t)
{
	sim_firmware_srat_mem(0, 0, 0, 512 * MIB, false);
	boot("");
	expect_line(t, "NUMA: nodes only cover 511MB of your 2047MB e820 RAM. Not used.");
	expect_dummy(t);
}

/* Less than 1 MiB uncovered (the 384 KiB legacy hole is not RAM anyway,
 * and 512 KiB at the top) is forgiven, as Linux does. */
static void numa_cover_slack(struct ktest *t)
{
	sim_firmware_srat_mem(0, 0, 0, GIB, false);
	sim_firmware_srat_mem(1, 1, GIB, 2 * GIB - 512 * 1024, false);
	boot("");
	expect_no(t, "nodes only cover");
	KTEST_EXPECT_EQ(t, num_online_nodes(), 2);
	expect_line(t, "Initmem setup node 1 [mem 0x0000000040000000-0x000000007ff7ffff]");
}

/* Exactly 1 MiB (256 pages) uncovered is too much: 524191 - 256 =
 * 523935 pages = 2046.6 MiB. */
static void numa_cover_1m(struct ktest *t)
{
	sim_firmware_srat_mem(0, 0, 0, GIB, false);
	sim_firmware_srat_mem(1, 1, GIB, 2 * GIB - MIB, false);
	boot("");
	expect_line(t, "NUMA: nodes only cover 2046MB of your 2047MB e820 RAM. Not used.");
	expect_dummy(t);
}

/* One node's ranges overlapping each other: a warning, then merged. */
static void numa_self_overlap(struct ktest *t)
{
	sim_firmware_srat_mem(0, 0, 0, GIB, false);
	sim_firmware_srat_mem(0, 0, 768 * MIB, 2 * GIB, false);
	boot("");
	expect_line(t, "Warning: node 0 [mem 0x00000000-0x3fffffff] overlaps with itself [mem 0x30000000-0x7fffffff]");
	expect_line(t, "NUMA: Node 0 [mem 0x00000000-0x3fffffff] + [mem 0x30000000-0x7fffffff] -> [mem 0x00000000-0x7fffffff]");
	KTEST_EXPECT_EQ(t, num_online_nodes(), 1);
	expect_no(t, "No NUMA configuration");
}

/*
 * Node 0 on both sides of node 1: its pieces are not merged (node 1 lies
 * between), the node spans interleave, and one bootmem bitmap serves all.
 * Node 0: [1, 0xa0) + [0x100, 0x40000) + [0x60000, 0x80000) =
 * 159 + 261888 + 131072 = 393119 pages; node 1: 0x20000 = 131072.
 */
static void numa_interleaved(struct ktest *t)
{
	sim_firmware_srat_mem(0, 0, 0, GIB, false);
	sim_firmware_srat_mem(1, 1, GIB, 1536 * MIB, false);
	sim_firmware_srat_mem(0, 0, 1536 * MIB, 2 * GIB, false);
	boot("");
	expect_no(t, "NUMA: Node 0");
	expect_line(t, "bootmem: node spans interleave: one bitmap for all nodes");
	KTEST_EXPECT_EQ(t, NODE_DATA(0)->node_present_pages, 393119UL);
	KTEST_EXPECT_EQ(t, NODE_DATA(1)->node_present_pages, 131072UL);
	expect_line(t, "Fallback order for Node 0: 0 1 ");
	expect_line(t, "Fallback order for Node 1: 1 0 ");
}

/* A node's memory entirely above RAM (a hot-plug window) is kept out:
 * the node is possible, memory-less, and no RAM is invented for it. */
static void numa_hotplug_window(struct ktest *t)
{
	sim_firmware_srat_mem(0, 0, 0, 2 * GIB, false);
	sim_firmware_srat_mem(1, 1, 4 * GIB, 8 * GIB, true);
	boot("");
	expect_line(t, "ACPI: SRAT: Node 1 PXM 1 [mem 0x100000000-0x1ffffffff] hotplug");
	expect_line(t, "Initializing node 1 as memoryless");
	KTEST_EXPECT_EQ(t, NODE_DATA(0)->node_present_pages, 524191UL);
	KTEST_EXPECT_EQ(t, NODE_DATA(1)->node_present_pages, 0UL);
	KTEST_EXPECT_FALSE(t, node_online(1));
	KTEST_EXPECT_EQ(t, sim_log_count("Built 1 zonelists"), 1U);
}

/* Node 1's memory all taken before NUMA init (firmware data, say): its
 * pg_data_t comes from the top of node 0, below node 0's own, with Linux's
 * second line. */
static void numa_node_data_elsewhere(struct ktest *t)
{
	const unsigned long size = PAGE_ALIGN(sizeof(pg_data_t));
	char want0[96], want1[96];

	snprintf(want0, sizeof(want0), "NODE_DATA(0) allocated [mem %#010lx-%#010lx]",
		 (unsigned long)GIB - size, (unsigned long)GIB - 1);
	snprintf(want1, sizeof(want1), "NODE_DATA(1) allocated [mem %#010lx-%#010lx]",
		 (unsigned long)GIB - 2 * size, (unsigned long)GIB - size - 1);
	sim_firmware_srat_mem(0, 0, 0, GIB, false);
	sim_firmware_srat_mem(1, 1, GIB, 2 * GIB, false);
	reserve_early(GIB, 2 * GIB, "test: node 1 in use");
	boot("");
	expect_line(t, want0);
	expect_line(t, want1);
	expect_line(t, "    NODE_DATA(1) on node 0");
	KTEST_EXPECT_EQ(t, num_online_nodes(), 2);
}

static void numa_off_option(struct ktest *t)
{
	sim_firmware_srat_mem(0, 0, 0, GIB, false);
	sim_firmware_srat_mem(1, 1, GIB, 2 * GIB, false);
	boot("numa=off");
	expect_line(t, "NUMA turned off");
	expect_no(t, "SRAT");
	KTEST_EXPECT_EQ(t, num_online_nodes(), 1);
}

/* --- the same through real ACPI tables (fake physical memory) --- */

static struct fake_mem fm;
static struct acpi_tables tables;

/* RSDP (ACPI 2.0) at 0xe0000 -> XSDT at 0x7fff0000 -> @n tables at
 * 0x7fff1000, 0x7fff2000, ...; then acpi_table_init, as the kernel. */
static void firmware(const uint8_t *const *tbl, const uint32_t *len, int n)
{
	uint8_t *rsdp, *xsdt;

	fm_init(&fm);
	rsdp = fm_add(&fm, 0xe0000, 36);
	memcpy(rsdp, "RSD PTR ", 8);
	memcpy(rsdp + 9, "MMKTST", 6);
	rsdp[15] = 2;
	put32(rsdp + 20, 36);
	put64(rsdp + 24, 0x7fff0000);
	fix_checksum(rsdp, 20, 8);
	fix_checksum(rsdp, 36, 32);
	xsdt = fm_add(&fm, 0x7fff0000, 36 + 8 * (uint32_t)n);
	put_header(xsdt, "XSDT", 36 + 8 * (uint32_t)n, 1);
	for (int i = 0; i < n; i++) {
		uint64_t at = 0x7fff1000ULL + 0x1000ULL * (uint64_t)i;

		put64(xsdt + 36 + 8 * i, at);
		memcpy(fm_add(&fm, at, len[i]), tbl[i], len[i]);
	}
	fix_checksum(xsdt, 36 + 8 * (uint32_t)n, 9);
	acpi_table_init(&tables, 0xe0000, &fm.ops);
	sim_firmware_acpi(&tables, &fm.ops);
}

/* SRAT revision 3 with @ncpu CPU (type 0) then @nmem memory entries. */
struct srat_cpu { uint32_t pxm; uint8_t apic; };
struct srat_mem { uint32_t pxm; uint64_t base, len; uint32_t flags; };

static uint32_t build_srat(uint8_t *t, const struct srat_cpu *c, int ncpu,
			   const struct srat_mem *m, int nmem)
{
	uint32_t len = 48 + 16 * (uint32_t)ncpu + 40 * (uint32_t)nmem, off = 48;

	memset(t, 0, len);
	put_header(t, "SRAT", len, 3);
	put32(t + 36, 1);
	for (int i = 0; i < ncpu; i++, off += 16) {
		t[off] = 0;
		t[off + 1] = 16;
		t[off + 2] = (uint8_t)c[i].pxm;
		t[off + 3] = c[i].apic;
		put32(t + off + 4, 1); /* enabled */
		t[off + 9] = (uint8_t)(c[i].pxm >> 8);
		t[off + 10] = (uint8_t)(c[i].pxm >> 16);
		t[off + 11] = (uint8_t)(c[i].pxm >> 24);
	}
	for (int i = 0; i < nmem; i++, off += 40) {
		t[off] = 1;
		t[off + 1] = 40;
		put32(t + off + 2, m[i].pxm);
		put64(t + off + 8, m[i].base);
		put64(t + off + 16, m[i].len);
		put32(t + off + 28, m[i].flags);
	}
	fix_checksum(t, len, 9);
	return len;
}

static uint32_t build_slit(uint8_t *t, int n, const uint8_t *d)
{
	uint32_t len = 44 + (uint32_t)(n * n);

	put_header(t, "SLIT", len, 1);
	put64(t + 36, (uint64_t)n);
	memcpy(t + 44, d, (size_t)(n * n));
	fix_checksum(t, len, 9);
	return len;
}

static const struct srat_cpu two_cpus[] = { { 0, 0 }, { 1, 1 } };
static const struct srat_mem two_nodes[] = {
	{ 0, 0, GIB, 1 }, { 1, GIB, GIB, 1 },
};

/* Proximity domain 300: past Linux's 256 (MAX_PXM_DOMAINS). */
static void srat_too_many_pxm(struct ktest *t)
{
	static uint8_t srat[512];
	const struct srat_mem m[] = { { 0, 0, GIB, 1 }, { 300, GIB, GIB, 1 } };
	const uint8_t *tb[] = { srat };
	uint32_t len[] = { build_srat(srat, NULL, 0, m, 2) };

	firmware(tb, len, 1);
	boot("");
	expect_line(t, "ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x3fffffff]");
	expect_line(t, "ACPI: SRAT: Too many proximity domains.");
	expect_line(t, "ACPI: SRAT: SRAT not used.");
	expect_dummy(t);
	fm_free(&fm);
}

/* CPU entries first, then memory, in first-seen PXM order: PXM 7 (a CPU)
 * is node 0, PXM 3 node 1, PXM 5 (memory only) node 2. */
static void srat_node_numbering(struct ktest *t)
{
	static uint8_t srat[512];
	const struct srat_cpu c[] = { { 7, 0 }, { 3, 1 } };
	const struct srat_mem m[] = {
		{ 5, 0, 512 * MIB, 1 }, { 3, 512 * MIB, 512 * MIB, 1 },
		{ 7, GIB, GIB, 1 }, { 9, 4 * GIB, GIB, 0 /* disabled */ },
	};
	const uint8_t *tb[] = { srat };
	uint32_t len[] = { build_srat(srat, c, 2, m, 4) };

	firmware(tb, len, 1);
	boot("");
	expect_line(t, "SRAT: PXM 7 -> APIC 0x00 -> Node 0");
	expect_line(t, "SRAT: PXM 3 -> APIC 0x01 -> Node 1");
	expect_line(t, "ACPI: SRAT: Node 2 PXM 5 [mem 0x00000000-0x1fffffff]");
	expect_line(t, "ACPI: SRAT: Node 1 PXM 3 [mem 0x20000000-0x3fffffff]");
	expect_line(t, "ACPI: SRAT: Node 0 PXM 7 [mem 0x40000000-0x7fffffff]");
	expect_no(t, "PXM 9");
	KTEST_EXPECT_EQ(t, numa_apicid_to_node(0), 0);
	KTEST_EXPECT_EQ(t, numa_apicid_to_node(1), 1);
	KTEST_EXPECT_EQ(t, num_online_nodes(), 3);
	fm_free(&fm);
}

/* A valid SLIT sets the distances; node 0's order follows them. */
static void slit_valid(struct ktest *t)
{
	static uint8_t srat[512], slit[64];
	const struct srat_mem m[] = {
		{ 0, 0, 512 * MIB, 1 }, { 1, 512 * MIB, 512 * MIB, 1 }, { 2, GIB, GIB, 1 },
	};
	const uint8_t d[] = { 10, 40, 20, 40, 10, 30, 20, 30, 10 };
	const uint8_t *tb[] = { srat, slit };
	uint32_t len[] = { build_srat(srat, NULL, 0, m, 3), build_slit(slit, 3, d) };

	firmware(tb, len, 2);
	boot("");
	expect_line(t, "NUMA: Initialized distance table, cnt=3");
	KTEST_EXPECT_EQ(t, node_distance(0, 1), 40);
	KTEST_EXPECT_EQ(t, node_distance(1, 2), 30);
	/* node 0: 2 (20) before 1 (40); node 1: 2 (30) before 0 (40 + 1). */
	expect_line(t, "Fallback order for Node 0: 0 2 1 ");
	expect_line(t, "Fallback order for Node 1: 1 2 0 ");
	fm_free(&fm);
}

/* An invalid SLIT (off-diagonal 10) is not used: default 10/20. */
static void slit_invalid(struct ktest *t)
{
	static uint8_t srat[512], slit[64];
	const uint8_t d[] = { 10, 10, 20, 10 };
	const uint8_t *tb[] = { srat, slit };
	uint32_t len[] = { build_srat(srat, two_cpus, 2, two_nodes, 2), build_slit(slit, 2, d) };

	firmware(tb, len, 2);
	boot("");
	expect_line(t, "ACPI: SLIT table looks invalid. Not used.");
	KTEST_EXPECT_EQ(t, node_distance(0, 1), REMOTE_DISTANCE);
	KTEST_EXPECT_EQ(t, num_online_nodes(), 2);
	fm_free(&fm);
}

/* A zero-length subtable: the SRAT is dropped, the dummy node used. */
static void srat_zero_length(struct ktest *t)
{
	static uint8_t srat[512];
	const uint8_t *tb[] = { srat };
	uint32_t len[] = { build_srat(srat, two_cpus, 2, two_nodes, 2) };

	srat[48 + 16 + 1] = 0; /* the second CPU entry */
	fix_checksum(srat, len[0], 9);
	firmware(tb, len, 1);
	boot("");
	expect_line(t, "ACPI: [SRAT:0x00] Invalid zero length");
	expect_dummy(t);
	fm_free(&fm);
}

/*
 * x2APIC affinity entries (type 2): an APIC id the xAPIC cannot address
 * (0x1000) is ignored with Linux's line; 0x20 is placed as usual. The CPU
 * entries come first, so their PXM 1 is node 0 and memory's PXM 0 node 1.
 */
static void srat_x2apic_out_of_range(struct ktest *t)
{
	static uint8_t srat[512];
	const uint8_t *tb[] = { srat };
	uint32_t len = build_srat(srat, NULL, 0, two_nodes, 2), off = len;
	const uint32_t ids[] = { 0x1000, 0x20 };

	for (int i = 0; i < 2; i++, off += 24) {
		memset(srat + off, 0, 24);
		srat[off] = 2;
		srat[off + 1] = 24;
		put32(srat + off + 4, 1);  /* PXM 1 */
		put32(srat + off + 8, ids[i]);
		put32(srat + off + 12, 1); /* enabled */
	}
	put32(srat + 4, off);
	srat[9] = 0;
	fix_checksum(srat, off, 9);
	firmware(tb, &off, 1);
	boot("");
	expect_line(t, "SRAT: PXM 1 -> X2APIC 0x1000 ignored");
	expect_line(t, "SRAT: PXM 1 -> APIC 0x0020 -> Node 0");
	expect_line(t, "ACPI: SRAT: Node 1 PXM 0 [mem 0x00000000-0x3fffffff]");
	KTEST_EXPECT_EQ(t, numa_apicid_to_node(0x1000), NUMA_NO_NODE);
	KTEST_EXPECT_EQ(t, numa_apicid_to_node(0x20), 0);
	KTEST_EXPECT_EQ(t, num_online_nodes(), 2);
	fm_free(&fm);
}

/* A CPU-only proximity domain: a possible, memory-less node. Without a
 * MADT no CPU is there to bring it online: its zonelist is built, it is
 * not counted. */
static void srat_cpu_only_node(struct ktest *t)
{
	static uint8_t srat[512];
	const struct srat_cpu c[] = { { 0, 0 }, { 1, 1 }, { 2, 2 } };
	const uint8_t *tb[] = { srat };
	uint32_t len[] = { build_srat(srat, c, 3, two_nodes, 2) };

	firmware(tb, len, 1);
	boot("");
	expect_line(t, "Initializing node 2 as memoryless");
	expect_line(t, "Initmem setup node 2 as memoryless");
	expect_line(t, "Fallback order for Node 2: 2 0 1 ");
	KTEST_EXPECT_FALSE(t, node_online(2));
	KTEST_EXPECT_TRUE(t, node_state(2, N_POSSIBLE));
	KTEST_EXPECT_EQ(t, sim_log_count("Built 2 zonelists"), 1U);
	KTEST_EXPECT_EQ(t, sim_log_count("NODE_DATA("), 2U);
	fm_free(&fm);
}

static const struct ktest_case numa_cases[] = {
	KTEST_CASE(numa_overlap),
	KTEST_CASE(numa_cover),
	KTEST_CASE(numa_cover_slack),
	KTEST_CASE(numa_cover_1m),
	KTEST_CASE(numa_self_overlap),
	KTEST_CASE(numa_interleaved),
	KTEST_CASE(numa_hotplug_window),
	KTEST_CASE(numa_node_data_elsewhere),
	KTEST_CASE(numa_off_option),
	KTEST_CASE(srat_too_many_pxm),
	KTEST_CASE(srat_node_numbering),
	KTEST_CASE(slit_valid),
	KTEST_CASE(slit_invalid),
	KTEST_CASE(srat_zero_length),
	KTEST_CASE(srat_cpu_only_node),
	KTEST_CASE(srat_x2apic_out_of_range),
	KTEST_CASES_END
};

static struct ktest_suite numa_suite = {
	.name = "x86_numa",
	.cases = numa_cases,
	.init = sim_ktest_init,
	.exit = sim_ktest_dump_log,
};
KTEST_SUITE(numa_suite);
