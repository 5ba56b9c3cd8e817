// SPDX-License-Identifier: MIT
/*
 * Which CPU owns the panic (Linux's panic_cpu). Apart from panic.c so that
 * printk can ask without depending on panic(), which prints through it.
 */
#include <kernel/panic.h>
#include <kernel/smp.h>
#include <limits.h>

#define PANIC_CPU_INVALID UINT_MAX
static unsigned int panic_cpu = PANIC_CPU_INVALID;

bool panic_cpu_claim(void)
{
	unsigned int cpu = smp_processor_id(), old = PANIC_CPU_INVALID;

	return __atomic_compare_exchange_n(&panic_cpu, &old, cpu, false, __ATOMIC_ACQ_REL,
					   __ATOMIC_ACQUIRE) ||
	       old == cpu;
}

bool panic_in_progress(void)
{
	return __atomic_load_n(&panic_cpu, __ATOMIC_ACQUIRE) != PANIC_CPU_INVALID;
}

bool other_cpu_in_panic(void)
{
	unsigned int cpu = __atomic_load_n(&panic_cpu, __ATOMIC_ACQUIRE);

	return cpu != PANIC_CPU_INVALID && cpu != smp_processor_id();
}
