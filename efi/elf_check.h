/* SPDX-License-Identifier: MIT */
/*
 * Validation of the kernel ELF before the loader trusts a single field of
 * it: the header, then the program headers, each checked against the
 * file's size before anything is read from where it points. Pure
 * functions of their input.
 */
#ifndef EFI_ELF_CHECK_H
#define EFI_ELF_CHECK_H

#include "elf64.h"
#include <stddef.h>

#define KERNEL_MAX_SPAN	  (1ull << 30) /* a kernel image larger than this is junk */
#define ELF_MAX_PHDRS	  64	       /* keeps the pairwise overlap check cheap */
#define HIGHER_HALF_START 0xffff800000000000ull

struct kernel_image {
	uint64_t entry;
	uint64_t vstart; /* lowest PT_LOAD vaddr, rounded down to 4 KiB */
	uint64_t vend;	 /* highest PT_LOAD end, rounded up to 4 KiB */
	uint64_t pstart; /* physical address the image asks for at vstart */
	const Elf64_Phdr *phdrs;
	uint16_t phnum;
};

/**
 * elf_check_header - validate a kernel ELF's file header
 * @eh: the first bytes of the file (zero-filled past its end)
 * @size: the file size in bytes
 * @why: a buffer for the one-line reason on failure
 * @why_size: its size
 *
 * Checks magic, class, byte order, version, machine and type, and that
 * the program headers (at most ELF_MAX_PHDRS) lie inside the file, so the
 * caller may read them from there.
 *
 * Return: 0 if the header may be trusted, -1 with @why filled in otherwise.
 */
int elf_check_header(const Elf64_Ehdr *eh, uint64_t size, char *why, size_t why_size);

/**
 * elf_check_segments - validate the program headers of a checked header
 * @eh: a header elf_check_header() accepted
 * @ph: its e_phnum program headers, read from e_phoff
 * @size: the file size in bytes
 * @img: filled in on success (img->phdrs is @ph)
 * @why: a buffer for the one-line reason on failure
 * @why_size: its size
 *
 * Checks that each PT_LOAD's file data lies inside the file, that every
 * PT_LOAD is in the higher half, does not wrap, has filesz <= memsz and
 * vaddr congruent to offset modulo 4 KiB, that no two PT_LOADs share a
 * page, that the span is sane and that the entry point is in an
 * executable segment. The file data itself is not needed: the loader
 * reads each segment only once this has passed.
 *
 * Return: 0 if the image may be loaded, -1 with @why filled in otherwise.
 */
int elf_check_segments(const Elf64_Ehdr *eh, const Elf64_Phdr *ph, uint64_t size,
		       struct kernel_image *img, char *why, size_t why_size);

#endif
