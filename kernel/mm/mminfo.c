// SPDX-License-Identifier: MIT
/*
 * mminfo=buddyinfo,zoneinfo,slabinfo: which dumps to print at the end of
 * boot. Apart from show_mem.c so that the failure report the page
 * allocator calls does not depend on the slab allocator.
 */
#define pr_fmt(fmt) fmt

#include "internal.h"
#include <kernel/params.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

static bool want_buddyinfo, want_zoneinfo, want_slabinfo;

/* mminfo=buddyinfo,zoneinfo,slabinfo: dumps printed at the end of boot. */
static int set_mminfo(const char *val)
{
	bool b = false, z = false, sl = false;

	for (const char *p = val; p && *p;) {
		size_t n = 0;

		while (p[n] && p[n] != ',')
			n++;
		if (n == 9 && !strncmp(p, "buddyinfo", 9))
			b = true;
		else if (n == 8 && !strncmp(p, "zoneinfo", 8))
			z = true;
		else if (n == 8 && !strncmp(p, "slabinfo", 8))
			sl = true;
		else
			return -1;
		p += n + (p[n] == ',');
	}
	if (!b && !z && !sl)
		return -1;
	want_buddyinfo = b;
	want_zoneinfo = z;
	want_slabinfo = sl;
	return 0;
}
kernel_param("mminfo", set_mminfo);

void show_mminfo(void)
{
	if (want_buddyinfo) {
		pr_info("buddyinfo:\n");
		show_buddyinfo();
	}
	if (want_zoneinfo) {
		pr_info("zoneinfo:\n");
		show_zoneinfo();
	}
	if (want_slabinfo)
		slabinfo_show();
}
