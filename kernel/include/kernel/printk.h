/* SPDX-License-Identifier: MIT */
/*
 * printk and the pr_* helpers, with Linux's log levels: a message starts
 * with KERN_SOH and a level digit; KERN_CONT continues the previous line.
 * A file sets its prefix by defining pr_fmt before including this header:
 *     #define pr_fmt(fmt) "tsc: " fmt
 */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include <kernel/compiler.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>

#define KERN_SOH       "\001"
#define KERN_SOH_ASCII '\001'

#define KERN_EMERG   KERN_SOH "0" /* system is unusable */
#define KERN_ALERT   KERN_SOH "1" /* action must be taken immediately */
#define KERN_CRIT    KERN_SOH "2" /* critical conditions */
#define KERN_ERR     KERN_SOH "3" /* error conditions */
#define KERN_WARNING KERN_SOH "4" /* warning conditions */
#define KERN_NOTICE  KERN_SOH "5" /* normal but significant condition */
#define KERN_INFO    KERN_SOH "6" /* informational */
#define KERN_DEBUG   KERN_SOH "7" /* debug-level messages */
#define KERN_DEFAULT ""		  /* MESSAGE_LOGLEVEL_DEFAULT */
#define KERN_CONT    KERN_SOH "c" /* continues the previous line */

#define LOGLEVEL_EMERG	 0
#define LOGLEVEL_WARNING 4
#define LOGLEVEL_DEBUG	 7

#define MESSAGE_LOGLEVEL_DEFAULT 4 /* level of a printk without KERN_* */
#define CONSOLE_LOGLEVEL_DEFAULT 7 /* show levels below this */
#define CONSOLE_LOGLEVEL_MAX	 15

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#define pr_emerg(fmt, ...)  printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...)  printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...)   printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...)    printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)   printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)   printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
/* Always compiled in (Linux needs DEBUG for that); loglevel=8 shows it. */
#define pr_debug(fmt, ...) printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...)  printk(KERN_CONT fmt, ##__VA_ARGS__)

/**
 * printk - format a message, store it in the log buffer, show it on consoles
 * @fmt: kvsnprintf format, optionally starting with a KERN_* level
 *
 * Each new line gets a "[    s.uuuuuu] " timestamp. The message reaches a
 * console when its level is below console_loglevel (or ignore_loglevel).
 * Safe in exception context: no allocation, no locks.
 *
 * Return: the number of characters of the formatted message.
 */
int printk(const char *fmt, ...) __printf(1, 2);

/** vprintk - printk() with a va_list */
int vprintk(const char *fmt, va_list ap);

/**
 * printk_force_console - show every later message whatever its level
 *
 * For panic and oops reports and the end-of-boot marker, which must be
 * seen even with loglevel=0.
 */
void printk_force_console(void);

/**
 * printk_set_persistent - also send every record to @write, whatever its level
 * @write: the persistent log's writer; gets the stored log first
 */
void printk_set_persistent(void (*write)(const char *s, size_t len));

#endif
