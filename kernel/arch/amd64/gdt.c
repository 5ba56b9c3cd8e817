// SPDX-License-Identifier: MIT
/*
 * Our own GDT and TSS per CPU, replacing the firmware's: the firmware's GDT lives
 * in memory we will reuse, and only a TSS gives the double-fault and NMI
 * handlers a known-good stack (IST) when the kernel stack is what broke.
 */
#include <asm/segment.h>
#include <asm/stacks.h>
#include <asm/traps.h>
#include <kernel/compiler.h>
#include <kernel/cpumask.h>
#include <lib/string.h>
#include <stdint.h>

struct tss64 {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

_Static_assert(sizeof(struct tss64) == 104, "TSS layout (SDM vol. 3, 8.7)");

struct desc_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

/* Flat 64-bit code and data; the CPU ignores base and limit in long mode. */
#define GDT_CODE64 0x00af9b000000ffffull /* P, DPL0, code, RX, accessed, L */
#define GDT_DATA   0x00cf93000000ffffull /* P, DPL0, data, RW, accessed */

/* Each CPU its own GDT and TSS (Linux's per-CPU gdt_page and cpu_tss_rw):
 * a TSS is marked busy by ltr and holds that CPU's IST stacks. */
static struct cpu_tables {
	uint64_t gdt[GDT_ENTRIES];
	struct tss64 tss;
} cpu_tables[NR_CPUS] __aligned(64);

static const uint64_t gdt_template[GDT_ENTRIES] = {
	[GDT_ENTRY_KERNEL_CS] = GDT_CODE64,
	[GDT_ENTRY_KERNEL_DS] = GDT_DATA,
};

/* The boot CPU's IST stacks; the others' come from their node (smpboot.c). */
char ist_stacks[IST_STACKS][IST_STACK_SIZE] __aligned(16);

/* A 64-bit available-TSS descriptor spans two GDT slots. */
static void set_tss_desc(uint64_t *slot, uint64_t base, uint32_t limit)
{
	slot[0] = (limit & 0xffffull) | ((base & 0xffffffull) << 16) | (0x89ull << 40) |
		  ((uint64_t)(limit >> 16 & 0xf) << 48) | ((base >> 24 & 0xffull) << 56);
	slot[1] = base >> 32;
}

void gdt_init(void)
{
	gdt_load_cpu(0, ist_stacks);
}

void gdt_load_cpu(unsigned int cpu, char (*ist)[IST_STACK_SIZE])
{
	struct cpu_tables *t = &cpu_tables[cpu];
	struct desc_ptr gdtr = { sizeof(t->gdt) - 1, (uint64_t)t->gdt };

	memcpy(t->gdt, gdt_template, sizeof(t->gdt));
	for (int i = 0; i < IST_STACKS; i++)
		t->tss.ist[i] = (uint64_t)&ist[i][IST_STACK_SIZE];
	t->tss.iomap_base = sizeof(t->tss); /* no I/O bitmap */
	set_tss_desc(&t->gdt[GDT_ENTRY_TSS], (uint64_t)&t->tss, sizeof(t->tss) - 1);

	/* CS can only be reloaded by a far transfer: lretq to the next line. */
	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movl %2, %%eax\n\t"
			 "movl %%eax, %%ss\n\t"
			 "xorl %%eax, %%eax\n\t"
			 "movl %%eax, %%ds\n\t"
			 "movl %%eax, %%es\n\t"
			 "movl %%eax, %%fs\n\t"
			 "movl %%eax, %%gs\n\t"
			 "movw %3, %%ax\n\t"
			 "ltr %%ax"
			 :
			 : "m"(gdtr), "i"(__KERNEL_CS), "i"(__KERNEL_DS), "i"(__KERNEL_TSS)
			 : "rax", "memory");
}
