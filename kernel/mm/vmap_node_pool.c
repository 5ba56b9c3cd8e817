// SPDX-License-Identifier: MIT
/* The range allocator's node pool: see vmap_node_pool.h for why. */
#include "vmap_node_pool.h"

#include <mm/page_alloc.h>

struct vmap_area *vmap_node_pool_alloc(void *ctx)
{
	struct vmap_node_pool *pool = ctx;
	struct vmap_area *va;

	if (!pool->free) {
		unsigned long page = __get_free_page(GFP_KERNEL);
		struct vmap_area *nodes = (struct vmap_area *)page;

		if (!page)
			return NULL;
		for (size_t i = 0; i < PAGE_SIZE / sizeof(*nodes); i++)
			vmap_node_pool_free(pool, &nodes[i]);
		pool->pages++;
	}
	va = pool->free;
	pool->free = va->left;
	return va;
}

void vmap_node_pool_free(void *ctx, struct vmap_area *va)
{
	struct vmap_node_pool *pool = ctx;

	va->left = pool->free;
	pool->free = va;
}
