// SPDX-License-Identifier: MIT
/*
 * Per-CPU areas: one unit per possible CPU, each a copy of the percpu_data
 * template followed by a dynamic reserve that alloc_percpu() hands out at
 * the same offset in every unit (Linux's "embedded first chunk", reduced
 * to what a kernel without CPU hot-plug needs). Units are laid out as
 * Linux lays them out (pcpu_alloc_info.c): one block per node, in 2 MiB
 * atoms, from that node's memory. Where no such block is left (RAM cut
 * into small ranges) or percpu_alloc=page asks, each unit is allocated on
 * its own in whole pages, as Linux falls back to its page first chunk.
 */
#define pr_fmt(fmt) fmt

#include <kernel/percpu.h>
#include <kernel/panic.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <mm/bootmem.h>
#include <mm/mmzone.h>
#include <mm/nodemask.h>
#include <mm/pcpu_alloc_info.h>
#include <mm/topology.h>

#define PERCPU_DYNAMIC_RESERVE (32UL << 10)
#define PCPU_MIN_ALLOC	       16 /* allocation granule of the dynamic reserve */
#define PCPU_UNITS	       (PERCPU_DYNAMIC_RESERVE / PCPU_MIN_ALLOC)
#define PCPU_ATOM_SIZE	       (2UL << 20) /* x86's PMD_SIZE: units come in 2 MiB atoms */

unsigned long __per_cpu_offset[NR_CPUS];

/* Each CPU's own number, for smp_processor_id() once the others run. */
DEFINE_PER_CPU(unsigned int, cpu_number);

static unsigned long static_size;		 /* template size, rounded to the granule */
static char *dyn_base;				 /* the reserve, as a per-CPU pointer */
static unsigned long alloc_map[PCPU_UNITS / 64]; /* granule in use */
static unsigned long bound_map[PCPU_UNITS / 64]; /* granule starts an allocation */

static bool test_map(const unsigned long *m, unsigned i)
{
	return (m[i / 64] >> (i % 64)) & 1;
}

static void set_map(unsigned long *m, unsigned i, bool v)
{
	if (v)
		m[i / 64] |= 1UL << (i % 64);
	else
		m[i / 64] &= ~(1UL << (i % 64));
}

/* Node distance between two CPUs, for the grouping (Linux's pcpu_cpu_distance). */
static int pcpu_cpu_distance(unsigned int from, unsigned int to)
{
	int a = cpu_to_node(from), b = cpu_to_node(to);

	return node_distance(a < 0 ? 0 : a, b < 0 ? 0 : b);
}

/* percpu_alloc=: "auto" and "embed" try the 2 MiB blocks first, "page" does not. */
static const char *pcpu_chosen_fc = "auto";

static int set_percpu_alloc(const char *val)
{
	static const char *const names[] = { "auto", "embed", "page" };

	for (unsigned int i = 0; val && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(val, names[i])) {
			pcpu_chosen_fc = names[i];
			return 0;
		}
	return -1;
}
kernel_param("percpu_alloc", set_percpu_alloc);

/* From @cpu's node's memory when the node has any; NULL when nothing fits. */
static char *pcpu_fc_alloc(unsigned int cpu, unsigned long size, unsigned long align)
{
	int nid = cpu_to_node(cpu);

	if (nid >= 0 && NODE_DATA(nid) && NODE_DATA(nid)->node_present_pages)
		return __alloc_bootmem_node_nopanic(NODE_DATA(nid), size, align, BOOTMEM_LOW_LIMIT);
	return __alloc_bootmem_nopanic(size, align, BOOTMEM_LOW_LIMIT);
}

/* @cpu's unit at @unit: the template's copy, and the CPU pointed at it. */
static void pcpu_setup_unit(unsigned int cpu, char *unit, unsigned long template)
{
	memcpy(unit, __start_percpu_data, template);
	__per_cpu_offset[cpu] = (uintptr_t)unit - (uintptr_t)__start_percpu_data;
	per_cpu(cpu_number, cpu) = cpu;
	arch_setup_percpu_base(cpu, __per_cpu_offset[cpu]);
}

/* Linux's pcpu_embed_first_chunk: each group's units in one block of atoms. */
static int pcpu_embed_first_chunk(struct pcpu_alloc_info *ai, unsigned long template)
{
	static char *base[NR_CPUS];
	unsigned long size_sum;

	pcpu_build_alloc_info(ai, static_size, 0, PERCPU_DYNAMIC_RESERVE, PCPU_ATOM_SIZE,
			      cpu_possible_mask, pcpu_cpu_distance);
	size_sum = ai->static_size + ai->reserved_size + ai->dyn_size;
	/* Every group's block first, so a failure leaves nothing set up. */
	for (int g = 0; g < ai->nr_groups; g++) {
		base[g] = pcpu_fc_alloc(ai->groups[g].cpu_map[0],
					ai->groups[g].nr_units * ai->unit_size, PCPU_ATOM_SIZE);
		if (base[g])
			continue;
		while (g--)
			free_bootmem(__pa(base[g]), ai->groups[g].nr_units * ai->unit_size);
		return -ENOMEM;
	}
	for (int g = 0; g < ai->nr_groups; g++) {
		const struct pcpu_group_info *gi = &ai->groups[g];

		for (int u = 0; u < gi->nr_units; u++) {
			char *unit = base[g] + u * ai->unit_size;
			unsigned int cpu = gi->cpu_map[u];

			/* Keep what the unit uses; its tail (all of an unused
			 * unit) goes back, as Linux's embedded chunk does. */
			if (cpu == NR_CPUS) {
				free_bootmem(__pa(unit), ai->unit_size);
				continue;
			}
			if (ai->unit_size > size_sum)
				free_bootmem(__pa(unit + size_sum), ai->unit_size - size_sum);
			pcpu_setup_unit(cpu, unit, template);
		}
	}
	pr_info("percpu: Embedded %lu pages/cpu s%lu r%lu d%lu u%lu\n", size_sum >> PAGE_SHIFT,
		ai->static_size, ai->reserved_size, ai->dyn_size, ai->unit_size);
	return 0;
}

/*
 * Linux's pcpu_page_first_chunk, one group, units of whole pages. Linux
 * maps each unit's pages, wherever they are, into the vmalloc area; here
 * a unit is one run of pages in the direct map (a few pages in a row,
 * not a 2 MiB block), which needs no page tables this early.
 */
static int pcpu_page_first_chunk(struct pcpu_alloc_info *ai, unsigned long template)
{
	static char *unit[NR_CPUS];
	unsigned long pages;

	pcpu_build_alloc_info(ai, static_size, 0, PERCPU_DYNAMIC_RESERVE, PAGE_SIZE,
			      cpu_possible_mask, NULL);
	pages = ai->unit_size >> PAGE_SHIFT;
	for (int u = 0; u < ai->nr_units; u++) {
		unsigned int cpu = ai->groups[0].cpu_map[u];

		if (cpu == NR_CPUS)
			continue;
		unit[u] = pcpu_fc_alloc(cpu, ai->unit_size, PAGE_SIZE);
		if (unit[u])
			continue;
		pr_warn("percpu: failed to allocate %lu 4K pages in a row for cpu%u\n", pages, cpu);
		while (u--)
			if (ai->groups[0].cpu_map[u] != NR_CPUS)
				free_bootmem(__pa(unit[u]), ai->unit_size);
		return -ENOMEM;
	}
	for (int u = 0; u < ai->nr_units; u++)
		if (ai->groups[0].cpu_map[u] != NR_CPUS)
			pcpu_setup_unit(ai->groups[0].cpu_map[u], unit[u], template);
	pr_info("percpu: %lu 4K pages/cpu s%lu r%lu d%lu\n", pages, ai->static_size,
		ai->reserved_size, ai->dyn_size);
	return 0;
}

void __init setup_per_cpu_areas(void)
{
	static struct pcpu_alloc_info ai;
	unsigned long template = (unsigned long)(__stop_percpu_data - __start_percpu_data);
	int rc = -EINVAL;

	static_size = ALIGN(template, PCPU_MIN_ALLOC);
	pr_info("setup_percpu: NR_CPUS:%d nr_cpumask_bits:%u nr_cpu_ids:%u nr_node_ids:%u\n",
		NR_CPUS, nr_cpu_ids, nr_cpu_ids, (unsigned)nr_node_ids);
	if (strcmp(pcpu_chosen_fc, "page")) {
		rc = pcpu_embed_first_chunk(&ai, template);
		if (rc < 0)
			pr_warn("setup_percpu: %s allocator failed (%d), falling back to page size\n",
				pcpu_chosen_fc, rc);
	}
	if (rc < 0)
		rc = pcpu_page_first_chunk(&ai, template);
	if (rc < 0)
		panic("cannot initialize percpu area (err=%d)", rc);
	dyn_base = __start_percpu_data + static_size;
	memset(alloc_map, 0, sizeof(alloc_map));
	memset(bound_map, 0, sizeof(bound_map));
	pcpu_dump_alloc_info(&ai, num_possible_cpus());
}

void *__alloc_percpu(size_t size, size_t align)
{
	unsigned need = (unsigned)DIV_ROUND_UP(size, PCPU_MIN_ALLOC);
	unsigned step = align > PCPU_MIN_ALLOC ? (unsigned)(align / PCPU_MIN_ALLOC) : 1;

	if (!dyn_base || !size || align > PAGE_SIZE || (align & (align - 1))) {
		pr_err("percpu: cannot allocate %zu bytes (align %zu)%s\n", size, align,
		       dyn_base ? "" : " before setup_per_cpu_areas");
		return NULL;
	}
	/* The reserve starts granule-aligned after the template; the template
	 * is 8-aligned, so larger alignments need the absolute address. */
	for (unsigned i = 0; i + need <= PCPU_UNITS; i++) {
		unsigned j;

		if (((uintptr_t)(dyn_base + i * PCPU_MIN_ALLOC) / PCPU_MIN_ALLOC) % step)
			continue;
		for (j = 0; j < need && !test_map(alloc_map, i + j); j++)
			;
		if (j < need) {
			i += j;
			continue;
		}
		for (j = 0; j < need; j++)
			set_map(alloc_map, i + j, true);
		set_map(bound_map, i, true);
		for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
			if (cpu_possible(cpu))
				memset(per_cpu_ptr(dyn_base + i * PCPU_MIN_ALLOC, cpu), 0,
				       need * PCPU_MIN_ALLOC);
		return dyn_base + i * PCPU_MIN_ALLOC;
	}
	pr_err("percpu: the %lu KiB dynamic reserve cannot fit %zu more bytes\n",
	       PERCPU_DYNAMIC_RESERVE >> 10, size);
	return NULL;
}

void free_percpu(void *ptr)
{
	uintptr_t off = (uintptr_t)ptr - (uintptr_t)dyn_base;
	unsigned i;

	if (!ptr)
		return;
	if (!dyn_base || off >= PERCPU_DYNAMIC_RESERVE || off % PCPU_MIN_ALLOC ||
	    !test_map(bound_map, (unsigned)(off / PCPU_MIN_ALLOC))) {
		pr_err("percpu: free_percpu(%p): not an allocation of the dynamic reserve\n", ptr);
		return;
	}
	i = (unsigned)(off / PCPU_MIN_ALLOC);
	set_map(bound_map, i, false);
	do
		set_map(alloc_map, i++, false);
	while (i < PCPU_UNITS && test_map(alloc_map, i) && !test_map(bound_map, i));
}
