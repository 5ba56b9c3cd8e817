/* SPDX-License-Identifier: MIT */
/*
 * Tree nodes for vmalloc's range allocator, carved from whole pages of the
 * page allocator. Not kmalloc: vmalloc must not depend on the slab
 * allocator, which may one day take its large buffers from vmalloc.
 * Pages are never given back: the pool stays at the high-water mark of
 * areas (a page holds 85 nodes of 48 bytes), like a slab cache that is
 * never shrunk.
 */
#ifndef MM_VMAP_NODE_POOL_H
#define MM_VMAP_NODE_POOL_H

#include <mm/vmap_tree.h>

struct vmap_node_pool {
	struct vmap_area *free; /* chained through ->left */
	unsigned long pages;
};

/* vmap_node_ops callbacks; @ctx is the pool. Callers hold the vmalloc lock. */
struct vmap_area *vmap_node_pool_alloc(void *ctx);
void vmap_node_pool_free(void *ctx, struct vmap_area *va);

#endif
