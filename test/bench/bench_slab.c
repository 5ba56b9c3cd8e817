// SPDX-License-Identifier: MIT
/*
 * slab.*: kmalloc+kfree pairs on the hot path (the same object again and
 * again from the CPU's freelist), next to glibc's malloc/free and
 * mimalloc's mi_malloc/mi_free in the same run, the three interleaved per
 * repetition so that noise hits them alike; then the ratios. And the
 * memory slabs hold against the bytes live after a mixed workload.
 */
#include "bench.h"
#include "bench_clock.h"
#include "bench_machine.h"

#include <dlfcn.h>
#include <mimalloc.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <stdio.h>
#include <stdlib.h>

#define MACHINE_GIB 4

/* Keep the compiler from pairing malloc with free and deleting both. */
static inline void keep(void *p)
{
	__asm__ volatile("" : : "r"(p) : "memory");
}

static void fail(const char *what)
{
	fprintf(stderr, "bench: %s: allocation failed\n", what);
	exit(1);
}

/*
 * Debian's libmimalloc.so also defines malloc/free (and __libc_malloc),
 * and being linked before libc it takes them over for the whole process:
 * plain malloc() would be mimalloc again. glibc's own definitions, looked
 * up in libc.so.6 itself, give the real glibc figures. (Called through a
 * pointer: an indirect call, as a PLT call is.)
 */
static void *(*glibc_malloc)(size_t);
static void (*glibc_free)(void *);

static void find_glibc(void)
{
	void *libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);

	if (libc) {
		*(void **)&glibc_malloc = dlsym(libc, "malloc");
		*(void **)&glibc_free = dlsym(libc, "free");
	}
	if (!glibc_malloc || !glibc_free || glibc_malloc == (void *(*)(size_t))mi_malloc) {
		fprintf(stderr, "bench: cannot find glibc's own malloc\n");
		exit(1);
	}
}

enum allocator { OURS, GLIBC, MIMALLOC, NR_ALLOCATORS };
static const char *const alloc_names[NR_ALLOCATORS] = { "kmalloc", "glibc", "mimalloc" };

/* TSC ticks per pair over @n pairs of @size bytes. */
static double pairs(enum allocator a, size_t size, unsigned long n)
{
	uint64_t t0 = bench_tsc();

	switch (a) {
	case OURS:
		for (unsigned long i = 0; i < n; i++) {
			void *p = kmalloc(size, GFP_KERNEL);

			keep(p);
			kfree(p);
		}
		break;
	case GLIBC:
		for (unsigned long i = 0; i < n; i++) {
			void *p = glibc_malloc(size);

			keep(p);
			glibc_free(p);
		}
		break;
	default:
		for (unsigned long i = 0; i < n; i++) {
			void *p = mi_malloc(size);

			keep(p);
			mi_free(p);
		}
		break;
	}
	return (double)(bench_tsc() - t0) / (double)n;
}

static void ratio(const char *name, const struct bench_samples *a, const struct bench_samples *b)
{
	struct bench_summary x = bench_summarize(a), y = bench_summarize(b);
	/* min and max: the extreme ratios the two ranges allow. */
	struct bench_summary r = { x.median / y.median, x.min / y.max, x.max / y.min };

	bench_print(name, "ratio", r);
}

static void hot_pairs(const struct bench_opts *o, size_t size)
{
	static struct bench_samples s[NR_ALLOCATORS];
	unsigned long n = 200000 / o->scale ? 200000 / o->scale : 1;
	char name[64];

	for (int a = 0; a < NR_ALLOCATORS; a++) {
		s[a].n = 0;
		pairs((enum allocator)a, size, n); /* warm-up: slabs, caches, TLB */
	}
	for (int r = 0; r < o->reps; r++)
		for (int a = 0; a < NR_ALLOCATORS; a++)
			bench_add(&s[a], pairs((enum allocator)a, size, n));
	for (int a = 0; a < NR_ALLOCATORS; a++) {
		snprintf(name, sizeof(name), "slab.%s_%zu_hot", alloc_names[a], size);
		bench_print_ticks(o, name, &s[a]);
	}
	snprintf(name, sizeof(name), "slab.kmalloc_%zu_over_mimalloc", size);
	ratio(name, &s[OURS], &s[MIMALLOC]);
	snprintf(name, sizeof(name), "slab.kmalloc_%zu_over_glibc", size);
	ratio(name, &s[OURS], &s[GLIBC]);
}

/*
 * Memory held by slabs over bytes live, after a deterministic mixed
 * workload (sizes 1..2048, skewed small, ~half freed again): what the
 * size classes, partial slabs and per-slab waste cost. Pages come from
 * the zones' free counts, bytes from what the workload asked for.
 */
static void mixed_overhead(void)
{
	enum { OPS = 100000, SLOTS = 20000 };
	static void *slot[SLOTS];
	static size_t slot_size[SLOTS];
	unsigned long free0, live = 0, pages;
	uint64_t x = 0x9e3779b97f4a7c15ULL;

	drain_local_pages();
	free0 = nr_free_pages();
	for (unsigned long i = 0; i < OPS; i++) {
		unsigned int k;
		size_t size;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		k = (unsigned int)(x % SLOTS);
		if (slot[k]) {
			kfree(slot[k]);
			live -= slot_size[k];
			slot[k] = NULL;
			continue;
		}
		/* Half of the sizes under 128 bytes, the rest up to 2 KiB. */
		size = (x >> 32) & 1 ? 1 + (x >> 33) % 128 : 1 + (x >> 33) % 2048;
		slot[k] = kmalloc(size, GFP_KERNEL);
		if (!slot[k])
			fail("mixed workload");
		slot_size[k] = size;
		live += size;
	}
	drain_local_pages();
	pages = free0 - nr_free_pages();
	bench_print("slab.mixed_pages_over_live", "ratio",
		    (struct bench_summary){ (double)pages * 4096 / (double)live,
					    (double)pages * 4096 / (double)live,
					    (double)pages * 4096 / (double)live });
	for (unsigned int k = 0; k < SLOTS; k++) {
		kfree(slot[k]);
		slot[k] = NULL;
	}
}

/* Any figure of the hot pairs of @size (or, for size 0, any at all) wanted? */
static bool hot_wanted(size_t size)
{
	static const char *const fmt[] = {
		"slab.kmalloc_%zu_hot", "slab.glibc_%zu_hot", "slab.mimalloc_%zu_hot",
		"slab.kmalloc_%zu_over_mimalloc", "slab.kmalloc_%zu_over_glibc",
	};
	char name[64];

	for (unsigned int i = 0; i < sizeof(fmt) / sizeof(fmt[0]); i++) {
		snprintf(name, sizeof(name), fmt[i], size);
		if (bench_wanted(name))
			return true;
	}
	return false;
}

static const size_t sizes[] = { 8, 64, 256, 1024, 4096 };
#define NR_SIZES (sizeof(sizes) / sizeof(sizes[0]))

void bench_slab(const struct bench_opts *o)
{
	bool any = bench_wanted("slab.mixed_pages_over_live");

	for (unsigned int i = 0; i < NR_SIZES; i++)
		any |= hot_wanted(sizes[i]);
	if (!any)
		return;
	find_glibc();
	bench_machine_boot(MACHINE_GIB, NULL);
	kmem_cache_init();
	for (unsigned int i = 0; i < NR_SIZES; i++)
		if (hot_wanted(sizes[i]))
			hot_pairs(o, sizes[i]);
	if (bench_wanted("slab.mixed_pages_over_live"))
		mixed_overhead();
	if (slab_errors) {
		fprintf(stderr, "bench: %lu slab errors reported\n", slab_errors);
		exit(1);
	}
}
