// SPDX-License-Identifier: MIT
/*
 * bench=vmalloc: vmalloc+vfree pairs timed in the kernel at the end of
 * boot, median/min/max per pair in arch cycles over REPS runs. In-kernel
 * rather than on the host: the figure is mostly page-table work and TLB
 * flushes, which the host simulator would only imitate. Under QEMU TCG a
 * cycle is the emulator's; compare figures of one machine with each other.
 */
#define pr_fmt(fmt) "bench: " fmt

#include <kernel/arch.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <lib/sort.h>
#include <lib/string.h>
#include <mm/vmalloc.h>
#include <mm/vmalloc_bench.h>

#define REPS 15

static bool bench_vmalloc;

/* bench=a,b,...: other names belong to other benchmarks. */
static int set_bench(const char *val)
{
	static const char name[] = "vmalloc";
	const size_t n = sizeof(name) - 1;

	for (const char *p = val; p && *p;) {
		const char *comma = strchr(p, ',');

		if (!strncmp(p, name, n) && (p[n] == ',' || !p[n]))
			bench_vmalloc = true;
		p = comma ? comma + 1 : NULL;
	}
	return 0;
}
kernel_param("bench", set_bench);

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Cycles per pair over @n pairs; 0 if vmalloc failed. */
static uint64_t pairs(unsigned long size, unsigned int n)
{
	uint64_t t0 = arch_cycles();

	for (unsigned int i = 0; i < n; i++) {
		void *p = vmalloc(size);

		if (!p)
			return 0;
		vfree(p);
	}
	return (arch_cycles() - t0) / n;
}

static void figure(const char *name, unsigned long size, unsigned int n)
{
	uint64_t v[REPS];

	if (!pairs(size, n)) /* warm-up: page tables, node pool, pagesets */
		goto failed;
	for (int r = 0; r < REPS; r++)
		if (!(v[r] = pairs(size, n)))
			goto failed;
	sort(v, REPS, sizeof(v[0]), cmp_u64);
	pr_info("%s median %llu cycles/op (min %llu, max %llu)\n", name,
		(unsigned long long)v[REPS / 2], (unsigned long long)v[0],
		(unsigned long long)v[REPS - 1]);
	return;
failed:
	pr_err("%s: vmalloc failed\n", name);
}

void vmalloc_bench_requested(void)
{
	if (!bench_vmalloc)
		return;
	figure("vmalloc.16k", 16ul << 10, 200);
	figure("vmalloc.1m", 1ul << 20, 10);
}
