// SPDX-License-Identifier: MIT
/*
 * ktest suite "slab": kmalloc's size classes and alignment, large
 * blocks, refused kfrees and a mixed workload against slabinfo here; the
 * kmem_cache cases in slab_test_cache.c, the debug checks in
 * slab_test_debug.c. The same files run at the
 * end of boot (selftest=slab) and on the host (test/host/test_slab.c), so
 * every case gives back what it took; expected numbers come from Linux's
 * rules and from counts taken before the case, never from the answers
 * under test.
 */
#include "../internal.h"
#include "../slab_internal.h"
#include "slab_test.h"

#include <kernel/percpu.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <lib/vsprintf.h>
#include <mm/page_alloc.h>

/* One case at a time and kernel stacks are small: big state is static. */
#define MAX_OBJS 2048
static void *objs[MAX_OBJS];
static char line[200];

/* Allocated objects: list slabs' inuse, cpu slabs' inuse minus the CPU's free list. */
unsigned long slt_cache_active(struct kmem_cache *s)
{
	unsigned long active = 0;
	struct page *page;

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!s->node[nid])
			continue;
		list_for_each_entry(page, &s->node[nid]->partial, lru)
			active += slab_inuse(page);
		list_for_each_entry(page, &s->node[nid]->full, lru)
			active += slab_inuse(page);
	}
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct kmem_cache_cpu *c = per_cpu_ptr(s->cpu_slab, cpu);

		if (!c->page)
			continue;
		active += slab_inuse(c->page);
		for (void *p = c->freelist; p; p = get_freepointer(s, p))
			active--;
	}
	return active;
}

unsigned long slt_free_pages(void)
{
	drain_local_pages();
	return nr_free_pages();
}

void slt_expect_line(struct ktest *t, const char *l)
{
	if (slt_log_count("") < 0)
		return;
	if (!slt_log_has_line(l))
		ktest_printf(t, "no line \"%s\"", l);
	KTEST_EXPECT_TRUE(t, slt_log_has_line(l));
}

struct kmem_cache *slt_cache_by_name(const char *name)
{
	struct kmem_cache *s;

	list_for_each_entry(s, &slab_caches, list)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

struct kmem_cache *slt_cache_of(const void *obj)
{
	struct page *page = slab_page_of(obj);

	return page ? page->slab_cache : NULL;
}

/* Linux's kmalloc size classes: the smallest that fits. */
static const unsigned int classes[] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192,
};
static const char *const class_names[] = {
	"kmalloc-8",   "kmalloc-16",  "kmalloc-32",  "kmalloc-64",  "kmalloc-96",
	"kmalloc-128", "kmalloc-192", "kmalloc-256", "kmalloc-512", "kmalloc-1k",
	"kmalloc-2k",  "kmalloc-4k",  "kmalloc-8k",
};
#define NR_CLASSES (sizeof(classes) / sizeof(classes[0]))

static unsigned int class_index(size_t size)
{
	unsigned int i = 0;

	while (classes[i] < size)
		i++;
	return i;
}

static bool is_pow2(unsigned long x)
{
	return x && !(x & (x - 1));
}

const unsigned char *slt_find_not(const void *p, unsigned char v, size_t len)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < len; i++)
		if (b[i] != v)
			return b + i;
	return NULL;
}

/* Count a failed check, and describe only the first of each kind. */
static void bad(struct ktest *t, unsigned long *count, size_t size, const char *what)
{
	if (!(*count)++)
		ktest_printf(t, "kmalloc(%zu): %s", size, what);
}

/*
 * Every size 1..8192: class, alignment, ksize, writable, zeroed, and the
 * cache's active count up by one and back. A wrong size_index entry, a
 * missing natural alignment, an object handed out twice or a kfree that
 * does not return the object shows here.
 */
static void slab_kmalloc_every_size(struct ktest *t)
{
	struct kmem_cache *caches[NR_CLASSES];
	unsigned long nbad[8] = { 0 }, errors = slab_errors;

	for (unsigned int i = 0; i < NR_CLASSES; i++) {
		caches[i] = slt_cache_by_name(class_names[i]);
		KTEST_ASSERT_NOT_NULL(t, caches[i]);
	}
	for (size_t size = 1; size <= KMALLOC_MAX_CACHE_SIZE; size++) {
		unsigned int ci = class_index(size), cls = classes[ci];
		struct kmem_cache *s = caches[ci];
		unsigned long active = slt_cache_active(s);
		unsigned char *p = kmalloc(size, GFP_KERNEL), *q;

		if (!p) {
			bad(t, &nbad[0], size, "NULL");
			break;
		}
		if (slt_cache_of(p) != s)
			bad(t, &nbad[1], size, "not from its size class's cache");
		if ((uintptr_t)p & 7 || (is_pow2(cls) && cls <= PAGE_SIZE && (uintptr_t)p % cls))
			bad(t, &nbad[2], size, "misaligned");
		if (ksize(p) != cls)
			bad(t, &nbad[3], size, "ksize is not the class size");
		if (slt_cache_active(s) != active + 1)
			bad(t, &nbad[4], size, "active objects not up by one");
		memset(p, 0x5a, cls);
		kfree(p);
		if (slt_cache_active(s) != active)
			bad(t, &nbad[5], size, "kfree did not return it");
		/* Most likely the object just dirtied: kzalloc must clear it all. */
		q = kzalloc(size, GFP_KERNEL);
		if (!q || slt_find_not(q, 0, cls))
			bad(t, &nbad[6], size, "kzalloc not zeroed");
		kfree(q);
		if (slt_cache_active(s) != active)
			bad(t, &nbad[7], size, "kfree of the kzalloc'd block did not return it");
	}
	for (unsigned int i = 0; i < 8; i++)
		KTEST_EXPECT_EQ(t, nbad[i], 0UL);
	KTEST_EXPECT_EQ(t, slab_errors, errors);
}

/* Above 8 KiB: whole pages from the buddy allocator, and all of them back. */
static void slab_kmalloc_large(struct ktest *t)
{
	/* size, and the block it needs: the smallest power-of-two pages */
	static const struct {
		size_t size, block;
	} cases[] = {
		{ 8193, 16384 },
		{ 65536, 65536 },
		{ 1 << 20, 1 << 20 },
	};

	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t size = cases[i].size, block = cases[i].block;
		unsigned long free0 = slt_free_pages();
		unsigned char *p = kmalloc(size, GFP_KERNEL), *q;

		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_EXPECT_EQ(t, (uintptr_t)p & (PAGE_SIZE - 1), 0UL);
		KTEST_EXPECT_NULL(t, slab_page_of(p));
		KTEST_EXPECT_EQ(t, ksize(p), block);
		KTEST_EXPECT_EQ(t, slt_free_pages(), free0 - block / PAGE_SIZE);
		memset(p, 0x5a, block);
		kfree(p);
		KTEST_EXPECT_EQ(t, slt_free_pages(), free0);
		q = kzalloc(size, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, q);
		KTEST_EXPECT_NULL(t, slt_find_not(q, 0, block));
		kfree(q);
		KTEST_EXPECT_EQ(t, slt_free_pages(), free0);
	}
	/* 0 bytes: a unique non-NULL token kfree accepts, as in Linux. */
	KTEST_EXPECT_NOT_NULL(t, kmalloc(0, GFP_KERNEL));
	kfree(kmalloc(0, GFP_KERNEL));
	kfree(NULL);
}

/* --- refused frees --- */

void slt_expect_works(struct ktest *t)
{
	struct kmem_cache *s = slt_cache_by_name("kmalloc-64");
	unsigned long active = s ? slt_cache_active(s) : 0;
	void *p = kmalloc(64, GFP_KERNEL), *q = kmalloc(64, GFP_KERNEL);

	KTEST_EXPECT_TRUE(t, p && q && p != q);
	KTEST_EXPECT_TRUE(t, s && slt_cache_active(s) == active + 2);
	kfree(p);
	kfree(q);
	KTEST_EXPECT_TRUE(t, s && slt_cache_active(s) == active);
}

static void expect_kfree_refused(struct ktest *t, const void *p)
{
	unsigned long errors = slab_errors;

	slt_log_clear();
	kfree(p);
	KTEST_EXPECT_EQ(t, slab_errors, errors + 1);
	ksnprintf(line, sizeof(line), "kfree(%p): not a pointer kmalloc returned", p);
	slt_expect_line(t, line);
	KTEST_EXPECT_EQ(t, ksize(p), (size_t)0);
	KTEST_EXPECT_EQ(t, slab_errors, errors + 2);
}

/*
 * kfree of what kmalloc never returned: memory outside the direct map
 * (static data, the stack), inside an allocated page but not at its start,
 * and a page that is free. Each refused and counted; nothing freed.
 */
static void slab_kfree_bad_pointer(struct ktest *t)
{
	unsigned long free0 = slt_free_pages();
	struct page *page = alloc_page(GFP_KERNEL);
	char local;

	KTEST_ASSERT_NOT_NULL(t, page);
	expect_kfree_refused(t, objs);
	expect_kfree_refused(t, &local);
	expect_kfree_refused(t, (char *)page_address(page) + 8);
	KTEST_EXPECT_EQ(t, slt_free_pages(), free0 - 1);
	__free_page(page);
	KTEST_EXPECT_EQ(t, slt_free_pages(), free0);
	expect_kfree_refused(t, page_address(page)); /* now free */
	KTEST_EXPECT_EQ(t, slt_free_pages(), free0);
	slt_expect_works(t);
}

/* --- a mixed workload against slabinfo --- */

static uint64_t rng_state;

static uint64_t rng(void)
{
	/* xorshift64: deterministic, so a failure reproduces */
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Active objects printed for @name in the captured slabinfo, or -1. */
static long printed_active(const char *text, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		long v = 0;

		if (strncmp(p, name, n) || p[n] != ' ')
			continue;
		p += n;
		while (*p == ' ')
			p++;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			v = v * 10 + (*p++ - '0');
		return v;
	}
	return -1;
}

#define HELD 512
static size_t held_size[HELD];
static long base_printed[NR_CLASSES];

/*
 * Random sizes (mostly small, some large), some kept, some freed; then the
 * active counts per cache must be the ones before plus what the test
 * holds, both by walking the slabs and in slabinfo_show()'s dump.
 */
static void slab_mixed_workload(struct ktest *t)
{
	unsigned long base[NR_CLASSES], held_in[NR_CLASSES] = { 0 }, errors = slab_errors;
	struct kmem_cache *caches[NR_CLASSES];
	unsigned long free0 = slt_free_pages();
	unsigned int nheld = 0;

	for (unsigned int i = 0; i < NR_CLASSES; i++) {
		caches[i] = slt_cache_by_name(class_names[i]);
		KTEST_ASSERT_NOT_NULL(t, caches[i]);
		base[i] = slt_cache_active(caches[i]);
	}
	slt_log_clear();
	slabinfo_show();
	for (unsigned int i = 0; i < NR_CLASSES; i++)
		base_printed[i] = slt_log_text() ? printed_active(slt_log_text(), class_names[i])
						 : 0;
	rng_state = 0x9e3779b97f4a7c15ULL;
	for (unsigned int op = 0; op < 6000; op++) {
		uint64_t r = rng();

		if (nheld < HELD && (nheld == 0 || r % 8 < 5)) {
			size_t size = r >> 40 & 1   ? 1 + (r >> 8) % 256
				      : r >> 41 & 7 ? 1 + (r >> 8) % 8192
						    : 8193 + (r >> 8) % 30000;

			objs[nheld] = kmalloc(size, GFP_KERNEL);
			KTEST_ASSERT_NOT_NULL(t, objs[nheld]);
			memset(objs[nheld], (int)(op & 0xff), size);
			held_size[nheld++] = size;
		} else {
			unsigned int i = (unsigned int)((r >> 16) % nheld);

			kfree(objs[i]);
			objs[i] = objs[--nheld];
			held_size[i] = held_size[nheld];
		}
	}
	for (unsigned int i = 0; i < nheld; i++)
		if (held_size[i] <= KMALLOC_MAX_CACHE_SIZE)
			held_in[class_index(held_size[i])]++;
	slt_log_clear();
	slabinfo_show();
	for (unsigned int i = 0; i < NR_CLASSES; i++) {
		KTEST_EXPECT_EQ(t, slt_cache_active(caches[i]), base[i] + held_in[i]);
		if (slt_log_text())
			KTEST_EXPECT_EQ(t, printed_active(slt_log_text(), class_names[i]),
					base_printed[i] + (long)held_in[i]);
	}
	if (slt_log_text()) {
		KTEST_EXPECT_EQ(t, slt_log_count("slabinfo - version: 2.1"), 1L);
		KTEST_EXPECT_EQ(t, slt_log_count("# slab memory: "), 1L);
	}
	while (nheld)
		kfree(objs[--nheld]);
	for (unsigned int i = 0; i < NR_CLASSES; i++) {
		KTEST_EXPECT_EQ(t, slt_cache_active(caches[i]), base[i]);
		kmem_cache_shrink(caches[i]);
	}
	KTEST_EXPECT_GE(t, slt_free_pages(), free0);
	KTEST_EXPECT_EQ(t, slab_errors, errors);
}

const struct ktest_case slab_cases[] = {
	KTEST_CASE(slab_bootstrap),
	KTEST_CASE(slab_kmalloc_every_size),
	KTEST_CASE(slab_kmalloc_large),
	KTEST_CASE(slab_cache_alignment),
	KTEST_CASE(slab_constructor),
	KTEST_CASE(slab_shrink),
	KTEST_CASE(slab_shrink_many),
	KTEST_CASE(slab_destroy_busy),
	KTEST_CASE(slab_free_wrong_cache),
	KTEST_CASE(slab_kfree_bad_pointer),
	KTEST_CASE(slab_debug_redzone_right),
	KTEST_CASE(slab_debug_redzone_left),
	KTEST_CASE(slab_debug_redzone_edges),
	KTEST_CASE(slab_debug_poison),
	KTEST_CASE(slab_debug_poison_edges),
	KTEST_CASE(slab_debug_double_free),
	KTEST_CASE(slab_debug_invalid_pointer),
	KTEST_CASE(slab_debug_tracking),
	KTEST_CASE(slab_double_free_no_debug),
	KTEST_CASE(slab_mixed_workload),
	KTEST_CASES_END,
};

static const struct ktest_suite slab_suite = {
	.name = "slab",
	.cases = slab_cases,
	.init = slt_env_init,
	.exit = slt_env_exit,
};
KTEST_SUITE(slab_suite);
