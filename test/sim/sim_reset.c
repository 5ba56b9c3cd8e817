// SPDX-License-Identifier: MIT
/*
 * Back to a freshly booted machine. The kernel never needs this (its
 * globals start zeroed, once), so it lives here rather than in kernel/mm:
 * every global of the memory-init path is listed, and zeroed, in one place.
 * A new global in kernel/mm that is not listed here leaks state between
 * test cases; the unit test sim_reset_* cases catch the ones we know.
 */
#include "sim.h"

#include <mm/bootmem.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>
#include <kernel/smp.h>
#include <mm/node_map.h>
#include <mm/nodemask.h>
#include <mm/page_alloc.h>
#include <string.h>
#include "../../kernel/mm/internal.h"

void sim_panic_forget(void);
void sim_arch_reset(void);
void sim_percpu_reset(void);
void sim_slab_reset(void);
void sim_smp_reset(void);
void sim_slab_debug_reset(void);
void sim_kmalloc_reset(void);

#define ZERO(x) memset(&(x), 0, sizeof(x))

static pg_data_t sim_pgdat[MAX_NUMNODES];

void sim_reset(void)
{
	/* First: the other CPUs' threads stop touching the old machine. */
	sim_smp_reset();
	/* node_map.c */
	ZERO(early_node_map);
	nr_nodemap_entries = 0;
	/* bootmem.c */
	ZERO(bootmem_node_data);
	INIT_LIST_HEAD(&bdata_list);
	max_pfn = max_low_pfn = 0;
	/* sparse.c (its static counters are reset by sparse_init itself) */
	sim_section_table_reset();
	mem_section = NULL;
	nr_mem_sections = 0;
	memmap_bytes = 0;
	/* mm_init.c */
	/* Tests that skip x86_numa_init get every node's pg_data_t here;
	 * numa.c replaces them with ones in simulated memory. */
	ZERO(sim_pgdat);
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		node_data[nid] = &sim_pgdat[nid];
	ZERO(node_states);
	ZERO(arch_zone_lowest_possible_pfn);
	ZERO(arch_zone_highest_possible_pfn);
	ZERO(zone_movable_pfn);
	nr_kernel_pages = nr_all_pages = 0;
	set_dma_reserve(0);
	/* page allocator (page_alloc.c, page_check.c, pcp.c, watermark.c) */
	page_group_by_mobility_disabled = false;
	page_poisoning_enabled = false;
	nodeferinit = false;
	deferred_pages = false;
	nr_bad_pages = 0;
	nr_cpu_ids = 1;
	setup_max_cpus = NR_CPUS;
	for (unsigned int cpu = 1; cpu < NR_CPUS; cpu++)
		set_cpu_possible(cpu, false);
	min_free_kbytes = 1024;
	/* zone_movable.c */
	movable_zone = 0;
	required_kernelcore = required_movablecore = 0;
	required_kernelcore_percent = required_movablecore_percent = 0;

	/* slab (sim_slab*.c, sim_kmalloc.c: their statics too) */
	sim_slab_reset();
	sim_slab_debug_reset();
	sim_kmalloc_reset();

	sim_percpu_reset();
	sim_arch_reset();
	sim_mem_discard();
	sim_log_clear();
	sim_panic_forget();
}
