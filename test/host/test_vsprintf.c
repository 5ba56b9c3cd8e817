// SPDX-License-Identifier: MIT
/*
 * ksnprintf/kvsnprintf. Expected strings are written from the C standard's
 * description of each conversion (C11 7.21.6.1), not from our output; a
 * last case compares integer conversions with the host libc as a second,
 * independent opinion.
 */
#include <lib/ktest.h>
#include <lib/vsprintf.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/*
 * Format into a buffer with a canary after it and check the text, the
 * return value (always the untruncated length) and the canary.
 */
#define CHECK_FMT(t, want, ...)                                             \
	do {                                                                 \
		char buf_[128 + 8];                                          \
		int n_;                                                      \
		memset(buf_, 0x5a, sizeof(buf_));                            \
		n_ = ksnprintf(buf_, 128, __VA_ARGS__);                      \
		KTEST_EXPECT_STREQ(t, buf_, want);                           \
		KTEST_EXPECT_EQ(t, n_, strlen(want));                        \
		KTEST_EXPECT_EQ(t, buf_[128], 0x5a);                         \
	} while (0)

static void vsprintf_integers(struct ktest *t)
{
	CHECK_FMT(t, "0 42 -42", "%d %d %d", 0, 42, -42);
	CHECK_FMT(t, "2147483647 -2147483648", "%i %i", INT_MAX, INT_MIN);
	CHECK_FMT(t, "4294967295", "%u", UINT_MAX);
	CHECK_FMT(t, "deadbeef DEADBEEF", "%x %X", 0xdeadbeefu, 0xdeadbeefu);
	CHECK_FMT(t, "ffffffff", "%x", (unsigned)-1);
	CHECK_FMT(t, "10 0 777", "%o %o %o", 8u, 0u, 511u);
}

static void vsprintf_chars_strings_percent(struct ktest *t)
{
	CHECK_FMT(t, "A|  A|A  |", "%c|%3c|%-3c|", 'A', 'A', 'A');
	CHECK_FMT(t, "hi|   hi|hi   |", "%s|%5s|%-5s|", "hi", "hi", "hi");
	CHECK_FMT(t, "e820        |", "%-12s|", "e820");
	CHECK_FMT(t, "he|   he||", "%.2s|%5.2s|%.0s|", "hello", "hello", "hello");
	CHECK_FMT(t, "toolong", "%3s", "toolong");
	CHECK_FMT(t, "100%", "100%%");
	CHECK_FMT(t, "", "%s", "");
}

static void vsprintf_null_string(struct ktest *t)
{
	/* glibc's convention, and what the formatter's code promises. */
	CHECK_FMT(t, "(null)", "%s", (char *)NULL);
	CHECK_FMT(t, "  (null)|", "%8s|", (char *)NULL);
}

static void vsprintf_pointer(struct ktest *t)
{
	CHECK_FMT(t, "0x1000", "%p", (void *)0x1000);
	CHECK_FMT(t, "0xffff888000000000", "%p", (void *)0xffff888000000000ull);
}

static void vsprintf_width_and_flags(struct ktest *t)
{
	CHECK_FMT(t, "   42|42   |", "%5d|%-5d|", 42, 42);
	CHECK_FMT(t, "00042|-0042", "%05d|%05d", 42, -42);
	CHECK_FMT(t, "+5|-5| 5|5", "%+d|%+d|% d|%d", 5, -5, 5, 5);
	CHECK_FMT(t, "  +42|+42  |+0042| 0042", "%+5d|%-+5d|%+05d|% 05d", 42, 42,
		  42, 42);
	CHECK_FMT(t, "12345", "%2d", 12345);
	/* '-' wins over '0' (7.21.6.1p6); clang warns, which is the point. */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wformat"
	CHECK_FMT(t, "42   |", "%-05d|", 42);
#pragma clang diagnostic pop
}

static void vsprintf_precision(struct ktest *t)
{
	CHECK_FMT(t, "007|     007", "%.3d|%8.3d", 7, 7);
	/* With a precision the 0 flag is ignored (p6, the 0 flag). */
	CHECK_FMT(t, "     007", "%08.3d", 7);
	/* Precision 0 and value 0: no digits at all. */
	CHECK_FMT(t, "[]", "[%.0d]", 0);
	CHECK_FMT(t, "[   ]", "[%3.0d]", 0);
	CHECK_FMT(t, "-007", "%.3d", -7);
}

static void vsprintf_alt_form(struct ktest *t)
{
	CHECK_FMT(t, "0xff|0XFF|010", "%#x|%#X|%#o", 255u, 255u, 8u);
	/* Linux's rule, not C's: # gives hex zero its 0x (octal stays "0"). */
	CHECK_FMT(t, "0x0|0", "%#x|%#o", 0u, 0u);
	CHECK_FMT(t, "0x0000000000000000", "%#018llx", 0ull);
	CHECK_FMT(t, "0x000000ff", "%#010x", 255u);
	CHECK_FMT(t, "0xff    |", "%-#8x|", 255u);
	CHECK_FMT(t, "  010", "%#5o", 8u);
	/*
	 * For o, # raises the precision only as far as needed for a leading
	 * 0 (p6): never a second 0, and a 0 even for "%#.0o" of 0.
	 */
	CHECK_FMT(t, "010|00010|0|00000010", "%#.3o|%#.5o|%#.0o|%#08o", 8u, 8u,
		  0u, 8u);
}

static void vsprintf_star(struct ktest *t)
{
	CHECK_FMT(t, "   42|42   |", "%*d|%-*d|", 5, 42, 5, 42);
	/* A negative width is '-' plus its absolute value (p5). */
	CHECK_FMT(t, "42   |", "%*d|", -5, 42);
	CHECK_FMT(t, "007", "%.*d", 3, 7);
	/* A negative precision is as if none was given (p5). */
	CHECK_FMT(t, "7", "%.*d", -1, 7);
	CHECK_FMT(t, "  abc", "%*.*s", 5, 3, "abcdef");
}

static void vsprintf_length_modifiers(struct ktest *t)
{
	CHECK_FMT(t, "-9223372036854775808", "%ld", LONG_MIN);
	CHECK_FMT(t, "18446744073709551615", "%lu", ULONG_MAX);
	CHECK_FMT(t, "-9223372036854775808", "%lld", LLONG_MIN);
	CHECK_FMT(t, "9223372036854775807", "%lld", LLONG_MAX);
	CHECK_FMT(t, "123456789abcdef0", "%llx", 0x123456789abcdef0ull);
	CHECK_FMT(t, "ABCDEF0123456789", "%llX", 0xabcdef0123456789ull);
	CHECK_FMT(t, "1777777777777777777777", "%llo", ULLONG_MAX);
	CHECK_FMT(t, "18446744073709551615", "%zu", SIZE_MAX);
	CHECK_FMT(t, "-3", "%zd", (ptrdiff_t)-3);
	CHECK_FMT(t, "-9223372036854775808", "%jd", INTMAX_MIN);
	CHECK_FMT(t, "18446744073709551615", "%ju", UINTMAX_MAX);
	CHECK_FMT(t, "-7", "%td", (ptrdiff_t)-7);
	/*
	 * h/hh: the promoted int is converted back to (unsigned) short/char
	 * (p7); out-of-range ints on purpose, so clang's warning is off.
	 */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wformat"
	CHECK_FMT(t, "-1|1", "%hd|%hu", 65535, 65537);
	CHECK_FMT(t, "-1|7|ff", "%hhd|%hhu|%hhx", 255, 263, 0x1ff);
#pragma clang diagnostic pop
}

static void vsprintf_e820_line_formats(struct ktest *t)
{
	/* The exact shapes the memory-init code prints, as Linux does. */
	CHECK_FMT(t, "0000000000000abc", "%016llx", 0xabcull);
	CHECK_FMT(t, "0000000000000000", "%016llx", 0ull);
	CHECK_FMT(t, "ffffffffffffffff", "%016llx", ~0ull);
	CHECK_FMT(t, "[mem 0x0000000000100000-0x00000000007fffff] usable",
		  "[mem %#018llx-%#018llx] %s", 0x100000ull, 0x7fffffull,
		  "usable");
}

static void vsprintf_truncation(struct ktest *t)
{
	char buf[16];
	int n;

	memset(buf, 'x', sizeof(buf));
	n = ksnprintf(buf, 5, "%s", "hello world");
	KTEST_EXPECT_EQ(t, n, 11);
	KTEST_EXPECT_STREQ(t, buf, "hell");
	KTEST_EXPECT_EQ(t, buf[5], 'x');

	memset(buf, 'x', sizeof(buf));
	n = ksnprintf(buf, 4, "%d", 123456);
	KTEST_EXPECT_EQ(t, n, 6);
	KTEST_EXPECT_STREQ(t, buf, "123");
	KTEST_EXPECT_EQ(t, buf[4], 'x');

	/* Size 1: just the terminator. */
	memset(buf, 'x', sizeof(buf));
	n = ksnprintf(buf, 1, "%016llx", 1ull);
	KTEST_EXPECT_EQ(t, n, 16);
	KTEST_EXPECT_EQ(t, buf[0], '\0');
	KTEST_EXPECT_EQ(t, buf[1], 'x');

	/* Size 0: nothing written, NULL allowed, length still returned. */
	memset(buf, 'x', sizeof(buf));
	n = ksnprintf(buf, 0, "abc");
	KTEST_EXPECT_EQ(t, n, 3);
	KTEST_EXPECT_EQ(t, buf[0], 'x');
	KTEST_EXPECT_EQ(t, ksnprintf(NULL, 0, "%d-%s", 12345, "ab"), 8);

	/* Exactly fitting: 5 characters need 6 bytes. */
	memset(buf, 'x', sizeof(buf));
	KTEST_EXPECT_EQ(t, ksnprintf(buf, 6, "%s", "hello"), 5);
	KTEST_EXPECT_STREQ(t, buf, "hello");
	KTEST_EXPECT_EQ(t, ksnprintf(buf, 5, "%s", "hello"), 5);
	KTEST_EXPECT_STREQ(t, buf, "hell");
}

static void vsprintf_lone_percent_at_end(struct ktest *t)
{
	/* Undefined in C; the formatter promises to stop at the NUL. */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wformat"
	CHECK_FMT(t, "abc", "abc%");
#pragma clang diagnostic pop
}

/*
 * The host libc as a second opinion on integer conversions: every flag
 * set, a few widths and precisions, all integer conversions, values at the
 * edges. Only flag combinations whose meaning C defines are used.
 */
static void vsprintf_integers_match_libc(struct ktest *t)
{
	static const char *const flags[] = { "", "-", "0", "+", " ", "#",
					     "-+", "0+", "- ", "#0", "-#" };
	static const char *const widths[] = { "", "1", "6", "22" };
	static const char *const precs[] = { "", ".0", ".1", ".5", ".21" };
	static const char convs[] = "diuxXo";
	static const long long vals[] = { 0, 1, -1, 7, 8, 255, -255, INT_MAX,
					  INT_MIN, LLONG_MAX, LLONG_MIN };
	int mismatches = 0;

	for (size_t f = 0; f < sizeof(flags) / sizeof(*flags); f++)
	for (size_t w = 0; w < sizeof(widths) / sizeof(*widths); w++)
	for (size_t p = 0; p < sizeof(precs) / sizeof(*precs); p++)
	for (size_t c = 0; convs[c]; c++)
	for (size_t v = 0; v < sizeof(vals) / sizeof(*vals); v++) {
		char fmt[32], want[64], got[64];
		bool is_signed = convs[c] == 'd' || convs[c] == 'i';

		/*
		 * Left out as undefined (clang's -Wformat says so too): '#'
		 * with d/i/u, '+' and ' ' with unsigned conversions.
		 */
		if (strchr(flags[f], '#') && (is_signed || convs[c] == 'u'))
			continue;
		if (strpbrk(flags[f], "+ ") && !is_signed)
			continue;
		/* Where Linux's printf differs from C's on purpose (above). */
		if (strchr(flags[f], '#') && vals[v] == 0 && (convs[c] == 'x' || convs[c] == 'X'))
			continue;
		snprintf(fmt, sizeof(fmt), "%%%s%s%sll%c", flags[f],
			 widths[w], precs[p], convs[c]);
		snprintf(want, sizeof(want), fmt, vals[v]);
		ksnprintf(got, sizeof(got), fmt, vals[v]);
		if (strcmp(want, got) && mismatches++ < 8)
			ktest_printf(t, "%s of %lld: libc \"%s\", ours \"%s\"",
				     fmt, vals[v], want, got);
	}
	KTEST_EXPECT_EQ(t, mismatches, 0);
}

static const struct ktest_case vsprintf_cases[] = {
	KTEST_CASE(vsprintf_integers),
	KTEST_CASE(vsprintf_chars_strings_percent),
	KTEST_CASE(vsprintf_null_string),
	KTEST_CASE(vsprintf_pointer),
	KTEST_CASE(vsprintf_width_and_flags),
	KTEST_CASE(vsprintf_precision),
	KTEST_CASE(vsprintf_alt_form),
	KTEST_CASE(vsprintf_star),
	KTEST_CASE(vsprintf_length_modifiers),
	KTEST_CASE(vsprintf_e820_line_formats),
	KTEST_CASE(vsprintf_truncation),
	KTEST_CASE(vsprintf_lone_percent_at_end),
	KTEST_CASE(vsprintf_integers_match_libc),
	KTEST_CASES_END,
};

static const struct ktest_suite vsprintf_suite = {
	.name = "vsprintf",
	.cases = vsprintf_cases,
};
KTEST_SUITE(vsprintf_suite);
