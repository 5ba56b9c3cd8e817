/* SPDX-License-Identifier: MIT */
/*
 * Console drivers: where printk's output goes. A driver registers one
 * struct console; console= on the command line picks which ones are
 * enabled, as in Linux (none given: all of them).
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

struct console {
	const char *name; /* "ttyS", "tty": console=<name><index> selects it */
	int index;
	/* Write @len bytes; "\n" is a line end, the driver adds any "\r". */
	void (*write)(struct console *con, const char *s, size_t len);
	/* Optional: put out what write() deferred (the framebuffer console). */
	void (*flush)(struct console *con);
	bool enabled;
	struct console *next;
};

/**
 * register_console - add a console and replay the log buffer to it
 * @con: the console; must stay valid forever
 *
 * Consoles registered after the command line was parsed are enabled only
 * if console= selected them (or none was given). The replay means a
 * console that comes up late still shows the whole boot log.
 */
void register_console(struct console *con);

/**
 * console_apply_cmdline - apply console= to the consoles registered so far
 *
 * Called once the command line has been parsed: an early console that was
 * not selected stops receiving output.
 */
void console_apply_cmdline(void);

/**
 * console_write_all - write @len bytes of @s to every enabled console
 * @s: text
 * @len: length
 */
void console_write_all(const char *s, size_t len);

/**
 * console_flush_all - make every enabled console show all it was given
 *
 * Before the kernel stops or waits without printing (kernel_exit, the
 * panic=N countdown): a console that defers its output (fbcon) must not
 * leave the last lines unshown.
 */
void console_flush_all(void);

/**
 * console_replay_log - write the stored log to one console (printk.c)
 * @con: the console that just came up
 */
void console_replay_log(struct console *con);

#endif
