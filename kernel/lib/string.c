// SPDX-License-Identifier: MIT
/*
 * The handful of libc string functions the compiler and our code expect.
 * The kernel is built with -mgeneral-regs-only, so no SIMD: memset and
 * memcpy use 8-byte words, the rest are byte loops.
 */
#include <lib/string.h>
#include <stdint.h>

/*
 * 8-byte stores once the destination is aligned: the memmap (64 bytes per
 * 4 KiB of RAM) and bootmem's zeroing go through here, and byte stores made
 * them several times slower (under TCG most of all). The freestanding
 * build has no SSE, so a u64 is the widest store. may_alias: the same
 * bytes are also reached through other types.
 */
typedef uint64_t __attribute__((may_alias)) word_t;

void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;
	word_t w = 0x0101010101010101ull * (unsigned char)c;

	while (n && ((uintptr_t)p & 7)) {
		*p++ = (unsigned char)c;
		n--;
	}
	for (; n >= 32; n -= 32, p += 32) {
		((word_t *)p)[0] = w;
		((word_t *)p)[1] = w;
		((word_t *)p)[2] = w;
		((word_t *)p)[3] = w;
	}
	for (; n >= 8; n -= 8, p += 8)
		*(word_t *)p = w;
	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/* Words when both sides can be aligned together (the common case). */
	if ((((uintptr_t)d ^ (uintptr_t)s) & 7) == 0) {
		while (n && ((uintptr_t)d & 7)) {
			*d++ = *s++;
			n--;
		}
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(word_t *)d = *(const word_t *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return dst;
	if ((uintptr_t)d < (uintptr_t)s) {
		while (n--)
			*d++ = *s++;
	} else {
		d += n;
		s += n;
		while (n--)
			*--d = *--s;
	}
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}
