/* SPDX-License-Identifier: MIT */
/*
 * The slab allocator: caches of same-sized objects carved from pages of
 * the page allocator, and kmalloc on top of power-of-two caches. SLUB's
 * shape: each CPU allocates from its own "cpu slab" through a freelist no
 * one else touches (no lock on the common path); each node keeps partial
 * and full slabs on lists under a lock.
 */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include <lib/list.h>
#include <kernel/spinlock.h>
#include <mm/gfp.h>
#include <stddef.h>

typedef unsigned int slab_flags_t;

#define SLAB_HWCACHE_ALIGN 0x00002000u /* align objects to a cache line */
/* Debug features (slub_debug=FZPU, or per cache at creation): */
#define SLAB_CONSISTENCY_CHECKS 0x00000100u /* F: sanity checks on free */
#define SLAB_RED_ZONE		0x00000400u /* Z: red zones around objects */
#define SLAB_POISON		0x00000800u /* P: poison free objects */
#define SLAB_STORE_USER		0x00010000u /* U: who allocated and freed */
#define SLAB_DEBUG_FLAGS	(SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

/* Bytes written into objects and red zones (Linux's values). */
#define SLUB_RED_INACTIVE 0xbb
#define SLUB_RED_ACTIVE	  0xcc
#define POISON_FREE	  0x6b
#define POISON_END	  0xa5

#define KMALLOC_MIN_SIZE       8
#define KMALLOC_SHIFT_HIGH     13 /* kmalloc-8k is the largest cache */
#define KMALLOC_MAX_CACHE_SIZE (1UL << KMALLOC_SHIFT_HIGH)

struct kmem_cache_cpu {
	void *freelist;	   /* next free object of the cpu slab */
	struct page *page; /* the cpu slab ("frozen": on no list) */
};

struct kmem_cache_node {
	spinlock_t list_lock;
	unsigned long nr_partial;
	struct list_head partial; /* slabs with free and used objects */
	struct list_head full;	  /* slabs without a free object */
	unsigned long nr_slabs;
	unsigned long total_objects;
};

struct kmem_cache {
	struct kmem_cache_cpu *cpu_slab; /* per-CPU */
	slab_flags_t flags;
	unsigned int size;	  /* stride between objects, metadata included */
	unsigned int object_size; /* what the user asked for */
	unsigned int offset;	  /* of the free pointer in an object */
	unsigned int inuse;	  /* object plus its right red zone */
	unsigned int red_left_pad;
	unsigned int align;
	unsigned int order;	   /* of each slab */
	unsigned int objects;	   /* per slab */
	unsigned long min_partial; /* empty slabs a node keeps */
	void (*ctor)(void *);
	const char *name;
	int refcount;
	struct list_head list; /* slab_caches */
	struct kmem_cache_node *node[MAX_NUMNODES];
};

/* How far bootstrap has come (Linux's slab_state). */
enum slab_state {
	DOWN,	      /* nothing: no slab allocation at all */
	PARTIAL,      /* kmem_cache_node works: node structures can be had */
	PARTIAL_NODE, /* kmem_cache works too: caches can be created */
	UP,	      /* kmalloc works: the allocator is fully usable */
};
extern enum slab_state slab_state;

/**
 * kmem_cache_init - bring the slab allocator up, after mem_init
 *
 * The cache of kmem_cache_node structures first, with static stand-ins for
 * both bootstrap caches; then the cache of kmem_cache structures; the
 * stand-ins are then replaced by objects of their own caches, and the
 * kmalloc caches are created. Prints Linux's "SLUB:" line.
 */
void kmem_cache_init(void);

/**
 * kmem_cache_create - a cache of @size-byte objects
 * @name: kept by pointer (use a string that lives forever)
 * @align: minimum alignment (power of two, or 0)
 * @flags: SLAB_HWCACHE_ALIGN and the debug flags
 * @ctor: called on every object when its slab is created (may be NULL)
 *
 * Return: the cache, or NULL (reported) on bad arguments, before bootstrap
 * reached PARTIAL_NODE, or when out of memory.
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *));

/**
 * kmem_cache_destroy - free a cache and all its slabs
 *
 * Refuses (reports every live object and returns -EBUSY) while objects
 * are still allocated: freeing their memory would hand it out twice.
 */
int kmem_cache_destroy(struct kmem_cache *s);

/**
 * kmem_cache_shrink - give every empty slab back to the page allocator
 * Return: the number of pages freed.
 */
unsigned long kmem_cache_shrink(struct kmem_cache *s);

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp);
void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t gfp, int node);
void kmem_cache_free(struct kmem_cache *s, void *obj);

static inline void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp)
{
	return kmem_cache_alloc(s, gfp | __GFP_ZERO);
}

/**
 * kmalloc - @size bytes, at least 8-aligned; power-of-two sizes up to a
 * page are naturally aligned. Above 8 KiB it comes straight from the page
 * allocator. Return: NULL on failure or before the allocator is UP.
 */
void *kmalloc(size_t size, gfp_t gfp);

static inline void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

/* Free what kmalloc gave (NULL is fine); a bad pointer is reported. */
void kfree(const void *p);

/* The usable size of a kmalloc'd block (>= what was asked). */
size_t ksize(const void *p);

/* Errors the debug checks and the always-on free checks reported. */
extern unsigned long slab_errors;

/*
 * The /proc/slabinfo-style dump and the memory overhead (mminfo=slabinfo).
 * Each CPU counts its own cpu slabs (on_each_cpu): call it with interrupts on.
 */
void slabinfo_show(void);

#endif
