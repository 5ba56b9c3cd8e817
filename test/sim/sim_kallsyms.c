// SPDX-License-Identifier: MIT
/*
 * Symbol names and the clock for kernel code on the host: the slab debug
 * reports print who allocated and freed an object, and how long ago.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <time.h>

#include <kernel/arch.h>
#include <kernel/kallsyms.h>

/* "name+0xoff" when the dynamic symbol table knows the address (only
 * exported symbols: -rdynamic), else the raw address as the kernel prints
 * an address outside its text. */
void sprint_symbol(char *buf, size_t len, uint64_t addr)
{
	Dl_info info;

	if (dladdr((void *)(uintptr_t)addr, &info) && info.dli_sname && info.dli_saddr)
		snprintf(buf, len, "%s+0x%llx", info.dli_sname,
			 (unsigned long long)(addr - (uintptr_t)info.dli_saddr));
	else
		snprintf(buf, len, "0x%016llx", (unsigned long long)addr);
}

uint64_t arch_clock_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
