// SPDX-License-Identifier: MIT
/*
 * The slab allocator's core, after SLUB: a slab is a block of pages cut
 * into objects chained through a free pointer. Each CPU owns one slab per
 * cache (the "cpu slab", frozen: on no list) and allocates from and frees
 * to its freelist without a lock. Other slabs sit on their node's partial
 * or full list, under the node's list_lock.
 */
#define pr_fmt(fmt) fmt

#include "internal.h"
#include "slab_internal.h"
#include <kernel/panic.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <mm/nodemask.h>
#include <mm/page_alloc.h>

enum slab_state slab_state;
struct list_head slab_caches = LIST_HEAD_INIT(slab_caches);
struct kmem_cache *kmem_cache;
static struct kmem_cache *kmem_cache_node;
unsigned long slab_errors;
/* Stand-ins for the two bootstrap caches until kmem_cache can hold them. */
static struct kmem_cache boot_kmem_cache, boot_kmem_cache_node;

#define for_each_memory_node(nid) for_each_node_state(nid, N_MEMORY)

struct page *slab_page_of(const void *p)
{
	unsigned long pfn;
	struct page *page;

	if ((uintptr_t)p < page_offset_base)
		return NULL;
	pfn = PFN_DOWN(__pa(p));
	if (!pfn_valid(pfn))
		return NULL;
	page = compound_head(pfn_to_page(pfn));
	return PageSlab(page) ? page : NULL;
}

static unsigned int min_objects(void)
{
	unsigned int fls = 0;

	for (unsigned int n = nr_cpu_ids; n; n >>= 1)
		fls++;
	return 4 * (fls + 1);
}

/*
 * The smallest order that wastes at most 1/16 of the slab and holds
 * enough objects to make the per-CPU fast path pay (SLUB's heuristic),
 * capped at order 3 unless the object needs more.
 */
static unsigned int calculate_order(unsigned int size)
{
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		unsigned long bytes = PAGE_SIZE << order;
		unsigned long objs = bytes / size;

		if (!objs)
			continue;
		if ((objs >= min_objects() || order >= 3) && (bytes % size) * 16 <= bytes)
			return order;
	}
	for (unsigned int order = 0; order < MAX_ORDER; order++)
		if ((PAGE_SIZE << order) / size)
			return order;
	return MAX_ORDER;
}

static void init_kmem_cache_node(struct kmem_cache_node *n)
{
	spin_lock_init(&n->list_lock);
	n->nr_partial = 0;
	INIT_LIST_HEAD(&n->partial);
	INIT_LIST_HEAD(&n->full);
	n->nr_slabs = 0;
	n->total_objects = 0;
}

/*
 * nr_partial changes under list_lock; get_partial_node() peeks at it
 * without the lock to skip empty nodes cheaply, so it is stored whole.
 */
static void set_nr_partial(struct kmem_cache_node *n, unsigned long v)
{
	__atomic_store_n(&n->nr_partial, v, __ATOMIC_RELAXED);
}

static struct kmem_cache_node *get_node(struct kmem_cache *s, int nid)
{
	return s->node[nid];
}

static void setup_object(struct kmem_cache *s, void *obj)
{
	if (s->flags & SLAB_DEBUG_FLAGS)
		init_object_debug(s, obj);
	if (s->ctor)
		s->ctor(obj);
}

/* New pages cut into objects, all on page->freelist; on no list yet. */
static struct page *allocate_slab(struct kmem_cache *s, gfp_t gfp, int node)
{
	struct page *page = alloc_pages_node(node, gfp & ~__GFP_ZERO, s->order);
	unsigned long pfn;
	char *start;
	void *prev = NULL;

	if (!page)
		return NULL;
	pfn = page_to_pfn(page);
	for (unsigned long i = 0; i < (1UL << s->order); i++) {
		struct page *p = pfn_to_page(pfn + i);

		set_page_flags(p, page_flags(p) | 1UL << PG_slab);
		if (i) {
			set_page_flags(p, page_flags(p) | 1UL << PG_tail);
			p->lru.next = (struct list_head *)page;
		}
	}
	set_page_flags(page, page_flags(page) | 1UL << PG_head);
	page->slab_cache = s;
	start = slab_address(page);
	/* Chain back to front so the freelist runs in address order. */
	for (unsigned int i = s->objects; i-- > 0;) {
		void *obj = start + (unsigned long)i * s->size + s->red_left_pad;

		setup_object(s, obj);
		set_freepointer(s, obj, prev);
		prev = obj;
	}
	page->freelist = prev;
	set_slab_counters(page, 0, s->objects, false);
	return page;
}

static void inc_slabs_node(struct kmem_cache_node *n, unsigned int objects)
{
	n->nr_slabs++;
	n->total_objects += objects;
}

/*
 * A new slab on @node (node 0 for NUMA_NO_NODE), else on any node when a
 * node was asked for and has no pages, counted on the node it came from
 * (under that node's list_lock: shrink and destroy read the counts). It
 * is on no list yet. Return: NULL if no node had the pages.
 */
static struct page *new_slab_counted(struct kmem_cache *s, gfp_t gfp, int node)
{
	struct page *page = allocate_slab(s, gfp, node == NUMA_NO_NODE ? 0 : node);
	struct kmem_cache_node *n;
	unsigned long flags;

	if (!page && node != NUMA_NO_NODE)
		page = allocate_slab(s, gfp, NUMA_NO_NODE);
	if (!page)
		return NULL;
	n = get_node(s, page_to_nid(page));
	spin_lock_irqsave(&n->list_lock, flags);
	inc_slabs_node(n, slab_objects(page));
	spin_unlock_irqrestore(&n->list_lock, flags);
	return page;
}

/* The pages go back to the page allocator looking like any other block. */
static void free_slab(struct kmem_cache *s, struct page *page)
{
	unsigned long pfn = page_to_pfn(page);

	for (unsigned long i = 0; i < (1UL << s->order); i++) {
		struct page *p = pfn_to_page(pfn + i);

		set_page_flags(p, page_flags(p) & ~((1UL << PG_slab) | (1UL << PG_head) |
						    (1UL << PG_tail)));
		if (i)
			p->lru.next = NULL;
	}
	page->private = s->order; /* what __free_pages checks */
	page->slab_cache = NULL;
	page->freelist = NULL;
	__free_pages(page, s->order);
}

/* Take a slab off the lists (lock held); the caller frees it after unlocking. */
static void discard_slab_locked(struct kmem_cache_node *n, struct page *page)
{
	list_del(&page->lru);
	n->nr_slabs--;
	n->total_objects -= slab_objects(page);
}

/*
 * Take every free object of @page and freeze it: the CPU now holds them.
 * Other CPUs may push frees meanwhile, hence the loop.
 */
static void *acquire_slab(struct page *page)
{
	unsigned long old;
	void *fl;

	do {
		fl = slab_freelist(page);
		old = slab_counters(page);
	} while (!slab_update(page, fl, old, NULL,
			      make_slab_counters(counters_objects(old), counters_objects(old),
						 true)));
	return fl;
}

/* Make @page the CPU's slab: its whole freelist becomes the CPU's. */
static void freeze_slab(struct kmem_cache_cpu *c, struct page *page)
{
	c->freelist = acquire_slab(page);
	c->page = page;
}

/*
 * Give the CPU slab back to its node @n, list_lock held: the CPU's free
 * objects (@free of them, @tail the last) join those other CPUs freed on
 * the page's freelist, and the slab goes on the partial or full list. The
 * lock is held before the slab is unfrozen: from then on a remote free may
 * want to move it between lists. Return: the slab if it is empty and the
 * node has enough partial slabs, taken off the counts: the caller frees it
 * after unlocking.
 */
static struct page *deactivate_slab_locked(struct kmem_cache *s, struct kmem_cache_node *n,
					   struct kmem_cache_cpu *c, void *tail, unsigned int free)
{
	struct page *page = c->page;
	void *fl, *new_fl;
	unsigned int inuse;
	unsigned long old;

	do {
		fl = slab_freelist(page);
		old = slab_counters(page);
		new_fl = fl;
		if (tail) {
			set_freepointer(s, tail, fl);
			new_fl = c->freelist;
		}
		inuse = counters_inuse(old) - free;
	} while (!slab_update(page, fl, old, new_fl,
			      make_slab_counters(inuse, counters_objects(old), false)));
	c->page = NULL;
	c->freelist = NULL;
	if (!inuse && n->nr_partial >= s->min_partial) {
		n->nr_slabs--;
		n->total_objects -= slab_objects(page);
		return page;
	}
	if (new_fl) {
		list_add(&page->lru, &n->partial);
		set_nr_partial(n, n->nr_partial + 1);
	} else {
		list_add(&page->lru, &n->full);
	}
	return NULL;
}

/*
 * Give the CPU slab back to its node: on the partial or full list, or to
 * the page allocator when empty and the node has enough partial slabs.
 */
static void deactivate_slab(struct kmem_cache *s, struct kmem_cache_cpu *c)
{
	struct kmem_cache_node *n;
	struct page *discard;
	unsigned int free = 0;
	unsigned long flags;
	void *tail = NULL;

	if (!c->page)
		return;
	for (void *p = c->freelist; p; p = get_freepointer(s, p)) {
		tail = p;
		free++;
	}
	n = get_node(s, page_to_nid(c->page));
	spin_lock_irqsave(&n->list_lock, flags);
	discard = deactivate_slab_locked(s, n, c, tail, free);
	spin_unlock_irqrestore(&n->list_lock, flags);
	if (discard)
		free_slab(s, discard);
}

/* First partial slab of @n frozen as @c's (list_lock held), if any. */
static bool take_partial_locked(struct kmem_cache_node *n, struct kmem_cache_cpu *c)
{
	struct page *page;

	if (list_empty(&n->partial))
		return false;
	page = list_first_entry(&n->partial, struct page, lru);
	list_del(&page->lru);
	set_nr_partial(n, n->nr_partial - 1);
	freeze_slab(c, page);
	return true;
}

/*
 * The cpu slab is used up (no free object on the CPU's nor on the page's
 * list): put it on its node's full list and, if that node is the one to
 * allocate from, take a partial slab of it in the same lock hold (one
 * list_lock round trip instead of two for a CPU that only allocates).
 */
static bool replace_cpu_slab(struct kmem_cache *s, int node, struct kmem_cache_cpu *c)
{
	int nid = page_to_nid(c->page);
	struct kmem_cache_node *n = get_node(s, nid);
	struct page *discard;
	unsigned long flags;
	bool got = false;

	spin_lock_irqsave(&n->list_lock, flags);
	discard = deactivate_slab_locked(s, n, c, NULL, 0);
	if (nid == (node == NUMA_NO_NODE ? 0 : node))
		got = take_partial_locked(n, c);
	spin_unlock_irqrestore(&n->list_lock, flags);
	if (discard)
		free_slab(s, discard);
	return got;
}

static bool get_partial_node(struct kmem_cache *s, int nid, struct kmem_cache_cpu *c)
{
	struct kmem_cache_node *n = get_node(s, nid);
	unsigned long flags;
	bool got;

	if (!n || !__atomic_load_n(&n->nr_partial, __ATOMIC_RELAXED))
		return false;
	spin_lock_irqsave(&n->list_lock, flags);
	got = take_partial_locked(n, c);
	spin_unlock_irqrestore(&n->list_lock, flags);
	return got;
}

/* The requested node first (node 0 for "any"), then the others. */
static bool get_partial(struct kmem_cache *s, int node, struct kmem_cache_cpu *c)
{
	int nid, first = node == NUMA_NO_NODE ? 0 : node;

	if (get_partial_node(s, first, c))
		return true;
	if (node != NUMA_NO_NODE)
		return false;
	for_each_memory_node(nid)
		if (nid != first && get_partial_node(s, nid, c))
			return true;
	return false;
}

void *__slab_alloc(struct kmem_cache *s, gfp_t gfp, int node, struct kmem_cache_cpu *c)
{
	struct page *page;
	void *obj;

	if (c->page && node != NUMA_NO_NODE && page_to_nid(c->page) != node)
		deactivate_slab(s, c);
	/* What other CPUs freed to our slab meanwhile: no lock needed. */
	if (!c->freelist && c->page)
		c->freelist = acquire_slab(c->page);
	if (!c->freelist) {
		bool got = c->page && replace_cpu_slab(s, node, c);

		if (!got && !get_partial(s, node, c)) {
			page = new_slab_counted(s, gfp, node);
			if (!page)
				return NULL;
			/* No other CPU knows the new slab yet: plain stores. */
			c->freelist = page->freelist;
			page->freelist = NULL;
			set_slab_counters(page, s->objects, s->objects, true);
			c->page = page;
		}
	}
	obj = c->freelist;
	c->freelist = get_freepointer(s, obj);
	return obj;
}

/*
 * A free to a slab that is not this CPU's cpu slab. Lockless (one
 * cmpxchg_double) unless the slab is on a list and changes list: full to
 * partial, or empty and maybe freed. Then the list_lock is taken first and
 * the swap retried under it, so the slab cannot be frozen or moved under us.
 */
void __slab_free(struct kmem_cache *s, struct page *page, void *obj)
{
	struct kmem_cache_node *n = NULL;
	unsigned long old, flags = 0;
	unsigned int inuse;
	bool frozen;
	void *prior;

	for (;;) {
		prior = slab_freelist(page);
		old = slab_counters(page);
		if (obj == prior || !counters_inuse(old)) {
			if (n)
				spin_unlock_irqrestore(&n->list_lock, flags);
			slab_err(s, page, obj, "double free (object is already free)");
			return;
		}
		inuse = counters_inuse(old) - 1;
		frozen = old & SLAB_FROZEN;
		if (!n && !frozen && (!prior || !inuse)) {
			n = get_node(s, page_to_nid(page));
			spin_lock_irqsave(&n->list_lock, flags);
			continue;
		}
		set_freepointer(s, obj, prior);
		if (slab_update(page, prior, old, obj,
				make_slab_counters(inuse, counters_objects(old), frozen)))
			break;
	}
	if (!n)
		return;
	/* Frozen meanwhile, or a partial slab that stays partial: no list work. */
	if (!frozen && !prior) { /* it was full */
		list_del(&page->lru);
		list_add_tail(&page->lru, &n->partial);
		set_nr_partial(n, n->nr_partial + 1);
	}
	if (!frozen && !inuse && n->nr_partial > s->min_partial) {
		discard_slab_locked(n, page);
		set_nr_partial(n, n->nr_partial - 1);
		spin_unlock_irqrestore(&n->list_lock, flags);
		free_slab(s, page);
		return;
	}
	spin_unlock_irqrestore(&n->list_lock, flags);
}

/*
 * One object of a debug cache's slab on @n's lists, list_lock held (SLUB's
 * alloc_single_from_partial): the slab stays on its list, or goes to the
 * full one with its last object.
 */
static void *alloc_single_locked(struct kmem_cache *s, struct kmem_cache_node *n, struct page *page,
				 unsigned long addr)
{
	void *obj = slab_freelist(page);
	unsigned int inuse = slab_inuse(page) + 1;

	slab_set_locked(page, get_freepointer(s, obj),
			make_slab_counters(inuse, slab_objects(page), false));
	alloc_debug_processing(s, page, obj, addr);
	if (inuse == slab_objects(page)) {
		list_del(&page->lru);
		set_nr_partial(n, n->nr_partial - 1);
		list_add(&page->lru, &n->full);
	}
	return obj;
}

static void *alloc_debug_partial(struct kmem_cache *s, int nid, unsigned long addr)
{
	struct kmem_cache_node *n = get_node(s, nid);
	unsigned long flags;
	void *obj = NULL;

	if (!n)
		return NULL;
	spin_lock_irqsave(&n->list_lock, flags);
	if (!list_empty(&n->partial))
		obj = alloc_single_locked(s, n, list_first_entry(&n->partial, struct page, lru),
					  addr);
	spin_unlock_irqrestore(&n->list_lock, flags);
	return obj;
}

void *alloc_debug_locked(struct kmem_cache *s, gfp_t gfp, int node, unsigned long addr)
{
	int nid, first = node == NUMA_NO_NODE ? 0 : node;
	struct kmem_cache_node *n;
	struct page *page;
	unsigned long flags;
	void *obj;

	obj = alloc_debug_partial(s, first, addr);
	if (node == NUMA_NO_NODE) {
		for_each_memory_node(nid) {
			if (!obj && nid != first)
				obj = alloc_debug_partial(s, nid, addr);
		}
	}
	if (obj)
		return obj;
	page = new_slab_counted(s, gfp, node);
	if (!page)
		return NULL;
	n = get_node(s, page_to_nid(page));
	spin_lock_irqsave(&n->list_lock, flags);
	list_add(&page->lru, &n->partial);
	set_nr_partial(n, n->nr_partial + 1);
	obj = alloc_single_locked(s, n, page, addr);
	spin_unlock_irqrestore(&n->list_lock, flags);
	return obj;
}

/*
 * A debug cache's free (SLUB's free_to_partial_list): the checks and the
 * free itself in one list_lock hold, so no other CPU changes the slab
 * while its freelist is walked.
 */
void free_to_partial_list(struct kmem_cache *s, struct page *page, void *obj, unsigned long addr)
{
	struct kmem_cache_node *n = get_node(s, page_to_nid(page));
	unsigned long flags;
	unsigned int inuse;
	void *prior;

	spin_lock_irqsave(&n->list_lock, flags);
	if (!free_debug_processing(s, page, obj, addr))
		goto out;
	prior = slab_freelist(page);
	if (obj == prior || !slab_inuse(page)) {
		spin_unlock_irqrestore(&n->list_lock, flags);
		slab_err(s, page, obj, "double free (object is already free)");
		return;
	}
	inuse = slab_inuse(page) - 1;
	set_freepointer(s, obj, prior);
	slab_set_locked(page, obj, make_slab_counters(inuse, slab_objects(page), false));
	if (!inuse && n->nr_partial >= s->min_partial) {
		discard_slab_locked(n, page);
		if (prior)
			set_nr_partial(n, n->nr_partial - 1);
		spin_unlock_irqrestore(&n->list_lock, flags);
		free_slab(s, page);
		return;
	}
	if (!prior) { /* it was full */
		list_del(&page->lru);
		list_add_tail(&page->lru, &n->partial);
		set_nr_partial(n, n->nr_partial + 1);
	}
out:
	spin_unlock_irqrestore(&n->list_lock, flags);
}

void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t gfp, int node)
{
	return slab_alloc_node(s, gfp, node, (unsigned long)__builtin_return_address(0));
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	return slab_alloc_node(s, gfp, NUMA_NO_NODE, (unsigned long)__builtin_return_address(0));
}

void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	struct page *page;

	if (!obj)
		return;
	page = slab_page_of(obj);
	if (!page || page->slab_cache != s) {
		pr_err("kmem_cache_free(%s, %p): the object belongs to %s\n", s->name, obj,
		       page ? ((struct kmem_cache *)page->slab_cache)->name : "no slab cache");
		slab_errors++;
		return;
	}
	slab_free(s, page, obj, (unsigned long)__builtin_return_address(0));
}

static void flush_cpu_slab(void *cache)
{
	struct kmem_cache *s = cache;

	deactivate_slab(s, this_cpu_ptr(s->cpu_slab));
}

/*
 * Every CPU's slab back on the lists: what destroy, shrink and bootstrap
 * need. Each CPU flushes its own (a cross-CPU call, as SLUB's per-CPU
 * work): its kmem_cache_cpu is never touched from elsewhere.
 */
static void flush_all(struct kmem_cache *s)
{
	on_each_cpu(flush_cpu_slab, s, true);
}

/*
 * Object layout: [left red zone][object][right red zone][free pointer]
 * [alloc track][free track], each part only when needed. The free pointer
 * lives inside a free object unless the object must keep its contents
 * (constructor) or its poison.
 */
static bool calculate_sizes(struct kmem_cache *s)
{
	unsigned int size = ALIGN(s->object_size, (unsigned int)sizeof(void *));

	if ((s->flags & SLAB_RED_ZONE) && size == s->object_size)
		size += sizeof(void *);
	s->inuse = size;
	if ((s->flags & SLAB_POISON) || s->ctor) {
		s->offset = size;
		size += sizeof(void *);
	} else {
		s->offset = 0;
	}
	size += debug_metadata_size(s->flags);
	s->red_left_pad = 0;
	if (s->flags & SLAB_RED_ZONE) {
		s->red_left_pad = ALIGN((unsigned int)sizeof(void *), s->align);
		size += s->red_left_pad;
	}
	s->size = ALIGN(size, s->align);
	s->order = calculate_order(s->size);
	if (s->order >= MAX_ORDER)
		return false;
	s->objects = (unsigned int)((PAGE_SIZE << s->order) / s->size);
	return s->objects <= 0x7fff;
}

/* During bootstrap the node structure lives in the first object of its own slab. */
static bool early_kmem_cache_node_alloc(int nid)
{
	struct page *page = allocate_slab(kmem_cache_node, GFP_NOWAIT, nid);
	struct kmem_cache_node *n;

	if (!page)
		return false;
	n = page->freelist;
	page->freelist = get_freepointer(kmem_cache_node, n);
	set_slab_counters(page, 1, slab_objects(page), false);
	if (kmem_cache_node->flags & SLAB_DEBUG_FLAGS)
		alloc_debug_processing(kmem_cache_node, page, n, 0);
	kmem_cache_node->node[nid] = n;
	init_kmem_cache_node(n);
	inc_slabs_node(n, slab_objects(page));
	list_add(&page->lru, page->freelist ? &n->partial : &n->full);
	set_nr_partial(n, n->nr_partial + (page->freelist != NULL));
	return true;
}

static void free_kmem_cache_nodes(struct kmem_cache *s)
{
	int nid;

	for_each_memory_node(nid) {
		if (s->node[nid])
			kmem_cache_free(kmem_cache_node, s->node[nid]);
		s->node[nid] = NULL;
	}
}

static bool init_kmem_cache_nodes(struct kmem_cache *s)
{
	int nid;

	for_each_memory_node(nid) {
		struct kmem_cache_node *n;

		if (slab_state == DOWN) {
			if (!early_kmem_cache_node_alloc(nid))
				return false;
			continue;
		}
		n = kmem_cache_alloc_node(kmem_cache_node, GFP_KERNEL, nid);
		if (!n)
			return false;
		init_kmem_cache_node(n);
		s->node[nid] = n;
	}
	return true;
}

static bool kmem_cache_open(struct kmem_cache *s, const char *name, unsigned int size,
			    unsigned int align, slab_flags_t flags, void (*ctor)(void *))
{
	unsigned int a = align > sizeof(void *) ? align : (unsigned int)sizeof(void *);
	unsigned long min_partial = 0;

	s->name = name;
	s->object_size = size;
	s->ctor = ctor;
	s->flags = kmem_cache_debug_flags(name, flags);
	if (ctor)
		s->flags &= ~SLAB_POISON; /* the constructor's work must survive */
	if (s->flags & SLAB_HWCACHE_ALIGN) {
		unsigned int ralign = 64;

		/* Small objects share a cache line rather than waste it. */
		while (size <= ralign / 2)
			ralign /= 2;
		if (ralign > a)
			a = ralign;
	}
	s->align = a;
	if (!calculate_sizes(s)) {
		pr_err("kmem_cache_create(%s): objects of %u bytes do not fit a slab\n", name,
		       size);
		return false;
	}
	/* Keep ilog2(size)/2 empty slabs per node, 5 to 10, as SLUB does. */
	for (unsigned int n = s->size; n > 1; n >>= 1)
		min_partial++;
	min_partial /= 2;
	s->min_partial = min_partial < 5 ? 5 : min_partial > 10 ? 10 : min_partial;
	s->refcount = 1;
	INIT_LIST_HEAD(&s->list);
	s->cpu_slab = alloc_percpu(struct kmem_cache_cpu);
	if (!s->cpu_slab)
		return false;
	if (!init_kmem_cache_nodes(s)) {
		free_kmem_cache_nodes(s);
		free_percpu(s->cpu_slab);
		return false;
	}
	return true;
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *))
{
	struct kmem_cache *s;

	if (slab_state < PARTIAL_NODE) {
		pr_err("kmem_cache_create(%s): the slab allocator is not up yet\n",
		       name ? name : "(null)");
		return NULL;
	}
	if (!name || !size || size > (PAGE_SIZE << (MAX_ORDER - 1)) || (align & (align - 1)) ||
	    align > PAGE_SIZE) {
		pr_err("kmem_cache_create(%s): bad size %u or alignment %u\n",
		       name ? name : "(null)", size, align);
		return NULL;
	}
	s = kmem_cache_zalloc(kmem_cache, GFP_KERNEL);
	if (!s)
		return NULL;
	if (!kmem_cache_open(s, name, size, align, flags, ctor)) {
		kmem_cache_free(kmem_cache, s);
		return NULL;
	}
	list_add_tail(&s->list, &slab_caches);
	return s;
}

/*
 * Report every object still allocated in @page (with its owner if
 * tracked); the node's list_lock held, so no free changes the page's
 * freelist meanwhile.
 */
static unsigned long list_live_objects(struct kmem_cache *s, struct page *page)
{
	char *start = slab_address(page);
	unsigned long live = 0;

	for (unsigned int i = 0; i < slab_objects(page); i++) {
		void *obj = start + (unsigned long)i * s->size + s->red_left_pad;
		bool free = false;
		unsigned int steps = 0;

		for (void *p = page->freelist; p && steps++ < slab_objects(page);
		     p = get_freepointer(s, p))
			if (p == obj)
				free = true;
		if (free)
			continue;
		live++;
		pr_err("INFO: Object %p @offset=%lu still allocated\n", obj,
		       (unsigned long)((char *)obj - start));
		if (s->flags & SLAB_STORE_USER)
			print_tracking(s, obj);
	}
	return live;
}

/* Objects in use in @n's slabs; with @report, each one is reported too. */
static unsigned long node_live_objects(struct kmem_cache *s, struct kmem_cache_node *n, bool report)
{
	struct list_head *lists[] = { &n->partial, &n->full };
	unsigned long live = 0, flags;
	struct page *page;

	spin_lock_irqsave(&n->list_lock, flags);
	for (unsigned int i = 0; i < 2; i++) {
		list_for_each_entry(page, lists[i], lru) {
			live += slab_inuse(page);
			if (report)
				list_live_objects(s, page);
		}
	}
	spin_unlock_irqrestore(&n->list_lock, flags);
	return live;
}

int kmem_cache_destroy(struct kmem_cache *s)
{
	unsigned long live = 0;
	struct page *page, *next;
	int nid;

	if (!s)
		return 0;
	flush_all(s);
	for_each_memory_node(nid)
		live += node_live_objects(s, get_node(s, nid), false);
	if (live) {
		pr_err("kmem_cache_destroy %s: Slab cache still has objects (%lu live)\n", s->name,
		       live);
		for_each_memory_node(nid)
			node_live_objects(s, get_node(s, nid), true);
		slab_errors++;
		return -EBUSY;
	}
	for_each_memory_node(nid) {
		struct kmem_cache_node *n = get_node(s, nid);
		struct list_head discard = LIST_HEAD_INIT(discard);
		unsigned long flags;

		/* Off the list under the lock, back to the page allocator after. */
		spin_lock_irqsave(&n->list_lock, flags);
		list_for_each_entry_safe(page, next, &n->partial, lru) {
			list_del(&page->lru);
			list_add(&page->lru, &discard);
		}
		spin_unlock_irqrestore(&n->list_lock, flags);
		list_for_each_entry_safe(page, next, &discard, lru) {
			list_del(&page->lru);
			free_slab(s, page);
		}
	}
	list_del(&s->list);
	free_kmem_cache_nodes(s);
	free_percpu(s->cpu_slab);
	kmem_cache_free(kmem_cache, s);
	return 0;
}

unsigned long kmem_cache_shrink(struct kmem_cache *s)
{
	unsigned long slabs = 0;
	struct page *page, *next;
	int nid;

	/*
	 * Count by the nodes' slab totals: flush_all() itself may free an
	 * empty cpu slab (deactivate_slab() when the node has enough partial
	 * slabs), and those pages are freed by this call too.
	 */
	for_each_memory_node(nid) {
		struct kmem_cache_node *n = get_node(s, nid);
		unsigned long flags;

		spin_lock_irqsave(&n->list_lock, flags);
		slabs += n->nr_slabs;
		spin_unlock_irqrestore(&n->list_lock, flags);
	}
	flush_all(s);
	for_each_memory_node(nid) {
		struct kmem_cache_node *n = get_node(s, nid);
		struct list_head discard = LIST_HEAD_INIT(discard);
		unsigned long flags;

		spin_lock_irqsave(&n->list_lock, flags);
		list_for_each_entry_safe(page, next, &n->partial, lru) {
			if (slab_inuse(page))
				continue;
			discard_slab_locked(n, page);
			set_nr_partial(n, n->nr_partial - 1);
			list_add(&page->lru, &discard);
		}
		slabs -= n->nr_slabs;
		spin_unlock_irqrestore(&n->list_lock, flags);
		list_for_each_entry_safe(page, next, &discard, lru) {
			list_del(&page->lru);
			free_slab(s, page);
		}
	}
	return slabs << s->order;
}

/*
 * Replace a static bootstrap cache by an object of the kmem_cache cache:
 * copy it, then point every slab of it at the copy.
 */
static struct kmem_cache *bootstrap(struct kmem_cache *static_cache)
{
	struct kmem_cache *s = kmem_cache_zalloc(kmem_cache, GFP_NOWAIT);
	struct page *page;
	int nid;

	flush_all(static_cache);
	memcpy(s, static_cache, sizeof(*s));
	for_each_memory_node(nid) {
		struct kmem_cache_node *n = get_node(s, nid);

		list_for_each_entry(page, &n->partial, lru)
			page->slab_cache = s;
		list_for_each_entry(page, &n->full, lru)
			page->slab_cache = s;
	}
	INIT_LIST_HEAD(&s->list);
	list_add_tail(&s->list, &slab_caches);
	return s;
}

void create_kmalloc_caches(void);

void __init kmem_cache_init(void)
{
	int nodes = 0, nid;

	kmem_cache_node = &boot_kmem_cache_node;
	kmem_cache = &boot_kmem_cache;
	if (!kmem_cache_open(kmem_cache_node, "kmem_cache_node", sizeof(struct kmem_cache_node), 0,
			     SLAB_HWCACHE_ALIGN, NULL))
		panic("SLUB: cannot create the kmem_cache_node cache");
	slab_state = PARTIAL;
	if (!kmem_cache_open(kmem_cache, "kmem_cache", sizeof(struct kmem_cache), 0,
			     SLAB_HWCACHE_ALIGN, NULL))
		panic("SLUB: cannot create the kmem_cache cache");
	slab_state = PARTIAL_NODE;
	kmem_cache = bootstrap(&boot_kmem_cache);
	kmem_cache_node = bootstrap(&boot_kmem_cache_node);
	create_kmalloc_caches();
	slab_state = UP;
	for_each_memory_node(nid)
		nodes++;
	pr_info("SLUB: HWalign=64, Order=0-3, MinObjects=%u, CPUs=%u, Nodes=%d\n", min_objects(),
		nr_cpu_ids, nodes);
}
