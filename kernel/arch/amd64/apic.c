// SPDX-License-Identifier: MIT
/*
 * The local APIC, as Linux sets it up for SMP (apic.c, x2apic_phys.c):
 * software-enabled with the spurious vector, an error vector, the timer
 * LVT on its vector but masked until apic_timer.c starts the tick, task
 * priority 0 so every vector is delivered. x2APIC (MSRs) is used when CPUID has it;
 * QEMU's TCG does not emulate it, so there the xAPIC MMIO page is mapped
 * at the FIX_APIC_BASE fixmap slot, the same address on every CPU.
 */
#define pr_fmt(fmt) fmt

#include <asm/apic.h>
#include <asm/fixmap.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/smp_stop.h>
#include <asm/tsc.h>
#include <kernel/hardirq.h>
#include <kernel/jiffies.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/string.h>

#define MSR_IA32_APICBASE  0x1b
#define APICBASE_X2APIC	   (1ull << 10)
#define APICBASE_ENABLE	   (1ull << 11)
#define APICBASE_ADDR_MASK 0xffffff000ull
#define APIC_BASE_MSR	   0x800      /* x2APIC: register r is MSR 0x800 + r / 16 */
#define X86_FEATURE_X2APIC (1u << 21) /* CPUID.1:ECX */
#define PIC_MASTER_IMR	   0x21
#define PIC_SLAVE_IMR	   0xa1

bool x2apic_mode;
int apic_verbosity;

/* apic=quiet|verbose|debug: how much the APIC code says (Linux's option). */
static int set_apic_verbosity(const char *val)
{
	if (!val)
		return -1;
	if (!strcmp(val, "debug"))
		apic_verbosity = APIC_DEBUG;
	else if (!strcmp(val, "verbose"))
		apic_verbosity = APIC_VERBOSE;
	else if (!strcmp(val, "quiet"))
		apic_verbosity = APIC_QUIET;
	else
		return -1;
	return 0;
}
kernel_param("apic", set_apic_verbosity);

static volatile uint32_t *xapic_reg(uint32_t reg)
{
	return (volatile uint32_t *)(fix_to_virt(FIX_APIC_BASE) + reg);
}

uint32_t apic_read(uint32_t reg)
{
	if (x2apic_mode)
		return (uint32_t)rdmsr(APIC_BASE_MSR + (reg >> 4));
	return *xapic_reg(reg);
}

void apic_write(uint32_t reg, uint32_t v)
{
	if (x2apic_mode)
		wrmsr(APIC_BASE_MSR + (reg >> 4), v);
	else
		*xapic_reg(reg) = v;
}

uint32_t read_apic_id(void)
{
	if (x2apic_mode)
		return (uint32_t)rdmsr(APIC_BASE_MSR + (APIC_ID >> 4));
	return apic_read(APIC_ID) >> 24;
}

void apic_icr_write(uint32_t low, uint32_t dest)
{
	if (x2apic_mode) {
		/* One 64-bit MSR; the write is the send. */
		wrmsr(APIC_BASE_MSR + (APIC_ICR >> 4), (uint64_t)dest << 32 | low);
		return;
	}
	apic_write(APIC_ICR2, dest << 24);
	apic_write(APIC_ICR, low);
}

uint32_t safe_apic_wait_icr_idle(void)
{
	uint32_t busy;
	int timeout = 0;

	if (x2apic_mode)
		return 0; /* no delivery-status bit to wait on */
	do {
		busy = apic_read(APIC_ICR) & APIC_ICR_BUSY;
		if (!busy)
			break;
		udelay(100);
	} while (timeout++ < 1000);
	return busy;
}

/* Per CPU: x2APIC mode is switched on in each APIC separately. */
static void enable_apic_mode(void)
{
	uint64_t base = rdmsr(MSR_IA32_APICBASE);

	base |= APICBASE_ENABLE;
	if (x2apic_mode)
		base |= APICBASE_X2APIC;
	wrmsr(MSR_IA32_APICBASE, base);
}

void setup_local_APIC(void)
{
	enable_apic_mode();
	apic_write(APIC_TASKPRI, 0);
	apic_write(APIC_LVTERR, ERROR_APIC_VECTOR);
	/* The ESR latches: a write arms it, the read clears old errors. */
	apic_write(APIC_ESR, 0);
	apic_write(APIC_ESR, 0);
	apic_write(APIC_LVTT, LOCAL_TIMER_VECTOR | APIC_LVT_MASKED);
	apic_write(APIC_SPIV, APIC_SPIV_APIC_ENABLED | SPURIOUS_APIC_VECTOR);
}

void disable_local_APIC(void)
{
	apic_write(APIC_LVTT, LOCAL_TIMER_VECTOR | APIC_LVT_MASKED);
	apic_write(APIC_LVT0, APIC_LVT_MASKED);
	apic_write(APIC_LVT1, APIC_LVT_MASKED);
	apic_write(APIC_LVTERR, ERROR_APIC_VECTOR | APIC_LVT_MASKED);
	apic_write(APIC_SPIV, apic_read(APIC_SPIV) & ~APIC_SPIV_APIC_ENABLED);
}

bool x2apic_supported(void)
{
	uint32_t a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	return (c & X86_FEATURE_X2APIC) != 0;
}

uint32_t apic_max_id(void)
{
	return x2apic_supported() ? 0xfffffffeu : 0xfeu;
}

void init_bsp_apic(uint64_t madt_addr)
{
	uint64_t base = rdmsr(MSR_IA32_APICBASE);

	x2apic_mode = x2apic_supported();
	if (x2apic_mode) {
		pr_info("x2apic enabled\n");
	} else {
		uint64_t phys = base & APICBASE_ADDR_MASK;

		if (madt_addr && madt_addr != phys)
			pr_info("APIC: MADT says %#llx, the MSR %#llx: using the MSR's\n",
				(unsigned long long)madt_addr, (unsigned long long)phys);
		set_fixmap(FIX_APIC_BASE, phys);
	}
	/* Legacy PIC interrupts would arrive on exception vectors: mask them. */
	outb(0xff, PIC_MASTER_IMR);
	outb(0xff, PIC_SLAVE_IMR);
	setup_local_APIC();
}

static void handle_irq(unsigned long vector)
{
	uint32_t v;

	switch (vector) {
	case CALL_FUNCTION_VECTOR:
	case CALL_FUNCTION_SINGLE_VECTOR:
		/* Acknowledge first: a new request may come while we run. */
		apic_eoi();
		generic_smp_call_function_interrupt();
		return;
	case REBOOT_VECTOR: apic_eoi(); stop_this_cpu();
	case LOCAL_TIMER_VECTOR:
		apic_eoi();
		tick_handle_periodic();
		return;
	case ERROR_APIC_VECTOR:
		apic_write(APIC_ESR, 0);
		v = apic_read(APIC_ESR);
		apic_eoi();
		pr_debug("APIC error on CPU%u: %02x\n", smp_processor_id(), v);
		return;
	case SPURIOUS_APIC_VECTOR:
		/* No EOI: a spurious interrupt sets no in-service bit. */
		pr_info("spurious APIC interrupt through vector %02lx on CPU#%u, should never happen.\n",
			vector, smp_processor_id());
		return;
	default:
		apic_eoi();
		pr_emerg("__common_interrupt: %u.%lu No irq handler for vector\n",
			 smp_processor_id(), vector);
	}
}

void do_IRQ(unsigned long vector)
{
	/* Marked as interrupt context: lockdep-lite checks locks taken here. */
	irq_enter();
	handle_irq(vector);
	irq_exit();
}
