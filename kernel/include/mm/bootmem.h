/* SPDX-License-Identifier: MIT */
/*
 * The boot-time allocator: one bit per page frame of a node, set while the
 * page is reserved. It hands out memory until mem_init() gives every free
 * page to the buddy allocator and retires it.
 *
 * The classic x86-64 path: setup_node_bootmem (arch) places the bitmap in RAM
 * and calls init_bootmem(), which marks everything reserved;
 * free_bootmem_with_active_regions() frees what the early node map says is
 * RAM; reserve_bootmem() takes back what is in use.
 */
#ifndef MM_BOOTMEM_H
#define MM_BOOTMEM_H

#include <mm/mmzone.h>
#include <stddef.h>

typedef struct bootmem_data {
	struct list_head list; /* on bdata_list, by node_min_pfn */
	unsigned long node_min_pfn;
	unsigned long node_low_pfn;	 /* end pfn, exclusive */
	unsigned long *node_bootmem_map; /* bit set = reserved */
	unsigned long last_end_off;	 /* where the last allocation ended */
	unsigned long hint_idx;		 /* scan for free pages from here */
	int nid; /* whose RAM: a node, or NUMA_NO_NODE (one bitmap for all nodes) */
} bootmem_data_t;

extern bootmem_data_t bootmem_node_data[MAX_NUMNODES];
/* The bitmaps in use, sorted by node_min_pfn (the seed's bdata_list). */
extern struct list_head bdata_list;

/* End of RAM (exclusive pfn) and of directly mapped RAM; the arch sets them. */
extern unsigned long max_pfn, max_low_pfn;

#define BOOTMEM_DEFAULT	  0 /* reserving a reserved page is fine */
#define BOOTMEM_EXCLUSIVE 1 /* ... is an error: -EBUSY */

/* Default goal: keep ZONE_DMA for those who need it (Linux: MAX_DMA_ADDRESS). */
#define BOOTMEM_LOW_LIMIT      (16UL << 20)
#define ARCH_LOW_ADDRESS_LIMIT 0xffffffffUL
#define SMP_CACHE_BYTES	       64

/**
 * bootmem_bootmap_pages - pages the bitmap for @pages page frames needs
 *
 * Linux called this bootmem_bootmap_pages(): one bit per frame, rounded up
 * to whole longs, then to whole pages.
 */
unsigned long bootmem_bootmap_pages(unsigned long pages);

/**
 * init_bootmem_core - set up @bdata for [startpfn, endpfn), bitmap at mapstart
 *
 * Every page starts reserved. Return: the bitmap size in bytes.
 */
unsigned long init_bootmem_core(bootmem_data_t *bdata, unsigned long mapstart,
				unsigned long startpfn, unsigned long endpfn);

/* init_bootmem_core() for node 0 over [0, pages), bitmap at pfn @start. */
unsigned long init_bootmem(unsigned long start, unsigned long pages);

/*
 * init_bootmem() over [startpfn, endpfn): the one bitmap for all nodes
 * when RAM starts far above 0 (bootmem_cluster_start).
 */
unsigned long init_bootmem_span(unsigned long mapstart, unsigned long startpfn,
				unsigned long endpfn);

/**
 * init_bootmem_node - node @pgdat's bootmem over [startpfn, endpfn)
 * @freepfn: where its bitmap goes (the node's own memory, preferably)
 *
 * Links the node's bootmem_data on bdata_list. Return: the bitmap's bytes.
 */
unsigned long init_bootmem_node(pg_data_t *pgdat, unsigned long freepfn, unsigned long startpfn,
				unsigned long endpfn);

/*
 * Cut a node's bitmap at a hole over this many times the node's RAM: the
 * hole's bits alone would then take over 1/512 of that RAM (64 * R pages
 * need 64 * R / 32768 pages of bitmap), a cost no ordinary hole comes near.
 */
#define BOOTMEM_HOLE_RATIO 64

/**
 * bootmem_cluster_end - where the bitmap for @nid's RAM from @start_pfn ends
 * @nid: node, or NUMA_NO_NODE for all RAM (one bitmap for all nodes)
 * @start_pfn: start of the bitmap: the node's span start, or a cluster's
 * @end_pfn: end of the node's span
 * @next_pfn: set to where the next cluster's RAM starts (@end_pfn if none)
 *
 * A bitmap has a bit for every page frame it spans, holes included. Linux's
 * bootmem spanned the whole node; a node with a little RAM low and more at
 * 32 TiB would need a 1 GiB bitmap, more than any of its RAM can hold. So
 * the span is cut at each hole over BOOTMEM_HOLE_RATIO times the node's
 * RAM, and each cluster of RAM between such holes gets a bitmap of its own
 * (init_bootmem_cluster). Ordinary machines keep one bitmap per node as in
 * Linux: their holes (640K-1M, the PCI hole below 4 GiB) are at most a few
 * times their RAM. (A bitmap per present section would need a pointer per
 * 2 MiB of the span, 128 MiB at 32 TiB; a few bootmem_data on bdata_list
 * keep Linux's shape.)
 *
 * Return: the end of the cluster starting at @start_pfn (@end_pfn: no cut).
 */
unsigned long bootmem_cluster_end(int nid, unsigned long start_pfn, unsigned long end_pfn,
				  unsigned long *next_pfn);

/**
 * bootmem_cluster_start - where @nid's first bitmap starts
 * @nid: node, or NUMA_NO_NODE for all RAM
 * @start_pfn: start of the node's span (0 for all RAM)
 *
 * Return: @start_pfn, or the node's first RAM when the hole before it is
 * over BOOTMEM_HOLE_RATIO times the node's RAM (RAM only far up: a bitmap
 * from 0 would span the whole hole, as bootmem_cluster_end cuts between).
 */
unsigned long bootmem_cluster_start(int nid, unsigned long start_pfn);

/**
 * bootmem_cluster_bytes - bytes of a cluster's block: its bitmap over
 * @pages page frames, then its bootmem_data_t
 */
unsigned long bootmem_cluster_bytes(unsigned long pages);

/**
 * init_bootmem_cluster - another bitmap of node @nid, over [startpfn, endpfn)
 * @nid: node, or NUMA_NO_NODE when the node's first bitmap came from
 *       init_bootmem() (one for all nodes)
 * @mapstart: first pfn of a free block of bootmem_cluster_bytes() bytes
 *
 * The cluster's bootmem_data_t lives in the block after its bitmap, so
 * there can be as many clusters as the RAM has. The node's allocations
 * search it together with its first bitmap (init_bootmem_node() or
 * init_bootmem()). Return: the bitmap's bytes.
 */
unsigned long init_bootmem_cluster(int nid, unsigned long mapstart, unsigned long startpfn,
				   unsigned long endpfn);

/**
 * bootmem_block_pages - pages of @b's bitmap, with its bootmem_data_t when
 * that lives there (a cluster's); what mem_init gives back for it
 */
unsigned long bootmem_block_pages(const bootmem_data_t *b);

/* Free every active range of @nid (NUMA_NO_NODE: all) below @max_low_pfn. */
void free_bootmem_with_active_regions(int nid, unsigned long max_low_pfn);

/**
 * reserve_bootmem - mark the pages of [addr, addr + size) reserved
 * @flags: BOOTMEM_DEFAULT, or BOOTMEM_EXCLUSIVE to fail on a page that is
 *         already reserved
 *
 * Pages outside every node's bootmem range are not RAM bootmem manages:
 * they are skipped. Return: 0, or -EBUSY (exclusive and already reserved;
 * nothing is changed then).
 */
int reserve_bootmem(phys_addr_t addr, unsigned long size, int flags);

/**
 * free_bootmem - release [addr, addr + size) (partial pages stay reserved)
 *
 * Freeing a page that is not reserved, or outside bootmem's RAM, is a bug
 * in the caller: reported, and the page is left as it was.
 */
void free_bootmem(phys_addr_t addr, unsigned long size);

/**
 * __alloc_bootmem_nopanic - allocate zeroed boot memory
 * @size: bytes
 * @align: power of two; at least SMP_CACHE_BYTES is sensible
 * @goal: physical address to try first (falls back to any address)
 *
 * Return: a direct-map pointer, or NULL when no node has room.
 */
void *__alloc_bootmem_nopanic(unsigned long size, unsigned long align, unsigned long goal);

/* As above, but panics with the request in the message when out of memory. */
void *__alloc_bootmem(unsigned long size, unsigned long align, unsigned long goal);
/* Below 4 GiB (for 32-bit DMA and the like); panics when out of memory. */
void *__alloc_bootmem_low(unsigned long size, unsigned long align, unsigned long goal);
/* From node @pgdat first (each of its bitmaps, the one holding @goal
 * first), then any node; panics when out of memory. */
void *__alloc_bootmem_node(pg_data_t *pgdat, unsigned long size, unsigned long align,
			   unsigned long goal);
/* As __alloc_bootmem_node, but NULL when no node has room. */
void *__alloc_bootmem_node_nopanic(pg_data_t *pgdat, unsigned long size, unsigned long align,
				   unsigned long goal);
/* As __alloc_bootmem_node, but not zeroed: for the memmap, whose every
 * struct page is written when it is initialised (at boot or deferred). */
void *__alloc_bootmem_node_raw(pg_data_t *pgdat, unsigned long size, unsigned long align,
			       unsigned long goal);
/**
 * alloc_bootmem_high_node_raw - boot memory from the top of node @pgdat
 * @size: bytes
 * @align: power of two
 *
 * Not zeroed, not below BOOTMEM_LOW_LIMIT, only on @pgdat (its highest
 * bitmap first, when it has several: bootmem_cluster_end): for the memmap,
 * which Linux 6.1's memblock places top-down in the node, in the part of
 * it whose struct pages are deferred, leaving the low memory (DMA32) and
 * the part set up at boot free (x86-64's bootmem did the same with
 * alloc_bootmem_high_node).
 *
 * Return: a direct-map pointer, or NULL when no free run that big is left.
 */
void *alloc_bootmem_high_node_raw(pg_data_t *pgdat, unsigned long size, unsigned long align);

#define alloc_bootmem(x)	   __alloc_bootmem(x, SMP_CACHE_BYTES, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_pages(x)	   __alloc_bootmem(x, PAGE_SIZE, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_low(x)	   __alloc_bootmem_low(x, SMP_CACHE_BYTES, 0)
#define alloc_bootmem_low_pages(x) __alloc_bootmem_low(x, PAGE_SIZE, 0)
#define alloc_bootmem_node(pgdat, x) \
	__alloc_bootmem_node(pgdat, x, SMP_CACHE_BYTES, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_pages_node(pgdat, x) \
	__alloc_bootmem_node(pgdat, x, PAGE_SIZE, BOOTMEM_LOW_LIMIT)

/**
 * free_all_bootmem - give every free page to the buddy allocator, retire bootmem
 *
 * Walks each bitmap and frees each run of free pages in the largest
 * naturally aligned blocks that stay inside one zone, then frees the
 * bitmap's own pages. Pages whose struct page is deferred (deferred_init.c)
 * and, while there are such pages, the bitmaps themselves are only counted:
 * page_alloc_init_late() frees them. Any bootmem call after this panics.
 *
 * Return: the number of pages freed or left to free (Linux's totalram_pages).
 */
unsigned long free_all_bootmem(void);

/* Is the page frame @pfn reserved in bootmem? (true outside every node) */
bool bootmem_page_reserved(unsigned long pfn);

/* Number of free pages bootmem holds, over all nodes. */
unsigned long bootmem_free_pages(void);

#endif
