/* SPDX-License-Identifier: MIT */
/*
 * x86-64 4-level page tables: entry bits, the kernel's virtual layout
 * (docs/memory-layout.md) and the entry points of the paging code.
 *
 * Levels use Linux's names: PGD (PML4, bits 47-39), PUD (PDPT, 38-30),
 * PMD (page directory, 29-21), PTE (20-12). A PUD entry with _PAGE_PSE maps
 * 1 GiB, a PMD entry with _PAGE_PSE 2 MiB.
 */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H

#include <boot/bootinfo.h>
#include <mm/page.h>
#include <stdbool.h>
#include <stdint.h>

#define PAGE_OFFSET	   BOOT_PAGE_OFFSET	 /* direct map of RAM */
#define __START_KERNEL_map BOOT_START_KERNEL_map /* kernel image mapping */
#define VMALLOC_START	   0xffffc90000000000ull
#define VMALLOC_END	   0xffffe8ffffffffffull /* inclusive */

/*
 * The last GiB of the vmalloc area holds the early ioremap window
 * (early_ioremap.c): device memory the kernel needs before vmalloc
 * exists, the framebuffer first of all. vmalloc must end below it.
 */
#define EARLY_IOREMAP_START 0xffffe8ffc0000000ull
#define EARLY_IOREMAP_END   (VMALLOC_END + 1)

/*
 * mem_section[] (section_table.c): a slot per 2 MiB of the 64 TiB direct
 * map at most, 256 MiB, in the unused space after Linux's vmemmap area.
 */
#define SECTION_TABLE_START 0xffffeb0000000000ull
#define SECTION_TABLE_SIZE  (((1ull << 46) >> 21) * 8)

#define PTRS_PER_TABLE 512
#define PGDIR_SHIFT    39
#define PUD_SHIFT      30
#define PMD_SHIFT      21
#define PUD_SIZE       (1ull << PUD_SHIFT)
#define PMD_SIZE       (1ull << PMD_SHIFT)

#define _PAGE_PRESENT  (1ull << 0)
#define _PAGE_RW       (1ull << 1)
#define _PAGE_USER     (1ull << 2)
#define _PAGE_PWT      (1ull << 3) /* PAT index bit 0 */
#define _PAGE_PCD      (1ull << 4) /* PAT index bit 1 */
#define _PAGE_ACCESSED (1ull << 5)
#define _PAGE_DIRTY    (1ull << 6)
#define _PAGE_PSE      (1ull << 7) /* in a PUD or PMD entry: a leaf */
#define _PAGE_GLOBAL   (1ull << 8)
#define _PAGE_NX       (1ull << 63)

/* Physical address bits of an entry (52-bit physical addresses). */
#define PTE_PFN_MASK 0x000ffffffffff000ull

/*
 * Leaf protections. Accessed and dirty are preset so the CPU never has to
 * write them back into the boot page tables. _PAGE_NX is masked out by
 * __supported_pte_mask on a CPU without NX.
 */
#define PAGE_KERNEL    (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_NX)
#define PAGE_KERNEL_RO (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_KERNEL_RX (_PAGE_PRESENT | _PAGE_ACCESSED)
/* PAT entry 1 (PWT alone) is write-combining once pat_init() ran. */
#define PAGE_KERNEL_WC (PAGE_KERNEL | _PAGE_PWT)
/* Intermediate entries allow everything; the leaf decides. */
#define _KERNPG_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

extern uint64_t __supported_pte_mask;

/* Physical address of the kernel's link address minus its link offset. */
extern unsigned long phys_base;

/**
 * __pa_symbol - physical address of a kernel-image symbol
 * @x: an address inside the image (text, data, bss)
 *
 * The image is not in the direct map's address range, so __pa() does not
 * apply; paging_early_init() must have run.
 */
#define __pa_symbol(x) ((phys_addr_t)((uintptr_t)(x)-__START_KERNEL_map + phys_base))

/**
 * pgtable_va - where to read the page table at @pa
 *
 * The fixmap's tables are static, in the image's bss: they are read
 * through the image mapping, since memmap=exactmap or mem= may leave the
 * image out of RAM and so out of the direct map. Every other table is
 * bootmem's or the page allocator's, in the direct map.
 */
void *pgtable_va(phys_addr_t pa);

/* The kernel's own PGD, live once paging_init() has loaded it. */
extern uint64_t *init_top_pgt;

/* Largest page size kernel_map_range() may use. */
enum pg_level {
	PG_LEVEL_4K,
	PG_LEVEL_2M,
	PG_LEVEL_1G,
};

/**
 * kernel_map_range - map [virt, virt + size) to phys in the tables under @pgd
 * @pgd: a PGD from pgtable_alloc()
 * @virt: page-aligned virtual start
 * @phys: page-aligned physical start
 * @size: bytes, a multiple of the page size
 * @prot: leaf protection (PAGE_KERNEL...), masked by __supported_pte_mask
 * @max: the largest page size to use; 2 MiB and 1 GiB pages are used only
 *       where both addresses are aligned and the range covers the page
 *
 * Missing tables come from bootmem. Mapping over an existing mapping is a
 * bug and panics: every range is mapped exactly once.
 */
void kernel_map_range(uint64_t *pgd, uint64_t virt, phys_addr_t phys, uint64_t size, uint64_t prot,
		      enum pg_level max);

/**
 * kernel_pmd_entry - the PMD entry for @virt under @pgd
 * @pgd: a PGD from pgtable_alloc()
 * @virt: any address in the 2 MiB the entry maps
 *
 * Missing PUD and PMD tables are allocated from bootmem; a large page in
 * the way panics. The entry itself is the caller's to fill or read.
 */
uint64_t *kernel_pmd_entry(uint64_t *pgd, uint64_t virt);

/** kernel_page_mapped - is the page at @virt mapped (at any level) under @pgd? */
bool kernel_page_mapped(const uint64_t *pgd, uint64_t virt);

/** pgtable_alloc - a zeroed page-table page from bootmem (panics if none) */
uint64_t *pgtable_alloc(void);

/**
 * paging_early_init - learn where the loader put the kernel image
 * @bi: the boot information; kept for paging_init() (framebuffer, the
 *      loader's page-table regions)
 *
 * Sets phys_base, so __pa_symbol() works from here on. Call it first in
 * setup_arch.
 */
void paging_early_init(const struct bootinfo *bi);

/**
 * paging_init - build the kernel's page tables and switch to them
 *
 * Needs bootmem (the tables come from it) and the final e820 table. Maps
 * RAM at PAGE_OFFSET, the kernel image W^X and the framebuffer in the
 * early ioremap window, loads CR3 and gives the loader's tables back to
 * bootmem. Nothing stays mapped in the lower half.
 */
void paging_init(void);

#endif
