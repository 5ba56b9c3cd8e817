// SPDX-License-Identifier: MIT
/*
 * bench=page_alloc: the page allocator's fast paths timed in the kernel,
 * at the end of boot. The same loops as the host benchmarks (test/bench):
 * alloc_pages+__free_pages pairs of order 0 (through the per-CPU pageset,
 * hot) and order 3, repeated, median/min/max per pair in arch cycles.
 * Under an emulator (QEMU TCG) a cycle means little; the ratio of the two
 * figures, printed too, is what can be compared with the host's.
 */
#define pr_fmt(fmt) "bench: " fmt

#include <kernel/arch.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <lib/sort.h>
#include <lib/string.h>
#include <mm/page_alloc.h>
#include <mm/page_alloc_bench.h>

#define REPS 15

static bool bench_page_alloc;

/* bench=a,b,...: several files share the option, each takes its names. */
static int set_bench(const char *val)
{
	static const char name[] = "page_alloc";
	const size_t n = sizeof(name) - 1;

	if (!val)
		return -1;
	for (const char *p = val; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, name, n) && (p[n] == ',' || !p[n]))
			bench_page_alloc = true;
	return 0;
}
kernel_param("bench", set_bench);

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Cycles per pair over @n pairs; 0 if an allocation failed. */
static uint64_t pairs(unsigned int order, unsigned int n)
{
	uint64_t t0 = arch_cycles();

	for (unsigned int i = 0; i < n; i++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);

		if (!page)
			return 0;
		__free_pages(page, order);
	}
	return (arch_cycles() - t0) / n;
}

/* One figure: warm-up, REPS timed runs; returns the median (0: failed). */
static uint64_t figure(const char *name, unsigned int order, unsigned int n)
{
	uint64_t v[REPS];

	if (!pairs(order, n))
		goto failed;
	for (int r = 0; r < REPS; r++)
		if (!(v[r] = pairs(order, n)))
			goto failed;
	sort(v, REPS, sizeof(v[0]), cmp_u64);
	pr_info("%s median %llu cycles/op (min %llu, max %llu)\n", name,
		(unsigned long long)v[REPS / 2], (unsigned long long)v[0],
		(unsigned long long)v[REPS - 1]);
	return v[REPS / 2];
failed:
	pr_err("%s: allocation failed\n", name);
	return 0;
}

void page_alloc_bench_requested(void)
{
	uint64_t o0, o3;

	if (!bench_page_alloc)
		return;
	o0 = figure("page_alloc.order0_pcp_hot", 0, 4000);
	o3 = figure("page_alloc.order3", 3, 1000);
	if (o0 && o3) {
		/* Two decimals in integers: printk has no %f. */
		uint64_t x100 = (o3 * 100 + o0 / 2) / o0;

		pr_info("page_alloc.order3/order0_pcp_hot ratio %llu.%02llu\n",
			(unsigned long long)(x100 / 100), (unsigned long long)(x100 % 100));
	}
}
