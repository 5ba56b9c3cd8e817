// SPDX-License-Identifier: MIT
/*
 * kmalloc: caches of 8, 16, 32, 64, 96, 128, 192, 256 ... 8192 bytes;
 * anything larger comes straight from the page allocator, and kfree tells
 * the two apart by the page (a slab page or not).
 */
#define pr_fmt(fmt) fmt

#include "internal.h"
#include "slab_internal.h"
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <mm/page_alloc.h>

/* kmalloc(0) returns this, as Linux does: not NULL, never dereferenceable. */
#define ZERO_SIZE_PTR ((void *)16)

static struct kmem_cache *kmalloc_caches[KMALLOC_SHIFT_HIGH + 1];

static const char *const kmalloc_names[KMALLOC_SHIFT_HIGH + 1] = {
	[1] = "kmalloc-96",  [2] = "kmalloc-192", [3] = "kmalloc-8",   [4] = "kmalloc-16",
	[5] = "kmalloc-32",  [6] = "kmalloc-64",  [7] = "kmalloc-128", [8] = "kmalloc-256",
	[9] = "kmalloc-512", [10] = "kmalloc-1k", [11] = "kmalloc-2k", [12] = "kmalloc-4k",
	[13] = "kmalloc-8k",
};

static unsigned int kmalloc_size(unsigned int index)
{
	return index == 1 ? 96 : index == 2 ? 192 : 1U << index;
}

/* Cache index for sizes up to 192, by (size - 1) / 8: the odd sizes live here. */
static const unsigned char size_index[24] = {
	3, 4, 5, 5, 6, 6, 6, 6, 1, 1, 1, 1, 7, 7, 7, 7, 2, 2, 2, 2, 2, 2, 2, 2,
};

static inline unsigned int kmalloc_index(size_t size)
{
	if (size <= 192)
		return size_index[(size - 1) / 8];
	return 64 - (unsigned int)__builtin_clzl(size - 1);
}

void create_kmalloc_caches(void)
{
	for (unsigned int i = 1; i <= KMALLOC_SHIFT_HIGH; i++) {
		unsigned int size = kmalloc_size(i);

		/* Power-of-two sizes are naturally aligned (Linux guarantees it);
		 * above a page the slab's own alignment already gives that. */
		unsigned int align = (size & (size - 1)) ? 0 : size > PAGE_SIZE ? PAGE_SIZE : size;

		kmalloc_caches[i] = kmem_cache_create(kmalloc_names[i], size, align, 0, NULL);
		if (!kmalloc_caches[i])
			panic("SLUB: cannot create %s", kmalloc_names[i]);
	}
}

static void *kmalloc_large(size_t size, gfp_t gfp, int node)
{
	unsigned int order = 0;
	struct page *page;

	while ((PAGE_SIZE << order) < size)
		if (++order >= MAX_ORDER) {
			if (!(gfp & __GFP_NOWARN))
				pr_warn("kmalloc(%zu): larger than the largest block (%lu KiB)\n",
					size, (PAGE_SIZE << (MAX_ORDER - 1)) >> 10);
			return NULL;
		}
	page = alloc_pages_node(node, gfp, order);
	return page ? page_address(page) : NULL;
}

static inline void *__kmalloc(size_t size, gfp_t gfp, int node, unsigned long addr)
{
	if (__builtin_expect(size > KMALLOC_MAX_CACHE_SIZE, 0))
		return kmalloc_large(size, gfp, node);
	if (__builtin_expect(!size, 0))
		return ZERO_SIZE_PTR;
	if (__builtin_expect(slab_state < UP, 0)) {
		pr_err("kmalloc(%zu) before the slab allocator is up\n", size);
		return NULL;
	}
	return slab_alloc_node(kmalloc_caches[kmalloc_index(size)], gfp, node, addr);
}

void *kmalloc(size_t size, gfp_t gfp)
{
	return __kmalloc(size, gfp, NUMA_NO_NODE, (unsigned long)__builtin_return_address(0));
}

/*
 * The head page of a kmalloc'd block, or NULL (reported) for a bad
 * pointer; *@slab: a slab page (else a large block). page->flags is an
 * atomic load (page_flags()) the compiler cannot merge: read once here,
 * not again by the caller.
 */
static inline struct page *kmalloc_page(const void *p, const char *who, bool *slab)
{
	unsigned long pfn, flags;
	struct page *page;

	if ((uintptr_t)p >= page_offset_base) {
		pfn = PFN_DOWN(__pa(p));
		if (pfn_valid(pfn)) {
			page = compound_head_flags(pfn_to_page(pfn), &flags);
			*slab = flags & (1UL << PG_slab);
			/* A large block is a page-aligned buddy allocation. */
			if (*slab || (!((uintptr_t)p & (PAGE_SIZE - 1)) && page->_refcount > 0))
				return page;
		}
	}
	pr_err("%s(%p): not a pointer kmalloc returned\n", who, p);
	slab_errors++;
	return NULL;
}

void kfree(const void *p)
{
	struct page *page;
	bool slab;

	if (__builtin_expect(!p || p == ZERO_SIZE_PTR, 0))
		return;
	page = kmalloc_page(p, "kfree", &slab);
	if (!page)
		return;
	if (__builtin_expect(slab, 1))
		slab_free(page->slab_cache, page, (void *)p,
			  (unsigned long)__builtin_return_address(0));
	else
		__free_pages(page, (unsigned int)page->private);
}

size_t ksize(const void *p)
{
	struct page *page;
	bool slab;

	if (!p || p == ZERO_SIZE_PTR)
		return 0;
	page = kmalloc_page(p, "ksize", &slab);
	if (!page)
		return 0;
	if (slab)
		return ((struct kmem_cache *)page->slab_cache)->object_size;
	return PAGE_SIZE << page->private;
}
