// SPDX-License-Identifier: MIT
/*
 * ACPI SRAT and SLIT into x86 NUMA (Linux 6.1's arch/x86/mm/srat.c and
 * drivers/acpi/numa/srat.c): proximity domains become node ids in the
 * order they are first seen, CPU entries first, then memory; each CPU's
 * APIC id is mapped to its node, each memory range is a numa_memblk, and
 * the SLIT gives the distances. The table parsing itself is in
 * drivers/acpi; this file decides what the entries mean, with Linux's
 * messages. Host-buildable: mmsim runs it on a user's acpidump.
 */
#define pr_fmt(fmt) fmt

#include <asm/apic.h>
#include <asm/numa.h>
#include <drivers/acpi.h>
#include <kernel/printk.h>
#include <lib/string.h>

static int16_t pxm_to_node_map[MAX_PXM_DOMAINS];
static nodemask_t nodes_found_map;
static bool srat_bad;
/* Big, and needed once: not on the early stack. */
static struct acpi_srat_info srat_info;
static struct acpi_slit_info slit_info;

static void srat_reset(void)
{
	for (int i = 0; i < MAX_PXM_DOMAINS; i++)
		pxm_to_node_map[i] = NUMA_NO_NODE;
	nodes_found_map = 0;
	srat_bad = false;
}

static int pxm_to_node(uint32_t pxm)
{
	return pxm < MAX_PXM_DOMAINS ? pxm_to_node_map[pxm] : NUMA_NO_NODE;
}

/* The node for @pxm, handing out the lowest free node id the first time. */
static int acpi_map_pxm_to_node(uint32_t pxm)
{
	int node;

	if (pxm >= MAX_PXM_DOMAINS)
		return NUMA_NO_NODE;
	node = pxm_to_node_map[pxm];
	if (node == NUMA_NO_NODE) {
		if (nodes_weight(nodes_found_map) >= MAX_NUMNODES)
			return NUMA_NO_NODE;
		node = __builtin_ctzll(~nodes_found_map);
		pxm_to_node_map[pxm] = (int16_t)node;
		node_set(node, &nodes_found_map);
	}
	return node;
}

static void bad_srat(void)
{
	pr_err("ACPI: SRAT: SRAT not used.\n");
	srat_bad = true;
}

static void processor_affinity(const struct acpi_srat_cpu *c)
{
	int node;

	if (!c->enabled)
		return;
	if (c->x2apic && c->apic_id > apic_max_id()) {
		pr_info("SRAT: PXM %u -> X2APIC 0x%04x ignored\n", c->pxm, c->apic_id);
		return;
	}
	node = acpi_map_pxm_to_node(c->pxm);
	if (node < 0) {
		pr_err("SRAT: Too many proximity domains %x\n", c->pxm);
		bad_srat();
		return;
	}
	if (c->apic_id >= MAX_LOCAL_APIC) {
		if (c->x2apic)
			pr_info("SRAT: PXM %u -> APIC 0x%04x -> Node %u skipped apicid that is too big\n",
				c->pxm, c->apic_id, node);
		else
			pr_info("SRAT: PXM %u -> APIC 0x%02x -> Node %u skipped apicid that is too big\n",
				c->pxm, c->apic_id, node);
		return;
	}
	set_apicid_to_node(c->apic_id, node);
	node_set(node, &numa_nodes_parsed);
	if (c->x2apic)
		pr_info("SRAT: PXM %u -> APIC 0x%04x -> Node %u\n", c->pxm, c->apic_id, node);
	else
		pr_info("SRAT: PXM %u -> APIC 0x%02x -> Node %u\n", c->pxm, c->apic_id, node);
}

/* Return: whether the range became a node's memory. */
static bool memory_affinity(const struct acpi_srat_mem *m)
{
	uint64_t start = m->base, end = m->base + m->length;
	int node;

	if (!m->enabled)
		return false;
	node = acpi_map_pxm_to_node(m->pxm);
	if (node == NUMA_NO_NODE) {
		pr_err("ACPI: SRAT: Too many proximity domains.\n");
		bad_srat();
		return false;
	}
	if (end < start || numa_add_memblk(node, start, end) < 0) {
		pr_err("ACPI: SRAT: Failed to add memblk to node %u [mem %#010llx-%#010llx]\n",
		       node, (unsigned long long)start, (unsigned long long)end - 1);
		bad_srat();
		return false;
	}
	node_set(node, &numa_nodes_parsed);
	pr_info("ACPI: SRAT: Node %u PXM %u [mem %#010llx-%#010llx]%s%s\n", node, m->pxm,
		(unsigned long long)start, (unsigned long long)end - 1,
		m->hotplug ? " hotplug" : "", m->nonvolatile ? " non-volatile" : "");
	return true;
}

/* Distances between the nodes that have a proximity domain. */
static void slit_init(const struct acpi_slit_info *slit)
{
	for (uint64_t i = 0; i < slit->localities; i++) {
		int from = pxm_to_node((uint32_t)i);

		if (from == NUMA_NO_NODE)
			continue;
		for (uint64_t j = 0; j < slit->localities; j++) {
			int to = pxm_to_node((uint32_t)j);

			if (to != NUMA_NO_NODE)
				numa_set_distance(from, to, slit->dist[i][j]);
		}
	}
}

static int parse_table(const struct acpi_tables *t, const struct acpi_mem_ops *mem, const char *sig,
		       int (*parse)(const void *, uint64_t, void *), void *out)
{
	const struct acpi_table_desc *d = acpi_get_table(t, sig, 0);
	const void *p;
	int ret;

	if (!d)
		return 1;
	p = mem->map(mem->ctx, d->phys, d->length);
	if (!p) {
		pr_err("ACPI: %s: cannot map [mem %#010llx-%#010llx]\n", sig,
		       (unsigned long long)d->phys, (unsigned long long)d->phys + d->length - 1);
		return -1;
	}
	ret = parse(p, d->length, out);
	mem->unmap(mem->ctx, p, d->length);
	return ret;
}

static int parse_srat(const void *p, uint64_t len, void *out)
{
	return acpi_parse_srat(p, len, out);
}

static int parse_slit(const void *p, uint64_t len, void *out)
{
	return acpi_parse_slit(p, len, out);
}

int acpi_numa_init(const struct acpi_tables *t, const struct acpi_mem_ops *mem)
{
	int ret, parsed = 0;
	bool failed = false;

	srat_reset();
	ret = parse_table(t, mem, "SRAT", parse_srat, &srat_info);
	if (ret < 0) {
		/* Linux drops a bad SRAT with a message, and fails quietly
		 * when only its entry walk stopped (the parser printed why). */
		if (srat_info.bad_srat)
			bad_srat();
		failed = true;
	} else if (ret == 0) {
		for (int i = 0; i < srat_info.nr_cpus && !srat_bad; i++)
			processor_affinity(&srat_info.cpu[i]);
		for (int i = 0; i < srat_info.nr_mem && !srat_bad; i++)
			parsed += memory_affinity(&srat_info.mem[i]);
	}
	if (parse_table(t, mem, "SLIT", parse_slit, &slit_info) == 0)
		slit_init(&slit_info);
	return failed || srat_bad || !parsed ? -1 : 0;
}
