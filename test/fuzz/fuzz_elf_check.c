// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for the loader's kernel ELF checks (efi/elf_check.c):
 * \kernel.elf is untrusted input, so any bytes must be refused with a
 * reason or accepted only when every promise the loader relies on holds.
 *
 * Input: bytes 0-7 the file size (little-endian), the rest the file's
 * first bytes; the file reads as zeros past them, up to its size. The
 * harness reads as the loader does (efi/main.c): the header zero-filled
 * past the end of a short file, then e_phnum program headers at e_phoff.
 * The verdict is compared both ways with a model restated here from the
 * documented rules (elf_check.h), in 128-bit arithmetic so that no sum
 * wraps; an accepted image's span, start and entry are checked too.
 */
#include <elf_check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_check.h"

typedef unsigned __int128 u128;

static const uint8_t *body;
static size_t body_len;

/* @n bytes of the file at @off (zeros past the input), as fs_read_at. */
static void read_at(uint64_t off, void *buf, size_t n)
{
	memset(buf, 0, n);
	if (off < body_len)
		memcpy(buf, body + off, body_len - off < n ? body_len - off : n);
}

static int is_load(const Elf64_Phdr *p)
{
	return p->p_type == PT_LOAD && p->p_memsz;
}

static u128 page_lo(const Elf64_Phdr *p)
{
	return p->p_vaddr & ~0xfffull;
}

static u128 page_hi(const Elf64_Phdr *p)
{
	return ((u128)p->p_vaddr + p->p_memsz + 0xfff) & ~(u128)0xfff;
}

static int model_header(const Elf64_Ehdr *eh, uint64_t size)
{
	return size >= sizeof(*eh) &&
	       !memcmp(eh->e_ident,
		       "\x7f"
		       "ELF",
		       4) &&
	       eh->e_ident[4] == ELFCLASS64 && eh->e_ident[5] == ELFDATA2LSB &&
	       eh->e_ident[6] == EV_CURRENT && eh->e_version == EV_CURRENT &&
	       eh->e_machine == EM_X86_64 && eh->e_type == ET_EXEC &&
	       eh->e_phentsize == sizeof(Elf64_Phdr) && eh->e_phnum >= 1 &&
	       eh->e_phnum <= ELF_MAX_PHDRS &&
	       (u128)eh->e_phoff + (u128)eh->e_phnum * sizeof(Elf64_Phdr) <= size &&
	       eh->e_phoff % 8 == 0;
}

/*
 * Every PT_LOAD with memory: file data inside the file, filesz <= memsz,
 * in the higher half, at most 1 GiB, its pages below 2^64, vaddr and
 * offset congruent mod 4 KiB, one physical offset for all; no page shared;
 * a span of at most 1 GiB; the entry inside an executable one.
 */
static int model_segments(const Elf64_Ehdr *eh, const Elf64_Phdr *ph, uint64_t size)
{
	u128 lo = ~(u128)0, hi = 0;
	int loads = 0, entry = 0;
	uint64_t delta = 0;

	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *p = &ph[i];

		if (!is_load(p))
			continue;
		if ((u128)p->p_offset + p->p_filesz > size || p->p_filesz > p->p_memsz ||
		    p->p_vaddr < HIGHER_HALF_START || p->p_memsz > KERNEL_MAX_SPAN ||
		    page_hi(p) > ((u128)1 << 64) - 0x1000 || (p->p_vaddr - p->p_offset) % 0x1000)
			return 0;
		if (loads++ && p->p_vaddr - p->p_paddr != delta)
			return 0;
		delta = p->p_vaddr - p->p_paddr;
		for (unsigned j = 0; j < i; j++)
			if (is_load(&ph[j]) && page_lo(p) < page_hi(&ph[j]) &&
			    page_lo(&ph[j]) < page_hi(p))
				return 0;
		lo = page_lo(p) < lo ? page_lo(p) : lo;
		hi = page_hi(p) > hi ? page_hi(p) : hi;
		if ((p->p_flags & PF_X) && eh->e_entry >= p->p_vaddr &&
		    (u128)eh->e_entry < (u128)p->p_vaddr + p->p_memsz)
			entry = 1;
	}
	return loads && hi - lo <= KERNEL_MAX_SPAN && entry;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static Elf64_Phdr ph[ELF_MAX_PHDRS];
	struct kernel_image img;
	Elf64_Ehdr eh;
	uint64_t size = 0;
	char why[128];
	int ok, want;

	if (len < 8)
		return 0;
	for (int i = 7; i >= 0; i--)
		size = size << 8 | data[i];
	body = data + 8;
	body_len = len - 8;
	if (body_len > size) /* a file holds no more than its size */
		body_len = (size_t)size;

	read_at(0, &eh, sizeof(eh));
	memset(why, 0x55, sizeof(why));
	ok = elf_check_header(&eh, size, why, sizeof(why)) == 0;
	want = model_header(&eh, size);
	CHECK(ok == want, "header: checker %d, model %d (%.*s)", ok, want, (int)sizeof(why), why);
	if (!ok) {
		CHECK(memchr(why, 0, sizeof(why)) && why[0], "refused without a reason");
		return 0;
	}
	read_at(eh.e_phoff, ph, eh.e_phnum * sizeof(Elf64_Phdr));
	memset(why, 0x55, sizeof(why));
	ok = elf_check_segments(&eh, ph, size, &img, why, sizeof(why)) == 0;
	want = model_segments(&eh, ph, size);
	CHECK(ok == want, "segments: checker %d, model %d (%.*s)", ok, want, (int)sizeof(why), why);
	if (!ok) {
		CHECK(memchr(why, 0, sizeof(why)) && why[0], "refused without a reason");
		return 0;
	}
	CHECK(img.entry == eh.e_entry && img.phdrs == ph && img.phnum == eh.e_phnum,
	      "image fields");
	CHECK(img.vstart < img.vend && img.vend - img.vstart <= KERNEL_MAX_SPAN &&
		      !(img.vstart & 0xfff) && !(img.vend & 0xfff),
	      "span %#llx-%#llx", (unsigned long long)img.vstart, (unsigned long long)img.vend);
	for (unsigned i = 0; i < eh.e_phnum; i++)
		if (is_load(&ph[i]))
			CHECK(ph[i].p_vaddr >= img.vstart &&
				      (u128)ph[i].p_vaddr + ph[i].p_memsz <= img.vend &&
				      img.pstart == img.vstart - (ph[i].p_vaddr - ph[i].p_paddr),
			      "segment %u outside the image span or its physical place", i);
	return 0;
}
