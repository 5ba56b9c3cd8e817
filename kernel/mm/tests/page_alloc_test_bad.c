// SPDX-License-Identifier: MIT
/*
 * The page_alloc suite's bad-page cases: double frees, freeing reserved
 * pages, wrong orders, misaligned and foreign addresses, and page
 * poisoning catching writes to free pages. See page_alloc_test.c.
 */
#include "../internal.h"
#include "page_alloc_test.h"

#include <kernel/percpu.h>
#include <lib/string.h>
#include <lib/vsprintf.h>
#include <mm/nodemask.h>
#include <mm/page_alloc.h>
#include <mm/page_alloc_debug.h>

static char line[200];

/* Is @pfn inside a block on a buddy free list? (pcp lists drained first) */
static bool pfn_is_free(unsigned long pfn)
{
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		unsigned long head = pfn & ~(pat_block_pages(o) - 1);
		struct page *p = pfn_valid(head) ? pfn_to_page(head) : NULL;

		if (p && PageBuddy(p) && p->private >= o)
			return true;
	}
	return false;
}

/* Exactly one more bad page, and (where captured) one report naming @reason. */
static void expect_one_bad(struct ktest *t, unsigned long before, const char *reason)
{
	long n = pat_log_count("BUG: Bad page state");

	KTEST_EXPECT_EQ(t, nr_bad_pages - before, 1UL);
	if (n < 0)
		return;
	KTEST_EXPECT_EQ(t, n, 1L);
	ksnprintf(line, sizeof(line), "page dumped because: %s", reason);
	KTEST_EXPECT_TRUE(t, pat_log_has_line(line));
}

/* After a report the allocator must go on working, invariants intact. */
static void expect_still_works(struct ktest *t)
{
	struct page *p = alloc_pages(GFP_KERNEL | NOWARN, 1);

	KTEST_EXPECT_NOT_NULL(t, p);
	if (p)
		__free_pages(p, 1);
	drain_local_pages();
	pat_expect_invariants(t);
}

/* Freeing a page already on a pcp list: caught by the refcount, not listed twice. */
void page_alloc_bad_double_free_pcp(struct ktest *t)
{
	struct page *p = alloc_page(GFP_KERNEL | NOWARN);
	unsigned long before;

	KTEST_ASSERT_NOT_NULL(t, p);
	__free_page(p);
	before = nr_bad_pages;
	pat_log_clear();
	__free_page(p);
	expect_one_bad(t, before, "double free: _refcount is already 0");
	expect_still_works(t);
}

/*
 * Freeing a block already in the buddy lists (its buddy held, so it did
 * not merge and still heads a PG_buddy block): caught before a second
 * list insertion corrupts the free list.
 */
void page_alloc_bad_double_free_buddy(struct ktest *t)
{
	struct page *victim = NULL;
	struct list_head held;
	unsigned long before;

	/*
	 * Order-1 blocks until one's buddy is among them: existing order-1
	 * free blocks are never pairs, but a split block gives one.
	 */
	INIT_LIST_HEAD(&held);
	for (int i = 0; i < 256 && !victim; i++) {
		struct page *p = alloc_pages(GFP_KERNEL | NOWARN, 1), *q;

		if (!p)
			break;
		for (struct list_head *pos = held.next; pos != &held; pos = pos->next) {
			q = list_entry(pos, struct page, lru);
			if (page_to_pfn(q) == (page_to_pfn(p) ^ 2))
				victim = p;
		}
		if (!victim)
			pat_hold(&held, p);
	}
	if (victim) {
		__free_pages(victim, 1);
		KTEST_EXPECT_TRUE(t, PageBuddy(victim));
		before = nr_bad_pages;
		pat_log_clear();
		__free_pages(victim, 1);
		expect_one_bad(t, before, "double free: the block is already free");
	}
	pat_release(&held, 1);
	KTEST_EXPECT_NOT_NULL(t, victim);
	expect_still_works(t);
}

/* The first reserved page below 16 MiB (the low 1 MiB has some everywhere,
 * on whichever node holds it). */
static struct page *find_reserved_page(void)
{
	for (unsigned long pfn = 0; pfn < (16UL << 20) >> PAGE_SHIFT; pfn++)
		if (pfn_valid(pfn) && PageReserved(pfn_to_page(pfn)) &&
		    page_ref_count(pfn_to_page(pfn)) == 1)
			return pfn_to_page(pfn);
	return NULL;
}

/* Freeing a reserved page (firmware, kernel, memmap) must not make it free. */
void page_alloc_bad_free_reserved(struct ktest *t)
{
	struct page *p = find_reserved_page();
	unsigned long before = nr_bad_pages;

	KTEST_ASSERT_NOT_NULL(t, p);
	drain_local_pages();
	buddy_snapshot_take(&pat_snap);
	pat_log_clear();
	__free_pages(p, 0);
	expect_one_bad(t, before, "PAGE_FLAGS_CHECK_AT_FREE flag(s) set: reserved");
	drain_local_pages();
	KTEST_EXPECT_FALSE(t, pfn_is_free(page_to_pfn(p)));
	KTEST_EXPECT_TRUE(t, PageReserved(p));
	pat_expect_snapshot(t);
	set_page_count(p, 1); /* as memmap_init left it */
	expect_still_works(t);
}

/* Freeing with a smaller order than allocated: the block stays out, whole. */
void page_alloc_bad_wrong_order(struct ktest *t)
{
	struct page *p = alloc_pages(GFP_KERNEL | NOWARN, 2);
	unsigned long before = nr_bad_pages, pfn;

	KTEST_ASSERT_NOT_NULL(t, p);
	pfn = page_to_pfn(p);
	drain_local_pages();
	buddy_snapshot_take(&pat_snap);
	pat_log_clear();
	__free_pages(p, 1);
	expect_one_bad(t, before, "freed with order 1, allocated with order 2");
	drain_local_pages();
	for (unsigned long i = 0; i < 4; i++)
		KTEST_EXPECT_FALSE(t, pfn_is_free(pfn + i));
	pat_expect_snapshot(t);
	/* Give it back properly, so the kernel keeps its memory. */
	set_page_count(p, 1);
	__free_pages(p, 2);
	KTEST_EXPECT_EQ(t, nr_bad_pages - before, 1UL);
	expect_still_works(t);
}

/* An order-1 free of an odd pfn would merge half of someone else's block. */
void page_alloc_bad_misaligned(struct ktest *t)
{
	struct page *pages[8], *odd = NULL;
	unsigned long before = nr_bad_pages;

	for (int i = 0; i < 8; i++) {
		pages[i] = alloc_page(GFP_KERNEL | NOWARN);
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
		if (!odd && (page_to_pfn(pages[i]) & 1)) {
			odd = pages[i];
			pages[i] = NULL;
		}
	}
	for (int i = 0; i < 8; i++)
		if (pages[i])
			__free_page(pages[i]);
	KTEST_ASSERT_NOT_NULL(t, odd);
	drain_local_pages();
	buddy_snapshot_take(&pat_snap);
	pat_log_clear();
	__free_pages(odd, 1);
	expect_one_bad(t, before, "pfn not aligned to order 1");
	drain_local_pages();
	KTEST_EXPECT_FALSE(t, pfn_is_free(page_to_pfn(odd)));
	pat_expect_snapshot(t);
	set_page_count(odd, 1);
	__free_page(odd);
	KTEST_EXPECT_EQ(t, nr_bad_pages - before, 1UL);
	expect_still_works(t);
}

static void expect_foreign_free(struct ktest *t, unsigned long addr)
{
	unsigned long before = nr_bad_pages;

	pat_log_clear();
	free_pages(addr, 0);
	KTEST_EXPECT_EQ(t, nr_bad_pages - before, 1UL);
	if (pat_log_count("BUG:") < 0)
		return;
	KTEST_EXPECT_EQ(t, pat_log_count("BUG:"), 1L);
	ksnprintf(line, sizeof(line),
		  "BUG: free_pages(%#lx, 0): not an address the page allocator gave out", addr);
	KTEST_EXPECT_TRUE(t, pat_log_has_line(line));
}

/* free_pages() of an address without a struct page, or inside a page. */
void page_alloc_bad_foreign_address(struct ktest *t)
{
	unsigned long beyond = nr_mem_sections * PAGES_PER_SECTION; /* no memmap */
	unsigned long addr = __get_free_page(GFP_KERNEL | NOWARN);

	KTEST_ASSERT_NE(t, addr, 0UL);
	drain_local_pages();
	buddy_snapshot_take(&pat_snap);
	expect_foreign_free(t, (unsigned long)__va(PFN_PHYS(beyond)));
	expect_foreign_free(t, addr + 8);
	pat_expect_snapshot(t);
	KTEST_EXPECT_EQ(t, page_ref_count(virt_to_page((void *)addr)), 1);
	free_page(addr);
	expect_still_works(t);
}

/*
 * page_poison=on: a write into a free page shows when it is handed out
 * again, with the first and last byte written; an untouched one does not.
 * Catches poisoning skipped on the pcp path or the check not run.
 */
void page_alloc_poison(struct ktest *t)
{
	struct page *p, *q;
	unsigned char *mem;
	unsigned long before;

	if (!pat_want_poisoning())
		KTEST_SKIP(t, "page_poison=on not given");
	drain_local_pages();
	p = alloc_page(GFP_KERNEL | NOWARN);
	KTEST_ASSERT_NOT_NULL(t, p);
	before = nr_bad_pages;
	memset(page_address(p), 0x11, PAGE_SIZE); /* the owner's data */
	__free_page(p);
	q = alloc_page(GFP_KERNEL | NOWARN); /* hot: the same page, poisoned on free */
	KTEST_EXPECT_EQ(t, q, p);
	KTEST_EXPECT_EQ(t, nr_bad_pages, before);
	KTEST_ASSERT_NOT_NULL(t, q);
	__free_page(q);

	mem = page_address(p);
	KTEST_EXPECT_EQ(t, mem[0], (unsigned char)0xaa);
	KTEST_EXPECT_EQ(t, mem[PAGE_SIZE - 1], (unsigned char)0xaa);
	mem[0x123] = 0x5a; /* use after free */
	mem[0x456] = 0;
	pat_log_clear();
	q = alloc_page(GFP_KERNEL | NOWARN);
	KTEST_EXPECT_EQ(t, q, p);
	KTEST_EXPECT_EQ(t, nr_bad_pages - before, 1UL);
	if (pat_log_count("memory corruption") >= 0) {
		KTEST_EXPECT_EQ(t, pat_log_count("memory corruption"), 1L);
		ksnprintf(
			line, sizeof(line),
			"pagealloc: memory corruption at pfn %#lx, bytes 0x123-0x456 of the free page were written",
			page_to_pfn(p));
		KTEST_EXPECT_TRUE(t, pat_log_has_line(line));
	}
	if (q)
		__free_page(q);
	expect_still_works(t);
}
