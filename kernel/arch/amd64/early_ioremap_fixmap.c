// SPDX-License-Identifier: MIT
/*
 * early_ioremap/early_iounmap: short-lived uncached mappings in the
 * fixmap's FIX_BTMAP slots (asm/fixmap.h), for firmware tables and device
 * registers read before vmalloc exists. Slot s covers the pages
 * FIX_BTMAP_BEGIN - s * NR_FIX_BTMAPS downwards, i.e. upwards in address.
 */
#define pr_fmt(fmt) "early_ioremap: " fmt

#include <asm/early_ioremap.h>
#include <asm/fixmap.h>
#include <kernel/arch.h>
#include <kernel/printk.h>
#include <stddef.h>

struct btmap_slot {
	unsigned long va; /* 0: free */
	uint64_t size;	  /* as given to early_ioremap */
	unsigned int pages;
};

static struct btmap_slot slots[FIX_BTMAPS_SLOTS];

static enum fixed_addresses slot_first_idx(unsigned int s)
{
	return (enum fixed_addresses)(FIX_BTMAP_BEGIN - s * NR_FIX_BTMAPS);
}

void *early_ioremap(phys_addr_t phys, uint64_t size)
{
	phys_addr_t start = phys & PAGE_MASK;
	uint64_t pages;
	unsigned int s;

	if (!size || phys + size < phys) {
		pr_err("bad range %#llx+%#llx\n", (unsigned long long)phys,
		       (unsigned long long)size);
		return NULL;
	}
	pages = (PAGE_ALIGN(phys + size) - start) >> PAGE_SHIFT;
	if (pages > NR_FIX_BTMAPS) {
		pr_err("%llu pages at %#llx: more than a slot's %d\n", (unsigned long long)pages,
		       (unsigned long long)phys, NR_FIX_BTMAPS);
		return NULL;
	}
	for (s = 0; s < FIX_BTMAPS_SLOTS && slots[s].va; s++)
		;
	if (s == FIX_BTMAPS_SLOTS) {
		pr_err("all %d slots in use, [mem %#010llx-%#010llx] not mapped\n",
		       FIX_BTMAPS_SLOTS, (unsigned long long)phys,
		       (unsigned long long)(phys + size - 1));
		return NULL;
	}
	for (unsigned int i = 0; i < pages; i++)
		set_fixmap(slot_first_idx(s) - i, start + ((phys_addr_t)i << PAGE_SHIFT));
	slots[s] = (struct btmap_slot){
		.va = fix_to_virt(slot_first_idx(s)),
		.size = size,
		.pages = (unsigned int)pages,
	};
	return (void *)(slots[s].va + (phys - start));
}

void early_iounmap(void *addr, uint64_t size)
{
	unsigned long page = (unsigned long)addr & PAGE_MASK;

	for (unsigned int s = 0; s < FIX_BTMAPS_SLOTS; s++) {
		if (!slots[s].va || slots[s].va != page)
			continue;
		if (slots[s].size != size) {
			pr_warn("early_iounmap(%p, %#llx) [%u] size not consistent %#llx\n", addr,
				(unsigned long long)size, s, (unsigned long long)slots[s].size);
			dump_stack();
			return;
		}
		for (unsigned int i = 0; i < slots[s].pages; i++)
			clear_fixmap(slot_first_idx(s) - i);
		slots[s].va = 0;
		return;
	}
	pr_warn("early_iounmap(%p, %#llx) not found in any slot\n", addr, (unsigned long long)size);
	dump_stack();
}
