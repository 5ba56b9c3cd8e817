// SPDX-License-Identifier: MIT
#include "elf_check.h"
#include <lib/string.h>
#include <lib/vsprintf.h>

#define PAGE_MASK_4K 0xfffull

#define FAIL(...)                                      \
	do {                                           \
		ksnprintf(why, why_size, __VA_ARGS__); \
		return -1;                             \
	} while (0)

int elf_check_header(const Elf64_Ehdr *eh, uint64_t size, char *why, size_t why_size)
{
	static const unsigned char magic[4] = { 0x7f, 'E', 'L', 'F' };

	if (size < sizeof(*eh))
		FAIL("file too small for an ELF header (%llu bytes)", (unsigned long long)size);
	if (memcmp(eh->e_ident, magic, sizeof(magic)))
		FAIL("bad ELF magic");
	if (eh->e_ident[4] != ELFCLASS64)
		FAIL("not a 64-bit ELF (class %u)", eh->e_ident[4]);
	if (eh->e_ident[5] != ELFDATA2LSB)
		FAIL("not a little-endian ELF (data %u)", eh->e_ident[5]);
	if (eh->e_ident[6] != EV_CURRENT || eh->e_version != EV_CURRENT)
		FAIL("unsupported ELF version %u", eh->e_ident[6]);
	if (eh->e_machine != EM_X86_64)
		FAIL("not an x86-64 ELF (e_machine %u)", eh->e_machine);
	if (eh->e_type != ET_EXEC)
		FAIL("not an executable ELF (e_type %u)", eh->e_type);
	if (eh->e_phentsize != sizeof(Elf64_Phdr))
		FAIL("unexpected program header size %u", eh->e_phentsize);
	if (eh->e_phnum == 0)
		FAIL("no program headers");
	if (eh->e_phnum > ELF_MAX_PHDRS)
		FAIL("%u program headers, more than the limit of %u", eh->e_phnum, ELF_MAX_PHDRS);
	if (eh->e_phoff > size || (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > size - eh->e_phoff)
		FAIL("program headers lie outside the file");
	if (eh->e_phoff % 8)
		FAIL("misaligned program headers (offset 0x%llx)", (unsigned long long)eh->e_phoff);
	return 0;
}

static int check_segment(const Elf64_Phdr *ph, unsigned i, uint64_t size, char *why,
			 size_t why_size)
{
	if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
		FAIL("segment %u: file data lies outside the file", i);
	if (ph->p_filesz > ph->p_memsz)
		FAIL("segment %u: file size 0x%llx larger than memory size 0x%llx", i,
		     (unsigned long long)ph->p_filesz, (unsigned long long)ph->p_memsz);
	if (ph->p_vaddr < HIGHER_HALF_START)
		FAIL("segment %u: vaddr 0x%llx is not in the higher half", i,
		     (unsigned long long)ph->p_vaddr);
	if (ph->p_memsz > KERNEL_MAX_SPAN || ph->p_vaddr + ph->p_memsz < ph->p_vaddr)
		FAIL("segment %u: memory size 0x%llx is not sane", i,
		     (unsigned long long)ph->p_memsz);
	if ((ph->p_vaddr - ph->p_offset) & PAGE_MASK_4K)
		FAIL("segment %u: vaddr and file offset differ modulo 4 KiB", i);
	return 0;
}

int elf_check_segments(const Elf64_Ehdr *eh, const Elf64_Phdr *ph, uint64_t size,
		       struct kernel_image *img, char *why, size_t why_size)
{
	uint64_t vstart = UINT64_MAX, vend = 0, delta = 0;
	unsigned loads = 0;
	int entry_ok = 0;

	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *p = &ph[i];
		uint64_t lo, hi;

		if (p->p_type != PT_LOAD || p->p_memsz == 0)
			continue;
		if (check_segment(p, i, size, why, why_size))
			return -1;
		if (loads++ == 0)
			delta = p->p_vaddr - p->p_paddr;
		else if (p->p_vaddr - p->p_paddr != delta)
			FAIL("segment %u: physical offset differs from segment 0's", i);
		lo = p->p_vaddr & ~PAGE_MASK_4K;
		hi = (p->p_vaddr + p->p_memsz + PAGE_MASK_4K) & ~PAGE_MASK_4K;
		if (hi == 0)
			FAIL("segment %u: runs to the end of the address space", i);
		/* Segments are mapped with 4 KiB pages: no page may be shared. */
		for (unsigned j = 0; j < i; j++) {
			const Elf64_Phdr *q = &ph[j];
			uint64_t qlo, qhi;

			if (q->p_type != PT_LOAD || q->p_memsz == 0)
				continue;
			qlo = q->p_vaddr & ~PAGE_MASK_4K;
			qhi = (q->p_vaddr + q->p_memsz + PAGE_MASK_4K) & ~PAGE_MASK_4K;
			if (lo < qhi && qlo < hi)
				FAIL("segments %u and %u overlap", j, i);
		}
		if (lo < vstart)
			vstart = lo;
		if (hi > vend)
			vend = hi;
		if ((p->p_flags & PF_X) && eh->e_entry >= p->p_vaddr &&
		    eh->e_entry < p->p_vaddr + p->p_memsz)
			entry_ok = 1;
	}
	if (!loads)
		FAIL("no loadable segments");
	if (vend - vstart > KERNEL_MAX_SPAN)
		FAIL("image spans 0x%llx bytes, more than the 1 GiB limit",
		     (unsigned long long)(vend - vstart));
	if (!entry_ok)
		FAIL("entry point 0x%llx is not in an executable segment",
		     (unsigned long long)eh->e_entry);

	img->entry = eh->e_entry;
	img->vstart = vstart;
	img->vend = vend;
	img->pstart = vstart - delta;
	img->phdrs = ph;
	img->phnum = eh->e_phnum;
	return 0;
}
