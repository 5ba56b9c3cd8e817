/* SPDX-License-Identifier: MIT */
/*
 * Kernel command-line options. Each option lives in the file that uses it:
 *
 *     static int set_foo(const char *val) { ... }
 *     kernel_param("foo", set_foo);
 *
 * The entries are collected in the kernel_params section (kernel.ld; no dot, so host
 * linkers define __start_/__stop_kernel_params too), so
 * adding an option touches no central table.
 */
#ifndef KERNEL_PARAMS_H
#define KERNEL_PARAMS_H

#include <kernel/compiler.h>

#define COMMAND_LINE_SIZE 2048

struct kernel_param {
	const char *name;
	/*
	 * @val is the text after '=' (quotes removed), or NULL for a bare
	 * flag. Return 0 if accepted, a negative number if the value is bad:
	 * the option is then reported as malformed and ignored.
	 */
	int (*setup)(const char *val);
};

#define __PARAM_CAT2(a, b) a##b
#define __PARAM_CAT(a, b)  __PARAM_CAT2(a, b)

/* Register @fn as the handler of option @str ("name", no '='). */
#define kernel_param(str, fn)                                            \
	static const struct kernel_param __PARAM_CAT(__param_, __LINE__) \
		__used __section("kernel_params") __aligned(8) = { str, fn }

/**
 * parse_cmdline - run every registered handler for the options in @cmdline
 * @cmdline: NUL-terminated; copied, so handlers may keep pointers to values
 *
 * Options are separated by spaces; double quotes protect spaces in a value.
 * Options no handler claims are collected for report_unknown_params().
 */
void parse_cmdline(const char *cmdline);

/** saved_command_line - the command line as given, for "Command line:" */
extern const char *saved_command_line;

/**
 * report_unknown_params - print Linux's "Unknown kernel command line
 * parameters" line if any option was not claimed; nothing otherwise
 */
void report_unknown_params(void);

#endif
