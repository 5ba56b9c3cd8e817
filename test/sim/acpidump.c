// SPDX-License-Identifier: MIT
/*
 * acpidump text -> tables in memory (see acpidump.h). A line is looked at
 * with explicit bounds everywhere: the input may be any bytes.
 */
#include "acpidump.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(struct acpidump *d, int line, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(d->err, sizeof(d->err), "acpidump: line %d: ", line);

	va_start(ap, fmt);
	vsnprintf(d->err + n, sizeof(d->err) - n, fmt, ap);
	va_end(ap);
	return -1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Hex digits at s[*i..n): at most @max of them, at least one. */
static bool read_hex(const char *s, size_t n, size_t *i, int max, uint64_t *v)
{
	int digits = 0;

	*v = 0;
	while (*i < n && digits < max && hexval(s[*i]) >= 0) {
		*v = *v << 4 | (uint64_t)hexval(s[*i]);
		(*i)++;
		digits++;
	}
	return digits > 0;
}

/* "NAME @ 0xADDR": NAME 1-8 printable non-space characters. */
static bool parse_header(const char *s, size_t n, struct acpidump_table *t)
{
	size_t i = 0, name_len;
	uint64_t addr;

	while (i < n && i < 8 && s[i] > ' ' && s[i] < 0x7f)
		i++;
	name_len = i;
	if (!name_len || n - i < 5 || memcmp(s + i, " @ 0x", 5))
		return false;
	i += 5;
	if (!read_hex(s, n, &i, 16, &addr))
		return false;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i != n)
		return false;
	memset(t, 0, sizeof(*t));
	memcpy(t->name, s, name_len);
	t->addr = addr;
	return true;
}

/*
 * "    OFFS: XX XX ...  ascii": up to 16 bytes, single spaces between
 * them; the ASCII column after two spaces is not read (it can look
 * like hex). Return: bytes appended, or -1 if not such a line.
 */
static int parse_hex_line(const char *s, size_t n, uint64_t *offset, uint8_t *bytes)
{
	size_t i = 0;
	int nb = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (!read_hex(s, n, &i, 8, offset) || i >= n || s[i] != ':')
		return -1;
	i++;
	while (nb < 16 && i + 2 < n && s[i] == ' ' &&
	       hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0 &&
	       (i + 3 == n || s[i + 3] == ' ')) {
		bytes[nb++] = (uint8_t)(hexval(s[i + 1]) << 4 | hexval(s[i + 2]));
		i += 3;
	}
	return nb ? nb : -1;
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

static int append(struct acpidump *d, struct acpidump_table *t,
		  const uint8_t *b, int nb, size_t *cap, int line)
{
	if (t->len + nb > *cap) {
		size_t want = *cap ? *cap * 2 : 4096;
		uint8_t *p;

		if (want > ((size_t)1 << 32))
			return fail(d, line, "table %s larger than 4 GiB", t->name);
		p = realloc(t->data, want);
		if (!p)
			return fail(d, line, "out of memory");
		t->data = p;
		*cap = want;
	}
	memcpy(t->data + t->len, b, nb);
	t->len += nb;
	return 0;
}

int acpidump_load(const char *text, size_t len, struct acpidump *d)
{
	struct acpidump_table *cur = NULL;
	size_t pos = 0, cap = 0, tcap = 0;
	int line = 0;

	memset(d, 0, sizeof(*d));
	while (pos < len) {
		const char *s = text + pos, *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		struct acpidump_table hdr;
		uint8_t bytes[16];
		uint64_t offset;
		int nb;

		pos += n + (nl != NULL);
		line++;
		if (n && s[n - 1] == '\r')
			n--;
		if (blank(s, n))
			continue;
		if (parse_header(s, n, &hdr)) {
			if (d->nr == (int)tcap) {
				size_t want = tcap ? tcap * 2 : 16;
				struct acpidump_table *p = realloc(d->t, want * sizeof(*p));

				if (!p)
					return fail(d, line, "out of memory");
				d->t = p;
				tcap = want;
			}
			cur = &d->t[d->nr++];
			*cur = hdr;
			cap = 0;
			continue;
		}
		nb = parse_hex_line(s, n, &offset, bytes);
		if (nb < 0)
			return fail(d, line, "neither a \"NAME @ 0xADDRESS\" line nor a hex dump line");
		if (!cur)
			return fail(d, line, "hex dump line before any \"NAME @ 0xADDRESS\" line");
		if (offset != cur->len)
			return fail(d, line, "offset 0x%llx in %s, expected 0x%zx",
				    (unsigned long long)offset, cur->name, cur->len);
		if (append(d, cur, bytes, nb, &cap, line))
			return -1;
	}
	if (!d->nr)
		return fail(d, line, "no tables in the dump");
	for (int i = 0; i < d->nr; i++)
		if (!d->t[i].len)
			return fail(d, line, "table %s @ 0x%llx has no bytes", d->t[i].name,
				    (unsigned long long)d->t[i].addr);
	return 0;
}

void acpidump_free(struct acpidump *d)
{
	for (int i = 0; i < d->nr; i++)
		free(d->t[i].data);
	free(d->t);
	d->t = NULL;
	d->nr = 0;
}

static const void *dump_map(void *ctx, uint64_t phys, uint64_t len)
{
	const struct acpidump *d = ctx;

	for (int i = 0; i < d->nr; i++) {
		const struct acpidump_table *t = &d->t[i];

		if (phys >= t->addr && phys - t->addr <= t->len &&
		    len <= t->len - (phys - t->addr))
			return t->data + (phys - t->addr);
	}
	return NULL;
}

static void dump_unmap(void *ctx, const void *virt, uint64_t len)
{
	(void)ctx;
	(void)virt;
	(void)len;
}

const struct acpi_mem_ops *acpidump_mem(struct acpidump *d)
{
	d->ops = (struct acpi_mem_ops){ dump_map, dump_unmap, d };
	return &d->ops;
}

const struct acpidump_table *acpidump_find(const struct acpidump *d,
					   const char *name)
{
	for (int i = 0; i < d->nr; i++)
		if (!strcmp(d->t[i].name, name))
			return &d->t[i];
	return NULL;
}

uint64_t acpidump_rsdp(const struct acpidump *d)
{
	const struct acpidump_table *t = acpidump_find(d, "RSDP");

	return t ? t->addr : 0;
}
