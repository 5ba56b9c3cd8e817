/* SPDX-License-Identifier: MIT */
/*
 * Build raw firmware memory maps for the e820 tests: descriptors written at
 * any stride, with the bytes the spec struct does not cover (padding,
 * virt_addr, the stride's tail) filled with junk, as real firmware leaves
 * them.
 */
#ifndef TEST_EFI_MAP_BUILDER_H
#define TEST_EFI_MAP_BUILDER_H

#include <boot/bootinfo.h>
#include <lib/ktest.h>
#include <stddef.h>
#include <stdint.h>

/* One descriptor as a test writes it. */
struct tdesc {
	uint32_t type;
	uint64_t phys;
	uint64_t pages;
	uint64_t attr;
};

/*
 * Write @n descriptors into @buf at @stride bytes each, every byte not
 * carrying a field set to @junk. Return: the map size in bytes.
 */
size_t build_map(void *buf, size_t cap, const struct tdesc *d, size_t n,
		 size_t stride, unsigned char junk);

/* Expect @got[0..n_got) to equal @want[0..n_want) entry for entry. */
void expect_table(struct ktest *t, const struct e820_entry *got, size_t n_got,
		  const struct e820_entry *want, size_t n_want);

#endif
