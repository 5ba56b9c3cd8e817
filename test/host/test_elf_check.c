// SPDX-License-Identifier: MIT
/*
 * The loader's kernel ELF checks (efi/elf_check.c) on hand-broken files:
 * a small valid image built here (text RX at the kernel's link address,
 * data RW after it, both file-backed), then one field broken per case.
 * Each refusal must name its reason; the valid image must give exactly
 * the span, physical start and entry worked out below.
 */
#include <elf_check.h>
#include <lib/ktest.h>
#include <string.h>

#define TEXT_VA	 0xffffffff81000000ull
#define TEXT_PA	 0x1000000ull
#define PHOFF	 64
#define FILESIZE 0x4000ull

/* The file's first bytes: header at 0, program headers at PHOFF. */
static struct {
	Elf64_Ehdr eh;
	Elf64_Phdr ph[ELF_MAX_PHDRS + 1];
} f;
static uint64_t fsize;
static char why[128];
static struct kernel_image img;

/*
 * Text: offset 0x1000, 0x1800 bytes at TEXT_VA (pages 0-1). Data: offset
 * 0x3000, 0x800 bytes in the file, 0x2000 in memory, at TEXT_VA + 0x2000
 * (pages 2-3). Span 0x4000, entry at text + 0x10.
 */
static void build_valid(void)
{
	memset(&f, 0, sizeof(f));
	memcpy(f.eh.e_ident,
	       "\x7f"
	       "ELF",
	       4);
	f.eh.e_ident[4] = ELFCLASS64;
	f.eh.e_ident[5] = ELFDATA2LSB;
	f.eh.e_ident[6] = EV_CURRENT;
	f.eh.e_type = ET_EXEC;
	f.eh.e_machine = EM_X86_64;
	f.eh.e_version = EV_CURRENT;
	f.eh.e_entry = TEXT_VA + 0x10;
	f.eh.e_phoff = PHOFF;
	f.eh.e_ehsize = sizeof(Elf64_Ehdr);
	f.eh.e_phentsize = sizeof(Elf64_Phdr);
	f.eh.e_phnum = 2;
	f.ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD,
				.p_flags = PF_R | PF_X,
				.p_offset = 0x1000,
				.p_vaddr = TEXT_VA,
				.p_paddr = TEXT_PA,
				.p_filesz = 0x1800,
				.p_memsz = 0x1800,
				.p_align = 0x1000 };
	f.ph[1] = (Elf64_Phdr){ .p_type = PT_LOAD,
				.p_flags = PF_R | PF_W,
				.p_offset = 0x3000,
				.p_vaddr = TEXT_VA + 0x2000,
				.p_paddr = TEXT_PA + 0x2000,
				.p_filesz = 0x800,
				.p_memsz = 0x2000,
				.p_align = 0x1000 };
	fsize = FILESIZE;
	why[0] = '\0';
	memset(&img, 0, sizeof(img));
}

/* Both checks as the loader calls them; 0 if the file is accepted. */
static int check(void)
{
	if (elf_check_header(&f.eh, fsize, why, sizeof(why)))
		return -1;
	return elf_check_segments(&f.eh, f.ph, fsize, &img, why, sizeof(why));
}

/* Refused, with @reason in the message. */
#define EXPECT_REFUSED(t, reason)                              \
	do {                                                   \
		KTEST_EXPECT_EQ(t, check(), -1);               \
		KTEST_EXPECT_NOT_NULL(t, strstr(why, reason)); \
		ktest_printf(t, "refused: %s", why);           \
	} while (0)

static void elf_valid_image(struct ktest *t)
{
	build_valid();
	KTEST_ASSERT_EQ(t, check(), 0);
	KTEST_EXPECT_EQ(t, img.entry, TEXT_VA + 0x10);
	KTEST_EXPECT_EQ(t, img.vstart, TEXT_VA);
	KTEST_EXPECT_EQ(t, img.vend, TEXT_VA + 0x4000);
	KTEST_EXPECT_EQ(t, img.pstart, TEXT_PA);
	KTEST_EXPECT_EQ(t, img.phnum, 2);
	KTEST_EXPECT_TRUE(t, img.phdrs == f.ph);
	/* Non-load and empty segments are not checked at all. */
	f.ph[2] = (Elf64_Phdr){ .p_type = 4 /* PT_NOTE */, .p_offset = ~0ull, .p_filesz = 8 };
	f.ph[3] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_offset = ~0ull, .p_filesz = 8 };
	f.eh.e_phnum = 4;
	KTEST_EXPECT_EQ(t, check(), 0);
}

static void elf_truncated(struct ktest *t)
{
	build_valid();
	fsize = sizeof(Elf64_Ehdr) - 1;
	EXPECT_REFUSED(t, "too small");
	fsize = 0;
	EXPECT_REFUSED(t, "too small");
	/* Header whole, program headers cut: the file ends inside them. */
	build_valid();
	fsize = PHOFF + sizeof(Elf64_Phdr) + 8;
	EXPECT_REFUSED(t, "program headers lie outside");
	/* Header and program headers whole, segment data cut. */
	build_valid();
	fsize = 0x3000 + 0x7ff;
	EXPECT_REFUSED(t, "segment 1: file data lies outside");
}

static void elf_bad_ident(struct ktest *t)
{
	build_valid();
	f.eh.e_ident[3] = 'f';
	EXPECT_REFUSED(t, "bad ELF magic");
	build_valid();
	f.eh.e_ident[4] = 1; /* ELFCLASS32 */
	EXPECT_REFUSED(t, "not a 64-bit ELF (class 1)");
	build_valid();
	f.eh.e_ident[5] = 2; /* big-endian */
	EXPECT_REFUSED(t, "not a little-endian ELF");
	build_valid();
	f.eh.e_version = 2;
	EXPECT_REFUSED(t, "unsupported ELF version");
	build_valid();
	f.eh.e_machine = 3; /* EM_386 */
	EXPECT_REFUSED(t, "not an x86-64 ELF (e_machine 3)");
	build_valid();
	f.eh.e_type = 3; /* ET_DYN */
	EXPECT_REFUSED(t, "not an executable ELF (e_type 3)");
}

static void elf_bad_phdr_table(struct ktest *t)
{
	build_valid();
	f.eh.e_phentsize = 32;
	EXPECT_REFUSED(t, "unexpected program header size 32");
	build_valid();
	f.eh.e_phnum = 0;
	EXPECT_REFUSED(t, "no program headers");
	build_valid();
	f.eh.e_phnum = ELF_MAX_PHDRS + 1;
	EXPECT_REFUSED(t, "more than the limit");
	build_valid();
	f.eh.e_phoff = PHOFF + 4;
	EXPECT_REFUSED(t, "misaligned program headers");
	/* An offset whose sum with the table's size wraps past 2^64. */
	build_valid();
	f.eh.e_phoff = ~0ull - 8;
	fsize = ~0ull;
	EXPECT_REFUSED(t, "program headers lie outside");
	build_valid();
	f.eh.e_phoff = FILESIZE + 8;
	EXPECT_REFUSED(t, "program headers lie outside");
}

static void elf_segment_past_eof(struct ktest *t)
{
	build_valid();
	f.ph[0].p_offset = FILESIZE + 0x1000;
	f.ph[0].p_vaddr = TEXT_VA + 0x1000; /* still congruent */
	EXPECT_REFUSED(t, "segment 0: file data lies outside");
	/* Inside a huge file, p_offset + p_filesz wraps past 2^64. */
	build_valid();
	fsize = ~0ull;
	f.ph[1].p_offset = ~0ull - 0xfff;
	f.ph[1].p_filesz = 0x2000;
	EXPECT_REFUSED(t, "segment 1: file data lies outside");
	build_valid();
	f.ph[1].p_filesz = ~0ull;
	f.ph[1].p_memsz = ~0ull;
	EXPECT_REFUSED(t, "segment 1: file data lies outside");
}

static void elf_bad_sizes(struct ktest *t)
{
	build_valid();
	f.ph[1].p_filesz = 0x801;
	f.ph[1].p_memsz = 0x800;
	EXPECT_REFUSED(t, "segment 1: file size 0x801 larger than memory size 0x800");
	build_valid();
	f.ph[1].p_memsz = KERNEL_MAX_SPAN + 1;
	EXPECT_REFUSED(t, "segment 1: memory size");
	/* Wraps the address space: vaddr near the top, memsz under 1 GiB. */
	build_valid();
	f.ph[1].p_vaddr = ~0ull - 0xfff;
	f.ph[1].p_offset = 0x3000;
	f.ph[1].p_memsz = 0x2000;
	EXPECT_REFUSED(t, "segment 1: memory size");
	/* Ends at 2^64 - 1: no wrap in the sum, but rounding up its last
	 * page does. */
	build_valid();
	f.ph[1].p_vaddr = ~0ull - 0x1fff;
	f.ph[1].p_paddr = f.ph[1].p_vaddr - (TEXT_VA - TEXT_PA);
	f.ph[1].p_memsz = 0x1fff;
	EXPECT_REFUSED(t, "runs to the end of the address space");
}

static void elf_bad_addresses(struct ktest *t)
{
	build_valid();
	f.ph[0].p_vaddr = 0x400000 + 0x1000;
	EXPECT_REFUSED(t, "segment 0: vaddr 0x401000 is not in the higher half");
	build_valid();
	f.ph[1].p_vaddr += 0x10;
	EXPECT_REFUSED(t, "segment 1: vaddr and file offset differ modulo 4 KiB");
	build_valid();
	f.ph[1].p_paddr += 0x1000;
	EXPECT_REFUSED(t, "segment 1: physical offset differs");
	/* Data 2 GiB below the text: each segment sane, the span not. */
	build_valid();
	f.ph[1].p_vaddr = TEXT_VA - (2ull << 30) + 0x2000;
	f.ph[1].p_paddr = TEXT_PA - (2ull << 30) + 0x2000;
	EXPECT_REFUSED(t, "more than the 1 GiB limit");
}

static void elf_overlapping_segments(struct ktest *t)
{
	/* The data segment starts in the text's last page. */
	build_valid();
	f.ph[1].p_vaddr = TEXT_VA + 0x1000;
	f.ph[1].p_paddr = TEXT_PA + 0x1000;
	EXPECT_REFUSED(t, "segments 0 and 1 overlap");
	/* Disjoint bytes, one shared page: still refused (4 KiB mappings). */
	build_valid();
	f.ph[0].p_filesz = f.ph[0].p_memsz = 0x1400;
	f.ph[1].p_offset = 0x2800;
	f.ph[1].p_vaddr = TEXT_VA + 0x1800;
	f.ph[1].p_paddr = TEXT_PA + 0x1800;
	EXPECT_REFUSED(t, "segments 0 and 1 overlap");
	/* The same segment twice. */
	build_valid();
	f.ph[1] = f.ph[0];
	EXPECT_REFUSED(t, "segments 0 and 1 overlap");
}

static void elf_bad_entry(struct ktest *t)
{
	build_valid();
	f.eh.e_entry = TEXT_VA + 0x1800; /* one past the text */
	EXPECT_REFUSED(t, "entry point 0xffffffff81001800 is not in an executable segment");
	build_valid();
	f.eh.e_entry = TEXT_VA + 0x2000; /* in data: not executable */
	EXPECT_REFUSED(t, "is not in an executable segment");
	build_valid();
	f.ph[0].p_type = 6; /* PT_PHDR: no loads left but data */
	f.ph[1].p_type = 6;
	EXPECT_REFUSED(t, "no loadable segments");
}

static const struct ktest_case elf_check_cases[] = {
	KTEST_CASE(elf_valid_image),	  KTEST_CASE(elf_truncated),
	KTEST_CASE(elf_bad_ident),	  KTEST_CASE(elf_bad_phdr_table),
	KTEST_CASE(elf_segment_past_eof), KTEST_CASE(elf_bad_sizes),
	KTEST_CASE(elf_bad_addresses),	  KTEST_CASE(elf_overlapping_segments),
	KTEST_CASE(elf_bad_entry),	  KTEST_CASES_END,
};

static const struct ktest_suite elf_check_suite = {
	.name = "elf_check",
	.cases = elf_check_cases,
};
KTEST_SUITE(elf_check_suite);
