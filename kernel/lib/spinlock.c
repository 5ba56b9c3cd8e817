// SPDX-License-Identifier: MIT
/*
 * lockdep-lite's reports (see <kernel/spinlock.h>): a locking bug found in
 * a debug build stops the machine with Linux's wording, naming the lock,
 * the CPU and what was seen, before the deadlock it predicts happens. Also
 * the switch to test-and-set waiting under a hypervisor.
 */
#include <kernel/arch.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>

bool virt_spin_lock_enabled;

#ifndef NDEBUG
void spin_bug(const spinlock_t *l, const char *what)
{
	pr_emerg("BUG: spinlock %s on CPU#%u, lock: %p, .owner_cpu: %d\n", what, smp_processor_id(),
		 (const void *)l, __atomic_load_n(&l->cpu, __ATOMIC_RELAXED));
	dump_stack();
	panic("spinlock %s on CPU#%u", what, smp_processor_id());
}

void spin_bug_irq_unsafe(const spinlock_t *l, unsigned int usage)
{
	pr_emerg("WARNING: inconsistent lock state\n");
	pr_emerg("inconsistent {%s} -> {%s} usage.\n",
		 usage == LOCK_USED_IN_IRQ ? "HARDIRQ-ON-W" : "IN-HARDIRQ-W",
		 usage == LOCK_USED_IN_IRQ ? "IN-HARDIRQ-W" : "HARDIRQ-ON-W");
	pr_emerg("lock %p is taken in interrupt context and with interrupts enabled (CPU#%u)\n",
		 (const void *)l, smp_processor_id());
	dump_stack();
	panic("irq-unsafe spinlock %p", (const void *)l);
}
#endif
