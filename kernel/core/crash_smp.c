// SPDX-License-Identifier: MIT
/*
 * The crash= test hooks for a panic with several CPUs running, so that the
 * boot tests can check that the panic report comes out whole and the other
 * CPUs are stopped (smp_send_stop) whatever they are doing:
 *   smp_panic              a second CPU panics while CPU 0 prints: CPU 0
 *                          turns interrupts back on between lines and
 *                          stops on the REBOOT vector
 *   smp_panic_all          every CPU panics at once: one reports, the others
 *                          halt with interrupts off and need the NMI
 *   smp_panic_stuck_printk CPU 0 hangs inside printk, interrupts off (a
 *                          console that never finishes its write), while a
 *                          second CPU panics: that one must take printk over
 *                          after its bounded wait, then stop CPU 0 by NMI
 */
#include <kernel/arch.h>
#include <kernel/console.h>
#include <kernel/crash.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/processor.h>
#include <kernel/smp.h>
#include <lib/string.h>

#define SMP_PANIC_LINES_FIRST 20 /* CPU 0 lines before the other CPU panics */
/* CPU 0 prints on until stopped; after this long it gives up. */
#define SMP_PANIC_PRINT_NS 10000000000ull

static unsigned int lines_printed, cpus_arrived;
static volatile bool printk_stuck;

static void smp_panic_other(void *info)
{
	(void)info;
	/* Panic in the middle of CPU 0's printing, not before it. */
	while (__atomic_load_n(&lines_printed, __ATOMIC_ACQUIRE) < SMP_PANIC_LINES_FIRST)
		cpu_relax();
	panic("crash=smp_panic: CPU%u panics while CPU0 prints", smp_processor_id());
}

static void smp_panic_all(void *info)
{
	unsigned int n = *(const unsigned int *)info;

	/* Every CPU here, interrupts off, then all panic together. */
	__atomic_fetch_add(&cpus_arrived, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&cpus_arrived, __ATOMIC_ACQUIRE) < n)
		cpu_relax();
	panic("crash=smp_panic_all: CPU%u", smp_processor_id());
}

static void smp_panic_after_stuck(void *info)
{
	(void)info;
	while (!printk_stuck)
		cpu_relax();
	panic("crash=smp_panic_stuck_printk: CPU%u panics while CPU0 is stuck in printk",
	      smp_processor_id());
}

/* The console CPU 0 never comes back from, once armed. */
static volatile bool stall_armed;

static void stall_write(struct console *con, const char *s, size_t len)
{
	(void)con;
	(void)s;
	(void)len;
	if (!stall_armed || smp_processor_id() != 0)
		return;
	printk_stuck = true;
	for (;;)
		cpu_relax();
}

static struct console stall_console = { .name = "crashstall", .write = stall_write };

bool crash_smp(const char *what)
{
	unsigned int other = cpumask_next_from(1, cpu_online_mask), n = num_online_cpus();

	if (strcmp(what, "smp_panic") && strcmp(what, "smp_panic_all") &&
	    strcmp(what, "smp_panic_stuck_printk"))
		return false;
	if (smp_processor_id() != 0 || other >= NR_CPUS)
		panic("crash=%s needs CPU 0 and a second CPU online (--smp 2 or more)", what);
	if (!strcmp(what, "smp_panic")) {
		smp_call_function_single(other, smp_panic_other, NULL, false);
		uint64_t start = arch_clock_ns();

		for (unsigned int i = 0; arch_clock_ns() - start < SMP_PANIC_PRINT_NS; i++) {
			pr_info("crash=smp_panic: CPU0 line %u\n", i);
			__atomic_store_n(&lines_printed, i + 1, __ATOMIC_RELEASE);
		}
	} else if (!strcmp(what, "smp_panic_all")) {
		smp_call_function(smp_panic_all, &n, false);
		smp_panic_all(&n);
	} else {
		register_console(&stall_console);
		stall_console.enabled = true; /* whatever console= said */
		smp_call_function_single(other, smp_panic_after_stuck, NULL, false);
		stall_armed = true;
		pr_info("crash=smp_panic_stuck_printk: CPU0 enters printk for good\n");
	}
	/* Not stopped: say so (unless this is a CPU the panic already halts). */
	panic("crash=%s: CPU0 was not stopped", what);
}
