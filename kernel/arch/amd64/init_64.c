// SPDX-License-Identifier: MIT
/*
 * paging_init: the kernel's own page tables replace the loader's.
 *
 * Built from scratch in bootmem pages, from the final e820 table (Linux's
 * init_mem_mapping): the direct map holds RAM and the ACPI ranges only,
 * the kernel image is mapped W^X from the linker script's symbols, the
 * framebuffer moves to the early ioremap window, and the lower half stays
 * empty. Then CR3 is loaded and the loader's tables go back to bootmem.
 */
#define pr_fmt(fmt) fmt

#include <asm/e820.h>
#include <asm/early_ioremap.h>
#include <asm/pat.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <drivers/fbcon.h>
#include <kernel/panic.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <mm/bootmem.h>

#define X86_FEATURE_GBPAGES_EDX (1u << 26) /* CPUID.80000001h:EDX */

/* 46 physical address bits: what fits in the 64 TiB direct map. */
#define DIRECT_MAP_SIZE (1ull << 46)

extern const char _text[], _etext[], __start_rodata[], __end_rodata[];
extern const char _sdata[], _end[], __image_end[];

unsigned long phys_base;
uint64_t *init_top_pgt;

static const struct bootinfo *paging_bi;
static bool direct_gbpages = true;

/* Linux's option: map the direct map with 2 MiB pages at most. */
static int set_nogbpages(const char *val)
{
	(void)val;
	direct_gbpages = false;
	return 0;
}
kernel_param("nogbpages", set_nogbpages);

void paging_early_init(const struct bootinfo *bi)
{
	/* The loader's word is all we have: check it against the link. */
	if (bi->kernel_virt != (uint64_t)(uintptr_t)_text)
		panic("paging: the loader says the image starts at 0x%llx, the kernel is linked at %p",
		      (unsigned long long)bi->kernel_virt, (const void *)_text);
	paging_bi = bi;
	phys_base = bi->kernel_phys - (bi->kernel_virt - __START_KERNEL_map);
	if (rdmsr(MSR_EFER) & EFER_NXE) {
		pr_info("NX (Execute Disable) protection: active\n");
	} else {
		/* Bit 63 is reserved without NXE: setting it would fault. */
		__supported_pte_mask &= ~_PAGE_NX;
		pr_notice("NX (Execute Disable) protection: missing in CPU!\n");
	}
}

/* 5-level paging is not used: the loader and the kernel build 4 levels. */
static void report_la57(void)
{
	uint32_t max, b, c, d;

	cpuid(0, &max, &b, &c, &d);
	if (max < 7)
		return;
	cpuid(7, &max, &b, &c, &d);
	if (c & (1u << 16))
		pr_info("CPU supports 5-level paging (LA57): staying on 4-level paging (48-bit virtual addresses)\n");
}

/* Linux's probe_page_size_mask, for the direct map only. */
static enum pg_level direct_map_max_level(void)
{
	uint32_t max_ext, b, c, d;

	cpuid(0x80000000, &max_ext, &b, &c, &d);
	if (!direct_gbpages || max_ext < 0x80000001)
		return PG_LEVEL_2M;
	cpuid(0x80000001, &max_ext, &b, &c, &d);
	if (!(d & X86_FEATURE_GBPAGES_EDX)) {
		pr_info("CPU has no 1 GiB pages (pdpe1gb): direct mapping with 2 MiB pages\n");
		return PG_LEVEL_2M;
	}
	pr_info("Using GB pages for direct mapping\n");
	return PG_LEVEL_1G;
}

/*
 * What the direct map holds: RAM, and the ACPI tables and NVS so that the
 * tables can be read through __va() as they were through the loader's map
 * (they are write-back memory like RAM). Never reserved, MMIO, persistent
 * or soft-reserved ranges.
 */
static bool direct_mapped_type(uint32_t type)
{
	return type == E820_TYPE_RAM || type == E820_TYPE_ACPI || type == E820_TYPE_NVS;
}

static void map_direct_run(uint64_t start, uint64_t end, enum pg_level max)
{
	pr_debug("init_memory_mapping: [mem %#010llx-%#010llx]\n", (unsigned long long)start,
		 (unsigned long long)end - 1);
	kernel_map_range(init_top_pgt, PAGE_OFFSET + start, start, end - start, PAGE_KERNEL, max);
}

/*
 * Touching ranges are mapped as one run, so a 2 MiB or 1 GiB page can span
 * RAM and ACPI memory next to it. Entries are rounded inwards to pages;
 * RAM stops at max_pfn, which mem= may have lowered.
 */
static void init_mem_mapping(enum pg_level max)
{
	uint64_t run_start = 0, run_end = 0, ram_end = PFN_PHYS(max_pfn);

	for (uint32_t i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];
		uint64_t start = PAGE_ALIGN(e->addr);
		uint64_t end = (e->addr + e->size) & PAGE_MASK;

		if (!direct_mapped_type(e->type))
			continue;
		if (e->type == E820_TYPE_RAM && end > ram_end)
			end = ram_end;
		if (end > DIRECT_MAP_SIZE)
			end = DIRECT_MAP_SIZE;
		if (start >= end)
			continue;
		if (start > run_end) {
			if (run_end > run_start)
				map_direct_run(run_start, run_end, max);
			run_start = start;
		}
		if (end > run_end)
			run_end = end;
	}
	if (run_end > run_start)
		map_direct_run(run_start, run_end, max);
}

/* One part of the image, 4 KiB pages, global: it is in every address space. */
static void map_kernel_part(const char *start, const char *end, uint64_t prot)
{
	uint64_t s = (uintptr_t)start, e = PAGE_ALIGN((uintptr_t)end);

	kernel_map_range(init_top_pgt, s, __pa_symbol(s), e - s, prot | _PAGE_GLOBAL, PG_LEVEL_4K);
}

static void map_kernel_image(void)
{
	map_kernel_part(_text, _etext, PAGE_KERNEL_RX);
	map_kernel_part(__start_rodata, __end_rodata, PAGE_KERNEL_RO);
	map_kernel_part(_sdata, _end, PAGE_KERNEL);
	map_kernel_part(_end, __image_end, PAGE_KERNEL_RO);
}

/*
 * The framebuffer is not RAM, so it leaves the direct map: map it in the
 * early ioremap window. A framebuffer carved out of RAM (some virtual
 * machines do that) is used through the direct map instead, since two
 * mappings with different memory types of one page are not allowed.
 */
static void *remap_framebuffer(void)
{
	const struct bootinfo_framebuffer *fb = &paging_bi->fb;

	if (!fb->base || !fb->size)
		return NULL;
	if (e820__mapped_all(fb->base, fb->base + fb->size, E820_TYPE_RAM))
		return __va(fb->base);
	return early_ioremap_wc(fb->base, fb->size);
}

/*
 * The persistent log is written on every printk, through its direct-map
 * address. A memmap= or mem= that leaves its area out of the memory map
 * also leaves it out of the direct map: map its pages there anyway (the
 * firmware gave them as RAM; bootmem never sees them), or the first printk
 * after the switch would fault, and so would the fault's report.
 */
static void map_pstore_outside_ram(void)
{
	const struct bootinfo_region *r = boot_regions();

	for (uint32_t i = 0; i < paging_bi->nr_regions; i++) {
		uint64_t mapped = 0;

		if (r[i].kind != BOOT_REGION_PSTORE)
			continue;
		for (uint64_t pa = r[i].addr & PAGE_MASK; pa < r[i].addr + r[i].size;
		     pa += PAGE_SIZE) {
			if (kernel_page_mapped(init_top_pgt, PAGE_OFFSET + pa))
				continue;
			kernel_map_range(init_top_pgt, PAGE_OFFSET + pa, pa, PAGE_SIZE, PAGE_KERNEL,
					 PG_LEVEL_4K);
			mapped += PAGE_SIZE;
		}
		if (mapped)
			pr_info("paging: persistent log [mem %#010llx-%#010llx] is outside the memory map: %llu KiB of it mapped for the log\n",
				(unsigned long long)r[i].addr,
				(unsigned long long)(r[i].addr + r[i].size - 1),
				(unsigned long long)mapped >> 10);
	}
}

static void load_kernel_pgd(void)
{
	uint64_t cr4 = read_cr4();

	/*
	 * Clearing CR4.PGE flushes global TLB entries too, whatever the
	 * loader left; setting it enables our global kernel-image pages.
	 * Every x86-64 CPU has PGE.
	 */
	write_cr4(cr4 & ~X86_CR4_PGE);
	write_cr3(__pa(init_top_pgt));
	write_cr4(cr4 | X86_CR4_PGE);
}

/* The loader's tables are unreachable now: back to bootmem with them. */
static void free_loader_page_tables(void)
{
	const struct bootinfo_region *r = boot_regions();
	uint64_t freed = 0;

	for (uint32_t i = 0; i < paging_bi->nr_regions; i++) {
		/* Above a mem= limit they are not RAM to us: nothing to free. */
		if (r[i].kind != BOOT_REGION_PAGETABLE ||
		    !e820__mapped_all(r[i].addr, r[i].addr + r[i].size, E820_TYPE_RAM))
			continue;
		free_bootmem(r[i].addr, r[i].size);
		freed += r[i].size;
	}
	pr_debug("paging: freed %llu KiB of loader page tables\n", (unsigned long long)freed >> 10);
}

void __init paging_init(void)
{
	void *fb;

	if (!paging_bi)
		panic("paging_init: paging_early_init() was not called");
	init_top_pgt = pgtable_alloc();
	report_la57();
	init_mem_mapping(direct_map_max_level());
	map_kernel_image();
	map_pstore_outside_ram();
	fb = remap_framebuffer();
	pat_init();

	load_kernel_pgd();
	/* Nothing may print between the switch and this line. */
	fbcon_set_base(fb);

	free_loader_page_tables();
}
