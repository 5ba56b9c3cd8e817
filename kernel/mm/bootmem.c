// SPDX-License-Identifier: MIT
/*
 * The bootmem bitmap allocator (Linux 2.6's mm/bootmem.c, rewritten): one
 * bit per page frame of a node, 1 = reserved. Allocations are first-fit
 * from a goal, and small ones share a page with the previous allocation
 * when they follow it directly, as Linux's did. A node whose RAM lies in
 * clusters far apart has a bitmap per cluster (bootmem_cluster_end).
 */
#define pr_fmt(fmt) "bootmem: " fmt

#include "internal.h"
#include <mm/bootmem.h>
#include <mm/node_map.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <limits.h>

#define BITS_PER_LONG 64

bootmem_data_t bootmem_node_data[MAX_NUMNODES];
/* Every bitmap in use, by start pfn (several nodes may share one). */
struct list_head bdata_list = LIST_HEAD_INIT(bdata_list);
unsigned long max_pfn, max_low_pfn;
static bool bootmem_retired;
/*
 * memmap_init wrote the struct pages from this bitmap (free pages in their
 * free state), so until mem_init every change of a bit is mirrored in the
 * struct page, and free_all_bootmem hands the free pages over as they are.
 */
static bool memmap_follows;

/*
 * Every entry point after free_all_bootmem: a clear panic naming the
 * caller's mistake, not a silent no-op or a retired bitmap's NULL.
 */
static void bootmem_check_live(const char *fn)
{
	if (bootmem_retired)
		panic("%s() after mem_init: bootmem is retired, use the page allocator", fn);
}

static bool test_bit(unsigned long i, const unsigned long *map)
{
	return (map[i / BITS_PER_LONG] >> (i % BITS_PER_LONG)) & 1;
}

static void set_bit(unsigned long i, unsigned long *map)
{
	map[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
}

static void clear_bit(unsigned long i, unsigned long *map)
{
	map[i / BITS_PER_LONG] &= ~(1UL << (i % BITS_PER_LONG));
}

/*
 * First bit in [i, end) that differs from @fill (0UL: find a set bit,
 * ~0UL: find a clear one), or end. A word at a time: the bitmap covers
 * all of max_pfn, and its holes are long runs of set bits.
 */
static unsigned long find_next_not(const unsigned long *map, unsigned long end, unsigned long i,
				   unsigned long fill)
{
	while (i < end) {
		unsigned long w = (map[i / BITS_PER_LONG] ^ fill) >> (i % BITS_PER_LONG);

		if (w) {
			i += (unsigned long)__builtin_ctzl(w);
			return i < end ? i : end;
		}
		i = ALIGN_DOWN(i, BITS_PER_LONG) + BITS_PER_LONG;
	}
	return end;
}

/*
 * One past the last bit in [start, i) that differs from @fill, or start
 * if none does: find_next_not walking down, for top-down allocations.
 */
static unsigned long find_prev_not(const unsigned long *map, unsigned long start, unsigned long i,
				   unsigned long fill)
{
	while (i > start) {
		unsigned long bit = (i - 1) % BITS_PER_LONG;
		unsigned long w = (map[(i - 1) / BITS_PER_LONG] ^ fill)
				  << (BITS_PER_LONG - 1 - bit);

		if (w) {
			i -= (unsigned long)__builtin_clzl(w);
			return i > start ? i : start;
		}
		i -= bit + 1;
	}
	return start;
}

static unsigned long find_next_set_bit(const unsigned long *map, unsigned long end, unsigned long i)
{
	return find_next_not(map, end, i, 0UL);
}

static unsigned long find_next_zero_bit(const unsigned long *map, unsigned long end,
					unsigned long i)
{
	return find_next_not(map, end, i, ~0UL);
}

static unsigned long bootmap_bytes(unsigned long pages)
{
	return DIV_ROUND_UP(pages, BITS_PER_LONG) * sizeof(long);
}

unsigned long bootmem_bootmap_pages(unsigned long pages)
{
	return PFN_UP(bootmap_bytes(pages));
}

/* Keep bdata_list sorted by start pfn, so lookups and allocations go up. */
static void link_bootmem(bootmem_data_t *bdata)
{
	struct list_head *pos;

	list_for_each(pos, &bdata_list) {
		if (pos == &bdata->list) {
			list_del(&bdata->list); /* set up again: re-sort */
			break;
		}
	}
	for (pos = bdata_list.next; pos != &bdata_list; pos = pos->next) {
		bootmem_data_t *b = list_entry(pos, bootmem_data_t, list);

		if (bdata->node_min_pfn < b->node_min_pfn)
			break;
	}
	list_add_tail(&bdata->list, pos);
}

unsigned long init_bootmem_core(bootmem_data_t *bdata, unsigned long mapstart,
				unsigned long startpfn, unsigned long endpfn)
{
	unsigned long bytes = bootmap_bytes(endpfn - startpfn);

	bdata->node_bootmem_map = __va(PFN_PHYS(mapstart));
	bdata->node_min_pfn = startpfn;
	bdata->node_low_pfn = endpfn;
	bdata->last_end_off = 0;
	bdata->hint_idx = 0;
	bootmem_retired = false;
	memmap_follows = false;
	/* Everything is reserved until the node map says it is RAM. */
	memset(bdata->node_bootmem_map, 0xff, bytes);
	link_bootmem(bdata);
	return bytes;
}

unsigned long init_bootmem_node(pg_data_t *pgdat, unsigned long freepfn, unsigned long startpfn,
				unsigned long endpfn)
{
	bootmem_data_t *bdata = &bootmem_node_data[pgdat->node_id];

	pgdat->bdata = bdata;
	bdata->nid = pgdat->node_id;
	return init_bootmem_core(bdata, freepfn, startpfn, endpfn);
}

unsigned long init_bootmem_span(unsigned long mapstart, unsigned long startpfn,
				unsigned long endpfn)
{
	if (NODE_DATA(0))
		NODE_DATA(0)->bdata = &bootmem_node_data[0];
	bootmem_node_data[0].nid = NUMA_NO_NODE;
	return init_bootmem_core(&bootmem_node_data[0], mapstart, startpfn, endpfn);
}

unsigned long init_bootmem(unsigned long start, unsigned long pages)
{
	return init_bootmem_span(start, 0, pages);
}

unsigned long bootmem_cluster_bytes(unsigned long pages)
{
	/* A whole number of longs: the bootmem_data_t after it is aligned. */
	return bootmap_bytes(pages) + sizeof(bootmem_data_t);
}

/* Is @b a cluster's, in the block after its bitmap? */
static bool bdata_in_block(const bootmem_data_t *b)
{
	return (const char *)b ==
	       (const char *)b->node_bootmem_map + bootmap_bytes(b->node_low_pfn - b->node_min_pfn);
}

unsigned long bootmem_block_pages(const bootmem_data_t *b)
{
	unsigned long pages = b->node_low_pfn - b->node_min_pfn;

	return PFN_UP(bdata_in_block(b) ? bootmem_cluster_bytes(pages) : bootmap_bytes(pages));
}

unsigned long init_bootmem_cluster(int nid, unsigned long mapstart, unsigned long startpfn,
				   unsigned long endpfn)
{
	bootmem_data_t *bdata =
		(void *)((char *)__va(PFN_PHYS(mapstart)) + bootmap_bytes(endpfn - startpfn));

	memset(bdata, 0, sizeof(*bdata));
	bdata->nid = nid;
	return init_bootmem_core(bdata, mapstart, startpfn, endpfn);
}

static unsigned long node_ram_pages(int nid)
{
	unsigned long ram = 0;
	int i;

	for_each_active_range(i, nid)
		ram += early_node_map[i].end_pfn - early_node_map[i].start_pfn;
	return ram;
}

unsigned long bootmem_cluster_start(int nid, unsigned long start_pfn)
{
	unsigned long ram = node_ram_pages(nid);
	int i;

	/* The map is sorted: the first range ending above @start_pfn. */
	for_each_active_range(i, nid) {
		unsigned long s = early_node_map[i].start_pfn;

		if (early_node_map[i].end_pfn <= start_pfn)
			continue;
		return s > start_pfn && s - start_pfn > ram * BOOTMEM_HOLE_RATIO ? s : start_pfn;
	}
	return start_pfn;
}

unsigned long bootmem_cluster_end(int nid, unsigned long start_pfn, unsigned long end_pfn,
				  unsigned long *next_pfn)
{
	unsigned long ram = node_ram_pages(nid), ram_end = 0;
	int i;

	/* The map is sorted: walk the node's RAM up from @start_pfn. */
	for_each_active_range(i, nid) {
		unsigned long s = early_node_map[i].start_pfn, e = early_node_map[i].end_pfn;

		if (e <= start_pfn || s >= end_pfn)
			continue;
		if (ram_end && s - ram_end > ram * BOOTMEM_HOLE_RATIO) {
			*next_pfn = s;
			return ram_end;
		}
		if (e > ram_end)
			ram_end = e;
	}
	*next_pfn = end_pfn;
	return end_pfn;
}

#define for_each_bdata(b) list_for_each_entry(b, &bdata_list, list)

/* Is @b one of node @nid's bitmaps? A bitmap for all nodes is everyone's. */
static bool bdata_of_node(const bootmem_data_t *b, int nid)
{
	return nid == NUMA_NO_NODE || b->nid == NUMA_NO_NODE || b->nid == nid;
}

/* Which bootmem holds @pfn, or NULL. */
static bootmem_data_t *bdata_for_pfn(unsigned long pfn)
{
	bootmem_data_t *b;

	for_each_bdata(b)
		if (pfn >= b->node_min_pfn && pfn < b->node_low_pfn)
			return b;
	return NULL;
}

/*
 * After memmap_init: [start, end) became reserved or free in a bitmap;
 * the struct pages memmap_init wrote follow (those beyond the deferral
 * line are written later, from the bitmap).
 */
static void sync_memmap(unsigned long start, unsigned long end, bool reserved)
{
	if (!memmap_follows)
		return;
	for (unsigned long pfn = start; pfn < end; pfn++) {
		struct page *page;
		bool deferred;

		if (!pfn_valid(pfn))
			continue;
		deferred_run_end(pfn, pfn + 1, &deferred);
		if (deferred)
			continue;
		page = pfn_to_page(pfn);
		if (reserved)
			SetPageReserved(page);
		else
			ClearPageReserved(page);
		set_page_count(page, reserved ? 1 : 0);
	}
}

static void free_range(bootmem_data_t *b, unsigned long start, unsigned long end)
{
	for (unsigned long pfn = start; pfn < end; pfn++) {
		unsigned long idx = pfn - b->node_min_pfn;

		/* A whole word of reserved pages at a time: the usual case, all
		 * of RAM at boot (a bit at a time cost 16 ms of an 8 GiB boot
		 * under TCG, seconds for a terabyte). */
		if (idx % BITS_PER_LONG == 0 && end - pfn >= BITS_PER_LONG &&
		    b->node_bootmem_map[idx / BITS_PER_LONG] == ~0UL) {
			b->node_bootmem_map[idx / BITS_PER_LONG] = 0;
			pfn += BITS_PER_LONG - 1;
			continue;
		}
		if (!test_bit(idx, b->node_bootmem_map)) {
			pr_err("double free of page %#lx ([mem %#018llx-%#018llx])\n", pfn,
			       (unsigned long long)PFN_PHYS(pfn),
			       (unsigned long long)PFN_PHYS(pfn + 1) - 1);
			continue;
		}
		clear_bit(idx, b->node_bootmem_map);
	}
	sync_memmap(start, end, false);
	if (start - b->node_min_pfn < b->hint_idx)
		b->hint_idx = start - b->node_min_pfn;
}

void free_bootmem_with_active_regions(int nid, unsigned long max_low_pfn)
{
	int i;

	bootmem_check_live(__func__);
	for_each_active_range(i, nid) {
		unsigned long s = early_node_map[i].start_pfn;
		unsigned long e = early_node_map[i].end_pfn;

		if (e > max_low_pfn)
			e = max_low_pfn;
		/* A range may span nodes' bootmem: free it piece by piece. */
		while (s < e) {
			bootmem_data_t *b = bdata_for_pfn(s);
			unsigned long stop;

			if (!b) {
				s++;
				continue;
			}
			stop = e < b->node_low_pfn ? e : b->node_low_pfn;
			free_range(b, s, stop);
			s = stop;
		}
	}
}

void free_bootmem(phys_addr_t addr, unsigned long size)
{
	/* Only whole pages: a partial page may hold someone else's data. */
	unsigned long start = PFN_UP(addr), end = PFN_DOWN(addr + size);

	bootmem_check_live(__func__);
	while (start < end) {
		bootmem_data_t *b = bdata_for_pfn(start);
		unsigned long stop;

		if (!b) {
			pr_err("free of [mem %#018llx-%#018llx]: page %#lx is outside bootmem's RAM\n",
			       (unsigned long long)addr, (unsigned long long)(addr + size - 1),
			       start);
			return;
		}
		stop = end < b->node_low_pfn ? end : b->node_low_pfn;
		free_range(b, start, stop);
		start = stop;
	}
}

int reserve_bootmem(phys_addr_t addr, unsigned long size, int flags)
{
	unsigned long start = PFN_DOWN(addr), end = PFN_UP(addr + size);
	unsigned long pfn;

	bootmem_check_live(__func__);
	if (flags & BOOTMEM_EXCLUSIVE) {
		for (pfn = start; pfn < end; pfn++) {
			bootmem_data_t *b = bdata_for_pfn(pfn);

			if (b && test_bit(pfn - b->node_min_pfn, b->node_bootmem_map)) {
				pr_err("exclusive reserve of [mem %#018llx-%#018llx]: page %#lx is already reserved\n",
				       (unsigned long long)addr,
				       (unsigned long long)(addr + size - 1), pfn);
				return -EBUSY;
			}
		}
	}
	for (pfn = start; pfn < end; pfn++) {
		bootmem_data_t *b = bdata_for_pfn(pfn);

		if (b) {
			set_bit(pfn - b->node_min_pfn, b->node_bootmem_map);
			sync_memmap(pfn, pfn + 1, true);
		}
	}
	return 0;
}

bool bootmem_page_reserved(unsigned long pfn)
{
	bootmem_data_t *b;

	bootmem_check_live(__func__);
	b = bdata_for_pfn(pfn);
	return !b || test_bit(pfn - b->node_min_pfn, b->node_bootmem_map);
}

unsigned long bootmem_free_pages(void)
{
	unsigned long n = 0;
	bootmem_data_t *b;

	bootmem_check_live(__func__);
	for_each_bdata(b) {
		for (unsigned long i = 0; i < b->node_low_pfn - b->node_min_pfn; i++)
			n += !test_bit(i, b->node_bootmem_map);
	}
	return n;
}

/* Round a page index up so that its pfn is a multiple of @step. */
static unsigned long align_idx(const bootmem_data_t *b, unsigned long idx, unsigned long step)
{
	unsigned long base = b->node_min_pfn;

	return ALIGN(base + idx, step) - base;
}

/* Round a byte offset (from node start) up so its address is @align-ed. */
static unsigned long align_off(const bootmem_data_t *b, unsigned long off, unsigned long align)
{
	unsigned long base = PFN_PHYS(b->node_min_pfn);

	return ALIGN(base + off, align) - base;
}

/* The largest order block at @pfn that fits below @end and in one zone. */
static unsigned int max_block_order(unsigned long pfn, unsigned long end)
{
	unsigned int order = pfn ? (unsigned int)__builtin_ctzl(pfn) : MAX_ORDER - 1;

	if (order > MAX_ORDER - 1)
		order = MAX_ORDER - 1;
	while (pfn + (1UL << order) > end)
		order--;
	/* A block may span two memmap sections (order 10): both must exist
	 * and the block must not straddle a zone or node boundary. */
	while (order > PFN_SECTION_SHIFT) {
		unsigned long last = pfn + (1UL << order) - 1;

		if (pfn_valid(last) && page_zone(pfn_to_page(last)) == page_zone(pfn_to_page(pfn)))
			break;
		order--;
	}
	while (order &&
	       page_zone(pfn_to_page(pfn + (1UL << order) - 1)) != page_zone(pfn_to_page(pfn)))
		order--;
	return order;
}

void __free_pages_memory(unsigned long start, unsigned long end, bool fresh)
{
	unsigned long pfn = start;

	while (pfn < end) {
		unsigned int order = max_block_order(pfn, end);

		if (fresh)
			__free_pages_fresh(pfn_to_page(pfn), order);
		else
			__free_pages_core(pfn_to_page(pfn), order);
		pfn += 1UL << order;
	}
}

/*
 * A free run at the end of boot: what lies below the deferral line goes to
 * the buddy lists now, the rest when page_alloc_init_late() gets there. Both
 * count as RAM the allocator manages (Linux's totalram_pages).
 */
static unsigned long free_boot_run(unsigned long start, unsigned long end)
{
	for (unsigned long pfn = start; pfn < end;) {
		bool deferred;
		unsigned long stop = deferred_run_end(pfn, end, &deferred);

		if (!deferred)
			__free_pages_memory(pfn, stop, memmap_follows);
		pfn = stop;
	}
	return end - start;
}

static void free_bootmem_bitmaps(void)
{
	bootmem_data_t *b, *next;

	/* A cluster's bootmem_data_t goes with its block: read it first. */
	list_for_each_entry_safe(b, next, &bdata_list, list) {
		unsigned long map_pfn = PFN_DOWN(__pa(b->node_bootmem_map));
		unsigned long pages = bootmem_block_pages(b);

		b->node_bootmem_map = NULL;
		__free_pages_memory(map_pfn, map_pfn + pages, false);
	}
	INIT_LIST_HEAD(&bdata_list);
}

unsigned long free_all_bootmem(void)
{
	bootmem_data_t *b;
	unsigned long freed = 0;
	struct zone *zone;

	bootmem_check_live(__func__);
	/* The estimate free_area_init_nodes made becomes the real count. */
	for_each_populated_zone(zone)
		zone->managed_pages = 0;
	deferred_init_reserved();

	for_each_bdata(b) {
		unsigned long npages = b->node_low_pfn - b->node_min_pfn;
		unsigned long i = 0;

		while (i < npages) {
			unsigned long word = b->node_bootmem_map[i / BITS_PER_LONG];
			unsigned long run;

			if (i % BITS_PER_LONG == 0 && word == ~0UL) {
				i += BITS_PER_LONG;
				continue;
			}
			if (test_bit(i, b->node_bootmem_map)) {
				i++;
				continue;
			}
			run = find_next_set_bit(b->node_bootmem_map, npages, i);
			freed += free_boot_run(b->node_min_pfn + i, b->node_min_pfn + run);
			i = run;
		}
		/* The bitmap's pages go too (counted now, freed once it is read
		 * for the last time). */
		freed += bootmem_block_pages(b);
	}
	bootmem_retired = true;
	memmap_follows = false;
	/* The deferred pages' worker still reads the bitmaps. */
	if (!deferred_pages)
		free_bootmem_bitmaps();
	return freed;
}

unsigned long bootmem_run(unsigned long pfn, unsigned long end, bool *free)
{
	bootmem_data_t *b;

	*free = false;
	for_each_bdata(b) {
		unsigned long stop = end < b->node_low_pfn ? end : b->node_low_pfn, idx, run;

		if (pfn >= b->node_low_pfn)
			continue;
		if (pfn < b->node_min_pfn) /* between bitmaps: no RAM */
			return end < b->node_min_pfn ? end : b->node_min_pfn;
		idx = pfn - b->node_min_pfn;
		*free = !test_bit(idx, b->node_bootmem_map);
		run = *free ? find_next_set_bit(b->node_bootmem_map, stop - b->node_min_pfn, idx)
			    : find_next_zero_bit(b->node_bootmem_map, stop - b->node_min_pfn, idx);
		return b->node_min_pfn + run;
	}
	return end;
}

/**
 * bootmem_memmap_begin - memmap_init is about to write the struct pages
 *
 * Return: true if bootmem is live: then memmap_init writes the pages it
 * has free in their free state (bootmem_run), and from now to mem_init
 * bootmem keeps the struct pages in step with its bitmap.
 */
bool bootmem_memmap_begin(void)
{
	memmap_follows = !bootmem_retired && !list_empty(&bdata_list);
	return memmap_follows;
}

void bootmem_discard(void)
{
	free_bootmem_bitmaps();
}

static void *alloc_core(bootmem_data_t *b, unsigned long size, unsigned long align,
			unsigned long goal, unsigned long limit, bool zero)
{
	unsigned long min = b->node_min_pfn, max = b->node_low_pfn;
	unsigned long step = align >> PAGE_SHIFT ? align >> PAGE_SHIFT : 1;
	unsigned long start, sidx, midx, fallback = 0;

	goal >>= PAGE_SHIFT;
	limit >>= PAGE_SHIFT;
	if (limit && max > limit)
		max = limit;
	if (max <= min)
		return NULL;
	start = (goal > min && goal < max) ? ALIGN(goal, step) : ALIGN(min, step);
	sidx = start - min;
	midx = max - min;
	if (b->hint_idx > sidx) {
		/* Allocations go up: skip what is known to be taken, but come
		 * back for the part between the goal and the hint if need be. */
		fallback = sidx + 1;
		sidx = align_idx(b, b->hint_idx, step);
	}

	for (;;) {
		unsigned long eidx, i, start_off, end_off;
		bool busy = false;

		sidx = align_idx(b, find_next_zero_bit(b->node_bootmem_map, midx, sidx), step);
		eidx = sidx + PFN_UP(size);
		if (sidx >= midx || eidx > midx) {
			if (!fallback)
				return NULL;
			sidx = align_idx(b, fallback - 1, step);
			fallback = 0;
			continue;
		}
		for (i = sidx; i < eidx; i++) {
			if (test_bit(i, b->node_bootmem_map)) {
				busy = true;
				break;
			}
		}
		if (busy) {
			sidx = align_idx(b, i, step);
			if (sidx == i)
				sidx += step;
			continue;
		}

		/* Share the last allocation's partial page if we follow it. */
		if ((b->last_end_off & (PAGE_SIZE - 1)) && PFN_DOWN(b->last_end_off) + 1 == sidx)
			start_off = align_off(b, b->last_end_off, align);
		else
			start_off = PFN_PHYS(sidx);
		end_off = start_off + size;
		b->last_end_off = end_off;
		b->hint_idx = PFN_UP(end_off);
		/* The shared page is already reserved; the rest was checked. */
		for (i = PFN_UP(start_off); i < PFN_UP(end_off); i++)
			set_bit(i, b->node_bootmem_map);
		sync_memmap(min + PFN_UP(start_off), min + PFN_UP(end_off), true);
		if (zero)
			memset(__va(PFN_PHYS(min) + start_off), 0, size);
		return __va(PFN_PHYS(min) + start_off);
	}
}

/*
 * The highest free run of @size bytes in @b at or above @low (a pfn), on
 * page boundaries aligned to @align, looked for from the top down a word
 * of the bitmap at a time: below the highest free bit, the highest aligned
 * place that ends there is checked, and only its own bits are read (a
 * 1 TiB node's bitmap is 32 MiB, nearly all one free run).
 */
static void *alloc_core_top(bootmem_data_t *b, unsigned long size, unsigned long align,
			    unsigned long low)
{
	unsigned long min = b->node_min_pfn, i = b->node_low_pfn - min;
	unsigned long step = align >> PAGE_SHIFT ? align >> PAGE_SHIFT : 1, pages = PFN_UP(size);
	unsigned long best = ULONG_MAX, lo = low > min ? low - min : 0;

	while (i > lo) {
		unsigned long e = find_prev_not(b->node_bootmem_map, lo, i, ~0UL), at, s;

		/* Every place lower down is lower still: none fits if this one does not. */
		if (e - lo < pages)
			break;
		at = ALIGN_DOWN(min + e - pages, step);
		if (at < min + lo)
			break;
		/* One past the last reserved page in [at, e), or at: all free. */
		s = find_prev_not(b->node_bootmem_map, at - min, e, 0UL);
		if (s == at - min) {
			best = at - min;
			break;
		}
		i = s;
	}
	if (best == ULONG_MAX)
		return NULL;
	for (i = best; i < best + pages; i++)
		set_bit(i, b->node_bootmem_map);
	sync_memmap(min + best, min + best + pages, true);
	return __va(PFN_PHYS(min + best));
}

/* From node @nid's bitmaps (NUMA_NO_NODE: all): the one that holds the
 * goal first, then the others upwards. */
static void *alloc_from_node(int nid, unsigned long size, unsigned long align, unsigned long goal,
			     unsigned long limit, bool zero)
{
	bootmem_data_t *g = bdata_for_pfn(PFN_DOWN(goal)), *b;
	void *p;

	if (g && bdata_of_node(g, nid)) {
		p = alloc_core(g, size, align, goal, limit, zero);
		if (p)
			return p;
	}
	for_each_bdata(b) {
		if (b == g || !bdata_of_node(b, nid))
			continue;
		p = alloc_core(b, size, align, goal, limit, zero);
		if (p)
			return p;
	}
	return NULL;
}

static void *alloc_any_node(unsigned long size, unsigned long align, unsigned long goal,
			    unsigned long limit, bool zero)
{
	void *p;

	if (!size || (align & (align - 1)))
		return NULL;
	if (!align)
		align = 1;
	p = alloc_from_node(NUMA_NO_NODE, size, align, goal, limit, zero);
	/* Nothing at or above the goal: try again from the bottom. */
	if (!p && goal)
		return alloc_any_node(size, align, 0, limit, zero);
	return p;
}

void *__alloc_bootmem_nopanic(unsigned long size, unsigned long align, unsigned long goal)
{
	bootmem_check_live(__func__);
	return alloc_any_node(size, align, goal, 0, true);
}

static __noreturn void out_of_bootmem(const char *what, unsigned long size, unsigned long align,
				      unsigned long goal)
{
	panic("Out of memory: %s of %lu bytes (align %#lx, goal %#lx) failed, %lu pages free", what,
	      size, align, goal, bootmem_free_pages());
}

void *__alloc_bootmem(unsigned long size, unsigned long align, unsigned long goal)
{
	void *p;

	bootmem_check_live(__func__);
	p = alloc_any_node(size, align, goal, 0, true);
	if (!p)
		out_of_bootmem("bootmem allocation", size, align, goal);
	return p;
}

void *__alloc_bootmem_low(unsigned long size, unsigned long align, unsigned long goal)
{
	void *p;

	bootmem_check_live(__func__);
	p = alloc_any_node(size, align, goal, ARCH_LOW_ADDRESS_LIMIT + 1, true);
	if (!p)
		out_of_bootmem("low bootmem allocation", size, align, goal);
	return p;
}

static void *alloc_node(pg_data_t *pgdat, unsigned long size, unsigned long align,
			unsigned long goal, bool zero)
{
	void *p = NULL;

	if (pgdat->bdata && !(align & (align - 1)))
		p = alloc_from_node(pgdat->node_id, size, align ? align : 1, goal, 0, zero);
	if (!p)
		p = alloc_any_node(size, align, goal, 0, zero);
	return p;
}

static void *alloc_node_or_panic(pg_data_t *pgdat, unsigned long size, unsigned long align,
				 unsigned long goal, bool zero)
{
	void *p = alloc_node(pgdat, size, align, goal, zero);

	if (!p)
		out_of_bootmem("node bootmem allocation", size, align, goal);
	return p;
}

void *__alloc_bootmem_node(pg_data_t *pgdat, unsigned long size, unsigned long align,
			   unsigned long goal)
{
	bootmem_check_live(__func__);
	return alloc_node_or_panic(pgdat, size, align, goal, true);
}

void *__alloc_bootmem_node_nopanic(pg_data_t *pgdat, unsigned long size, unsigned long align,
				   unsigned long goal)
{
	bootmem_check_live(__func__);
	return alloc_node(pgdat, size, align, goal, true);
}

void *__alloc_bootmem_node_raw(pg_data_t *pgdat, unsigned long size, unsigned long align,
			       unsigned long goal)
{
	bootmem_check_live(__func__);
	return alloc_node_or_panic(pgdat, size, align, goal, false);
}

void *alloc_bootmem_high_node_raw(pg_data_t *pgdat, unsigned long size, unsigned long align)
{
	bootmem_data_t *b;

	bootmem_check_live(__func__);
	if (!pgdat->bdata || !size || (align & (align - 1)))
		return NULL;
	/* Top-down: the node's highest bitmap first. */
	list_for_each_entry_reverse(b, &bdata_list, list)
	{
		void *p;

		if (!bdata_of_node(b, pgdat->node_id))
			continue;
		p = alloc_core_top(b, size, align, PFN_DOWN(BOOTMEM_LOW_LIMIT));
		if (p)
			return p;
	}
	return NULL;
}
