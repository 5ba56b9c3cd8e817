// SPDX-License-Identifier: MIT
/*
 * The exception report ("oops"), laid out like Linux's so that the same
 * eyes and scripts can read both: the reason line, RIP as symbol+off/size,
 * the code bytes around RIP, every register, the control registers and a
 * frame-pointer call trace. Then panic: nothing is recoverable yet.
 */
#include <asm/crash.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/smp_stop.h>
#include <asm/stacks.h>
#include <asm/traps.h>
#include <kernel/boot.h>
#include <kernel/kallsyms.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <lib/vsprintf.h>
#include <stddef.h>

_Static_assert(sizeof(struct pt_regs) == 22 * 8, "entry.S builds 22 words");

/* Linux's names (arch/x86/kernel/traps.c), so reports read the same. */
static const char *const exception_names[NR_EXCEPTION_VECTORS] = {
	[0] = "divide error",
	[1] = "debug",
	[2] = "NMI",
	[3] = "int3",
	[4] = "overflow",
	[5] = "bounds",
	[6] = "invalid opcode",
	[7] = "device not available",
	[8] = "double fault",
	[9] = "coprocessor segment overrun",
	[10] = "invalid TSS",
	[11] = "segment not present",
	[12] = "stack segment",
	[13] = "general protection fault",
	[14] = "page fault",
	[15] = "spurious interrupt",
	[16] = "coprocessor error",
	[17] = "alignment check",
	[18] = "machine check",
	[19] = "SIMD exception",
	[20] = "virtualization exception",
	[21] = "control protection fault",
	[22] = "reserved exception 22",
	[23] = "reserved exception 23",
	[24] = "reserved exception 24",
	[25] = "reserved exception 25",
	[26] = "reserved exception 26",
	[27] = "reserved exception 27",
	[28] = "hypervisor injection",
	[29] = "VMM communication",
	[30] = "security exception",
	[31] = "reserved exception 31",
};

#define OPCODE_BUFSIZE 64
#define PROLOGUE_SIZE  42 /* bytes shown before RIP, as Linux */

/* "Code:" line; only kernel text is read, so this cannot fault. */
static void show_opcodes(uint64_t rip)
{
	const uint8_t *p = (const uint8_t *)(rip - PROLOGUE_SIZE);
	char buf[OPCODE_BUFSIZE * 3 + 8];
	size_t n = 0;

	if (!kernel_text_address(rip - PROLOGUE_SIZE) ||
	    !kernel_text_address(rip + OPCODE_BUFSIZE - PROLOGUE_SIZE - 1)) {
		printk(KERN_DEFAULT "Code: Unable to access opcode bytes at 0x%llx.\n",
		       (unsigned long long)(rip - PROLOGUE_SIZE));
		return;
	}
	for (int i = 0; i < OPCODE_BUFSIZE; i++)
		n += (size_t)ksnprintf(buf + n, sizeof(buf) - n,
				       i == PROLOGUE_SIZE ? "%s<%02x>" : "%s%02x", i ? " " : "",
				       p[i]);
	printk(KERN_DEFAULT "Code: %s\n", buf);
}

static void show_regs(const struct pt_regs *regs)
{
	char sym[128];

	sprint_symbol(sym, sizeof(sym), regs->rip);
	printk(KERN_DEFAULT "RIP: %04llx:%s\n", (unsigned long long)regs->cs, sym);
	show_opcodes(regs->rip);
	printk(KERN_DEFAULT "RSP: %04llx:%016llx EFLAGS: %08llx\n", (unsigned long long)regs->ss,
	       (unsigned long long)regs->rsp, (unsigned long long)regs->rflags);
	printk(KERN_DEFAULT "RAX: %016llx RBX: %016llx RCX: %016llx\n",
	       (unsigned long long)regs->rax, (unsigned long long)regs->rbx,
	       (unsigned long long)regs->rcx);
	printk(KERN_DEFAULT "RDX: %016llx RSI: %016llx RDI: %016llx\n",
	       (unsigned long long)regs->rdx, (unsigned long long)regs->rsi,
	       (unsigned long long)regs->rdi);
	printk(KERN_DEFAULT "RBP: %016llx R08: %016llx R09: %016llx\n",
	       (unsigned long long)regs->rbp, (unsigned long long)regs->r8,
	       (unsigned long long)regs->r9);
	printk(KERN_DEFAULT "R10: %016llx R11: %016llx R12: %016llx\n",
	       (unsigned long long)regs->r10, (unsigned long long)regs->r11,
	       (unsigned long long)regs->r12);
	printk(KERN_DEFAULT "R13: %016llx R14: %016llx R15: %016llx\n",
	       (unsigned long long)regs->r13, (unsigned long long)regs->r14,
	       (unsigned long long)regs->r15);
	printk(KERN_DEFAULT "FS:  %016llx(%04x) GS:%016llx(%04x) knlGS:%016llx\n",
	       (unsigned long long)rdmsr(MSR_FS_BASE), read_seg_fs(),
	       (unsigned long long)rdmsr(MSR_GS_BASE), read_seg_gs(),
	       (unsigned long long)rdmsr(MSR_KERNEL_GS_BASE));
	printk(KERN_DEFAULT "CS:  %04llx DS: %04x ES: %04x CR0: %016llx\n",
	       (unsigned long long)regs->cs, read_seg_ds(), read_seg_es(),
	       (unsigned long long)read_cr0());
	printk(KERN_DEFAULT "CR2: %016llx CR3: %016llx CR4: %016llx\n",
	       (unsigned long long)read_cr2(), (unsigned long long)read_cr3(),
	       (unsigned long long)read_cr4());
	show_trace(regs->rbp);
}

#define PTE_PRESENT   (1ull << 0)
#define PTE_PSE	      (1ull << 7)
#define PTE_ADDR_MASK 0x000ffffffffff000ull

/*
 * The page-table walk for the faulting address, as Linux's dump_pagetable:
 * "PGD ... P4D ... PUD ... PMD ... PTE ...", stopping at the first entry
 * that is not present or maps a large page. Tables are read through the
 * loader's direct map of RAM.
 */
static void dump_pagetable(uint64_t addr)
{
	static const char *const level_name[] = { "PGD", "PUD", "PMD", "PTE" };
	uint64_t table = read_cr3() & PTE_ADDR_MASK;
	char buf[160];
	int n = 0;

	for (int level = 0; level < 4; level++) {
		unsigned int shift = 39 - 9 * (unsigned int)level;
		uint64_t e = ((const uint64_t *)boot_va(table))[(addr >> shift) & 511];

		n += ksnprintf(buf + n, sizeof(buf) - (size_t)n, "%s %llx ", level_name[level],
			       (unsigned long long)e);
		/* Four-level paging folds the P4D into the PGD; Linux prints both. */
		if (level == 0)
			n += ksnprintf(buf + n, sizeof(buf) - (size_t)n, "P4D %llx ",
				       (unsigned long long)e);
		if (!(e & PTE_PRESENT) || ((level == 1 || level == 2) && (e & PTE_PSE)))
			break;
		table = e & PTE_ADDR_MASK;
	}
	printk(KERN_DEFAULT "%s\n", buf);
}

static void show_fault_oops(const struct pt_regs *regs, uint64_t address)
{
	uint64_t ec = regs->error_code;

	if (address < 4096)
		pr_alert("BUG: kernel NULL pointer dereference, address: %016llx\n",
			 (unsigned long long)address);
	else
		pr_alert("BUG: unable to handle page fault for address: %016llx\n",
			 (unsigned long long)address);
	pr_alert("#PF: %s %s in %s mode\n", (ec & X86_PF_USER) ? "user" : "supervisor",
		 (ec & X86_PF_INSTR)   ? "instruction fetch"
		 : (ec & X86_PF_WRITE) ? "write access"
				       : "read access",
		 (regs->cs & 3) ? "user" : "kernel");
	pr_alert("#PF: error_code(0x%04llx) - %s\n", (unsigned long long)ec,
		 !(ec & X86_PF_PROT)  ? "not-present page"
		 : (ec & X86_PF_RSVD) ? "reserved bit violation"
		 : (ec & X86_PF_PK)   ? "protection keys violation"
				      : "permissions violation");
	dump_pagetable(address);
}

/*
 * A double fault whose page fault hit the page below the vmalloc'd stack:
 * the stack overflowed into its guard page. Linux's words.
 */
static bool stack_guard_hit(uint64_t address)
{
	if (!vstack_hi || address >= vstack_lo || vstack_lo - address > 4096)
		return false;
	pr_emerg("BUG: stack guard page was hit at %016llx (stack is %016llx..%016llx)\n",
		 (unsigned long long)address, (unsigned long long)vstack_lo,
		 (unsigned long long)vstack_hi - 1);
	return true;
}

void do_exception(struct pt_regs *regs)
{
	unsigned int vector = (unsigned int)regs->vector;
	const char *name = vector < NR_EXCEPTION_VECTORS ? exception_names[vector]
							 : "unknown exception";
	int depth;

	/* A panicking CPU stopping this one: no report, it halts here. */
	if (vector == X86_TRAP_NMI) {
		crash_nmi_callback();
		smp_stop_nmi_callback();
	}
	depth = oops_begin();

	if (depth > 2)
		kernel_exit(BOOT_EXIT_PANIC); /* even the short note faulted */
	if (depth == 2) {
		pr_emerg("%s at 0x%016llx while reporting an earlier exception\n", name,
			 (unsigned long long)regs->rip);
		kernel_exit(BOOT_EXIT_PANIC);
	}

	if (vector == X86_TRAP_PF) {
		show_fault_oops(regs, read_cr2());
		name = "Oops"; /* Linux's word for a kernel page fault */
	} else if (vector == X86_TRAP_DF && stack_guard_hit(read_cr2())) {
		name = "stack guard page";
	}
	printk(KERN_DEFAULT "%s: %04llx [#%d]\n", name,
	       (unsigned long long)(regs->error_code & 0xffff), depth);
	show_regs(regs);
	printk(KERN_DEFAULT "---[ end trace 0000000000000000 ]---\n");
	panic("Fatal exception");
}
