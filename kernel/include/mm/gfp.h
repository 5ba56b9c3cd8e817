/* SPDX-License-Identifier: MIT */
/*
 * GFP flags: which zones an allocation may use, what kind of page it is
 * (mobility), and how hard to try. Linux's meanings; the bits are ours.
 */
#ifndef MM_GFP_H
#define MM_GFP_H

#include <mm/mmzone.h>

typedef unsigned int gfp_t;

/* Zone modifiers: the highest zone the allocation may come from. */
#define __GFP_DMA	  0x01u
#define __GFP_HIGHMEM	  0x02u /* with __GFP_MOVABLE: ZONE_MOVABLE allowed */
#define __GFP_DMA32	  0x04u
#define __GFP_MOVABLE	  0x08u /* the page can be migrated: mobility grouping */
#define __GFP_RECLAIMABLE 0x10u /* the page can be freed on demand (caches) */
#define GFP_ZONEMASK	  (__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE)

/* Action modifiers. */
#define __GFP_HIGH     0x20u /* may dip below the min watermark (by half) */
#define __GFP_ATOMIC   0x40u /* caller cannot sleep: dip further */
#define __GFP_MEMALLOC 0x80u /* ignore the watermarks entirely */
#define __GFP_IO       0x100u
#define __GFP_FS       0x200u
#define __GFP_RECLAIM  0x400u  /* may wait for reclaim (none here yet) */
#define __GFP_ZERO     0x800u  /* return zeroed pages */
#define __GFP_NOWARN   0x1000u /* no failure report */
#define __GFP_COLD     0x2000u /* cache-cold page wanted (per-CPU list tail) */
#define __GFP_THISNODE 0x4000u /* the preferred node only, no fallback */
#define __GFP_BITS     15

#define GFP_ATOMIC	     (__GFP_HIGH | __GFP_ATOMIC)
#define GFP_NOWAIT	     0u
#define GFP_KERNEL	     (__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_USER	     GFP_KERNEL
#define GFP_DMA		     __GFP_DMA
#define GFP_DMA32	     __GFP_DMA32
#define GFP_HIGHUSER_MOVABLE (GFP_USER | __GFP_HIGHMEM | __GFP_MOVABLE)

/* The highest zone @gfp allows (Linux's GFP_ZONE_TABLE, without highmem). */
static inline enum zone_type gfp_zone(gfp_t gfp)
{
	if (gfp & __GFP_DMA)
		return ZONE_DMA;
	if (gfp & __GFP_DMA32)
		return ZONE_DMA32;
	if ((gfp & (__GFP_MOVABLE | __GFP_HIGHMEM)) == (__GFP_MOVABLE | __GFP_HIGHMEM))
		return ZONE_MOVABLE;
	return ZONE_NORMAL;
}

#endif
