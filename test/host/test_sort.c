// SPDX-License-Identifier: MIT
/*
 * sort(): the heap sort behind the e820 table. Checked against an
 * insertion sort (obviously right, too slow for the kernel) on random
 * arrays of several element sizes, plus the small and degenerate inputs.
 */
#include <lib/ktest.h>
#include <lib/sort.h>
#include <stdint.h>
#include <string.h>

/* A 13-byte element: odd size, no alignment, key in the middle. */
struct odd {
	unsigned char pre[5];
	unsigned char key[4]; /* big-endian */
	unsigned char post[4];
};

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t next_rand(void)
{
	/* xorshift64: fixed seed, so every run sorts the same arrays. */
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 32);
}

/* Bounds of the array being sorted: cmp must never look outside it. */
static const unsigned char *arr_lo, *arr_hi;
static int out_of_bounds;
static unsigned long calls;
static int checking; /* only inside sort(), not in the reference */

static void in_bounds(const void *p, size_t size)
{
	const unsigned char *b = p;

	if (!checking)
		return;
	if (b < arr_lo || b + size > arr_hi || (size_t)(b - arr_lo) % size)
		out_of_bounds++;
	calls++;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x, y;

	in_bounds(a, 4);
	in_bounds(b, 4);
	memcpy(&x, a, 4);
	memcpy(&y, b, 4);
	return x < y ? -1 : x > y;
}

static int cmp_u8_diff(const void *a, const void *b)
{
	in_bounds(a, 1);
	in_bounds(b, 1);
	/* Not just -1/0/1: the contract is the sign only. */
	return *(const unsigned char *)a - *(const unsigned char *)b;
}

static uint32_t odd_key(const struct odd *o)
{
	return (uint32_t)o->key[0] << 24 | o->key[1] << 16 | o->key[2] << 8 |
	       o->key[3];
}

static int cmp_odd(const void *a, const void *b)
{
	uint32_t x, y;

	in_bounds(a, sizeof(struct odd));
	in_bounds(b, sizeof(struct odd));
	x = odd_key(a);
	y = odd_key(b);
	return x < y ? -1 : x > y;
}

/* The reference: a stable insertion sort on the same elements. */
static void ref_sort(void *base, size_t num, size_t size,
		     int (*cmp)(const void *, const void *))
{
	unsigned char *b = base, tmp[64];

	for (size_t i = 1; i < num; i++) {
		size_t j = i;

		memcpy(tmp, b + i * size, size);
		while (j > 0 && cmp(b + (j - 1) * size, tmp) > 0) {
			memcpy(b + j * size, b + (j - 1) * size, size);
			j--;
		}
		memcpy(b + j * size, tmp, size);
	}
}

static void sort_checked(void *base, size_t num, size_t size,
			 int (*cmp)(const void *, const void *))
{
	arr_lo = base;
	arr_hi = arr_lo + num * size;
	checking = 1;
	sort(base, num, size, cmp);
	checking = 0;
}

static void sort_empty_and_single(struct ktest *t)
{
	uint32_t one[1] = { 42 };
	uint32_t canary[3] = { 7, 8, 9 };

	out_of_bounds = 0;
	calls = 0;
	sort(NULL, 0, 4, cmp_u32);
	sort_checked(one, 1, 4, cmp_u32);
	/* num 0 on a real array must not touch it either. */
	sort_checked(canary, 0, 4, cmp_u32);
	KTEST_EXPECT_EQ(t, one[0], 42u);
	KTEST_EXPECT_EQ(t, canary[0], 7u);
	KTEST_EXPECT_EQ(t, canary[1], 8u);
	KTEST_EXPECT_EQ(t, canary[2], 9u);
	KTEST_EXPECT_EQ(t, calls, 0ul);
}

static void sort_two(struct ktest *t)
{
	uint32_t a[2] = { 2, 1 }, b[2] = { 1, 2 }, c[2] = { 5, 5 };

	out_of_bounds = 0;
	sort_checked(a, 2, 4, cmp_u32);
	sort_checked(b, 2, 4, cmp_u32);
	sort_checked(c, 2, 4, cmp_u32);
	KTEST_EXPECT_EQ(t, a[0], 1u);
	KTEST_EXPECT_EQ(t, a[1], 2u);
	KTEST_EXPECT_EQ(t, b[0], 1u);
	KTEST_EXPECT_EQ(t, b[1], 2u);
	KTEST_EXPECT_EQ(t, c[0], 5u);
	KTEST_EXPECT_EQ(t, c[1], 5u);
	KTEST_EXPECT_EQ(t, out_of_bounds, 0);
}

static void sort_all_equal_keys(struct ktest *t)
{
	struct odd a[50];
	int seen[50] = { 0 };

	/* Same key everywhere, the element number in pre[0] as a payload. */
	for (int i = 0; i < 50; i++) {
		memset(&a[i], 0xab, sizeof(a[i]));
		a[i].pre[0] = (unsigned char)i;
	}
	out_of_bounds = 0;
	sort_checked(a, 50, sizeof(a[0]), cmp_odd);
	for (int i = 0; i < 50; i++) {
		KTEST_EXPECT_EQ(t, odd_key(&a[i]), 0xababababu);
		KTEST_ASSERT_LT(t, a[i].pre[0], 50);
		seen[a[i].pre[0]]++;
	}
	/* Not stable, but a permutation: every payload exactly once. */
	for (int i = 0; i < 50; i++)
		KTEST_EXPECT_EQ(t, seen[i], 1);
	KTEST_EXPECT_EQ(t, out_of_bounds, 0);
}

static void sort_sorted_and_reversed(struct ktest *t)
{
	uint32_t up[100], down[100];

	for (uint32_t i = 0; i < 100; i++) {
		up[i] = i * 3;
		down[i] = 297 - i * 3;
	}
	out_of_bounds = 0;
	sort_checked(up, 100, 4, cmp_u32);
	sort_checked(down, 100, 4, cmp_u32);
	for (uint32_t i = 0; i < 100; i++) {
		KTEST_EXPECT_EQ(t, up[i], i * 3);
		KTEST_EXPECT_EQ(t, down[i], i * 3);
	}
	KTEST_EXPECT_EQ(t, out_of_bounds, 0);
}

static void sort_random_u32_matches_reference(struct ktest *t)
{
	static uint32_t a[300], r[300];

	out_of_bounds = 0;
	for (size_t n = 0; n <= 300; n += (n < 20 ? 1 : 37)) {
		for (size_t i = 0; i < n; i++)
			/* Small range too, so that duplicates occur. */
			a[i] = n % 2 ? next_rand() : next_rand() % 16;
		memcpy(r, a, n * 4);
		sort_checked(a, n, 4, cmp_u32);
		ref_sort(r, n, 4, cmp_u32);
		KTEST_EXPECT_MEMEQ(t, a, r, n * 4);
	}
	KTEST_EXPECT_EQ(t, out_of_bounds, 0);
}

static void sort_random_bytes_matches_reference(struct ktest *t)
{
	static unsigned char a[257], r[257];

	out_of_bounds = 0;
	for (size_t n = 0; n <= 257; n += 16) {
		for (size_t i = 0; i < n; i++)
			a[i] = (unsigned char)next_rand();
		memcpy(r, a, n);
		sort_checked(a, n, 1, cmp_u8_diff);
		ref_sort(r, n, 1, cmp_u8_diff);
		KTEST_EXPECT_MEMEQ(t, a, r, n);
	}
	KTEST_EXPECT_EQ(t, out_of_bounds, 0);
}

static void sort_random_odd_size_keeps_payload(struct ktest *t)
{
	static struct odd a[120], r[120];

	out_of_bounds = 0;
	for (size_t i = 0; i < 120; i++) {
		uint32_t k = next_rand() % 1000000; /* distinct enough */

		memset(&a[i], 0, sizeof(a[i]));
		a[i].key[0] = (unsigned char)(k >> 24);
		a[i].key[1] = (unsigned char)(k >> 16);
		a[i].key[2] = (unsigned char)(k >> 8);
		a[i].key[3] = (unsigned char)k;
		/* The payload is a function of the key: moved together. */
		memset(a[i].pre, (int)(k * 7) & 0xff, sizeof(a[i].pre));
		memset(a[i].post, (int)(k * 13) & 0xff, sizeof(a[i].post));
	}
	memcpy(r, a, sizeof(a));
	sort_checked(a, 120, sizeof(a[0]), cmp_odd);
	ref_sort(r, 120, sizeof(r[0]), cmp_odd);
	for (size_t i = 0; i < 120; i++) {
		uint32_t k = odd_key(&a[i]);

		KTEST_EXPECT_EQ(t, k, odd_key(&r[i]));
		KTEST_EXPECT_EQ(t, a[i].pre[4], (unsigned char)(k * 7));
		KTEST_EXPECT_EQ(t, a[i].post[3], (unsigned char)(k * 13));
		if (i)
			KTEST_EXPECT_LE(t, odd_key(&a[i - 1]), k);
	}
	KTEST_EXPECT_EQ(t, out_of_bounds, 0);
}

static const struct ktest_case sort_cases[] = {
	KTEST_CASE(sort_empty_and_single),
	KTEST_CASE(sort_two),
	KTEST_CASE(sort_all_equal_keys),
	KTEST_CASE(sort_sorted_and_reversed),
	KTEST_CASE(sort_random_u32_matches_reference),
	KTEST_CASE(sort_random_bytes_matches_reference),
	KTEST_CASE(sort_random_odd_size_keeps_payload),
	KTEST_CASES_END,
};

static const struct ktest_suite sort_suite = {
	.name = "sort",
	.cases = sort_cases,
};
KTEST_SUITE(sort_suite);
