// SPDX-License-Identifier: MIT
#include "test_acpi_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const void *fm_map(void *ctx, uint64_t phys, uint64_t len)
{
	struct fake_mem *m = ctx;

	for (int i = 0; i < m->nr; i++) {
		if (phys >= m->seg[i].addr && phys - m->seg[i].addr <= m->seg[i].len &&
		    len <= m->seg[i].len - (phys - m->seg[i].addr)) {
			if (++m->live > m->max_live)
				m->max_live = m->live;
			return m->seg[i].data + (phys - m->seg[i].addr);
		}
	}
	return NULL;
}

static void fm_unmap(void *ctx, const void *virt, uint64_t len)
{
	struct fake_mem *m = ctx;

	(void)virt;
	(void)len;
	m->live--;
}

void fm_init(struct fake_mem *m)
{
	memset(m, 0, sizeof(*m));
	m->ops = (struct acpi_mem_ops){ fm_map, fm_unmap, m };
}

uint8_t *fm_add(struct fake_mem *m, uint64_t addr, uint32_t len)
{
	uint8_t *p = calloc(1, len ? len : 1);

	if (!p || m->nr >= FM_MAX)
		abort();
	m->seg[m->nr].addr = addr;
	m->seg[m->nr].data = p;
	m->seg[m->nr].len = len;
	m->nr++;
	return p;
}

void fm_free(struct fake_mem *m)
{
	for (int i = 0; i < m->nr; i++)
		free(m->seg[i].data);
	m->nr = 0;
}

void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

void put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

void put_header(uint8_t *t, const char *sig, uint32_t len, uint8_t rev)
{
	memcpy(t, sig, 4);
	put32(t + 4, len);
	t[8] = rev;
	t[9] = 0;
	memcpy(t + 10, "MMKTST", 6);
	memcpy(t + 16, "TESTTBL ", 8);
	put32(t + 24, 1);
	memcpy(t + 28, "MMK ", 4);
	put32(t + 32, 2);
}

uint8_t fix_checksum(uint8_t *t, uint32_t len, uint32_t at)
{
	unsigned sum = 0;

	t[at] = 0;
	for (uint32_t i = 0; i < len; i++)
		sum += t[i];
	t[at] = (uint8_t)(0x100 - (sum & 0xff));
	return t[at];
}

uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return NULL;
	}
	p = malloc(n ? (size_t)n : 1);
	if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
		free(p);
		p = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return p;
}

uint8_t *read_aml(const char *name, size_t *len)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s.aml", ACPI_AML_DIR, name);
	return read_file(path, len);
}

uint8_t *read_data(const char *rel, size_t *len)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", ACPI_DATA_DIR, rel);
	return read_file(path, len);
}
