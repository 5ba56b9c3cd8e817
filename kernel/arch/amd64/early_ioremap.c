// SPDX-License-Identifier: MIT
/*
 * The early ioremap window: device memory mapped for good before vmalloc
 * exists (the framebuffer). A bump allocator over the last GiB of the
 * vmalloc area; mappings go into init_top_pgt and become live when
 * paging_init loads it. Nothing is ever unmapped: vmalloc ends below the
 * window instead (docs/memory-layout.md).
 */
#include <asm/early_ioremap.h>
#include <asm/pgtable.h>
#include <kernel/printk.h>
#include <stddef.h>

static uint64_t window_next = EARLY_IOREMAP_START;

void *early_ioremap_wc(phys_addr_t phys, uint64_t size)
{
	phys_addr_t start = phys & PAGE_MASK;
	uint64_t len = PAGE_ALIGN(phys + size) - start;
	/* Same offset in a 2 MiB page as phys, so whole 2 MiB pages fit. */
	uint64_t virt = ALIGN(window_next, PMD_SIZE) + (start & (PMD_SIZE - 1));

	if (!size || virt + len > EARLY_IOREMAP_END || virt + len < virt) {
		pr_err("early_ioremap: no room for [mem %#010llx-%#010llx]\n",
		       (unsigned long long)phys, (unsigned long long)(phys + size - 1));
		return NULL;
	}
	kernel_map_range(init_top_pgt, virt, start, len, PAGE_KERNEL_WC, PG_LEVEL_2M);
	/* The next mapping starts in a fresh 2 MiB block: a guard gap. */
	window_next = virt + len + PAGE_SIZE;
	return (void *)(uintptr_t)(virt + (phys - start));
}
