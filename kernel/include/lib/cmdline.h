/* SPDX-License-Identifier: MIT */
#ifndef LIB_CMDLINE_H
#define LIB_CMDLINE_H

#include <stdint.h>

/**
 * memparse - parse a size in Linux's command-line syntax
 * @s: digits (decimal, or hex with 0x) optionally followed by K, M, G, T,
 *     P or E (binary multiples, either case)
 * @end: set to the first character not consumed
 * @out: the value in bytes
 *
 * Return: 0, or -1 when @s does not start with a number or the value
 * does not fit in 64 bits.
 */
int memparse(const char *s, const char **end, uint64_t *out);

/**
 * parse_uint - strict decimal parse for option values
 * @s: text, digits only
 * @max: largest accepted value
 * @out: result
 *
 * Return: 0, or -1 if @s is empty, has a non-digit or exceeds @max.
 */
int parse_uint(const char *s, unsigned long max, unsigned long *out);

#endif
