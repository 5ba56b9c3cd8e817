/* SPDX-License-Identifier: MIT */
/*
 * A ktest sink that captures output in memory, so the framework's own
 * tests can run an inner runner and compare its KTAP text line by line.
 */
#ifndef TEST_KTEST_CAPTURE_H
#define TEST_KTEST_CAPTURE_H

#include <lib/ktest.h>

struct capture {
	char buf[8192];
	size_t len;
	int lines;        /* calls to write */
	int bad_lines;    /* calls whose text was not exactly one '\n'-ended line */
	int overflow;
	struct ktest_sink sink;
};

void capture_init(struct capture *c);

/*
 * Expect @c to hold exactly the lines of @want; reports the first differing
 * line (1-based) with both texts, so a failure shows where the KTAP drifted.
 */
void expect_capture(struct ktest *t, const struct capture *c,
		    const char *want);

#endif
