// SPDX-License-Identifier: MIT
/*
 * Writes the fuzzer's seed corpus into the directory given: a few maps in
 * the fuzz input format (desc_size byte, capacity byte, map), shaped like
 * what firmware returns, so fuzzing starts from valid descriptors.
 */
#include <boot/bootinfo.h>
#include <stdio.h>
#include <string.h>

struct seed {
	const char *name;
	unsigned char dsz_sel; /* byte 0: 40 + 8 * (sel & 15) */
	int n;
	struct efi_memory_desc d[8];
};

static const struct seed seeds[] = {
	{ "ovmf_like", 1, 6, {
		{ 7, 0, 0x0, 0, 0xa0, 0xf }, { 7, 0, 0x100000, 0, 0x706, 0xf },
		{ 10, 0, 0x806000, 0, 2, 0xf }, { 4, 0, 0x808000, 0, 0x100, 0xf },
		{ 6, 0, 0x908000, 0, 0x10, 0x800000000000000full },
		{ 11, 0, 0xffc00000, 0, 0x400, 0x8000000000000001ull } } },
	{ "unsorted", 0, 4, {
		{ 7, 0, 0x100000000ull, 0, 0x40000, 0xf }, { 0, 0, 0xb0000000, 0, 0x10000, 1 },
		{ 3, 0, 0x200000, 0, 0x10, 0xf }, { 4, 0, 0x210000, 0, 0x10, 0xf } } },
	{ "soft_reserved", 3, 3, {
		{ 7, 0, 0x1000, 0, 1, 0xf }, { 7, 0, 0x2000, 0, 1, 0x4000f },
		{ 14, 0, 0x3000, 0, 1, 0xf } } },
	{ "zero_pages", 1, 4, {
		{ 7, 0, 0x0, 0, 0, 0xf }, { 7, 0, 0x100000, 0, 0x100, 0xf },
		{ 0, 0, 0x200000, 0, 0, 1 }, { 4, 0, 0x200000, 0, 0x10, 0xf } } },
	{ "wrapping", 1, 3, {
		{ 7, 0, 0x100000, 0, 0x100, 0xf },
		{ 7, 0, 0xffffffffff000000ull, 0, 0x2000, 0xf },
		{ 0, 0, 0x0, 0, 0x20000000000000ull, 1 } } },
	{ "top_of_space", 1, 2, {
		{ 7, 0, 0xfffffffffffff000ull, 0, 1, 0xf },
		{ 9, 0, 0x0, 0, 0xfffffffffffffull, 0xf } } },
};

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	for (size_t i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		const struct seed *s = &seeds[i];
		size_t dsz = 40 + 8 * (s->dsz_sel & 15);
		unsigned char buf[2 + 8 * 160];
		char path[4096];
		FILE *f;

		memset(buf, 0, sizeof(buf));
		buf[0] = s->dsz_sel;
		buf[1] = 0xff; /* capacity: exactly what is needed */
		for (int k = 0; k < s->n; k++)
			memcpy(buf + 2 + k * dsz, &s->d[k], sizeof(s->d[k]));
		snprintf(path, sizeof(path), "%s/%s", argv[1], s->name);
		f = fopen(path, "wb");
		if (!f || fwrite(buf, 1, 2 + s->n * dsz, f) != 2 + s->n * dsz)
			return 1;
		fclose(f);
	}
	return 0;
}
