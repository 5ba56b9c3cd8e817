// SPDX-License-Identifier: MIT
/*
 * The page_alloc suite's hooks on the host: every case gets a freshly
 * booted simulated machine (q35 512M unless a suite picks another), with
 * printk captured so cases can check the exact reports.
 */
#include "page_alloc_machines.h"
#include "sim_ktest.h"

#include "../../kernel/mm/tests/page_alloc_test.h"

const struct pa_machine *pa_current_machine = &pa_q35_512m;

int pat_env_init(struct ktest *t)
{
	(void)t;
	return pa_boot(pa_current_machine, "", true);
}

void pat_env_exit(struct ktest *t)
{
	sim_ktest_dump_log(t);
}

long pat_log_count(const char *s)
{
	return (long)sim_log_count(s);
}

bool pat_log_has_line(const char *line)
{
	return sim_log_has_line(line);
}

void pat_log_clear(void)
{
	sim_log_clear();
}

/* Poisoning writes every free page: a 64M machine keeps that cheap. */
bool pat_want_poisoning(void)
{
	return pa_boot(&pa_small_64m, "page_poison=on", true) == 0;
}
