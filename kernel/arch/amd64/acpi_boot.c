// SPDX-License-Identifier: MIT
/*
 * ACPI at boot on x86 (Linux's acpi_boot_table_init and the MADT part of
 * acpi_boot_init): find the tables from the RSDP the loader passed, keep
 * them reserved, read the MADT's CPUs, and give SRAT/SLIT to srat.c.
 *
 * Tables are read through the direct map where the firmware put them in
 * RAM or ACPI memory (the loader's direct map covers those, and so does
 * the kernel's), and through early_ioremap anywhere else (reserved
 * memory, MMIO-like holes, above 4 GiB): the fixmap works on the
 * loader's page tables too.
 */
#define pr_fmt(fmt) "ACPI: " fmt

#include <asm/apic.h>
#include <asm/e820.h>
#include <asm/early_ioremap.h>
#include <asm/fixmap.h>
#include <asm/numa.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <drivers/acpi.h>
#include <kernel/boot.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/cmdline.h>
#include <lib/string.h>

static struct acpi_tables acpi_tables;
static struct acpi_madt_info madt;
static bool acpi_off;
static unsigned int nr_ioremapped; /* maps outside the direct map */

/* acpi=off: no tables at all (one node, the boot CPU), as in Linux. */
static int set_acpi(const char *val)
{
	if (!val || strcmp(val, "off"))
		return -1;
	acpi_off = true;
	return 0;
}
kernel_param("acpi", set_acpi);

/* acpi_apic_instance=2: read the second MADT (Linux's; 0 and 1: the first). */
static int acpi_apic_instance;

static int set_acpi_apic_instance(const char *val)
{
	unsigned long n;

	if (!val || parse_uint(val, 2, &n))
		return -1;
	acpi_apic_instance = (int)n;
	return 0;
}
kernel_param("acpi_apic_instance", set_acpi_apic_instance);

static bool direct_mapped(uint64_t phys, uint64_t len)
{
	uint64_t end = phys + len;

	return e820__mapped_all(phys, end, E820_TYPE_RAM) ||
	       e820__mapped_all(phys, end, E820_TYPE_ACPI) ||
	       e820__mapped_all(phys, end, E820_TYPE_NVS);
}

static const void *acpi_early_map(void *ctx, uint64_t phys, uint64_t len)
{
	(void)ctx;
	if (!len || phys + len < phys)
		return NULL;
	if (direct_mapped(phys, len))
		return __va(phys);
	nr_ioremapped++;
	return early_ioremap(phys, len);
}

static void acpi_early_unmap(void *ctx, const void *virt, uint64_t len)
{
	uintptr_t va = (uintptr_t)virt;

	(void)ctx;
	if (va >= FIXADDR_START && va <= FIXADDR_TOP)
		early_iounmap((void *)va, len);
}

static const struct acpi_mem_ops acpi_mem = {
	.map = acpi_early_map,
	.unmap = acpi_early_unmap,
};

/* Linux keeps every table in memory for good: reserve those in RAM. */
static void acpi_reserve_initial_tables(void)
{
	for (int i = 0; i < acpi_tables.nr; i++) {
		const struct acpi_table_desc *d = &acpi_tables.t[i];

		pr_info("Reserving %.4s table memory at [mem %#010llx-%#010llx]\n", d->signature,
			(unsigned long long)d->phys, (unsigned long long)(d->phys + d->length - 1));
		reserve_early(d->phys, d->phys + d->length, "ACPI table");
	}
}

/*
 * The boot CPU's APIC id, before its APIC is set up: CPUID leaf 0xB's
 * 32-bit x2APIC id where the CPU has that leaf (EBX nonzero), else leaf
 * 1's 8-bit one, which cannot hold the ids of big x2APIC machines.
 */
static uint32_t boot_cpu_apic_id(void)
{
	uint32_t a, b, c, d;

	cpuid(0, &a, &b, &c, &d);
	if (a >= 0xb) {
		cpuid(0xb, &a, &b, &c, &d);
		if (b)
			return d;
	}
	cpuid(1, &a, &b, &c, &d);
	return b >> 24;
}

/*
 * The CPUs the MADT lists as enabled, the boot CPU first (Linux numbers
 * it 0); entries with the "no such CPU" id are skipped as Linux does.
 */
static void acpi_parse_madt_cpus(void)
{
	uint32_t ids[NR_CPUS], bsp = boot_cpu_apic_id();
	unsigned int n = 1;
	const struct acpi_table_desc *d;
	const void *p;
	int ret;

	ids[0] = bsp;
	if (acpi_table_count(&acpi_tables, "APIC") > 1) {
		pr_warn("BIOS bug: multiple APIC/MADT found, using %d\n", acpi_apic_instance);
		pr_warn("If \"acpi_apic_instance=%d\" works better, notify linux-acpi@vger.kernel.org\n",
			acpi_apic_instance ? 0 : 2);
	} else {
		acpi_apic_instance = 0;
	}
	d = acpi_get_table(&acpi_tables, "APIC", acpi_apic_instance == 2 ? 1 : 0);
	if (!d)
		goto out;
	p = acpi_early_map(NULL, d->phys, d->length);
	if (!p) {
		pr_err("cannot map the MADT at [mem %#010llx-%#010llx]\n",
		       (unsigned long long)d->phys, (unsigned long long)d->phys + d->length - 1);
		goto out;
	}
	ret = acpi_parse_madt(p, d->length, &madt);
	acpi_early_unmap(NULL, p, d->length);
	if (ret < 0) {
		pr_err("Invalid BIOS MADT, disabling ACPI\n");
		goto out;
	}
	n = acpi_madt_enabled_cpus(&madt, bsp, apic_max_id(), ids, NR_CPUS);
out:
	x86_set_possible_cpus(ids, n);
}

void acpi_boot_table_init(const struct bootinfo *bi)
{
	if (acpi_off || !bi->acpi_rsdp) {
		if (!acpi_off)
			pr_info("no RSDP from the firmware: no ACPI tables\n");
		x86_set_possible_cpus((uint32_t[]){ boot_cpu_apic_id() }, 1);
		return;
	}
	if (acpi_table_init(&acpi_tables, bi->acpi_rsdp, &acpi_mem) < 0)
		pr_err("ACPI tables unusable: one node, the boot CPU only\n");
	acpi_reserve_initial_tables();
	acpi_parse_madt_cpus();
	if (nr_ioremapped)
		pr_debug("%u table maps outside RAM and ACPI memory went through early_ioremap\n",
			 nr_ioremapped);
}

uint64_t x86_madt_lapic_addr(void)
{
	return madt.has_lapic_addr_ovr ? madt.lapic_addr_ovr : madt.lapic_addr;
}

int x86_acpi_numa_init(void)
{
	if (acpi_off || !acpi_tables.nr)
		return -1;
	int ret = acpi_numa_init(&acpi_tables, &acpi_mem);

	if (nr_ioremapped)
		pr_debug("%u table maps outside RAM and ACPI memory went through early_ioremap\n",
			 nr_ioremapped);
	return ret;
}
