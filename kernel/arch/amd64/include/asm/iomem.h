/* SPDX-License-Identifier: MIT */
#ifndef ASM_IOMEM_H
#define ASM_IOMEM_H

#include <boot/bootinfo.h>

/**
 * x86_iomem_init - fill iomem_resource from the e820 table and the boot
 * @bi: the boot information (for the framebuffer)
 *
 * Registers every e820 entry under Linux's names ("System RAM",
 * "Reserved", "ACPI Tables", ...), "Kernel code", "Kernel rodata",
 * "Kernel data" and "Kernel bss" inside System RAM, one "PCI MMIO" per
 * hole between the end of low RAM and 4 GiB, and "efifb". Needs bootmem
 * (one node per e820 entry) and the final e820 table; paging_early_init()
 * must have run (__pa_symbol).
 */
void x86_iomem_init(const struct bootinfo *bi);

#endif
