// SPDX-License-Identifier: MIT
#include "page_alloc_machines.h"
#include "sim.h"

#include <asm/e820.h>
#include <asm/numa.h>
#include <asm/setup.h>
#include <kernel/params.h>
#include <kernel/percpu.h>
#include <mm/page_alloc.h>
#include <stdio.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define RAM E820_TYPE_RAM
#define RES E820_TYPE_RESERVED
#define NVS E820_TYPE_NVS
#define ACPI E820_TYPE_ACPI

/* test/data/linux-6.1-q35-512M.log, its BIOS-e820 lines (end exclusive). */
static const struct pa_e820 q35_512m[] = {
	{ 0x0000000, 0x00a0000, RAM }, { 0x0100000, 0x0806000, RAM },
	{ 0x0806000, 0x0808000, NVS }, { 0x0808000, 0x0810000, RAM },
	{ 0x0810000, 0x0900000, NVS }, { 0x0900000, 0x1ea8a000, RAM },
	{ 0x1ea8a000, 0x1eb8c000, RES }, { 0x1eb8c000, 0x1f4ec000, RAM },
	{ 0x1f4ec000, 0x1f76c000, RES }, { 0x1f76c000, 0x1f77e000, ACPI },
	{ 0x1f77e000, 0x1f7fe000, NVS }, { 0x1f7fe000, 0x1feec000, RAM },
	{ 0x1feec000, 0x1ff70000, RES }, { 0x1ff70000, 0x20000000, NVS },
	{ 0xb0000000, 0xc0000000, RES }, { 0xffc00000, 0x100000000, RES },
};
const struct pa_machine pa_q35_512m = { "q35 512M", q35_512m, N(q35_512m), NULL, 0, "",
				       NULL, 0 };

/* QEMU q35 with 4G: 2G below the PCI hole, 2G above 4G. */
static const struct pa_e820 q35_4g[] = {
	{ 0x0, 0xa0000, RAM }, { 0x100000, 0x7f000000, RAM },
	{ 0x7f000000, 0x80000000, RES }, { 0xb0000000, 0xc0000000, RES },
	{ 0x100000000, 0x180000000, RAM },
};
const struct pa_machine pa_q35_4g_movable = {
	"q35 4G, movablecore=1G", q35_4g, N(q35_4g), NULL, 0, "movablecore=1G", NULL, 0
};

static const struct pa_numa_range two_nodes_srat[] = {
	{ 0, 0, 0x80000000 }, { 1, 0x100000000, 0x180000000 },
};
const struct pa_machine pa_two_nodes = {
	"2 nodes", q35_4g, N(q35_4g), two_nodes_srat, N(two_nodes_srat), "", NULL, 0
};

/* CPU 0 on node 0, CPUs 1-3 on node 1 (APIC id = CPU number). */
static const struct pa_numa_cpu one_three_cpus[] = {
	{ 0, 0 }, { 1, 1 }, { 1, 2 }, { 1, 3 },
};
const struct pa_machine pa_two_nodes_1_3_cpus = {
	"2 nodes, 1 + 3 CPUs", q35_4g, N(q35_4g), two_nodes_srat, N(two_nodes_srat),
	"possible_cpus=4", one_three_cpus, N(one_three_cpus)
};

static const struct pa_e820 small_64m[] = {
	{ 0x0, 0x9fc00, RAM }, { 0x100000, 0x4000000, RAM },
};
const struct pa_machine pa_small_64m = { "64M", small_64m, N(small_64m), NULL, 0, "",
				       NULL, 0 };

/*
 * One node whose RAM lies in two clusters: 128 MiB low and 128 MiB at
 * 1 TiB. The hole between is far over 64 times the RAM: two bitmaps.
 */
static const struct pa_e820 two_clusters[] = {
	{ 0x0, 0x9fc00, RAM }, { 0x100000, 0x8000000, RAM },
	{ 0x10000000000, 0x10008000000, RAM },
};
const struct pa_machine pa_two_clusters = { "two clusters", two_clusters, N(two_clusters),
					    NULL, 0, "", NULL, 0 };

/*
 * Two nodes; node 1's RAM (256 MiB) has a hole of nearly 1 TiB, over 64
 * times its RAM: node 1 gets two bitmaps, node 0 one.
 */
static const struct pa_e820 node_with_clusters[] = {
	{ 0x0, 0x9fc00, RAM }, { 0x100000, 0x80000000, RAM },
	{ 0x100000000, 0x108000000, RAM }, { 0x10000000000, 0x10008000000, RAM },
};
static const struct pa_numa_range node_with_clusters_srat[] = {
	{ 0, 0, 0x80000000 }, { 1, 0x100000000, 0x10008000000 },
};
const struct pa_machine pa_node_with_clusters = {
	"node 1 in two clusters", node_with_clusters, N(node_with_clusters),
	node_with_clusters_srat, N(node_with_clusters_srat), "", NULL, 0
};

/* 8 MiB at 0, 16G, 32G, ... 272G: 18 clusters (16 GiB holes, 144 MiB of RAM). */
#define CLUSTER(k) { (k) * 0x400000000ULL, (k) * 0x400000000ULL + 0x800000, RAM }
static const struct pa_e820 many_clusters[] = {
	CLUSTER(0), CLUSTER(1), CLUSTER(2), CLUSTER(3), CLUSTER(4), CLUSTER(5),
	CLUSTER(6), CLUSTER(7), CLUSTER(8), CLUSTER(9), CLUSTER(10), CLUSTER(11),
	CLUSTER(12), CLUSTER(13), CLUSTER(14), CLUSTER(15), CLUSTER(16), CLUSTER(17),
};
const struct pa_machine pa_18_clusters = { "18 clusters", many_clusters, N(many_clusters),
					   NULL, 0, "", NULL, 0 };

int pa_boot(const struct pa_machine *m, const char *extra_cmdline, bool mem_init_too)
{
	static const struct sim_log_opts capture = { .capture = true };
	static struct e820_entry fw[512];
	char cmdline[256];

	if (m->nr_e820 > N(fw) || sim_mem_init(SIM_MEM_DEFAULT))
		return -1;
	sim_log_setup(&capture);
	sim_reset();
	snprintf(cmdline, sizeof(cmdline), "%s %s", m->cmdline, extra_cmdline);
	parse_cmdline(cmdline);
	for (unsigned int i = 0; i < m->nr_e820; i++) {
		fw[i].addr = m->e820[i].start;
		fw[i].size = m->e820[i].end - m->e820[i].start;
		fw[i].type = m->e820[i].type;
	}
	e820__memory_setup(fw, m->nr_e820);
	e820__finish_early_params();
	for (unsigned int i = 0; i < m->nr_cpus; i++)
		sim_firmware_srat_cpu(m->cpus[i].nid, (unsigned int)m->cpus[i].nid,
				      m->cpus[i].apic_id);
	for (unsigned int i = 0; i < m->nr_numa; i++)
		sim_firmware_srat_mem(m->numa[i].nid, (unsigned int)m->numa[i].nid,
				      m->numa[i].start, m->numa[i].end, false);
	reserve_early(16ULL << 20, 48ULL << 20, "kernel image (simulated)");
	x86_memory_init(NULL);
	setup_per_cpu_areas();
	build_all_zonelists();
	if (mem_init_too) {
		mem_init();
		/* The deferred struct pages too, as the kernel's boot does before
		 * any self-test: the tests see the whole machine. */
		page_alloc_init_late();
		/* The other CPUs, as the kernel's smp_init() starts them (it
		 * does before the deferred pages: here they stay on CPU 0). */
		smp_init();
	}
	return 0;
}
