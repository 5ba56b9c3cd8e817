// SPDX-License-Identifier: MIT
/*
 * Suite vmap_tree: the vmalloc range allocator on the host. Addresses
 * expected below are worked out from the space's bounds in the comments;
 * the randomized case compares every result with test/host/vmap_model.c.
 * vmap_space_check() runs after each step, and one case corrupts a tree
 * on purpose to show that the check can fail.
 */
#include "vmap_model.h"

#include <lib/errno.h>
#include <lib/ktest.h>
#include <mm/vmap_tree.h>
#include <stdint.h>
#include <stdlib.h>

#define G VMAP_GRANULE
/* Base of the test space: like VMALLOC_START, high bits set. */
#define BASE 0xffffc90000000000ul

/* malloc'd nodes, counted, with an optional failure after N allocations. */
struct node_pool {
	long live;
	long fail_after; /* -1: never */
};

static struct vmap_area *pool_alloc(void *ctx)
{
	struct node_pool *p = ctx;

	if (p->fail_after == 0)
		return NULL;
	if (p->fail_after > 0)
		p->fail_after--;
	p->live++;
	return calloc(1, sizeof(struct vmap_area));
}

static void pool_free(void *ctx, struct vmap_area *va)
{
	struct node_pool *p = ctx;

	p->live--;
	free(va);
}

struct fixture {
	struct node_pool pool;
	struct vmap_node_ops ops;
	struct vmap_space s;
};

static void fixture_init(struct fixture *f, unsigned long pages)
{
	f->pool = (struct node_pool){ 0, -1 };
	f->ops = (struct vmap_node_ops){ pool_alloc, pool_free, &f->pool };
	vmap_space_init(&f->s, BASE, BASE + pages * G, &f->ops);
}

/* Free every busy area, then the last free node: nothing may be left. */
static void fixture_destroy(struct ktest *t, struct fixture *f)
{
	while (f->s.busy_root)
		vmap_space_free(&f->s, f->s.busy_root);
	KTEST_EXPECT_EQ(t, f->s.nr_free, 1ul);
	KTEST_EXPECT_EQ(t, f->s.free_bytes, f->s.end - f->s.start);
	f->ops.free(f->ops.ctx, f->s.free_root);
	KTEST_EXPECT_EQ(t, f->pool.live, 0l);
}

static unsigned long alloc_addr(struct vmap_space *s, unsigned long size,
				unsigned long align)
{
	struct vmap_area *va = vmap_space_alloc(s, size, align);

	return va ? va->va_start : 0;
}

static void vmap_tree_init_rejects_bad_ranges(struct ktest *t)
{
	struct node_pool pool = { 0, -1 };
	struct vmap_node_ops ops = { pool_alloc, pool_free, &pool };
	struct vmap_space s;

	KTEST_EXPECT_EQ(t, vmap_space_init(&s, BASE, BASE, &ops), -EINVAL);
	KTEST_EXPECT_EQ(t, vmap_space_init(&s, BASE + 1, BASE + G, &ops), -EINVAL);
	KTEST_EXPECT_EQ(t, vmap_space_init(&s, BASE + G, BASE, &ops), -EINVAL);
	pool.fail_after = 0;
	KTEST_EXPECT_EQ(t, vmap_space_init(&s, BASE, BASE + G, &ops), -ENOMEM);
	KTEST_EXPECT_EQ(t, pool.live, 0l);
}

static void vmap_tree_first_fit(struct ktest *t)
{
	struct fixture f;
	struct vmap_area *a;

	fixture_init(&f, 100);
	/* Bump from the bottom: BASE, BASE + 1G, BASE + 4G (granules). */
	a = vmap_space_alloc(&f.s, G, G);
	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_EXPECT_EQ(t, a->va_start, BASE);
	KTEST_EXPECT_EQ(t, a->va_end, BASE + G);
	KTEST_EXPECT_EQ(t, alloc_addr(&f.s, 3 * G, G), BASE + G);
	KTEST_EXPECT_EQ(t, alloc_addr(&f.s, G, G), BASE + 4 * G);
	/* A one-granule hole at BASE: a 2-granule request skips it... */
	vmap_space_free(&f.s, a);
	KTEST_EXPECT_NULL(t, vmap_space_check(&f.s));
	KTEST_EXPECT_EQ(t, alloc_addr(&f.s, 2 * G, G), BASE + 5 * G);
	/* ...and a one-granule request takes it. */
	KTEST_EXPECT_EQ(t, alloc_addr(&f.s, G, G), BASE);
	KTEST_EXPECT_EQ(t, f.s.nr_busy, 4ul);
	/* Busy [0,7), free [7,100): one free node. */
	KTEST_EXPECT_EQ(t, f.s.nr_free, 1ul);
	KTEST_EXPECT_EQ(t, f.s.free_bytes, 93 * G);
	KTEST_EXPECT_NULL(t, vmap_space_check(&f.s));
	fixture_destroy(t, &f);
}

static void vmap_tree_alignment(struct ktest *t)
{
	struct fixture f;

	fixture_init(&f, 256);
	KTEST_EXPECT_EQ(t, alloc_addr(&f.s, G, G), BASE);
	/* Free [1,256) holds 16-aligned 4 granules at 16; [1,16) stays free. */
	KTEST_EXPECT_EQ(t, alloc_addr(&f.s, 4 * G, 16 * G), BASE + 16 * G);
	KTEST_EXPECT_EQ(t, f.s.nr_free, 2ul);
	/* First fit goes back below the aligned block. */
	KTEST_EXPECT_EQ(t, alloc_addr(&f.s, 15 * G, G), BASE + G);
	/* Free [20,256): the next 64-aligned spot is 64. */
	KTEST_EXPECT_EQ(t, alloc_addr(&f.s, G, 64 * G), BASE + 64 * G);
	KTEST_EXPECT_EQ(t, f.s.nr_free, 2ul);
	/* [20,64) is 44 granules: 40 with align 8 needs 47, so it goes to [65,256) at 72. */
	KTEST_EXPECT_EQ(t, alloc_addr(&f.s, 40 * G, 8 * G), BASE + 72 * G);
	/* Bad alignments and sizes. */
	KTEST_EXPECT_NULL(t, vmap_space_alloc(&f.s, G, 3 * G));
	KTEST_EXPECT_NULL(t, vmap_space_alloc(&f.s, G, G / 2));
	KTEST_EXPECT_NULL(t, vmap_space_alloc(&f.s, G + 1, G));
	KTEST_EXPECT_NULL(t, vmap_space_alloc(&f.s, 0, G));
	KTEST_EXPECT_NULL(t, vmap_space_alloc(&f.s, G, 1ul << 63));
	KTEST_EXPECT_NULL(t, vmap_space_check(&f.s));
	fixture_destroy(t, &f);
}

static void vmap_tree_merges_neighbours(struct ktest *t)
{
	struct fixture f;
	struct vmap_area *a, *b, *c;

	fixture_init(&f, 3);
	a = vmap_space_alloc(&f.s, G, G);
	b = vmap_space_alloc(&f.s, G, G);
	c = vmap_space_alloc(&f.s, G, G);
	KTEST_ASSERT_TRUE(t, a && b && c);
	KTEST_EXPECT_EQ(t, f.s.nr_free, 0ul);
	KTEST_EXPECT_NULL(t, vmap_space_check(&f.s));
	vmap_space_free(&f.s, a);  /* no free neighbour: a new free node */
	vmap_space_free(&f.s, c);  /* ditto, at the other end */
	KTEST_EXPECT_EQ(t, f.s.nr_free, 2ul);
	vmap_space_free(&f.s, b);  /* touches both: one range again */
	KTEST_EXPECT_EQ(t, f.s.nr_free, 1ul);
	KTEST_EXPECT_EQ(t, f.s.free_root->va_start, BASE);
	KTEST_EXPECT_EQ(t, f.s.free_root->va_end, BASE + 3 * G);
	KTEST_EXPECT_NULL(t, vmap_space_check(&f.s));

	/* Lower neighbour only: [0,1) free, [1,2) freed, [2,3) busy. */
	a = vmap_space_alloc(&f.s, G, G);
	b = vmap_space_alloc(&f.s, G, G);
	c = vmap_space_alloc(&f.s, G, G);
	KTEST_ASSERT_TRUE(t, a && b && c);
	vmap_space_free(&f.s, a);
	vmap_space_free(&f.s, b);
	KTEST_EXPECT_EQ(t, f.s.nr_free, 1ul);
	KTEST_EXPECT_EQ(t, f.s.free_root->va_end, BASE + 2 * G);
	KTEST_EXPECT_NULL(t, vmap_space_check(&f.s));
	/* Upper neighbour only: [0,1) busy, [1,2) freed, [2,3) free. */
	a = vmap_space_alloc(&f.s, G, G);
	b = vmap_space_alloc(&f.s, G, G);
	KTEST_ASSERT_TRUE(t, a && b);
	vmap_space_free(&f.s, c);
	vmap_space_free(&f.s, b);
	KTEST_EXPECT_EQ(t, f.s.nr_free, 1ul);
	KTEST_EXPECT_EQ(t, f.s.free_root->va_start, BASE + G);
	KTEST_EXPECT_NULL(t, vmap_space_check(&f.s));
	fixture_destroy(t, &f);
}

/* An AVL tree of n nodes is at most 1.4405 log2(n + 2) - 0.3277 high. */
static int avl_height_bound(unsigned long n)
{
	int log2 = 0;

	while ((2ul << log2) <= n + 2)
		log2++;
	/* log2(n + 2) < log2 + 1 */
	return (int)(1.4405 * (log2 + 1));
}

static void vmap_tree_fragmentation(struct ktest *t)
{
	enum { N = 5000 };
	static struct vmap_area *va[N];
	struct fixture f;

	fixture_init(&f, 2 * N);
	for (int i = 0; i < N; i++) {
		va[i] = vmap_space_alloc(&f.s, G, G);
		KTEST_ASSERT_NOT_NULL(t, va[i]);
		KTEST_ASSERT_EQ(t, va[i]->va_start, BASE + (unsigned long)i * G);
	}
	/* Every other one back: N/2 one-granule holes below [N, 2N). */
	for (int i = 0; i < N; i += 2)
		vmap_space_free(&f.s, va[i]);
	KTEST_EXPECT_EQ(t, f.s.nr_free, N / 2 + 1ul);
	KTEST_EXPECT_LE(t, f.s.free_root->height, avl_height_bound(f.s.nr_free));
	KTEST_EXPECT_LE(t, f.s.busy_root->height, avl_height_bound(f.s.nr_busy));
	KTEST_EXPECT_NULL(t, vmap_space_check(&f.s));
	/* Two granules fit in no hole: the first fit is the tail at N. */
	KTEST_EXPECT_EQ(t, alloc_addr(&f.s, 2 * G, G), BASE + (unsigned long)N * G);
	/* One granule: the lowest hole, 0. */
	KTEST_EXPECT_EQ(t, alloc_addr(&f.s, G, G), BASE);
	for (int i = 1; i < N; i += 2)
		vmap_space_free(&f.s, va[i]);
	KTEST_EXPECT_NULL(t, vmap_space_check(&f.s));
	fixture_destroy(t, &f);
}

static void vmap_tree_exhaustion(struct ktest *t)
{
	struct fixture f;
	struct vmap_area *a, *b;

	fixture_init(&f, 8);
	KTEST_EXPECT_NULL(t, vmap_space_alloc(&f.s, 9 * G, G));
	a = vmap_space_alloc(&f.s, 5 * G, G);
	b = vmap_space_alloc(&f.s, 3 * G, G);
	KTEST_ASSERT_TRUE(t, a && b);
	KTEST_EXPECT_EQ(t, f.s.free_bytes, 0ul);
	KTEST_EXPECT_NULL(t, f.s.free_root);
	KTEST_EXPECT_NULL(t, vmap_space_alloc(&f.s, G, G));
	KTEST_EXPECT_NULL(t, vmap_space_check(&f.s));
	/* The space is unchanged by the failure; the hole is reused. */
	vmap_space_free(&f.s, a);
	KTEST_EXPECT_NULL(t, vmap_space_alloc(&f.s, 6 * G, G));
	KTEST_EXPECT_EQ(t, alloc_addr(&f.s, 5 * G, G), BASE);
	/* 3 granules 4-aligned need a 6-granule run; [5,8) has 3. */
	vmap_space_free(&f.s, b);
	KTEST_EXPECT_NULL(t, vmap_space_alloc(&f.s, 3 * G, 4 * G));
	KTEST_EXPECT_EQ(t, alloc_addr(&f.s, 3 * G, G), BASE + 5 * G);
	KTEST_EXPECT_NULL(t, vmap_space_check(&f.s));
	fixture_destroy(t, &f);
}

/* Out of nodes: the request fails and the trees stay as they were. */
static void vmap_tree_node_failure(struct ktest *t)
{
	struct fixture f;
	struct vmap_area *a;

	fixture_init(&f, 16);
	a = vmap_space_alloc(&f.s, G, G);
	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, vmap_space_alloc(&f.s, G, G));
	vmap_space_free(&f.s, a);  /* free [0,1) and [2,16) */
	f.pool.fail_after = 0;
	KTEST_EXPECT_NULL(t, vmap_space_alloc(&f.s, G, G));
	/* A split from the middle needs a second node: fail that one. */
	f.pool.fail_after = 1;
	KTEST_EXPECT_NULL(t, vmap_space_alloc(&f.s, G, 4 * G));
	KTEST_EXPECT_EQ(t, f.s.nr_busy, 1ul);
	KTEST_EXPECT_EQ(t, f.s.nr_free, 2ul);
	KTEST_EXPECT_EQ(t, f.s.free_bytes, 15 * G);
	KTEST_EXPECT_NULL(t, vmap_space_check(&f.s));
	/* 1 busy + 2 free nodes: the failed attempts gave theirs back. */
	KTEST_EXPECT_EQ(t, f.pool.live, 3l);
	f.pool.fail_after = -1;
	fixture_destroy(t, &f);
}

static uint64_t rng_state;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* 20000 random operations, each checked against the model. */
static void vmap_tree_random_vs_model(struct ktest *t)
{
	enum { PAGES = 4096, OPS = 20000, MAXLIVE = 600 };
	static struct vmap_area *live[MAXLIVE];
	struct vmap_model m;
	struct fixture f;
	int nr_live = 0, mismatches = 0, bad_checks = 0;

	rng_state = 0x2545f4914f6cdd1dull;
	KTEST_ASSERT_EQ(t, vmap_model_init(&m, BASE, PAGES), 0);
	fixture_init(&f, PAGES);
	for (int op = 0; op < OPS; op++) {
		if (nr_live < MAXLIVE && (nr_live == 0 || rnd() % 100 < 55)) {
			unsigned long size = (1 + rnd() % 24) * G;
			unsigned long align = G << (rnd() % 4 == 0 ? rnd() % 6 : 0);
			unsigned long want = vmap_model_alloc(&m, size, align);
			struct vmap_area *va = vmap_space_alloc(&f.s, size, align);

			if ((va ? va->va_start : 0) != want) {
				if (mismatches++ < 3)
					ktest_printf(t, "op %d: alloc(%lu, %lu) = %#lx, model %#lx",
						     op, size, align, va ? va->va_start : 0, want);
			}
			if (va && want)
				live[nr_live++] = va;
			else if (va)
				vmap_space_free(&f.s, va);
			else if (want)
				vmap_model_free(&m, want, size);
		} else {
			int i = (int)(rnd() % (uint64_t)nr_live);
			struct vmap_area *va = live[i];

			vmap_model_free(&m, va->va_start, va->va_end - va->va_start);
			KTEST_EXPECT_EQ(t, vmap_space_find(&f.s, va->va_start), va);
			vmap_space_free(&f.s, va);
			live[i] = live[--nr_live];
		}
		if (vmap_space_check(&f.s) && bad_checks++ < 3)
			ktest_printf(t, "op %d: %s", op, vmap_space_check(&f.s));
		if (f.s.nr_free != vmap_model_free_runs(&m) && mismatches++ < 3)
			ktest_printf(t, "op %d: %lu free nodes, model %zu runs", op,
				     f.s.nr_free, vmap_model_free_runs(&m));
	}
	KTEST_EXPECT_EQ(t, mismatches, 0);
	KTEST_EXPECT_EQ(t, bad_checks, 0);
	vmap_model_destroy(&m);
	fixture_destroy(t, &f);
}

/* The checker must catch what it claims to: break one invariant at a time. */
static void vmap_tree_check_detects_corruption(struct ktest *t)
{
	struct fixture f;
	struct vmap_area *a, *b;
	unsigned long saved;

	fixture_init(&f, 64);
	a = vmap_space_alloc(&f.s, G, G);
	b = vmap_space_alloc(&f.s, 2 * G, G);
	KTEST_ASSERT_TRUE(t, a && b);
	vmap_space_free(&f.s, a);
	KTEST_ASSERT_NULL(t, vmap_space_check(&f.s));

	saved = f.s.free_root->subtree_max_size;
	f.s.free_root->subtree_max_size = saved + G;
	KTEST_EXPECT_NOT_NULL(t, vmap_space_check(&f.s));
	f.s.free_root->subtree_max_size = saved;

	b->va_end += G; /* overlaps the free range above it */
	KTEST_EXPECT_NOT_NULL(t, vmap_space_check(&f.s));
	b->va_end -= G;

	f.s.free_root->height++;
	KTEST_EXPECT_NOT_NULL(t, vmap_space_check(&f.s));
	f.s.free_root->height--;

	f.s.free_bytes += G;
	KTEST_EXPECT_NOT_NULL(t, vmap_space_check(&f.s));
	f.s.free_bytes -= G;
	KTEST_EXPECT_NULL(t, vmap_space_check(&f.s));
	fixture_destroy(t, &f);
}

static const struct ktest_case vmap_tree_cases[] = {
	KTEST_CASE(vmap_tree_init_rejects_bad_ranges),
	KTEST_CASE(vmap_tree_first_fit),
	KTEST_CASE(vmap_tree_alignment),
	KTEST_CASE(vmap_tree_merges_neighbours),
	KTEST_CASE(vmap_tree_fragmentation),
	KTEST_CASE(vmap_tree_exhaustion),
	KTEST_CASE(vmap_tree_node_failure),
	KTEST_CASE(vmap_tree_random_vs_model),
	KTEST_CASE(vmap_tree_check_detects_corruption),
	KTEST_CASES_END,
};

static const struct ktest_suite vmap_tree_suite = {
	.name = "vmap_tree",
	.cases = vmap_tree_cases,
};
KTEST_SUITE(vmap_tree_suite);
