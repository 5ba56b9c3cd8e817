/* SPDX-License-Identifier: MIT */
/*
 * The page_alloc ktest suite (page_alloc_test.c) runs in the kernel on
 * the live allocator and on the host on a simulated machine. What differs
 * is behind these hooks: page_alloc_test_kernel.c and
 * test/host/page_alloc_test_host.c implement them.
 */
#ifndef MM_PAGE_ALLOC_TEST_H
#define MM_PAGE_ALLOC_TEST_H

#include <lib/ktest.h>
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

/* The cases, for host suites that run them on other machines. */
extern const struct ktest_case page_alloc_cases[];

#endif
