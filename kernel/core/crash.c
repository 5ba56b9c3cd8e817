// SPDX-License-Identifier: MIT
/*
 * crash=<what>: fault on purpose once the consoles are up, so that the
 * QEMU boot tests can check each report end to end. "panic" is generic;
 * the CPU faults are the architecture's (arch_crash).
 */
#include <kernel/arch.h>
#include <kernel/crash.h>
#include <kernel/panic.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <lib/string.h>

static const char *crash_what;

/* crash=init: init code, called after free_initmem() unmapped it. */
static volatile int init_probe_ran;

static __noinline __init void crash_init_probe(void)
{
	init_probe_ran = 1;
}

static int set_crash(const char *val)
{
	if (!val || !*val)
		return -1;
	crash_what = val;
	return 0;
}
kernel_param("crash", set_crash);

void crash_requested(void)
{
	if (!crash_what)
		return;
	if (!strcmp(crash_what, "panic"))
		panic("crash=panic requested on the command line");
	if (!strcmp(crash_what, "init")) {
		/* Through a volatile pointer: the call must really happen. */
		void (*volatile fn)(void) = crash_init_probe;

		pr_info("crash=init: calling __init code at %p after free_initmem\n", (void *)fn);
		fn();
		panic("crash=init: __init code still ran after free_initmem");
	}
	crash_smp(crash_what);
	arch_crash(crash_what);
	panic("crash=%s: unknown; try ud, gp, pf, de, null, stack, vstack, fp, init, panic, "
	      "smp_panic, smp_panic_all, smp_panic_stuck_printk or smp_panic_nmi_stuck",
	      crash_what);
}
