// SPDX-License-Identifier: MIT
/*
 * smp_send_stop, as Linux's native_stop_other_cpus (arch/x86/kernel/smp.c):
 * the panicking CPU sends every other online CPU an IPI on REBOOT_VECTOR
 * and gives them a second to halt; a CPU still running then (spinning
 * with interrupts off, say on a lock the dead CPU holds, or a second CPU
 * that panicked and halted with interrupts off) gets an NMI and 10 ms
 * more (a second under a hypervisor). A stopped CPU leaves the online mask, so the panicking CPU can
 * tell, and halts with its local APIC off.
 */
#define pr_fmt(fmt) fmt

#include <asm/apic.h>
#include <asm/setup.h>
#include <asm/smp_stop.h>
#include <asm/cpu_relax.h>
#include <kernel/arch.h>
#include <kernel/irqflags.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <lib/vsprintf.h>

#define STOP_IPI_WAIT_US 1000000 /* Linux: a second for the REBOOT vector */
#define STOP_NMI_WAIT_US 10000	 /* and 10 ms for the NMI */

/*
 * Under a hypervisor (the CPUID bit virt_spin_lock_enabled follows) a
 * vCPU may not run for longer than 10 ms: on a loaded host TCG's took the
 * NMI too late and was reported as not stopped. It gets the second too.
 */
static unsigned long stop_nmi_wait_us(void)
{
	return virt_spin_lock_enabled ? STOP_IPI_WAIT_US : STOP_NMI_WAIT_US;
}

static int stopping_cpu = -1;
static struct cpumask cpus_stop_mask; /* not stopped yet */

void stop_this_cpu(void)
{
	unsigned int cpu = smp_processor_id();

	arch_irq_disable();
	/* Maybe twice: the REBOOT vector taken late, after the NMI. */
	set_cpu_online(cpu, false);
	disable_local_APIC();
	cpumask_assign_cpu(cpu, &cpus_stop_mask, false);
	arch_halt(); /* hlt again after any later NMI */
}

bool smp_stop_nmi_callback(void)
{
	int stopping = __atomic_load_n(&stopping_cpu, __ATOMIC_ACQUIRE);

	if (stopping < 0 || stopping == (int)smp_processor_id())
		return false;
	stop_this_cpu();
}

static void send_stop_ipis(uint32_t mode)
{
	unsigned int cpu;

	for_each_cpu(cpu, &cpus_stop_mask) {
		safe_apic_wait_icr_idle();
		apic_icr_write(mode, cpu_physical_id(cpu));
	}
}

/* Against the clock, not by counting udelay()s: those overrun under TCG. */
static bool wait_stopped(unsigned long usecs)
{
	uint64_t start = arch_clock_ns();

	while (cpumask_weight(&cpus_stop_mask)) {
		if (arch_clock_ns() - start >= (uint64_t)usecs * 1000)
			return false;
		cpu_relax();
	}
	return true;
}

/* "1-3,5": Linux's %*pbl form, for the report of CPUs that did not stop. */
static void cpulist(char *buf, size_t size, const struct cpumask *m)
{
	size_t n = 0;

	buf[0] = '\0';
	for (unsigned int c = cpumask_next_from(0, m); c < NR_CPUS;) {
		unsigned int last = c;

		while (last + 1 < NR_CPUS && cpumask_test_cpu(last + 1, m))
			last++;
		n += (size_t)ksnprintf(buf + n, size - n, last > c ? "%s%u-%u" : "%s%u",
				       n ? "," : "", c, last);
		if (n >= size)
			return;
		c = cpumask_next_from(last + 1, m);
	}
}

void smp_send_stop(void)
{
	unsigned int cpu = smp_processor_id();
	int none = -1;
	unsigned long flags;

	/* Alone (maybe before the APIC is even set up): nothing to stop. */
	if (num_online_cpus() <= 1 && cpu_online(cpu))
		return;
	/* Only the first CPU to get here stops the others. */
	if (!__atomic_compare_exchange_n(&stopping_cpu, &none, (int)cpu, false, __ATOMIC_ACQ_REL,
					 __ATOMIC_RELAXED))
		return;
	for (unsigned int i = 0; i < (NR_CPUS + 63) / 64; i++)
		__atomic_store_n(&cpus_stop_mask.bits[i],
				 __atomic_load_n(&cpu_online_mask->bits[i], __ATOMIC_RELAXED),
				 __ATOMIC_RELAXED);
	cpumask_assign_cpu(cpu, &cpus_stop_mask, false);

	/*
	 * The vector first: a CPU takes it once it leaves its critical
	 * section and turns interrupts back on, so it stops holding no lock
	 * it could have released.
	 */
	if (cpumask_weight(&cpus_stop_mask)) {
		send_stop_ipis(APIC_DM_FIXED | REBOOT_VECTOR);
		wait_stopped(STOP_IPI_WAIT_US);
	}
	if (cpumask_weight(&cpus_stop_mask)) {
		pr_emerg("Shutting down cpus with NMI\n");
		send_stop_ipis(APIC_DM_NMI);
		if (!wait_stopped(stop_nmi_wait_us())) {
			char list[128];

			/* Linux's arm64 words; x86 Linux says nothing here. */
			cpulist(list, sizeof(list), &cpus_stop_mask);
			pr_emerg("SMP: failed to stop secondary CPUs %s\n", list);
		}
	}
	flags = local_irq_save();
	disable_local_APIC();
	local_irq_restore(flags);
}
