// SPDX-License-Identifier: MIT
/*
 * panic() and the end-of-the-road exit. Built to be re-entered: a fault
 * while panicking must not print forever, so the second entry skips
 * straight to the exit. With several CPUs, the first to panic owns the
 * end: any other that panics or faults meanwhile halts (Linux's panic_cpu
 * and die_lock), and the owner stops the rest before it exits.
 */
#include <drivers/fbcon.h>
#include <kernel/arch.h>
#include <kernel/console.h>
#include <kernel/panic.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/processor.h>
#include <kernel/pstore.h>
#include <kernel/smp.h>
#include <lib/cmdline.h>
#include <lib/string.h>
#include <lib/vsprintf.h>
#include <stdarg.h>
#include <limits.h>
#include <stddef.h>

static bool qemu_exit;
static bool reboot_at_end;
static long panic_timeout; /* panic=N: seconds; < 0 at once; 0 never */
static int panic_depth;
static int oops_depth;

static unsigned int die_owner = UINT_MAX; /* the CPU printing an oops */

static bool qemu_exit_debugcon;

/*
 * qemu_exit: power QEMU off with the status. qemu_exit=debugcon: write
 * "mmk-exit: N" to QEMU's debug console instead and halt, leaving the
 * machine (its screen) for the host to look at (scripts/run --screenshot).
 */
static int set_qemu_exit(const char *val)
{
	if (val && strcmp(val, "debugcon"))
		return -1;
	qemu_exit = true;
	qemu_exit_debugcon = val != NULL;
	return 0;
}
kernel_param("qemu_exit", set_qemu_exit);

/* reboot: reset the machine at the end of boot instead of halting. */
static int set_reboot(const char *val)
{
	if (val)
		return -1;
	reboot_at_end = true;
	return 0;
}
kernel_param("reboot", set_reboot);

static int set_panic_timeout(const char *val)
{
	long sign = 1;
	unsigned long n;

	if (val && *val == '-') {
		sign = -1;
		val++;
	}
	if (!val || parse_uint(val, 1000000, &n))
		return -1;
	panic_timeout = sign * (long)n;
	return 0;
}
kernel_param("panic", set_panic_timeout);

void kernel_exit(enum boot_exit_status status)
{
	arch_irq_disable();
	if (status != BOOT_EXIT_PANIC && reboot_at_end) {
		pr_info("mmk: rebooting (reboot)\n");
		pstore_end(PSTORE_STATE_REBOOT, status);
		console_flush_all();
		arch_reboot();
	}
	pstore_end(status == BOOT_EXIT_PANIC ? PSTORE_STATE_PANIC : PSTORE_STATE_HALTED, status);
	console_flush_all();
	if (qemu_exit && qemu_exit_debugcon) {
		char buf[24];

		ksnprintf(buf, sizeof(buf), "mmk-exit: %d\n", (int)status);
		arch_qemu_debugcon(buf);
	} else if (qemu_exit)
		arch_qemu_exit(status == BOOT_EXIT_OK ? QEMU_EXIT_SUCCESS_VALUE
						      : (unsigned int)status);
	else
		fbcon_page_log(); /* a person reads the screen: all of the log */
	arch_halt();
}

/*
 * Linux's panic_smp_self_stop: wait, interrupts off, for the panicking
 * CPU's stop NMI (halted: an NMI wakes hlt).
 */
static __noreturn void panic_smp_self_stop(void)
{
	arch_halt();
}

int oops_begin(void)
{
	unsigned int me, none = UINT_MAX;

	arch_irq_disable();
	me = smp_processor_id();
	/* A nested oops (the report faulted) goes on: its owner is us. */
	if (__atomic_load_n(&die_owner, __ATOMIC_RELAXED) != me) {
		while (!__atomic_compare_exchange_n(&die_owner, &none, me, false, __ATOMIC_ACQUIRE,
						    __ATOMIC_RELAXED)) {
			if (other_cpu_in_panic())
				panic_smp_self_stop();
			none = UINT_MAX;
			cpu_relax();
		}
	}
	if (other_cpu_in_panic())
		panic_smp_self_stop();
	printk_force_console();
	return ++oops_depth;
}

/* panic=N: as Linux, wait N seconds (none if N < 0), then reset. */
static void panic_reboot(void)
{
	uint64_t start = arch_clock_ns();

	pstore_end(PSTORE_STATE_PANIC, BOOT_EXIT_PANIC);
	if (panic_timeout > 0) {
		pr_emerg("Rebooting in %ld seconds..\n", panic_timeout);
		if (!start) /* the clock is not calibrated yet */
			pr_emerg("(no clock yet: rebooting now)\n");
		console_flush_all(); /* the screen shows the panic while we wait */
		if (start)
			while (arch_clock_ns() - start < (uint64_t)panic_timeout * 1000000000ull)
				;
	}
	arch_reboot();
}

void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int len;

	arch_irq_disable();
	if (!panic_cpu_claim())
		panic_smp_self_stop();
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
	smp_send_stop();
	if (panic_timeout)
		panic_reboot();
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
	kernel_exit(BOOT_EXIT_PANIC);
}
