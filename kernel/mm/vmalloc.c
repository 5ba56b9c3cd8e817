// SPDX-License-Identifier: MIT
/*
 * vmalloc, vmap and the mapping half of ioremap (mm/vmalloc.h).
 *
 * The range comes from the range allocator (vmap_tree.c) under one lock;
 * every area is one guard page longer than what is mapped. Page tables
 * are touched outside the lock: the area is ours once reserved. Freeing
 * unmaps first, flushes the TLB for the whole area once, and only then
 * gives the pages back and the range to the free tree, so no stale TLB
 * entry can reach a page or a range that has a new owner.
 *
 * No pages array per area: vfree finds the pages through the page tables
 * (arch_unmap_kernel_page returns what was mapped).
 */
#define pr_fmt(fmt) "vmalloc: " fmt

#include "vmap_node_pool.h"

#include <kernel/arch.h>
#include <kernel/printk.h>
#include <lib/list.h>
#include <kernel/spinlock.h>
#include <lib/string.h>
#include <mm/page_alloc.h>
#include <mm/vmalloc.h>
#include <mm/vmap_tree.h>

#define GUARD_SIZE PAGE_SIZE
/* Set while an area is being torn down: a second free is reported. */
#define VM_FREEING 0x80000000u

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
	spin_lock_irqsave(&vmap_lock, irq);
	va = vmap_space_alloc(&vmap_space, PAGE_ALIGN(size) + GUARD_SIZE, PAGE_SIZE);
	if (va)
		va->flags = flags;
	spin_unlock_irqrestore(&vmap_lock, irq);
	if (!va)
		pr_warn("size %lu: no free range in the vmalloc area\n", size);
	return va;
}

static void release_range(struct vmap_area *va)
{
	unsigned long irq;

	spin_lock_irqsave(&vmap_lock, irq);
	vmap_space_free(&vmap_space, va);
	spin_unlock_irqrestore(&vmap_lock, irq);
}

/*
 * Unmap whatever is mapped in @va (a failed vmalloc maps only a prefix),
 * flush, then free the pages if the area owns them, then the range.
 */
static void teardown_area(struct vmap_area *va)
{
	unsigned long end = va->va_end - GUARD_SIZE;
	struct list_head pages = LIST_HEAD_INIT(pages);

	for (unsigned long addr = va->va_start; addr < end; addr += PAGE_SIZE) {
		phys_addr_t pa;

		if (arch_unmap_kernel_page(addr, &pa) && (va->flags & VM_ALLOC))
			list_add(&pfn_to_page(PFN_DOWN(pa))->lru, &pages);
	}
	arch_flush_tlb_kernel_range(va->va_start, end);
	while (!list_empty(&pages)) {
		struct page *page = list_first_entry(&pages, struct page, lru);

		list_del(&page->lru);
		__free_page(page);
	}
	release_range(va);
}

static const char *kind_name(unsigned int flags)
{
	if (flags & VM_ALLOC)
		return "vmalloc";
	if (flags & VM_MAP)
		return "vmap";
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
		.nr_areas = vmap_space.nr_busy,
		.nr_free_ranges = vmap_space.nr_free,
		.free_bytes = vmap_space.free_bytes,
		.node_pages = node_pool.pages,
		.bad_frees = bad_frees,
	};
	spin_unlock_irqrestore(&vmap_lock, irq);
}

const char *vmalloc_check(void)
{
	unsigned long irq;
	const char *err;

	spin_lock_irqsave(&vmap_lock, irq);
	err = vmap_space_check(&vmap_space);
	spin_unlock_irqrestore(&vmap_lock, irq);
	return err;
}
