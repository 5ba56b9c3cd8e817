/* SPDX-License-Identifier: MIT */
/*
 * A test-and-set spinlock. Only the boot CPU runs for now, so it never
 * spins; it is real so that the locking discipline is in place (and
 * checkable) before the other CPUs come up.
 */
#ifndef LIB_SPINLOCK_H
#define LIB_SPINLOCK_H

#include <kernel/irqflags.h>
#include <stdbool.h>

typedef struct {
	volatile int locked;
} spinlock_t;

#define SPIN_LOCK_UNLOCKED \
	{                  \
		0          \
	}

static inline void spin_lock_init(spinlock_t *l)
{
	l->locked = 0;
}

static inline void spin_lock(spinlock_t *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			__builtin_ia32_pause();
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

static inline bool spin_is_locked(const spinlock_t *l)
{
	return __atomic_load_n(&l->locked, __ATOMIC_RELAXED);
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

#endif
