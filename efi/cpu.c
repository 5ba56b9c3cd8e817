// SPDX-License-Identifier: MIT
/*
 * The CPU checks: the features the kernel cannot run without, and Intel's
 * IA32_MISC_ENABLE.XD_DISABLE, which some firmware leaves set and which
 * hides NX from CPUID (Linux clears it in early_init_intel as well).
 */
#include "cpu.h"
#include "console.h"
#include <lib/string.h>
#include <lib/vsprintf.h>
#include <stdint.h>

#define MSR_IA32_MISC_ENABLE 0x1a0
#define MISC_ENABLE_XD_DISABLE (1ull << 34)

static void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c,
		  uint32_t *d)
{
	__asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			 : "a"(leaf), "c"(0));
}

static uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (uint64_t)hi << 32 | lo;
}

static void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v),
			 "d"((uint32_t)(v >> 32)));
}

struct need {
	uint32_t leaf, bit;
	char reg; /* 'c' or 'd' */
	const char *what;
};

/*
 * What the kernel truly uses: the TSC (its clock), MSRs (EFER, PAT,
 * MISC_ENABLE), PAE/long mode (its page tables), CMPXCHG8B. NX, PAT and
 * 1 GiB pages are optional: the kernel says so and does without.
 */
static const struct need needs[] = {
	{ 1, 4, 'd', "TSC (time-stamp counter)" },
	{ 1, 5, 'd', "MSR (rdmsr/wrmsr)" },
	{ 1, 6, 'd', "PAE (physical address extension)" },
	{ 1, 8, 'd', "CX8 (cmpxchg8b)" },
	{ 0x80000001, 29, 'd', "LM (long mode)" },
};

int cpu_prepare(char *why, size_t n)
{
	uint32_t a, b, c, d, max, max_ext;
	char vendor[13];

	cpuid(0, &max, &b, &c, &d);
	memcpy(vendor, &b, 4);
	memcpy(vendor + 4, &d, 4);
	memcpy(vendor + 8, &c, 4);
	vendor[12] = '\0';
	if (!strcmp(vendor, "GenuineIntel")) {
		uint64_t misc = rdmsr(MSR_IA32_MISC_ENABLE);

		if (misc & MISC_ENABLE_XD_DISABLE) {
			wrmsr(MSR_IA32_MISC_ENABLE, misc & ~MISC_ENABLE_XD_DISABLE);
			con_printf("mmk-loader: cleared XD Disable (IA32_MISC_ENABLE bit 34), set by the firmware\n");
		}
	}
	cpuid(0x80000000, &max_ext, &b, &c, &d);
	for (size_t i = 0; i < sizeof(needs) / sizeof(needs[0]); i++) {
		const struct need *w = &needs[i];
		uint32_t top = w->leaf >= 0x80000000 ? max_ext : max;

		a = b = c = d = 0;
		if (w->leaf <= top)
			cpuid(w->leaf, &a, &b, &c, &d);
		if (!(((w->reg == 'c') ? c : d) & (1u << w->bit))) {
			ksnprintf(why, n, "this %s CPU lacks %s, which the kernel needs",
				  vendor, w->what);
			return -1;
		}
	}
	return 0;
}
