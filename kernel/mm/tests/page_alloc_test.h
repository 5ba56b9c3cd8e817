/* SPDX-License-Identifier: MIT */
/*
 * The page_alloc ktest suite (page_alloc_test*.c) runs in the kernel on
 * the live allocator and on the host on a simulated machine. What differs
 * is behind these hooks: page_alloc_test_kernel.c and
 * test/host/page_alloc_test_host.c implement them.
 */
#ifndef MM_PAGE_ALLOC_TEST_H
#define MM_PAGE_ALLOC_TEST_H

#include <lib/ktest.h>
#include <mm/gfp.h>
#include <mm/page_alloc_debug.h>
#include <stdbool.h>

/* Per case: the host boots a fresh machine; the kernel drains its pcp lists. */
int pat_env_init(struct ktest *t);
void pat_env_exit(struct ktest *t);

/*
 * Captured printk lines containing @s, or -1 where output cannot be
 * captured (the kernel): the cases then check return values and counters.
 */
long pat_log_count(const char *s);
bool pat_log_has_line(const char *line);
void pat_log_clear(void);

/*
 * Page poisoning for the poison case: the host reboots the machine with
 * page_poison=on and says true; the kernel says whether it booted so.
 */
bool pat_want_poisoning(void);

/* Every case passes this: a failure is expected, not worth a report. */
#define NOWARN __GFP_NOWARN

/* Helpers the case files share (page_alloc_test.c). */
static inline unsigned long pat_block_pages(unsigned int order)
{
	return 1UL << order;
}

/* Counts taken before a case; one case at a time, so one snapshot. */
extern struct buddy_snapshot pat_snap;
/* Keep @page (held by the caller) on @held, chained through its lru. */
void pat_hold(struct list_head *held, struct page *page);
/* Free every block on @held, all of order @order. */
void pat_release(struct list_head *held, unsigned int order);
/* Free every block on @held[o], each of order o. */
void pat_release_all(struct list_head held[MAX_ORDER]);
void pat_init_held(struct list_head held[MAX_ORDER]);
/* check_buddy_invariants() holds. */
void pat_expect_invariants(struct ktest *t);
/* Drain, then the counts must be exactly those of pat_snap. */
void pat_expect_snapshot(struct ktest *t);
/* Something a block of 2^@order at @page breaks, or NULL. */
const char *pat_block_problem(struct page *page, unsigned int order);
/* Linux's gfp_zone() and the zone bounds, from the flags alone. */
int pat_max_zone_of(gfp_t gfp);
unsigned long pat_pfn_limit_of(gfp_t gfp);
/* The zone modifier for cases that touch all memory (DMA when poisoning). */
gfp_t pat_heavy_zone_gfp(void);

/* The cases of the other files, listed in the suite (page_alloc_test.c). */
/* page_alloc_test_zone.c */
void page_alloc_zone_restriction(struct ktest *t);
/* page_alloc_test_stress.c */
void page_alloc_random_stress(struct ktest *t);
void page_alloc_oom(struct ktest *t);
/* page_alloc_test_bad.c */
void page_alloc_bad_double_free_pcp(struct ktest *t);
void page_alloc_bad_double_free_buddy(struct ktest *t);
void page_alloc_bad_free_reserved(struct ktest *t);
void page_alloc_bad_wrong_order(struct ktest *t);
void page_alloc_bad_misaligned(struct ktest *t);
void page_alloc_bad_foreign_address(struct ktest *t);
void page_alloc_poison(struct ktest *t);

/* The cases, for host suites that run them on other machines. */
extern const struct ktest_case page_alloc_cases[];

#endif
