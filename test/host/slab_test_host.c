// SPDX-License-Identifier: MIT
/*
 * The slab suite's hooks on the host: every case gets a freshly booted
 * simulated machine (q35 512M unless a suite picks another) brought up as
 * start_kernel does, through kmem_cache_init, with printk captured so the
 * cases can check the exact reports.
 */
#include "page_alloc_machines.h"
#include "sim_ktest.h"
#include "slab_test_host.h"

#include "../../kernel/mm/tests/slab_test.h"

const struct pa_machine *slt_machine = &pa_q35_512m;
const char *slt_cmdline = "";

int slt_env_init(struct ktest *t)
{
	(void)t;
	if (pa_boot(slt_machine, slt_cmdline, true))
		return -1;
	kmem_cache_init();
	sim_log_clear();
	return 0;
}

void slt_env_exit(struct ktest *t)
{
	sim_ktest_dump_log(t);
}

long slt_log_count(const char *s)
{
	return (long)sim_log_count(s);
}

bool slt_log_has_line(const char *line)
{
	return sim_log_has_line(line);
}

const char *slt_log_text(void)
{
	return sim_log_text();
}

void slt_log_clear(void)
{
	sim_log_clear();
}
