// SPDX-License-Identifier: MIT
/*
 * selftest=all|SUITE,...: run in-kernel ktest suites at the end of boot,
 * with their KTAP on the consoles, so that a boot test (and Linux's
 * kunit.py) can read the results from the serial log.
 */
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/selftest.h>
#include <lib/ktest.h>
#include <lib/string.h>

static const char *selftest_filter;

static int set_selftest(const char *val)
{
	if (!val || !*val)
		return -1;
	selftest_filter = val;
	return 0;
}
kernel_param("selftest", set_selftest);

static void ktap_to_printk(void *ctx, const char *s, size_t len)
{
	(void)ctx;
	printk(KERN_INFO "%.*s", (int)len, s);
}

bool selftest_run_requested(void)
{
	static const struct ktest_sink sink = { ktap_to_printk, NULL };

	if (!selftest_filter)
		return true;
	/* ktest runs every suite for an empty filter. */
	return ktest_run_all(strcmp(selftest_filter, "all") ? selftest_filter : "",
			     &sink) == 0;
}
