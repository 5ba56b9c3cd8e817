/* SPDX-License-Identifier: MIT */
/* What the slab files share: object layout, slab page fields, debug hooks. */
#ifndef MM_SLAB_INTERNAL_H
#define MM_SLAB_INTERNAL_H

#include <kernel/cmpxchg.h>
#include <kernel/irqflags.h>
#include <kernel/percpu.h>
#include <lib/string.h>
#include <mm/memory_model.h>
#include <mm/slab.h>

/*
 * A slab's head page: PG_slab|PG_head, slab_cache = its cache, lru = its
 * node list, freelist = first free object not held by a CPU, and next to
 * it the counters: inuse (16 bits), objects (15), frozen (1). freelist and
 * counters change together by cmpxchg_double: a free from a CPU that does
 * not own the slab pushes without a lock (slab.c, __slab_free). The page
 * allocator's order goes back into the counters' word (private) when the
 * pages return to it.
 *
 * Frozen: a CPU's cpu slab, on no list; the objects on that CPU's freelist
 * count as in use, page->freelist holds those freed by other CPUs.
 * Not frozen: on the node's partial list if page->freelist is set, else on
 * its full list; moving between lists needs the node's list_lock.
 */
#define SLAB_FROZEN (1UL << 31)

static inline unsigned long make_slab_counters(unsigned int inuse, unsigned int objects,
					       bool frozen)
{
	return inuse | (unsigned long)objects << 16 | (frozen ? SLAB_FROZEN : 0);
}

/* Relaxed loads: other CPUs may swap the pair at any time. */
static inline unsigned long slab_counters(const struct page *p)
{
	return __atomic_load_n(&p->counters, __ATOMIC_RELAXED);
}

static inline void *slab_freelist(const struct page *p)
{
	return __atomic_load_n(&p->freelist, __ATOMIC_RELAXED);
}

static inline unsigned int counters_inuse(unsigned long c)
{
	return c & 0xffff;
}

static inline unsigned int counters_objects(unsigned long c)
{
	return (c >> 16) & 0x7fff;
}

static inline unsigned int slab_inuse(const struct page *p)
{
	return counters_inuse(slab_counters(p));
}

static inline unsigned int slab_objects(const struct page *p)
{
	return counters_objects(slab_counters(p));
}

static inline bool slab_frozen(const struct page *p)
{
	return slab_counters(p) & SLAB_FROZEN;
}

/*
 * A debug cache's slab, list_lock held: no CPU swaps its pair locklessly,
 * but readers may load it meanwhile.
 */
static inline void slab_set_locked(struct page *p, void *fl, unsigned long c)
{
	__atomic_store_n(&p->freelist, fl, __ATOMIC_RELAXED);
	__atomic_store_n(&p->counters, c, __ATOMIC_RELAXED);
}

/* Only while no other CPU can reach the slab (new, or being set up). */
static inline void set_slab_counters(struct page *p, unsigned int inuse, unsigned int objects,
				     bool frozen)
{
	p->counters = make_slab_counters(inuse, objects, frozen);
}

/* Swap freelist and counters if both are still what the caller read. */
static inline bool slab_update(struct page *p, void *old_fl, unsigned long old_c, void *new_fl,
			       unsigned long new_c)
{
	return cmpxchg_double((unsigned long *)&p->freelist, (unsigned long)old_fl, old_c,
			      (unsigned long)new_fl, new_c);
}

static inline void *get_freepointer(const struct kmem_cache *s, void *obj)
{
	return *(void **)((char *)obj + s->offset);
}

static inline void set_freepointer(const struct kmem_cache *s, void *obj, void *fp)
{
	*(void **)((char *)obj + s->offset) = fp;
}

static inline void *slab_address(const struct page *page)
{
	return page_address(page);
}

/* The slab head page of any address inside a slab, or NULL. */
struct page *slab_page_of(const void *p);

extern struct list_head slab_caches;
extern struct kmem_cache *kmem_cache;

/* Debugging (slab_debug.c). */
slab_flags_t kmem_cache_debug_flags(const char *name, slab_flags_t flags);
void init_object_debug(struct kmem_cache *s, void *obj);
bool alloc_debug_processing(struct kmem_cache *s, struct page *page, void *obj, unsigned long addr);
bool free_debug_processing(struct kmem_cache *s, struct page *page, void *obj, unsigned long addr);
void slab_err(struct kmem_cache *s, struct page *page, const void *obj, const char *what);
void print_tracking(struct kmem_cache *s, void *obj);
unsigned int debug_metadata_size(slab_flags_t flags);

/* The slow paths (slab.c): a new cpu slab, a free to a slab not ours. */
void *__slab_alloc(struct kmem_cache *s, gfp_t gfp, int node, struct kmem_cache_cpu *c);
void __slab_free(struct kmem_cache *s, struct page *page, void *obj);

/*
 * Debug caches (slab.c): every allocation and free under the node's
 * list_lock, with the debug checks; never a cpu slab, never lockless.
 */
void *alloc_debug_locked(struct kmem_cache *s, gfp_t gfp, int node, unsigned long addr);
void free_to_partial_list(struct kmem_cache *s, struct page *page, void *obj, unsigned long addr);

/*
 * The fast paths, inline so kmalloc and kmem_cache_alloc pay no extra
 * call: pop from / push to this CPU's freelist with interrupts off. Debug
 * caches take none of them: their checks walk freelists and rewrite
 * objects, which only the list_lock keeps still (SLUB: kmem_cache_debug). Only
 * this CPU touches its kmem_cache_cpu, and only with interrupts off (the
 * flush of another CPU's slab runs on that CPU, flush_all), so nothing can
 * interleave: no lock and no atomic instruction. SLUB instead pairs the
 * freelist with a transaction id and swaps both with cmpxchg16b, which
 * needs no interrupt masking: measured on the host bench (fastest of 21,
 * slab.kmalloc_64_hot) 33.3 ticks per kmalloc+kfree against 19.9 for the
 * interrupt masking (13.3 once the simulator's masking was inlined). The
 * cmpxchg16b there had a lock prefix, which SLUB's per-CPU one
 * (this_cpu_cmpxchg_double, %gs-relative) does not need; without it the
 * bench host (AMD EPYC) is no faster: a stand-alone pop+push loop took
 * ~29 ticks per pair with cmpxchg16b, locked or not, against ~7 with the
 * masking (test/README.md, Benchmarks).
 */
static inline void *slab_alloc_node(struct kmem_cache *s, gfp_t gfp, int node, unsigned long addr)
{
	struct kmem_cache_cpu *c;
	unsigned long flags;
	void *obj;

	if (__builtin_expect(s->flags & SLAB_DEBUG_FLAGS, 0)) {
		obj = alloc_debug_locked(s, gfp, node, addr);
	} else {
		flags = local_irq_save();
		c = this_cpu_ptr(s->cpu_slab);
		obj = c->freelist;
		if (__builtin_expect(obj && (node == NUMA_NO_NODE || page_to_nid(c->page) == node),
				     1))
			c->freelist = get_freepointer(s, obj);
		else
			obj = __slab_alloc(s, gfp, node, c);
		local_irq_restore(flags);
	}
	if (__builtin_expect(!obj, 0))
		return NULL;
	if (__builtin_expect(gfp & __GFP_ZERO, 0))
		memset(obj, 0, s->object_size);
	return obj;
}

/* Our own cpu slab: onto our freelist; any other slab: __slab_free. */
static inline void slab_free(struct kmem_cache *s, struct page *page, void *obj, unsigned long addr)
{
	struct kmem_cache_cpu *c;
	unsigned long flags;

	if (__builtin_expect(s->flags & SLAB_DEBUG_FLAGS, 0)) {
		free_to_partial_list(s, page, obj, addr);
		return;
	}
	flags = local_irq_save();
	c = this_cpu_ptr(s->cpu_slab);
	if (__builtin_expect(page == c->page, 1)) {
		/* The cheapest double-free check: freeing the list head again. */
		if (__builtin_expect(obj == c->freelist, 0)) {
			local_irq_restore(flags);
			slab_err(s, page, obj, "double free (object is already free)");
			return;
		}
		set_freepointer(s, obj, c->freelist);
		c->freelist = obj;
		local_irq_restore(flags);
		return;
	}
	local_irq_restore(flags);
	__slab_free(s, page, obj);
}

#endif
