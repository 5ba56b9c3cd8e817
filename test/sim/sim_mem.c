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

uintptr_t page_offset_base;

static void *base;
static uint64_t size;

int sim_mem_init(uint64_t bytes)
{
	void *p;

	bytes = (bytes + PAGE_SIZE - 1) & PAGE_MASK;
	if (base && bytes <= size)
		return 0;
	p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED) {
		fprintf(stderr, "sim: cannot reserve %llu GiB of address space for simulated memory: %s\n",
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

void sim_mem_discard(void)
{
	/* Private anonymous pages read as zero again after MADV_DONTNEED. */
	if (base)
		madvise(base, size, MADV_DONTNEED);
}
