// SPDX-License-Identifier: MIT
/*
 * Command-line parsing: split into options, hand each to the handlers
 * registered with kernel_param() for its name, remember the rest so that
 * one line can list them, as Linux does.
 */
#include <kernel/params.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <stdbool.h>
#include <stddef.h>

extern const struct kernel_param __start_kernel_params[];
extern const struct kernel_param __stop_kernel_params[];

static char cmdline_copy[COMMAND_LINE_SIZE]; /* as given */
static char cmdline_args[COMMAND_LINE_SIZE]; /* cut into NUL-ended options */
static char unknown[COMMAND_LINE_SIZE];
static size_t unknown_len;

const char *saved_command_line = cmdline_copy;

/*
 * Cut the next option out of @p: skips leading spaces, ends the option with
 * a NUL, splits "name=value" and strips the value's surrounding quotes.
 * Returns where the next search starts, or NULL at the end.
 */
static char *next_option(char *p, char **name, char **val)
{
	bool quoted = false;
	char *eq = NULL;

	while (*p == ' ')
		p++;
	if (!*p)
		return NULL;
	*name = p;
	for (; *p && (quoted || *p != ' '); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '=' && !eq)
			eq = p;
	}
	if (*p)
		*p++ = '\0';
	*val = NULL;
	if (eq) {
		size_t len;

		*eq = '\0';
		*val = eq + 1;
		len = strlen(*val);
		if (len >= 2 && (*val)[0] == '"' && (*val)[len - 1] == '"') {
			(*val)[len - 1] = '\0';
			(*val)++;
		}
	}
	return p;
}

/* Append the option as the user wrote it (from cmdline_copy). */
static void add_unknown(size_t start, size_t end)
{
	size_t len = end - start;

	if (unknown_len + len + 2 > sizeof(unknown))
		return;
	if (unknown_len)
		unknown[unknown_len++] = ' ';
	memcpy(&unknown[unknown_len], &cmdline_copy[start], len);
	unknown_len += len;
	unknown[unknown_len] = '\0';
}

static bool run_handlers(const char *name, const char *val)
{
	bool known = false;

	for (const struct kernel_param *p = __start_kernel_params; p < __stop_kernel_params; p++) {
		if (strcmp(p->name, name))
			continue;
		known = true;
		/* Linux's wording for an early option its handler refused. */
		if (p->setup(val) < 0)
			pr_warn("Malformed early option '%s'\n", name);
	}
	return known;
}

void parse_cmdline(const char *cmdline)
{
	size_t len = strnlen(cmdline, COMMAND_LINE_SIZE);
	char *p = cmdline_args, *name, *val;

	if (len == COMMAND_LINE_SIZE) {
		len--;
		pr_warn("Command line longer than %d bytes, truncated\n", COMMAND_LINE_SIZE - 1);
	}
	memcpy(cmdline_copy, cmdline, len);
	cmdline_copy[len] = '\0';
	memcpy(cmdline_args, cmdline_copy, len + 1);

	while ((p = next_option(p, &name, &val))) {
		size_t start = (size_t)(name - cmdline_args);
		size_t end = (size_t)(p - cmdline_args);

		/* next_option stepped over the separating space, if any. */
		if (end > start && cmdline_copy[end - 1] == ' ')
			end--;
		if (!run_handlers(name, val))
			add_unknown(start, end);
	}
}

void report_unknown_params(void)
{
	if (unknown_len)
		pr_notice(
			"Unknown kernel command line parameters \"%s\", will be passed to user space.\n",
			unknown);
}
