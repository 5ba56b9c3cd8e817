// SPDX-License-Identifier: MIT
/*
 * crash=smp_panic_nmi_stuck: a CPU that neither the REBOOT vector nor the
 * stop NMI can reach, so that the boot tests see smp_send_stop give up.
 * CPU 0 sends the second online CPU an NMI; that CPU spins inside its NMI
 * handler, interrupts off and further NMIs held back by the CPU until an
 * iret that never comes. Then CPU 0 panics.
 */
#include <asm/apic.h>
#include <asm/crash.h>
#include <asm/setup.h>
#include <kernel/arch.h>
#include <kernel/panic.h>
#include <kernel/processor.h>
#include <kernel/smp.h>
#include <limits.h>

/* The CPU sent the NMI waits this long for it before giving up. */
#define NMI_TAKE_WAIT_NS 1000000000ull

static unsigned int stuck_cpu = UINT_MAX;
static bool nmi_taken;

/*
 * Only the first NMI is held here: a second one could only get in if the
 * CPU did not block NMIs in the handler, and then the stop NMI should stop
 * it, so the test would see no failure.
 */
void crash_nmi_callback(void)
{
	if (__atomic_load_n(&stuck_cpu, __ATOMIC_ACQUIRE) != smp_processor_id() ||
	    __atomic_exchange_n(&nmi_taken, true, __ATOMIC_ACQ_REL))
		return;
	for (;;)
		cpu_relax();
}

void crash_nmi_stuck(void)
{
	unsigned int other = cpumask_next_from(1, cpu_online_mask);
	uint64_t start;

	if (smp_processor_id() != 0 || other >= NR_CPUS)
		panic("crash=smp_panic_nmi_stuck needs CPU 0 and a second CPU online (--smp 2 or more)");
	__atomic_store_n(&stuck_cpu, other, __ATOMIC_RELEASE);
	safe_apic_wait_icr_idle();
	apic_icr_write(APIC_DM_NMI, cpu_physical_id(other));
	start = arch_clock_ns();
	while (!__atomic_load_n(&nmi_taken, __ATOMIC_ACQUIRE)) {
		if (arch_clock_ns() - start >= NMI_TAKE_WAIT_NS)
			panic("crash=smp_panic_nmi_stuck: CPU%u did not take the NMI", other);
		cpu_relax();
	}
	panic("crash=smp_panic_nmi_stuck: CPU%u spins in its NMI handler", other);
}
