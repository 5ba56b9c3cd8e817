// SPDX-License-Identifier: MIT
/*
 * numa=fake=N: split RAM into N fake nodes, as Linux 6.1's
 * split_nodes_interleave does, so NUMA code can be exercised on a machine
 * with one node. Each fake node gets an equal share of RAM (holes do not
 * count), in 32 MiB steps, dealt round-robin over the physical nodes; the
 * distances between fake nodes are those of their physical nodes. Only
 * the plain "N" form is supported (not Linux's size or "U" forms).
 */
#define pr_fmt(fmt) fmt

#include <asm/setup.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/bootmem.h>
#include <mm/page.h>

#include "numa_internal.h"

#define FAKE_NODE_MIN_SIZE (32ULL << 20)

static int emu_nid_to_phys[MAX_NUMNODES];

/* Take @size bytes from the start of physical block @phys_blk for @nid. */
static int emu_setup_memblk(struct numa_meminfo *ei, struct numa_meminfo *pi, int nid, int phys_blk,
			    uint64_t size)
{
	struct numa_memblk *pb = &pi->blk[phys_blk], *eb;

	if (ei->nr_blks >= NR_NODE_MEMBLKS) {
		pr_err("NUMA: Too many emulated memblks, failing emulation\n");
		return -1;
	}
	eb = &ei->blk[ei->nr_blks++];
	eb->start = pb->start;
	eb->end = pb->start + size;
	eb->nid = nid;
	if (emu_nid_to_phys[nid] == NUMA_NO_NODE)
		emu_nid_to_phys[nid] = pb->nid;
	pb->start += size;
	if (pb->start >= pb->end)
		numa_remove_memblk_from(phys_blk, pi);
	pr_info("Faking node %d at [mem %#018llx-%#018llx] (%lluMB)\n", nid,
		(unsigned long long)eb->start, (unsigned long long)eb->end - 1,
		(unsigned long long)(eb->end - eb->start) >> 20);
	return 0;
}

static int first_blk_of(int nid, const struct numa_meminfo *mi)
{
	for (int i = 0; i < mi->nr_blks; i++)
		if (mi->blk[i].nid == nid)
			return i;
	return -1;
}

static int split_nodes_interleave(struct numa_meminfo *ei, struct numa_meminfo *pi,
				  uint64_t max_addr, int nr_nodes)
{
	nodemask_t physnodes = numa_nodes_parsed;
	uint64_t size = max_addr - mem_hole_size(0, max_addr);
	uint64_t big;
	int nid = 0, i;

	size = PFN_PHYS(PFN_DOWN(size) / (unsigned long)nr_nodes);
	/* What rounding each share down to 32 MiB leaves over makes some
	 * nodes ("big" ones) 32 MiB larger. */
	big = ((size & (FAKE_NODE_MIN_SIZE - 1)) * (uint64_t)nr_nodes) / FAKE_NODE_MIN_SIZE;
	size &= ~(FAKE_NODE_MIN_SIZE - 1);
	if (!size) {
		pr_err("Not enough memory for each node.  NUMA emulation disabled.\n");
		return -1;
	}
	while (physnodes) {
		for_each_node_mask(i, physnodes) {
			const uint64_t dma32_end = PFN_PHYS(MAX_DMA32_PFN);
			int blk = first_blk_of(i, pi);
			uint64_t start, limit, end;

			if (blk < 0) {
				physnodes &= ~((nodemask_t)1 << i);
				continue;
			}
			start = pi->blk[blk].start;
			limit = pi->blk[blk].end;
			end = start + size + ((uint64_t)nid < big ? FAKE_NODE_MIN_SIZE : 0);
			/* Grow until the share of RAM (not holes) is reached. */
			while (end - start - mem_hole_size(start, end) < size) {
				end += FAKE_NODE_MIN_SIZE;
				if (end > limit) {
					end = limit;
					break;
				}
			}
			/* Leave either 32 MiB of DMA32 RAM for the next node, or none. */
			if (end < dma32_end &&
			    dma32_end - end - mem_hole_size(end, dma32_end) < FAKE_NODE_MIN_SIZE)
				end = dma32_end;
			/* Too little left for another node: take the rest. */
			if (end >= limit || limit - end - mem_hole_size(end, limit) < size)
				end = limit;
			if (emu_setup_memblk(ei, pi, nid++ % nr_nodes, blk,
					     (end < limit ? end : limit) - start) < 0)
				return -1;
		}
	}
	return 0;
}

void numa_emulation(struct numa_meminfo *mi, int nr_fake)
{
	static struct numa_meminfo ei, pi;
	uint8_t phys_dist[MAX_NUMNODES][MAX_NUMNODES];
	int phys_to_emu[MAX_NUMNODES], max_emu = 0, dfl_phys = NUMA_NO_NODE;

	if (nr_fake > MAX_NUMNODES) {
		pr_info("numa=fake=%d too large, reducing to %d\n", nr_fake, MAX_NUMNODES);
		nr_fake = MAX_NUMNODES;
	}
	memset(&ei, 0, sizeof(ei));
	pi = *mi;
	for (int i = 0; i < MAX_NUMNODES; i++)
		emu_nid_to_phys[i] = NUMA_NO_NODE;
	if (split_nodes_interleave(&ei, &pi, PFN_PHYS(max_pfn), nr_fake) < 0)
		return;
	if (numa_cleanup_meminfo(&ei) < 0) {
		pr_warn("NUMA: Warning: constructed meminfo invalid, disabling emulation\n");
		return;
	}
	for (int i = 0; i < MAX_NUMNODES; i++)
		for (int j = 0; j < MAX_NUMNODES; j++)
			phys_dist[i][j] = (uint8_t)node_distance(i, j);
	for (int i = 0; i < MAX_NUMNODES; i++) {
		if (emu_nid_to_phys[i] == NUMA_NO_NODE)
			continue;
		max_emu = i;
		if (dfl_phys == NUMA_NO_NODE)
			dfl_phys = emu_nid_to_phys[i];
	}

	*mi = ei;
	numa_nodes_parsed = 0;
	for (int i = 0; i < ei.nr_blks; i++)
		node_set(ei.blk[i].nid, &numa_nodes_parsed);
	/* CPUs go to the first fake node of their physical node. */
	for (int p = 0; p < MAX_NUMNODES; p++) {
		int e = 0;

		while (e < MAX_NUMNODES && emu_nid_to_phys[e] != p)
			e++;
		phys_to_emu[p] = e < MAX_NUMNODES ? e : 0;
	}
	numa_remap_apicid_nodes(phys_to_emu);
	for (int i = 0; i < MAX_NUMNODES; i++)
		if (emu_nid_to_phys[i] == NUMA_NO_NODE)
			emu_nid_to_phys[i] = dfl_phys;
	numa_reset_distance();
	for (int i = 0; i <= max_emu; i++)
		for (int j = 0; j <= max_emu; j++)
			numa_set_distance(i, j, phys_dist[emu_nid_to_phys[i]][emu_nid_to_phys[j]]);
}
