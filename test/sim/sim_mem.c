// SPDX-License-Identifier: MIT
/*
 * Simulated physical memory: one anonymous mapping of the whole physical
 * address space, reserved with MAP_NORESERVE so that 2 TiB costs nothing
 * until touched. Generic mm code reaches it through __va()/__pa(), which
 * add page_offset_base: pointing that at the mapping is all it takes.
 */
#include "sim.h"

#include <mm/page.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <errno.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SIM_ASAN 1
#include <sanitizer/asan_interface.h>
#endif
#endif

uintptr_t page_offset_base;

static void *base;
static uint64_t size;

int sim_mem_init(uint64_t bytes)
{
	void *p;

	bytes = (bytes + PAGE_SIZE - 1) & PAGE_MASK;
	if (base && bytes <= size)
		return 0;
	p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		 -1, 0);
	if (p == MAP_FAILED) {
		fprintf(stderr,
			"sim: cannot reserve %llu GiB of address space for simulated memory: %s\n",
			(unsigned long long)(bytes >> 30), strerror(errno));
		return -1;
	}
	/* Huge pages where the host has them: a terabyte's memmap is written
	 * in 2 MiB faults instead of 4 KiB ones (many times fewer). */
	madvise(p, bytes, MADV_HUGEPAGE);
	if (base)
		munmap(base, size);
	base = p;
	size = bytes;
	page_offset_base = (uintptr_t)p;
	return 0;
}

uint64_t sim_mem_size(void)
{
	return size;
}

/*
 * Under ASan every access to simulated memory reads its shadow (one byte
 * per 8), and on hosts whose kernel maps no shared zero page for read
 * faults each shadow page read is a page of RSS for good: a fuzzer booting
 * a different machine per input grew by ~16 KiB an input. The shadow of
 * this mapping is all zero (nothing here is ever poisoned), so it can be
 * dropped with the memory; only whole shadow pages, never a neighbour's.
 * Only every 32nd time: the inputs after it fault their shadow in again,
 * which on every reset cost fuzz_mm_init ~15 % more CPU; the RSS stays
 * what 32 inputs touch.
 */
static void discard_shadow(void)
{
#ifdef SIM_ASAN
	static unsigned int calls;
	size_t scale, offset;
	uintptr_t s, e;

	if (calls++ % 32)
		return;
	__asan_get_shadow_mapping(&scale, &offset);
	s = (((uintptr_t)base >> scale) + offset + PAGE_SIZE - 1) & PAGE_MASK;
	e = ((((uintptr_t)base + size) >> scale) + offset) & PAGE_MASK;
	if (s < e)
		madvise((void *)s, e - s, MADV_DONTNEED);
#endif
}

void sim_mem_discard(void)
{
	/* Private anonymous pages read as zero again after MADV_DONTNEED. */
	if (base) {
		madvise(base, size, MADV_DONTNEED);
		discard_shadow();
	}
}
