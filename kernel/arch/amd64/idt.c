// SPDX-License-Identifier: MIT
/*
 * The IDT: the 32 CPU exception vectors point at entry.S's stubs, the rest
 * at irq_entry.S's. Double
 * fault, NMI and machine check run on their own IST stacks, because they
 * can arrive when the current stack is unusable.
 */
#include <asm/segment.h>
#include <asm/traps.h>
#include <kernel/compiler.h>
#include <stdint.h>

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));

_Static_assert(sizeof(struct idt_gate) == 16, "64-bit IDT gate");

struct desc_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

#define GATE_INTERRUPT 0x8e /* present, DPL0, 64-bit interrupt gate */

/* All 256 vectors, one table for every CPU (as Linux's idt_table). */
static struct idt_gate idt[256] __aligned(16);

static void set_gate(unsigned int vector, uint64_t handler, unsigned int ist)
{
	struct idt_gate *g = &idt[vector];

	g->offset_low = handler & 0xffff;
	g->selector = __KERNEL_CS;
	g->ist = (uint8_t)ist;
	g->type_attr = GATE_INTERRUPT;
	g->offset_mid = handler >> 16 & 0xffff;
	g->offset_high = (uint32_t)(handler >> 32);
}

static unsigned int exception_ist(unsigned int vector)
{
	switch (vector) {
	case X86_TRAP_DF: return IST_DOUBLE_FAULT;
	case X86_TRAP_NMI: return IST_NMI;
	case X86_TRAP_MC: return IST_MCE;
	default: return 0;
	}
}

void idt_init(void)
{
	for (unsigned int v = 0; v < NR_EXCEPTION_VECTORS; v++)
		set_gate(v, exception_stubs[v], exception_ist(v));
	/* IPIs, the local APIC's vectors and strays: irq_entry.S. */
	for (unsigned int v = NR_EXCEPTION_VECTORS; v < 256; v++)
		set_gate(v,
			 (uint64_t)irq_entries_start + (v - NR_EXCEPTION_VECTORS) * IRQ_STUB_SIZE,
			 0);
	idt_load();
}

void idt_load(void)
{
	struct desc_ptr idtr = { sizeof(idt) - 1, (uint64_t)idt };

	__asm__ volatile("lidt %0" : : "m"(idtr));
}
