// SPDX-License-Identifier: MIT
/*
 * Per-CPU areas: one unit per possible CPU, each a copy of the percpu_data
 * template followed by a dynamic reserve that alloc_percpu() hands out at
 * the same offset in every unit (Linux's "embedded first chunk", reduced
 * to what a kernel without CPU hot-plug needs). Units are laid out as
 * Linux lays them out (pcpu_alloc_info.c): one block per node, in 2 MiB
 * atoms, from that node's memory.
 */
#define pr_fmt(fmt) fmt

#include <kernel/percpu.h>
#include <kernel/printk.h>
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

/* A group's units from its node's memory when the node has any. */
static char *pcpu_alloc_group(unsigned int cpu, unsigned long size)
{
	int nid = cpu_to_node(cpu);

	if (nid >= 0 && NODE_DATA(nid) && NODE_DATA(nid)->node_present_pages)
		return __alloc_bootmem_node(NODE_DATA(nid), size, PCPU_ATOM_SIZE,
					    BOOTMEM_LOW_LIMIT);
	return __alloc_bootmem(size, PCPU_ATOM_SIZE, BOOTMEM_LOW_LIMIT);
}

void __init setup_per_cpu_areas(void)
{
	static struct pcpu_alloc_info ai;
	unsigned long template = (unsigned long)(__stop_percpu_data - __start_percpu_data);
	unsigned long size_sum;

	static_size = ALIGN(template, PCPU_MIN_ALLOC);
	pcpu_build_alloc_info(&ai, static_size, 0, PERCPU_DYNAMIC_RESERVE, PCPU_ATOM_SIZE,
			      cpu_possible_mask, pcpu_cpu_distance);
	size_sum = ai.static_size + ai.reserved_size + ai.dyn_size;
	pr_info("setup_percpu: NR_CPUS:%d nr_cpumask_bits:%u nr_cpu_ids:%u nr_node_ids:%u\n",
		NR_CPUS, nr_cpu_ids, nr_cpu_ids, (unsigned)nr_node_ids);
	for (int g = 0; g < ai.nr_groups; g++) {
		const struct pcpu_group_info *gi = &ai.groups[g];
		char *base = pcpu_alloc_group(gi->cpu_map[0], gi->nr_units * ai.unit_size);

		for (int u = 0; u < gi->nr_units; u++) {
			char *unit = base + u * ai.unit_size;
			unsigned int cpu = gi->cpu_map[u];

			/* Keep what the unit uses; its tail (all of an unused
			 * unit) goes back, as Linux's embedded chunk does. */
			if (cpu == NR_CPUS) {
				free_bootmem(__pa(unit), ai.unit_size);
				continue;
			}
			if (ai.unit_size > size_sum)
				free_bootmem(__pa(unit + size_sum), ai.unit_size - size_sum);
			memcpy(unit, __start_percpu_data, template);
			__per_cpu_offset[cpu] = (uintptr_t)unit - (uintptr_t)__start_percpu_data;
			per_cpu(cpu_number, cpu) = cpu;
			arch_setup_percpu_base(cpu, __per_cpu_offset[cpu]);
		}
	}
	dyn_base = __start_percpu_data + static_size;
	memset(alloc_map, 0, sizeof(alloc_map));
	memset(bound_map, 0, sizeof(bound_map));
	pr_info("percpu: Embedded %lu pages/cpu s%lu r%lu d%lu u%lu\n", size_sum >> PAGE_SHIFT,
		ai.static_size, ai.reserved_size, ai.dyn_size, ai.unit_size);
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
