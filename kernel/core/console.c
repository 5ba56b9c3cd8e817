// SPDX-License-Identifier: MIT
/*
 * The console list and console= selection. Like Linux: with no console=
 * every console is used; with one or more, only the named ones.
 */
#define pr_fmt(fmt) "printk: " fmt

#include <kernel/console.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <lib/cmdline.h>
#include <lib/string.h>

#define MAX_CMDLINE_CONSOLES 8

struct console_cmdline {
	char name[16];
	int index;
};

static struct console *console_list;
static struct console_cmdline selected[MAX_CMDLINE_CONSOLES];
static int nr_selected;
static bool cmdline_applied;

static bool console_selected(const struct console *con)
{
	if (!nr_selected)
		return true;
	for (int i = 0; i < nr_selected; i++)
		if (!strcmp(selected[i].name, con->name) && selected[i].index == con->index)
			return true;
	return false;
}

void register_console(struct console *con)
{
	con->enabled = !cmdline_applied || console_selected(con);
	con->next = console_list;
	console_list = con;
	if (!con->enabled)
		return;
	console_replay_log(con);
	pr_info("console [%s%d] enabled\n", con->name, con->index);
}

void console_apply_cmdline(void)
{
	cmdline_applied = true;
	for (struct console *c = console_list; c; c = c->next)
		c->enabled = console_selected(c);
}

void console_write_all(const char *s, size_t len)
{
	for (struct console *c = console_list; c; c = c->next)
		if (c->enabled)
			c->write(c, s, len);
}

void console_flush_all(void)
{
	for (struct console *c = console_list; c; c = c->next)
		if (c->enabled && c->flush)
			c->flush(c);
}

/* console=ttyS0,115200n8: name, index; the options are the driver's. */
static int set_console(const char *val)
{
	struct console_cmdline *c;
	size_t n = 0;
	unsigned long index = 0;
	char digits[8];
	size_t d = 0;

	if (!val || nr_selected == MAX_CMDLINE_CONSOLES)
		return -1;
	c = &selected[nr_selected];
	while (val[n] && val[n] != ',' && !(val[n] >= '0' && val[n] <= '9')) {
		if (n + 1 >= sizeof(c->name))
			return -1;
		c->name[n] = val[n];
		n++;
	}
	c->name[n] = '\0';
	while (val[n] >= '0' && val[n] <= '9' && d + 1 < sizeof(digits))
		digits[d++] = val[n++];
	digits[d] = '\0';
	if (!n || (d && parse_uint(digits, 63, &index)))
		return -1;
	c->index = (int)index;
	nr_selected++;
	return 0;
}
kernel_param("console", set_console);
