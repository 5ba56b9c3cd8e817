/* SPDX-License-Identifier: MIT */
/*
 * printf-style formatting without a libc: the one formatter behind the
 * loader's console, printk and the host tools.
 *
 * Supports %d %i %u %x %X %o %c %s %p %%, the l/ll/z/h/hh/j/t length
 * modifiers, the flags - 0 + space #, a field width and a precision
 * (both may be *). Output is always NUL-terminated when size > 0.
 */
#ifndef LIB_VSPRINTF_H
#define LIB_VSPRINTF_H

#include <stdarg.h>
#include <stddef.h>

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
