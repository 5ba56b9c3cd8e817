// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: arbitrary sequences of alloc/free (and node-allocation
 * failures) on the vmalloc range allocator, each result compared with the
 * reference model (test/host/vmap_model.c) and every invariant checked by
 * vmap_space_check() after every step. Any disagreement aborts.
 *
 * Input: 3-byte operations. Byte 0 picks the operation, 1 and 2 its
 * arguments (size in granules, alignment shift, or which area to free).
 */
#include "vmap_model.h"

#include <mm/vmap_tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define G      VMAP_GRANULE
#define BASE   0xffffc90000000000ul
#define PAGES  512
#define MAXLIVE PAGES

struct pool {
	long live;
	int fail_next; /* fail the next node allocation */
};

static struct vmap_area *pool_alloc(void *ctx)
{
	struct pool *p = ctx;

	if (p->fail_next) {
		p->fail_next = 0;
		return NULL;
	}
	p->live++;
	return calloc(1, sizeof(struct vmap_area));
}

static void pool_free(void *ctx, struct vmap_area *va)
{
	struct pool *p = ctx;

	p->live--;
	free(va);
}

static void die(const char *what, unsigned long a, unsigned long b)
{
	fprintf(stderr, "fuzz_vmap_tree: %s (%#lx, %#lx)\n", what, a, b);
	abort();
}

static void check(const struct vmap_space *s, const struct vmap_model *m)
{
	const char *err = vmap_space_check(s);

	if (err)
		die(err, 0, 0);
	if (s->nr_free != vmap_model_free_runs(m))
		die("free node count differs from the model's runs", s->nr_free,
		    vmap_model_free_runs(m));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vmap_area *live[MAXLIVE];
	struct pool pool = { 0, 0 };
	const struct vmap_node_ops ops = { pool_alloc, pool_free, &pool };
	struct vmap_space s;
	struct vmap_model m;
	size_t nr_live = 0;

	if (vmap_space_init(&s, BASE, BASE + PAGES * G, &ops) ||
	    vmap_model_init(&m, BASE, PAGES))
		die("setup failed", 0, 0);
	for (size_t i = 0; i + 3 <= size; i += 3) {
		uint8_t op = data[i], a = data[i + 1], b = data[i + 2];

		if (op % 4 == 3) {
			pool.fail_next = 1;
		} else if (op % 4 == 2 && nr_live) {
			size_t k = a % nr_live;
			struct vmap_area *va = live[k];

			if (vmap_space_find(&s, va->va_start) != va)
				die("busy area not found", va->va_start, 0);
			vmap_model_free(&m, va->va_start, va->va_end - va->va_start);
			vmap_space_free(&s, va);
			live[k] = live[--nr_live];
		} else {
			unsigned long sz = (1ul + a % 64) * G, al = G << (b % 8);
			int failing = pool.fail_next;
			struct vmap_area *va = vmap_space_alloc(&s, sz, al);
			unsigned long want = failing ? 0 : vmap_model_alloc(&m, sz, al);

			pool.fail_next = 0;
			if ((va ? va->va_start : 0) != want)
				die("alloc differs from the model", va ? va->va_start : 0, want);
			if (va)
				live[nr_live++] = va;
		}
		check(&s, &m);
	}
	while (nr_live) {
		struct vmap_area *va = live[--nr_live];

		vmap_model_free(&m, va->va_start, va->va_end - va->va_start);
		vmap_space_free(&s, va);
	}
	check(&s, &m);
	if (s.nr_free != 1 || s.free_bytes != PAGES * G)
		die("space not whole after freeing everything", s.nr_free, s.free_bytes);
	pool_free(&pool, s.free_root);
	if (pool.live)
		die("nodes leaked", (unsigned long)pool.live, 0);
	vmap_model_destroy(&m);
	return 0;
}
