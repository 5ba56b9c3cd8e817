/* SPDX-License-Identifier: MIT */
/* Control registers, MSRs, CPUID and the TSC: thin wrappers, one instruction each. */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

#include <stdint.h>

#define MSR_FS_BASE	   0xc0000100
#define MSR_GS_BASE	   0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102
#define MSR_EFER	   0xc0000080
#define MSR_IA32_CR_PAT	   0x00000277

#define EFER_NXE    (1u << 11)
#define X86_CR4_PGE (1ull << 7)

#define X86_FEATURE_TSC_EDX    (1u << 4)  /* CPUID.1:EDX */
#define X86_FEATURE_HYPERVISOR (1u << 31) /* CPUID.1:ECX: running under a hypervisor */

#define DEFINE_READ_CR(n)                                         \
	static inline uint64_t read_cr##n(void)                   \
	{                                                         \
		uint64_t v;                                       \
		__asm__ volatile("mov %%cr" #n ", %0" : "=r"(v)); \
		return v;                                         \
	}
DEFINE_READ_CR(0)
DEFINE_READ_CR(2)
DEFINE_READ_CR(3)
DEFINE_READ_CR(4)
#undef DEFINE_READ_CR

static inline void write_cr3(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline void write_cr4(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

static inline void wbinvd(void)
{
	__asm__ volatile("wbinvd" : : : "memory");
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr"
			 :
			 : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32))
			 : "memory");
}

static inline void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
	__asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

static inline uint16_t read_seg_ds(void)
{
	uint16_t v;

	__asm__ volatile("mov %%ds, %0" : "=r"(v));
	return v;
}

static inline uint16_t read_seg_es(void)
{
	uint16_t v;

	__asm__ volatile("mov %%es, %0" : "=r"(v));
	return v;
}

static inline uint16_t read_seg_fs(void)
{
	uint16_t v;

	__asm__ volatile("mov %%fs, %0" : "=r"(v));
	return v;
}

static inline uint16_t read_seg_gs(void)
{
	uint16_t v;

	__asm__ volatile("mov %%gs, %0" : "=r"(v));
	return v;
}

#endif
