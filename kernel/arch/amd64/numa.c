// SPDX-License-Identifier: MIT
/*
 * x86_numa_init, the way Linux 6.1 does it: ask the firmware (ACPI SRAT,
 * srat.c) for node ranges, else fake one node over all RAM; clean the
 * ranges up (trim to RAM, merge a node's pieces, refuse overlaps between
 * nodes and nodes that miss RAM), then register each node: its RAM goes
 * to the early node map and its pg_data_t is allocated in its own memory.
 * Shared with the host simulator, which replays a boot log's SRAT lines.
 */
#define pr_fmt(fmt) fmt

#include <asm/e820.h>
#include <asm/numa.h>
#include <asm/setup.h>
#include <kernel/params.h>
#include <kernel/smp.h>
#include <mm/bootmem.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/mmzone.h>
#include <mm/node_map.h>
#include <mm/nodemask.h>
#include <mm/page.h>

#include "numa_internal.h"

/* What the firmware said; and its ranges with no RAM (kept for hot-add). */
static struct numa_meminfo numa_meminfo, numa_reserved_meminfo;
nodemask_t numa_nodes_parsed;
bool numa_off;
static int numa_fake;

static uint8_t numa_distance[MAX_NUMNODES * MAX_NUMNODES];
static int numa_distance_cnt;

static int16_t apicid_to_node[MAX_LOCAL_APIC];
static int16_t cpu_to_node_map[NR_CPUS];

/* numa=off, numa=fake=N: Linux's spellings. */
static int set_numa(const char *val)
{
	if (!val)
		return -1;
	if (!strcmp(val, "off")) {
		numa_off = true;
		return 0;
	}
	if (!strncmp(val, "fake=", 5)) {
		unsigned long n = 0;
		const char *p = val + 5;

		while (*p >= '0' && *p <= '9' && n <= MAX_NUMNODES)
			n = n * 10 + (unsigned long)(*p++ - '0');
		if (*p || n < 1 || n > MAX_NUMNODES)
			return -1;
		numa_fake = (int)n;
		return 0;
	}
	return -1;
}
kernel_param("numa", set_numa);

static int numa_add_memblk_to(int nid, uint64_t start, uint64_t end, struct numa_meminfo *mi)
{
	if (start == end)
		return 0;
	if (start > end || nid < 0 || nid >= MAX_NUMNODES) {
		pr_warn("Warning: invalid memblk node %d [mem %#010llx-%#010llx]\n", nid,
			(unsigned long long)start, (unsigned long long)end - 1);
		return 0;
	}
	if (mi->nr_blks >= NR_NODE_MEMBLKS) {
		pr_err("too many memblk ranges\n");
		return -1;
	}
	mi->blk[mi->nr_blks++] = (struct numa_memblk){ start, end, nid };
	return 0;
}

int numa_add_memblk(int nid, uint64_t start, uint64_t end)
{
	return numa_add_memblk_to(nid, start, end, &numa_meminfo);
}

void numa_remove_memblk_from(int idx, struct numa_meminfo *mi)
{
	mi->nr_blks--;
	memmove(&mi->blk[idx], &mi->blk[idx + 1], (size_t)(mi->nr_blks - idx) * sizeof(mi->blk[0]));
}

static nodemask_t nodes_of_meminfo(const struct numa_meminfo *mi)
{
	nodemask_t mask = 0;

	for (int i = 0; i < mi->nr_blks; i++)
		node_set(mi->blk[i].nid, &mask);
	return mask;
}

/* The table is sized for the nodes known when the first distance comes. */
static int numa_alloc_distance(void)
{
	nodemask_t nodes = numa_nodes_parsed | nodes_of_meminfo(&numa_meminfo);
	int cnt = nodes ? 64 - __builtin_clzll(nodes) : 1;

	numa_distance_cnt = cnt;
	for (int i = 0; i < cnt; i++)
		for (int j = 0; j < cnt; j++)
			numa_distance[i * cnt + j] = i == j ? LOCAL_DISTANCE : REMOTE_DISTANCE;
	pr_debug("NUMA: Initialized distance table, cnt=%d\n", cnt);
	return 0;
}

void numa_set_distance(int from, int to, int distance)
{
	static bool warned_bounds, warned_value;

	if (!numa_distance_cnt)
		numa_alloc_distance();
	if (from >= numa_distance_cnt || to >= numa_distance_cnt || from < 0 || to < 0) {
		if (!warned_bounds)
			pr_warn("Warning: node ids are out of bound, from=%d to=%d distance=%d\n",
				from, to, distance);
		warned_bounds = true;
		return;
	}
	if ((uint8_t)distance != distance || (from == to && distance != LOCAL_DISTANCE)) {
		if (!warned_value)
			pr_warn("Warning: invalid distance parameter, from=%d to=%d distance=%d\n",
				from, to, distance);
		warned_value = true;
		return;
	}
	numa_distance[from * numa_distance_cnt + to] = (uint8_t)distance;
}

void numa_reset_distance(void)
{
	numa_distance_cnt = 0;
}

int node_distance(int from, int to)
{
	if (from >= numa_distance_cnt || to >= numa_distance_cnt)
		return from == to ? LOCAL_DISTANCE : REMOTE_DISTANCE;
	return numa_distance[from * numa_distance_cnt + to];
}

/*
 * Linux prefers CPU-less nodes as fallback, but fills the node's CPU
 * masks only as CPUs come online, after the zonelists are built: at boot
 * no node has CPUs yet, and the Fallback order lines show it.
 */
bool node_has_cpus(int nid)
{
	return node_state(nid, N_CPU);
}

void set_apicid_to_node(uint32_t apicid, int nid)
{
	if (apicid < MAX_LOCAL_APIC)
		apicid_to_node[apicid] = (int16_t)nid;
}

int numa_apicid_to_node(uint32_t apicid)
{
	return apicid < MAX_LOCAL_APIC ? apicid_to_node[apicid] : NUMA_NO_NODE;
}

int early_cpu_to_node(unsigned int cpu)
{
	return cpu < NR_CPUS ? cpu_to_node_map[cpu] : NUMA_NO_NODE;
}

int cpu_to_node(unsigned int cpu)
{
	return early_cpu_to_node(cpu);
}

int numa_node_id(void)
{
	int nid = early_cpu_to_node(smp_processor_id());

	if (nid != NUMA_NO_NODE && NODE_DATA(nid))
		return nid;
	for_each_online_node(nid)
		return nid;
	return 0;
}

/* Does [start, end) hold any byte of e820 RAM? (memblock.memory) */
static bool overlaps_ram(uint64_t start, uint64_t end)
{
	for (uint32_t i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		if (e->type == E820_TYPE_RAM && e->addr < end && start < e->addr + e->size)
			return true;
	}
	return false;
}

/* Whole pages of e820 RAM in [start, end) below max_pfn. */
static unsigned long ram_pages_in(uint64_t start, uint64_t end)
{
	unsigned long n = 0;

	for (uint32_t i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];
		unsigned long s = PFN_UP(e->addr), t = PFN_DOWN(e->addr + e->size);

		if (e->type != E820_TYPE_RAM)
			continue;
		if (s < PFN_UP(start))
			s = PFN_UP(start);
		if (t > PFN_DOWN(end))
			t = PFN_DOWN(end);
		if (t > max_pfn)
			t = max_pfn;
		if (s < t)
			n += t - s;
	}
	return n;
}

uint64_t mem_hole_size(uint64_t start, uint64_t end)
{
	unsigned long s = PFN_UP(start), e = PFN_DOWN(end);

	return s < e ? PFN_PHYS(e - s - ram_pages_in(start, end)) : 0;
}

void numa_remap_apicid_nodes(const int *phys_to_emu_first)
{
	for (int i = 0; i < MAX_LOCAL_APIC; i++)
		if (apicid_to_node[i] != NUMA_NO_NODE)
			apicid_to_node[i] = (int16_t)phys_to_emu_first[apicid_to_node[i]];
}

/*
 * Linux's numa_cleanup_meminfo: ranges without RAM are set aside, the rest
 * trimmed to [0, max_pfn); a node's pieces are merged when no other node's
 * range lies between them; ranges of different nodes must not overlap.
 */
int numa_cleanup_meminfo(struct numa_meminfo *mi)
{
	const uint64_t high = PFN_PHYS(max_pfn);

	for (int i = 0; i < mi->nr_blks; i++) {
		struct numa_memblk *bi = &mi->blk[i];

		if (!overlaps_ram(bi->start, bi->end)) {
			numa_add_memblk_to(bi->nid, bi->start, bi->end, &numa_reserved_meminfo);
			numa_remove_memblk_from(i--, mi);
			continue;
		}
		if (bi->end > high) {
			numa_add_memblk_to(bi->nid, high, bi->end, &numa_reserved_meminfo);
			bi->end = high;
		}
		if (bi->start >= bi->end)
			numa_remove_memblk_from(i--, mi);
	}

	for (int i = 0; i < mi->nr_blks; i++) {
		struct numa_memblk *bi = &mi->blk[i];

		for (int j = i + 1; j < mi->nr_blks; j++) {
			struct numa_memblk *bj = &mi->blk[j];
			uint64_t start, end;
			int k;

			if (bi->end > bj->start && bi->start < bj->end) {
				if (bi->nid != bj->nid) {
					pr_err("node %d [mem %#010llx-%#010llx] overlaps with node %d [mem %#010llx-%#010llx]\n",
					       bi->nid, (unsigned long long)bi->start,
					       (unsigned long long)bi->end - 1, bj->nid,
					       (unsigned long long)bj->start,
					       (unsigned long long)bj->end - 1);
					return -1;
				}
				pr_warn("Warning: node %d [mem %#010llx-%#010llx] overlaps with itself [mem %#010llx-%#010llx]\n",
					bi->nid, (unsigned long long)bi->start,
					(unsigned long long)bi->end - 1,
					(unsigned long long)bj->start,
					(unsigned long long)bj->end - 1);
			}
			if (bi->nid != bj->nid)
				continue;
			start = bi->start < bj->start ? bi->start : bj->start;
			end = bi->end > bj->end ? bi->end : bj->end;
			for (k = 0; k < mi->nr_blks; k++) {
				const struct numa_memblk *bk = &mi->blk[k];

				if (bk->nid != bi->nid && start < bk->end && end > bk->start)
					break;
			}
			if (k < mi->nr_blks)
				continue;
			pr_info("NUMA: Node %d [mem %#010llx-%#010llx] + [mem %#010llx-%#010llx] -> [mem %#010llx-%#010llx]\n",
				bi->nid, (unsigned long long)bi->start,
				(unsigned long long)bi->end - 1, (unsigned long long)bj->start,
				(unsigned long long)bj->end - 1, (unsigned long long)start,
				(unsigned long long)end - 1);
			bi->start = start;
			bi->end = end;
			numa_remove_memblk_from(j--, mi);
		}
	}
	return 0;
}

/* Nodes must hold all RAM but 1 MiB ("we seem to lose 3 pages somewhere"). */
static bool numa_meminfo_cover_memory(const struct numa_meminfo *mi)
{
	unsigned long numaram = 0, e820ram = ram_pages_in(0, PFN_PHYS(max_pfn));

	for (int i = 0; i < mi->nr_blks; i++)
		numaram += ram_pages_in(mi->blk[i].start, mi->blk[i].end);
	if (e820ram > numaram && e820ram - numaram >= (1UL << (20 - PAGE_SHIFT))) {
		pr_err("NUMA: nodes only cover %luMB of your %luMB e820 RAM. Not used.\n",
		       numaram >> (20 - PAGE_SHIFT), e820ram >> (20 - PAGE_SHIFT));
		return false;
	}
	return true;
}

/* The node whose cleaned-up ranges hold @addr, or NUMA_NO_NODE. */
static int meminfo_nid(uint64_t addr)
{
	for (int i = 0; i < numa_meminfo.nr_blks; i++)
		if (addr >= numa_meminfo.blk[i].start && addr < numa_meminfo.blk[i].end)
			return numa_meminfo.blk[i].nid;
	return NUMA_NO_NODE;
}

/*
 * The node's pg_data_t, from the top of its own memory as memblock would
 * give it (any node if it has no room), reserved like the other early
 * allocations. Once it exists the node is online.
 */
static void alloc_node_data(int nid)
{
	const uint64_t size = PAGE_ALIGN(sizeof(pg_data_t));
	uint64_t pa = UINT64_MAX;
	int tnid;

	for (int i = numa_meminfo.nr_blks - 1; i >= 0 && pa == UINT64_MAX; i--)
		if (numa_meminfo.blk[i].nid == nid)
			pa = find_e820_area_top(numa_meminfo.blk[i].start, numa_meminfo.blk[i].end,
						size, PAGE_SIZE);
	if (pa == UINT64_MAX)
		pa = find_e820_area_top(0, PFN_PHYS(max_pfn), size, PAGE_SIZE);
	if (pa == UINT64_MAX) {
		pr_err("Cannot find %llu bytes in any node (initial node: %d)\n",
		       (unsigned long long)size, nid);
		return;
	}
	reserve_early(pa, pa + size, "NODE_DATA");
	pr_info("NODE_DATA(%d) allocated [mem %#010llx-%#010llx]\n", nid, (unsigned long long)pa,
		(unsigned long long)(pa + size - 1));
	tnid = meminfo_nid(pa);
	if (tnid != nid)
		pr_info("    NODE_DATA(%d) on node %d\n", nid, tnid);
	node_data[nid] = __va(pa);
	memset(node_data[nid], 0, sizeof(pg_data_t));
	node_data[nid]->node_id = nid;
	node_set_online(nid);
}

/*
 * Linux's numa_register_memblks: every node the firmware named is
 * possible; each with RAM gets its pages in the early node map and its
 * pg_data_t. CPU-only nodes wait for init_cpu_to_node().
 */
static int numa_register_memblks(struct numa_meminfo *mi)
{
	int nid;

	node_states[N_POSSIBLE] = numa_nodes_parsed | nodes_of_meminfo(mi);
	if (!node_states[N_POSSIBLE])
		return -1;
	if (!numa_meminfo_cover_memory(mi))
		return -1;
	for (int i = 0; i < mi->nr_blks; i++)
		e820_register_active_regions(mi->blk[i].nid, PFN_UP(mi->blk[i].start),
					     PFN_DOWN(mi->blk[i].end));
	for_each_node(nid) {
		bool has_range = false;

		for (int i = 0; i < mi->nr_blks; i++)
			has_range |= mi->blk[i].nid == nid;
		if (has_range)
			alloc_node_data(nid);
	}
	return 0;
}

static void numa_reset(void)
{
	for (int i = 0; i < MAX_LOCAL_APIC; i++)
		apicid_to_node[i] = NUMA_NO_NODE;
	for (int i = 0; i < NR_CPUS; i++)
		cpu_to_node_map[i] = NUMA_NO_NODE;
	numa_nodes_parsed = 0;
	memset(node_states, 0, sizeof(node_states));
	memset(&numa_meminfo, 0, sizeof(numa_meminfo));
	memset(&numa_reserved_meminfo, 0, sizeof(numa_reserved_meminfo));
	numa_reset_distance();
	remove_all_active_ranges();
}

static int numa_init(int (*init_func)(void))
{
	numa_reset();
	if (init_func() < 0)
		return -1;
	if (numa_cleanup_meminfo(&numa_meminfo) < 0)
		return -1;
	if (numa_fake)
		numa_emulation(&numa_meminfo, numa_fake);
	return numa_register_memblks(&numa_meminfo);
}

static int dummy_numa_init(void)
{
	pr_info("%s\n", numa_off ? "NUMA turned off" : "No NUMA configuration found");
	pr_info("Faking a node at [mem %#018llx-%#018llx]\n", 0ULL,
		(unsigned long long)PFN_PHYS(max_pfn) - 1);
	node_set(0, &numa_nodes_parsed);
	numa_add_memblk(0, 0, PFN_PHYS(max_pfn));
	return 0;
}

void x86_numa_init(void)
{
	if (!numa_off && !numa_init(x86_acpi_numa_init))
		return;
	numa_init(dummy_numa_init);
}

/* The next online node after @nid, wrapping (Linux's next_node_in). */
static int next_online_node_in(int nid)
{
	for (int i = 1; i <= MAX_NUMNODES; i++) {
		int n = (nid + i) % MAX_NUMNODES;

		if (node_online(n))
			return n;
	}
	return nid;
}

void init_cpu_to_node(const uint32_t *apicids, unsigned int nr_cpus)
{
	int rr = next_online_node_in(MAX_NUMNODES - 1);

	for (unsigned int cpu = 0; cpu < nr_cpus && cpu < NR_CPUS; cpu++) {
		int nid = numa_apicid_to_node(apicids[cpu]);

		if (nid == NUMA_NO_NODE || !NODE_DATA(nid)) {
			/* No SRAT word for it: round-robin over the online
			 * nodes, as Linux's numa_init_array. */
			cpu_to_node_map[cpu] = (int16_t)rr;
			rr = next_online_node_in(rr);
			continue;
		}
		/* A CPU-only node: memory-less but online from here on. */
		if (!node_online(nid))
			node_set_online(nid);
		cpu_to_node_map[cpu] = (int16_t)nid;
	}
}
