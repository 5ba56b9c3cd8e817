// SPDX-License-Identifier: MIT
/* The init function mm test suites share: a fresh machine per case. */
#include "sim_ktest.h"

#include <stdio.h>
#include <string.h>

int sim_ktest_init(struct ktest *t)
{
	static const struct sim_log_opts quiet = { .capture = true };

	(void)t;
	if (sim_mem_init(SIM_MEM_DEFAULT))
		return -1;
	sim_log_setup(&quiet);
	sim_reset();
	return 0;
}

void sim_ktest_dump_log(struct ktest *t)
{
	/* On failure, the kernel's own lines explain more than any diff. */
	if (t->status != KTEST_FAIL)
		return;
	printf("    # --- captured printk output ---\n");
	for (const char *p = sim_log_text(); *p;) {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);

		printf("    # %.*s\n", len, p);
		if (!nl)
			break;
		p = nl + 1;
	}
}
