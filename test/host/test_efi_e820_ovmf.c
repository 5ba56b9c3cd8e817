// SPDX-License-Identifier: MIT
/*
 * A real firmware map: OVMF on QEMU q35 with 512 MiB, as a UEFI app printed
 * it before ExitBootServices (122 descriptors, desc_size 48). The numbers
 * below are that input, transcribed; the expected e820 table is derived by
 * hand from them (see the comment above ovmf_512m_want).
 */
#include "efi_map_builder.h"
#include <efi_e820.h>

/* type, phys, pages, attribute; comment: index and type in the app's log. */
static const struct tdesc ovmf_512m[] = {
	{  7, 0x0, 0xa0, 0x000000000000000full }, /*   0 Conventional */
	{  7, 0x100000, 0x706, 0x000000000000000full }, /*   1 Conventional */
	{ 10, 0x806000, 0x2, 0x000000000000000full }, /*   2 ACPINVS */
	{  7, 0x808000, 0x8, 0x000000000000000full }, /*   3 Conventional */
	{ 10, 0x810000, 0xf0, 0x000000000000000full }, /*   4 ACPINVS */
	{  4, 0x900000, 0xc00, 0x000000000000000full }, /*   5 BootServicesData */
	{  7, 0x1500000, 0x1a675, 0x000000000000000full }, /*   6 Conventional */
	{  4, 0x1bb75000, 0x20, 0x000000000000000full }, /*   7 BootServicesData */
	{  7, 0x1bb95000, 0x233f, 0x000000000000000full }, /*   8 Conventional */
	{  1, 0x1ded4000, 0x5, 0x000000000000000full }, /*   9 LoaderCode */
	{  7, 0x1ded9000, 0x1, 0x000000000000000full }, /*  10 Conventional */
	{  2, 0x1deda000, 0x2, 0x000000000000000full }, /*  11 LoaderData */
	{  4, 0x1dedc000, 0x668, 0x000000000000000full }, /*  12 BootServicesData */
	{  3, 0x1e544000, 0x9e, 0x000000000000000full }, /*  13 BootServicesCode */
	{  7, 0x1e5e2000, 0x1, 0x000000000000000full }, /*  14 Conventional */
	{  4, 0x1e5e3000, 0x3e, 0x000000000000000full }, /*  15 BootServicesData */
	{  3, 0x1e621000, 0x5, 0x000000000000000full }, /*  16 BootServicesCode */
	{  4, 0x1e626000, 0x1, 0x000000000000000full }, /*  17 BootServicesData */
	{  3, 0x1e627000, 0x1d, 0x000000000000000full }, /*  18 BootServicesCode */
	{  4, 0x1e644000, 0x3, 0x000000000000000full }, /*  19 BootServicesData */
	{  3, 0x1e647000, 0xa, 0x000000000000000full }, /*  20 BootServicesCode */
	{  4, 0x1e651000, 0x2, 0x000000000000000full }, /*  21 BootServicesData */
	{  3, 0x1e653000, 0x17, 0x000000000000000full }, /*  22 BootServicesCode */
	{  4, 0x1e66a000, 0x1, 0x000000000000000full }, /*  23 BootServicesData */
	{  3, 0x1e66b000, 0x8, 0x000000000000000full }, /*  24 BootServicesCode */
	{  4, 0x1e673000, 0x4, 0x000000000000000full }, /*  25 BootServicesData */
	{  3, 0x1e677000, 0x17, 0x000000000000000full }, /*  26 BootServicesCode */
	{  4, 0x1e68e000, 0x2, 0x000000000000000full }, /*  27 BootServicesData */
	{  3, 0x1e690000, 0x17, 0x000000000000000full }, /*  28 BootServicesCode */
	{  4, 0x1e6a7000, 0xb, 0x000000000000000full }, /*  29 BootServicesData */
	{  3, 0x1e6b2000, 0x15, 0x000000000000000full }, /*  30 BootServicesCode */
	{  4, 0x1e6c7000, 0x8, 0x000000000000000full }, /*  31 BootServicesData */
	{  3, 0x1e6cf000, 0x23, 0x000000000000000full }, /*  32 BootServicesCode */
	{  4, 0x1e6f2000, 0x2, 0x000000000000000full }, /*  33 BootServicesData */
	{  3, 0x1e6f4000, 0x14, 0x000000000000000full }, /*  34 BootServicesCode */
	{  4, 0x1e708000, 0x7, 0x000000000000000full }, /*  35 BootServicesData */
	{  3, 0x1e70f000, 0x19, 0x000000000000000full }, /*  36 BootServicesCode */
	{  4, 0x1e728000, 0x3, 0x000000000000000full }, /*  37 BootServicesData */
	{  3, 0x1e72b000, 0x6, 0x000000000000000full }, /*  38 BootServicesCode */
	{  4, 0x1e731000, 0x2, 0x000000000000000full }, /*  39 BootServicesData */
	{  3, 0x1e733000, 0xd, 0x000000000000000full }, /*  40 BootServicesCode */
	{  4, 0x1e740000, 0x1, 0x000000000000000full }, /*  41 BootServicesData */
	{  3, 0x1e741000, 0x62, 0x000000000000000full }, /*  42 BootServicesCode */
	{  4, 0x1e7a3000, 0x5, 0x000000000000000full }, /*  43 BootServicesData */
	{  3, 0x1e7a8000, 0x15, 0x000000000000000full }, /*  44 BootServicesCode */
	{  4, 0x1e7bd000, 0x2, 0x000000000000000full }, /*  45 BootServicesData */
	{  3, 0x1e7bf000, 0xd, 0x000000000000000full }, /*  46 BootServicesCode */
	{  4, 0x1e7cc000, 0x3, 0x000000000000000full }, /*  47 BootServicesData */
	{  3, 0x1e7cf000, 0x2, 0x000000000000000full }, /*  48 BootServicesCode */
	{  4, 0x1e7d1000, 0x3, 0x000000000000000full }, /*  49 BootServicesData */
	{  3, 0x1e7d4000, 0x14, 0x000000000000000full }, /*  50 BootServicesCode */
	{  4, 0x1e7e8000, 0x5, 0x000000000000000full }, /*  51 BootServicesData */
	{  3, 0x1e7ed000, 0x13, 0x000000000000000full }, /*  52 BootServicesCode */
	{  4, 0x1e800000, 0x200, 0x000000000000000full }, /*  53 BootServicesData */
	{  3, 0x1ea00000, 0x12, 0x000000000000000full }, /*  54 BootServicesCode */
	{  4, 0x1ea12000, 0x5, 0x000000000000000full }, /*  55 BootServicesData */
	{  3, 0x1ea17000, 0x1, 0x000000000000000full }, /*  56 BootServicesCode */
	{  4, 0x1ea18000, 0x2, 0x000000000000000full }, /*  57 BootServicesData */
	{  3, 0x1ea1a000, 0x13, 0x000000000000000full }, /*  58 BootServicesCode */
	{  4, 0x1ea2d000, 0x3, 0x000000000000000full }, /*  59 BootServicesData */
	{  3, 0x1ea30000, 0x1, 0x000000000000000full }, /*  60 BootServicesCode */
	{  4, 0x1ea31000, 0x1, 0x000000000000000full }, /*  61 BootServicesData */
	{  3, 0x1ea32000, 0x7, 0x000000000000000full }, /*  62 BootServicesCode */
	{  4, 0x1ea39000, 0x7, 0x000000000000000full }, /*  63 BootServicesData */
	{  3, 0x1ea40000, 0x4, 0x000000000000000full }, /*  64 BootServicesCode */
	{  4, 0x1ea44000, 0x8, 0x000000000000000full }, /*  65 BootServicesData */
	{  3, 0x1ea4c000, 0xe, 0x000000000000000full }, /*  66 BootServicesCode */
	{  4, 0x1ea5a000, 0x2, 0x000000000000000full }, /*  67 BootServicesData */
	{  3, 0x1ea5c000, 0x13, 0x000000000000000full }, /*  68 BootServicesCode */
	{  4, 0x1ea6f000, 0x2, 0x000000000000000full }, /*  69 BootServicesData */
	{  3, 0x1ea71000, 0x1e, 0x000000000000000full }, /*  70 BootServicesCode */
	{  4, 0x1ea8f000, 0x8, 0x000000000000000full }, /*  71 BootServicesData */
	{  3, 0x1ea97000, 0x3, 0x000000000000000full }, /*  72 BootServicesCode */
	{  4, 0x1ea9a000, 0x3, 0x000000000000000full }, /*  73 BootServicesData */
	{  3, 0x1ea9d000, 0x3, 0x000000000000000full }, /*  74 BootServicesCode */
	{  6, 0x1eaa0000, 0x102, 0x800000000000000full }, /*  75 RuntimeServicesData */
	{  4, 0x1eba2000, 0x400, 0x000000000000000full }, /*  76 BootServicesData */
	{  3, 0x1efa2000, 0x6f, 0x000000000000000full }, /*  77 BootServicesCode */
	{  4, 0x1f011000, 0x2, 0x000000000000000full }, /*  78 BootServicesData */
	{  3, 0x1f013000, 0x1b, 0x000000000000000full }, /*  79 BootServicesCode */
	{  4, 0x1f02e000, 0x5, 0x000000000000000full }, /*  80 BootServicesData */
	{  3, 0x1f033000, 0x1, 0x000000000000000full }, /*  81 BootServicesCode */
	{  4, 0x1f034000, 0x1, 0x000000000000000full }, /*  82 BootServicesData */
	{  3, 0x1f035000, 0x2, 0x000000000000000full }, /*  83 BootServicesCode */
	{  4, 0x1f037000, 0x2, 0x000000000000000full }, /*  84 BootServicesData */
	{  3, 0x1f039000, 0x6, 0x000000000000000full }, /*  85 BootServicesCode */
	{  4, 0x1f03f000, 0x12, 0x000000000000000full }, /*  86 BootServicesData */
	{  3, 0x1f051000, 0x16, 0x000000000000000full }, /*  87 BootServicesCode */
	{  4, 0x1f067000, 0x2, 0x000000000000000full }, /*  88 BootServicesData */
	{  3, 0x1f069000, 0x1, 0x000000000000000full }, /*  89 BootServicesCode */
	{  4, 0x1f06a000, 0x1, 0x000000000000000full }, /*  90 BootServicesData */
	{  3, 0x1f06b000, 0x1, 0x000000000000000full }, /*  91 BootServicesCode */
	{  4, 0x1f06c000, 0x1, 0x000000000000000full }, /*  92 BootServicesData */
	{  3, 0x1f06d000, 0x1, 0x000000000000000full }, /*  93 BootServicesCode */
	{  4, 0x1f06e000, 0x1, 0x000000000000000full }, /*  94 BootServicesData */
	{  3, 0x1f06f000, 0x2, 0x000000000000000full }, /*  95 BootServicesCode */
	{  4, 0x1f071000, 0x2, 0x000000000000000full }, /*  96 BootServicesData */
	{  3, 0x1f073000, 0x2, 0x000000000000000full }, /*  97 BootServicesCode */
	{  4, 0x1f075000, 0x2, 0x000000000000000full }, /*  98 BootServicesData */
	{  3, 0x1f077000, 0x4, 0x000000000000000full }, /*  99 BootServicesCode */
	{  4, 0x1f07b000, 0x2, 0x000000000000000full }, /* 100 BootServicesData */
	{  3, 0x1f07d000, 0x1, 0x000000000000000full }, /* 101 BootServicesCode */
	{  4, 0x1f07e000, 0x2, 0x000000000000000full }, /* 102 BootServicesData */
	{  3, 0x1f080000, 0x9, 0x000000000000000full }, /* 103 BootServicesCode */
	{  4, 0x1f089000, 0x3, 0x000000000000000full }, /* 104 BootServicesData */
	{  3, 0x1f08c000, 0x3, 0x000000000000000full }, /* 105 BootServicesCode */
	{  4, 0x1f08f000, 0x45d, 0x000000000000000full }, /* 106 BootServicesData */
	{  6, 0x1f4ec000, 0x100, 0x800000000000000full }, /* 107 RuntimeServicesData */
	{  5, 0x1f5ec000, 0x100, 0x800000000000000full }, /* 108 RuntimeServicesCode */
	{  0, 0x1f6ec000, 0x80, 0x000000000000000full }, /* 109 Reserved */
	{  9, 0x1f76c000, 0x12, 0x000000000000000full }, /* 110 ACPIReclaim */
	{ 10, 0x1f77e000, 0x80, 0x000000000000000full }, /* 111 ACPINVS */
	{  4, 0x1f7fe000, 0x602, 0x000000000000000full }, /* 112 BootServicesData */
	{  7, 0x1fe00000, 0x81, 0x000000000000000full }, /* 113 Conventional */
	{  4, 0x1fe81000, 0x20, 0x000000000000000full }, /* 114 BootServicesData */
	{  3, 0x1fea1000, 0x2e, 0x000000000000000full }, /* 115 BootServicesCode */
	{  4, 0x1fecf000, 0x11, 0x000000000000000full }, /* 116 BootServicesData */
	{  3, 0x1fee0000, 0x14, 0x000000000000000full }, /* 117 BootServicesCode */
	{  6, 0x1fef4000, 0x84, 0x800000000000000full }, /* 118 RuntimeServicesData */
	{ 10, 0x1ff78000, 0x88, 0x000000000000000full }, /* 119 ACPINVS */
	{  0, 0xb0000000, 0x10000, 0x0000000000000001ull }, /* 120 Reserved */
	{ 11, 0xffc00000, 0x400, 0x8000000000000001ull }, /* 121 MMIO */
};

#define RAM E820_TYPE_RAM
#define RSV E820_TYPE_RESERVED
#define NVS E820_TYPE_NVS
#define ACPI E820_TYPE_ACPI

/*
 * Derived by hand. Runs of descriptors were checked to be contiguous (each
 * phys + pages * 4 KiB is the next phys); the map has gaps only before 1,
 * 120 and 121. Types 1-4 and 7 are RAM, 5, 6, 0 and 11 reserved, 9 ACPI
 * data, 10 ACPI NVS; touching runs of one e820 type become one entry:
 *   0           0x0        + 0xa0 pages                  RAM
 *   1           0x100000   .. 0x806000 (0x706 pages)     RAM
 *   2           0x806000   + 2 pages                     NVS
 *   3           0x808000   + 8 pages                     RAM
 *   4           0x810000   .. 0x900000 (0xf0 pages)      NVS
 *   5-74        0x900000   .. 0x1eaa0000 (74 = 0x1ea9d000 + 3 pages) RAM
 *   75          0x1eaa0000 + 0x102 pages                 reserved (RT data)
 *   76-106      0x1eba2000 .. 0x1f4ec000 (106 = 0x1f08f000 + 0x45d pages) RAM
 *   107-109     0x1f4ec000 .. 0x1f76c000 (RT data, RT code, reserved)
 *   110         0x1f76c000 + 0x12 pages                  ACPI data
 *   111         0x1f77e000 + 0x80 pages                  NVS
 *   112-117     0x1f7fe000 .. 0x1fef4000 (117 = 0x1fee0000 + 0x14 pages) RAM
 *   118         0x1fef4000 + 0x84 pages                  reserved (RT data)
 *   119         0x1ff78000 + 0x88 pages (.. 0x20000000)  NVS
 *   120         0xb0000000 + 0x10000 pages (256 MiB)     reserved
 *   121         0xffc00000 + 0x400 pages (4 MiB, MMIO)   reserved
 * The same shape as the table Linux printed for another boot of this
 * machine (reference log), with different boundaries inside 0x1e8-0x1ff.
 */
static const struct e820_entry ovmf_512m_want[] = {
	{ 0x0, 0xa0000, RAM, 0 },
	{ 0x100000, 0x706000, RAM, 0 },
	{ 0x806000, 0x2000, NVS, 0 },
	{ 0x808000, 0x8000, RAM, 0 },
	{ 0x810000, 0xf0000, NVS, 0 },
	{ 0x900000, 0x1eaa0000 - 0x900000, RAM, 0 },
	{ 0x1eaa0000, 0x102000, RSV, 0 },
	{ 0x1eba2000, 0x1f4ec000 - 0x1eba2000, RAM, 0 },
	{ 0x1f4ec000, 0x1f76c000 - 0x1f4ec000, RSV, 0 },
	{ 0x1f76c000, 0x12000, ACPI, 0 },
	{ 0x1f77e000, 0x80000, NVS, 0 },
	{ 0x1f7fe000, 0x1fef4000 - 0x1f7fe000, RAM, 0 },
	{ 0x1fef4000, 0x84000, RSV, 0 },
	{ 0x1ff78000, 0x88000, NVS, 0 },
	{ 0xb0000000, 0x10000000, RSV, 0 },
	{ 0xffc00000, 0x400000, RSV, 0 },
};

#define N_OVMF (sizeof(ovmf_512m) / sizeof(ovmf_512m[0]))
#define N_WANT (sizeof(ovmf_512m_want) / sizeof(ovmf_512m_want[0]))

static void ovmf_512m_real_map(struct ktest *t)
{
	static unsigned char map[N_OVMF * 48];
	struct e820_entry out[N_OVMF];
	struct efi_e820_stats st;
	size_t size, n = 0;

	KTEST_ASSERT_EQ(t, N_OVMF, 122);
	size = build_map(map, sizeof(map), ovmf_512m, N_OVMF, 48, 0);
	KTEST_ASSERT_EQ(t, size, 5856); /* map_size the firmware reported */
	KTEST_ASSERT_EQ(t, efi_map_to_e820(map, size, 48, out, N_OVMF, &n, &st),
			EFI_E820_OK);
	KTEST_EXPECT_EQ(t, st.descriptors, 122);
	KTEST_EXPECT_EQ(t, st.skipped_type + st.skipped_empty + st.skipped_wrap, 0);
	expect_table(t, out, n, ovmf_512m_want, N_WANT);
}

/* The same map handed over in reverse: firmware order must not matter. */
static void ovmf_512m_reversed(struct ktest *t)
{
	static struct tdesc rev[N_OVMF];
	static unsigned char map[N_OVMF * 48];
	struct e820_entry out[N_OVMF];
	size_t size, n = 0;

	for (size_t i = 0; i < N_OVMF; i++)
		rev[i] = ovmf_512m[N_OVMF - 1 - i];
	size = build_map(map, sizeof(map), rev, N_OVMF, 48, 0xa5);
	KTEST_ASSERT_EQ(t, efi_map_to_e820(map, size, 48, out, N_OVMF, &n, NULL),
			EFI_E820_OK);
	expect_table(t, out, n, ovmf_512m_want, N_WANT);
}

static const struct ktest_case ovmf_cases[] = {
	KTEST_CASE(ovmf_512m_real_map),
	KTEST_CASE(ovmf_512m_reversed),
	KTEST_CASES_END,
};

static const struct ktest_suite efi_e820_ovmf = {
	.name = "efi_e820_ovmf",
	.cases = ovmf_cases,
};
KTEST_SUITE(efi_e820_ovmf);
