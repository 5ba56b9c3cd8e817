// SPDX-License-Identifier: MIT
/*
 * printk for the host: the kernel's own kvsnprintf formats the message,
 * so %pa-style quirks and field widths are exactly the kernel's. Lines go
 * to stdout (filtered by level, like a console) and/or a capture buffer
 * (every level, for tests). No timestamps unless asked for: simulated
 * time would be a made-up number, and comparisons strip Linux's anyway.
 */
#include "sim.h"

#include <kernel/printk.h>
#include <lib/vsprintf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct sim_log_opts opts = { .to_stdout = true, .max_level = 7 };
static char *cap;
static size_t cap_len, cap_size;
static bool at_line_start = true;
static bool hiding; /* the current line started with opts.hide */
static int cur_level = MESSAGE_LOGLEVEL_DEFAULT;

void sim_log_setup(const struct sim_log_opts *o)
{
	opts = *o;
}

static void cap_append(const char *s, size_t n)
{
	if (cap_len + n + 1 > cap_size) {
		size_t want = cap_size ? cap_size : 4096;

		while (cap_len + n + 1 > want)
			want *= 2;
		cap = realloc(cap, want);
		if (!cap) {
			fputs("sim: out of memory for the log capture\n", stderr);
			abort();
		}
		cap_size = want;
	}
	memcpy(cap + cap_len, s, n);
	cap_len += n;
	cap[cap_len] = '\0';
}

/* Send @s (part of a message at cur_level) to stdout and the capture. */
static void emit(const char *s, size_t n)
{
	bool show = opts.to_stdout && cur_level < opts.max_level;

	while (n) {
		const char *nl = memchr(s, '\n', n);
		size_t part = nl ? (size_t)(nl - s) + 1 : n;

		if (at_line_start)
			hiding = opts.hide && !strncmp(s, opts.hide, strlen(opts.hide));
		if (at_line_start && show && !hiding && opts.timestamps)
			fputs("[    0.000000] ", stdout);
		if (show && !hiding)
			fwrite(s, 1, part, stdout);
		if (opts.capture)
			cap_append(s, part);
		at_line_start = nl != NULL;
		s += part;
		n -= part;
	}
}

int vprintk(const char *fmt, va_list ap)
{
	static char buf[4096];
	const char *p = buf;
	int len = kvsnprintf(buf, sizeof(buf), fmt, ap);
	size_t n = strlen(buf);

	if (p[0] == KERN_SOH_ASCII && p[1]) {
		if (p[1] != 'c') {
			/* A new message: end an unfinished line first, as Linux does. */
			if (!at_line_start)
				emit("\n", 1);
			cur_level = p[1] - '0';
		}
		p += 2;
		n -= 2;
	} else if (!at_line_start) {
		emit("\n", 1);
		cur_level = MESSAGE_LOGLEVEL_DEFAULT;
	} else {
		cur_level = MESSAGE_LOGLEVEL_DEFAULT;
	}
	emit(p, n);
	if (opts.to_stdout)
		fflush(stdout);
	return len;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void printk_force_console(void)
{
	opts.max_level = CONSOLE_LOGLEVEL_MAX + 1;
}

const char *sim_log_text(void)
{
	return cap ? cap : "";
}

void sim_log_clear(void)
{
	cap_len = 0;
	if (cap)
		cap[0] = '\0';
	at_line_start = true;
}

bool sim_log_has_line(const char *line)
{
	size_t n = strlen(line);

	for (const char *p = sim_log_text(); *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len == n && !memcmp(p, line, n))
			return true;
		if (!nl)
			break;
		p = nl + 1;
	}
	return false;
}

unsigned sim_log_count(const char *s)
{
	unsigned count = 0;

	for (const char *p = sim_log_text(); *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		const char *hit = strstr(p, s);

		if (hit && hit + strlen(s) <= p + len)
			count++;
		if (!nl)
			break;
		p = nl + 1;
	}
	return count;
}
