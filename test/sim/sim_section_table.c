// SPDX-License-Identifier: MIT
/*
 * mem_section[]'s range in the simulator (<mm/arch_section_table.h>): an
 * anonymous read-only reservation, so a hole's slot reads as zero and a
 * write to a page sparse_init did not back is a SIGSEGV, as the kernel's
 * read-only zero page faults. A backed page is made writable here; the
 * bootmem page given for it is only recorded (the reservation cannot
 * alias simulated memory), so the accounting is the kernel's and the fuzz
 * harness can count it as taken.
 */
#include "sim.h"

#include <mm/arch_section_table.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/mman.h>

/* A slot per 2 MiB of 2^46 bytes, as max_arch_pfn allows and the kernel. */
#define SIM_SECTION_TABLE_SIZE (((1ull << 46) >> 21) * 8)

static void *table;
static unsigned long table_bytes;
static phys_addr_t backing[SIM_SECTION_TABLE_SIZE / PAGE_SIZE];
static unsigned long nr_backing;

uintptr_t *arch_section_table_reserve(unsigned long bytes)
{
	sim_section_table_reset();
	if (bytes > SIM_SECTION_TABLE_SIZE)
		return NULL;
	table = mmap(NULL, bytes, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (table == MAP_FAILED) {
		fprintf(stderr, "sim: cannot reserve %lu KiB for mem_section[]: %s\n", bytes >> 10,
			strerror(errno));
		exit(2);
	}
	table_bytes = bytes;
	return table;
}

void arch_section_table_back(unsigned long va, phys_addr_t pa)
{
	unsigned long off = va - (uintptr_t)table;

	if (va < (uintptr_t)table || off >= table_bytes || (off & ~PAGE_MASK) ||
	    nr_backing == sizeof(backing) / sizeof(backing[0])) {
		fprintf(stderr, "sim: %#lx is not a page of mem_section[]\n", va);
		abort();
	}
	if (mprotect((void *)va, PAGE_SIZE, PROT_READ | PROT_WRITE)) {
		fprintf(stderr, "sim: mprotect of mem_section[] page %#lx: %s\n", va, strerror(errno));
		exit(2);
	}
	backing[nr_backing++] = pa;
}

unsigned long sim_section_table_pages(const phys_addr_t **pages)
{
	*pages = backing;
	return nr_backing;
}

void sim_section_table_reset(void)
{
	if (table)
		munmap(table, table_bytes);
	table = NULL;
	table_bytes = nr_backing = 0;
}
