// SPDX-License-Identifier: MIT
/*
 * vmalloc, vmap and the mapping half of ioremap (mm/vmalloc.h).
 *
 * The range comes from the range allocator (vmap_tree.c) under one lock;
 * every area is one guard page longer than what is mapped. Page tables
 * are touched outside the lock: the area is ours once reserved.
 *
 * Freeing is lazy, as in Linux: the pages are unmapped (and a vmalloc
 * area's pages freed) at once, but the area stays in the busy tree on a
 * purge list and its pages count in vmap_lazy_nr. Once that count exceeds
 * lazy_max_pages(), or an allocation finds no room, one TLB shootdown
 * covers every area on the list and only then do their ranges go back to
 * the free tree: a range is never handed out while a CPU may still hold a
 * translation for it, and one IPI round pays for many frees.
 *
 * No pages array per area: vfree finds the pages through the page tables
 * (arch_unmap_kernel_page returns what was mapped).
 */
#define pr_fmt(fmt) "vmalloc: " fmt

#include "vmap_node_pool.h"

#include <kernel/arch.h>
#include <kernel/cpumask.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <lib/string.h>
#include <mm/page_alloc.h>
#include <mm/vmalloc.h>
#include <mm/vmap_tree.h>

#define GUARD_SIZE PAGE_SIZE
/*
 * Set from the moment an area is being torn down until its range is free
 * again (it waits on the purge list meanwhile): a second free is reported,
 * and the area is not live for vmalloc_get_info or mmk-vmallocinfo.
 */
#define VM_FREEING 0x80000000u
/* Linux's lazy_max_pages() unit: 32 MiB of pages per log2 step of CPUs. */
#define LAZY_UNIT_PAGES ((32ul << 20) >> PAGE_SHIFT)

static struct vmap_node_pool node_pool;
static const struct vmap_node_ops node_ops = {
	vmap_node_pool_alloc,
	vmap_node_pool_free,
	&node_pool,
};
static struct vmap_space vmap_space;
static spinlock_t vmap_lock = SPIN_LOCK_UNLOCKED;
static bool vmalloc_ready;
static unsigned long bad_frees;

/* Under vmap_lock: unmapped areas whose ranges wait for a TLB flush. */
static struct vmap_area *purge_list;
static unsigned long vmap_lazy_nr; /* their pages, guard pages included */
static unsigned long nr_lazy_areas;
static unsigned long nr_purges; /* flushes made by purges */
/* Taken off the list by the purge in progress, still counted above. */
static unsigned long in_flight_areas, in_flight_pages;
/*
 * Serialises purges, taken with interrupts on: the holder waits for every
 * CPU in the shootdown, and one spinning here still answers the IPI.
 */
static spinlock_t vmap_purge_lock = SPIN_LOCK_UNLOCKED;

void __init vmalloc_init(void)
{
	unsigned long start, end;

	arch_vmalloc_range(&start, &end);
	if (vmap_space_init(&vmap_space, start, end, &node_ops)) {
		pr_err("cannot set up [0x%lx-0x%lx)\n", start, end);
		return;
	}
	vmalloc_ready = true;
	pr_info("area [0x%lx-0x%lx), %lu GiB, one guard page per area\n", start, end,
		(end - start) >> 30);
}

/* Reserve a range for @size mapped bytes plus the guard page. */
static struct vmap_area *reserve_area(unsigned long size, unsigned int flags)
{
	struct vmap_area *va = NULL;
	unsigned long irq;

	if (!vmalloc_ready) {
		pr_err("used before vmalloc_init()\n");
		return NULL;
	}
	if (!size) {
		pr_warn("0 bytes requested\n");
		return NULL;
	}
	if (size > vmap_space.end - vmap_space.start - GUARD_SIZE) {
		pr_warn("size %lu: larger than the vmalloc area\n", size);
		return NULL;
	}
	for (bool purged = false;; purged = true) {
		spin_lock_irqsave(&vmap_lock, irq);
		va = vmap_space_alloc(&vmap_space, PAGE_ALIGN(size) + GUARD_SIZE, PAGE_SIZE);
		if (va)
			va->flags = flags;
		spin_unlock_irqrestore(&vmap_lock, irq);
		/* No room: the lazily freed ranges may make some; try once more. */
		if (va || purged)
			break;
		vm_unmap_aliases();
	}
	if (!va)
		pr_warn("size %lu: no free range in the vmalloc area\n", size);
	return va;
}

/**
 * vmalloc_lazy_max_pages - how many lazily freed pages trigger a purge
 *
 * Linux's lazy_max_pages(): 32 MiB worth, times log2 of the online CPUs
 * plus one, as the flush costs more with more CPUs to interrupt.
 */
unsigned long vmalloc_lazy_max_pages(void)
{
	unsigned int cpus = num_online_cpus();

	return (cpus ? 32u - (unsigned int)__builtin_clz(cpus) : 1u) * LAZY_UNIT_PAGES;
}

/*
 * Flush the TLBs once for every area on the purge list, then free their
 * ranges. Caller holds vmap_purge_lock, not vmap_lock: the shootdown waits
 * for every CPU, and one may be spinning on vmap_lock with interrupts off.
 */
static void purge_lazy_areas(void)
{
	unsigned long irq, start = ~0ul, end = 0;
	struct vmap_area *list, *va;

	spin_lock_irqsave(&vmap_lock, irq);
	list = purge_list;
	purge_list = NULL;
	for (va = list; va; va = va->purge_next) {
		start = va->va_start < start ? va->va_start : start;
		end = va->va_end > end ? va->va_end : end;
		in_flight_areas++;
		in_flight_pages += (va->va_end - va->va_start) >> PAGE_SHIFT;
	}
	spin_unlock_irqrestore(&vmap_lock, irq);
	if (!list)
		return;
	arch_flush_tlb_kernel_range(start, end);

	spin_lock_irqsave(&vmap_lock, irq);
	nr_purges++;
	nr_lazy_areas -= in_flight_areas;
	vmap_lazy_nr -= in_flight_pages;
	in_flight_areas = in_flight_pages = 0;
	while (list) {
		va = list;
		list = va->purge_next;
		vmap_space_free(&vmap_space, va);
	}
	spin_unlock_irqrestore(&vmap_lock, irq);
}

void vm_unmap_aliases(void)
{
	if (!vmalloc_ready)
		return;
	spin_lock(&vmap_purge_lock);
	purge_lazy_areas();
	spin_unlock(&vmap_purge_lock);
}

/*
 * Queue an unmapped area for the next purge; purge now if too much waits.
 * Linux hands that purge to a workqueue; we have none, so the freeing
 * call does it, unless another CPU is already purging (it cannot wait
 * for that one: the caller might have interrupts off).
 */
static void free_area_lazy(struct vmap_area *va)
{
	unsigned long irq, lazy;

	spin_lock_irqsave(&vmap_lock, irq);
	va->flags |= VM_FREEING; /* a failed map has not set it yet */
	va->purge_next = purge_list;
	purge_list = va;
	nr_lazy_areas++;
	vmap_lazy_nr += (va->va_end - va->va_start) >> PAGE_SHIFT;
	lazy = vmap_lazy_nr;
	spin_unlock_irqrestore(&vmap_lock, irq);
	if (lazy > vmalloc_lazy_max_pages() && spin_trylock(&vmap_purge_lock)) {
		purge_lazy_areas();
		spin_unlock(&vmap_purge_lock);
	}
}

/*
 * Unmap whatever is mapped in @va (a failed vmalloc maps only a prefix),
 * free the pages if the area owns them, and queue the range for a purge.
 *
 * The pages go back before the TLB flush, as in Linux: another CPU may
 * still hold a stale translation of the freed address to a page with a
 * new owner until the purge, but nothing uses an address it has freed,
 * and the range itself is not reused before the flush. Holding the pages
 * instead would keep up to lazy_max_pages() of memory out of use.
 */
static void teardown_area(struct vmap_area *va)
{
	/* A reservation maps nothing: do not walk terabytes of empty tables. */
	unsigned long end = va->flags & VM_RESERVED ? va->va_start : va->va_end - GUARD_SIZE;

	for (unsigned long addr = va->va_start; addr < end; addr += PAGE_SIZE) {
		phys_addr_t pa;

		if (arch_unmap_kernel_page(addr, &pa) && (va->flags & VM_ALLOC))
			__free_page(pfn_to_page(PFN_DOWN(pa)));
	}
	free_area_lazy(va);
}

static const char *kind_name(unsigned int flags)
{
	if (flags & VM_ALLOC)
		return "vmalloc";
	if (flags & VM_MAP)
		return "vmap";
	if (flags & VM_RESERVED)
		return "reserved";
	return flags & VM_IOREMAP ? "ioremap" : "unknown";
}

bool vunmap_area(const void *addr, unsigned int flags, const char *who)
{
	unsigned long irq;
	struct vmap_area *va = NULL;
	unsigned int found = 0;

	if (vmalloc_ready) {
		spin_lock_irqsave(&vmap_lock, irq);
		va = vmap_space_find(&vmap_space, (unsigned long)addr);
		if (va) {
			found = va->flags;
			if ((found & flags) && !(found & VM_FREEING))
				va->flags |= VM_FREEING;
			else
				va = NULL;
		}
		if (!va)
			bad_frees++;
		spin_unlock_irqrestore(&vmap_lock, irq);
	}
	if (!va) {
		if (found & VM_FREEING)
			pr_err("Trying to %s() an area already being freed (%p)\n", who, addr);
		else if (found)
			pr_err("Trying to %s() a %s area (%p)\n", who, kind_name(found), addr);
		else
			pr_err("Trying to %s() nonexistent vm area (%p)\n", who, addr);
		dump_stack();
		return false;
	}
	teardown_area(va);
	return true;
}

static void *vmalloc_gfp(unsigned long size, gfp_t gfp)
{
	struct vmap_area *va = reserve_area(size, VM_ALLOC);
	unsigned long end;

	if (!va)
		return NULL;
	end = va->va_end - GUARD_SIZE;
	for (unsigned long addr = va->va_start; addr < end; addr += PAGE_SIZE) {
		struct page *page = alloc_page(gfp);

		if (!page || arch_map_kernel_page(addr, PFN_PHYS(page_to_pfn(page)), VM_CACHE_WB)) {
			if (page)
				__free_page(page);
			pr_warn("size %lu: out of memory for pages or page tables\n", size);
			teardown_area(va);
			return NULL;
		}
	}
	return (void *)va->va_start;
}

void *vmalloc(unsigned long size)
{
	return vmalloc_gfp(size, GFP_KERNEL);
}

void *vzalloc(unsigned long size)
{
	return vmalloc_gfp(size, GFP_KERNEL | __GFP_ZERO);
}

void vfree(const void *addr)
{
	if (addr)
		vunmap_area(addr, VM_ALLOC, "vfree");
}

void *vmap(struct page **pages, unsigned int count)
{
	struct vmap_area *va = reserve_area((unsigned long)count << PAGE_SHIFT, VM_MAP);

	if (!va)
		return NULL;
	for (unsigned int i = 0; i < count; i++) {
		if (arch_map_kernel_page(va->va_start + ((unsigned long)i << PAGE_SHIFT),
					 PFN_PHYS(page_to_pfn(pages[i])), VM_CACHE_WB)) {
			pr_warn("vmap of %u pages: out of memory for page tables\n", count);
			teardown_area(va);
			return NULL;
		}
	}
	return (void *)va->va_start;
}

void vunmap(const void *addr)
{
	if (addr)
		vunmap_area(addr, VM_MAP, "vunmap");
}

void *vmap_phys_range(phys_addr_t phys, unsigned long size, enum vm_cache cache, unsigned int flags)
{
	struct vmap_area *va = reserve_area(size, flags);

	if (!va)
		return NULL;
	for (unsigned long off = 0; off < size; off += PAGE_SIZE) {
		if (arch_map_kernel_page(va->va_start + off, phys + off, cache)) {
			pr_warn("[mem %#010llx-%#010llx]: out of memory for page tables\n",
				(unsigned long long)phys, (unsigned long long)(phys + size - 1));
			teardown_area(va);
			return NULL;
		}
	}
	return (void *)va->va_start;
}

void *vmalloc_reserve_unmapped(unsigned long size)
{
	struct vmap_area *va = reserve_area(size, VM_RESERVED);

	return va ? (void *)va->va_start : NULL;
}

bool is_vmalloc_addr(const void *addr)
{
	unsigned long a = (unsigned long)addr, start, end;

	arch_vmalloc_range(&start, &end);
	return a >= start && a < end;
}

void vmalloc_get_info(struct vmalloc_info *info)
{
	unsigned long irq;

	spin_lock_irqsave(&vmap_lock, irq);
	*info = (struct vmalloc_info){
		.nr_areas = vmap_space.nr_busy - nr_lazy_areas,
		.lazy_pages = vmap_lazy_nr,
		.nr_purges = nr_purges,
		.nr_free_ranges = vmap_space.nr_free,
		.free_bytes = vmap_space.free_bytes,
		.node_pages = node_pool.pages,
		.bad_frees = bad_frees,
	};
	spin_unlock_irqrestore(&vmap_lock, irq);
}

/* Every queued area is busy and being freed; the counters add up. */
static const char *check_purge_list(void)
{
	unsigned long areas = 0, pages = 0;

	for (struct vmap_area *va = purge_list; va; va = va->purge_next) {
		if (areas++ > vmap_space.nr_busy)
			return "purge list longer than the busy tree (a cycle?)";
		if (vmap_space_find(&vmap_space, va->va_start) != va)
			return "an area on the purge list is not in the busy tree";
		if (!(va->flags & VM_FREEING))
			return "an area on the purge list is not being freed";
		pages += (va->va_end - va->va_start) >> PAGE_SHIFT;
	}
	if (areas + in_flight_areas != nr_lazy_areas || pages + in_flight_pages != vmap_lazy_nr)
		return "purge list disagrees with its counters";
	return NULL;
}

const char *vmalloc_check(void)
{
	unsigned long irq;
	const char *err;

	spin_lock_irqsave(&vmap_lock, irq);
	err = vmap_space_check(&vmap_space);
	if (!err)
		err = check_purge_list();
	spin_unlock_irqrestore(&vmap_lock, irq);
	return err;
}
