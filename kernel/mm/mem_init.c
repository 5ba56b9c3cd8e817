// SPDX-License-Identifier: MIT
/*
 * mem_init: the end of the boot-time allocator. Every page bootmem does not
 * hold goes to the buddy lists; then the watermarks and per-CPU limits can
 * be computed from what the zones really manage.
 */
#define pr_fmt(fmt) fmt

#include "internal.h"
#include <kernel/printk.h>
#include <kernel/sections.h>
#include <mm/nodemask.h>
#include <mm/bootmem.h>
#include <mm/node_map.h>
#include <mm/page_alloc.h>

#define K(pages) ((pages) << (PAGE_SHIFT - 10))

static unsigned long get_num_physpages(void)
{
	unsigned long n = 0;
	int nid;

	for_each_online_node(nid)
		n += NODE_DATA(nid)->node_present_pages;
	return n;
}

static __init void mem_init_print_info(void)
{
	unsigned long physpages = get_num_physpages();
	unsigned long init_text = (unsigned long)(__init_text_end - __init_text_begin);
	unsigned long init_data = (unsigned long)(__init_data_end - __init_data_begin);
	/* The init sections sit inside text and data; Linux counts them apart. */
	unsigned long codesize = (unsigned long)(_etext - _text) - init_text;
	unsigned long datasize = (unsigned long)(_edata - _sdata) - init_data;
	unsigned long rosize = (unsigned long)(__end_rodata - __start_rodata);
	unsigned long bss_size = (unsigned long)(__bss_stop - __bss_start);

	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, %luK rodata, %luK init, %luK bss, %luK reserved)\n",
		K(nr_free_pages()), K(physpages), codesize >> 10, datasize >> 10, rosize >> 10,
		(init_text + init_data) >> 10, bss_size >> 10, K(physpages - totalram_pages()));
}

unsigned long free_reserved_page_pfn(unsigned long pfn)
{
	struct page *page;

	if (!pfn_valid(pfn))
		return 0;
	page = pfn_to_page(pfn);
	/* Reserved memmap entries of holes have no zone pages behind them. */
	if (!PageReserved(page) || !zone_spans_pfn(page_zone(page), pfn) ||
	    absent_pages_in_range(page_to_nid(page), pfn, pfn + 1))
		return 0;
	__free_pages_core(page, 0);
	totalram_pages_add(1);
	return 1;
}

void __init mem_init(void)
{
	/* Deferred pages count from now on, though page_alloc_init_late()
	 * frees them (Linux 6.1's memblock_free_all). */
	totalram_pages_add((long)free_all_bootmem() - (long)totalram_pages());
	mem_init_print_info();
	init_per_zone_wmark_min();
	setup_per_cpu_pageset();
}
