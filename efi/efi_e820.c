// SPDX-License-Identifier: MIT
/*
 * The EFI -> e820 conversion of Linux's EFI stub (setup_e820()), plus the
 * sort that the stub leaves to the kernel: firmware maps are not always
 * sorted (OVMF with 4 GiB returns MMIO after the high RAM), and a sorted,
 * merged table is part of our boot protocol.
 */
#include "efi_e820.h"
#include <lib/sort.h>

uint32_t efi_mem_to_e820_type(uint32_t type, uint64_t attribute)
{
	switch (type) {
	case EFI_RESERVED_TYPE:
	case EFI_RUNTIME_SERVICES_CODE:
	case EFI_RUNTIME_SERVICES_DATA:
	case EFI_MEMORY_MAPPED_IO:
	case EFI_MEMORY_MAPPED_IO_PORT_SPACE:
	case EFI_PAL_CODE:
		return E820_TYPE_RESERVED;
	case EFI_UNUSABLE_MEMORY:
		return E820_TYPE_UNUSABLE;
	case EFI_ACPI_RECLAIM_MEMORY:
		return E820_TYPE_ACPI;
	case EFI_LOADER_CODE:
	case EFI_LOADER_DATA:
	case EFI_BOOT_SERVICES_CODE:
	case EFI_BOOT_SERVICES_DATA:
	case EFI_CONVENTIONAL_MEMORY:
		/* Specific-purpose memory is held back from the page allocator. */
		if (attribute & EFI_MEMORY_SP)
			return E820_TYPE_SOFT_RESERVED;
		return E820_TYPE_RAM;
	case EFI_ACPI_MEMORY_NVS:
		return E820_TYPE_NVS;
	case EFI_PERSISTENT_MEMORY:
		return E820_TYPE_PMEM;
	default:
		/* Includes EFI_UNACCEPTED_MEMORY, which 6.1 does not know. */
		return 0;
	}
}

static int e820_cmp_addr(const void *a, const void *b)
{
	const struct e820_entry *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	/* Equal starts: order by type, then size, so the result is unique. */
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	return 0;
}

enum efi_e820_result efi_map_to_e820(const void *map, size_t map_size,
				     size_t desc_size, struct e820_entry *out,
				     size_t max, size_t *nr_out,
				     struct efi_e820_stats *stats)
{
	struct efi_e820_stats st = { 0 };
	const unsigned char *p = map;
	size_t n = 0, w;

	*nr_out = 0;
	if (desc_size < sizeof(struct efi_memory_desc))
		return EFI_E820_BAD_DESC_SIZE;

	for (size_t off = 0; off + desc_size <= map_size; off += desc_size) {
		/* Copied: a firmware stride need not keep u64 fields aligned. */
		struct efi_memory_desc dc, *d = &dc;
		uint64_t size;
		uint32_t type;

		__builtin_memcpy(&dc, p + off, sizeof(dc));
		size = d->num_pages << EFI_PAGE_SHIFT;

		st.descriptors++;
		type = efi_mem_to_e820_type(d->type, d->attribute);
		if (!type) {
			st.skipped_type++;
			continue;
		}
		if (d->num_pages == 0) {
			st.skipped_empty++;
			continue;
		}
		if (d->num_pages > (UINT64_MAX >> EFI_PAGE_SHIFT) ||
		    d->phys_addr > UINT64_MAX - size + 1) {
			st.skipped_wrap++;
			continue;
		}
		if (n < max)
			out[n] = (struct e820_entry){ d->phys_addr, size, type, 0 };
		n++;
	}
	if (stats)
		*stats = st;
	if (n > max) {
		*nr_out = n;
		return EFI_E820_TOO_MANY;
	}

	sort(out, n, sizeof(*out), e820_cmp_addr);

	/*
	 * Merge touching entries of one type, as the stub does; but not into
	 * a size of 2^64, which a u64 would hold as 0.
	 */
	w = 0;
	for (size_t i = 0; i < n; i++) {
		if (w && out[w - 1].type == out[i].type &&
		    out[w - 1].addr + out[w - 1].size == out[i].addr &&
		    out[i].size <= UINT64_MAX - out[w - 1].size) {
			out[w - 1].size += out[i].size;
			continue;
		}
		out[w++] = out[i];
	}
	*nr_out = w;
	return EFI_E820_OK;
}
