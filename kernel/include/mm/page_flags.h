/* SPDX-License-Identifier: MIT */
/*
 * The bits of page->flags: PG_* state at the bottom; the page's memmap
 * section, zone and node packed at the top (Linux's page_flags_layout),
 * so a struct page knows where it belongs without a lookup.
 */
#ifndef MM_PAGE_FLAGS_H
#define MM_PAGE_FLAGS_H

#include <mm/mm_types.h>
#include <stdbool.h>

enum pageflags {
	PG_reserved, /* not for the page allocator: hole, kernel, firmware */
	PG_buddy,    /* free, heading a block of 2^private pages in the buddy lists */
	PG_slab,     /* owned by the slab allocator */
	PG_head,     /* first page of a multi-page slab */
	PG_tail,     /* other pages of it; lru.next points at the head */
	NR_PAGEFLAGS
};

/* Flags a page may not carry when it is freed or handed out. */
#define PAGE_FLAGS_CHECK_AT_FREE                                                          \
	((1UL << PG_reserved) | (1UL << PG_buddy) | (1UL << PG_slab) | (1UL << PG_head) | \
	 (1UL << PG_tail))

#define NODES_SHIFT    6  /* MAX_NUMNODES 64 */
#define ZONES_SHIFT    3  /* MAX_NR_ZONES 5 */
#define SECTIONS_SHIFT 31 /* 2 MiB sections up to 4 PiB */

#define NODES_PGSHIFT	 (64 - NODES_SHIFT)
#define ZONES_PGSHIFT	 (NODES_PGSHIFT - ZONES_SHIFT)
#define SECTIONS_PGSHIFT (ZONES_PGSHIFT - SECTIONS_SHIFT)

_Static_assert(SECTIONS_PGSHIFT >= NR_PAGEFLAGS, "page->flags layout overflows");

#define NODES_MASK    ((1UL << NODES_SHIFT) - 1)
#define ZONES_MASK    ((1UL << ZONES_SHIFT) - 1)
#define SECTIONS_MASK ((1UL << SECTIONS_SHIFT) - 1)

/*
 * page->flags is read without locks by whoever looks at a page (the buddy
 * allocator checks a neighbour it does not own), while the page's owner
 * changes its bits: loads and stores go through these, whole (relaxed
 * atomics, Linux's READ_ONCE/WRITE_ONCE; plain moves on x86). A page's
 * bits are changed by one party at a time: its owner, or the zone's lock
 * holder while it is free.
 */
static inline unsigned long page_flags(const struct page *p)
{
	return __atomic_load_n(&p->flags, __ATOMIC_RELAXED);
}

static inline void set_page_flags(struct page *p, unsigned long flags)
{
	__atomic_store_n(&p->flags, flags, __ATOMIC_RELAXED);
}

static inline int page_to_nid(const struct page *p)
{
	return (int)((page_flags(p) >> NODES_PGSHIFT) & NODES_MASK);
}

static inline int page_zonenum(const struct page *p)
{
	return (int)((page_flags(p) >> ZONES_PGSHIFT) & ZONES_MASK);
}

static inline unsigned long page_to_section(const struct page *p)
{
	return (page_flags(p) >> SECTIONS_PGSHIFT) & SECTIONS_MASK;
}

static inline void set_page_links(struct page *p, int zone, int nid, unsigned long section)
{
	set_page_flags(p, (page_flags(p) & ((1UL << SECTIONS_PGSHIFT) - 1)) |
				  (unsigned long)nid << NODES_PGSHIFT |
				  (unsigned long)zone << ZONES_PGSHIFT |
				  section << SECTIONS_PGSHIFT);
}

static inline bool PageReserved(const struct page *p)
{
	return page_flags(p) & (1UL << PG_reserved);
}

static inline void SetPageReserved(struct page *p)
{
	set_page_flags(p, page_flags(p) | 1UL << PG_reserved);
}

static inline void ClearPageReserved(struct page *p)
{
	set_page_flags(p, page_flags(p) & ~(1UL << PG_reserved));
}

static inline bool PageBuddy(const struct page *p)
{
	return page_flags(p) & (1UL << PG_buddy);
}

static inline void __SetPageBuddy(struct page *p)
{
	set_page_flags(p, page_flags(p) | 1UL << PG_buddy);
}

static inline void __ClearPageBuddy(struct page *p)
{
	set_page_flags(p, page_flags(p) & ~(1UL << PG_buddy));
}

static inline bool PageSlab(const struct page *p)
{
	return page_flags(p) & (1UL << PG_slab);
}

static inline bool PageTail(const struct page *p)
{
	return page_flags(p) & (1UL << PG_tail);
}

/* The first page of the block @p belongs to (for slab pages). */
static inline struct page *compound_head(struct page *p)
{
	return PageTail(p) ? (struct page *)p->lru.next : p;
}

/* compound_head(), and the head's flags in *@flags: each page's flags read once. */
static inline struct page *compound_head_flags(struct page *p, unsigned long *flags)
{
	*flags = page_flags(p);
	if (*flags & (1UL << PG_tail)) {
		p = (struct page *)p->lru.next;
		*flags = page_flags(p);
	}
	return p;
}

static inline int page_ref_count(const struct page *p)
{
	return p->_refcount;
}

static inline void set_page_count(struct page *p, int v)
{
	p->_refcount = v;
}

#endif
