// SPDX-License-Identifier: MIT
/*
 * ktest runner and checks: walks suites, runs cases, prints KTAP v1.
 * Lines are formatted into a stack buffer with kvsnprintf and handed to
 * the sink whole, so a sink never sees half a line and nothing allocates.
 */
#include <lib/ktest.h>
#include <lib/vsprintf.h>
#include <stdarg.h>

#define KTEST_LINE_MAX 256

/*
 * Weak so that a host binary without suites still links; the kernel linker
 * script defines both symbols, ELF linkers do it for C-identifier sections.
 */
extern const struct ktest_suite *const __start_ktest_suites[] __attribute__((weak));
extern const struct ktest_suite *const __stop_ktest_suites[] __attribute__((weak));

static void emit_v(const struct ktest_sink *sink, const char *fmt, va_list ap)
{
	char line[KTEST_LINE_MAX];
	int n = kvsnprintf(line, sizeof(line) - 1, fmt, ap);

	/* A line that did not fit is cut, but still ends the line. */
	if (n < 0)
		n = 0;
	if ((size_t)n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	sink->write(sink->ctx, line, (size_t)n);
}

__attribute__((format(printf, 2, 3))) static void emit(const struct ktest_sink *sink,
						       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit_v(sink, fmt, ap);
	va_end(ap);
}

void ktest_printf(struct ktest *t, const char *fmt, ...)
{
	char msg[KTEST_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	kvsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	emit(t->sink, "    # %s", msg);
}

/* --- checks --- */

static void fail_header(struct ktest *t, struct ktest_loc loc)
{
	t->status = KTEST_FAIL;
	emit(t->sink, "    # %s: %s FAILED at %s:%d", t->name,
	     loc.is_assert ? "ASSERTION" : "EXPECTATION", loc.file, loc.line);
}

static void print_val(struct ktest *t, const char *expr, struct ktest_val v)
{
	switch (v.kind) {
	case KTEST_VAL_S: emit(t->sink, "    #     %s == %lld", expr, v.s); break;
	case KTEST_VAL_U: emit(t->sink, "    #     %s == %llu (0x%llx)", expr, v.u, v.u); break;
	default: emit(t->sink, "    #     %s == %p", expr, (const void *)v.p); break;
	}
}

/* Compare as mathematical integers: -1 < 0u here, unlike in C. */
static int val_cmp(struct ktest_val a, struct ktest_val b)
{
	if (a.kind == KTEST_VAL_S && a.s < 0 && b.kind != KTEST_VAL_S)
		return -1;
	if (b.kind == KTEST_VAL_S && b.s < 0 && a.kind != KTEST_VAL_S)
		return 1;
	if (a.kind == KTEST_VAL_S && b.kind == KTEST_VAL_S)
		return a.s < b.s ? -1 : a.s > b.s;
	/* Both non-negative now: unsigned, pointer or s >= 0 share .u. */
	{
		unsigned long long x = a.kind == KTEST_VAL_P ? (unsigned long long)(uintptr_t)a.p
							     : a.u;
		unsigned long long y = b.kind == KTEST_VAL_P ? (unsigned long long)(uintptr_t)b.p
							     : b.u;

		return x < y ? -1 : x > y;
	}
}

bool ktest_check_op(struct ktest *t, struct ktest_loc loc, enum ktest_op op, const char *op_str,
		    const char *a_str, struct ktest_val a, const char *b_str, struct ktest_val b)
{
	int c = val_cmp(a, b);
	bool ok;

	switch (op) {
	case KTEST_EQ: ok = c == 0; break;
	case KTEST_NE: ok = c != 0; break;
	case KTEST_LT: ok = c < 0; break;
	case KTEST_LE: ok = c <= 0; break;
	case KTEST_GT: ok = c > 0; break;
	default: ok = c >= 0; break;
	}
	if (ok)
		return true;
	fail_header(t, loc);
	emit(t->sink, "    #   Expected %s %s %s, but", a_str, op_str, b_str);
	print_val(t, a_str, a);
	print_val(t, b_str, b);
	return false;
}

bool ktest_check_bool(struct ktest *t, struct ktest_loc loc, bool want, const char *expr, bool got)
{
	if (got == want)
		return true;
	fail_header(t, loc);
	emit(t->sink, "    #   Expected %s to be %s, but is %s", expr, want ? "true" : "false",
	     got ? "true" : "false");
	return false;
}

bool ktest_check_null(struct ktest *t, struct ktest_loc loc, bool want_null, const char *expr,
		      const volatile void *p)
{
	if ((p == NULL) == want_null)
		return true;
	fail_header(t, loc);
	emit(t->sink, "    #   Expected %s to be %s, but is %p", expr,
	     want_null ? "NULL" : "non-NULL", (const void *)p);
	return false;
}

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/*
 * Quote @s into @dst C-style, so a newline in a compared string cannot
 * break the KTAP structure; cut with "..." when it does not fit.
 */
static void quote(char *dst, size_t n, const char *s)
{
	size_t o = 0;

	if (!s) {
		ksnprintf(dst, n, "NULL");
		return;
	}
	dst[o++] = '"';
	for (; *s && o + 9 < n; s++) { /* room for \xNN and "... */
		unsigned char c = (unsigned char)*s;

		if (c == '\\' || c == '"')
			o += ksnprintf(dst + o, n - o, "\\%c", c);
		else if (c == '\n')
			o += ksnprintf(dst + o, n - o, "\\n");
		else if (c < 0x20 || c >= 0x7f)
			o += ksnprintf(dst + o, n - o, "\\x%02x", c);
		else
			dst[o++] = (char)c;
	}
	ksnprintf(dst + o, n - o, *s ? "\"..." : "\"");
}

bool ktest_check_str(struct ktest *t, struct ktest_loc loc, const char *a_str, const char *a,
		     const char *b_str, const char *b)
{
	char q[KTEST_LINE_MAX / 2];

	if (str_eq(a, b))
		return true;
	fail_header(t, loc);
	emit(t->sink, "    #   Expected %s == %s, but", a_str, b_str);
	quote(q, sizeof(q), a);
	emit(t->sink, "    #     %s == %s", a_str, q);
	quote(q, sizeof(q), b);
	emit(t->sink, "    #     %s == %s", b_str, q);
	return false;
}

bool ktest_check_mem(struct ktest *t, struct ktest_loc loc, const char *a_str, const void *a,
		     const char *b_str, const void *b, size_t len)
{
	const unsigned char *x = a, *y = b;
	size_t i = 0;

	while (i < len && x[i] == y[i])
		i++;
	if (i == len)
		return true;
	fail_header(t, loc);
	emit(t->sink, "    #   Expected %s == %s (%zu bytes), but at offset %zu", a_str, b_str, len,
	     i);
	emit(t->sink, "    #     %s[%zu] == 0x%02x", a_str, i, x[i]);
	emit(t->sink, "    #     %s[%zu] == 0x%02x", b_str, i, y[i]);
	return false;
}

/* --- runner --- */

/* Does the comma list @filter name exactly @name? */
static bool filter_has(const char *filter, const char *name)
{
	const char *tok = filter;

	while (*tok) {
		const char *n = name, *p = tok;

		while (*p && *p != ',' && *p == *n)
			p++, n++;
		if (!*n && (!*p || *p == ','))
			return true;
		while (*p && *p != ',')
			p++;
		tok = *p ? p + 1 : p;
	}
	return false;
}

static bool suite_selected(const struct ktest_suite *s, const char *filter)
{
	return !filter || !*filter || filter_has(filter, s->name);
}

/* The filter token at @tok (up to ',' or NUL) names no suite. */
static bool token_unmatched(const char *tok, size_t len, const struct ktest_suite *const *suites,
			    size_t nr)
{
	for (size_t i = 0; i < nr; i++) {
		const char *n = suites[i]->name;
		size_t k = 0;

		while (k < len && n[k] == tok[k])
			k++;
		if (k == len && !n[k])
			return false;
	}
	return true;
}

struct counts {
	int pass, fail, skip;
};

static void run_case(const struct ktest_suite *s, const struct ktest_case *c, int num,
		     const struct ktest_sink *sink, struct counts *cnt)
{
	struct ktest t = { .name = c->name, .status = KTEST_PASS, .sink = sink };
	int err = s->init ? s->init(&t) : 0;

	if (err) {
		t.status = KTEST_FAIL;
		emit(sink, "    # %s: suite init failed: %d", c->name, err);
	} else {
		c->run(&t);
		if (s->exit)
			s->exit(&t);
	}
	switch (t.status) {
	case KTEST_PASS:
		cnt->pass++;
		emit(sink, "    ok %d %s", num, c->name);
		break;
	case KTEST_SKIP:
		cnt->skip++;
		emit(sink, "    ok %d %s # SKIP %s", num, c->name,
		     t.skip_reason ? t.skip_reason : "");
		break;
	default:
		cnt->fail++;
		emit(sink, "    not ok %d %s", num, c->name);
		break;
	}
}

static void run_suite(const struct ktest_suite *s, int num, const struct ktest_sink *sink,
		      struct counts *total)
{
	struct counts cnt = { 0, 0, 0 };
	int nr = 0;

	while (s->cases[nr].run)
		nr++;
	emit(sink, "    KTAP version 1");
	emit(sink, "    # Subtest: %s", s->name);
	emit(sink, "    1..%d", nr);
	for (int i = 0; i < nr; i++)
		run_case(s, &s->cases[i], i + 1, sink, &cnt);
	emit(sink, "    # %s: pass:%d fail:%d skip:%d total:%d", s->name, cnt.pass, cnt.fail,
	     cnt.skip, nr);
	if (cnt.fail)
		emit(sink, "not ok %d %s", num, s->name);
	else if (cnt.skip == nr)
		emit(sink, "ok %d %s # SKIP all cases skipped", num, s->name);
	else
		emit(sink, "ok %d %s", num, s->name);
	total->pass += cnt.pass;
	total->fail += cnt.fail;
	total->skip += cnt.skip;
}

/*
 * Filter names that match no suite: counted, and when @sink is given
 * reported as failed top-level tests numbered from @num + 1.
 */
static int unmatched_names(const char *filter, const struct ktest_suite *const *suites, size_t nr,
			   const struct ktest_sink *sink, int num)
{
	int count = 0;

	while (*filter) {
		size_t len = 0;

		while (filter[len] && filter[len] != ',')
			len++;
		if (len && token_unmatched(filter, len, suites, nr)) {
			count++;
			if (sink) {
				emit(sink, "# no suite named %.*s", (int)len, filter);
				emit(sink, "not ok %d %.*s", num + count, (int)len, filter);
			}
		}
		filter += filter[len] ? len + 1 : len;
	}
	return count;
}

int ktest_run_suites(const struct ktest_suite *const *suites, size_t nr, const char *filter,
		     const struct ktest_sink *sink)
{
	struct counts total = { 0, 0, 0 };
	int planned = 0, num = 0, unmatched;

	if (!filter)
		filter = "";
	for (size_t i = 0; i < nr; i++)
		planned += suite_selected(suites[i], filter);
	planned += unmatched_names(filter, suites, nr, NULL, 0);

	emit(sink, "KTAP version 1");
	emit(sink, "1..%d", planned);
	for (size_t i = 0; i < nr; i++)
		if (suite_selected(suites[i], filter))
			run_suite(suites[i], ++num, sink, &total);
	unmatched = unmatched_names(filter, suites, nr, sink, num);
	emit(sink, "# Totals: pass:%d fail:%d skip:%d total:%d", total.pass, total.fail, total.skip,
	     total.pass + total.fail + total.skip);
	return total.fail + unmatched;
}

size_t ktest_registered(const struct ktest_suite *const **suites)
{
	*suites = __start_ktest_suites;
	if (!__start_ktest_suites || !__stop_ktest_suites)
		return 0;
	return (size_t)(__stop_ktest_suites - __start_ktest_suites);
}

int ktest_run_all(const char *filter, const struct ktest_sink *sink)
{
	size_t nr = 0;

	if (__start_ktest_suites && __stop_ktest_suites)
		nr = (size_t)(__stop_ktest_suites - __start_ktest_suites);
	return ktest_run_suites(__start_ktest_suites, nr, filter, sink);
}
