// SPDX-License-Identifier: MIT
/*
 * The x86 e820 sanitiser and the memory-init flow around it
 * (arch/amd64/e820.c, e820_user.c, setup_memory.c) in the simulator.
 * Each case draws its input; expected tables are worked out by hand with
 * Linux's rule: where entries overlap, the higher type wins (usable = 1
 * loses to everything); touching entries of one type merge.
 */
#include "sim_ktest.h"

#include <asm/e820.h>
#include <asm/setup.h>
#include <kernel/params.h>
#include <mm/bootmem.h>
#include <mm/node_map.h>

#define RAM E820_TYPE_RAM
#define RES E820_TYPE_RESERVED
#define N(a) (sizeof(a) / sizeof((a)[0]))

struct ent {
	uint64_t start, end; /* [start, end) */
	uint32_t type;
};

static void setup(const struct ent *in, unsigned n)
{
	static struct e820_entry fw[1024];

	for (unsigned i = 0; i < n; i++) {
		memset(&fw[i], 0, sizeof(fw[i]));
		fw[i].addr = in[i].start;
		fw[i].size = in[i].end - in[i].start;
		fw[i].type = in[i].type;
	}
	e820__memory_setup(fw, n);
}

static void expect_table(struct ktest *t, const struct ent *want, unsigned n)
{
	KTEST_EXPECT_EQ(t, e820_table->nr_entries, n);
	for (unsigned i = 0; i < n && i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		KTEST_EXPECT_EQ(t, e->addr, want[i].start);
		KTEST_EXPECT_EQ(t, e->addr + e->size, want[i].end);
		KTEST_EXPECT_EQ(t, e->type, want[i].type);
	}
}

/*
 *  0          0x8000      0x10000     0x18000
 *  |   usable   |  usable    |
 *               |  reserved  |  reserved  |
 *  |   usable   |       reserved          |
 */
static void e820_overlap_top(struct ktest *t)
{
	static const struct ent in[] = { { 0, 0x10000, RAM }, { 0x8000, 0x18000, RES } };
	static const struct ent want[] = { { 0, 0x8000, RAM }, { 0x8000, 0x18000, RES } };

	setup(in, N(in));
	expect_table(t, want, N(want));
}

/*
 *  0       0x4000     0x8000     0x10000
 *  |   reserved         |
 *          |      usable           |
 *  |   reserved         |  usable  |
 */
static void e820_overlap_bottom(struct ktest *t)
{
	static const struct ent in[] = { { 0, 0x8000, RES }, { 0x4000, 0x10000, RAM } };
	static const struct ent want[] = { { 0, 0x8000, RES }, { 0x8000, 0x10000, RAM } };

	setup(in, N(in));
	expect_table(t, want, N(want));
}

/*
 *  0        0x40000   0x50000      0x100000
 *  |            usable               |
 *              | ACPI  |                     inside: splits usable in three
 */
static void e820_contained_middle(struct ktest *t)
{
	static const struct ent in[] = { { 0, 0x100000, RAM },
					 { 0x40000, 0x50000, E820_TYPE_ACPI } };
	static const struct ent want[] = { { 0, 0x40000, RAM },
		{ 0x40000, 0x50000, E820_TYPE_ACPI }, { 0x50000, 0x100000, RAM } };

	setup(in, N(in));
	expect_table(t, want, N(want));
}

/* A low type inside a high one disappears: reserved keeps all of it. */
static void e820_usable_inside_reserved(struct ktest *t)
{
	static const struct ent in[] = { { 0x1000, 0x9000, RES }, { 0x2000, 0x3000, RAM } };
	static const struct ent want[] = { { 0x1000, 0x9000, RES } };

	setup(in, N(in));
	expect_table(t, want, N(want));
}

/* Given highest first, comes out sorted. */
static void e820_unsorted(struct ktest *t)
{
	static const struct ent in[] = { { 0x100000000, 0x140000000, RAM },
		{ 0xfec00000, 0xfec01000, RES }, { 0x100000, 0x8000000, RAM }, { 0, 0x9fc00, RAM } };
	static const struct ent want[] = { { 0, 0x9fc00, RAM }, { 0x100000, 0x8000000, RAM },
		{ 0xfec00000, 0xfec01000, RES }, { 0x100000000, 0x140000000, RAM } };

	setup(in, N(in));
	expect_table(t, want, N(want));
}

/* Touching usable entries become one; touching different types do not. */
static void e820_adjacent_merge(struct ktest *t)
{
	static const struct ent in[] = { { 0, 0x1000, RAM }, { 0x1000, 0x2000, RAM },
		{ 0x2000, 0x3000, RES }, { 0x3000, 0x4000, RES } };
	static const struct ent want[] = { { 0, 0x2000, RAM }, { 0x2000, 0x4000, RES } };

	setup(in, N(in));
	expect_table(t, want, N(want));
}

/* Persistent memory ranges are never merged (Linux's e820_nomerge). */
static void e820_pmem_not_merged(struct ktest *t)
{
	static const struct ent in[] = { { 0x100000000, 0x140000000, E820_TYPE_PRAM },
					 { 0x140000000, 0x180000000, E820_TYPE_PRAM } };

	setup(in, N(in));
	expect_table(t, in, N(in));
}

/* A zero-length entry is dropped. */
static void e820_zero_length(struct ktest *t)
{
	static const struct ent in[] = { { 0, 0x9f000, RAM }, { 0x50000, 0x50000, RES },
					 { 0x100000, 0x200000, RAM } };
	static const struct ent want[] = { { 0, 0x9f000, RAM }, { 0x100000, 0x200000, RAM } };

	setup(in, N(in));
	expect_table(t, want, N(want));
}

/*
 * 320 pairs (a board with 312 entries overflowed a 256-entry table):
 *   pair i at 1 MiB + i * 64K: usable 32K, then reserved 32K
 * Nothing touches its own type: all 640 kept, in order.
 */
static void e820_many_entries(struct ktest *t)
{
	static struct ent in[640];

	for (unsigned i = 0; i < 320; i++) {
		uint64_t base = 0x100000 + (uint64_t)i * 0x10000;

		in[2 * i] = (struct ent){ base, base + 0x8000, RAM };
		in[2 * i + 1] = (struct ent){ base + 0x8000, base + 0x10000, RES };
	}
	setup(in, N(in));
	expect_table(t, in, N(in));
}

static void boot(const struct ent *in, unsigned n, const char *cmdline)
{
	parse_cmdline(cmdline);
	setup(in, n);
	e820__finish_early_params();
	x86_memory_init(NULL);
}

/*
 * Unaligned first entry 0x100-0x9b3ff, and 1 MiB - 32 MiB:
 *   usable rounds inwards: [PFN_UP(0x100), PFN_DOWN(0x9b400)) = [1, 0x9b)
 *   (page 0 would be trimmed anyway); [0x100, 0x2000)
 */
static void e820_unaligned_first_entry(struct ktest *t)
{
	static const struct ent in[] = { { 0x100, 0x9b400, RAM }, { 0x9b400, 0xa0000, RES },
					 { 0x100000, 0x2000000, RAM } };

	boot(in, N(in), "");
	KTEST_ASSERT_EQ(t, nr_nodemap_entries, 2);
	KTEST_EXPECT_EQ(t, early_node_map[0].start_pfn, 1UL);
	KTEST_EXPECT_EQ(t, early_node_map[0].end_pfn, 0x9bUL);
	KTEST_EXPECT_EQ(t, early_node_map[1].start_pfn, 0x100UL);
	KTEST_EXPECT_EQ(t, early_node_map[1].end_pfn, 0x2000UL);
}

/*
 * trim_bios_range on a map that calls all of the first MiB usable:
 *   [0, 0x2000000) usable -> page 0 reserved, [0xa0000, 0x100000) removed
 *   node map [1, 0xa0) [0x100, 0x2000); Linux's two debug lines.
 */
static void e820_trim_bios_range(struct ktest *t)
{
	static const struct ent in[] = { { 0, 0x2000000, RAM } };

	boot(in, N(in), "");
	SIM_EXPECT_LINE(t, "e820: update [mem 0x00000000-0x00000fff] usable ==> reserved");
	SIM_EXPECT_LINE(t, "e820: remove [mem 0x000a0000-0x000fffff] usable");
	KTEST_ASSERT_EQ(t, nr_nodemap_entries, 2);
	KTEST_EXPECT_EQ(t, early_node_map[0].start_pfn, 1UL);
	KTEST_EXPECT_EQ(t, early_node_map[0].end_pfn, 0xa0UL);
	KTEST_EXPECT_EQ(t, early_node_map[1].start_pfn, 0x100UL);
	KTEST_EXPECT_EQ(t, early_node_map[1].end_pfn, 0x2000UL);
}

/*
 * Only 16 MiB: [0, 0x9fc00) and [0x100000, 0x1000000): max_pfn 0x1000,
 * DMA32 and Normal empty.
 */
static void e820_only_16m(struct ktest *t)
{
	static const struct ent in[] = { { 0, 0x9fc00, RAM }, { 0x100000, 0x1000000, RAM } };

	boot(in, N(in), "");
	SIM_EXPECT_LINE(t, "last_pfn = 0x1000 max_arch_pfn = 0x400000000");
	SIM_EXPECT_LINE(t, "  DMA      [mem 0x0000000000001000-0x0000000000ffffff]");
	SIM_EXPECT_LINE(t, "  DMA32    empty");
	SIM_EXPECT_LINE(t, "  Normal   empty");
	KTEST_EXPECT_EQ(t, max_pfn, 0x1000UL);
}

/* 2 GiB, nothing above 4 GiB: DMA32 ends at max_pfn, Normal is empty. */
static void e820_no_ram_above_4g(struct ktest *t)
{
	static const struct ent in[] = { { 0, 0x9fc00, RAM }, { 0x100000, 0x80000000, RAM },
					 { 0xfec00000, 0xfec01000, RES } };

	boot(in, N(in), "");
	SIM_EXPECT_LINE(t, "  DMA32    [mem 0x0000000001000000-0x000000007fffffff]");
	SIM_EXPECT_LINE(t, "  Normal   empty");
}

/*
 * QEMU on AMD: RAM to 4 GiB + 4 GiB above, and a 12 GiB reserved
 * HyperTransport window at 0xfd00000000-0xffffffffff. The window is not
 * RAM: max_pfn comes from RAM (0x200000), not from the window's end.
 */
static void e820_ht_window_12g(struct ktest *t)
{
	static const struct ent in[] = { { 0, 0x9fc00, RAM }, { 0x100000, 0x80000000, RAM },
		{ 0x100000000, 0x200000000, RAM }, { 0xfd00000000, 0x10000000000, RES } };

	boot(in, N(in), "");
	KTEST_EXPECT_EQ(t, max_pfn, 0x200000UL);
	SIM_EXPECT_LINE(t, "  Normal   [mem 0x0000000100000000-0x00000001ffffffff]");
}

/* 1 GiB of RAM at 1 TiB: max_pfn 0x10040000, Normal reaches it. */
static void e820_ram_above_1tib(struct ktest *t)
{
	static const struct ent in[] = { { 0, 0x9fc00, RAM }, { 0x100000, 0x40000000, RAM },
					 { 0x10000000000, 0x10040000000, RAM } };

	boot(in, N(in), "");
	SIM_EXPECT_LINE(t, "last_pfn = 0x10040000 max_arch_pfn = 0x400000000");
	SIM_EXPECT_LINE(t, "  node   0: [mem 0x0000010000000000-0x000001003fffffff]");
	SIM_EXPECT_LINE(t, "Initmem setup node 0 [mem 0x0000000000001000-0x000001003fffffff]");
}

/* mem=256M on 512 MiB: usable cut at 0x10000000 -> max_pfn 0x10000. */
static void e820_mem_limit(struct ktest *t)
{
	static const struct ent in[] = { { 0, 0x9fc00, RAM }, { 0x100000, 0x20000000, RAM } };

	boot(in, N(in), "mem=256M");
	SIM_EXPECT_LINE(t, "user-defined physical RAM map:");
	SIM_EXPECT_LINE(t, "user: [mem 0x0000000000100000-0x000000000fffffff] usable");
	KTEST_EXPECT_EQ(t, max_pfn, 0x10000UL);
}

/*
 * memmap=64M$0x8000000 reserves [128 MiB, 192 MiB) of a 512 MiB map:
 *   usable [0x100000, 0x8000000), reserved [0x8000000, 0xc000000),
 *   usable [0xc000000, 0x20000000)
 */
static void e820_memmap_reserve(struct ktest *t)
{
	static const struct ent in[] = { { 0, 0x9fc00, RAM }, { 0x100000, 0x20000000, RAM } };

	boot(in, N(in), "memmap=64M$0x8000000");
	SIM_EXPECT_LINE(t, "user: [mem 0x0000000000100000-0x0000000007ffffff] usable");
	SIM_EXPECT_LINE(t, "user: [mem 0x0000000008000000-0x000000000bffffff] reserved");
	SIM_EXPECT_LINE(t, "user: [mem 0x000000000c000000-0x000000001fffffff] usable");
}

/* No usable RAM: the kernel's own refusal, as a panic. */
static void e820_no_usable_ram_panics(struct ktest *t)
{
	static const struct ent in[] = { { 0, 0x9fc00, RES }, { 0xf0000, 0x100000, RES } };

	if (SIM_PANIC_TRY() == 0) {
		boot(in, N(in), "");
		SIM_PANIC_DONE();
		KTEST_EXPECT_TRUE(t, false);
		return;
	}
	KTEST_EXPECT_TRUE(t, strstr(sim_panic_message(), "no usable RAM") != NULL);
}

/*
 * RAM only below 1 MiB (640 KiB): all of it is kept for the BIOS and real
 * mode, so the kernel refuses saying so (bootmem's bitmap failed before,
 * "Cannot find bootmem map of size 4096").
 */
static void e820_ram_only_below_1m_panics(struct ktest *t)
{
	static const struct ent in[] = { { 0, 0xa0000, RAM }, { 0xf0000, 0x10000, RES } };

	if (SIM_PANIC_TRY() == 0) {
		boot(in, N(in), "");
		SIM_PANIC_DONE();
		KTEST_EXPECT_TRUE(t, false);
		return;
	}
	KTEST_EXPECT_STREQ(t, sim_panic_message(),
			   "no usable RAM above 1 MiB (the first 1 MiB is kept for the BIOS and real mode): cannot boot");
}

/*
 * Size 0 at 0: a log prints it as [mem 0x0-0xffffffffffffffff], but it is
 * nothing. It must vanish, warned about, without splitting the usable RAM
 * around it or letting anything after it be lost.
 */
static void e820_size0_at_zero(struct ktest *t)
{
	static const struct e820_entry fw[] = {
		{ 0x100000, 0x1ff00000, RAM, 0 }, { 0, 0, RAM, 0 },
		{ 0, 0x9fc00, RAM, 0 }, { 0x20000000, 0, RES, 0 },
		{ 0xfffc0000, 0x40000, RES, 0 },
	};
	static const struct ent want[] = { { 0, 0x9fc00, RAM }, { 0x100000, 0x20000000, RAM },
					   { 0xfffc0000, 0x100000000, RES } };

	e820__memory_setup(fw, N(fw));
	expect_table(t, want, N(want));
	SIM_EXPECT_LINE(t, "e820: ignoring entry 1: size 0 at 0x0000000000000000 usable");
	SIM_EXPECT_LINE(t, "e820: ignoring entry 3: size 0 at 0x0000000020000000 reserved");
	KTEST_EXPECT_EQ(t, e820__end_of_ram_pfn(), 0x20000UL);
}

/*
 * A size that wraps past 2^64 (end below start): named by
 * e820__check_firmware_table (mmsim refuses on it); e820__memory_setup
 * drops that entry alone, with a warning, and keeps every other one.
 */
static void e820_wrapping_entry(struct ktest *t)
{
	static const struct e820_entry fw[] = {
		{ 0, 0x9fc00, RAM, 0 }, { 0x100000000, 0xffffffff00100000, RAM, 0 },
		{ 0x100000, 0x3ff00000, RAM, 0 },
	};
	static const struct ent want[] = { { 0, 0x9fc00, RAM }, { 0x100000, 0x40000000, RAM } };

	KTEST_EXPECT_EQ(t, e820__check_firmware_table(fw, N(fw)), 1U);
	SIM_EXPECT_LINE(t, "e820: entry 1 [mem 0x0000000100000000-0x00000000000fffff] usable (size 0xffffffff00100000) wraps past 2^64");
	e820__memory_setup(fw, N(fw));
	expect_table(t, want, N(want));
	SIM_EXPECT_LINE(t, "e820: ignoring entry 1: [mem 0x0000000100000000-...] usable: size 0xffffffff00100000 wraps past 2^64");
}

/*
 * An entry ending exactly at 2^64 (Linux's sanitiser gives up on the whole
 * table): it loses its last byte, said so, and the table is sanitised as
 * usual; max_pfn is not raised by it.
 */
static void e820_ends_at_2_64(struct ktest *t)
{
	static const struct e820_entry fw[] = {
		{ 0xfffffff000000000, 0x1000000000, RES, 0 }, { 0x100000, 0x3ff00000, RAM, 0 },
		{ 0, 0x9fc00, RAM, 0 },
	};
	static const struct ent want[] = { { 0, 0x9fc00, RAM }, { 0x100000, 0x40000000, RAM },
					   { 0xfffffff000000000, 0xffffffffffffffff, RES } };

	KTEST_EXPECT_EQ(t, e820__check_firmware_table(fw, N(fw)), 0U);
	e820__memory_setup(fw, N(fw));
	expect_table(t, want, N(want));
	SIM_EXPECT_LINE(t, "e820: entry 0 [mem 0xfffffff000000000-0xffffffffffffffff] reserved ends at 2^64: its last byte ignored so the table can be sanitised");
	KTEST_EXPECT_EQ(t, e820__end_of_ram_pfn(), 0x40000UL);
}

/* A usable entry ending at 2^64 is clipped by MAX_ARCH_PFN, not wrapped. */
static void e820_ram_ends_at_2_64(struct ktest *t)
{
	static const struct e820_entry fw[] = {
		{ 0, 0x9fc00, RAM, 0 }, { 0x100000, 0 - 0x100000ULL, RAM, 0 },
	};

	e820__memory_setup(fw, N(fw));
	KTEST_EXPECT_EQ(t, e820_table->nr_entries, 2U);
	KTEST_EXPECT_EQ(t, e820__end_of_ram_pfn(), MAX_ARCH_PFN);
}

static const struct ktest_case e820_cases[] = {
	KTEST_CASE(e820_size0_at_zero),
	KTEST_CASE(e820_wrapping_entry),
	KTEST_CASE(e820_ends_at_2_64),
	KTEST_CASE(e820_ram_ends_at_2_64),
	KTEST_CASE(e820_overlap_top),
	KTEST_CASE(e820_overlap_bottom),
	KTEST_CASE(e820_contained_middle),
	KTEST_CASE(e820_usable_inside_reserved),
	KTEST_CASE(e820_unsorted),
	KTEST_CASE(e820_adjacent_merge),
	KTEST_CASE(e820_pmem_not_merged),
	KTEST_CASE(e820_zero_length),
	KTEST_CASE(e820_many_entries),
	KTEST_CASE(e820_unaligned_first_entry),
	KTEST_CASE(e820_trim_bios_range),
	KTEST_CASE(e820_only_16m),
	KTEST_CASE(e820_no_ram_above_4g),
	KTEST_CASE(e820_ht_window_12g),
	KTEST_CASE(e820_ram_above_1tib),
	KTEST_CASE(e820_mem_limit),
	KTEST_CASE(e820_memmap_reserve),
	KTEST_CASE(e820_no_usable_ram_panics),
	KTEST_CASE(e820_ram_only_below_1m_panics),
	KTEST_CASES_END
};

static struct ktest_suite e820_suite = {
	.name = "x86_e820",
	.cases = e820_cases,
	.init = sim_ktest_init,
	.exit = sim_ktest_dump_log,
};
KTEST_SUITE(e820_suite);
