/* SPDX-License-Identifier: MIT */
/*
 * The host simulator's answer to <asm/irqflags.h>: per simulated CPU a
 * thread-local copy of RFLAGS.IF (bit 9 set: enabled), inline (the fast
 * paths mask interrupts on every operation). Unmasking runs the cross-CPU
 * calls queued for this CPU (kernel/core/smp.c) if it was sent an IPI
 * (sim_smp.c), as a pending IPI would be taken then. It shadows the x86
 * header through the simulator's include path.
 *
 * Each primitive does what the kernel's does (arch/amd64/include/
 * asm/irqflags.h) at about its cost: save loads IF and clears it (pushf;
 * cli), restore sets it only if the saved IF was set (sti) and then takes
 * a pending IPI, as the CPU would. The masked state is stored as a
 * constant, never computed from the previous one: no chain of dependent
 * loads and stores from one masking to the next, as there is none through
 * RFLAGS.
 */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

#include <stdbool.h>

#define SIM_IRQ_IF (1UL << 9)

#include <asm/smp.h>

extern __thread unsigned long sim_irq_flags SIM_TLS;

/*
 * Has this CPU been sent an IPI (sim_smp.c) it has not taken yet? Thread-
 * local like the mask, so that unmasking tests it without looking up the
 * CPU's number; senders reach it through sim_ipi_pending_of[cpu].
 */
extern __thread unsigned int sim_ipi_pending_flag SIM_TLS; /* atomic */
extern unsigned int *sim_ipi_pending_of[];

static inline bool sim_ipi_pending(void)
{
#if defined(__x86_64__)
	bool pending;

	/* One instruction: the compiler does not fold an atomic load into a
	 * compare, and on x86 a plain load is the relaxed load meant here
	 * (the handler takes the flag with an atomic exchange). */
	__asm__ volatile("cmpl $0, %%fs:sim_ipi_pending_flag@tpoff" : "=@ccnz"(pending));
	return pending;
#else
	return __atomic_load_n(&sim_ipi_pending_flag, __ATOMIC_RELAXED);
#endif
}

void sim_handle_ipis(void);

/*
 * Compiler barriers where the kernel's pushf/cli/sti asm has its "memory"
 * clobber: nothing moves across them, and the stores to the mask are
 * made, not folded away, as cli and sti are executed.
 */
#define sim_irq_barrier() __asm__ volatile("" : : : "memory")

static inline unsigned long local_irq_save(void)
{
	unsigned long flags = sim_irq_flags;

	sim_irq_flags = 0;
	sim_irq_barrier();
	return flags;
}

static inline void local_irq_disable(void)
{
	sim_irq_flags = 0;
	sim_irq_barrier();
}

static inline void local_irq_enable(void)
{
	sim_irq_barrier();
	sim_irq_flags = SIM_IRQ_IF;
	if (__builtin_expect(sim_ipi_pending(), 0))
		sim_handle_ipis();
}

/* Only IF matters: a saved "disabled" leaves the state as it is. */
static inline void local_irq_restore(unsigned long flags)
{
	if (flags & SIM_IRQ_IF)
		local_irq_enable();
}

static inline bool irqs_disabled(void)
{
	return !(sim_irq_flags & SIM_IRQ_IF);
}

#endif
