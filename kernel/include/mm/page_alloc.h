/* SPDX-License-Identifier: MIT */
/*
 * The page allocator: binary buddy lists per zone, per-CPU hot/cold lists
 * for single pages, zonelists for fallback. Every call is safe against
 * hostile use: bad frees are reported ("BUG: Bad page state") and the page
 * is kept out of circulation, failures return NULL with one report.
 */
#ifndef MM_PAGE_ALLOC_H
#define MM_PAGE_ALLOC_H

#include <mm/gfp.h>
#include <mm/memory_model.h>

/**
 * __alloc_pages - allocate 2^@order contiguous pages
 * @gfp: zone, mobility and urgency flags
 * @order: 0..MAX_ORDER-1
 * @nid: preferred node (NUMA_NO_NODE: the current one)
 *
 * Walks the node's zonelist from the highest zone @gfp allows, first above
 * the low watermark, then down to min (lower still for __GFP_HIGH and
 * atomic requests; no limit with __GFP_MEMALLOC).
 *
 * Return: the first page, with a reference held, or NULL (reported unless
 * __GFP_NOWARN).
 */
struct page *__alloc_pages(gfp_t gfp, unsigned int order, int nid);

static inline struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	return __alloc_pages(gfp, order, NUMA_NO_NODE);
}

static inline struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order)
{
	return __alloc_pages(gfp, order, nid);
}

#define alloc_page(gfp) alloc_pages(gfp, 0)

/* Direct-map address of 2^@order new pages, or 0. */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp);
#define __get_free_page(gfp)	  __get_free_pages(gfp, 0)
#define get_dma_pages(gfp, order) __get_free_pages((gfp) | GFP_DMA, order)

/**
 * __free_pages - drop a reference; free the block when it was the last
 * @order: must be the order it was allocated with (checked)
 */
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page) __free_pages(page, 0)

/* free_pages - __free_pages() by direct-map address (0 is ignored) */
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr) free_pages(addr, 0)

/* Return this CPU's per-CPU pages of every zone to the buddy lists. */
void drain_local_pages(void);

/**
 * drain_all_pages - every online CPU returns its per-CPU pages (each its
 * own, through on_each_cpu: no CPU touches another's pageset). Call with
 * interrupts enabled; returns when all are drained.
 */
void drain_all_pages(void);

/* Free pages in the buddy lists of all zones (pcp lists not included). */
unsigned long nr_free_pages(void);

/* Pages managed by the buddy allocator (Linux's totalram_pages), deferred ones included. */
unsigned long totalram_pages(void);
void totalram_pages_add(long count);

/**
 * build_all_zonelists - every node's fallback list of zones
 *
 * Highest zone first within a node, nodes nearest first (Linux 6.1's
 * find_next_best_node). Prints "Fallback order for Node N:" per node and
 * "Built N zonelists, mobility grouping on.  Total pages: N".
 */
void build_all_zonelists(void);

/**
 * mem_init - hand every page bootmem does not hold to the buddy allocator
 *
 * Frees in the largest aligned blocks, retires bootmem (its bitmap is freed
 * too), sets the watermarks and the per-CPU pageset limits, and prints
 * Linux's "Memory: NK/NK available (...)" line.
 */
void mem_init(void);

/**
 * page_alloc_init_late - the end of boot's part of the page allocator
 *
 * Sets up and frees the deferred struct pages, every node's on the node's
 * online CPUs at once (this CPU too if it is one of them, and for a node
 * without any), prints "node N deferred pages initialised in Nms" for
 * each, frees bootmem's bitmaps, then sizes the
 * watermarks and per-CPU pagesets on the whole memory. Nothing to do
 * when nothing was deferred (small machines, nodeferinit).
 */
void page_alloc_init_late(void);

/**
 * free_reserved_page_pfn - hand a page that was reserved at boot to the
 * buddy allocator (Linux's free_reserved_page)
 *
 * Return: 1 if it was freed, 0 if @pfn is not a reserved RAM page.
 */
unsigned long free_reserved_page_pfn(unsigned long pfn);

/* The dumps asked for with mminfo=buddyinfo,zoneinfo,slabinfo (nothing otherwise). */
void show_mminfo(void);

/* Bad page states reported so far (tests check that a bug was caught). */
extern unsigned long nr_bad_pages;

#endif
