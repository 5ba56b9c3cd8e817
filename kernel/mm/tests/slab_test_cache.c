// SPDX-License-Identifier: MIT
/*
 * The slab suite's cases on caches made with kmem_cache_create: alignment
 * and layout, constructors, shrink and destroy accounting, the bootstrap
 * caches, and frees into the wrong cache. See slab_test.c.
 */
#include "../internal.h"
#include "../slab_internal.h"
#include "slab_test.h"

#include <kernel/percpu.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <lib/vsprintf.h>
#include <mm/page_alloc.h>

#define MAX_OBJS 2048
static void *objs[MAX_OBJS];
static char line[200];

/* Fill @n objects of @size bytes each with its own byte, then check them all. */
static unsigned long overlapping(void **o, unsigned int n, unsigned int size)
{
	unsigned long bad_objs = 0;

	for (unsigned int i = 0; i < n; i++)
		memset(o[i], (int)(i % 251 + 1), size);
	for (unsigned int i = 0; i < n; i++)
		bad_objs += slt_find_not(o[i], (unsigned char)(i % 251 + 1), size) != NULL;
	return bad_objs;
}

/*
 * Caches of odd sizes with every alignment: each object aligned, inside
 * its slab, and not sharing a byte with another (writes to one object
 * would show in another). Two slabs and one more object each.
 */
static void check_aligned_cache(struct ktest *t, const char *name, unsigned int size,
				unsigned int align, slab_flags_t flags, unsigned int want)
{
	struct kmem_cache *s = kmem_cache_create(name, size, align, flags, NULL);
	unsigned long misaligned = 0, outside = 0;
	unsigned int n;

	KTEST_EXPECT_NOT_NULL(t, s);
	if (!s)
		return;
	n = 2 * s->objects + 1 < MAX_OBJS ? 2 * s->objects + 1 : MAX_OBJS;
	for (unsigned int i = 0; i < n; i++) {
		struct page *page;

		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KTEST_EXPECT_NOT_NULL(t, objs[i]);
		if (!objs[i]) {
			n = i;
			break;
		}
		page = slab_page_of(objs[i]);
		misaligned += (uintptr_t)objs[i] % want != 0;
		outside += !page || (char *)objs[i] + size >
					    (char *)slab_address(page) + (PAGE_SIZE << s->order);
	}
	if (misaligned || outside)
		ktest_printf(t,
			     "%s (size %u, align %u, flags %#x): %lu misaligned to %u, %lu outside",
			     name, size, align, flags, misaligned, want, outside);
	KTEST_EXPECT_EQ(t, misaligned, 0UL);
	KTEST_EXPECT_EQ(t, outside, 0UL);
	KTEST_EXPECT_EQ(t, overlapping(objs, n, size), 0UL);
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(s), 0);
}

void slab_cache_alignment(struct ktest *t)
{
	static const unsigned int sizes[] = { 1, 24, 100, 3000 };
	static const unsigned int aligns[] = { 8, 64, 256, 4096 };
	static char names[4][5][24]; /* caches keep the name pointer */
	unsigned long errors = slab_errors;

	for (unsigned int si = 0; si < 4; si++) {
		unsigned int size = sizes[si];
		/* SLAB_HWCACHE_ALIGN, Linux's rule: a 64-byte line, halved
		 * while the object fits in half; never below a word. */
		unsigned int hw = size > 32 ? 64 : size > 16 ? 32 : size > 8 ? 16 : 8;

		for (unsigned int ai = 0; ai < 4; ai++) {
			ksnprintf(names[si][ai], sizeof(names[si][ai]), "slab_test_%u_a%u", size,
				  aligns[ai]);
			check_aligned_cache(t, names[si][ai], size, aligns[ai], 0, aligns[ai]);
		}
		ksnprintf(names[si][4], sizeof(names[si][4]), "slab_test_%u_hw", size);
		check_aligned_cache(t, names[si][4], size, 0, SLAB_HWCACHE_ALIGN, hw);
	}
	KTEST_EXPECT_EQ(t, slab_errors, errors);
}

/* --- constructors --- */

#define CTOR_MAGIC 0x5ca1ab1e0ddba11ULL
static unsigned long ctor_calls;

struct ctor_obj {
	unsigned long long magic;
	unsigned char body[32];
};

static void test_ctor(void *p)
{
	struct ctor_obj *o = p;

	ctor_calls++;
	o->magic = CTOR_MAGIC;
	memset(o->body, 0xc7, sizeof(o->body));
}

static bool constructed(const struct ctor_obj *o)
{
	return o->magic == CTOR_MAGIC && !slt_find_not(o->body, 0xc7, sizeof(o->body));
}

/*
 * Once per object when its slab is made, never on reuse; the allocator
 * must not write into a constructed object (free pointer, poison).
 */
void slab_constructor(struct ktest *t)
{
	struct kmem_cache *s;
	unsigned int n, slabs = 0, first_slab = 0;
	unsigned long not_constructed = 0;
	struct page *last = NULL;

	ctor_calls = 0;
	s = kmem_cache_create("slab_test_ctor", sizeof(struct ctor_obj), 0, 0, test_ctor);
	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_EXPECT_EQ(t, ctor_calls, 0UL); /* no slab yet */
	n = 2 * s->objects + 1;		     /* three slabs, the last with one object used */
	KTEST_ASSERT_LE(t, n, (unsigned int)MAX_OBJS);
	for (unsigned int i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
		if (slab_page_of(objs[i]) != last) {
			last = slab_page_of(objs[i]);
			slabs++;
		}
		first_slab += slabs == 1;
		not_constructed += !constructed(objs[i]);
	}
	/* A new cache fills its slabs one after the other. */
	KTEST_EXPECT_EQ(t, first_slab, s->objects);
	KTEST_EXPECT_EQ(t, slabs, 3U);
	KTEST_EXPECT_EQ(t, ctor_calls, 3UL * s->objects);
	KTEST_EXPECT_EQ(t, not_constructed, 0UL);
	/* Freed and reallocated: still constructed, no new constructor call. */
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);
	for (unsigned int i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
		not_constructed += !constructed(objs[i]);
	}
	KTEST_EXPECT_EQ(t, not_constructed, 0UL);
	KTEST_EXPECT_EQ(t, ctor_calls, 3UL * s->objects);
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(s), 0);
}

/* --- shrink and destroy --- */

/* Allocate exactly @k slabs' worth of objects; Return: slabs they span. */
static unsigned int fill_slabs(struct kmem_cache *s, unsigned int k)
{
	struct page *last = NULL;
	unsigned int slabs = 0;

	for (unsigned int i = 0; i < k * s->objects; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		if (objs[i] && slab_page_of(objs[i]) != last) {
			last = slab_page_of(objs[i]);
			slabs++;
		}
	}
	return slabs;
}

/*
 * @k slabs filled, all objects freed, then shrink: every page comes back
 * and shrink's count is what the zones gained. With k at most the node's
 * minimum of partial slabs (5) no free has released a slab, so shrink
 * frees all k; above it, frees released some and shrink the rest.
 */
static void check_shrink(struct ktest *t, unsigned int k)
{
	struct kmem_cache *s = kmem_cache_create("slab_test_shrink", 256, 0, 0, NULL);
	unsigned long free0, before, got;

	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_ASSERT_LE(t, k * s->objects, (unsigned int)MAX_OBJS);
	free0 = slt_free_pages();
	KTEST_EXPECT_EQ(t, fill_slabs(s, k), k);
	KTEST_EXPECT_EQ(t, slt_free_pages(), free0 - ((unsigned long)k << s->order));
	for (unsigned int i = 0; i < k * s->objects; i++)
		kmem_cache_free(s, objs[i]);
	before = slt_free_pages();
	got = kmem_cache_shrink(s);
	if (k <= 5)
		KTEST_EXPECT_EQ(t, got, (unsigned long)k << s->order);
	KTEST_EXPECT_EQ(t, slt_free_pages() - before, got);
	KTEST_EXPECT_EQ(t, slt_free_pages(), free0);
	KTEST_EXPECT_EQ(t, kmem_cache_shrink(s), 0UL); /* nothing left */
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(s), 0);
}

void slab_shrink(struct ktest *t)
{
	check_shrink(t, 3);
}

void slab_shrink_many(struct ktest *t)
{
	check_shrink(t, 16);
}

/*
 * Destroy with live objects: refused with -EBUSY, each live object named,
 * one error counted, the cache still usable; once they are freed, destroy
 * succeeds and the slabs' pages go back.
 */
void slab_destroy_busy(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("slab_test_busy", 64, 0, 0, NULL);
	unsigned long free0, errors;
	void *a, *b, *c;

	KTEST_ASSERT_NOT_NULL(t, s);
	free0 = slt_free_pages();
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	c = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, a && b && c);
	kmem_cache_free(s, b);
	slt_log_clear();
	errors = slab_errors;
	/* Destroyed anyway would leave a, c dangling: stop there. */
	KTEST_ASSERT_EQ(t, kmem_cache_destroy(s), -EBUSY);
	KTEST_EXPECT_EQ(t, slab_errors, errors + 1);
	slt_expect_line(t,
			"kmem_cache_destroy slab_test_busy: Slab cache still has objects (2 live)");
	for (int i = 0; i < 2; i++) {
		void *o = i ? c : a;
		struct page *page = slab_page_of(o);

		ksnprintf(line, sizeof(line), "INFO: Object %p @offset=%lu still allocated", o,
			  (unsigned long)((char *)o - (char *)(page ? slab_address(page) : o)));
		slt_expect_line(t, line);
	}
	if (slt_log_count("") >= 0)
		KTEST_EXPECT_EQ(t, slt_log_count("still allocated"), 2L);
	/* Still a working cache. */
	b = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, b);
	kmem_cache_free(s, a);
	kmem_cache_free(s, b);
	kmem_cache_free(s, c);
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(s), 0);
	KTEST_EXPECT_EQ(t, slab_errors, errors + 1);
	KTEST_EXPECT_EQ(t, slt_free_pages(), free0);
	KTEST_EXPECT_NULL(t, slt_cache_by_name("slab_test_busy"));
}

/*
 * After kmem_cache_init: UP, both bootstrap caches on the list, and every
 * slab of theirs (and every cache and node structure) an object of the
 * real caches, not of the static stand-ins.
 */
static unsigned long slabs_not_of(struct kmem_cache *s)
{
	unsigned long wrong = 0;
	struct page *page;

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!s->node[nid])
			continue;
		list_for_each_entry(page, &s->node[nid]->partial, lru)
			wrong += page->slab_cache != s;
		list_for_each_entry(page, &s->node[nid]->full, lru)
			wrong += page->slab_cache != s;
	}
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		page = per_cpu_ptr(s->cpu_slab, cpu)->page;
		wrong += page && page->slab_cache != s;
	}
	return wrong;
}

void slab_bootstrap(struct ktest *t)
{
	struct kmem_cache *kc = slt_cache_by_name("kmem_cache");
	struct kmem_cache *kn = slt_cache_by_name("kmem_cache_node");
	struct kmem_cache *s;
	unsigned long wrong_cache = 0, wrong_node = 0;

	KTEST_EXPECT_EQ(t, (int)slab_state, (int)UP);
	KTEST_ASSERT_NOT_NULL(t, kc);
	KTEST_ASSERT_NOT_NULL(t, kn);
	KTEST_EXPECT_TRUE(t, kc == kmem_cache);
	KTEST_EXPECT_EQ(t, slabs_not_of(kc), 0UL);
	KTEST_EXPECT_EQ(t, slabs_not_of(kn), 0UL);
	list_for_each_entry(s, &slab_caches, list) {
		wrong_cache += slt_cache_of(s) != kc;
		for (int nid = 0; nid < MAX_NUMNODES; nid++)
			wrong_node += s->node[nid] && slt_cache_of(s->node[nid]) != kn;
		wrong_cache += slabs_not_of(s) != 0;
	}
	KTEST_EXPECT_EQ(t, wrong_cache, 0UL);
	KTEST_EXPECT_EQ(t, wrong_node, 0UL);
	/* Both work after the switch: a cache (and its node structures) made now. */
	s = kmem_cache_create("slab_test_boot", 32, 0, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_EXPECT_TRUE(t, slt_cache_of(s) == kc);
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(s), 0);
}

/* kmem_cache_free() into the wrong cache: refused, the object stays live. */
void slab_free_wrong_cache(struct ktest *t)
{
	struct kmem_cache *a = kmem_cache_create("slab_test_a", 64, 0, 0, NULL);
	struct kmem_cache *b = kmem_cache_create("slab_test_b", 64, 0, 0, NULL);
	unsigned long errors;
	void *obj;

	KTEST_ASSERT_TRUE(t, a && b);
	obj = kmem_cache_alloc(a, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, obj);
	slt_log_clear();
	errors = slab_errors;
	kmem_cache_free(b, obj);
	KTEST_EXPECT_EQ(t, slab_errors, errors + 1);
	ksnprintf(line, sizeof(line),
		  "kmem_cache_free(slab_test_b, %p): the object belongs to slab_test_a", obj);
	slt_expect_line(t, line);
	KTEST_EXPECT_EQ(t, slt_cache_active(a), 1UL);
	KTEST_EXPECT_EQ(t, slt_cache_active(b), 0UL);
	/* A kmalloc'd block is not any kmem_cache's either. */
	kmem_cache_free(b, objs); /* a static array: no slab at all */
	KTEST_EXPECT_EQ(t, slab_errors, errors + 2);
	kmem_cache_free(a, obj);
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(a), 0);
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(b), 0);
	KTEST_EXPECT_EQ(t, slab_errors, errors + 2);
	slt_expect_works(t);
}
