// SPDX-License-Identifier: MIT
/*
 * Tests of the test framework itself: inner suites (not registered, so the
 * outer runner does not see them) are run through ktest_run_suites() into
 * a capture sink, and the KTAP text is compared with what the KTAP v1 spec
 * and kunit.py's parser expect, written out by hand below.
 */
#include "ktest_capture.h"
#include <stdio.h>
#include <string.h>

/* Line numbers of the inner checks, recorded on the line of the check. */
static int line_fail, line_assert;
static int after_expect, after_assert;

static void inner_pass(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, 1, 1);
}

static void inner_fail(struct ktest *t)
{
	int x = 2;

	line_fail = __LINE__; KTEST_EXPECT_EQ(t, x, 3);
	after_expect = 1;
}

static void inner_skip(struct ktest *t)
{
	KTEST_SKIP(t, "not today");
}

static void inner_assert(struct ktest *t)
{
	unsigned long long big = 0xffffffffffffffffull;

	line_assert = __LINE__; KTEST_ASSERT_LT(t, big, 0);
	after_assert = 1;
}

static const struct ktest_case inner_cases[] = {
	KTEST_CASE(inner_pass),
	KTEST_CASE(inner_fail),
	KTEST_CASE(inner_skip),
	KTEST_CASE(inner_assert),
	KTEST_CASES_END,
};

static const struct ktest_suite inner = { .name = "inner", .cases = inner_cases };

static void ktap_layout_pass_fail_skip_assert(struct ktest *t)
{
	const struct ktest_suite *suites[] = { &inner };
	struct capture c;
	char want[2048];
	int failed;

	capture_init(&c);
	after_expect = after_assert = 0;
	failed = ktest_run_suites(suites, 1, NULL, &c.sink);
	KTEST_EXPECT_EQ(t, failed, 2);
	KTEST_EXPECT_EQ(t, after_expect, 1); /* EXPECT goes on */
	KTEST_EXPECT_EQ(t, after_assert, 0); /* ASSERT leaves the case */
	snprintf(want, sizeof(want),
		 "KTAP version 1\n"
		 "1..1\n"
		 "    KTAP version 1\n"
		 "    # Subtest: inner\n"
		 "    1..4\n"
		 "    ok 1 inner_pass\n"
		 "    # inner_fail: EXPECTATION FAILED at %s:%d\n"
		 "    #   Expected x == 3, but\n"
		 "    #     x == 2\n"
		 "    #     3 == 3\n"
		 "    not ok 2 inner_fail\n"
		 "    ok 3 inner_skip # SKIP not today\n"
		 "    # inner_assert: ASSERTION FAILED at %s:%d\n"
		 "    #   Expected big < 0, but\n"
		 "    #     big == 18446744073709551615 (0xffffffffffffffff)\n"
		 "    #     0 == 0\n"
		 "    not ok 4 inner_assert\n"
		 "    # inner: pass:1 fail:2 skip:1 total:4\n"
		 "not ok 1 inner\n"
		 "# Totals: pass:1 fail:2 skip:1 total:4\n",
		 __FILE__, line_fail, __FILE__, line_assert);
	expect_capture(t, &c, want);
}

/* --- comparisons: run one check on a scratch test, report pass/fail --- */

static bool scratch(void (*fn)(struct ktest *))
{
	struct capture c;
	struct ktest s = { .name = "scratch", .status = KTEST_PASS };

	capture_init(&c);
	s.sink = &c.sink;
	fn(&s);
	return s.status == KTEST_PASS;
}

static void lt_neg_vs_unsigned(struct ktest *t) { KTEST_EXPECT_LT(t, -1, 0u); }
static void eq_neg_vs_umax(struct ktest *t) { KTEST_EXPECT_EQ(t, -1, 0xffffffffu); }
static void gt_umax_vs_smin(struct ktest *t)
{
	KTEST_EXPECT_GT(t, 0xffffffffffffffffull, -0x7fffffffffffffffll - 1);
}
static void eq_size_vs_int(struct ktest *t) { KTEST_EXPECT_EQ(t, sizeof(int), 4); }
static void le_equal(struct ktest *t) { KTEST_EXPECT_LE(t, 5, 5); }
static void lt_equal(struct ktest *t) { KTEST_EXPECT_LT(t, 5, 5); }
static void ge_less(struct ktest *t) { KTEST_EXPECT_GE(t, 4, 5); }
static void ne_equal(struct ktest *t) { KTEST_EXPECT_NE(t, 7u, 7); }
static void ne_differ(struct ktest *t) { KTEST_EXPECT_NE(t, 7, 8); }
static void ptr_eq(struct ktest *t)
{
	static int a[2];
	KTEST_EXPECT_EQ(t, &a[0], a);
	KTEST_EXPECT_LT(t, &a[0], &a[1]);
}
static void true_false_ok(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, 3 > 2);
	KTEST_EXPECT_FALSE(t, 3 < 2);
}
static void true_bad(struct ktest *t) { KTEST_EXPECT_TRUE(t, 0); }
static void false_bad(struct ktest *t) { KTEST_EXPECT_FALSE(t, 1); }
static void null_ok(struct ktest *t)
{
	static int x;
	KTEST_EXPECT_NULL(t, (void *)0);
	KTEST_EXPECT_NOT_NULL(t, &x);
}
static void null_bad(struct ktest *t) { static int x; KTEST_EXPECT_NULL(t, &x); }
static void not_null_bad(struct ktest *t) { KTEST_EXPECT_NOT_NULL(t, (char *)0); }
static void streq_ok(struct ktest *t) { char s[] = "abc"; KTEST_EXPECT_STREQ(t, s, "abc"); }
static void streq_prefix(struct ktest *t) { KTEST_EXPECT_STREQ(t, "ab", "abc"); }
static void streq_null(struct ktest *t) { KTEST_EXPECT_STREQ(t, (char *)0, ""); }
static void streq_both_null(struct ktest *t) { KTEST_EXPECT_STREQ(t, (char *)0, (char *)0); }
static void memeq_ok(struct ktest *t) { KTEST_EXPECT_MEMEQ(t, "ab\0x", "ab\0x", 4); }
static void memeq_last(struct ktest *t) { KTEST_EXPECT_MEMEQ(t, "ab\0x", "ab\0y", 4); }
static void memeq_zero_len(struct ktest *t) { KTEST_EXPECT_MEMEQ(t, "a", "b", 0); }

static void comparisons_are_exact(struct ktest *t)
{
	static const struct {
		const char *name;
		void (*fn)(struct ktest *);
		bool pass;
	} c[] = {
		{ "-1 < 0u", lt_neg_vs_unsigned, true },
		{ "-1 == 0xffffffffu", eq_neg_vs_umax, false },
		{ "u64 max > s64 min", gt_umax_vs_smin, true },
		{ "sizeof(int) == 4", eq_size_vs_int, true },
		{ "5 <= 5", le_equal, true },
		{ "5 < 5", lt_equal, false },
		{ "4 >= 5", ge_less, false },
		{ "7u != 7", ne_equal, false },
		{ "7 != 8", ne_differ, true },
		{ "pointers", ptr_eq, true },
		{ "true/false", true_false_ok, true },
		{ "TRUE(0)", true_bad, false },
		{ "FALSE(1)", false_bad, false },
		{ "NULL/NOT_NULL", null_ok, true },
		{ "NULL(&x)", null_bad, false },
		{ "NOT_NULL(0)", not_null_bad, false },
		{ "streq", streq_ok, true },
		{ "streq prefix", streq_prefix, false },
		{ "streq NULL vs empty", streq_null, false },
		{ "streq NULL NULL", streq_both_null, true },
		{ "memeq", memeq_ok, true },
		{ "memeq last byte", memeq_last, false },
		{ "memeq 0 bytes", memeq_zero_len, true },
	};

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		bool got = scratch(c[i].fn);

		if (got != c[i].pass)
			ktest_printf(t, "check \"%s\" wrongly %s", c[i].name,
				     got ? "passed" : "failed");
		KTEST_EXPECT_EQ(t, got, c[i].pass);
	}
}

/* --- diagnostics text for strings and memory --- */

static int line_str, line_mem;

static void str_diag(struct ktest *t)
{
	const char *a = "x\"\n";

	line_str = __LINE__; KTEST_EXPECT_STREQ(t, a, (char *)0);
}

static void mem_diag(struct ktest *t)
{
	unsigned char a[3] = { 1, 2, 3 }, b[3] = { 1, 2, 0xfe };

	line_mem = __LINE__; KTEST_EXPECT_MEMEQ(t, a, b, 3);
}

static const struct ktest_case diag_cases[] = {
	KTEST_CASE(str_diag), KTEST_CASE(mem_diag), KTEST_CASES_END,
};
static const struct ktest_suite diag = { .name = "diag", .cases = diag_cases };

static void diagnostics_quote_and_locate(struct ktest *t)
{
	const struct ktest_suite *suites[] = { &diag };
	struct capture c;
	char want[2048];

	capture_init(&c);
	KTEST_EXPECT_EQ(t, ktest_run_suites(suites, 1, "", &c.sink), 2);
	/* The newline in the string must come out as \n: one KTAP line. */
	snprintf(want, sizeof(want),
		 "KTAP version 1\n"
		 "1..1\n"
		 "    KTAP version 1\n"
		 "    # Subtest: diag\n"
		 "    1..2\n"
		 "    # str_diag: EXPECTATION FAILED at %s:%d\n"
		 "    #   Expected a == (char *)0, but\n"
		 "    #     a == \"x\\\"\\n\"\n"
		 "    #     (char *)0 == NULL\n"
		 "    not ok 1 str_diag\n"
		 "    # mem_diag: EXPECTATION FAILED at %s:%d\n"
		 "    #   Expected a == b (3 bytes), but at offset 2\n"
		 "    #     a[2] == 0x03\n"
		 "    #     b[2] == 0xfe\n"
		 "    not ok 2 mem_diag\n"
		 "    # diag: pass:0 fail:2 skip:0 total:2\n"
		 "not ok 1 diag\n"
		 "# Totals: pass:0 fail:2 skip:0 total:2\n",
		 __FILE__, line_str, __FILE__, line_mem);
	expect_capture(t, &c, want);
}

/* --- filter --- */

static void nop(struct ktest *t) { (void)t; }
static const struct ktest_case one_case[] = { KTEST_CASE(nop), KTEST_CASES_END };
static const struct ktest_suite alpha = { .name = "alpha", .cases = one_case };
static const struct ktest_suite beta = { .name = "beta", .cases = one_case };
static const struct ktest_suite gamma_ = { .name = "gamma", .cases = one_case };
static const struct ktest_suite *const abc[] = { &alpha, &beta, &gamma_ };

/* The "ok N name" suite lines of a run, joined by spaces. */
static int run_filter(const char *filter, char *out, size_t n)
{
	struct capture c;
	const char *p;
	int failed;

	capture_init(&c);
	failed = ktest_run_suites(abc, 3, filter, &c.sink);
	out[0] = '\0';
	for (p = c.buf; *p; p = strchr(p, '\n') + 1) {
		size_t len = strcspn(p, "\n");

		if (!strncmp(p, "1..", 3) || !strncmp(p, "ok ", 3) ||
		    !strncmp(p, "not ok ", 7))
			snprintf(out + strlen(out), n - strlen(out), "%s%.*s",
				 *out ? "|" : "", (int)len, p);
	}
	return failed;
}

static void filter_selects_named_suites(struct ktest *t)
{
	char got[256];

	KTEST_EXPECT_EQ(t, run_filter(NULL, got, sizeof(got)), 0);
	KTEST_EXPECT_STREQ(t, got, "1..3|ok 1 alpha|ok 2 beta|ok 3 gamma");
	/* Order is registration order, numbering follows what runs. */
	KTEST_EXPECT_EQ(t, run_filter("gamma,alpha", got, sizeof(got)), 0);
	KTEST_EXPECT_STREQ(t, got, "1..2|ok 1 alpha|ok 2 gamma");
	KTEST_EXPECT_EQ(t, run_filter("beta", got, sizeof(got)), 0);
	KTEST_EXPECT_STREQ(t, got, "1..1|ok 1 beta");
	/* Empty items are ignored. */
	KTEST_EXPECT_EQ(t, run_filter(",beta,", got, sizeof(got)), 0);
	KTEST_EXPECT_STREQ(t, got, "1..1|ok 1 beta");
}

static void filter_unknown_name_fails(struct ktest *t)
{
	char got[256];

	/* Whole names only: a prefix or an extension is not a match. */
	KTEST_EXPECT_EQ(t, run_filter("alph,beta,alphax", got, sizeof(got)), 2);
	KTEST_EXPECT_STREQ(t, got, "1..3|ok 1 beta|not ok 2 alph|not ok 3 alphax");
}

/* --- init/exit, skip after failure, all-skipped suite --- */

static int inits, exits;

static int init_ok(struct ktest *t) { inits++; t->priv = &inits; return 0; }
static int init_bad(struct ktest *t) { (void)t; inits++; return -22; }
static void fixture_exit(struct ktest *t) { (void)t; exits++; }
static void uses_priv(struct ktest *t) { KTEST_EXPECT_EQ(t, t->priv, (void *)&inits); }
static void never_run(struct ktest *t) { (void)t; exits += 100; }

static const struct ktest_case priv_cases[] = {
	KTEST_CASE(uses_priv), KTEST_CASE(uses_priv), KTEST_CASES_END,
};
static const struct ktest_case never_cases[] = { KTEST_CASE(never_run), KTEST_CASES_END };

static void init_and_exit_run_per_case(struct ktest *t)
{
	const struct ktest_suite good = { "good", priv_cases, init_ok, fixture_exit };
	const struct ktest_suite bad = { "bad", never_cases, init_bad, fixture_exit };
	const struct ktest_suite *suites[] = { &good, &bad };
	struct capture c;

	capture_init(&c);
	inits = exits = 0;
	KTEST_EXPECT_EQ(t, ktest_run_suites(suites, 2, NULL, &c.sink), 1);
	KTEST_EXPECT_EQ(t, inits, 3);
	KTEST_EXPECT_EQ(t, exits, 2); /* no exit after a failed init, no run */
	KTEST_EXPECT_NOT_NULL(t, strstr(c.buf, "    # never_run: suite init failed: -22\n"
					       "    not ok 1 never_run\n"));
}

static void skip_then(struct ktest *t) { KTEST_SKIP(t, "x"); }
static void fail_then_skip(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, false);
	KTEST_SKIP(t, "too late");
}
static const struct ktest_case skip_cases[] = {
	KTEST_CASE(skip_then), KTEST_CASE(skip_then), KTEST_CASES_END,
};
static const struct ktest_case fs_cases[] = { KTEST_CASE(fail_then_skip), KTEST_CASES_END };
static const struct ktest_case no_cases[] = { KTEST_CASES_END };

static void skip_rules(struct ktest *t)
{
	const struct ktest_suite s1 = { .name = "allskip", .cases = skip_cases };
	const struct ktest_suite s2 = { .name = "failskip", .cases = fs_cases };
	const struct ktest_suite s3 = { .name = "empty", .cases = no_cases };
	const struct ktest_suite *suites[] = { &s1, &s2, &s3 };
	struct capture c;

	capture_init(&c);
	KTEST_EXPECT_EQ(t, ktest_run_suites(suites, 3, NULL, &c.sink), 1);
	KTEST_EXPECT_NOT_NULL(t, strstr(c.buf, "\nok 1 allskip # SKIP all cases skipped\n"));
	/* A failure is not undone by a later skip. */
	KTEST_EXPECT_NOT_NULL(t, strstr(c.buf, "\n    not ok 1 fail_then_skip\n"));
	KTEST_EXPECT_NOT_NULL(t, strstr(c.buf, "\nnot ok 2 failskip\n"));
	KTEST_EXPECT_NOT_NULL(t, strstr(c.buf, "\n    1..0\n"));
	KTEST_EXPECT_NOT_NULL(t, strstr(c.buf, "\nok 3 empty # SKIP all cases skipped\n"));
	KTEST_EXPECT_NOT_NULL(t, strstr(c.buf, "\n# Totals: pass:0 fail:1 skip:2 total:3\n"));
}

/* --- long lines are cut, and still end the line --- */

static void long_line(struct ktest *t)
{
	char big[400];

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ktest_printf(t, "%s", big);
}

static const struct ktest_case long_cases[] = { KTEST_CASE(long_line), KTEST_CASES_END };

static void long_lines_are_cut(struct ktest *t)
{
	const struct ktest_suite s = { .name = "long", .cases = long_cases };
	const struct ktest_suite *suites[] = { &s };
	struct capture c;
	const char *p;

	capture_init(&c);
	KTEST_EXPECT_EQ(t, ktest_run_suites(suites, 1, NULL, &c.sink), 0);
	p = strstr(c.buf, "    # aaaa");
	KTEST_ASSERT_NOT_NULL(t, p);
	/* 256-byte line buffer: 255 characters, the last one '\n'. */
	KTEST_EXPECT_EQ(t, strcspn(p, "\n"), 254);
	KTEST_EXPECT_EQ(t, c.bad_lines, 0);
}

static const struct ktest_case ktest_cases[] = {
	KTEST_CASE(ktap_layout_pass_fail_skip_assert),
	KTEST_CASE(comparisons_are_exact),
	KTEST_CASE(diagnostics_quote_and_locate),
	KTEST_CASE(filter_selects_named_suites),
	KTEST_CASE(filter_unknown_name_fails),
	KTEST_CASE(init_and_exit_run_per_case),
	KTEST_CASE(skip_rules),
	KTEST_CASE(long_lines_are_cut),
	KTEST_CASES_END,
};

static const struct ktest_suite ktest_self = {
	.name = "ktest",
	.cases = ktest_cases,
};
KTEST_SUITE(ktest_self);
