// SPDX-License-Identifier: MIT
/*
 * Node ranges and distances. The ranges come from ACPI SRAT (or the
 * simulator's SRAT lines); with none, Linux's dummy node covers all RAM.
 * Validation follows Linux: ranges of different nodes must not overlap and
 * must cover all but 1 MiB of RAM, or NUMA is not used.
 */
#define pr_fmt(fmt) fmt

#include <asm/e820.h>
#include <asm/numa.h>
#include <kernel/printk.h>
#include <mm/mmzone.h>
#include <mm/page.h>

struct numa_memblk {
	uint64_t start, end;
	int nid;
};

static struct numa_memblk memblks[NR_NODE_MEMBLKS];
static int nr_memblks;
static uint8_t numa_distance[MAX_NUMNODES][MAX_NUMNODES];
static bool have_distance;
static int nr_nodes = 1;

int numa_add_memblk(int nid, uint64_t start, uint64_t end)
{
	if (nid < 0 || nid >= MAX_NUMNODES || start >= end) {
		pr_warn("NUMA: invalid memblk node %d [mem %#018llx-%#018llx]\n",
			nid, (unsigned long long)start, (unsigned long long)end - 1);
		return -1;
	}
	if (nr_memblks >= NR_NODE_MEMBLKS) {
		pr_err("NUMA: too many memblk ranges\n");
		return -1;
	}
	memblks[nr_memblks++] = (struct numa_memblk){ start, end, nid };
	if (nid + 1 > nr_nodes)
		nr_nodes = nid + 1;
	return 0;
}

void numa_set_distance(int from, int to, int distance)
{
	if (from < 0 || to < 0 || from >= MAX_NUMNODES || to >= MAX_NUMNODES ||
	    distance < LOCAL_DISTANCE || distance > 255 ||
	    (from == to && distance != LOCAL_DISTANCE)) {
		pr_warn("NUMA: invalid distance %d from node %d to node %d\n",
			distance, from, to);
		return;
	}
	if (!have_distance) {
		for (int i = 0; i < MAX_NUMNODES; i++)
			for (int j = 0; j < MAX_NUMNODES; j++)
				numa_distance[i][j] = i == j ? LOCAL_DISTANCE : REMOTE_DISTANCE;
		have_distance = true;
	}
	numa_distance[from][to] = (uint8_t)distance;
}

int node_distance(int from, int to)
{
	if (have_distance)
		return numa_distance[from][to];
	return from == to ? LOCAL_DISTANCE : REMOTE_DISTANCE;
}

/* Until ACPI tells which CPU sits where, every node is taken to have CPUs. */
bool node_has_cpus(int nid)
{
	return nid >= 0 && nid < nr_nodes;
}

int nr_node_ids_in_use(void)
{
	return nr_nodes;
}

static uint64_t ram_bytes_in(uint64_t start, uint64_t end)
{
	uint64_t n = 0;

	for (uint32_t i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];
		uint64_t s = PFN_PHYS(PFN_UP(e->addr)), t = PFN_PHYS(PFN_DOWN(e->addr + e->size));

		if (e->type != E820_TYPE_RAM)
			continue;
		if (s < start)
			s = start;
		if (t > end)
			t = end;
		if (s < t)
			n += t - s;
	}
	return n;
}

/* Linux's numa_meminfo checks, reduced to what can go wrong here. */
static bool memblks_usable(unsigned long max_pfn)
{
	uint64_t ram = ram_bytes_in(0, PFN_PHYS(max_pfn)), covered = 0;

	for (int i = 0; i < nr_memblks; i++) {
		for (int j = 0; j < i; j++) {
			const struct numa_memblk *a = &memblks[i], *b = &memblks[j];

			if (a->nid != b->nid && a->start < b->end && b->start < a->end) {
				pr_err("NUMA: node %d [mem %#010llx-%#010llx] overlaps with node %d [mem %#010llx-%#010llx]\n",
				       a->nid, (unsigned long long)a->start,
				       (unsigned long long)a->end - 1, b->nid,
				       (unsigned long long)b->start,
				       (unsigned long long)b->end - 1);
				return false;
			}
		}
		covered += ram_bytes_in(memblks[i].start, memblks[i].end);
	}
	/* Same-node overlaps count twice above; they never lower coverage. */
	if (covered + (1 << 20) < ram) {
		pr_err("NUMA: nodes only cover %lluMB of your %lluMB e820 RAM. Not used.\n",
		       (unsigned long long)(covered >> 20), (unsigned long long)(ram >> 20));
		return false;
	}
	return true;
}

void numa_initmem_init(unsigned long max_pfn)
{
	if (nr_memblks && memblks_usable(max_pfn)) {
		for (int i = 0; i < nr_memblks; i++) {
			unsigned long s = PFN_UP(memblks[i].start);
			unsigned long e = PFN_DOWN(memblks[i].end);

			e820_register_active_regions(memblks[i].nid, s,
						     e < max_pfn ? e : max_pfn);
		}
		return;
	}
	nr_memblks = 0;
	nr_nodes = 1;
	pr_info("No NUMA configuration found\n");
	pr_info("Faking a node at [mem %#018llx-%#018llx]\n", 0ULL,
		(unsigned long long)PFN_PHYS(max_pfn) - 1);
	e820_register_active_regions(0, 0, max_pfn);
}
