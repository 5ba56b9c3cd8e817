// SPDX-License-Identifier: MIT
/*
 * bench=NAME,...: each benchmark file takes its own names from the option;
 * this one checks that every name belongs to one of them, so a typo fails
 * the boot (status 2) like an unknown selftest= suite instead of silently
 * running nothing.
 */
#include <kernel/bench.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <lib/vsprintf.h>

/* Every bench= name a benchmark file accepts. */
static const char *const bench_names[] = { "page_alloc", "vmalloc" };

static char bench_unknown[64];

static bool bench_known(const char *p, size_t n)
{
	for (size_t i = 0; i < sizeof(bench_names) / sizeof(bench_names[0]); i++)
		if (strlen(bench_names[i]) == n && !strncmp(p, bench_names[i], n))
			return true;
	return false;
}

static int check_bench(const char *val)
{
	if (!val || !*val)
		return -1;
	for (const char *p = val; *p;) {
		size_t n = 0;

		while (p[n] && p[n] != ',')
			n++;
		if (!bench_known(p, n) && !bench_unknown[0])
			ksnprintf(bench_unknown, sizeof(bench_unknown), "%.*s", (int)n, p);
		p += n + (p[n] == ',');
	}
	return 0;
}
kernel_param("bench", check_bench);

bool bench_names_ok(void)
{
	if (!bench_unknown[0])
		return true;
	pr_err("bench: no benchmark named '%s' (known: page_alloc, vmalloc)\n", bench_unknown);
	return false;
}
