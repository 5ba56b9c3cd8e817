/* SPDX-License-Identifier: MIT */
/*
 * The memory part of setup_arch, shared by the kernel and the host
 * simulator: both feed it an e820 table and early reservations, and get the
 * same bootmem, node map and zones (and the same log lines) out of it.
 */
#ifndef ASM_SETUP_H
#define ASM_SETUP_H

#include <stdbool.h>
#include <stdint.h>

/* Linux's BIOS_BEGIN/BIOS_END: the legacy 640 KiB - 1 MiB window. */
#define BIOS_BEGIN 0x000a0000ULL
#define BIOS_END   0x00100000ULL

#define MAX_DMA_PFN   ((16UL << 20) >> 12)
#define MAX_DMA32_PFN ((4UL << 30) >> 12)

/*
 * Early reservations: what must survive until bootmem can take it over.
 * Firmware maps give a few hundred boot-services regions; touching ranges
 * with the same name merge, and the limit is checked.
 */
#define MAX_EARLY_RES 512

/**
 * reserve_early - keep [start, end) away from every early allocation
 * @name: what it is, for the bootmem hand-over report
 *
 * Before bootmem exists, the only allocation is the bootmem bitmap itself;
 * find_e820_area() avoids these ranges. initmem_init() then reserves
 * them in bootmem. Reports and drops a range when the table is full.
 */
void reserve_early(uint64_t start, uint64_t end, const char *name);

/* Does [start, end) overlap an early reservation not named @except? */
bool early_res_overlaps(uint64_t start, uint64_t end, const char *except);

/**
 * find_e820_area - find @size free bytes of usable RAM in [start, end)
 * @align: alignment, a power of two
 *
 * Return: the address, or UINT64_MAX when nothing fits.
 */
uint64_t find_e820_area(uint64_t start, uint64_t end, uint64_t size, uint64_t align);

/* As find_e820_area(), but the highest fit (memblock's top-down order). */
uint64_t find_e820_area_top(uint64_t start, uint64_t end, uint64_t size, uint64_t align);

/**
 * x86_memory_init - from the sanitised e820 table to nodes and zones
 * @after_bootmem: called once bootmem is up and every early reservation
 *                 is in it, before the zones are built (the kernel builds
 *                 its page tables there); may be NULL
 *
 * trim_bios_range, max_pfn and max_low_pfn, x86_numa_init (nodes into the
 * early node map, each node's pg_data_t), the first 1 MiB reserved (Linux
 * 6.1 does: firmware scribbles there) with the SMP trampoline page chosen
 * in it, bootmem (setup_node_bootmem: one for all nodes, or one per node,
 * a bitmap per cluster of RAM), @after_bootmem, the DMA reserve, zone_sizes_init ->
 * free_area_init_nodes, then init_cpu_to_node for the CPUs
 * x86_set_possible_cpus() named. Call after e820__memory_setup() and
 * e820__finish_early_params(). Panics when there is no usable RAM.
 */
void x86_memory_init(void (*after_bootmem)(void));

/**
 * x86_set_possible_cpus - the CPUs the firmware lists (MADT), boot CPU first
 * @apicids: their APIC ids (copied)
 * @nr: how many (at most NR_CPUS are kept)
 */
void x86_set_possible_cpus(const uint32_t *apicids, unsigned int nr);

/* How many CPUs x86_set_possible_cpus() was given (the boot CPU included). */
unsigned int x86_nr_listed_cpus(void);

/* CPU @cpu's APIC id (Linux's cpu_physical_id). */
uint32_t cpu_physical_id(unsigned int cpu);

struct bootinfo;
/* Kernel only: the image, the loader's regions and ACPI tables in RAM,
 * as early reservations (arch/amd64/boot_reserve.c). */
void reserve_boot_data(const struct bootinfo *bi);

/**
 * copy_boot_data - keep the loader's boot information in the kernel image
 * @bi: the loader's bootinfo (in the loader's direct map)
 *
 * Copies the bootinfo, its regions and the EFI memory map, so that they
 * stay readable after paging_init even when mem= leaves their pages out of
 * the direct map (Linux's copy_bootdata). Call first in setup_arch.
 *
 * Return: the copy, to be used from then on.
 */
const struct bootinfo *copy_boot_data(const struct bootinfo *bi);

/* The copies (or, past their size limits, the originals). */
const struct bootinfo_region *boot_regions(void);
uint32_t boot_nr_regions(void);
const void *boot_efi_mmap(void);

/* Physical address of the page kept below 1 MiB for the SMP trampoline. */
extern uint64_t real_mode_trampoline;

#endif
