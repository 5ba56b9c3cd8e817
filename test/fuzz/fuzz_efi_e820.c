// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for efi_map_to_e820(): firmware maps are untrusted
 * input to the loader, so any bytes must give either an error or a table
 * that keeps the boot protocol's promises.
 *
 * Input: byte 0 picks desc_size, byte 1 the output capacity, the rest is
 * the map. After the call, checked against a model written here (not the
 * code under test): the error cases, sortedness, merging, exact coverage
 * of each output entry by input descriptors of its type and back, and, by
 * ASan on an exactly sized buffer, no write beyond the capacity.
 *
 * The same map then goes through efi_kernel_home() (where the loader moves
 * the kernel image after ExitBootServices), its size from byte 1, checked
 * against a search written here: every page-aligned top a descriptor
 * edge gives, highest first, the first placement that lies in free
 * descriptors and touches no other.
 */
#include <efi_e820.h>
#include <kernel_home.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned __int128 u128; /* ends up to 2^64 without wrapping */

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_efi_e820: invariant broken: %s\n", what);
	abort();
}

/* Linux 6.1 setup_e820(), soft reserve on, restated independently. */
static uint32_t model_type(const struct efi_memory_desc *d)
{
	switch (d->type) {
	case 1: case 2: case 3: case 4: case 7:
		return d->attribute & EFI_MEMORY_SP ? E820_TYPE_SOFT_RESERVED
						    : E820_TYPE_RAM;
	case 0: case 5: case 6: case 11: case 12: case 13:
		return E820_TYPE_RESERVED;
	case 8: return E820_TYPE_UNUSABLE;
	case 9: return E820_TYPE_ACPI;
	case 10: return E820_TYPE_NVS;
	case 14: return E820_TYPE_PMEM;
	default: return 0;
	}
}

struct piece {
	u128 start, end;
	uint32_t type;
};

/* The descriptors the model keeps: known type, non-empty, below 2^64. */
static size_t model_pieces(const unsigned char *map, size_t size, size_t dsz,
			   struct piece *p)
{
	size_t n = 0;

	for (size_t off = 0; off + dsz <= size; off += dsz) {
		struct efi_memory_desc d;
		u128 end;

		memcpy(&d, map + off, sizeof(d));
		end = (u128)d.phys_addr + ((u128)d.num_pages << 12);
		/* A size of 2^64 (all of it, from 0) does not fit a u64 either. */
		if (!model_type(&d) || !d.num_pages || end > ((u128)1 << 64) ||
		    end - d.phys_addr == ((u128)1 << 64))
			continue;
		p[n++] = (struct piece){ d.phys_addr, end, model_type(&d) };
	}
	return n;
}

/* Is [start, end) covered by the union of pieces of @type? */
static int covered(const struct piece *p, size_t n, uint32_t type, u128 start,
		   u128 end)
{
	u128 cur = start;

	while (cur < end) {
		u128 best = cur;

		for (size_t i = 0; i < n; i++)
			if (p[i].type == type && p[i].start <= cur &&
			    p[i].end > best)
				best = p[i].end;
		if (best == cur)
			return 0;
		cur = best;
	}
	return 1;
}

static void check_table(const struct e820_entry *out, size_t n,
			const struct piece *p, size_t np)
{
	for (size_t i = 0; i < n; i++) {
		u128 end = (u128)out[i].addr + out[i].size;

		if (!out[i].size)
			fail("empty entry");
		if (end > ((u128)1 << 64))
			fail("entry past 2^64");
		if (i && out[i - 1].addr > out[i].addr)
			fail("not sorted");
		if (i && out[i - 1].type == out[i].type &&
		    (u128)out[i - 1].addr + out[i - 1].size == out[i].addr &&
		    (u128)out[i - 1].size + out[i].size < ((u128)1 << 64))
			fail("touching entries of one type not merged");
		if (!covered(p, np, out[i].type, out[i].addr, end))
			fail("entry not covered by input of its type");
	}
	/* Back: every kept descriptor lies inside one entry of its type. */
	for (size_t k = 0; k < np; k++) {
		size_t i;

		for (i = 0; i < n; i++)
			if (out[i].type == p[k].type && out[i].addr <= p[k].start &&
			    (u128)out[i].addr + out[i].size >= p[k].end)
				break;
		if (i == n)
			fail("input descriptor missing from the table");
	}
}

#define HOME_FLOOR 0x100000u
#define U64_END ((u128)1 << 64)

static int home_free_type(const struct efi_memory_desc *d)
{
	return (d->type == 3 || d->type == 4 || d->type == 7) && !(d->attribute & EFI_MEMORY_SP);
}

/* [start, end) of the descriptor at @off; a wrapping end is 2^64 or more. */
static struct efi_memory_desc desc_at(const unsigned char *map, size_t off, u128 *end)
{
	struct efi_memory_desc d;

	memcpy(&d, map + off, sizeof(d));
	*end = (u128)d.phys_addr + ((u128)d.num_pages << 12);
	return d;
}

/* Free descriptors count only when non-empty and ending below 2^64. */
static int home_placement_ok(const unsigned char *map, size_t size, size_t dsz, u128 a, u128 len)
{
	static struct piece free_pieces[4096 / 40 + 1];
	size_t nf = 0;

	for (size_t off = 0; off + dsz <= size; off += dsz) {
		u128 end;
		struct efi_memory_desc d = desc_at(map, off, &end);

		if (!d.num_pages)
			continue;
		if (home_free_type(&d)) {
			if (end < U64_END)
				free_pieces[nf++] = (struct piece){ d.phys_addr, end, 1 };
		} else if (d.phys_addr < a + len && a < end) {
			return 0;
		}
	}
	return covered(free_pieces, nf, 1, a, a + len);
}

static int u128_desc(const void *x, const void *y)
{
	u128 a = *(const u128 *)x, b = *(const u128 *)y;

	return a < b ? 1 : a > b ? -1 : 0;
}

static void check_kernel_home(const unsigned char *map, size_t size, size_t dsz, uint8_t sel)
{
	static u128 tops[2 * (4096 / 40 + 1)];
	static struct efi_range scratch[4096 / 40 + 1];
	u128 len = ((u128)(sel & 0x3f) + 1) << (sel & 0x40 ? 16 : 12), want = 0;
	uint64_t got;
	size_t nt = 0;

	if (sel & 0x80) /* and sizes off the page grid */
		len -= sel & 0x3f;
	for (size_t off = 0; off + dsz <= size; off += dsz) {
		u128 end;
		struct efi_memory_desc d = desc_at(map, off, &end);

		if (!d.num_pages)
			continue;
		if (home_free_type(&d) && end < U64_END)
			tops[nt++] = end & ~(u128)0xfff;
		else if (!home_free_type(&d))
			tops[nt++] = (u128)d.phys_addr & ~(u128)0xfff;
	}
	qsort(tops, nt, sizeof(*tops), u128_desc);
	len = (len + 0xfff) & ~(u128)0xfff;
	for (size_t i = 0; i < nt; i++)
		if (tops[i] >= HOME_FLOOR + len &&
		    home_placement_ok(map, size, dsz, tops[i] - len, len)) {
			want = tops[i] - len;
			break;
		}
	got = efi_kernel_home(map, size, dsz, (uint64_t)len, HOME_FLOOR, scratch);
	if (got != want) {
		fprintf(stderr, "efi_kernel_home: 0x%llx, the search: 0x%llx\n",
			(unsigned long long)got, (unsigned long long)want);
		fail("kernel home is not the highest free placement");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct piece pieces[4096 / 40 + 1];
	struct e820_entry *out;
	size_t dsz, max, np, nr = 99, map_size;
	unsigned char *map;
	enum efi_e820_result r;

	if (size < 2 || size > 2 + 4096)
		return -1;
	/* Mostly multiples of 8 from 40 up; sometimes anything below 64. */
	dsz = data[0] & 0x80 ? data[0] & 0x3f : 40 + 8 * (data[0] & 0x0f);
	map_size = size - 2;
	/* An exact-size copy: ASan sees any read past the map. */
	map = malloc(map_size ? map_size : 1);
	memcpy(map, data + 2, map_size);
	np = dsz >= sizeof(struct efi_memory_desc) ?
		model_pieces(map, map_size, dsz, pieces) : 0;
	/* Capacity around the need, and zero; exact size for ASan. */
	max = data[1] == 0xff ? np : data[1] % (np + 2);
	out = malloc((max ? max : 1) * sizeof(*out));
	memset(out, 0xcc, (max ? max : 1) * sizeof(*out));

	r = efi_map_to_e820(map, map_size, dsz, out, max, &nr, NULL);
	if (dsz < sizeof(struct efi_memory_desc)) {
		if (r != EFI_E820_BAD_DESC_SIZE || nr != 0)
			fail("short desc_size accepted");
	} else if (np > max) {
		if (r != EFI_E820_TOO_MANY || nr != np)
			fail("overflow not reported with the needed count");
	} else {
		if (r != EFI_E820_OK || nr > np)
			fail("fitting map refused or grown");
		check_table(out, nr, pieces, np);
	}
	if (dsz >= sizeof(struct efi_memory_desc))
		check_kernel_home(map, map_size, dsz, data[1]);
	free(out);
	free(map);
	return 0;
}
