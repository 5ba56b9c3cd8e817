// SPDX-License-Identifier: MIT
/*
 * Starting the other CPUs (Linux's arch/x86/kernel/smpboot.c): for each
 * present CPU, a kernel stack and IST stacks on its node, then INIT and
 * two STARTUP IPIs with Linux's delays pointing it at the trampoline page
 * below 1 MiB (trampoline.S), 10 s for a sign of life and one more
 * INIT-SIPI-SIPI round if none comes. The AP loads its own GDT/TSS, the
 * IDT, its per-CPU base and local APIC, sets up its pagesets
 * (mm_cpu_online), marks itself online and idles with interrupts on,
 * serving IPIs. A CPU that never answers is reported and left out.
 */
#define pr_fmt(fmt) "smpboot: " fmt

#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/cpu_relax.h>
#include <asm/numa.h>
#include <asm/percpu.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/stacks.h>
#include <asm/traps.h>
#include <asm/tsc.h>
#include <kernel/irqflags.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <mm/cpuhp.h>
#include <mm/nodemask.h>
#include <mm/page_alloc.h>

#define EFER_LMA	  (1ull << 10)
#define X86_CR4_PCIDE	  (1ull << 17) /* only settable in long mode */
#define KSTACK_ORDER	  2	       /* 16 KiB, as the boot stack */
#define IST_ORDER	  3	       /* IST_STACKS * IST_STACK_SIZE = 24 KiB in 32 */
#define CALLIN_TIMEOUT_US 10000000ul   /* Linux waits 10 s for a sign of life */

struct trampoline_header {
	uint32_t cr3, cr4;
	uint64_t efer, entry;
};

extern const char trampoline_start[], trampoline_end[], trampoline_header[];
extern const char secondary_startup_64[];

/* Read by secondary_startup_64 and start_secondary: one AP starts at a time. */
uint64_t smp_boot_cr3, smp_boot_stack;
static volatile unsigned int smp_boot_cpu;
static volatile bool cpu_callin;
static uint64_t bsp_pat;
static uint64_t *tramp_pgt; /* PML4, PDPT, PD: one order-2 block below 4 GiB */
struct cpu_stacks cpu_stacks[NR_CPUS];

/* Linux's init_udelay: 10 ms INIT assert on old CPUs, none on modern ones. */
static unsigned long init_udelay(void)
{
	uint32_t a, b, c, d, family;
	bool intel, amd;

	cpuid(0, &a, &b, &c, &d);
	intel = b == 0x756e6547 && d == 0x49656e69 && c == 0x6c65746e;
	amd = b == 0x68747541 && d == 0x69746e65 && c == 0x444d4163;
	cpuid(1, &a, &b, &c, &d);
	family = (a >> 8) & 0xf;
	if (family == 0xf)
		family += (a >> 20) & 0xff;
	return (intel && family == 6) || (amd && family >= 0xf) ? 0 : 10000;
}

static unsigned int num_digits(unsigned int v)
{
	unsigned int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/* Linux's announce_cpu: one ".... node  #N, CPUs:" line per node run. */
static void announce_cpu(unsigned int cpu)
{
	static int current_node = NUMA_NO_NODE;
	int node = early_cpu_to_node(cpu);
	int width = (int)num_digits(num_possible_cpus()) + 1;
	int node_width = (int)num_digits((unsigned)nodes_weight(node_states[N_POSSIBLE])) + 1;

	if (node < 0)
		node = 0;
	if (cpu == 1)
		printk(KERN_INFO "x86: Booting SMP configuration:\n");
	if (node != current_node) {
		if (current_node >= 0)
			printk(KERN_CONT "\n");
		current_node = node;
		printk(KERN_INFO ".... node %*s#%d, CPUs:  ",
		       node_width - (int)num_digits((unsigned)node), " ", node);
	}
	if (cpu == 1)
		printk(KERN_CONT "%*s", width + 1, " ");
	printk(KERN_CONT "%*s#%u", width - (int)num_digits(cpu), " ", cpu);
}

/* Linux's wakeup_secondary_cpu_via_init: INIT assert/deassert, 2 SIPIs. */
static int wakeup_secondary_cpu_via_init(uint32_t apicid, unsigned long start_eip)
{
	unsigned long delay = init_udelay();
	uint32_t send_status, accept_status = 0;

	apic_write(APIC_ESR, 0);
	apic_read(APIC_ESR);
	apic_icr_write(APIC_INT_LEVELTRIG | APIC_INT_ASSERT | APIC_DM_INIT, apicid);
	send_status = safe_apic_wait_icr_idle();
	udelay(delay);
	apic_icr_write(APIC_INT_LEVELTRIG | APIC_DM_INIT, apicid);
	send_status = safe_apic_wait_icr_idle();
	for (int j = 1; j <= 2; j++) {
		apic_write(APIC_ESR, 0);
		apic_read(APIC_ESR);
		apic_icr_write(APIC_DM_STARTUP | (uint32_t)(start_eip >> 12), apicid);
		udelay(delay ? 300 : 10);
		send_status = safe_apic_wait_icr_idle();
		udelay(delay ? 200 : 10);
		apic_write(APIC_ESR, 0);
		accept_status = apic_read(APIC_ESR) & 0xef;
		if (send_status || accept_status)
			break;
	}
	if (send_status)
		pr_err("APIC never delivered???\n");
	if (accept_status)
		pr_err("APIC delivery error (%x)\n", accept_status);
	return (int)(send_status | accept_status);
}

static bool wait_callin(void)
{
	for (unsigned long us = 0; us < CALLIN_TIMEOUT_US; us += 100) {
		if (__atomic_load_n(&cpu_callin, __ATOMIC_ACQUIRE))
			return true;
		udelay(100);
	}
	return false;
}

/* Kernel and IST stacks from the CPU's own node. */
static int alloc_cpu_stacks(unsigned int cpu)
{
	int nid = early_cpu_to_node(cpu);
	struct page *k = alloc_pages_node(nid, GFP_KERNEL, KSTACK_ORDER);
	struct page *ist = alloc_pages_node(nid, GFP_KERNEL, IST_ORDER);

	if (!k || !ist) {
		if (k)
			__free_pages(k, KSTACK_ORDER);
		if (ist)
			__free_pages(ist, IST_ORDER);
		return -ENOMEM;
	}
	cpu_stacks[cpu].stack_lo = page_address(k);
	cpu_stacks[cpu].stack_hi = (char *)page_address(k) + (PAGE_SIZE << KSTACK_ORDER);
	cpu_stacks[cpu].ist = page_address(ist);
	return 0;
}

static void free_cpu_stacks(unsigned int cpu)
{
	__free_pages(virt_to_page(cpu_stacks[cpu].stack_lo), KSTACK_ORDER);
	__free_pages(virt_to_page(cpu_stacks[cpu].ist), IST_ORDER);
	memset(&cpu_stacks[cpu], 0, sizeof(cpu_stacks[cpu]));
}

/*
 * The trampoline's page table, below 4 GiB (CR3 is loaded from 32-bit
 * code): the first 2 MiB identity-mapped for the trampoline itself, the
 * upper half shared with the kernel's.
 */
static int setup_trampoline_pgt(void)
{
	struct page *p = alloc_pages(GFP_KERNEL | GFP_DMA32, 2);
	uint64_t *pml4, *pdpt, *pd;

	if (!p)
		return -ENOMEM;
	tramp_pgt = page_address(p);
	memset(tramp_pgt, 0, 4 * PAGE_SIZE);
	pml4 = tramp_pgt;
	pdpt = pml4 + PTRS_PER_TABLE;
	pd = pdpt + PTRS_PER_TABLE;
	pd[0] = _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE;
	pdpt[0] = __pa(pd) | _KERNPG_TABLE;
	pml4[0] = __pa(pdpt) | _KERNPG_TABLE;
	for (int i = PTRS_PER_TABLE / 2; i < PTRS_PER_TABLE; i++)
		pml4[i] = init_top_pgt[i];
	return 0;
}

/*
 * Linux's native_pv_lock_init: on a hypervisor (QEMU's TCG sets the bit
 * too) spinlock waiters take no ticket, see <kernel/spinlock.h>.
 */
static void pv_lock_init(void)
{
	uint32_t a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	virt_spin_lock_enabled = (c & X86_FEATURE_HYPERVISOR) != 0;
}

void smp_prepare_cpus(unsigned int max_cpus)
{
	struct trampoline_header *h;
	unsigned long size = (unsigned long)(trampoline_end - trampoline_start);

	pv_lock_init();
	init_bsp_apic(x86_madt_lapic_addr());
	if (!calibrate_APIC_clock())
		setup_APIC_timer();
	cpu_stacks[0] = (struct cpu_stacks){ boot_stack, boot_stack_top, ist_stacks };
	if (max_cpus <= 1 || num_present_cpus() <= 1)
		return;
	if (!real_mode_trampoline) {
		pr_err("no trampoline page below 1 MiB: only the boot CPU runs\n");
		return;
	}
	if (setup_trampoline_pgt()) {
		pr_err("no memory for the trampoline's page table: only the boot CPU runs\n");
		return;
	}
	memcpy(__va(real_mode_trampoline), trampoline_start, size);
	h = (struct trampoline_header *)((char *)__va(real_mode_trampoline) +
					 (trampoline_header - trampoline_start));
	h->cr3 = (uint32_t)__pa(tramp_pgt);
	h->cr4 = (uint32_t)(read_cr4() & ~X86_CR4_PCIDE);
	h->efer = rdmsr(MSR_EFER) & ~EFER_LMA;
	h->entry = (uint64_t)secondary_startup_64;
	smp_boot_cr3 = read_cr3();
	bsp_pat = rdmsr(MSR_IA32_CR_PAT);
}

int __cpu_up(unsigned int cpu)
{
	uint32_t apicid = cpu_physical_id(cpu);
	int err = -EIO;

	if (!tramp_pgt)
		return -ENXIO;
	if (alloc_cpu_stacks(cpu)) {
		pr_err("no memory for CPU%u's stacks\n", cpu);
		return -ENOMEM;
	}
	smp_boot_cpu = cpu;
	smp_boot_stack = (uint64_t)cpu_stacks[cpu].stack_hi;
	__atomic_store_n(&cpu_callin, false, __ATOMIC_RELEASE);
	announce_cpu(cpu);
	/* A SIPI can be lost (the AP in SMM, say): one more round. */
	for (int round = 0; round < 2 && err; round++)
		if (!wakeup_secondary_cpu_via_init(apicid, real_mode_trampoline) && wait_callin())
			err = 0;
	if (err) {
		printk(KERN_CONT "\n");
		pr_err("do_boot_cpu failed(%d) to wakeup CPU#%u\n", -1, cpu);
		/* Park it: INIT leaves it waiting for a SIPI that never comes. */
		apic_icr_write(APIC_INT_LEVELTRIG | APIC_INT_ASSERT | APIC_DM_INIT, apicid);
		safe_apic_wait_icr_idle();
		apic_icr_write(APIC_INT_LEVELTRIG | APIC_DM_INIT, apicid);
		safe_apic_wait_icr_idle();
		free_cpu_stacks(cpu);
		return err;
	}
	while (!cpu_online(cpu))
		cpu_relax();
	return 0;
}

void smp_cpus_done(unsigned int max_cpus)
{
	(void)max_cpus;
	if (num_online_cpus() > 1)
		printk(KERN_CONT "\n");
	if (tramp_pgt)
		free_pages((unsigned long)tramp_pgt, 2);
	tramp_pgt = NULL;
}

/* The AP, on its own stack with the kernel's page tables. */
__noreturn void start_secondary(void);

void start_secondary(void)
{
	unsigned int cpu = smp_boot_cpu;

	gdt_load_cpu(cpu, cpu_stacks[cpu].ist);
	load_percpu_base(cpu);
	idt_load();
	if (bsp_pat)
		wrmsr(MSR_IA32_CR_PAT, bsp_pat);
	__atomic_store_n(&cpu_callin, true, __ATOMIC_RELEASE);
	setup_local_APIC();
	setup_APIC_timer();
	mm_cpu_online(cpu);
	set_cpu_online(cpu, true);
	local_irq_enable();
	for (;;)
		__asm__ volatile("hlt" : : : "memory");
}

void arch_send_call_function_single_ipi(unsigned int cpu)
{
	unsigned long flags = local_irq_save();

	safe_apic_wait_icr_idle();
	apic_icr_write(APIC_DM_FIXED | CALL_FUNCTION_SINGLE_VECTOR, cpu_physical_id(cpu));
	local_irq_restore(flags);
}

void arch_send_call_function_ipi_mask(const struct cpumask *mask)
{
	unsigned int cpu;
	unsigned long flags = local_irq_save();

	for_each_cpu(cpu, mask) {
		safe_apic_wait_icr_idle();
		apic_icr_write(APIC_DM_FIXED | CALL_FUNCTION_VECTOR, cpu_physical_id(cpu));
	}
	local_irq_restore(flags);
}
