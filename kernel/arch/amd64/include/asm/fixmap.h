/* SPDX-License-Identifier: MIT */
/*
 * Fixmap: page-sized slots at fixed virtual addresses near the top of the
 * address space, for MMIO needed before vmalloc exists (the local APIC)
 * and for early_ioremap's temporary mappings. Slot i is at
 * fix_to_virt(i) = FIXADDR_TOP - i pages, as in Linux; every slot lives in
 * one statically allocated page table, so setting one never allocates.
 * Layout in docs/memory-layout.md.
 */
#ifndef ASM_FIXMAP_H
#define ASM_FIXMAP_H

#include <mm/page.h>

/* Linux's: the last page below the 2 MiB block of the vsyscall page. */
#define FIXADDR_TOP 0xffffffffff7ff000ull

/* early_ioremap: slots of pages, one mapping per slot. */
#define NR_FIX_BTMAPS	 16 /* pages per slot: 64 KiB mappings at most */
#define FIX_BTMAPS_SLOTS 4

enum fixed_addresses {
	FIX_HOLE,      /* FIXADDR_TOP itself stays unmapped */
	FIX_APIC_BASE, /* the local APIC's registers */
	FIX_BTMAP_END, /* highest address of the early_ioremap slots */
	FIX_BTMAP_BEGIN = FIX_BTMAP_END + NR_FIX_BTMAPS * FIX_BTMAPS_SLOTS - 1,
	__end_of_fixed_addresses
};

#define FIXADDR_SIZE  ((unsigned long long)__end_of_fixed_addresses << PAGE_SHIFT)
#define FIXADDR_START (FIXADDR_TOP + PAGE_SIZE - FIXADDR_SIZE)

static inline unsigned long fix_to_virt(enum fixed_addresses idx)
{
	return FIXADDR_TOP - ((unsigned long)idx << PAGE_SHIFT);
}

/**
 * set_fixmap - map one page of device memory at slot @idx, uncached (UC-)
 * @idx: a slot other than FIX_HOLE
 * @phys: physical address; the page containing it is mapped
 *
 * Needs paging_init() (the slots hang off init_top_pgt). A slot that is
 * already mapped is remapped (its TLB entry is flushed).
 */
void set_fixmap(enum fixed_addresses idx, phys_addr_t phys);

/** clear_fixmap - unmap slot @idx and flush its TLB entry */
void clear_fixmap(enum fixed_addresses idx);

#endif
