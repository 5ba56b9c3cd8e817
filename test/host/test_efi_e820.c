// SPDX-License-Identifier: MIT
/*
 * efi_map_to_e820(): one case per situation, each checking the whole
 * resulting table. Expected tables are worked out from the input maps in
 * the comments; the type mapping is Linux 6.1's setup_e820()
 * (drivers/firmware/efi/libstub/x86-stub.c) with soft reserve enabled.
 */
#include "efi_map_builder.h"
#include <efi_e820.h>
#include <string.h>

#define RAM E820_TYPE_RAM
#define RSV E820_TYPE_RESERVED
#define ACPI E820_TYPE_ACPI
#define NVS E820_TYPE_NVS
#define UNUSABLE E820_TYPE_UNUSABLE
#define PMEM E820_TYPE_PMEM
#define SOFT E820_TYPE_SOFT_RESERVED
#define WB EFI_MEMORY_WB
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static unsigned char map[512 * 64];
static struct e820_entry out[512 + 2];

/* Build @d at @stride, convert with capacity @max; the result in out[]. */
static enum efi_e820_result convert(const struct tdesc *d, size_t n,
				    size_t stride, size_t max, size_t *nr,
				    struct efi_e820_stats *st)
{
	size_t size = build_map(map, sizeof(map), d, n, stride, 0xa5);

	memset(out, 0xcc, sizeof(out));
	*nr = 12345; /* must be overwritten */
	return efi_map_to_e820(map, size, stride, out, max, nr, st);
}

/* The e820 type of each EFI type, as the switch in setup_e820() reads. */
static void efi_type_mapping_matches_linux(struct ktest *t)
{
	static const uint32_t want[] = {
		[EFI_RESERVED_TYPE] = RSV,
		[EFI_LOADER_CODE] = RAM,
		[EFI_LOADER_DATA] = RAM,
		[EFI_BOOT_SERVICES_CODE] = RAM,
		[EFI_BOOT_SERVICES_DATA] = RAM,
		[EFI_RUNTIME_SERVICES_CODE] = RSV,
		[EFI_RUNTIME_SERVICES_DATA] = RSV,
		[EFI_CONVENTIONAL_MEMORY] = RAM,
		[EFI_UNUSABLE_MEMORY] = UNUSABLE,
		[EFI_ACPI_RECLAIM_MEMORY] = ACPI,
		[EFI_ACPI_MEMORY_NVS] = NVS,
		[EFI_MEMORY_MAPPED_IO] = RSV,
		[EFI_MEMORY_MAPPED_IO_PORT_SPACE] = RSV,
		[EFI_PAL_CODE] = RSV,
		[EFI_PERSISTENT_MEMORY] = PMEM,
		[EFI_UNACCEPTED_MEMORY] = 0, /* 6.1 predates it: "default: continue" */
		[16] = 0,
	};

	for (uint32_t ty = 0; ty < ARRAY_SIZE(want); ty++) {
		if (efi_mem_to_e820_type(ty, WB) != want[ty])
			ktest_printf(t, "EFI type %u", ty);
		KTEST_EXPECT_EQ(t, efi_mem_to_e820_type(ty, WB), want[ty]);
	}
	/* OEM (0x70000000..) and OS (0x80000000..) ranges: left out. */
	KTEST_EXPECT_EQ(t, efi_mem_to_e820_type(0x70000000u, WB), 0);
	KTEST_EXPECT_EQ(t, efi_mem_to_e820_type(0x80000000u, WB), 0);
	KTEST_EXPECT_EQ(t, efi_mem_to_e820_type(0xffffffffu, WB), 0);
}

/*
 * Every type through the whole conversion: type i at 0x100000 * (i + 1),
 * one page each, so no two touch. Types 15, 16 and 0x70000000 are left
 * out and counted in skipped_type.
 */
static void every_efi_type_through_the_map(struct ktest *t)
{
	struct tdesc d[18];
	struct efi_e820_stats st;
	size_t n;
	static const struct e820_entry want[] = {
		{ 0x100000, 0x1000, RSV, 0 },  { 0x200000, 0x1000, RAM, 0 },
		{ 0x300000, 0x1000, RAM, 0 },  { 0x400000, 0x1000, RAM, 0 },
		{ 0x500000, 0x1000, RAM, 0 },  { 0x600000, 0x1000, RSV, 0 },
		{ 0x700000, 0x1000, RSV, 0 },  { 0x800000, 0x1000, RAM, 0 },
		{ 0x900000, 0x1000, UNUSABLE, 0 }, { 0xa00000, 0x1000, ACPI, 0 },
		{ 0xb00000, 0x1000, NVS, 0 },  { 0xc00000, 0x1000, RSV, 0 },
		{ 0xd00000, 0x1000, RSV, 0 },  { 0xe00000, 0x1000, RSV, 0 },
		{ 0xf00000, 0x1000, PMEM, 0 },
	};

	for (uint32_t i = 0; i < 17; i++)
		d[i] = (struct tdesc){ i, 0x100000ull * (i + 1), 1, WB };
	d[17] = (struct tdesc){ 0x70000000u, 0x1200000, 1, WB };
	KTEST_ASSERT_EQ(t, convert(d, 18, 48, 18, &n, &st), EFI_E820_OK);
	expect_table(t, out, n, want, ARRAY_SIZE(want));
	KTEST_EXPECT_EQ(t, st.descriptors, 18);
	KTEST_EXPECT_EQ(t, st.skipped_type, 3);
	KTEST_EXPECT_EQ(t, st.skipped_empty, 0);
	KTEST_EXPECT_EQ(t, st.skipped_wrap, 0);
}

/* EFI_MEMORY_SP turns the five RAM types into soft reserved, nothing else. */
static void memory_sp_makes_ram_soft_reserved(struct ktest *t)
{
	static const uint32_t ram[] = { 1, 2, 3, 4, 7 };
	static const struct { uint32_t efi, e820; } other[] = {
		{ 0, RSV }, { 5, RSV }, { 6, RSV }, { 8, UNUSABLE }, { 9, ACPI },
		{ 10, NVS }, { 11, RSV }, { 14, PMEM }, { 15, 0 },
	};
	const uint64_t sp = EFI_MEMORY_SP | WB | EFI_MEMORY_RUNTIME;

	for (size_t i = 0; i < ARRAY_SIZE(ram); i++) {
		KTEST_EXPECT_EQ(t, efi_mem_to_e820_type(ram[i], sp), SOFT);
		KTEST_EXPECT_EQ(t, efi_mem_to_e820_type(ram[i], EFI_MEMORY_SP), SOFT);
		KTEST_EXPECT_EQ(t, efi_mem_to_e820_type(ram[i], sp & ~EFI_MEMORY_SP), RAM);
	}
	for (size_t i = 0; i < ARRAY_SIZE(other); i++)
		KTEST_EXPECT_EQ(t, efi_mem_to_e820_type(other[i].efi, sp), other[i].e820);
}

/*
 * Through the map: SP Conventional between two plain Conventional ranges,
 * all touching: three entries, RAM / soft reserved / RAM, and two touching
 * SP ranges of different EFI types merge into one soft-reserved entry.
 */
static void memory_sp_splits_ram_and_merges(struct ktest *t)
{
	static const struct tdesc d[] = {
		{ 7, 0x100000, 0x100, WB },
		{ 7, 0x200000, 0x080, WB | EFI_MEMORY_SP },
		{ 4, 0x280000, 0x080, WB | EFI_MEMORY_SP },
		{ 7, 0x300000, 0x100, WB },
	};
	static const struct e820_entry want[] = {
		{ 0x100000, 0x100000, RAM, 0 },
		{ 0x200000, 0x100000, SOFT, 0 },
		{ 0x300000, 0x100000, RAM, 0 },
	};
	size_t n;

	KTEST_ASSERT_EQ(t, convert(d, 4, 48, 4, &n, NULL), EFI_E820_OK);
	expect_table(t, out, n, want, ARRAY_SIZE(want));
}

/*
 *   |LoaderCode|BootData|Conventional|   touching, all RAM
 *   0x1000     0x3000   0x6000       0xa000
 * -> one RAM entry 0x1000..0xa000; likewise RT code + MMIO -> one reserved.
 */
static void merges_touching_same_type(struct ktest *t)
{
	static const struct tdesc d[] = {
		{ 1, 0x1000, 2, WB }, { 4, 0x3000, 3, WB }, { 7, 0x6000, 4, WB },
		{ 5, 0xf0000000, 0x10, WB }, { 11, 0xf0010000, 0x10, 1 },
	};
	static const struct e820_entry want[] = {
		{ 0x1000, 0x9000, RAM, 0 },
		{ 0xf0000000, 0x20000, RSV, 0 },
	};
	size_t n;

	KTEST_ASSERT_EQ(t, convert(d, 5, 48, 5, &n, NULL), EFI_E820_OK);
	expect_table(t, out, n, want, ARRAY_SIZE(want));
}

/*
 *   |RAM|  gap  |RAM|ACPI|RAM|
 *   0x1000-0x2000, 0x3000-0x4000, 0x4000-0x5000, 0x5000-0x6000
 * -> four entries: a one-page gap and a type change both stop a merge.
 */
static void no_merge_across_gap_or_type(struct ktest *t)
{
	static const struct tdesc d[] = {
		{ 7, 0x1000, 1, WB }, { 7, 0x3000, 1, WB },
		{ 9, 0x4000, 1, WB }, { 7, 0x5000, 1, WB },
	};
	static const struct e820_entry want[] = {
		{ 0x1000, 0x1000, RAM, 0 }, { 0x3000, 0x1000, RAM, 0 },
		{ 0x4000, 0x1000, ACPI, 0 }, { 0x5000, 0x1000, RAM, 0 },
	};
	size_t n;

	KTEST_ASSERT_EQ(t, convert(d, 4, 48, 4, &n, NULL), EFI_E820_OK);
	expect_table(t, out, n, want, ARRAY_SIZE(want));
}

/*
 * Unsorted, the way OVMF with 4 GiB returns it (MMIO after high RAM), and
 * two RAM pieces that touch but come in the wrong order: sorted, they
 * merge (0x100000..0x300000).
 */
static void unsorted_input_is_sorted_and_merged(struct ktest *t)
{
	static const struct tdesc d[] = {
		{ 7, 0x100000000ull, 0x40000, WB }, /* 4 GiB .. 5 GiB */
		{ 11, 0xffc00000, 0x400, 1 },
		{ 7, 0x200000, 0x100, WB },
		{ 0, 0xb0000000, 0x10000, 1 },
		{ 7, 0x100000, 0x100, WB },
		{ 7, 0x0, 0xa0, WB },
	};
	static const struct e820_entry want[] = {
		{ 0x0, 0xa0000, RAM, 0 },
		{ 0x100000, 0x200000, RAM, 0 },
		{ 0xb0000000, 0x10000000, RSV, 0 },
		{ 0xffc00000, 0x400000, RSV, 0 },
		{ 0x100000000ull, 0x40000000, RAM, 0 },
	};
	size_t n;

	KTEST_ASSERT_EQ(t, convert(d, 6, 48, 6, &n, NULL), EFI_E820_OK);
	expect_table(t, out, n, want, ARRAY_SIZE(want));
}

/*
 * The same map at stride 40 (the spec struct), 48 (OVMF), 64 / 4096 and
 * odd strides, with junk after each descriptor: the stride alone decides
 * where the next descriptor is, the junk is never read as one.
 */
static void descriptor_stride_and_junk_padding(struct ktest *t)
{
	static const struct tdesc d[] = {
		{ 7, 0x0, 0xa0, WB }, { 10, 0xa0000, 0x60, WB },
		{ 7, 0x100000, 0x700, WB },
	};
	static const struct e820_entry want[] = {
		{ 0x0, 0xa0000, RAM, 0 }, { 0xa0000, 0x60000, NVS, 0 },
		{ 0x100000, 0x700000, RAM, 0 },
	};
	static const struct { size_t stride; unsigned char junk; } v[] = {
		{ 40, 0x00 }, { 48, 0x00 }, { 48, 0xa5 }, { 48, 0x07 },
		{ 64, 0xff }, { 4096, 0x07 },
		/* Odd strides misalign the u64 fields: must still read right. */
		{ 41, 0x5a }, { 44, 0xa5 }, { 47, 0x00 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(v); i++) {
		size_t size = build_map(map, sizeof(map), d, 3, v[i].stride, v[i].junk);
		enum ktest_status before = t->status;
		size_t n = 0;

		KTEST_ASSERT_EQ(t, size, 3 * v[i].stride);
		KTEST_EXPECT_EQ(t, efi_map_to_e820(map, size, v[i].stride, out, 3, &n, NULL),
				EFI_E820_OK);
		expect_table(t, out, n, want, ARRAY_SIZE(want));
		if (t->status != before)
			ktest_printf(t, "(at stride %zu, junk %#x)", v[i].stride,
				     v[i].junk);
	}
}

/* A stride below sizeof(struct efi_memory_desc) (40) is refused whole. */
static void descriptor_size_too_small_is_an_error(struct ktest *t)
{
	static const struct tdesc d[] = { { 7, 0x1000, 1, WB } };
	static const size_t bad[] = { 0, 1, 24, 32, 39 };
	size_t size = build_map(map, sizeof(map), d, 1, 48, 0);

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		size_t n = 77;

		memset(out, 0xcc, sizeof(out));
		KTEST_EXPECT_EQ(t, efi_map_to_e820(map, size, bad[i], out, 4, &n, NULL),
				EFI_E820_BAD_DESC_SIZE);
		KTEST_EXPECT_EQ(t, n, 0);
		KTEST_EXPECT_EQ(t, out[0].addr, 0xccccccccccccccccull);
	}
}

/*
 * 2.5 descriptors' worth of bytes: the partial one is ignored, as Linux's
 * nr_desc = map_size / desc_size does. An empty map is a valid, empty table.
 */
static void partial_descriptor_and_empty_map(struct ktest *t)
{
	static const struct tdesc d[] = {
		{ 7, 0x1000, 1, WB }, { 9, 0x2000, 1, WB }, { 7, 0x3000, 1, WB },
	};
	static const struct e820_entry want[] = {
		{ 0x1000, 0x1000, RAM, 0 }, { 0x2000, 0x1000, ACPI, 0 },
	};
	struct efi_e820_stats st;
	size_t n = 9;

	build_map(map, sizeof(map), d, 3, 48, 0);
	KTEST_EXPECT_EQ(t, efi_map_to_e820(map, 2 * 48 + 24, 48, out, 3, &n, &st),
			EFI_E820_OK);
	KTEST_EXPECT_EQ(t, st.descriptors, 2);
	expect_table(t, out, n, want, ARRAY_SIZE(want));

	n = 9;
	KTEST_EXPECT_EQ(t, efi_map_to_e820(map, 0, 48, out, 3, &n, &st), EFI_E820_OK);
	KTEST_EXPECT_EQ(t, n, 0);
	KTEST_EXPECT_EQ(t, st.descriptors, 0);
	n = 9;
	KTEST_EXPECT_EQ(t, efi_map_to_e820(map, 47, 48, out, 0, &n, NULL), EFI_E820_OK);
	KTEST_EXPECT_EQ(t, n, 0);
}

/*
 * Zero-page descriptors are dropped (counted in skipped_empty), so a
 * zero-page reserved one at 0x2000 does not split the RAM around it:
 * 0x1000..0x3000 stays one entry.
 */
static void zero_page_descriptors_are_dropped(struct ktest *t)
{
	static const struct tdesc d[] = {
		{ 7, 0x1000, 1, WB }, { 0, 0x2000, 0, WB },
		{ 7, 0x2000, 0, WB }, { 7, 0x2000, 1, WB },
	};
	static const struct e820_entry want[] = { { 0x1000, 0x2000, RAM, 0 } };
	struct efi_e820_stats st;
	size_t n;

	KTEST_ASSERT_EQ(t, convert(d, 4, 48, 4, &n, &st), EFI_E820_OK);
	expect_table(t, out, n, want, ARRAY_SIZE(want));
	KTEST_EXPECT_EQ(t, st.skipped_empty, 2);
}

/*
 * The top of the 64-bit space. Kept: a page ending exactly at 2^64, and
 * 2^52 - 1 pages from 0 (ends at 2^64 - 4 KiB). Dropped as wrapping: one
 * page too many at the top, 2^52 pages (size 2^64 overflows to 0) and 2^63
 * pages (the shift overflows).
 */
static void ranges_past_2_64_are_dropped(struct ktest *t)
{
	static const struct tdesc d[] = {
		{ 7, 0xfffffffffffff000ull, 1, WB },
		{ 0, 0xffffffffffffe000ull, 3, WB },
		{ 7, 0x0, 1ull << 52, WB },
		{ 7, 0x0, 1ull << 63, WB },
		{ 9, 0x0, (1ull << 52) - 1, WB },
	};
	static const struct e820_entry want[] = {
		{ 0x0, 0xfffffffffffff000ull, ACPI, 0 },
		{ 0xfffffffffffff000ull, 0x1000, RAM, 0 },
	};
	struct efi_e820_stats st;
	size_t n;

	KTEST_ASSERT_EQ(t, convert(d, 5, 48, 5, &n, &st), EFI_E820_OK);
	expect_table(t, out, n, want, ARRAY_SIZE(want));
	KTEST_EXPECT_EQ(t, st.skipped_wrap, 3);
}

/*
 * Two RAM halves covering all of 2^64: one entry would need size 2^64,
 * which a u64 cannot hold, so they must stay two entries (merged, the
 * size wraps to 0 and the table claims no memory at all).
 */
static void merge_never_overflows_size(struct ktest *t)
{
	static const struct tdesc d[] = {
		{ 7, 0x0, 1ull << 51, WB },
		{ 7, 1ull << 63, 1ull << 51, WB },
	};
	static const struct e820_entry want[] = {
		{ 0x0, 1ull << 63, RAM, 0 },
		{ 1ull << 63, 1ull << 63, RAM, 0 },
	};
	size_t n;

	KTEST_ASSERT_EQ(t, convert(d, 2, 48, 2, &n, NULL), EFI_E820_OK);
	expect_table(t, out, n, want, ARRAY_SIZE(want));
}

/*
 * Overlaps are passed through for the kernel's sanitiser: RAM 0x1000..
 * 0x3000 and RAM 0x2000..0x4000 do not touch end-to-start, so two entries;
 * equal starts are ordered by type (RAM 1 before reserved 2).
 */
static void overlaps_pass_through(struct ktest *t)
{
	static const struct tdesc d[] = {
		{ 7, 0x2000, 2, WB }, { 0, 0x10000, 1, WB },
		{ 7, 0x1000, 2, WB }, { 7, 0x10000, 1, WB },
	};
	static const struct e820_entry want[] = {
		{ 0x1000, 0x2000, RAM, 0 }, { 0x2000, 0x2000, RAM, 0 },
		{ 0x10000, 0x1000, RAM, 0 }, { 0x10000, 0x1000, RSV, 0 },
	};
	size_t n;

	KTEST_ASSERT_EQ(t, convert(d, 4, 48, 4, &n, NULL), EFI_E820_OK);
	expect_table(t, out, n, want, ARRAY_SIZE(want));
}

/*
 * 400 touching descriptors cycling BootCode (1 page), BootData (2),
 * Conventional (3) from 1 MiB, handed over in a scrambled order
 * (i * 7919 mod 400 is a permutation: 7919 is prime, not a factor of 400).
 * Pages: 133 full cycles of 6 plus one of 1 = 799 -> one RAM entry
 * 0x100000 + 799 * 4 KiB = 0x100000 + 0x31f000.
 */
static void four_hundred_ram_pieces_merge_to_one(struct ktest *t)
{
	static struct tdesc d[400], shuffled[400];
	static const uint32_t types[3] = { 3, 4, 7 };
	static const struct e820_entry want[] = { { 0x100000, 0x31f000, RAM, 0 } };
	uint64_t addr = 0x100000;
	size_t n;

	for (int i = 0; i < 400; i++) {
		d[i] = (struct tdesc){ types[i % 3], addr, (uint64_t)(i % 3 + 1), WB };
		addr += (uint64_t)(i % 3 + 1) << 12;
	}
	for (int i = 0; i < 400; i++)
		shuffled[i] = d[(i * 7919) % 400];
	KTEST_ASSERT_EQ(t, convert(shuffled, 400, 48, 400, &n, NULL), EFI_E820_OK);
	expect_table(t, out, n, want, ARRAY_SIZE(want));
	KTEST_ASSERT_EQ(t, convert(d, 400, 40, 400, &n, NULL), EFI_E820_OK);
	expect_table(t, out, n, want, ARRAY_SIZE(want));
}

/* 400 one-page descriptors alternating Conventional / RT data: no merge. */
static void four_hundred_alternating_stay_apart(struct ktest *t)
{
	static struct tdesc d[400];
	static struct e820_entry want[400];
	size_t n;

	for (uint32_t i = 0; i < 400; i++) {
		d[i] = (struct tdesc){ i % 2 ? 6 : 7, 0x1000ull * i, 1, WB };
		want[i] = (struct e820_entry){ 0x1000ull * i, 0x1000,
					       i % 2 ? RSV : RAM, 0 };
	}
	KTEST_ASSERT_EQ(t, convert(d, 400, 48, 400, &n, NULL), EFI_E820_OK);
	expect_table(t, out, n, want, 400);
}

/*
 * Ten entries that cannot merge (a page apart) into room for four:
 * EFI_E820_TOO_MANY, *nr_out = 10, and the two canary entries after out[3]
 * untouched. Left-out descriptors (unknown type, zero pages) do not count
 * towards the need: 6 real + 4 left out fit in 6.
 */
static void capacity_exceeded(struct ktest *t)
{
	static struct tdesc d[10];
	struct e820_entry canary;
	size_t n;

	memset(&canary, 0xcc, sizeof(canary));
	for (uint32_t i = 0; i < 10; i++)
		d[i] = (struct tdesc){ 7, 0x2000ull * i, 1, WB };
	KTEST_EXPECT_EQ(t, convert(d, 10, 48, 4, &n, NULL), EFI_E820_TOO_MANY);
	KTEST_EXPECT_EQ(t, n, 10);
	KTEST_EXPECT_MEMEQ(t, &out[4], &canary, sizeof(canary));
	KTEST_EXPECT_MEMEQ(t, &out[5], &canary, sizeof(canary));

	KTEST_EXPECT_EQ(t, convert(d, 10, 48, 0, &n, NULL), EFI_E820_TOO_MANY);
	KTEST_EXPECT_EQ(t, n, 10);
	KTEST_EXPECT_MEMEQ(t, &out[0], &canary, sizeof(canary));

	KTEST_EXPECT_EQ(t, convert(d, 10, 48, 10, &n, NULL), EFI_E820_OK);
	KTEST_EXPECT_EQ(t, n, 10);
	KTEST_EXPECT_MEMEQ(t, &out[10], &canary, sizeof(canary));

	d[1].type = 15;
	d[3].pages = 0;
	d[5].type = 0x80000001u;
	d[7].pages = 1ull << 60;
	KTEST_EXPECT_EQ(t, convert(d, 10, 48, 6, &n, NULL), EFI_E820_OK);
	KTEST_EXPECT_EQ(t, n, 6);
	KTEST_EXPECT_MEMEQ(t, &out[6], &canary, sizeof(canary));
}

/* The firmware's map is read only. */
static void input_map_is_not_modified(struct ktest *t)
{
	static const struct tdesc d[] = {
		{ 7, 0x3000, 1, WB }, { 7, 0x1000, 2, WB }, { 0, 0x0, 1, WB },
	};
	static unsigned char copy[3 * 48];
	size_t size = build_map(map, sizeof(map), d, 3, 48, 0x5a), n;

	memcpy(copy, map, size);
	KTEST_ASSERT_EQ(t, efi_map_to_e820(map, size, 48, out, 3, &n, NULL), EFI_E820_OK);
	KTEST_EXPECT_EQ(t, n, 2);
	KTEST_EXPECT_MEMEQ(t, map, copy, size);
}

static const struct ktest_case efi_e820_cases[] = {
	KTEST_CASE(efi_type_mapping_matches_linux),
	KTEST_CASE(every_efi_type_through_the_map),
	KTEST_CASE(memory_sp_makes_ram_soft_reserved),
	KTEST_CASE(memory_sp_splits_ram_and_merges),
	KTEST_CASE(merges_touching_same_type),
	KTEST_CASE(no_merge_across_gap_or_type),
	KTEST_CASE(unsorted_input_is_sorted_and_merged),
	KTEST_CASE(descriptor_stride_and_junk_padding),
	KTEST_CASE(descriptor_size_too_small_is_an_error),
	KTEST_CASE(partial_descriptor_and_empty_map),
	KTEST_CASE(zero_page_descriptors_are_dropped),
	KTEST_CASE(ranges_past_2_64_are_dropped),
	KTEST_CASE(merge_never_overflows_size),
	KTEST_CASE(overlaps_pass_through),
	KTEST_CASE(four_hundred_ram_pieces_merge_to_one),
	KTEST_CASE(four_hundred_alternating_stay_apart),
	KTEST_CASE(capacity_exceeded),
	KTEST_CASE(input_map_is_not_modified),
	KTEST_CASES_END,
};

static const struct ktest_suite efi_e820_suite = {
	.name = "efi_e820",
	.cases = efi_e820_cases,
};
KTEST_SUITE(efi_e820_suite);
