/* SPDX-License-Identifier: MIT */
/*
 * The local APIC: each CPU's interrupt controller, reached as MMIO
 * (xAPIC, through the FIX_APIC_BASE fixmap slot) or as MSRs (x2APIC,
 * where CPUID offers it). Register offsets are the xAPIC ones; the x2APIC
 * MSR is 0x800 + offset / 16. Vectors are Linux's.
 */
#ifndef ASM_APIC_H
#define ASM_APIC_H

#include <stdbool.h>
#include <stdint.h>

#define APIC_ID	     0x20
#define APIC_LVR     0x30
#define APIC_TASKPRI 0x80
#define APIC_EOI     0xb0
#define APIC_SPIV    0xf0
#define APIC_ESR     0x280
#define APIC_ICR     0x300
#define APIC_ICR2    0x310
#define APIC_LVTT    0x320
#define APIC_LVT0    0x350
#define APIC_LVT1    0x360
#define APIC_LVTERR  0x370
#define APIC_TMICT   0x380
#define APIC_TMCCT   0x390
#define APIC_TDCR    0x3e0

#define APIC_SPIV_APIC_ENABLED	(1u << 8)
#define APIC_LVT_MASKED		(1u << 16)
#define APIC_LVT_TIMER_PERIODIC (1u << 17)
#define APIC_TDR_DIV_16		0x3u
#define APIC_ICR_BUSY		(1u << 12)
#define APIC_DM_FIXED		0x000u
#define APIC_DM_NMI		0x400u
#define APIC_DM_INIT		0x500u
#define APIC_DM_STARTUP		0x600u
#define APIC_INT_ASSERT		0x4000u
#define APIC_INT_LEVELTRIG	0x8000u

/* Vectors (Linux's arch/x86/include/asm/irq_vectors.h numbers). */
#define LOCAL_TIMER_VECTOR	    0xec
#define REBOOT_VECTOR		    0xf8
#define CALL_FUNCTION_SINGLE_VECTOR 0xfb
#define CALL_FUNCTION_VECTOR	    0xfc
#define ERROR_APIC_VECTOR	    0xfe
#define SPURIOUS_APIC_VECTOR	    0xff
#define FIRST_EXTERNAL_VECTOR	    0x20

/* apic=quiet|verbose|debug, as Linux's apic_printk levels. */
#define APIC_QUIET   0
#define APIC_VERBOSE 1
#define APIC_DEBUG   2
extern int apic_verbosity;

#define apic_printk(level, ...)                        \
	do {                                           \
		if ((level) <= apic_verbosity)         \
			printk(KERN_INFO __VA_ARGS__); \
	} while (0)

/* True once the boot CPU found x2APIC mode usable (never under QEMU TCG). */
extern bool x2apic_mode;

/**
 * x2apic_supported - whether the boot CPU offers x2APIC mode (CPUID.1:ECX
 * bit 21), the mode init_bsp_apic() will choose. The MADT and SRAT code
 * ask before the APIC is set up, to know which ids can be addressed.
 */
bool x2apic_supported(void);

/**
 * apic_max_id - the highest APIC id a CPU can have and still be sent IPIs:
 * 0xfe in xAPIC mode (0xff is the broadcast id), any id but 0xffffffff in
 * x2APIC mode (Linux's default_apic_id_valid and x2apic_apic_id_valid)
 */
uint32_t apic_max_id(void);

uint32_t apic_read(uint32_t reg);
void apic_write(uint32_t reg, uint32_t v);

/** apic_icr_write - send an IPI: @low is ICR[31:0], @dest the APIC id */
void apic_icr_write(uint32_t low, uint32_t dest);

/** safe_apic_wait_icr_idle - wait (up to 100 ms) until the IPI has left; nonzero if not */
uint32_t safe_apic_wait_icr_idle(void);

/** read_apic_id - this CPU's APIC id */
uint32_t read_apic_id(void);

static inline void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

/**
 * init_bsp_apic - find and map the boot CPU's local APIC (x2APIC if the
 * CPU has it), mask the legacy 8259, then setup_local_APIC()
 * @madt_addr: the MADT's local APIC address (0: the MSR's)
 */
void init_bsp_apic(uint64_t madt_addr);

/**
 * setup_local_APIC - enable this CPU's local APIC: spurious vector,
 * error vector, timer vector (masked), task priority 0
 */
void setup_local_APIC(void);

/**
 * disable_local_APIC - mask every local interrupt source of this CPU and
 * software-disable its APIC (a stopped CPU takes no more interrupts; an
 * NMI still gets through, as the SDM says)
 */
void disable_local_APIC(void);

/** do_IRQ - C side of every vector from 32 up (entry.S) */
void do_IRQ(unsigned long vector);

/*
 * The local APIC timer (apic_timer.c): bus clocks per tick, undivided
 * (Linux's lapic_timer_period); 0 until calibrate_APIC_clock().
 */
extern uint32_t lapic_timer_period;

/**
 * calibrate_APIC_clock - count the boot CPU's APIC timer against the TSC
 * over LAPIC_CAL_LOOPS ticks' worth of time and set lapic_timer_period
 *
 * Return: 0, or -1 when there is no calibrated TSC or the timer is too
 * slow to give HZ ticks (then no CPU gets a tick).
 */
int calibrate_APIC_clock(void);

/**
 * setup_APIC_timer - start this CPU's periodic tick at HZ on
 * LOCAL_TIMER_VECTOR (no-op if calibration failed)
 */
void setup_APIC_timer(void);

#endif
