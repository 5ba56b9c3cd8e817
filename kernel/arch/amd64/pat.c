// SPDX-License-Identifier: MIT
/*
 * The Page Attribute Table: Linux's layout, so that PWT alone in a page
 * table entry selects write-combining (for the framebuffer) while entry 0
 * stays write-back for everything else.
 */
#define pr_fmt(fmt) "x86/PAT: " fmt

#include <asm/pat.h>
#include <asm/processor.h>
#include <kernel/printk.h>
#include <lib/vsprintf.h>

#define X86_FEATURE_PAT_EDX (1u << 16) /* CPUID.1:EDX */

/* Memory types as the PAT MSR encodes them (SDM vol. 3, 11.12.2). */
enum pat_type {
	PAT_UC = 0,
	PAT_WC = 1,
	PAT_WT = 4,
	PAT_WP = 5,
	PAT_WB = 6,
	PAT_UC_MINUS = 7,
};

/* Entry i is chosen by PAT<<2 | PCD<<1 | PWT; i = 0..3 without the PAT bit. */
static const uint8_t pat_layout[8] = {
	PAT_WB, PAT_WC, PAT_UC_MINUS, PAT_UC, PAT_WB, PAT_WP, PAT_UC_MINUS, PAT_WT,
};

static const char *pat_name(uint8_t type)
{
	switch (type) {
	case PAT_UC: return "UC ";
	case PAT_WC: return "WC ";
	case PAT_WT: return "WT ";
	case PAT_WP: return "WP ";
	case PAT_WB: return "WB ";
	case PAT_UC_MINUS: return "UC-";
	default: return "?? ";
	}
}

/* Linux's "Configuration [0-7]:" line, read back from the MSR. */
static void pat_print(uint64_t pat)
{
	char msg[8 * 4 + 1];
	int n = 0;

	for (int i = 0; i < 8; i++)
		n += ksnprintf(msg + n, sizeof(msg) - (size_t)n, "%s ",
			       pat_name((uint8_t)(pat >> (i * 8)) & 7));
	pr_info("Configuration [0-7]: %s\n", msg);
}

bool pat_init(void)
{
	uint32_t a, b, c, d;
	uint64_t pat = 0;

	cpuid(1, &a, &b, &c, &d);
	if (!(d & X86_FEATURE_PAT_EDX)) {
		pr_info("PAT not supported by the CPU.\n");
		return false;
	}
	for (int i = 0; i < 8; i++)
		pat |= (uint64_t)pat_layout[i] << (i * 8);
	/* The SDM wants caches flushed around a PAT change. */
	wbinvd();
	wrmsr(MSR_IA32_CR_PAT, pat);
	wbinvd();
	pat_print(rdmsr(MSR_IA32_CR_PAT));
	return true;
}
