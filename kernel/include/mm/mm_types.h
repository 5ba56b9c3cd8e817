/* SPDX-License-Identifier: MIT */
/*
 * struct page: one per physical page frame, 64 bytes like Linux's on
 * x86-64, so a struct page never straddles a cache line and the memmap
 * costs what Linux's costs (1.5625% of RAM).
 */
#ifndef MM_MM_TYPES_H
#define MM_MM_TYPES_H

#include <lib/list.h>

struct page {
	unsigned long flags;  /* PG_* bits; section, node and zone on top */
	struct list_head lru; /* buddy free list, pcp list, slab list */
	void *slab_cache;     /* owner cache when PG_slab */
	void *freelist;	      /* slab: first free object not held by a CPU */
	/* freelist and counters: 16-byte aligned, swapped together (cmpxchg_double) */
	union {
		unsigned long private;	/* buddy: order of the block */
		unsigned long counters; /* slab: inuse, objects, frozen */
	};
	int _mapcount;
	int _refcount;
} __attribute__((aligned(64))); /* 56 bytes of fields, one cache line */

_Static_assert(sizeof(struct page) == 64, "struct page must stay 64 bytes");

_Static_assert(__builtin_offsetof(struct page, freelist) % 16 == 0 &&
		       __builtin_offsetof(struct page, counters) ==
			       __builtin_offsetof(struct page, freelist) + sizeof(void *),
	       "slab freelist and counters must form one aligned double word");

#endif
