// SPDX-License-Identifier: MIT
/*
 * ktest suite "pgtable": the live page tables, read from CR3, against
 * what docs/memory-layout.md promises. The walker is written for the
 * test alone (it shares nothing with the code that built the tables), and
 * the expectations come from the e820 table and the linker script.
 */
#include <asm/e820.h>
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <mm/bootmem.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <kernel/kallsyms.h>
#include <lib/ktest.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>

#define LOWER_HALF_END 0x0000800000000000ull
#define DIRECT_MAP_END (PAGE_OFFSET + (1ull << 46))
#define MAX_REPORTS    5

extern const char _text[], _etext[], __start_rodata[], __end_rodata[];
extern const char _sdata[], _end[], __image_end[];
extern const char __init_text_begin[], __init_text_end[];
extern const char __init_data_begin[], __init_data_end[];

/* After free_initmem the init sections must be unmapped, not just unused. */
static bool freed_init(uint64_t va)
{
	return initmem_freed &&
	       ((va >= (uintptr_t)__init_text_begin && va < (uintptr_t)__init_text_end) ||
		(va >= (uintptr_t)__init_data_begin && va < (uintptr_t)__init_data_end));
}

/* One leaf, with the permissions the CPU applies: RW and US need every
 * level, NX from any level wins. */
struct leaf {
	uint64_t va, pa, size, entry;
	bool rw, nx;
};

static const uint64_t level_size[] = { 1ull << 39, PUD_SIZE, PMD_SIZE, PAGE_SIZE };
static const unsigned int level_shift[] = { PGDIR_SHIFT, PUD_SHIFT, PMD_SHIFT, PAGE_SHIFT };

static uint64_t canonical(uint64_t va)
{
	return va & (1ull << 47) ? va | 0xffff000000000000ull : va;
}

static const uint64_t *table_at(uint64_t entry)
{
	return pgtable_va(entry & PTE_PFN_MASK);
}

static bool is_leaf(int level, uint64_t entry)
{
	return level == 3 || ((level == 1 || level == 2) && (entry & _PAGE_PSE));
}

typedef bool (*leaf_fn)(const struct leaf *l, void *ctx);

/* Calls @fn for every leaf under @t; stops when @fn returns false. */
static bool walk_level(const uint64_t *t, int level, uint64_t base, bool rw, bool nx, leaf_fn fn,
		       void *ctx)
{
	for (unsigned int i = 0; i < PTRS_PER_TABLE; i++) {
		uint64_t e = t[i], va = canonical(base + (uint64_t)i * level_size[level]);
		bool erw = rw && (e & _PAGE_RW), enx = nx || (e & _PAGE_NX);

		if (!(e & _PAGE_PRESENT))
			continue;
		if (is_leaf(level, e)) {
			struct leaf l = {
				.va = va,
				.size = level_size[level],
				.entry = e,
				.pa = e & PTE_PFN_MASK & ~(level_size[level] - 1),
				.rw = erw,
				.nx = enx,
			};

			if (!fn(&l, ctx))
				return false;
		} else if (!walk_level(table_at(e), level + 1, va & ~0xffff000000000000ull, erw,
				       enx, fn, ctx)) {
			return false;
		}
	}
	return true;
}

static void walk_tables(leaf_fn fn, void *ctx)
{
	walk_level(__va(read_cr3() & PTE_PFN_MASK), 0, 0, true, false, fn, ctx);
}

/* The leaf mapping @va, by a walk of its own path only. */
static bool lookup(uint64_t va, struct leaf *out)
{
	const uint64_t *t = __va(read_cr3() & PTE_PFN_MASK);
	bool rw = true, nx = false;

	for (int level = 0; level < 4; level++) {
		uint64_t e = t[(va >> level_shift[level]) & (PTRS_PER_TABLE - 1)];

		if (!(e & _PAGE_PRESENT))
			return false;
		rw = rw && (e & _PAGE_RW);
		nx = nx || (e & _PAGE_NX);
		if (is_leaf(level, e)) {
			uint64_t off = va & (level_size[level] - 1);

			*out = (struct leaf){
				.va = va - off,
				.size = level_size[level],
				.entry = e,
				.pa = e & PTE_PFN_MASK & ~(level_size[level] - 1),
				.rw = rw,
				.nx = nx,
			};
			return true;
		}
		t = table_at(e);
	}
	return false;
}

/* The e820 types the direct map may hold (docs/memory-layout.md). */
static bool direct_map_type(uint32_t type)
{
	return type == E820_TYPE_RAM || type == E820_TYPE_ACPI || type == E820_TYPE_NVS;
}

/* Is [start, end) covered, without a gap, by direct-map e820 entries? */
static bool e820_covers(uint64_t start, uint64_t end)
{
	for (uint32_t i = 0; i < e820_table->nr_entries && start < end; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		if (!direct_map_type(e->type) || e->addr + e->size <= start)
			continue;
		if (e->addr > start)
			return false;
		start = e->addr + e->size;
	}
	return start >= end;
}

struct scan {
	struct ktest *t;
	unsigned long bad;
};

static void report(struct scan *s, const char *what, const struct leaf *l)
{
	if (s->bad++ < MAX_REPORTS)
		ktest_printf(s->t, "%s: va 0x%llx -> pa 0x%llx, size 0x%llx, entry 0x%llx", what,
			     (unsigned long long)l->va, (unsigned long long)l->pa,
			     (unsigned long long)l->size, (unsigned long long)l->entry);
}

static bool check_lower_half(const struct leaf *l, void *ctx)
{
	if (l->va < LOWER_HALF_END)
		report(ctx, "lower-half mapping", l);
	return true;
}

static void pgtable_no_lower_half(struct ktest *t)
{
	struct scan s = { t, 0 };

	walk_tables(check_lower_half, &s);
	KTEST_EXPECT_EQ(t, s.bad, 0ul);
	/* The test's own proof: a NULL dereference must fault. */
	KTEST_EXPECT_FALSE(t, lookup(0, &(struct leaf){ 0 }));
}

static bool check_wx(const struct leaf *l, void *ctx)
{
	if (l->rw && !l->nx)
		report(ctx, "writable and executable", l);
	return true;
}

static void pgtable_no_writable_executable(struct ktest *t)
{
	struct scan s = { t, 0 };

	if (!(__supported_pte_mask & _PAGE_NX))
		KTEST_SKIP(t, "the CPU has no NX bit");
	walk_tables(check_wx, &s);
	KTEST_EXPECT_EQ(t, s.bad, 0ul);
}

static bool in_image(uint64_t va)
{
	return va >= (uintptr_t)_text && va < (uintptr_t)__image_end;
}

/*
 * Not executable, as far as the CPU can say so: without NX (bit 63 is
 * reserved then, so it is masked out of every entry) nothing can be.
 */
static bool noexec(const struct leaf *l)
{
	return l->nx || !(__supported_pte_mask & _PAGE_NX);
}

/* Everything mapped is in one of the documented areas. */
static bool check_known_area(const struct leaf *l, void *ctx)
{
	uint64_t end = l->va + l->size;

	if (l->va >= PAGE_OFFSET && end <= DIRECT_MAP_END)
		return true;
	if (in_image(l->va) && end <= PAGE_ALIGN((uintptr_t)__image_end))
		return true;
	if (l->va >= EARLY_IOREMAP_START && end <= EARLY_IOREMAP_END) {
		/* Device memory: never executable, write-combining. */
		if (!noexec(l) || !(l->entry & _PAGE_PWT))
			report(ctx, "early ioremap page not NX+WC", l);
		return true;
	}
	if (l->va >= SECTION_TABLE_START && end <= SECTION_TABLE_START + SECTION_TABLE_SIZE) {
		/* mem_section[]: 4 KiB, never executable (pgtable_section_table checks more). */
		if (!noexec(l) || l->size != PAGE_SIZE)
			report(ctx, "mem_section[] page not NX or not 4 KiB", l);
		return true;
	}
	if ((l->va >= VMALLOC_START && end <= EARLY_IOREMAP_START) ||
	    (l->va >= FIXADDR_START && end <= FIXADDR_TOP + PAGE_SIZE)) {
		/* vmalloc, vmap, ioremap and fixmap: 4 KiB, never executable. */
		if (!noexec(l) || l->size != PAGE_SIZE)
			report(ctx, "vmalloc/fixmap page not NX or not 4 KiB", l);
		return true;
	}
	report(ctx, "mapping outside every documented area", l);
	return true;
}

static void pgtable_only_documented_areas(struct ktest *t)
{
	struct scan s = { t, 0 };

	walk_tables(check_known_area, &s);
	KTEST_EXPECT_EQ(t, s.bad, 0ul);
}

/*
 * Inside the persistent log's area? paging_init maps its pages in the
 * direct map even where mem= or memmap= leave them out of RAM, in 4 KiB
 * pages (map_pstore_outside_ram).
 */
static bool in_pstore(uint64_t start, uint64_t end)
{
	const struct bootinfo_region *r = boot_regions();

	for (uint32_t i = 0; i < boot_nr_regions(); i++)
		if (r[i].kind == BOOT_REGION_PSTORE && start >= (r[i].addr & PAGE_MASK) &&
		    end <= PAGE_ALIGN(r[i].addr + r[i].size))
			return true;
	return false;
}

static bool check_direct_map_entry(const struct leaf *l, void *ctx)
{
	if (l->va < PAGE_OFFSET || l->va >= DIRECT_MAP_END)
		return true;
	if (l->pa != l->va - PAGE_OFFSET)
		report(ctx, "direct map at the wrong offset", l);
	else if (!e820_covers(l->pa, l->pa + l->size) && !in_pstore(l->pa, l->pa + l->size))
		report(ctx, "direct map of memory that is not RAM/ACPI", l);
	else if (!l->rw || !noexec(l))
		report(ctx, "direct map not RW+NX", l);
	return true;
}

static void pgtable_direct_map_only_ram(struct ktest *t)
{
	struct scan s = { t, 0 };

	walk_tables(check_direct_map_entry, &s);
	KTEST_EXPECT_EQ(t, s.bad, 0ul);
}

/* Every page of usable RAM below max_pfn is reachable through __va(). */
static void pgtable_direct_map_covers_ram(struct ktest *t)
{
	struct scan s = { t, 0 };
	uint64_t ram_end = PFN_PHYS(max_pfn);

	for (uint32_t i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];
		uint64_t pa = PAGE_ALIGN(e->addr);
		uint64_t end = (e->addr + e->size) & PAGE_MASK;

		if (e->type != E820_TYPE_RAM)
			continue;
		if (end > ram_end)
			end = ram_end;
		while (pa < end) {
			struct leaf l = { .va = (uintptr_t)__va(pa), .pa = pa };

			if (!lookup(l.va, &l)) {
				l.size = PAGE_SIZE;
				report(&s, "RAM missing from the direct map", &l);
			}
			/* Step to the next leaf (or page, if none). */
			pa = (pa & ~(l.size - 1)) + l.size;
		}
	}
	KTEST_EXPECT_EQ(t, s.bad, 0ul);
}

struct image_part {
	const char *name;
	const char *start, *end;
	bool rw, nx;
};

static void pgtable_kernel_image_wx(struct ktest *t)
{
	const struct image_part parts[] = {
		{ "text", _text, _etext, false, false },
		{ "rodata", __start_rodata, __end_rodata, false, true },
		{ "data/bss", _sdata, _end, true, true },
		{ "kallsyms", _end, __image_end, false, true },
	};
	struct scan s = { t, 0 };
	bool nx_works = __supported_pte_mask & _PAGE_NX;

	for (unsigned int i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		const struct image_part *p = &parts[i];

		for (uint64_t va = (uintptr_t)p->start; va < (uintptr_t)p->end; va += PAGE_SIZE) {
			struct leaf l = { .va = va, .size = PAGE_SIZE };

			if (freed_init(va)) {
				if (lookup(va, &l))
					report(&s, "freed init", &l);
				continue;
			}
			if (!lookup(va, &l)) {
				report(&s, p->name, &l);
				continue;
			}
			if (l.size != PAGE_SIZE || l.rw != p->rw || (nx_works && l.nx != p->nx) ||
			    l.pa != (__pa_symbol(va) & PAGE_MASK))
				report(&s, p->name, &l);
		}
	}
	KTEST_EXPECT_EQ(t, s.bad, 0ul);
}

/*
 * Every page of the image the allocator could hand out (it has a struct
 * page) is reserved, but for the init sections free_initmem gave back:
 * memory freed around the image late in boot (boot services, where the
 * loader may have moved the image) must have kept clear of it.
 */
static void pgtable_kernel_image_reserved(struct ktest *t)
{
	unsigned long bad = 0;

	for (uint64_t va = (uintptr_t)_text; va < (uintptr_t)__image_end; va += PAGE_SIZE) {
		unsigned long pfn = PFN_DOWN(__pa_symbol(va));

		if (freed_init(va) || !pfn_valid(pfn) || PageReserved(pfn_to_page(pfn)))
			continue;
		if (bad++ < MAX_REPORTS)
			ktest_printf(t, "kernel image page %#llx (pfn %#lx) is not reserved",
				     (unsigned long long)va, pfn);
	}
	KTEST_EXPECT_EQ(t, bad, 0ul);
}

/*
 * __pa/__va and __pa_symbol against the hardware: a write through the
 * direct-map alias of a kernel variable must show up in the variable.
 */
static void pgtable_pa_va_roundtrip(struct ktest *t)
{
	static volatile uint64_t probe = 0x1111111111111111ull;
	volatile uint64_t *alias = __va(__pa_symbol(&probe));
	void *x = __va(PFN_PHYS(max_pfn - 1));

	KTEST_EXPECT_EQ(t, __va(__pa(x)), x);
	KTEST_EXPECT_EQ(t, __pa(__va(0x1000)), (phys_addr_t)0x1000);
	/* memmap=exactmap or mem= may leave the image out of the direct map. */
	if (!e820_covers(__pa_symbol(&probe), __pa_symbol(&probe) + sizeof(probe))) {
		ktest_printf(t, "the kernel image is outside RAM: no direct-map alias to check");
		return;
	}
	*alias = 0x2222222222222222ull;
	KTEST_EXPECT_EQ(t, probe, 0x2222222222222222ull);
	probe = 0x3333333333333333ull;
	KTEST_EXPECT_EQ(t, *alias, 0x3333333333333333ull);
}

static void check_pfn(struct ktest *t, unsigned long pfn)
{
	const struct zone *z;
	struct page *p;

	if (!pfn_valid(pfn)) {
		ktest_printf(t, "pfn 0x%lx (RAM) has no struct page", pfn);
		KTEST_EXPECT_TRUE(t, pfn_valid(pfn));
		return;
	}
	p = pfn_to_page(pfn);
	z = &NODE_DATA(page_to_nid(p))->node_zones[page_zonenum(p)];
	KTEST_EXPECT_EQ(t, page_to_pfn(p), pfn);
	/* The links memmap_init wrote into the page agree with the pfn. */
	KTEST_EXPECT_EQ(t, page_to_section(p), pfn_to_section_nr(pfn));
	KTEST_EXPECT_TRUE(t, pfn >= z->zone_start_pfn && pfn < zone_end_pfn(z));
	KTEST_EXPECT_EQ(t, virt_to_page(__va(PFN_PHYS(pfn))), p);
	KTEST_EXPECT_EQ(t, page_address(p), __va(PFN_PHYS(pfn)));
}

/* First, middle and last page of every RAM range below max_pfn. */
static void pgtable_pfn_page_roundtrip(struct ktest *t)
{
	KTEST_ASSERT_NOT_NULL(t, mem_section);
	for (uint32_t i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];
		unsigned long first = PFN_UP(e->addr);
		unsigned long end = PFN_DOWN(e->addr + e->size);

		if (e->type != E820_TYPE_RAM)
			continue;
		if (end > max_pfn)
			end = max_pfn;
		if (first >= end)
			continue;
		check_pfn(t, first);
		check_pfn(t, first + (end - first) / 2);
		check_pfn(t, end - 1);
	}
}

/* Has [start, end) any e820 RAM below max_pfn? */
static bool e820_ram_in(uint64_t start, uint64_t end)
{
	uint64_t ram_end = PFN_PHYS(max_pfn);

	for (uint32_t i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];
		uint64_t hi = e->addr + e->size < ram_end ? e->addr + e->size : ram_end;

		if (e->type == E820_TYPE_RAM && e->addr < end && hi > start && hi > e->addr)
			return true;
	}
	return false;
}

/*
 * mem_section[] in its own range: a page of slots whose GiB has RAM (by
 * the e820 table) is mapped writable to RAM the memmap keeps reserved;
 * every other page is read-only, reads as zero and is one shared page, so
 * pfn_valid of a hole is false and a stray write faults.
 */
static void pgtable_section_table(struct ktest *t)
{
	const unsigned long per_page = PAGE_SIZE / sizeof(*mem_section);
	unsigned long backed = 0, zero = 0, zero_pa = 0;

	KTEST_ASSERT_EQ(t, (uintptr_t)mem_section, (uintptr_t)SECTION_TABLE_START);
	for (unsigned long first = 0; first < nr_mem_sections; first += per_page) {
		bool ram = e820_ram_in((uint64_t)first << SECTION_SIZE_BITS,
				       (uint64_t)(first + per_page) << SECTION_SIZE_BITS);
		struct leaf l;

		KTEST_ASSERT_TRUE(t, lookup((uintptr_t)&mem_section[first], &l));
		KTEST_EXPECT_EQ(t, l.rw, ram);
		KTEST_EXPECT_TRUE(t, noexec(&l));
		if (l.rw) {
			backed++;
			KTEST_EXPECT_TRUE(t, PageReserved(pfn_to_page(PFN_DOWN(l.pa))));
			continue;
		}
		if (!zero++)
			zero_pa = l.pa;
		KTEST_EXPECT_EQ(t, l.pa, zero_pa);
		for (unsigned long s = first; s < first + per_page && s < nr_mem_sections; s++)
			if (mem_section[s]) {
				KTEST_EXPECT_EQ(t, mem_section[s], 0ul);
				break;
			}
	}
	ktest_printf(t, "mem_section[]: %lu slots, %lu pages backed, %lu read-only zero",
		     nr_mem_sections, backed, zero);
	KTEST_EXPECT_GT(t, backed, 0ul);
}

static const struct ktest_case pgtable_cases[] = {
	KTEST_CASE(pgtable_no_lower_half),
	KTEST_CASE(pgtable_no_writable_executable),
	KTEST_CASE(pgtable_only_documented_areas),
	KTEST_CASE(pgtable_direct_map_only_ram),
	KTEST_CASE(pgtable_direct_map_covers_ram),
	KTEST_CASE(pgtable_kernel_image_wx),
	KTEST_CASE(pgtable_kernel_image_reserved),
	KTEST_CASE(pgtable_pa_va_roundtrip),
	KTEST_CASE(pgtable_pfn_page_roundtrip),
	KTEST_CASE(pgtable_section_table),
	KTEST_CASES_END,
};

static const struct ktest_suite pgtable_suite = {
	.name = "pgtable",
	.cases = pgtable_cases,
};
KTEST_SUITE(pgtable_suite);
