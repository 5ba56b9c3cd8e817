// SPDX-License-Identifier: MIT
/*
 * Call traces by walking frame pointers (the kernel is built with
 * -fno-omit-frame-pointer): each frame is [saved rbp][return address].
 * The walker runs when something already went wrong, so it trusts nothing:
 * every rbp must be aligned, canonical and inside a known kernel stack,
 * and frames must move up the stack, so a corrupt chain ends the trace
 * instead of faulting or looping.
 */
#include <asm/stacks.h>
#include <kernel/arch.h>
#include <kernel/kallsyms.h>
#include <kernel/printk.h>
#include <kernel/smp.h>

#define MAX_TRACE_DEPTH 32

/*
 * What irq_common (irq_entry.S) leaves above its frame pointer: the
 * registers it saved, the vector, and the CPU's interrupt frame.
 */
struct irq_frame {
	uint64_t rbp, r11, r10, r9, r8, rdi, rsi, rdx, rcx, rax, vector;
	uint64_t rip, cs, rflags, rsp, ss;
};

/* The return address of irq_common's call to do_IRQ. */
extern const uint64_t irq_return_addr;

uint64_t vstack_lo, vstack_hi;

int kernel_stack_id(uint64_t addr, uint64_t len)
{
	uint64_t end = addr + len;

	unsigned int cpu = smp_processor_id();
	const struct cpu_stacks *s = &cpu_stacks[cpu];
	uint64_t stack_lo = cpu ? (uint64_t)s->stack_lo : (uint64_t)boot_stack;
	uint64_t stack_hi = cpu ? (uint64_t)s->stack_hi : (uint64_t)boot_stack_top;
	char(*ist)[IST_STACK_SIZE] = cpu ? s->ist : ist_stacks;

	if (end < addr)
		return -1;
	if (addr >= stack_lo && end <= stack_hi)
		return 0;
	for (int i = 0; ist && i < IST_STACKS; i++) {
		uint64_t lo = (uint64_t)ist[i];

		if (addr >= lo && end <= lo + IST_STACK_SIZE)
			return i + 1;
	}
	if (vstack_hi && addr >= vstack_lo && end <= vstack_hi)
		return IST_STACKS + 1;
	return -1;
}

static bool canonical(uint64_t addr)
{
	return (uint64_t)((int64_t)(addr << 16) >> 16) == addr;
}

/*
 * Walk the frame-pointer chain from @rbp. Printing, each frame gives one
 * line; an interrupt's entry frame also gives the interrupted RIP, RSP and
 * flags (Linux's "RIP:" and "RSP:" lines), and the frames of the handler
 * are bracketed by <IRQ> and </IRQ> as in Linux's traces, @irqs being how
 * many entry frames the chain holds. Returns that number.
 */
static int walk_trace(uint64_t rbp, bool print, int irqs)
{
	int prev_stack = -1, found = 0;
	uint64_t prev_rbp = 0;

	if (print && irqs)
		printk(KERN_DEFAULT " <IRQ>\n");
	for (int depth = 0; rbp; depth++) {
		const uint64_t *frame = (const uint64_t *)rbp;
		int stack = canonical(rbp) && !(rbp & 7) ? kernel_stack_id(rbp, 16) : -1;
		char sym[128];

		if (depth == MAX_TRACE_DEPTH) {
			if (print)
				printk(KERN_DEFAULT " ... (trace cut at %d frames)\n",
				       MAX_TRACE_DEPTH);
			return found;
		}
		if (stack < 0 || (stack == prev_stack && rbp <= prev_rbp)) {
			if (print)
				printk(KERN_DEFAULT " bad frame pointer %016llx, trace ends\n",
				       (unsigned long long)rbp);
			return found;
		}
		if (frame[1] == irq_return_addr &&
		    kernel_stack_id(frame[0], sizeof(struct irq_frame)) == stack) {
			const struct irq_frame *f = (const struct irq_frame *)frame[0];

			/* The handler's frames end here; the interrupted code's follow. */
			if (++found == irqs && print)
				printk(KERN_DEFAULT " </IRQ>\n");
			if (print) {
				sprint_backtrace(sym, sizeof(sym), frame[1]);
				printk(KERN_DEFAULT " %s\n", sym);
				sprint_symbol(sym, sizeof(sym), f->rip);
				printk(KERN_DEFAULT "RIP: %04llx:%s\n", (unsigned long long)f->cs,
				       sym);
				printk(KERN_DEFAULT "RSP: %04llx:%016llx EFLAGS: %08llx\n",
				       (unsigned long long)f->ss, (unsigned long long)f->rsp,
				       (unsigned long long)f->rflags);
			}
			prev_stack = stack;
			prev_rbp = frame[0];
			rbp = f->rbp;
			continue;
		}
		if (print) {
			sprint_backtrace(sym, sizeof(sym), frame[1]);
			printk(KERN_DEFAULT " %s\n", sym);
		}
		prev_stack = stack;
		prev_rbp = rbp;
		rbp = frame[0];
	}
	return found;
}

void show_trace(uint64_t rbp)
{
	printk(KERN_DEFAULT "Call Trace:\n");
	walk_trace(rbp, true, walk_trace(rbp, false, 0));
}

void dump_stack(void)
{
	show_trace((uint64_t)__builtin_frame_address(0));
}
