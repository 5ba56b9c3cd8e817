/* SPDX-License-Identifier: MIT */
/*
 * Ticket spinlocks: a CPU takes the next ticket and waits until the owner
 * field reaches it, so waiters get the lock in the order they came (no
 * starvation under contention, unlike test-and-set). Pure C11/GCC atomics:
 * the same code runs in the kernel and on host threads (test/sim).
 *
 * Under a hypervisor (virt_spin_lock_enabled) a waiter takes no ticket: it
 * waits for the lock to be free and grabs it, as Linux's virt_spin_lock
 * does when it has no paravirt spinlocks. A fair lock is at the mercy of
 * the host scheduler there: when the vCPU whose turn is next is not
 * running, every waiter behind it spins until the host runs it again.
 *
 * Debug builds (no NDEBUG) add lockdep-lite: taking a lock this CPU already
 * holds (recursion: a certain deadlock), releasing a lock another CPU
 * holds, and one lock taken both in interrupt context and with interrupts
 * enabled elsewhere (the interrupt could arrive while the holder spins on
 * nothing: a deadlock waiting to happen) are reported by a panic at once.
 */
#ifndef KERNEL_SPINLOCK_H
#define KERNEL_SPINLOCK_H

#include <kernel/hardirq.h>
#include <kernel/irqflags.h>
#include <kernel/processor.h>
#include <kernel/smp.h>
#include <stdbool.h>

typedef struct {
	unsigned int next;  /* the ticket the next taker gets */
	unsigned int owner; /* the ticket now served */
#ifndef NDEBUG
	int cpu;	    /* holder, or -1 */
	unsigned int usage; /* LOCK_USED_* seen so far */
#endif
} spinlock_t;

#ifndef NDEBUG
#define LOCK_USED_IN_IRQ 1u /* taken in interrupt context */
#define LOCK_USED_IRQ_ON 2u /* taken with interrupts enabled */
#define SPIN_LOCK_UNLOCKED                                   \
	{                                                    \
		.next = 0, .owner = 0, .cpu = -1, .usage = 0 \
	}
#else
#define SPIN_LOCK_UNLOCKED            \
	{                             \
		.next = 0, .owner = 0 \
	}
#endif

#define DEFINE_SPINLOCK(x) spinlock_t x = SPIN_LOCK_UNLOCKED

/*
 * Set once, before any other CPU runs, by the architecture (x86: CPUID's
 * hypervisor bit, as Linux's native_pv_lock_init); false on the host.
 */
extern bool virt_spin_lock_enabled;

static inline void spin_lock_init(spinlock_t *l)
{
	*l = (spinlock_t)SPIN_LOCK_UNLOCKED;
}

#ifndef NDEBUG
/* The reports (kernel/lib/spinlock.c); they panic. */
void spin_bug(const spinlock_t *l, const char *what);
void spin_bug_irq_unsafe(const spinlock_t *l, unsigned int usage);

static inline void spin_debug_before(const spinlock_t *l)
{
	if (__atomic_load_n(&l->cpu, __ATOMIC_RELAXED) == (int)smp_processor_id())
		spin_bug(l, "recursion");
}

static inline void spin_debug_after(spinlock_t *l)
{
	unsigned int use = in_hardirq() ? LOCK_USED_IN_IRQ : irqs_disabled() ? 0 : LOCK_USED_IRQ_ON;

	__atomic_store_n(&l->cpu, (int)smp_processor_id(), __ATOMIC_RELAXED);
	/* Check before writing: the usage word is almost never changed. */
	if (use && !(__atomic_load_n(&l->usage, __ATOMIC_RELAXED) & use)) {
		unsigned int was = __atomic_fetch_or(&l->usage, use, __ATOMIC_RELAXED);

		if (((was | use) & (LOCK_USED_IN_IRQ | LOCK_USED_IRQ_ON)) ==
		    (LOCK_USED_IN_IRQ | LOCK_USED_IRQ_ON))
			spin_bug_irq_unsafe(l, use);
	}
}

static inline void spin_debug_release(spinlock_t *l)
{
	if (__atomic_load_n(&l->cpu, __ATOMIC_RELAXED) != (int)smp_processor_id())
		spin_bug(l, "wrong CPU");
	__atomic_store_n(&l->cpu, -1, __ATOMIC_RELAXED);
}
#else
static inline void spin_debug_before(const spinlock_t *l)
{
	(void)l;
}

static inline void spin_debug_after(spinlock_t *l)
{
	(void)l;
}

static inline void spin_debug_release(spinlock_t *l)
{
	(void)l;
}
#endif

/*
 * Test-and-set on the ticket fields: free is next == owner, and one
 * compare-and-swap of next from owner to owner + 1 takes it (as
 * spin_trylock), so ticket holders and these waiters share a lock safely.
 */
static inline void virt_spin_lock(spinlock_t *l)
{
	for (;;) {
		unsigned int owner = __atomic_load_n(&l->owner, __ATOMIC_RELAXED);

		if (__atomic_load_n(&l->next, __ATOMIC_RELAXED) == owner &&
		    __atomic_compare_exchange_n(&l->next, &owner, owner + 1, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return;
		cpu_relax();
	}
}

static inline void spin_lock(spinlock_t *l)
{
	unsigned int ticket;

	spin_debug_before(l);
	if (virt_spin_lock_enabled) {
		virt_spin_lock(l);
	} else {
		ticket = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);
		while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != ticket)
			cpu_relax();
	}
	spin_debug_after(l);
}

/*
 * Free means next == owner; taking ticket "owner" then is only possible
 * while next still equals it, and owner cannot move past next: one
 * compare-and-swap on next decides.
 */
static inline bool spin_trylock(spinlock_t *l)
{
	unsigned int owner = __atomic_load_n(&l->owner, __ATOMIC_RELAXED);

	if (!__atomic_compare_exchange_n(&l->next, &owner, owner + 1, false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED))
		return false;
	spin_debug_after(l);
	return true;
}

static inline void spin_unlock(spinlock_t *l)
{
	spin_debug_release(l);
	/* Only the holder writes owner. */
	__atomic_store_n(&l->owner, __atomic_load_n(&l->owner, __ATOMIC_RELAXED) + 1,
			 __ATOMIC_RELEASE);
}

static inline bool spin_is_locked(spinlock_t *l)
{
	return __atomic_load_n(&l->owner, __ATOMIC_RELAXED) !=
	       __atomic_load_n(&l->next, __ATOMIC_RELAXED);
}

#define spin_lock_irqsave(l, flags)       \
	do {                              \
		flags = local_irq_save(); \
		spin_lock(l);             \
	} while (0)

#define spin_unlock_irqrestore(l, flags)  \
	do {                              \
		spin_unlock(l);           \
		local_irq_restore(flags); \
	} while (0)

static inline void spin_lock_irq(spinlock_t *l)
{
	local_irq_disable();
	spin_lock(l);
}

static inline void spin_unlock_irq(spinlock_t *l)
{
	spin_unlock(l);
	local_irq_enable();
}

#endif
