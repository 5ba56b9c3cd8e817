// SPDX-License-Identifier: MIT
/*
 * The page_alloc suite's hooks in the kernel: the live allocator at the
 * end of boot, no printk capture (cases check results and counters only),
 * poisoning only when the boot asked for it.
 */
#include "../internal.h"
#include "page_alloc_test.h"

#include <mm/page_alloc.h>

int pat_env_init(struct ktest *t)
{
	(void)t;
	drain_local_pages(); /* cases start from empty pcp lists */
	return 0;
}

void pat_env_exit(struct ktest *t)
{
	(void)t;
	drain_local_pages();
}

long pat_log_count(const char *s)
{
	(void)s;
	return -1;
}

bool pat_log_has_line(const char *line)
{
	(void)line;
	return false;
}

void pat_log_clear(void)
{
}

bool pat_want_poisoning(void)
{
	return page_poisoning_enabled;
}
