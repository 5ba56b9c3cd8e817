// SPDX-License-Identifier: MIT
/*
 * Heap sort for boot-time tables (e820 entries, active ranges): bounded
 * time whatever order the firmware chose, no allocation, no recursion.
 */
#include <lib/sort.h>
#include <stdint.h>

static void swap_bytes(unsigned char *a, unsigned char *b, size_t size)
{
	while (size--) {
		unsigned char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/* Move element @root down until both children are smaller. */
static void sift_down(unsigned char *base, size_t root, size_t n, size_t size,
		      int (*cmp)(const void *, const void *))
{
	for (;;) {
		size_t child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap_bytes(base + root * size, base + child * size, size);
		root = child;
	}
}

void sort(void *base, size_t num, size_t size, int (*cmp)(const void *, const void *))
{
	unsigned char *b = base;

	if (num < 2)
		return;
	for (size_t i = num / 2; i-- > 0;)
		sift_down(b, i, num, size, cmp);
	for (size_t end = num - 1; end > 0; end--) {
		swap_bytes(b, b + end * size, size);
		sift_down(b, 0, end, size, cmp);
	}
}
