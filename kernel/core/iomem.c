// SPDX-License-Identifier: MIT
/*
 * The kernel's iomem tree and `iomem=dump`, which prints it at the end of
 * boot in /proc/iomem's format, for a machine that only has a serial line.
 */
#include <kernel/iomem.h>
#include <kernel/ioport.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <stdbool.h>

struct resource iomem_resource = {
	.start = 0,
	.end = UINT64_MAX,
	.name = "PCI mem",
	.flags = IORESOURCE_MEM,
};

static bool iomem_dump_wanted;

static int set_iomem(const char *val)
{
	if (!val || strcmp(val, "dump"))
		return -1;
	iomem_dump_wanted = true;
	return 0;
}
kernel_param("iomem", set_iomem);

static void print_line(const struct resource *r, int depth, void *ctx)
{
	char line[160];

	(void)ctx;
	resource_format(line, sizeof(line), r, depth);
	pr_info("%s\n", line);
}

void iomem_dump_requested(void)
{
	if (!iomem_dump_wanted)
		return;
	pr_info("iomem:\n");
	resource_walk(&iomem_resource, print_line, NULL);
}
