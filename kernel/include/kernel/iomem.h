/* SPDX-License-Identifier: MIT */
#ifndef KERNEL_IOMEM_H
#define KERNEL_IOMEM_H

/**
 * iomem_dump_requested - with `iomem=dump`, print iomem_resource's tree
 * as /proc/iomem shows it (one pr_info line per resource); nothing
 * otherwise. start_kernel calls it at the end of boot.
 */
void iomem_dump_requested(void);

#endif
