// SPDX-License-Identifier: MIT
/*
 * Node ranges and distances (numa.c), resettable; see sim_arch_e820.c.
 * The firmware is a boot log here: x86_acpi_numa_init replays the SRAT
 * and SLIT it printed instead of reading ACPI tables.
 */
#include "../../kernel/arch/amd64/numa.c"

#include "sim.h"
#include <asm/apic.h>
#include <asm/setup.h>
#include <drivers/acpi.h>
#include <stdio.h>
#include <string.h>

#define SIM_MAX_SRAT 1024

static struct {
	int nid;
	unsigned int pxm;
	uint32_t apic;
} fw_cpu[NR_CPUS];
static unsigned int nr_fw_cpu;
static struct {
	int nid;
	unsigned int pxm;
	uint64_t start, end;
	bool hotplug;
	bool silent; /* a node range no SRAT line printed (2.6-era logs) */
} fw_mem[SIM_MAX_SRAT];
static unsigned int nr_fw_mem;
static struct {
	int from, to, d;
} fw_slit[MAX_NUMNODES * MAX_NUMNODES];
static unsigned int nr_fw_slit;

void sim_firmware_srat_cpu(int nid, unsigned int pxm, uint32_t apic_id)
{
	if (nr_fw_cpu >= NR_CPUS) {
		fprintf(stderr, "sim: more than %d SRAT CPU entries: APIC %#x ignored\n",
			NR_CPUS, apic_id);
		return;
	}
	fw_cpu[nr_fw_cpu].nid = nid;
	fw_cpu[nr_fw_cpu].pxm = pxm;
	fw_cpu[nr_fw_cpu++].apic = apic_id;
}

void sim_firmware_srat_mem(int nid, unsigned int pxm, uint64_t start,
			   uint64_t end, bool hotplug)
{
	if (nr_fw_mem >= SIM_MAX_SRAT) {
		fprintf(stderr, "sim: more than %d SRAT memory entries: [mem %#llx-%#llx] ignored\n",
			SIM_MAX_SRAT, (unsigned long long)start, (unsigned long long)end - 1);
		return;
	}
	fw_mem[nr_fw_mem].nid = nid;
	fw_mem[nr_fw_mem].pxm = pxm;
	fw_mem[nr_fw_mem].start = start;
	fw_mem[nr_fw_mem].end = end;
	fw_mem[nr_fw_mem].silent = false;
	fw_mem[nr_fw_mem++].hotplug = hotplug;
}

void sim_firmware_node_range(int nid, uint64_t start, uint64_t end)
{
	sim_firmware_srat_mem(nid, (unsigned int)nid, start, end, false);
	if (nr_fw_mem && fw_mem[nr_fw_mem - 1].start == start && fw_mem[nr_fw_mem - 1].nid == nid)
		fw_mem[nr_fw_mem - 1].silent = true;
}

void sim_firmware_slit(int from, int to, int distance)
{
	if (nr_fw_slit < sizeof(fw_slit) / sizeof(fw_slit[0]))
		fw_slit[nr_fw_slit++] = (typeof(fw_slit[0])){ from, to, distance };
}

static const struct acpi_tables *fw_acpi;
static const struct acpi_mem_ops *fw_acpi_mem;

void sim_firmware_acpi(const struct acpi_tables *t, const struct acpi_mem_ops *mem)
{
	fw_acpi = t;
	fw_acpi_mem = mem;
}

/*
 * The machines the simulator replays are taken to be in xAPIC mode, as
 * QEMU's TCG is (no x2APIC): x2APIC ids from 0xff up are ignored.
 */
uint32_t apic_max_id(void)
{
	return 0xfe;
}

/* As the kernel: the MADT's enabled CPUs (its first one booted), SRAT, SLIT. */
static int acpi_tables_numa_init(void)
{
	static struct acpi_madt_info madt;
	const struct acpi_table_desc *d = acpi_get_table(fw_acpi, "APIC", 0);
	const void *p = d ? fw_acpi_mem->map(fw_acpi_mem->ctx, d->phys, d->length) : NULL;

	if (p) {
		uint32_t ids[NR_CPUS];
		int ret = acpi_parse_madt(p, d->length, &madt);

		fw_acpi_mem->unmap(fw_acpi_mem->ctx, p, d->length);
		for (int i = 0; ret == 0 && i < madt.nr_cpus; i++) {
			if (madt.cpu[i].enabled) {
				x86_set_possible_cpus(ids, acpi_madt_enabled_cpus(
					&madt, madt.cpu[i].apic_id, apic_max_id(), ids, NR_CPUS));
				break;
			}
		}
	}
	return acpi_numa_init(fw_acpi, fw_acpi_mem);
}

/* The lines Linux's SRAT parser prints, from what the log said. */
int x86_acpi_numa_init(void)
{
	uint32_t apicids[NR_CPUS];

	if (fw_acpi)
		return acpi_tables_numa_init();
	/*
	 * The log's kernel may have had more nodes (NODES_SHIFT up to 10);
	 * this one has MAX_NUMNODES, and its SRAT parser gives up on a
	 * proximity domain past that as Linux's does (srat.c): no NUMA.
	 */
	for (unsigned int i = 0; i < nr_fw_cpu + nr_fw_mem; i++) {
		bool cpu = i < nr_fw_cpu;
		int nid = cpu ? fw_cpu[i].nid : fw_mem[i - nr_fw_cpu].nid;
		unsigned int pxm = cpu ? fw_cpu[i].pxm : fw_mem[i - nr_fw_cpu].pxm;

		if (nid >= 0 && nid < MAX_NUMNODES)
			continue;
		fprintf(stderr, "sim: the log names node %d (PXM %u); this kernel has %d nodes at most\n",
			nid, pxm, MAX_NUMNODES);
		if (cpu)
			pr_err("SRAT: Too many proximity domains %x\n", pxm);
		else
			pr_err("ACPI: SRAT: Too many proximity domains.\n");
		pr_err("ACPI: SRAT: SRAT not used.\n");
		return -1;
	}
	for (unsigned int i = 0; i < nr_fw_cpu; i++) {
		set_apicid_to_node(fw_cpu[i].apic, fw_cpu[i].nid);
		node_set(fw_cpu[i].nid, &numa_nodes_parsed);
		pr_info("SRAT: PXM %u -> APIC 0x%02x -> Node %u\n", fw_cpu[i].pxm,
			fw_cpu[i].apic, fw_cpu[i].nid);
		apicids[i] = fw_cpu[i].apic;
	}
	if (nr_fw_cpu)
		x86_set_possible_cpus(apicids, nr_fw_cpu);
	for (unsigned int i = 0; i < nr_fw_mem; i++) {
		if (numa_add_memblk(fw_mem[i].nid, fw_mem[i].start, fw_mem[i].end) < 0)
			return -1;
		node_set(fw_mem[i].nid, &numa_nodes_parsed);
		if (!fw_mem[i].silent)
			pr_info("ACPI: SRAT: Node %u PXM %u [mem %#010llx-%#010llx]%s\n",
			fw_mem[i].nid, fw_mem[i].pxm, (unsigned long long)fw_mem[i].start,
			(unsigned long long)fw_mem[i].end - 1,
			fw_mem[i].hotplug ? " hotplug" : "");
	}
	for (unsigned int i = 0; i < nr_fw_slit; i++)
		numa_set_distance(fw_slit[i].from, fw_slit[i].to, fw_slit[i].d);
	return nr_fw_mem ? 0 : -1;
}

void sim_arch_numa_reset(void);
void sim_arch_numa_reset(void)
{
	memset(&numa_meminfo, 0, sizeof(numa_meminfo));
	memset(&numa_reserved_meminfo, 0, sizeof(numa_reserved_meminfo));
	numa_nodes_parsed = 0;
	numa_off = false;
	numa_fake = 0;
	memset(numa_distance, 0, sizeof(numa_distance));
	numa_distance_cnt = 0;
	for (int i = 0; i < MAX_LOCAL_APIC; i++)
		apicid_to_node[i] = NUMA_NO_NODE;
	for (int i = 0; i < NR_CPUS; i++)
		cpu_to_node_map[i] = NUMA_NO_NODE;
	nr_fw_cpu = nr_fw_mem = nr_fw_slit = 0;
	fw_acpi = NULL;
	fw_acpi_mem = NULL;
}
