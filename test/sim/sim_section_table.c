// SPDX-License-Identifier: MIT
/*
 * mem_section[]'s range in the simulator (<mm/arch_section_table.h>): an
 * anonymous reservation, so a hole's slot reads as zero and costs no host
 * memory. The bootmem page given for each backed page is only recorded
 * (the reservation cannot alias simulated memory), so the accounting is
 * the kernel's and the fuzz harness can count it as taken. The kernel maps
 * an unbacked page read-only; here a write to one would go unnoticed, so
 * the harness and the host tests check instead that every nonzero slot is
 * in a backed page (sim_section_table_backed): trapping such writes with
 * mprotect would split the mapping into 4 KiB pages.
 */
#include "sim.h"

#include <mm/arch_section_table.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/mman.h>

/* A slot per 2 MiB of 2^46 bytes, as max_arch_pfn allows and the kernel. */
#define SIM_SECTION_TABLE_SIZE	(((1ull << 46) >> 21) * 8)
#define SIM_SECTION_TABLE_PAGES (SIM_SECTION_TABLE_SIZE / PAGE_SIZE)

static void *table;
static unsigned long table_bytes;
static uint64_t backing[SIM_SECTION_TABLE_PAGES];
static unsigned long nr_backing;
static uint64_t backed_map[SIM_SECTION_TABLE_PAGES / 64];

uintptr_t *arch_section_table_reserve(unsigned long bytes)
{
	sim_section_table_reset();
	if (bytes > SIM_SECTION_TABLE_SIZE)
		return NULL;
	table = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (table == MAP_FAILED) {
		fprintf(stderr, "sim: cannot reserve %lu KiB for mem_section[]: %s\n", bytes >> 10,
			strerror(errno));
		exit(2);
	}
	/* As sim_mem.c's: 2 MiB faults, not 4 KiB ones (512 times fewer at 1 TiB). */
	madvise(table, bytes, MADV_HUGEPAGE);
	table_bytes = bytes;
	return table;
}

void arch_section_table_back(unsigned long va, phys_addr_t pa)
{
	unsigned long off = va - (uintptr_t)table, page = off / PAGE_SIZE;

	if (va < (uintptr_t)table || off >= table_bytes || (off & ~PAGE_MASK) ||
	    sim_section_table_backed(page)) {
		fprintf(stderr, "sim: %#lx is not an unbacked page of mem_section[]\n", va);
		abort();
	}
	backed_map[page / 64] |= 1ull << (page % 64);
	backing[nr_backing++] = pa;
}

bool sim_section_table_backed(unsigned long page)
{
	return page < SIM_SECTION_TABLE_PAGES && (backed_map[page / 64] >> (page % 64) & 1);
}

unsigned long sim_section_table_pages(const uint64_t **pages)
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
	memset(backed_map, 0, sizeof(backed_map));
}
