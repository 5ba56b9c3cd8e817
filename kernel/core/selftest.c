// SPDX-License-Identifier: MIT
/*
 * selftest=all|SUITE,...: run in-kernel ktest suites at the end of boot,
 * with their KTAP on the consoles, so that a boot test (and Linux's
 * kunit.py) can read the results from the serial log. selftest=list (or
 * help) names the suites instead and runs none.
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

static void list_suites(void)
{
	const struct ktest_suite *const *suites;
	size_t nr = ktest_registered(&suites);

	pr_info("selftest: %zu suites; run them with selftest=all or selftest=SUITE,SUITE:\n", nr);
	for (size_t i = 0; i < nr; i++) {
		int cases = 0;

		while (suites[i]->cases[cases].run)
			cases++;
		pr_info("selftest:   %-16s %d cases\n", suites[i]->name, cases);
	}
}

bool selftest_run_requested(void)
{
	static const struct ktest_sink sink = { ktap_to_printk, NULL };

	if (!selftest_filter)
		return true;
	if (!strcmp(selftest_filter, "list") || !strcmp(selftest_filter, "help")) {
		list_suites();
		return true;
	}
	/* ktest runs every suite for an empty filter. */
	return ktest_run_all(strcmp(selftest_filter, "all") ? selftest_filter : "", &sink) == 0;
}
