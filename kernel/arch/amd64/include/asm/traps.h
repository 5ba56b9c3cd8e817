/* SPDX-License-Identifier: MIT */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include <asm/ptrace.h>
#include <asm/segment.h>
#include <kernel/compiler.h>

#define X86_TRAP_DE	     0 /* divide error */
#define X86_TRAP_NMI	     2
#define X86_TRAP_DF	     8 /* double fault */
#define X86_TRAP_GP	     13
#define X86_TRAP_PF	     14
#define X86_TRAP_MC	     18
#define NR_EXCEPTION_VECTORS 32

/* Page-fault error code bits. */
#define X86_PF_PROT  (1u << 0) /* 0: not-present page */
#define X86_PF_WRITE (1u << 1)
#define X86_PF_USER  (1u << 2)
#define X86_PF_RSVD  (1u << 3)
#define X86_PF_INSTR (1u << 4)
#define X86_PF_PK    (1u << 5)

/** gdt_init - load our GDT, reload every segment register, load the TSS */
void gdt_init(void);

/** idt_init - point vectors 0-31 at entry.S's stubs, 32-255 at irq_entry.S's, load the IDT */
void idt_init(void);

/** idt_load - load the (shared) IDT on this CPU */
void idt_load(void);

/*
 * gdt_load_cpu - load CPU @cpu's own GDT and TSS, its IST stacks at
 * @ist (IST_STACKS stacks of IST_STACK_SIZE), and reload the segments
 */
void gdt_load_cpu(unsigned int cpu, char (*ist)[IST_STACK_SIZE]);

/**
 * do_exception - C side of every exception stub (entry.S)
 * @regs: the frame the stub built
 *
 * Prints the oops report and panics: no exception is recoverable yet.
 */
__noreturn void do_exception(struct pt_regs *regs);

/* From entry.S: the stub address for each of the 32 exception vectors. */
extern const uint64_t exception_stubs[NR_EXCEPTION_VECTORS];

/* From irq_entry.S: vector v's stub is at irq_entries_start + (v - 32) * 16. */
#define IRQ_STUB_SIZE 16
extern const char irq_entries_start[];

#endif
