// SPDX-License-Identifier: MIT
/*
 * ioremap on top of vmalloc's areas (flagged VM_IOREMAP), 4 KiB pages,
 * uncached (UC-) or write-combining through the PAT layout of pat.c.
 */
#define pr_fmt(fmt) fmt

#include <asm/e820.h>
#include <asm/ioremap.h>
#include <asm/pgtable.h>
#include <kernel/arch.h>
#include <kernel/printk.h>
#include <kernel/sections.h>
#include <mm/vmalloc.h>

/* The e820 types paging_init puts in the direct map (init_64.c). */
static bool direct_mapped_type(uint32_t type)
{
	return type == E820_TYPE_RAM || type == E820_TYPE_ACPI || type == E820_TYPE_NVS;
}

/* The first direct-mapped e820 entry overlapping [start, end), or NULL. */
static const struct e820_entry *direct_mapped_overlap(phys_addr_t start, phys_addr_t end)
{
	for (uint32_t i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		if (direct_mapped_type(e->type) && e->addr < end && e->addr + e->size > start)
			return e;
	}
	return NULL;
}

static void *__ioremap(phys_addr_t phys, unsigned long size, enum vm_cache cache)
{
	phys_addr_t start = phys & PAGE_MASK, end = PAGE_ALIGN(phys + size);
	const struct e820_entry *ram;
	char type[32];
	void *va;

	if (!size || phys + size < phys || end < phys + size) {
		pr_err("ioremap: bad range %#llx+%#lx\n", (unsigned long long)phys, size);
		return NULL;
	}
	ram = direct_mapped_overlap(start, end);
	if (ram) {
		/* Linux's words; the type says which direct-mapped kind. */
		pr_warn("ioremap on RAM at %#010llx - %#010llx (%s)\n", (unsigned long long)phys,
			(unsigned long long)(phys + size - 1),
			e820_type_name(ram->type, type, sizeof(type)));
		dump_stack();
		return NULL;
	}
	/*
	 * The image is mapped write-back wherever it lies, even where
	 * memmap=exactmap or mem= leave it out of RAM: no uncached alias.
	 */
	if (start < __pa_symbol(__image_end) && end > __pa_symbol(_text)) {
		pr_warn("ioremap on the kernel image at %#010llx - %#010llx\n",
			(unsigned long long)phys, (unsigned long long)(phys + size - 1));
		dump_stack();
		return NULL;
	}
	va = vmap_phys_range(start, end - start, cache, VM_IOREMAP);
	return va ? (char *)va + (phys - start) : NULL;
}

void *ioremap(phys_addr_t phys, unsigned long size)
{
	return __ioremap(phys, size, VM_CACHE_UC_MINUS);
}

void *ioremap_wc(phys_addr_t phys, unsigned long size)
{
	return __ioremap(phys, size, VM_CACHE_WC);
}

void iounmap(const volatile void *addr)
{
	if (addr)
		vunmap_area((const void *)((uintptr_t)addr & PAGE_MASK), VM_IOREMAP, "iounmap");
}
