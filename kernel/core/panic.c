// SPDX-License-Identifier: MIT
/*
 * panic() and the end-of-the-road exit. Built to be re-entered: a fault
 * while panicking must not print forever, so the second entry skips
 * straight to the exit.
 */
#include <kernel/arch.h>
#include <kernel/panic.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <lib/vsprintf.h>
#include <stdarg.h>
#include <stddef.h>

static bool qemu_exit;
static int panic_depth;
static int oops_depth;

static int set_qemu_exit(const char *val)
{
	if (val)
		return -1;
	qemu_exit = true;
	return 0;
}
kernel_param("qemu_exit", set_qemu_exit);

void kernel_exit(enum boot_exit_status status)
{
	arch_irq_disable();
	if (qemu_exit)
		arch_qemu_exit(status == BOOT_EXIT_OK ? QEMU_EXIT_SUCCESS_VALUE
						      : (unsigned int)status);
	arch_halt();
}

int oops_begin(void)
{
	arch_irq_disable();
	printk_force_console();
	return ++oops_depth;
}

void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int len;

	arch_irq_disable();
	if (++panic_depth > 1)
		kernel_exit(BOOT_EXIT_PANIC);
	printk_force_console();

	va_start(ap, fmt);
	len = kvsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (len >= (int)sizeof(buf))
		len = (int)sizeof(buf) - 1;
	if (len > 0 && buf[len - 1] == '\n')
		buf[len - 1] = '\0';

	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	/* An oops report has just shown the trace that matters. */
	if (!oops_depth)
		dump_stack();
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
	kernel_exit(BOOT_EXIT_PANIC);
}
