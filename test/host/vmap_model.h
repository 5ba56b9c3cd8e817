/* SPDX-License-Identifier: MIT */
/*
 * A reference model of the vmalloc range allocator (mm/vmap_tree.h): one
 * byte per granule and a linear scan, too slow for a kernel and too simple
 * to be wrong. Shared by the host tests and the fuzzer.
 */
#ifndef TEST_VMAP_MODEL_H
#define TEST_VMAP_MODEL_H

#include <stdbool.h>
#include <stddef.h>

struct vmap_model {
	unsigned long base;   /* address of granule 0 */
	size_t nr;            /* granules in the space */
	unsigned char *busy;  /* one flag per granule */
};

/* Return: 0, or -1 if out of memory. */
int vmap_model_init(struct vmap_model *m, unsigned long base, size_t nr);
void vmap_model_destroy(struct vmap_model *m);

/*
 * The documented rule, applied literally: the lowest free run of at least
 * size + align - granule bytes, the block at its first aligned address.
 * Return: the address, or 0 if no run is long enough.
 */
unsigned long vmap_model_alloc(struct vmap_model *m, unsigned long size,
			       unsigned long align);

void vmap_model_free(struct vmap_model *m, unsigned long addr,
		     unsigned long size);

/* Free runs in the model: what the free tree's node count must be. */
size_t vmap_model_free_runs(const struct vmap_model *m);

#endif
