/* SPDX-License-Identifier: MIT */
/*
 * Validation of the kernel ELF before the loader trusts a single field of
 * it. Pure: runs in the host tests and the fuzzer as well as the loader.
 */
#ifndef EFI_ELF_CHECK_H
#define EFI_ELF_CHECK_H

#include "elf64.h"
#include <stddef.h>

#define KERNEL_MAX_SPAN (1ull << 30) /* a kernel image larger than this is junk */
#define ELF_MAX_PHDRS 64 /* keeps the pairwise overlap check cheap */
#define HIGHER_HALF_START 0xffff800000000000ull

struct kernel_image {
	uint64_t entry;
	uint64_t vstart;   /* lowest PT_LOAD vaddr, rounded down to 4 KiB */
	uint64_t vend;     /* highest PT_LOAD end, rounded up to 4 KiB */
	uint64_t pstart;   /* physical address the image asks for at vstart */
	const Elf64_Phdr *phdrs;
	uint16_t phnum;
};

/**
 * elf_check_kernel - validate a kernel ELF image held in memory
 * @file: the file contents
 * @size: the file size in bytes
 * @img: filled in on success
 * @why: a buffer for the one-line reason on failure
 * @why_size: its size
 *
 * Checks the header (magic, class, byte order, version, machine, type),
 * that the program headers and each PT_LOAD's file data lie inside the
 * file, that every PT_LOAD is in the higher half, does not wrap, has
 * filesz <= memsz and vaddr congruent to offset modulo 4 KiB, that no two
 * PT_LOADs share a page, that the span is sane and that the entry point is
 * in an executable segment.
 *
 * Return: 0 if the image may be loaded, -1 with @why filled in otherwise.
 */
int elf_check_kernel(const void *file, uint64_t size, struct kernel_image *img,
		     char *why, size_t why_size);

#endif
