// SPDX-License-Identifier: MIT
/*
 * crash=<what>: one deliberate fault per exception class, for the boot
 * tests. Each is a separate non-inlined function so that the report's RIP
 * names it and the call trace runs back through start_kernel.
 */
#include <asm/crash.h>
#include <kernel/arch.h>
#include <lib/string.h>

/* Never mapped: the unused hole below the vmalloc area (memory-layout.md). */
#define UNMAPPED_ADDR	   0xffffc88000000000ull
#define NON_CANONICAL_ADDR 0x8000000000000000ull

static __noinline void crash_ud(void)
{
	__asm__ volatile("ud2");
}

static __noinline void crash_de(void)
{
	__asm__ volatile("xorl %%ecx, %%ecx\n\t"
			 "divl %%ecx"
			 :
			 :
			 : "eax", "ecx", "edx");
}

static __noinline void crash_gp(void)
{
	__asm__ volatile("movq (%0), %%rax" : : "r"(NON_CANONICAL_ADDR) : "rax");
}

static __noinline void crash_pf(void)
{
	__asm__ volatile("movq (%0), %%rax" : : "r"(UNMAPPED_ADDR) : "rax");
}

static __noinline void crash_null(void)
{
	__asm__ volatile("movq (%0), %%rax" : : "r"(0ull) : "rax");
}

/*
 * A kernel stack overflow: with %rsp on unmapped memory the CPU cannot
 * push the page-fault frame, so it raises a double fault, which runs on
 * its IST stack.
 */
static __noinline void crash_stack(void)
{
	__asm__ volatile("movq %0, %%rsp\n\t"
			 "pushq $0"
			 :
			 : "r"(UNMAPPED_ADDR)
			 : "memory");
}

/* A corrupt frame-pointer chain: the trace must stop, not fault. */
static __noinline void crash_fp(void)
{
	__asm__ volatile("movq $0xdeadbeef, %%rbp\n\t"
			 "ud2"
			 :
			 :
			 : "memory");
}

void arch_crash(const char *what)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} crashes[] = {
		{ "ud", crash_ud },
		{ "de", crash_de },
		{ "gp", crash_gp },
		{ "pf", crash_pf },
		{ "null", crash_null },
		{ "stack", crash_stack },
		{ "fp", crash_fp },
		{ "vstack", crash_vstack },
		{ "smp_panic_nmi_stuck", crash_nmi_stuck },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(crashes); i++)
		if (!strcmp(what, crashes[i].name))
			crashes[i].fn();
}
