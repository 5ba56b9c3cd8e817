/* SPDX-License-Identifier: MIT */
/*
 * Consistency checks of the page allocator's data structures, for the
 * self-tests and the fuzzer (not called on any allocation path). They
 * read every free list and every struct page of each zone: slow, but the
 * only way to see a corruption before it turns into a wrong allocation.
 */
#ifndef MM_PAGE_ALLOC_DEBUG_H
#define MM_PAGE_ALLOC_DEBUG_H

#include <mm/mmzone.h>
#include <stdbool.h>
#include <stddef.h>

/**
 * check_buddy_invariants - the buddy lists and pcp lists of every zone
 * @why: the first broken invariant, as one line of text ("" when all hold)
 * @len: size of @why
 *
 * Every block on a free list is PG_buddy, has private == its order, is
 * aligned, lies wholly in its zone, holds no reserved or PG_buddy page
 * besides its head, and is on exactly one list; its buddy of the same
 * order is not free too (they would have merged); nr_free per order is the
 * lists' length; the zone's free_pages is their sum; every PG_buddy page of
 * the memmap heads a listed block; pcp lists hold count non-buddy pages of
 * their zone. Takes each zone lock.
 *
 * Return: true if every invariant holds.
 */
bool check_buddy_invariants(char *why, size_t len);

/* Free pages and per-order free blocks of each populated zone. */
#define BUDDY_SNAPSHOT_ZONES 32
struct buddy_snapshot {
	unsigned int nr_zones;
	struct {
		const struct zone *zone;
		unsigned long free_pages;
		unsigned long nr_free[MAX_ORDER];
	} z[BUDDY_SNAPSHOT_ZONES];
};

/* Record every populated zone's counts (drain the pcp lists first). */
void buddy_snapshot_take(struct buddy_snapshot *s);

/**
 * buddy_snapshot_equal - do the zones have the counts of @s again?
 * @why: the first difference ("" when none)
 */
bool buddy_snapshot_equal(const struct buddy_snapshot *s, char *why, size_t len);

#endif
