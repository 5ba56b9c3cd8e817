// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the slab allocator under arbitrary sequences of
 * kmalloc/kfree and kmem_cache create/alloc/free/shrink/destroy on a
 * simulated 128 MiB machine booted once. Each live block carries a
 * pattern checked when it is freed (two blocks sharing memory show). The
 * slab invariants are walked every 32 operations and at the end; once an
 * input's blocks are freed, its caches destroyed and every cache shrunk,
 * the machine must be as booted (check_baseline: the boot caches with
 * their slabs, no CPU slab, every zone's free blocks of each order). After
 * an allocation failure the next input gets a freshly booted machine.
 *
 * Input: 3-byte operations, op = byte 0 % 8, a = byte 1, b = byte 2; at
 * most MAX_OPS of them (the rest is ignored: each op costs ~40 us under
 * ASan, a burst of large kzallocs far more, so an input's cost is capped).
 *   0-2 kmalloc: a bit 7 set: 8193 + (a & 0x7f) * 1024 + b (large), else
 *       1 + ((a << 8 | b) % 8192); byte 0 bit 7: kzalloc, bit 6: 32 of
 *       them (4 of a large size)
 *   3   kfree live block a (mod count); byte 0 bit 7: every second block
 *       (a & 1 picks which), and with bit 6 then all the others
 *   4   kmem_cache_create: size 1 + ((a << 8 | b) % 4096), byte 0 bits
 *       3-5 the alignment (0, 8, 16, 64, 256, 4096) or HWCACHE_ALIGN,
 *       bit 6 a constructor, bit 7 debug flags FZPU
 *   5   kmem_cache_alloc from cache a (mod count)
 *   6   kmem_cache_shrink of cache a
 *   7   kmem_cache_destroy of cache a: -EBUSY (one error) if it has live
 *       objects, else gone
 */
#include "sim.h"

#include "../../kernel/mm/slab_internal.h"
#include <asm/e820.h>
#include <asm/setup.h>
#include <kernel/percpu.h>
#include <lib/errno.h>
#include <mm/page_alloc.h>
#include <mm/page_alloc_debug.h>
#include <sanitizer/asan_interface.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_check.h"

#define MAX_LIVE    512
#define MAX_CACHES  8
#define CHECK_EVERY 32
#define MAX_OPS	    128 /* 384 bytes: MAX_LIVE blocks are reached in 16 bursts */

struct block {
	unsigned char *p;
	size_t size;
	int cache; /* index into caches[], or -1 for kmalloc */
	unsigned char pattern;
};

static struct block live[MAX_LIVE];
static unsigned int nlive;
static struct kmem_cache *caches[MAX_CACHES];
static unsigned int ncaches;
static unsigned long free0;
static struct buddy_snapshot buddy0; /* the zones' free blocks after boot */
static char why[256];
static void *free_objs[1 << 20]; /* every free object, for the duplicate check */

/* One byte: the constructor does not know the object's size (1 at least). */
static void ctor(void *p)
{
	*(unsigned char *)p = 0xc7;
}

static void boot(void)
{
	/* FUZZ_SLAB_LOG=1: the kernel's reports on stdout, to debug a crash. */
	const struct sim_log_opts log = { .to_stdout = getenv("FUZZ_SLAB_LOG") != NULL,
					  .max_level = 8 };
	static struct e820_entry fw[] = {
		{ .addr = 0x0, .size = 0x9fc00, .type = E820_TYPE_RAM },
		{ .addr = 0xf0000, .size = 0x10000, .type = E820_TYPE_RESERVED },
		{ .addr = 0x100000, .size = (128ULL << 20) - 0x100000, .type = E820_TYPE_RAM },
	};
	static bool mem;
	struct kmem_cache *s;

	if (!mem && sim_mem_init(SIM_MEM_DEFAULT))
		abort();
	mem = true;
	sim_log_setup(&log);
	sim_reset();
	e820__memory_setup(fw, 3);
	e820__finish_early_params();
	reserve_early(16ULL << 20, 24ULL << 20, "kernel image (simulated)");
	x86_memory_init(NULL);
	setup_per_cpu_areas();
	build_all_zonelists();
	mem_init();
	kmem_cache_init();
	page_alloc_init_late();
	list_for_each_entry(s, &slab_caches, list)
		kmem_cache_shrink(s);
	drain_local_pages();
	free0 = nr_free_pages();
	buddy_snapshot_take(&buddy0);
}

/* --- the invariant walk --- */

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t) * (void *const *)a, y = (uintptr_t) * (void *const *)b;

	return x < y ? -1 : x > y;
}

/* Walk a freelist of @page: each object of this slab, on a boundary. */
static unsigned int walk_freelist(struct kmem_cache *s, struct page *page, void *head,
				  unsigned long *nfree)
{
	char *start = slab_address(page);
	unsigned int n = 0;

	for (void *p = head; p; p = get_freepointer(s, p)) {
		uintptr_t off = (uintptr_t)((char *)p - start) - s->red_left_pad;

		CHECK(n <= slab_objects(page), "%s: freelist of slab %p loops", s->name,
		      (void *)page);
		CHECK(slab_page_of(p) == page && off % s->size == 0 &&
			      off / s->size < slab_objects(page),
		      "%s: free object %p is not an object of slab %p", s->name, p, (void *)page);
		CHECK(*nfree < sizeof(free_objs) / sizeof(free_objs[0]), "too many free objects");
		free_objs[(*nfree)++] = p;
		n++;
	}
	return n;
}

static void check_slab(struct kmem_cache *s, struct page *page, unsigned long *nfree)
{
	unsigned int n = walk_freelist(s, page, page->freelist, nfree);

	CHECK(page->slab_cache == s, "%s: slab %p belongs to %s", s->name, (void *)page,
	      ((struct kmem_cache *)page->slab_cache)->name);
	CHECK(slab_objects(page) == s->objects, "%s: slab %p has %u objects, cache %u", s->name,
	      (void *)page, slab_objects(page), s->objects);
	CHECK(slab_inuse(page) <= slab_objects(page), "%s: inuse %u > objects %u", s->name,
	      slab_inuse(page), slab_objects(page));
	CHECK(n == slab_objects(page) - slab_inuse(page),
	      "%s: slab %p: %u on the freelist, objects %u - inuse %u", s->name, (void *)page, n,
	      slab_objects(page), slab_inuse(page));
}

/* Return: objects allocated in @s; checks every slab of it on the way. */
static unsigned long check_cache(struct kmem_cache *s, unsigned long *nfree)
{
	unsigned long active = 0;
	struct page *page;

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n = s->node[nid];
		unsigned long partial = 0, slabs = 0, objects = 0;

		if (!n)
			continue;
		list_for_each_entry(page, &n->partial, lru) {
			check_slab(s, page, nfree);
			CHECK(!slab_frozen(page) && page->freelist, "%s: bad partial slab",
			      s->name);
			partial++;
			slabs++;
			objects += slab_objects(page);
			active += slab_inuse(page);
		}
		list_for_each_entry(page, &n->full, lru) {
			check_slab(s, page, nfree);
			CHECK(!slab_frozen(page) && !page->freelist, "%s: bad full slab", s->name);
			slabs++;
			objects += slab_objects(page);
			active += slab_inuse(page);
		}
		for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
			struct kmem_cache_cpu *c = per_cpu_ptr(s->cpu_slab, cpu);

			if (!c->page || page_to_nid(c->page) != nid)
				continue;
			check_slab(s, c->page, nfree);
			CHECK(slab_frozen(c->page), "%s: cpu slab not frozen", s->name);
			active +=
				slab_inuse(c->page) - walk_freelist(s, c->page, c->freelist, nfree);
			slabs++;
			objects += slab_objects(c->page);
		}
		CHECK(n->nr_partial == partial, "%s: nr_partial %lu, list has %lu", s->name,
		      n->nr_partial, partial);
		CHECK(n->nr_slabs == slabs && n->total_objects == objects,
		      "%s: node %d counts %lu slabs %lu objects, lists %lu %lu", s->name, nid,
		      n->nr_slabs, n->total_objects, slabs, objects);
	}
	return active;
}

/* The caches kmem_cache_init made, and their active objects after boot. */
#define BOOT_CACHES 32
static struct kmem_cache *boot_cache[BOOT_CACHES];
static unsigned long boot_active[BOOT_CACHES];
static unsigned int nboot;
/* Their node 0 lists after boot: every input must leave them so. */
static unsigned long boot_partial[BOOT_CACHES], boot_slabs[BOOT_CACHES], boot_objects[BOOT_CACHES];

static int cache_index(const struct kmem_cache *s)
{
	for (unsigned int i = 0; i < ncaches; i++)
		if (caches[i] == s)
			return (int)i;
	return -1;
}

static void record_boot_caches(void)
{
	unsigned long nfree = 0;
	struct kmem_cache *s;

	nboot = 0;
	list_for_each_entry(s, &slab_caches, list) {
		CHECK(nboot < BOOT_CACHES, "too many caches at boot");
		CHECK(s->node[0], "%s: no node 0", s->name);
		boot_cache[nboot] = s;
		boot_partial[nboot] = s->node[0]->nr_partial;
		boot_slabs[nboot] = s->node[0]->nr_slabs;
		boot_objects[nboot] = s->node[0]->total_objects;
		boot_active[nboot++] = check_cache(s, &nfree);
	}
}

/*
 * After an input, its blocks freed, its caches destroyed, every cache
 * shrunk and the per-CPU lists drained: the machine as booted. The same
 * caches in the same order, each with the slabs it had (those holding
 * boot objects) and no CPU slab, and every zone with the free blocks of
 * each order it had, so that the next input starts where a fresh boot
 * would (the free lists' order aside).
 */
static void check_baseline(void)
{
	unsigned int i = 0;
	struct kmem_cache *s;

	list_for_each_entry(s, &slab_caches, list) {
		CHECK(i < nboot && s == boot_cache[i], "cache %s (%u) was not there at boot",
		      s->name, i);
		for (int nid = 1; nid < MAX_NUMNODES; nid++)
			CHECK(!s->node[nid], "%s: node %d", s->name, nid);
		CHECK(s->node[0]->nr_partial == boot_partial[i] &&
			      s->node[0]->nr_slabs == boot_slabs[i] &&
			      s->node[0]->total_objects == boot_objects[i],
		      "%s: %lu partial, %lu slabs, %lu objects; at boot %lu %lu %lu", s->name,
		      s->node[0]->nr_partial, s->node[0]->nr_slabs, s->node[0]->total_objects,
		      boot_partial[i], boot_slabs[i], boot_objects[i]);
		for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
			CHECK(!per_cpu_ptr(s->cpu_slab, cpu)->page, "%s: CPU %u slab kept", s->name,
			      cpu);
		i++;
	}
	CHECK(i == nboot, "%u caches, %u at boot", i, nboot);
	CHECK(nr_free_pages() == free0, "%lu free pages, %lu before the input", nr_free_pages(),
	      free0);
	CHECK(buddy_snapshot_equal(&buddy0, why, sizeof(why)), "after the input: %s", why);
}

/*
 * Every cache walked; active objects as the input's model says: its own
 * caches exactly what it holds, each kmalloc cache its boot count plus
 * the input's blocks in it, kmem_cache one object per cache and
 * kmem_cache_node one per cache and node. No object free twice or both
 * free and live.
 */
static void check_all(void)
{
	unsigned long nfree = 0, want[MAX_CACHES] = { 0 }, extra[BOOT_CACHES] = { 0 };
	unsigned int ncache_total = 0;
	struct kmem_cache *s;

	for (unsigned int i = 0; i < nlive; i++) {
		struct page *page = slab_page_of(live[i].p);

		if (live[i].cache >= 0) {
			want[live[i].cache]++;
			continue;
		}
		for (unsigned int b = 0; page && b < nboot; b++)
			extra[b] += page->slab_cache == boot_cache[b];
	}
	list_for_each_entry(s, &slab_caches, list)
		ncache_total++;
	list_for_each_entry(s, &slab_caches, list) {
		unsigned long active = check_cache(s, &nfree);
		int i = cache_index(s);

		if (i >= 0) {
			CHECK(active == want[i], "%s: %lu active, the input holds %lu", s->name,
			      active, want[i]);
			continue;
		}
		for (unsigned int b = 0; b < nboot; b++) {
			unsigned long w = boot_active[b] + extra[b];

			if (boot_cache[b] != s)
				continue;
			if (!strcmp(s->name, "kmem_cache") || !strcmp(s->name, "kmem_cache_node"))
				w = ncache_total; /* one node: one node structure per cache */
			CHECK(active == w, "%s: %lu active, want %lu", s->name, active, w);
		}
	}
	qsort(free_objs, nfree, sizeof(void *), cmp_ptr);
	for (unsigned long i = 1; i < nfree; i++)
		CHECK(free_objs[i] != free_objs[i - 1], "object %p is on two freelists",
		      free_objs[i]);
	for (unsigned int i = 0; i < nlive; i++)
		CHECK(!bsearch(&live[i].p, free_objs, nfree, sizeof(void *), cmp_ptr),
		      "live block %p is on a freelist", (void *)live[i].p);
}

/* --- operations --- */

/*
 * Whether @n bytes at @p are all zero (up to 138 KiB, 32 blocks at once):
 * 64 bytes a step, ASan checking the range once (all_zero), not every
 * word: word by word and checked it was a third of each input's time.
 */
typedef uint64_t zero_vec __attribute__((vector_size(64)));

__attribute__((no_sanitize("address"))) static bool all_zero_unchecked(const void *p, size_t n)
{
	const unsigned char *b = p;
	zero_vec acc = { 0 }, v;
	uint64_t rest = 0;
	size_t i = 0;

	for (; i + sizeof(v) <= n; i += sizeof(v)) {
		memcpy(&v, b + i, sizeof(v));
		acc |= v;
	}
	for (; i < n; i++)
		rest |= b[i];
	for (unsigned int k = 0; k < sizeof(v) / sizeof(rest); k++)
		rest |= acc[k];
	return !rest;
}

static bool all_zero(const void *p, size_t n)
{
	CHECK(!__asan_region_is_poisoned((void *)p, n), "kzalloc'd %p (%zu bytes) is poisoned", p,
	      n);
	return all_zero_unchecked(p, n);
}

static void fill(struct block *b)
{
	size_t n = b->size < 32 ? b->size : 32;

	/* Both ends: enough to see another block written over this one. */
	memset(b->p, b->pattern, n);
	memset(b->p + b->size - n, b->pattern, n);
}

static void check_fill(const struct block *b)
{
	size_t n = b->size < 32 ? b->size : 32;

	for (size_t i = 0; i < n; i++)
		CHECK(b->p[i] == b->pattern && b->p[b->size - n + i] == b->pattern,
		      "block %p (%zu bytes) was overwritten", (void *)b->p, b->size);
}

static void add_live(void *p, size_t size, int cache, unsigned char pattern)
{
	struct block *b = &live[nlive++];

	b->p = p;
	b->size = size;
	b->cache = cache;
	b->pattern = pattern;
	fill(b);
}

static void free_live(unsigned int i)
{
	struct block *b = &live[i];

	check_fill(b);
	if (b->cache < 0) {
		kfree(b->p);
	} else {
		if (caches[b->cache]->ctor)
			ctor(b->p); /* freed constructed, as callers must */
		kmem_cache_free(caches[b->cache], b->p);
	}
	live[i] = live[--nlive];
}

static bool cache_has_live(int c)
{
	for (unsigned int i = 0; i < nlive; i++)
		if (live[i].cache == c)
			return true;
	return false;
}

static const char *const cache_names[MAX_CACHES] = {
	"fuzz0", "fuzz1", "fuzz2", "fuzz3", "fuzz4", "fuzz5", "fuzz6", "fuzz7",
};

static void create(uint8_t op, unsigned int size)
{
	static const unsigned int aligns[8] = { 0, 8, 16, 64, 256, 4096, 0, 0 };
	unsigned int sel = (op >> 3) & 7;
	slab_flags_t flags = sel == 6 ? SLAB_HWCACHE_ALIGN : 0;

	if (op & 0x80)
		flags |= SLAB_DEBUG_FLAGS;
	caches[ncaches] = kmem_cache_create(cache_names[ncaches], size, aligns[sel], flags,
					    op & 0x40 ? ctor : NULL);
	CHECK(caches[ncaches], "kmem_cache_create(%u, align %u) failed", size, aligns[sel]);
	ncaches++;
}

/* Remove cache @c, keeping the indexes of live blocks right. */
static void forget_cache(unsigned int c)
{
	ncaches--;
	caches[c] = caches[ncaches];
	for (unsigned int i = 0; i < nlive; i++)
		if (live[i].cache == (int)ncaches)
			live[i].cache = (int)c;
}

/*
 * The order of the block kmalloc(@size) needs when it must get one: a new
 * slab of the smallest kmalloc cache that fits (the one kmalloc picks;
 * a slab is always of its cache's order, there is no smaller fallback),
 * or for a large block the order that holds it.
 */
static unsigned int kmalloc_order(size_t size)
{
	const struct kmem_cache *best = NULL;
	unsigned int order = 0;

	for (unsigned int b = 0; b < nboot; b++) {
		const struct kmem_cache *s = boot_cache[b];

		if (strncmp(s->name, "kmalloc-", 8) || s->object_size < size)
			continue;
		if (!best || s->object_size < best->object_size)
			best = s;
	}
	if (best)
		return best->order;
	while ((PAGE_SIZE << order) < size && order < MAX_ORDER - 1)
		order++;
	return order;
}

/*
 * A failed allocation that needed a block of @order is correct only when
 * no zone could give one: no free block of that order or above, or the
 * zone at its min watermark plus the most it keeps back from higher zones'
 * requests (64 pages of slack for the per-CPU lists). Written from the
 * watermark rule, not the allocator.
 */
static bool oom_is_legit(unsigned int order)
{
	struct zone *z;

	for_each_populated_zone(z) {
		unsigned long keep = min_wmark_pages(z);
		long reserve = 0;
		bool block = false;

		for (unsigned int o = order; o < MAX_ORDER; o++)
			block = block || z->free_area[o].nr_free;
		for (int i = 0; i < MAX_NR_ZONES; i++)
			if (z->lowmem_reserve[i] > reserve)
				reserve = z->lowmem_reserve[i];
		keep += (unsigned long)reserve + 64;
		if (block && z->free_pages >= keep + (1UL << order))
			return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static bool booted;
	unsigned long errors, expected = 0;
	struct kmem_cache *s;
	bool oom = false;

	/* Booted once and reused: each input must leave it as booted. */
	if (!booted) {
		boot();
		record_boot_caches();
		booted = true;
	}
	errors = slab_errors;
	if (len > 3 * MAX_OPS)
		len = 3 * MAX_OPS;
	for (size_t i = 0; i + 3 <= len; i += 3) {
		uint8_t op = data[i], a = data[i + 1], b = data[i + 2];
		unsigned int ab = (unsigned int)a << 8 | b;
		unsigned char pattern = (unsigned char)(i / 3 * 37 + 1);

		switch (op % 8) {
		case 0:
		case 1:
		case 2: {
			size_t size = a & 0x80 ? 8193 + (size_t)(a & 0x7f) * 1024 + b
					       : 1 + ab % 8192;
			/*
			 * Bursts fill many slabs of one cache: partial-list
			 * limits. Large blocks bypass the caches (no slab, no
			 * partial list): 4 of them reach the page allocator's
			 * paths as 32 would, at an eighth of the bytes zeroed.
			 */
			unsigned int burst = op & 0x40 ? (a & 0x80 ? 4 : 32) : 1;

			for (unsigned int k = 0; k < burst && nlive < MAX_LIVE; k++) {
				void *p = kmalloc(size, GFP_KERNEL | (op & 0x80 ? __GFP_ZERO : 0));

				if (!p) {
					CHECK(oom_is_legit(kmalloc_order(size)),
					      "kmalloc(%zu) failed with memory free", size);
					oom = true;
					break;
				}
				CHECK(ksize(p) >= size, "ksize %zu < %zu", ksize(p), size);
				if (op & 0x80)
					CHECK(all_zero(p, size), "kzalloc(%zu) not zeroed", size);
				add_live(p, size, -1, pattern);
			}
			break;
		}
		case 3:
			if (!nlive)
				break;
			if (!(op & 0x80)) {
				free_live(a % nlive);
				break;
			}
			/* Every second block, then (bit 6) the rest: many slabs go
			 * partial, then empty. */
			for (unsigned int k = nlive; k-- > 0;)
				if (k % 2 == (unsigned int)(a & 1))
					free_live(k);
			while (op & 0x40 && nlive)
				free_live(nlive - 1);
			break;
		case 4:
			if (ncaches < MAX_CACHES)
				create(op, 1 + ab % 4096);
			break;
		case 5:
			if (ncaches && nlive < MAX_LIVE) {
				unsigned int c = a % ncaches;
				void *p = kmem_cache_alloc(caches[c], GFP_KERNEL);

				if (!p) {
					CHECK(oom_is_legit(caches[c]->order),
					      "kmem_cache_alloc(%s) failed with memory free",
					      caches[c]->name);
					oom = true;
					break;
				}
				if (caches[c]->ctor)
					CHECK(*(unsigned char *)p == 0xc7,
					      "constructed state lost");
				add_live(p, caches[c]->object_size, (int)c, pattern);
			}
			break;
		case 6:
			if (ncaches)
				kmem_cache_shrink(caches[a % ncaches]);
			break;
		case 7:
			if (ncaches) {
				unsigned int c = a % ncaches;
				bool busy = cache_has_live((int)c);

				CHECK(kmem_cache_destroy(caches[c]) == (busy ? -EBUSY : 0),
				      "destroy of %s (%s)", caches[c]->name,
				      busy ? "busy" : "empty");
				if (busy)
					expected++;
				else
					forget_cache(c);
			}
			break;
		}
		if (i / 3 % CHECK_EVERY == CHECK_EVERY - 1)
			check_all();
	}
	check_all();
	while (nlive)
		free_live(nlive - 1);
	while (ncaches) {
		CHECK(kmem_cache_destroy(caches[ncaches - 1]) == 0, "final destroy");
		ncaches--;
	}
	check_all();
	list_for_each_entry(s, &slab_caches, list)
		kmem_cache_shrink(s);
	drain_local_pages();
	check_baseline();
	CHECK(slab_errors - errors == expected, "%lu slab errors, %lu expected",
	      slab_errors - errors, expected);
	/*
	 * After an allocation failure the zones' pageblocks may have changed
	 * type on the way, which the counts do not show: a fresh machine for
	 * the next input, booted here so that the boot's coverage is this
	 * input's (the next one's depends on nothing before it).
	 */
	if (oom) {
		boot();
		record_boot_caches();
	}
	return 0;
}
