// SPDX-License-Identifier: MIT
/*
 * panic() for the host. The message is Linux's; what follows is a test's
 * choice: an armed SIM_PANIC_TRY gets control back (so "out of memory"
 * and "no usable RAM" are assertable outcomes), otherwise the process
 * exits with SIM_EXIT_PANIC, a clear status rather than a crash.
 */
#include "sim.h"

#include <kernel/panic.h>
#include <kernel/printk.h>
#include <lib/vsprintf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

jmp_buf sim_panic_jmp;
bool sim_panic_armed;
static char msg[512];

const char *sim_panic_message(void)
{
	return msg;
}

/* For sim_reset: no message, nothing armed. */
void sim_panic_forget(void);
void sim_panic_forget(void)
{
	msg[0] = '\0';
	sim_panic_armed = false;
}

__noreturn void panic(const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	kvsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	n = strlen(msg);
	if (n && msg[n - 1] == '\n')
		msg[n - 1] = '\0';
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", msg);
	if (sim_panic_armed) {
		sim_panic_armed = false;
		longjmp(sim_panic_jmp, 1);
	}
	fflush(stdout);
	exit(SIM_EXIT_PANIC);
}

int oops_begin(void)
{
	return 1;
}

__noreturn void kernel_exit(enum boot_exit_status status)
{
	fflush(stdout);
	exit((int)status);
}
