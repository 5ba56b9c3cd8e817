// SPDX-License-Identifier: MIT
/*
 * A suite that fails on purpose, for the tests of the harness itself: its
 * binary must exit 1 and kunit.py must call its run a failure.
 */
#include <lib/ktest.h>

static void passes(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, 2 + 2, 4);
}

static void fails_on_purpose(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, 2 + 2, 5);
}

static const struct ktest_case must_fail_cases[] = {
	KTEST_CASE(passes),
	KTEST_CASE(fails_on_purpose),
	KTEST_CASES_END,
};

static const struct ktest_suite must_fail = {
	.name = "must_fail",
	.cases = must_fail_cases,
};
KTEST_SUITE(must_fail);
