// SPDX-License-Identifier: MIT
/* In-memory ktest sink and a line-by-line comparison for its contents. */
#include "ktest_capture.h"
#include <string.h>

static void capture_write(void *ctx, const char *s, size_t len)
{
	struct capture *c = ctx;

	/* The sink contract: one whole line per call. */
	if (len == 0 || s[len - 1] != '\n' || memchr(s, '\n', len - 1))
		c->bad_lines++;
	c->lines++;
	if (c->len + len >= sizeof(c->buf)) {
		c->overflow = 1;
		return;
	}
	memcpy(c->buf + c->len, s, len);
	c->len += len;
	c->buf[c->len] = '\0';
}

void capture_init(struct capture *c)
{
	memset(c, 0, sizeof(*c));
	c->sink.write = capture_write;
	c->sink.ctx = c;
}

/* Copy the line starting at *p into @out and move *p past it. */
static void next_line(const char **p, char *out, size_t n)
{
	size_t len = strcspn(*p, "\n");

	if (len >= n)
		len = n - 1;
	memcpy(out, *p, len);
	out[len] = '\0';
	*p += strcspn(*p, "\n");
	if (**p)
		(*p)++;
}

void expect_capture(struct ktest *t, const struct capture *c,
		    const char *want)
{
	const char *got = c->buf;
	char g[300], w[300];

	KTEST_EXPECT_EQ(t, c->overflow, 0);
	KTEST_EXPECT_EQ(t, c->bad_lines, 0);
	for (int line = 1; *got || *want; line++) {
		next_line(&got, g, sizeof(g));
		next_line(&want, w, sizeof(w));
		if (strcmp(g, w)) {
			ktest_printf(t, "KTAP differs at line %d", line);
			KTEST_EXPECT_STREQ(t, g, w);
			return;
		}
	}
}
