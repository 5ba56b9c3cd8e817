// SPDX-License-Identifier: MIT
/*
 * The slab suite's debug-check cases: each plants one bug in a cache made
 * with just the flag that should catch it (so the cases do not depend on
 * slub_debug=), and checks the report, the error count, the repair, and
 * that the cache still works. On the host the report text is checked; in
 * the kernel slab_errors, and the boot test greps the console.
 */
#include "../slab_internal.h"
#include "slab_test.h"

#include <lib/string.h>
#include <lib/vsprintf.h>

#define DBG_SIZE 60 /* not a multiple of 8: the right red zone is 4 bytes */
static char line[200];

static struct kmem_cache *dbg_cache(struct ktest *t, slab_flags_t flags)
{
	struct kmem_cache *s = kmem_cache_create("slab_test_dbg", DBG_SIZE, 0, flags, NULL);

	KTEST_EXPECT_NOT_NULL(t, s);
	slt_log_clear();
	return s;
}

static void expect_bug(struct ktest *t, const char *cache, const char *what)
{
	ksnprintf(line, sizeof(line), "BUG %s (Not tainted): %s", cache, what);
	slt_expect_line(t, line);
}

static long slab_offset(const void *p)
{
	struct page *page = slab_page_of(p);

	return page ? (const char *)p - (const char *)slab_address(page) : -1;
}

/* After a report: the object was repaired, the cache works, nothing leaks. */
static void expect_clean_after(struct ktest *t, struct kmem_cache *s, unsigned long errors)
{
	void *a = kmem_cache_alloc(s, GFP_KERNEL), *b = kmem_cache_alloc(s, GFP_KERNEL);

	KTEST_EXPECT_TRUE(t, a && b && a != b);
	kmem_cache_free(s, a);
	kmem_cache_free(s, b);
	KTEST_EXPECT_EQ(t, slab_errors, errors);
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(s), 0);
}

/* One byte past the object: "Redzone overwritten" when it is freed. */
void slab_debug_redzone_right(struct ktest *t)
{
	struct kmem_cache *s = dbg_cache(t, SLAB_RED_ZONE);
	unsigned long errors = slab_errors;
	unsigned char *p;

	KTEST_ASSERT_NOT_NULL(t, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	p[DBG_SIZE] = 0x42;
	kmem_cache_free(s, p);
	KTEST_EXPECT_EQ(t, slab_errors, errors + 1);
	expect_bug(t, "slab_test_dbg", "Redzone overwritten");
	ksnprintf(line, sizeof(line), "FIX slab_test_dbg: Restoring Redzone %p-%p=%#x",
		  (void *)(p + DBG_SIZE), (void *)(p + DBG_SIZE), SLUB_RED_ACTIVE);
	slt_expect_line(t, line);
	if (slt_log_count("") >= 0)
		KTEST_EXPECT_EQ(t, slt_log_count("Left Redzone"), 0L);
	expect_clean_after(t, s, errors + 1);
}

/* One byte before the object: "Left Redzone overwritten". */
void slab_debug_redzone_left(struct ktest *t)
{
	struct kmem_cache *s = dbg_cache(t, SLAB_RED_ZONE);
	unsigned long errors = slab_errors;
	unsigned char *p;

	KTEST_ASSERT_NOT_NULL(t, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	p[-1] = 0x42;
	kmem_cache_free(s, p);
	KTEST_EXPECT_EQ(t, slab_errors, errors + 1);
	expect_bug(t, "slab_test_dbg", "Left Redzone overwritten");
	ksnprintf(line, sizeof(line), "FIX slab_test_dbg: Restoring Left Redzone %p-%p=%#x",
		  (void *)(p - 1), (void *)(p - 1), SLUB_RED_ACTIVE);
	slt_expect_line(t, line);
	expect_clean_after(t, s, errors + 1);
}

/*
 * The red zones' first and last bytes. DBG_SIZE 60 with Z: the object
 * rounded up to 8 is 64, so the right red zone is bytes 60..63; the left
 * one is sizeof(void *) = 8 bytes before the object, -8..-1. Each byte is
 * written once while the object is allocated (caught with the 0xcc
 * pattern when it is freed) and once while it is free (0xbb, caught when
 * it is handed out again), one report each, naming exactly that byte.
 */
static void redzone_byte(struct ktest *t, struct kmem_cache *s, int off, bool while_free)
{
	const char *what = off < 0 ? "Left Redzone" : "Redzone";
	unsigned long errors = slab_errors;
	unsigned char *p, *q;

	slt_log_clear();
	p = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	if (while_free) {
		kmem_cache_free(s, p);
		p[off] = 0x42;
		q = kmem_cache_alloc(s, GFP_KERNEL);
		KTEST_EXPECT_TRUE(t, q == p); /* LIFO: the object just freed */
	} else {
		p[off] = 0x42;
		q = p;
	}
	if (!while_free)
		kmem_cache_free(s, q);
	KTEST_EXPECT_EQ(t, slab_errors, errors + 1);
	if (slab_errors != errors + 1)
		ktest_printf(t, "byte %d of the %s red zone, written %s: %lu reports", off, what,
			     while_free ? "while free" : "in use", slab_errors - errors);
	ksnprintf(line, sizeof(line), "BUG slab_test_dbg (Not tainted): %s overwritten", what);
	slt_expect_line(t, line);
	ksnprintf(line, sizeof(line), "FIX slab_test_dbg: Restoring %s %p-%p=%#x", what,
		  (void *)(p + off), (void *)(p + off),
		  while_free ? SLUB_RED_INACTIVE : SLUB_RED_ACTIVE);
	slt_expect_line(t, line);
	if (while_free)
		kmem_cache_free(s, q);
	KTEST_EXPECT_EQ(t, slab_errors, errors + 1); /* repaired: no second report */
}

void slab_debug_redzone_edges(struct ktest *t)
{
	static const int edges[] = { -8, -1, DBG_SIZE, 63 };
	struct kmem_cache *s = dbg_cache(t, SLAB_RED_ZONE);
	unsigned long errors = slab_errors;

	KTEST_ASSERT_NOT_NULL(t, s);
	for (unsigned int i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		redzone_byte(t, s, edges[i], false);
		redzone_byte(t, s, edges[i], true);
	}
	expect_clean_after(t, s, errors + 8);
}

/*
 * The poison's first and last bytes: a free object of 60 bytes is 0x6b in
 * bytes 0..58 and 0xa5 in byte 59 (POISON_END). A write to byte 0, 58 or
 * 59 of a freed object is reported when it is handed out again.
 */
void slab_debug_poison_edges(struct ktest *t)
{
	static const int edges[] = { 0, DBG_SIZE - 2, DBG_SIZE - 1 };
	struct kmem_cache *s = dbg_cache(t, SLAB_POISON);
	unsigned long errors = slab_errors;

	KTEST_ASSERT_NOT_NULL(t, s);
	for (unsigned int i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		unsigned long before = slab_errors;
		int off = edges[i];
		unsigned char *p, *q;

		slt_log_clear();
		p = kmem_cache_alloc(s, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, p);
		kmem_cache_free(s, p);
		p[off] = 0;
		q = kmem_cache_alloc(s, GFP_KERNEL);
		KTEST_EXPECT_TRUE(t, q == p);
		KTEST_EXPECT_EQ(t, slab_errors, before + 1);
		if (slab_errors != before + 1)
			ktest_printf(t, "poison byte %d: %lu reports", off, slab_errors - before);
		expect_bug(t, "slab_test_dbg", "Poison overwritten");
		ksnprintf(line, sizeof(line),
			  "INFO: %p-%p @offset=%ld. First byte %#x instead of %#x",
			  (void *)(p + off), (void *)(p + off), slab_offset(p + off), 0,
			  off == DBG_SIZE - 1 ? POISON_END : POISON_FREE);
		slt_expect_line(t, line);
		kmem_cache_free(s, q);
	}
	expect_clean_after(t, s, errors + 3);
}

/* A write into a freed object: "Poison overwritten" when it is handed out again. */
void slab_debug_poison(struct ktest *t)
{
	struct kmem_cache *s = dbg_cache(t, SLAB_POISON);
	unsigned long errors = slab_errors;
	unsigned char *p, *q;

	KTEST_ASSERT_NOT_NULL(t, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	kmem_cache_free(s, p);
	KTEST_EXPECT_EQ(t, slab_errors, errors);
	p[10] = 0; /* use after free */
	q = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_EXPECT_TRUE(t, q == p); /* LIFO: the object just freed */
	KTEST_EXPECT_EQ(t, slab_errors, errors + 1);
	expect_bug(t, "slab_test_dbg", "Poison overwritten");
	ksnprintf(line, sizeof(line), "INFO: %p-%p @offset=%ld. First byte %#x instead of %#x",
		  (void *)(p + 10), (void *)(p + 10), slab_offset(p + 10), 0, POISON_FREE);
	slt_expect_line(t, line);
	kmem_cache_free(s, q);
	expect_clean_after(t, s, errors + 1);
}

/* Freeing twice: "Object already free", and the object is on the freelist once. */
void slab_debug_double_free(struct ktest *t)
{
	struct kmem_cache *s = dbg_cache(t, SLAB_CONSISTENCY_CHECKS);
	unsigned long errors = slab_errors;
	void *p;

	KTEST_ASSERT_NOT_NULL(t, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	kmem_cache_free(s, p);
	kmem_cache_free(s, p);
	/* Not caught means a corrupt freelist: stop before walking it. */
	KTEST_ASSERT_EQ(t, slab_errors, errors + 1);
	expect_bug(t, "slab_test_dbg", "Object already free");
	/* Had the second free been taken, p would now be handed out twice. */
	expect_clean_after(t, s, errors + 1);
}

/* A pointer into the middle of an object: "Invalid object pointer". */
void slab_debug_invalid_pointer(struct ktest *t)
{
	struct kmem_cache *s = dbg_cache(t, SLAB_CONSISTENCY_CHECKS);
	unsigned long errors = slab_errors;
	char *p;

	KTEST_ASSERT_NOT_NULL(t, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	kmem_cache_free(s, p + 8);
	KTEST_ASSERT_EQ(t, slab_errors, errors + 1);
	expect_bug(t, "slab_test_dbg", "Invalid object pointer (not the start of an object)");
	kmem_cache_free(s, p); /* the real free is fine */
	KTEST_EXPECT_EQ(t, slab_errors, errors + 1);
	expect_clean_after(t, s, errors + 1);
}

/* U: a report names who allocated and who freed the object. */
void slab_debug_tracking(struct ktest *t)
{
	struct kmem_cache *s = dbg_cache(t, SLAB_CONSISTENCY_CHECKS | SLAB_STORE_USER);
	unsigned long errors = slab_errors;
	void *p;

	KTEST_ASSERT_NOT_NULL(t, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	kmem_cache_free(s, p);
	kmem_cache_free(s, p);
	KTEST_ASSERT_EQ(t, slab_errors, errors + 1);
	expect_bug(t, "slab_test_dbg", "Object already free");
	if (slt_log_count("") >= 0) {
		KTEST_EXPECT_EQ(t, slt_log_count("INFO: Allocated in "), 1L);
		KTEST_EXPECT_EQ(t, slt_log_count("INFO: Freed in "), 1L);
	}
	expect_clean_after(t, s, errors + 1);
}

/*
 * Without debug flags the always-on check still catches freeing the
 * freelist's head again: on the cpu slab (fast path) and on a slab on the
 * node's lists (slow path). Under slub_debug=F the F check reports it.
 */
void slab_double_free_no_debug(struct ktest *t)
{
	static void *o[2048];
	struct kmem_cache *s = kmem_cache_create("slab_test_df", 64, 0, 0, NULL);
	unsigned long errors = slab_errors;
	const char *what;
	unsigned int n;

	KTEST_ASSERT_NOT_NULL(t, s);
	what = s->flags & SLAB_CONSISTENCY_CHECKS ? "Object already free"
						  : "double free (object is already free)";
	n = s->objects + 1; /* the first slab full and no longer the cpu slab */
	KTEST_ASSERT_LE(t, n, 2048U);
	slt_log_clear();
	for (unsigned int i = 0; i < n; i++) {
		o[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, o[i]);
	}
	KTEST_EXPECT_TRUE(t, slab_page_of(o[0]) != slab_page_of(o[n - 1]));
	kmem_cache_free(s, o[n - 1]); /* fast path */
	kmem_cache_free(s, o[n - 1]);
	/* Not caught means a freelist that loops: stop before walking it. */
	KTEST_ASSERT_EQ(t, slab_errors, errors + 1);
	kmem_cache_free(s, o[0]); /* slow path: a full slab on the node list */
	kmem_cache_free(s, o[0]);
	KTEST_ASSERT_EQ(t, slab_errors, errors + 2);
	expect_bug(t, "slab_test_df", what);
	if (slt_log_count("") >= 0)
		KTEST_EXPECT_EQ(t, slt_log_count(what), 2L);
	for (unsigned int i = 1; i < n - 1; i++)
		kmem_cache_free(s, o[i]);
	expect_clean_after(t, s, errors + 2);
}
