// SPDX-License-Identifier: MIT
/*
 * ktest suite "vmalloc": vmalloc, vmap, ioremap, fixmap and early_ioremap
 * on the live kernel. Mappings are checked by walking the page tables
 * from CR3 with a walker of the test's own; device reads are checked
 * against an independent source (the APIC ID against CPUID).
 */
#include <asm/early_ioremap.h>
#include <asm/fixmap.h>
#include <asm/ioremap.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <kernel/cpumask.h>
#include <lib/ktest.h>
#include <mm/page_alloc.h>
#include <mm/vmalloc.h>

#define MSR_IA32_APICBASE 0x1b
#define APICBASE_ENABLE	  (1ull << 11)
#define APICBASE_X2APIC	  (1ull << 10)
#define APIC_ID		  0x20 /* ID in bits 31:24 (xAPIC) */
#define _PAGE_PAT_4K	  (1ull << 7)

/* The PTE mapping @va (4 KiB pages only), or 0 if there is none. */
static uint64_t pte_of(unsigned long va)
{
	const uint64_t *t = __va(read_cr3() & PTE_PFN_MASK);

	for (unsigned int shift = PGDIR_SHIFT; shift > PAGE_SHIFT; shift -= 9) {
		uint64_t e = t[(va >> shift) & (PTRS_PER_TABLE - 1)];

		if (!(e & _PAGE_PRESENT) || (e & _PAGE_PSE))
			return 0;
		t = pgtable_va(e & PTE_PFN_MASK);
	}
	return t[(va >> PAGE_SHIFT) & (PTRS_PER_TABLE - 1)];
}

static bool mapped(unsigned long va)
{
	return pte_of(va) & _PAGE_PRESENT;
}

/* Pages of [va, va + size) that are not mapped RW, NX and write-back. */
static unsigned long bad_pages(unsigned long va, unsigned long size)
{
	unsigned long bad = 0;

	for (unsigned long a = va; a < va + size; a += PAGE_SIZE) {
		uint64_t e = pte_of(a);

		if (!(e & _PAGE_PRESENT) || !(e & _PAGE_RW) ||
		    (e & (_PAGE_PWT | _PAGE_PCD | _PAGE_PAT_4K | _PAGE_GLOBAL)) ||
		    ((__supported_pte_mask & _PAGE_NX) && !(e & _PAGE_NX)))
			bad++;
	}
	return bad;
}

static unsigned long mapped_pages(unsigned long va, unsigned long size)
{
	unsigned long n = 0;

	for (unsigned long a = va; a < va + size; a += PAGE_SIZE)
		n += mapped(a);
	return n;
}

/* A different value per 8-byte word, so a page mapped twice shows. */
static uint64_t pattern(unsigned long va)
{
	return va * 0x9e3779b97f4a7c15ull;
}

/* Write every word (small areas) or the first word of each page (large). */
static void fill(unsigned long va, unsigned long size, unsigned long step)
{
	for (unsigned long a = va; a < va + size; a += step)
		*(volatile uint64_t *)a = pattern(a);
}

static unsigned long wrong_words(unsigned long va, unsigned long size, unsigned long step)
{
	unsigned long bad = 0;

	for (unsigned long a = va; a < va + size; a += step)
		bad += *(volatile uint64_t *)a != pattern(a);
	return bad;
}

static void check_size(struct ktest *t, unsigned long size)
{
	unsigned long step = size > (1ul << 20) ? PAGE_SIZE : 8;
	struct vmalloc_info before, after;
	unsigned long va;

	vm_unmap_aliases(); /* free_bytes below counts purged ranges only */
	vmalloc_get_info(&before);
	va = (unsigned long)vmalloc(size);
	KTEST_EXPECT_NE(t, va, 0ul);
	if (!va)
		return;
	KTEST_EXPECT_TRUE(t, is_vmalloc_addr((void *)va));
	KTEST_EXPECT_EQ(t, va & ~PAGE_MASK, 0ul);
	KTEST_EXPECT_EQ(t, bad_pages(va, PAGE_ALIGN(size)), 0ul);
	/* The guard page right after the area. */
	KTEST_EXPECT_FALSE(t, mapped(va + PAGE_ALIGN(size)));
	fill(va, size, step);
	KTEST_EXPECT_EQ(t, wrong_words(va, size, step), 0ul);
	vmalloc_get_info(&after);
	KTEST_EXPECT_EQ(t, after.nr_areas, before.nr_areas + 1);
	vfree((void *)va);
	KTEST_EXPECT_EQ(t, mapped_pages(va, PAGE_ALIGN(size)), 0ul);
	vmalloc_get_info(&after);
	KTEST_EXPECT_EQ(t, after.nr_areas, before.nr_areas);
	vm_unmap_aliases();
	vmalloc_get_info(&after);
	KTEST_EXPECT_EQ(t, after.free_bytes, before.free_bytes);
}

static void vmalloc_sizes(struct ktest *t)
{
	static const unsigned long sizes[] = {
		PAGE_SIZE,
		16ul << 10,
		1ul << 20,
		16ul << 20,
	};

	for (unsigned int i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		ktest_printf(t, "%lu bytes", sizes[i]);
		check_size(t, sizes[i]);
	}
	/* Not a multiple of the page size: rounded up, the rest usable. */
	check_size(t, 3 * PAGE_SIZE + 100);
}

static void vmalloc_zero_and_huge_fail(struct ktest *t)
{
	KTEST_EXPECT_NULL(t, vmalloc(0));
	/* More than the whole 32 TiB area. */
	KTEST_EXPECT_NULL(t, vmalloc(1ul << 46));
	KTEST_EXPECT_NULL(t, vmalloc(~0ul));
	KTEST_EXPECT_NULL(t, vmalloc_check());
}

static void vzalloc_is_zeroed(struct ktest *t)
{
	enum { SIZE = 64 << 10 };
	unsigned long dirty = (unsigned long)vmalloc(SIZE), zero, nonzero = 0;

	KTEST_ASSERT_NE(t, dirty, 0ul);
	fill(dirty, SIZE, 8); /* pages that may come back below */
	vfree((void *)dirty);
	zero = (unsigned long)vzalloc(SIZE);
	KTEST_ASSERT_NE(t, zero, 0ul);
	for (unsigned long a = zero; a < zero + SIZE; a += 8)
		nonzero += *(volatile uint64_t *)a != 0;
	KTEST_EXPECT_EQ(t, nonzero, 0ul);
	vfree((void *)zero);
}

static void vmalloc_guard_between_areas(struct ktest *t)
{
	enum { SIZE = 16 << 10 };
	unsigned long a = (unsigned long)vmalloc(SIZE);
	unsigned long b = (unsigned long)vmalloc(SIZE);

	KTEST_ASSERT_TRUE(t, a && b);
	/* First fit: b follows a and a's guard page; the guard is unmapped. */
	KTEST_EXPECT_EQ(t, b, a + SIZE + PAGE_SIZE);
	KTEST_EXPECT_FALSE(t, mapped(a + SIZE));
	KTEST_EXPECT_TRUE(t, mapped(a + SIZE - PAGE_SIZE));
	KTEST_EXPECT_TRUE(t, mapped(b));
	vfree((void *)a);
	vfree((void *)b);
}

static void vfree_unmaps_and_reuses(struct ktest *t)
{
	enum { SIZE = 16 << 10 };
	unsigned long a, b;

	vm_unmap_aliases();
	a = (unsigned long)vmalloc(SIZE);
	KTEST_ASSERT_NE(t, a, 0ul);
	fill(a, SIZE, 8);
	vfree((void *)a);
	KTEST_EXPECT_EQ(t, mapped_pages(a, SIZE), 0ul);
	/* Same size again after the purge: the lowest fit is the range just freed. */
	vm_unmap_aliases();
	b = (unsigned long)vmalloc(SIZE);
	KTEST_EXPECT_EQ(t, b, a);
	KTEST_EXPECT_EQ(t, bad_pages(b, SIZE), 0ul);
	vfree((void *)b);
}

static void vfree_bad_pointers_reported(struct ktest *t)
{
	struct vmalloc_info before, after;
	static uint64_t not_vmalloc;
	unsigned long a = (unsigned long)vmalloc(2 * PAGE_SIZE);

	KTEST_ASSERT_NE(t, a, 0ul);
	vmalloc_get_info(&before);
	vfree(NULL);			/* allowed, silent */
	vfree((void *)(a + PAGE_SIZE)); /* inside an area */
	vfree(&not_vmalloc);		/* not a vmalloc address */
	vunmap((void *)a);		/* right area, wrong kind */
	iounmap((void *)a);
	vmalloc_get_info(&after);
	KTEST_EXPECT_EQ(t, after.bad_frees, before.bad_frees + 4);
	KTEST_EXPECT_EQ(t, after.nr_areas, before.nr_areas);
	KTEST_EXPECT_EQ(t, mapped_pages(a, 2 * PAGE_SIZE), 2ul);
	vfree((void *)a);
	vfree((void *)a); /* double free */
	vmalloc_get_info(&after);
	KTEST_EXPECT_EQ(t, after.bad_frees, before.bad_frees + 5);
	KTEST_EXPECT_EQ(t, after.nr_areas, before.nr_areas - 1);
}

static void vmap_scattered_pages(struct ktest *t)
{
	enum { N = 8 };
	struct page *pages[N], *spacers[N];
	unsigned long va, wrong = 0;

	/* Every other page goes back: the mapped ones are not adjacent. */
	for (int i = 0; i < N; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		spacers[i] = alloc_page(GFP_KERNEL);
		KTEST_ASSERT_TRUE(t, pages[i] && spacers[i]);
		*(volatile uint64_t *)page_address(pages[i]) = 0x5ca77e4ed0000000ull + (uint64_t)i;
	}
	for (int i = 0; i < N; i++)
		__free_page(spacers[i]);
	va = (unsigned long)vmap(pages, N);
	KTEST_ASSERT_NE(t, va, 0ul);
	for (int i = 0; i < N; i++) {
		uint64_t *p = (uint64_t *)(va + (unsigned long)i * PAGE_SIZE);

		wrong += *(volatile uint64_t *)p != 0x5ca77e4ed0000000ull + (uint64_t)i;
		wrong += (pte_of((unsigned long)p) & PTE_PFN_MASK) !=
			 PFN_PHYS(page_to_pfn(pages[i]));
		/* A write through the vmap shows through the direct map. */
		*(volatile uint64_t *)(p + 1) = (uint64_t)i;
		wrong += ((volatile uint64_t *)page_address(pages[i]))[1] != (uint64_t)i;
	}
	KTEST_EXPECT_EQ(t, wrong, 0ul);
	KTEST_EXPECT_FALSE(t, mapped(va + N * PAGE_SIZE));
	vunmap((void *)va);
	KTEST_EXPECT_EQ(t, mapped_pages(va, N * PAGE_SIZE), 0ul);
	/* The pages are still the caller's and still hold their data. */
	for (int i = 0; i < N; i++) {
		KTEST_EXPECT_EQ(t, *(volatile uint64_t *)page_address(pages[i]),
				0x5ca77e4ed0000000ull + (uint64_t)i);
		__free_page(pages[i]);
	}
}

static uint64_t rng = 0x853c49e6748fea9bull;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* 3000 areas of 1-4 pages, freed in random order: the tree is as before. */
static void vmalloc_many_areas_random_order(struct ktest *t)
{
	enum { N = 3000 };
	struct vmalloc_info before, mid, after;
	unsigned long *areas;
	unsigned long failed = 0;

	vm_unmap_aliases();
	vmalloc_get_info(&before);
	areas = vmalloc(N * sizeof(*areas));
	KTEST_ASSERT_NOT_NULL(t, areas);
	for (int i = 0; i < N; i++) {
		areas[i] = (unsigned long)vmalloc((1 + rnd() % 4) * PAGE_SIZE);
		failed += !areas[i];
	}
	KTEST_EXPECT_EQ(t, failed, 0ul);
	vmalloc_get_info(&mid);
	KTEST_EXPECT_EQ(t, mid.nr_areas, before.nr_areas + N + 1);
	KTEST_EXPECT_NULL(t, vmalloc_check());
	/* Fisher-Yates, then free in that order. */
	for (int i = N - 1; i > 0; i--) {
		int j = (int)(rnd() % (uint64_t)(i + 1));
		unsigned long tmp = areas[i];

		areas[i] = areas[j];
		areas[j] = tmp;
	}
	for (int i = 0; i < N; i++) {
		vfree((void *)areas[i]);
		if (i == N / 2)
			KTEST_EXPECT_NULL(t, vmalloc_check());
	}
	vfree(areas);
	vm_unmap_aliases();
	vmalloc_get_info(&after);
	KTEST_EXPECT_EQ(t, after.nr_areas, before.nr_areas);
	KTEST_EXPECT_EQ(t, after.nr_free_ranges, before.nr_free_ranges);
	KTEST_EXPECT_EQ(t, after.free_bytes, before.free_bytes);
	KTEST_EXPECT_NULL(t, vmalloc_check());
	ktest_printf(t, "%lu node pages at the peak", after.node_pages);
}

/* Linux's lazy_max_pages(): fls(online CPUs) times 32 MiB of pages. */
static unsigned long expected_lazy_max(void)
{
	unsigned long log = 0;

	for (unsigned int n = num_online_cpus(); n; n >>= 1)
		log++;
	return log * ((32ul << 20) / PAGE_SIZE);
}

/*
 * Freed areas wait for one shared TLB flush: n areas worth exactly
 * vmalloc_lazy_max_pages() cause none, the next one causes exactly one,
 * which purges them all. vmap of one page many times keeps it cheap.
 */
static void vfree_lazy_one_flush_at_threshold(struct ktest *t)
{
	enum { AREA = 1024, MAX_AREAS = 65 }; /* pages per area, guard included */
	static unsigned long areas[MAX_AREAS];
	unsigned long max = vmalloc_lazy_max_pages(), n = max / AREA, failed = 0;
	struct vmalloc_info before, info;
	struct page *page = alloc_page(GFP_KERNEL), **pages;

	KTEST_EXPECT_EQ(t, max, expected_lazy_max());
	KTEST_ASSERT_EQ(t, max % AREA, 0ul);
	KTEST_ASSERT_TRUE(t, n + 1 <= MAX_AREAS);
	KTEST_ASSERT_NOT_NULL(t, page);
	pages = vmalloc((AREA - 1) * sizeof(*pages));
	KTEST_ASSERT_NOT_NULL(t, pages);
	for (int i = 0; i < AREA - 1; i++)
		pages[i] = page;
	for (unsigned long i = 0; i <= n; i++) {
		areas[i] = (unsigned long)vmap(pages, AREA - 1);
		failed += !areas[i];
	}
	KTEST_ASSERT_EQ(t, failed, 0ul);
	vm_unmap_aliases();
	vmalloc_get_info(&before);
	KTEST_EXPECT_EQ(t, before.lazy_pages, 0ul);
	for (unsigned long i = 0; i < n; i++)
		vunmap((void *)areas[i]);
	vmalloc_get_info(&info);
	ktest_printf(t, "%lu areas, %lu pages pending, threshold %lu", n, info.lazy_pages, max);
	KTEST_EXPECT_EQ(t, info.nr_purges, before.nr_purges);
	KTEST_EXPECT_EQ(t, info.lazy_pages, n * AREA);
	KTEST_EXPECT_EQ(t, info.nr_areas, before.nr_areas - n);
	KTEST_EXPECT_EQ(t, mapped_pages(areas[0], (AREA - 1) * PAGE_SIZE), 0ul);
	KTEST_EXPECT_NULL(t, vmalloc_check());
	vunmap((void *)areas[n]);
	vmalloc_get_info(&info);
	KTEST_EXPECT_EQ(t, info.nr_purges, before.nr_purges + 1);
	KTEST_EXPECT_EQ(t, info.lazy_pages, 0ul);
	KTEST_EXPECT_EQ(t, info.free_bytes, before.free_bytes + (n + 1) * AREA * PAGE_SIZE);
	KTEST_EXPECT_NULL(t, vmalloc_check());
	vfree(pages);
	__free_page(page);
}

/* A freed range stays out of use until the purge, then comes back. */
static void vfree_range_not_reused_before_purge(struct ktest *t)
{
	struct vmalloc_info before, info;
	unsigned long a, b, c;

	vm_unmap_aliases();
	vmalloc_get_info(&before);
	a = (unsigned long)vmalloc(PAGE_SIZE);
	KTEST_ASSERT_NE(t, a, 0ul);
	vfree((void *)a);
	KTEST_EXPECT_FALSE(t, mapped(a));
	b = (unsigned long)vmalloc(PAGE_SIZE);
	KTEST_ASSERT_NE(t, b, 0ul);
	/* Not a's page nor its guard page: that range waits for the flush. */
	KTEST_EXPECT_TRUE(t, b + 2 * PAGE_SIZE <= a || b >= a + 2 * PAGE_SIZE);
	vmalloc_get_info(&info);
	KTEST_EXPECT_EQ(t, info.lazy_pages, 2ul);
	KTEST_EXPECT_EQ(t, info.nr_purges, before.nr_purges);
	vfree((void *)b);
	vm_unmap_aliases();
	vmalloc_get_info(&info);
	KTEST_EXPECT_EQ(t, info.lazy_pages, 0ul);
	KTEST_EXPECT_EQ(t, info.nr_purges, before.nr_purges + 1);
	KTEST_EXPECT_EQ(t, info.free_bytes, before.free_bytes);
	/* The free tree is as it was when a was handed out: first fit gives a. */
	c = (unsigned long)vmalloc(PAGE_SIZE);
	KTEST_EXPECT_EQ(t, c, a);
	vfree((void *)c);
}

/*
 * With the area full, an allocation that a lazily freed range would fit
 * purges (one flush) and retries, and gets that range. The area is filled
 * with unmapped reservations, largest first, until no two pages are free.
 */
static void vmalloc_full_purges_and_retries(struct ktest *t)
{
	enum { MAX_FILL = 4096 };
	unsigned long *fill_va = vmalloc(MAX_FILL * sizeof(*fill_va)), nr = 0, a, b;
	struct vmalloc_info before, info;

	KTEST_ASSERT_NOT_NULL(t, fill_va);
	vm_unmap_aliases();
	vmalloc_get_info(&before);
	a = (unsigned long)vmalloc(PAGE_SIZE);
	KTEST_ASSERT_NE(t, a, 0ul);
	for (unsigned int shift = 45; shift > PAGE_SHIFT && nr < MAX_FILL; shift--) {
		void *r = vmalloc_reserve_unmapped((1ul << shift) - PAGE_SIZE);

		if (r) {
			fill_va[nr++] = (unsigned long)r;
			shift++; /* the same size again */
		}
	}
	KTEST_EXPECT_TRUE(t, nr < MAX_FILL);
	vmalloc_get_info(&info);
	ktest_printf(t, "%lu reservations fill the area, %lu bytes left", nr, info.free_bytes);
	KTEST_EXPECT_NULL(t, vmalloc(PAGE_SIZE)); /* full, and nothing to purge */
	KTEST_EXPECT_EQ(t, info.nr_purges, before.nr_purges);
	vfree((void *)a);
	vmalloc_get_info(&info);
	KTEST_EXPECT_EQ(t, info.lazy_pages, 2ul);
	KTEST_EXPECT_EQ(t, info.nr_purges, before.nr_purges);
	b = (unsigned long)vmalloc(PAGE_SIZE);
	KTEST_EXPECT_EQ(t, b, a);
	vmalloc_get_info(&info);
	KTEST_EXPECT_EQ(t, info.nr_purges, before.nr_purges + 1);
	KTEST_EXPECT_EQ(t, info.lazy_pages, 0ul);
	KTEST_EXPECT_EQ(t, bad_pages(b, PAGE_SIZE), 0ul);
	vfree((void *)b);
	while (nr)
		KTEST_EXPECT_TRUE(t, vunmap_area((void *)fill_va[--nr], VM_RESERVED, "test"));
	vm_unmap_aliases();
	vmalloc_get_info(&info);
	KTEST_EXPECT_EQ(t, info.free_bytes, before.free_bytes);
	KTEST_EXPECT_NULL(t, vmalloc_check());
	vfree(fill_va);
}

/* The local APIC's physical base, or 0 if it is off or in x2APIC mode. */
static phys_addr_t xapic_base(void)
{
	uint64_t msr = rdmsr(MSR_IA32_APICBASE);

	if (!(msr & APICBASE_ENABLE) || (msr & APICBASE_X2APIC))
		return 0;
	return msr & PTE_PFN_MASK;
}

/* This CPU's initial APIC ID, from CPUID: what the APIC_ID register says. */
static uint32_t cpuid_apic_id(void)
{
	uint32_t a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	return b >> 24;
}

static uint32_t mmio_read32(unsigned long va)
{
	return *(volatile uint32_t *)va;
}

static void ioremap_local_apic(struct ktest *t)
{
	phys_addr_t base = xapic_base();
	unsigned long va;
	uint64_t pte;

	if (!base)
		KTEST_SKIP(t, "local APIC off or in x2APIC mode");
	/* Not page-aligned on purpose: the offset is kept. */
	va = (unsigned long)ioremap(base + APIC_ID, 4);
	KTEST_ASSERT_NE(t, va, 0ul);
	KTEST_EXPECT_EQ(t, va & ~PAGE_MASK, (unsigned long)APIC_ID);
	KTEST_EXPECT_EQ(t, mmio_read32(va) >> 24, cpuid_apic_id());
	pte = pte_of(va);
	/* UC-: PAT entry 2, PCD alone (pat.c). */
	KTEST_EXPECT_EQ(t, pte & (_PAGE_PCD | _PAGE_PWT | _PAGE_PAT_4K), _PAGE_PCD);
	KTEST_EXPECT_EQ(t, pte & PTE_PFN_MASK, base);
	KTEST_EXPECT_FALSE(t, mapped((va & PAGE_MASK) + PAGE_SIZE));
	iounmap((void *)va);
	KTEST_EXPECT_FALSE(t, mapped(va));
}

static void ioremap_wc_pte_bits(struct ktest *t)
{
	phys_addr_t base = xapic_base();
	unsigned long va;

	if (!base)
		KTEST_SKIP(t, "local APIC off or in x2APIC mode");
	/* Mapped, never touched: WC is wrong for registers, right for the PTE check. */
	va = (unsigned long)ioremap_wc(base, PAGE_SIZE);
	KTEST_ASSERT_NE(t, va, 0ul);
	KTEST_EXPECT_EQ(t, pte_of(va) & (_PAGE_PCD | _PAGE_PWT | _PAGE_PAT_4K), _PAGE_PWT);
	iounmap((void *)va);
	KTEST_EXPECT_FALSE(t, mapped(va));
}

static void ioremap_refuses_ram(struct ktest *t)
{
	static uint64_t in_ram;
	struct page *page = alloc_page(GFP_KERNEL);
	struct vmalloc_info before, after;

	KTEST_ASSERT_NOT_NULL(t, page);
	vmalloc_get_info(&before);
	KTEST_EXPECT_NULL(t, ioremap(__pa_symbol(&in_ram), sizeof(in_ram)));
	KTEST_EXPECT_NULL(t, ioremap(PFN_PHYS(page_to_pfn(page)), PAGE_SIZE));
	KTEST_EXPECT_NULL(t, ioremap_wc(PFN_PHYS(page_to_pfn(page)), 1));
	KTEST_EXPECT_NULL(t, ioremap(0x1000, 0));
	vmalloc_get_info(&after);
	KTEST_EXPECT_EQ(t, after.nr_areas, before.nr_areas);
	__free_page(page);
}

static void fixmap_local_apic(struct ktest *t)
{
	phys_addr_t base = xapic_base();
	unsigned long va = fix_to_virt(FIX_APIC_BASE);
	/* A spare slot: the APIC's own stays mapped, other CPUs' ticks use it. */
	unsigned long spare = fix_to_virt(FIX_BTMAP_END);

	if (!base)
		KTEST_SKIP(t, "local APIC off or in x2APIC mode");
	KTEST_EXPECT_GE(t, va, (unsigned long)FIXADDR_START);
	KTEST_EXPECT_LT(t, va, (unsigned long)FIXADDR_TOP);
	KTEST_EXPECT_EQ(t, pte_of(va) & (PTE_PFN_MASK | _PAGE_PCD | _PAGE_PWT), base | _PAGE_PCD);
	KTEST_EXPECT_EQ(t, mmio_read32(va + APIC_ID) >> 24, cpuid_apic_id());
	/* early_ioremap's slots are all unmapped once boot is done. */
	KTEST_ASSERT_FALSE(t, mapped(spare));
	set_fixmap(FIX_BTMAP_END, base);
	KTEST_EXPECT_EQ(t, pte_of(spare) & (PTE_PFN_MASK | _PAGE_PCD | _PAGE_PWT),
			base | _PAGE_PCD);
	KTEST_EXPECT_EQ(t, mmio_read32(spare + APIC_ID) >> 24, cpuid_apic_id());
	clear_fixmap(FIX_BTMAP_END);
	KTEST_EXPECT_FALSE(t, mapped(spare));
	/* The slots next to it were never touched. */
	KTEST_EXPECT_FALSE(t, mapped(fix_to_virt(FIX_HOLE)));
	KTEST_EXPECT_TRUE(t, mapped(va));
}

static void early_ioremap_slots(struct ktest *t)
{
	phys_addr_t base = xapic_base();
	void *p[FIX_BTMAPS_SLOTS];

	if (!base)
		KTEST_SKIP(t, "local APIC off or in x2APIC mode");
	for (int i = 0; i < FIX_BTMAPS_SLOTS; i++) {
		p[i] = early_ioremap(base + APIC_ID, 4);
		KTEST_ASSERT_NOT_NULL(t, p[i]);
		KTEST_EXPECT_EQ(t, *(volatile uint32_t *)p[i] >> 24, cpuid_apic_id());
	}
	/* Every slot busy; too large for a slot. */
	KTEST_EXPECT_NULL(t, early_ioremap(base, 4));
	early_iounmap(p[0], 4);
	KTEST_EXPECT_NULL(t, early_ioremap(base, (NR_FIX_BTMAPS + 1) * PAGE_SIZE));
	/* A mapping straddling a page boundary takes two pages of a slot. */
	p[0] = early_ioremap(base + PAGE_SIZE - 4, 8);
	KTEST_ASSERT_NOT_NULL(t, p[0]);
	KTEST_EXPECT_TRUE(t, mapped((unsigned long)p[0] + 4));
	for (int i = 0; i < FIX_BTMAPS_SLOTS; i++) {
		unsigned long va = (unsigned long)p[i];

		early_iounmap(p[i], i ? 4 : 8);
		KTEST_EXPECT_FALSE(t, mapped(va));
		KTEST_EXPECT_FALSE(t, mapped(va + 4));
	}
}

static const struct ktest_case vmalloc_cases[] = {
	KTEST_CASE(vmalloc_sizes),
	KTEST_CASE(vmalloc_zero_and_huge_fail),
	KTEST_CASE(vzalloc_is_zeroed),
	KTEST_CASE(vmalloc_guard_between_areas),
	KTEST_CASE(vfree_unmaps_and_reuses),
	KTEST_CASE(vfree_bad_pointers_reported),
	KTEST_CASE(vmap_scattered_pages),
	KTEST_CASE(vmalloc_many_areas_random_order),
	KTEST_CASE(ioremap_local_apic),
	KTEST_CASE(ioremap_wc_pte_bits),
	KTEST_CASE(ioremap_refuses_ram),
	KTEST_CASE(fixmap_local_apic),
	KTEST_CASE(early_ioremap_slots),
	KTEST_CASE(vfree_lazy_one_flush_at_threshold),
	KTEST_CASE(vfree_range_not_reused_before_purge),
	KTEST_CASE(vmalloc_full_purges_and_retries),
	KTEST_CASES_END,
};

static const struct ktest_suite vmalloc_suite = {
	.name = "vmalloc",
	.cases = vmalloc_cases,
};
KTEST_SUITE(vmalloc_suite);
