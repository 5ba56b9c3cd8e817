// SPDX-License-Identifier: MIT
/*
 * kvsnprintf: the formatter shared by the loader, the kernel and the host
 * tools. It never allocates and never writes past size, so it is safe to
 * call from an exception handler or after ExitBootServices.
 */
#include <lib/vsprintf.h>
#include <stdbool.h>
#include <stdint.h>

struct out {
	char *buf;
	size_t size;
	size_t len; /* characters produced, even those that did not fit */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

enum { F_LEFT = 1, F_ZERO = 2, F_PLUS = 4, F_SPACE = 8, F_ALT = 16 };

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static void put_str(struct out *o, const char *s, int width, int prec, int flags)
{
	int len = 0;

	if (!s)
		s = "(null)";
	while ((prec < 0 || len < prec) && s[len])
		len++;
	if (!(flags & F_LEFT))
		pad(o, ' ', width - len);
	for (int i = 0; i < len; i++)
		put(o, s[i]);
	if (flags & F_LEFT)
		pad(o, ' ', width - len);
}

static void put_num(struct out *o, uint64_t v, bool neg, unsigned base, bool upper, int width,
		    int prec, int flags)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;
	char sign = 0;
	const char *prefix = "";
	int zeros, len;

	if (neg)
		sign = '-';
	else if (flags & F_PLUS)
		sign = '+';
	else if (flags & F_SPACE)
		sign = ' ';
	/* Linux's kernel printf, not C's: %#x of 0 is "0x0", so a zero address
	 * still reads "[mem 0x0000000000000000-...]" as Linux prints it. */
	if ((flags & F_ALT) && base == 16)
		prefix = upper ? "0X" : "0x";
	while (v) {
		tmp[n++] = digits[v % base];
		v /= base;
	}
	if (n == 0 && prec != 0)
		tmp[n++] = '0';

	zeros = prec > n ? prec - n : 0;
	/* %#o: raise the precision just enough for a leading 0 (C11 7.21.6.1p6). */
	if (base == 8 && (flags & F_ALT) && !zeros && (!n || tmp[n - 1] != '0'))
		zeros = 1;
	len = n + zeros + (sign ? 1 : 0) + (int)(prefix[0] ? (prefix[1] ? 2 : 1) : 0);
	if ((flags & F_ZERO) && !(flags & F_LEFT) && prec < 0 && width > len) {
		zeros += width - len;
		len = width;
	}
	if (!(flags & F_LEFT))
		pad(o, ' ', width - len);
	if (sign)
		put(o, sign);
	for (const char *p = prefix; *p; p++)
		put(o, *p);
	pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (flags & F_LEFT)
		pad(o, ' ', width - len);
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		int flags = 0, width = -1, prec = -1, lng = 0;
		unsigned base = 10;
		bool is_signed = false, upper = false;
		uint64_t v;
		bool neg = false;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (;;) {
			char f = *++fmt;
			if (f == '-')
				flags |= F_LEFT;
			else if (f == '0')
				flags |= F_ZERO;
			else if (f == '+')
				flags |= F_PLUS;
			else if (f == ' ')
				flags |= F_SPACE;
			else if (f == '#')
				flags |= F_ALT;
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				flags |= F_LEFT;
				width = -width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9') {
				width = (width < 0 ? 0 : width * 10) + (*fmt - '0');
				fmt++;
			}
		}
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					prec = prec * 10 + (*fmt++ - '0');
			}
		}
		/* lng: -2 hh, -1 h, 0 int, 1 long, 2 long long / 64-bit */
		for (;; fmt++) {
			if (*fmt == 'l')
				lng++;
			else if (*fmt == 'h')
				lng--;
			else if (*fmt == 'z' || *fmt == 'j' || *fmt == 't')
				lng = 2;
			else
				break;
		}
		switch (*fmt) {
		case 'c':
			if (!(flags & F_LEFT))
				pad(&o, ' ', width - 1);
			put(&o, (char)va_arg(ap, int));
			if (flags & F_LEFT)
				pad(&o, ' ', width - 1);
			continue;
		case 's': put_str(&o, va_arg(ap, const char *), width, prec, flags); continue;
		case '%': put(&o, '%'); continue;
		case 'p':
			v = (uintptr_t)va_arg(ap, void *);
			put_num(&o, v, false, 16, false, width, prec, flags | F_ALT);
			continue;
		case 'd':
		case 'i': is_signed = true; break;
		case 'u': break;
		case 'x': base = 16; break;
		case 'X':
			base = 16;
			upper = true;
			break;
		case 'o': base = 8; break;
		case '\0':
			fmt--; /* a lone '%' at the end: stop at the NUL */
			continue;
		default:
			/* unknown conversion: print it as is, visibly */
			put(&o, '%');
			put(&o, *fmt);
			continue;
		}
		if (is_signed) {
			int64_t s;
			if (lng >= 2)
				s = va_arg(ap, long long);
			else if (lng == 1)
				s = va_arg(ap, long);
			else
				s = va_arg(ap, int);
			if (lng == -1)
				s = (short)s;
			else if (lng <= -2)
				s = (signed char)s;
			neg = s < 0;
			v = neg ? (uint64_t)0 - (uint64_t)s : (uint64_t)s;
		} else {
			if (lng >= 2)
				v = va_arg(ap, unsigned long long);
			else if (lng == 1)
				v = va_arg(ap, unsigned long);
			else
				v = va_arg(ap, unsigned int);
			if (lng == -1)
				v = (unsigned short)v;
			else if (lng <= -2)
				v = (unsigned char)v;
		}
		put_num(&o, v, neg, base, upper, width, prec, flags);
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
