/* SPDX-License-Identifier: MIT */
/*
 * Boot the generic half of memory init from a hand-made node map, the
 * way the x86 code does it (contig_initmem_init, then zone_sizes_init), so
 * zone arithmetic can be tested before and apart from the arch code.
 */
#ifndef TEST_MM_BOOT_GENERIC_H
#define TEST_MM_BOOT_GENERIC_H

struct pfn_range {
	unsigned long start, end; /* [start, end) */
	int nid;
};

/*
 * Add @n ranges to the early node map, put bootmem over [0, @max_pfn)
 * with its bitmap in the first range that has room above 1 MiB, free
 * every range, reserve the bitmap, then free_area_init_nodes() with x86's
 * max_zone_pfn: DMA < 16 MiB, DMA32 < 4 GiB, Normal < max_pfn.
 */
void boot_generic(const struct pfn_range *r, int n, unsigned long max_pfn);

#endif
