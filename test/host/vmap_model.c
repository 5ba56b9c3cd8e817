// SPDX-License-Identifier: MIT
#include "vmap_model.h"

#include <mm/vmap_tree.h>
#include <stdlib.h>
#include <string.h>

int vmap_model_init(struct vmap_model *m, unsigned long base, size_t nr)
{
	m->base = base;
	m->nr = nr;
	m->busy = calloc(nr, 1);
	return m->busy ? 0 : -1;
}

void vmap_model_destroy(struct vmap_model *m)
{
	free(m->busy);
	m->busy = NULL;
}

unsigned long vmap_model_alloc(struct vmap_model *m, unsigned long size,
			       unsigned long align)
{
	size_t want = (size + align - VMAP_GRANULE) / VMAP_GRANULE;
	size_t n = size / VMAP_GRANULE;

	for (size_t i = 0; i < m->nr;) {
		size_t run = 0;

		while (i + run < m->nr && !m->busy[i + run])
			run++;
		if (run && run >= want) {
			unsigned long addr = m->base + i * VMAP_GRANULE;

			addr = (addr + align - 1) / align * align;
			memset(m->busy + (addr - m->base) / VMAP_GRANULE, 1, n);
			return addr;
		}
		i += run ? run : 1;
	}
	return 0;
}

void vmap_model_free(struct vmap_model *m, unsigned long addr,
		     unsigned long size)
{
	memset(m->busy + (addr - m->base) / VMAP_GRANULE, 0, size / VMAP_GRANULE);
}

size_t vmap_model_free_runs(const struct vmap_model *m)
{
	size_t runs = 0;

	for (size_t i = 0; i < m->nr; i++)
		if (!m->busy[i] && (i == 0 || m->busy[i - 1]))
			runs++;
	return runs;
}
