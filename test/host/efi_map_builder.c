// SPDX-License-Identifier: MIT
/* Test memory-map builder and e820 table comparison. */
#include "efi_map_builder.h"
#include <string.h>

size_t build_map(void *buf, size_t cap, const struct tdesc *d, size_t n,
		 size_t stride, unsigned char junk)
{
	unsigned char *p = buf;

	if (n * stride > cap)
		return 0; /* the caller's buffer is too small: a test bug */
	memset(buf, junk, n * stride);
	for (size_t i = 0; i < n; i++) {
		struct efi_memory_desc e;

		/* Junk in pad and virt_addr too: they must not matter. */
		memset(&e, junk, sizeof(e));
		e.type = d[i].type;
		e.phys_addr = d[i].phys;
		e.num_pages = d[i].pages;
		e.attribute = d[i].attr;
		memcpy(p + i * stride, &e, sizeof(e));
	}
	return n * stride;
}

void expect_table(struct ktest *t, const struct e820_entry *got, size_t n_got,
		  const struct e820_entry *want, size_t n_want)
{
	KTEST_EXPECT_EQ(t, n_got, n_want);
	for (size_t i = 0; i < n_got && i < n_want; i++) {
		if (got[i].addr == want[i].addr && got[i].size == want[i].size &&
		    got[i].type == want[i].type)
			continue;
		ktest_printf(t, "entry %zu: got %#llx+%#llx type %u, want %#llx+%#llx type %u",
			     i, (unsigned long long)got[i].addr,
			     (unsigned long long)got[i].size, got[i].type,
			     (unsigned long long)want[i].addr,
			     (unsigned long long)want[i].size, want[i].type);
		KTEST_EXPECT_EQ(t, got[i].addr, want[i].addr);
		KTEST_EXPECT_EQ(t, got[i].size, want[i].size);
		KTEST_EXPECT_EQ(t, got[i].type, want[i].type);
		return; /* the first difference is enough to read */
	}
}
