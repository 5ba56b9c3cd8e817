// SPDX-License-Identifier: MIT
/*
 * efi_kernel_home(): where the loader moves the kernel image after
 * ExitBootServices when no free block held it before. Each case draws its
 * map; the expected address is worked out from the drawing.
 */
#include "efi_map_builder.h"
#include <kernel_home.h>
#include <stdlib.h>
#include <string.h>

#define K 0x400ull
#define M 0x100000ull
#define CONV EFI_CONVENTIONAL_MEMORY
#define BSC EFI_BOOT_SERVICES_CODE
#define BSD EFI_BOOT_SERVICES_DATA
#define LD EFI_LOADER_DATA
#define RSV EFI_RESERVED_TYPE
#define ACPI EFI_ACPI_RECLAIM_MEMORY
#define WB EFI_MEMORY_WB
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static unsigned char map[1100 * 48];

/*
 * @d written at a 48-byte stride with junk in the gaps, and a scratch
 * array of exactly one range per descriptor on the heap, so ASan stops a
 * write past the promised capacity.
 */
static uint64_t home(const struct tdesc *d, size_t n, uint64_t bytes, uint64_t floor)
{
	size_t size = build_map(map, sizeof(map), d, n, 48, 0x5a);
	struct efi_range *scratch = malloc((n ? n : 1) * sizeof(*scratch));
	uint64_t a = efi_kernel_home(map, size, 48, bytes, floor, scratch);

	free(scratch);
	return a;
}

/*
 *   1M      2M      3M  3M+4K   4M    4.5M
 *   | CONV  | BSD   | LD |      | CONV |
 * The first two are one free run of 2 MiB: 1.5 MiB ends at its top, 3M;
 * 256 KiB fits the highest run, ending at 4.5M.
 */
static void home_highest_fit(struct ktest *t)
{
	static const struct tdesc d[] = {
		{ CONV, 1 * M, 256, WB },
		{ BSD, 2 * M, 256, WB },
		{ LD, 3 * M, 1, WB },
		{ CONV, 4 * M, 128, WB },
	};

	KTEST_EXPECT_EQ(t, home(d, 4, 1536 * K, M), 3 * M - 1536 * K);
	KTEST_EXPECT_EQ(t, home(d, 4, 256 * K, M), 4 * M + 256 * K);
	KTEST_EXPECT_EQ(t, home(d, 4, 512 * K, M), 4 * M);
	KTEST_EXPECT_EQ(t, home(d, 4, 2 * M, M), 1 * M);
	KTEST_EXPECT_EQ(t, home(d, 4, 2 * M + 4 * K, M), 0); /* LD splits the runs */
}

/*
 * Boot-services code 1M..8M with a reserved page at 3M and ACPI 6M..7M
 * drawn over it (a hostile map): free are 1M..3M, 3M+4K..6M and 7M..8M.
 */
static void home_other_types_cut_holes(struct ktest *t)
{
	static const struct tdesc d[] = {
		{ BSC, 1 * M, 7 * 256, WB },
		{ RSV, 3 * M, 1, 0 },
		{ ACPI, 6 * M, 256, WB },
	};

	KTEST_EXPECT_EQ(t, home(d, 3, 1 * M, M), 7 * M);
	KTEST_EXPECT_EQ(t, home(d, 3, 2 * M, M), 4 * M);
	KTEST_EXPECT_EQ(t, home(d, 3, 3 * M - 4 * K, M), 3 * M + 4 * K);
	KTEST_EXPECT_EQ(t, home(d, 3, 3 * M, M), 0);
}

/* Listed backwards, two free ones overlapping: 1M..3M and 2M..4M are one run. */
static void home_unsorted_overlapping_free(struct ktest *t)
{
	static const struct tdesc d[] = {
		{ LD, 4 * M, 1, WB },
		{ BSD, 2 * M, 512, WB },
		{ CONV, 1 * M, 512, WB },
	};

	KTEST_EXPECT_EQ(t, home(d, 3, 3 * M, M), 1 * M);
	KTEST_EXPECT_EQ(t, home(d, 3, 3 * M + 4 * K, M), 0);
}

/* CONV 0..2M: nothing below @floor, and never page 0. */
static void home_floor(struct ktest *t)
{
	static const struct tdesc d[] = { { CONV, 0, 512, WB } };

	KTEST_EXPECT_EQ(t, home(d, 1, 1 * M, M), 1 * M);
	KTEST_EXPECT_EQ(t, home(d, 1, 1 * M + 4 * K, M), 0);
	KTEST_EXPECT_EQ(t, home(d, 1, 2 * M - 4 * K, 0), 4 * K);
	KTEST_EXPECT_EQ(t, home(d, 1, 2 * M, 0), 0);
	KTEST_EXPECT_EQ(t, home(d, 1, 4 * K, 2 * M), 0);
}

/*
 * Nothing free in: specific-purpose memory, an empty descriptor, one whose
 * end is 2^64 (wraps to 0). A reserved descriptor whose size wraps forbids
 * everything from its start (5M) up: of CONV 4M..8M only 4M..5M is left.
 */
static void home_empty_wrapping_specific_purpose(struct ktest *t)
{
	static const struct tdesc d[] = {
		{ CONV, 1 * M, 512, WB | EFI_MEMORY_SP },
		{ CONV, 3 * M, 0, WB },
		{ CONV, 0xfffffffffff00000ull, 0x100, WB },
		{ RSV, 5 * M, 0x000fffffffffff00ull, 0 },
		{ CONV, 4 * M, 1024, WB },
	};

	KTEST_EXPECT_EQ(t, home(d, 5, 1 * M, M), 4 * M);
	KTEST_EXPECT_EQ(t, home(d, 5, 1 * M + 4 * K, M), 0);
	KTEST_EXPECT_EQ(t, home(d, 3, 4 * K, M), 0); /* the first three alone */
}

/* A descriptor off the 4 KiB grid: 0x100800..0x110800 holds 15 whole pages. */
static void home_unaligned_descriptor(struct ktest *t)
{
	static const struct tdesc d[] = { { CONV, 0x100800, 16, WB } };

	KTEST_EXPECT_EQ(t, home(d, 1, 15 * 4 * K, M), 0x101000);
	KTEST_EXPECT_EQ(t, home(d, 1, 15 * 4 * K - 1, M), 0x101000); /* rounded up */
	KTEST_EXPECT_EQ(t, home(d, 1, 16 * 4 * K, M), 0);
}

static void home_bad_arguments(struct ktest *t)
{
	static const struct tdesc d[] = { { CONV, 1 * M, 256, WB } };
	size_t size = build_map(map, sizeof(map), d, 1, 48, 0);
	struct efi_range scratch[1];

	KTEST_EXPECT_EQ(t, efi_kernel_home(map, size, 39, 4 * K, M, scratch), 0);
	KTEST_EXPECT_EQ(t, efi_kernel_home(map, size, 48, 0, M, scratch), 0);
	KTEST_EXPECT_EQ(t, efi_kernel_home(map, size, 48, UINT64_MAX, M, scratch), 0);
	KTEST_EXPECT_EQ(t, efi_kernel_home(map, size - 1, 48, 4 * K, M, scratch), 0);
	KTEST_EXPECT_EQ(t, efi_kernel_home(map, size, 48, 4 * K, M, scratch), 2 * M - 4 * K);
}

/*
 * One free descriptor 1M..1M+8M cut by 1024 reserved pages, every other
 * page: 1025 ranges at the end from 1025 descriptors, the most the
 * scratch may hold. The free pages are 1M + 8K * i; the highest is
 * 1M + 8K * 1023, and no two free pages touch.
 */
static void home_every_other_page_taken(struct ktest *t)
{
	static struct tdesc d[1025];

	d[0] = (struct tdesc){ CONV, 1 * M, 2048, WB };
	for (unsigned i = 0; i < 1024; i++)
		d[1 + i] = (struct tdesc){ RSV, 1 * M + 8 * K * i + 4 * K, 1, 0 };
	KTEST_EXPECT_EQ(t, home(d, ARRAY_SIZE(d), 4 * K, M), 1 * M + 8 * K * 1023);
	KTEST_EXPECT_EQ(t, home(d, ARRAY_SIZE(d), 8 * K, M), 0);
}

static const struct ktest_case kernel_home_cases[] = {
	KTEST_CASE(home_highest_fit),
	KTEST_CASE(home_other_types_cut_holes),
	KTEST_CASE(home_unsorted_overlapping_free),
	KTEST_CASE(home_floor),
	KTEST_CASE(home_empty_wrapping_specific_purpose),
	KTEST_CASE(home_unaligned_descriptor),
	KTEST_CASE(home_bad_arguments),
	KTEST_CASE(home_every_other_page_taken),
	KTEST_CASES_END,
};

static const struct ktest_suite kernel_home_suite = {
	.name = "kernel_home",
	.cases = kernel_home_cases,
};
KTEST_SUITE(kernel_home_suite);
