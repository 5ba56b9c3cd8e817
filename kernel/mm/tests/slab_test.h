/* SPDX-License-Identifier: MIT */
/*
 * The slab ktest suite (slab_test.c, slab_test_debug.c) runs at the end of
 * boot on the live allocator (selftest=slab) and on the host on simulated
 * machines. What differs is behind these hooks: slab_test_kernel.c and
 * test/host/slab_test_host.c implement them.
 */
#ifndef MM_SLAB_TEST_H
#define MM_SLAB_TEST_H

#include <lib/ktest.h>
#include <mm/slab.h>
#include <stdbool.h>

/* Per case: the host boots a fresh machine up to kmem_cache_init. */
int slt_env_init(struct ktest *t);
void slt_env_exit(struct ktest *t);

/*
 * Captured printk: lines containing @s, or -1 where nothing is captured
 * (the kernel; its cases then check return values and slab_errors, and
 * the boot test greps the console for the reports).
 */
long slt_log_count(const char *s);
bool slt_log_has_line(const char *line);
const char *slt_log_text(void); /* NULL in the kernel */
void slt_log_clear(void);

/* Helpers the case files share (slab_test.c). */
unsigned long slt_cache_active(struct kmem_cache *s); /* objects allocated */
unsigned long slt_free_pages(void);		      /* buddy free pages, pcp lists drained */
/* Expect @line among the captured lines (the kernel: nothing to check). */
void slt_expect_line(struct ktest *t, const char *line);
struct kmem_cache *slt_cache_by_name(const char *name);
struct kmem_cache *slt_cache_of(const void *obj); /* NULL: no slab object */
/* First byte in [p, p + len) that is not @v, or NULL. */
const unsigned char *slt_find_not(const void *p, unsigned char v, size_t len);
/* kmalloc-64 still hands out distinct objects and takes them back. */
void slt_expect_works(struct ktest *t);

/* The kmem_cache cases (slab_test_cache.c). */
void slab_cache_alignment(struct ktest *t);
void slab_constructor(struct ktest *t);
void slab_shrink(struct ktest *t);
void slab_shrink_many(struct ktest *t);
void slab_destroy_busy(struct ktest *t);
void slab_bootstrap(struct ktest *t);
void slab_free_wrong_cache(struct ktest *t);

/* The debug-check cases (slab_test_debug.c), listed in the suite. */
void slab_debug_redzone_right(struct ktest *t);
void slab_debug_redzone_left(struct ktest *t);
void slab_debug_redzone_edges(struct ktest *t);
void slab_debug_poison(struct ktest *t);
void slab_debug_poison_edges(struct ktest *t);
void slab_debug_double_free(struct ktest *t);
void slab_debug_invalid_pointer(struct ktest *t);
void slab_debug_tracking(struct ktest *t);
void slab_double_free_no_debug(struct ktest *t);

extern const struct ktest_case slab_cases[];

#endif
