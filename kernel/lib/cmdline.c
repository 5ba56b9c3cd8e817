// SPDX-License-Identifier: MIT
#include <lib/cmdline.h>

int memparse(const char *s, const char **end, uint64_t *out)
{
	unsigned base = 10, shift = 0;
	uint64_t v = 0;
	const char *p = s;
	int digits = 0;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	for (;; p++, digits++) {
		unsigned d;

		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			break;
		if (v > (UINT64_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	if (!digits)
		return -1;
	switch (*p) {
	case 'E':
	case 'e': shift += 10; /* fall through */
	case 'P':
	case 'p': shift += 10; /* fall through */
	case 'T':
	case 't': shift += 10; /* fall through */
	case 'G':
	case 'g': shift += 10; /* fall through */
	case 'M':
	case 'm': shift += 10; /* fall through */
	case 'K':
	case 'k':
		shift += 10;
		p++;
		break;
	default: break;
	}
	if (shift && v > (UINT64_MAX >> shift))
		return -1;
	*out = v << shift;
	if (end)
		*end = p;
	return 0;
}

int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > max)
			return -1;
	}
	*out = v;
	return 0;
}
