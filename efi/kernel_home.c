// SPDX-License-Identifier: MIT
/*
 * The free set is built the simple way: every free descriptor, sorted and
 * merged, then every other descriptor cut out of it. Each cut splits at
 * most one range, so the ranges never outnumber the descriptors.
 */
#include "kernel_home.h"
#include <lib/sort.h>
#include <lib/string.h>

#define PAGE_MASK_4K 0xfffull

static int free_type(const struct efi_memory_desc *d)
{
	if (d->attribute & EFI_MEMORY_SP)
		return 0;
	return d->type == EFI_CONVENTIONAL_MEMORY || d->type == EFI_BOOT_SERVICES_CODE ||
	       d->type == EFI_BOOT_SERVICES_DATA;
}

/* [*start, *end) of @d; false when it is empty or runs past 2^64. */
static int desc_range(const struct efi_memory_desc *d, uint64_t *start, uint64_t *end)
{
	*start = d->phys_addr;
	if (!d->num_pages || d->num_pages > (UINT64_MAX >> EFI_PAGE_SHIFT))
		return 0;
	*end = d->phys_addr + (d->num_pages << EFI_PAGE_SHIFT);
	return *end > *start;
}

static int range_cmp(const void *a, const void *b)
{
	const struct efi_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

size_t efi_ranges_merge(struct efi_range *r, size_t n)
{
	size_t w = 0;

	sort(r, n, sizeof(*r), range_cmp);
	for (size_t i = 0; i < n; i++) {
		if (w && r[i].start <= r[w - 1].end) {
			if (r[i].end > r[w - 1].end)
				r[w - 1].end = r[i].end;
			continue;
		}
		r[w++] = r[i];
	}
	return w;
}

/* Remove [cs, ce) from the @n sorted, disjoint ranges; returns the new count. */
static size_t cut(struct efi_range *r, size_t n, uint64_t cs, uint64_t ce)
{
	for (size_t i = 0; i < n; i++) {
		if (r[i].end <= cs || r[i].start >= ce)
			continue;
		if (r[i].start < cs && r[i].end > ce) { /* a hole in the middle */
			memmove(&r[i + 2], &r[i + 1], (n - i - 1) * sizeof(*r));
			r[i + 1] = (struct efi_range){ ce, r[i].end };
			r[i].end = cs;
			return n + 1;
		}
		if (r[i].start < cs)
			r[i].end = cs;
		else if (r[i].end > ce)
			r[i].start = ce;
		else
			r[i].start = r[i].end; /* all of it: left empty, skipped below */
	}
	return n;
}

uint64_t efi_kernel_home(const void *map, size_t map_size, size_t desc_size, uint64_t bytes,
			 uint64_t floor, struct efi_range *scratch)
{
	const char *p = map;
	size_t n = 0;
	uint64_t s, e;

	if (desc_size < sizeof(struct efi_memory_desc) || !bytes)
		return 0;
	bytes = (bytes + PAGE_MASK_4K) & ~PAGE_MASK_4K;
	if (!bytes) /* rounded past 2^64 */
		return 0;
	floor = floor < 4096 ? 4096 : (floor + PAGE_MASK_4K) & ~PAGE_MASK_4K;
	for (size_t off = 0; off + desc_size <= map_size; off += desc_size) {
		struct efi_memory_desc d;

		memcpy(&d, p + off, sizeof(d)); /* the stride may misalign it */
		if (free_type(&d) && desc_range(&d, &s, &e))
			scratch[n++] = (struct efi_range){ s, e };
	}
	n = efi_ranges_merge(scratch, n);
	for (size_t off = 0; off + desc_size <= map_size; off += desc_size) {
		struct efi_memory_desc d;

		memcpy(&d, p + off, sizeof(d));
		if (free_type(&d) || !d.num_pages)
			continue;
		if (!desc_range(&d, &s, &e))
			e = UINT64_MAX; /* wraps: nothing above its start is sure */
		n = cut(scratch, n, s, e);
	}
	for (size_t i = n; i-- > 0;) {
		uint64_t lo = (scratch[i].start + PAGE_MASK_4K) & ~PAGE_MASK_4K;
		uint64_t hi = scratch[i].end & ~PAGE_MASK_4K;

		if (lo < scratch[i].start) /* rounded past 2^64 */
			continue;
		if (lo < floor)
			lo = floor;
		if (hi > lo && hi - lo >= bytes)
			return hi - bytes;
	}
	return 0;
}
