// SPDX-License-Identifier: MIT
/*
 * Cross-CPU function calls (Linux's kernel/smp.c, reduced): each CPU has a
 * lock-free queue of call_single_data; a caller pushes a request for each
 * target and interrupts only the CPUs whose queue was empty (one IPI
 * serves a whole queue). Each CPU owns one request slot per target, which
 * stays locked from queueing until the target has run the function, so a
 * slot is never reused early. Generic: the arch only sends the IPI (the
 * host simulator can build this with its own "IPI").
 */
#include <kernel/hardirq.h>
#include <kernel/irqflags.h>
#include <kernel/percpu.h>
#include <kernel/processor.h>
#include <kernel/smp.h>
#include <lib/errno.h>

struct call_single_data {
	struct call_single_data *next;
	smp_call_func_t func;
	void *info;
	unsigned int locked; /* queued or running: not to be reused */
};

static DEFINE_PER_CPU(struct call_single_data *, call_single_queue);
/* This CPU's request to each other CPU (Linux's per-CPU cfd_data). */
static DEFINE_PER_CPU(struct call_single_data, csd_data[NR_CPUS]);

/* Wait for @csd's previous call, serving our own queue meanwhile. */
static void csd_lock_wait(struct call_single_data *csd)
{
	while (__atomic_load_n(&csd->locked, __ATOMIC_ACQUIRE)) {
		unsigned long flags = local_irq_save();

		/* The calls run as from the IPI: in interrupt context. */
		irq_enter();
		generic_smp_call_function_interrupt();
		irq_exit();
		local_irq_restore(flags);
		cpu_relax();
	}
}

/* Queue @fn(@info) for @cpu in our slot; true if its queue was empty. */
static bool queue_call(unsigned int cpu, smp_call_func_t fn, void *info)
{
	struct call_single_data *csd = this_cpu_ptr(&csd_data[cpu]);
	struct call_single_data **head = per_cpu_ptr(&call_single_queue, cpu);
	struct call_single_data *first;

	csd_lock_wait(csd);
	csd->locked = 1;
	csd->func = fn;
	csd->info = info;
	first = __atomic_load_n(head, __ATOMIC_RELAXED);
	do
		csd->next = first;
	while (!__atomic_compare_exchange_n(head, &first, csd, true, __ATOMIC_RELEASE,
					    __ATOMIC_RELAXED));
	return !first;
}

void generic_smp_call_function_interrupt(void)
{
	struct call_single_data *csd, *next, *fifo = NULL;

	csd = __atomic_exchange_n(this_cpu_ptr(&call_single_queue), NULL, __ATOMIC_ACQUIRE);
	/* The queue is a stack: reverse it to run calls in arrival order. */
	for (; csd; csd = next) {
		next = csd->next;
		csd->next = fifo;
		fifo = csd;
	}
	for (csd = fifo; csd; csd = next) {
		smp_call_func_t fn = csd->func;
		void *info = csd->info;

		next = csd->next;
		fn(info);
		/* After this the caller may reuse the slot: read nothing more. */
		__atomic_store_n(&csd->locked, 0, __ATOMIC_RELEASE);
	}
}

int smp_call_function_single(unsigned int cpu, smp_call_func_t fn, void *info, bool wait)
{
	unsigned long flags;

	if (cpu >= nr_cpu_ids || !cpu_online(cpu))
		return -ENXIO;
	flags = local_irq_save();
	if (cpu == smp_processor_id()) {
		fn(info);
		local_irq_restore(flags);
		return 0;
	}
	/* Interrupts off while the slot is taken and queued: an interrupt
	 * handler calling the same CPU would otherwise wait on it forever. */
	if (queue_call(cpu, fn, info))
		arch_send_call_function_single_ipi(cpu);
	local_irq_restore(flags);
	if (wait)
		csd_lock_wait(this_cpu_ptr(&csd_data[cpu]));
	return 0;
}

/*
 * Linux's smp_call_function_many_cond: queue the call for every other
 * online CPU and send the IPIs, run it here (@run_local) while they work,
 * then wait for them if asked.
 */
static void call_function_many(smp_call_func_t fn, void *info, bool wait, bool run_local)
{
	struct cpumask ipi = { { 0 } };
	unsigned int cpu, self;
	unsigned long flags = local_irq_save();

	self = smp_processor_id();
	for_each_online_cpu(cpu)
		if (cpu != self && queue_call(cpu, fn, info))
			cpumask_assign_cpu(cpu, &ipi, true);
	if (cpumask_weight(&ipi))
		arch_send_call_function_ipi_mask(&ipi);
	if (run_local)
		fn(info);
	local_irq_restore(flags);
	if (!wait)
		return;
	for_each_online_cpu(cpu)
		if (cpu != self)
			csd_lock_wait(this_cpu_ptr(&csd_data[cpu]));
}

void smp_call_function(smp_call_func_t fn, void *info, bool wait)
{
	call_function_many(fn, info, wait, false);
}

void on_each_cpu(smp_call_func_t fn, void *info, bool wait)
{
	call_function_many(fn, info, wait, true);
}
