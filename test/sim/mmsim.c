// SPDX-License-Identifier: MIT
/*
 * mmsim: run the kernel's memory init on the e820 table of a Linux boot
 * log, on the host, and print what the kernel would print.
 *
 *   mmsim [options] LOGFILE|-
 *
 * Exit status: 0 done; 1 the kernel panicked (e.g. no usable RAM);
 * 2 usage error, unreadable log, or no e820 table in it.
 */
#include "acpidump.h"
#include "logparse.h"
#include "sim.h"
#include <kernel/percpu.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

#include <asm/e820.h>
#include <asm/numa.h>
#include <asm/setup.h>
#include <drivers/acpi.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <lib/cmdline.h>
#include <mm/mmzone.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One name for all of them, so touching ranges merge (see reserve_early). */
static const char efi_boot_services[] = "EFI boot services";

/* Where the simulated kernel image sits: Linux's default load address. */
#define KERNEL_IMAGE_START (16ULL << 20)

static const char usage_text[] =
	"usage: mmsim [options] LOGFILE|-\n"
	"  Runs the kernel's memory init (e820 sanitising, bootmem, node map,\n"
	"  zones) on the first e820 table and the SRAT lines of a Linux boot log.\n"
	"  --cmdline \"...\"    kernel options: mem=, memmap=, kernelcore=, movablecore=\n"
	"  --log-cmdline      also apply the log's own \"Command line:\" (before --cmdline)\n"
	"  --no-numa          ignore the log's SRAT lines (one node, like numa=off)\n"
	"  --distance \"M\"     SLIT distances, rows by ';', columns by ',': \"10,20;20,10\"\n"
	"  --acpidump FILE    the machine's ACPI tables (`sudo acpidump > FILE`): nodes,\n"
	"                     CPUs and distances from its SRAT, SLIT and MADT instead of\n"
	"                     the log's SRAT lines\n"
	"  --kernel-size SZ   simulated kernel image at 16M of SZ bytes (default 32M, 0: none)\n"
	"  -t                 prefix lines with \"[    0.000000] \" like a Linux log\n"
	"  -v                 also print debug-level lines (loglevel=8)\n"
	"Exit: 0 ok, 1 kernel panic, 2 usage error or no e820 table in the log.\n";

static char *read_all(FILE *f)
{
	size_t len = 0, size = 1 << 16;
	char *buf = malloc(size);

	while (buf) {
		size_t n = fread(buf + len, 1, size - len - 1, f);

		len += n;
		if (n == 0)
			break;
		if (len + 1 == size) {
			char *nb = realloc(buf, size *= 2);

			if (!nb)
				free(buf);
			buf = nb;
		}
	}
	if (buf)
		buf[len] = '\0';
	return buf;
}

/* "10,20;20,10" -> numa_set_distance for every pair. */
static int apply_distances(const char *s)
{
	int from = 0, to = 0;

	while (*s) {
		char *end;
		long d = strtol(s, &end, 10);

		if (end == s || d < 1 || d > 255 || from >= MAX_NUMNODES || to >= MAX_NUMNODES)
			return -1;
		sim_firmware_slit(from, to, (int)d);
		s = end;
		if (*s == ',') {
			to++;
			s++;
		} else if (*s == ';') {
			from++;
			to = 0;
			s++;
		} else if (*s) {
			return -1;
		}
	}
	return 0;
}

/* Highest end of usable RAM in the (sanitised) table. */
static uint64_t ram_end(void)
{
	uint64_t end = 0;

	for (uint32_t i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		if (e->type == E820_TYPE_RAM && e->addr + e->size > end)
			end = e->addr + e->size;
	}
	return end;
}

/* The tables of an acpidump file become the simulated firmware's. */
static int load_acpidump(const char *path)
{
	static struct acpidump dump;
	static struct acpi_tables tables;
	FILE *f = fopen(path, "rb");
	size_t len = 0;
	char *text;

	if (!f) {
		perror(path);
		return -1;
	}
	text = read_all(f);
	fclose(f);
	if (!text) {
		fprintf(stderr, "mmsim: cannot read %s\n", path);
		return -1;
	}
	len = strlen(text);
	if (acpidump_load(text, len, &dump)) {
		fprintf(stderr, "mmsim: %s: %s\n", path, dump.err);
		free(text);
		return -1;
	}
	free(text);
	if (!acpidump_rsdp(&dump)) {
		fprintf(stderr, "mmsim: %s has no RSDP: dump it with plain `acpidump`\n", path);
		return -1;
	}
	if (acpi_table_init(&tables, acpidump_rsdp(&dump), acpidump_mem(&dump)) < 0) {
		fprintf(stderr, "mmsim: %s: the tables cannot be walked from the RSDP\n", path);
		return -1;
	}
	sim_firmware_acpi(&tables, acpidump_mem(&dump));
	return 0;
}

int main(int argc, char **argv)
{
	struct sim_log_opts lo = { .to_stdout = true, .max_level = 7 };
	const char *path = NULL, *cmdline = "", *distances = NULL, *acpidump = NULL;
	bool log_cmdline = false, numa = true;
	uint64_t kernel_size = 32ULL << 20;
	static struct boot_log log;
	static char full_cmdline[COMMAND_LINE_SIZE];
	uint64_t need;
	char *text;
	FILE *f;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--cmdline") && i + 1 < argc) {
			cmdline = argv[++i];
		} else if (!strcmp(a, "--log-cmdline")) {
			log_cmdline = true;
		} else if (!strcmp(a, "--no-numa")) {
			numa = false;
		} else if (!strcmp(a, "--acpidump") && i + 1 < argc) {
			acpidump = argv[++i];
		} else if (!strcmp(a, "--distance") && i + 1 < argc) {
			distances = argv[++i];
		} else if (!strcmp(a, "--kernel-size") && i + 1 < argc) {
			const char *end;

			if (memparse(argv[++i], &end, &kernel_size) || *end) {
				fprintf(stderr, "mmsim: bad --kernel-size '%s'\n", argv[i]);
				return 2;
			}
		} else if (!strcmp(a, "-t")) {
			lo.timestamps = true;
		} else if (!strcmp(a, "-v")) {
			lo.max_level = 8;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage_text, stdout);
			return 0;
		} else if ((a[0] != '-' || !strcmp(a, "-")) && !path) {
			path = a;
		} else {
			fputs(usage_text, stderr);
			return 2;
		}
	}
	if (!path) {
		fputs(usage_text, stderr);
		return 2;
	}

	f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f) {
		perror(path);
		return 2;
	}
	text = read_all(f);
	if (f != stdin)
		fclose(f);
	if (!text) {
		fprintf(stderr, "mmsim: cannot read %s\n", path);
		return 2;
	}
	if (parse_boot_log(text, &log)) {
		fprintf(stderr, "mmsim: no e820 table in %s (no \"BIOS-e820:\" or \"Xen: [mem\" lines)\n",
			strcmp(path, "-") ? path : "standard input");
		return 2;
	}
	free(text);
	if (log.dropped_e820)
		fprintf(stderr, "mmsim: the log's table has more than %d entries; %u ignored\n",
			LOG_MAX_E820, log.dropped_e820);

	if (sim_mem_init(SIM_MEM_DEFAULT))
		return 2;
	sim_log_setup(&lo);
	sim_reset();

	snprintf(full_cmdline, sizeof(full_cmdline), "%s%s%s",
		 log_cmdline ? log.cmdline : "", log_cmdline && *cmdline ? " " : "", cmdline);
	pr_notice("Command line: %s\n", full_cmdline);
	parse_cmdline(full_cmdline);

	e820__memory_setup(log.e820, log.nr_e820);
	e820__finish_early_params();
	/* The table may now reach past the default reservation (RAM above 2 TiB,
	 * memmap=nn@ss): grow the simulated memory before anything lives in it. */
	need = ram_end() + (2ULL << 20);
	if (need > sim_mem_size() && sim_mem_init(need))
		return 2;

	if (numa && acpidump) {
		if (load_acpidump(acpidump))
			return 2;
	} else if (numa) {
		for (unsigned i = 0; i < log.nr_srat_cpu; i++)
			sim_firmware_srat_cpu(log.srat_cpu[i].nid, log.srat_cpu[i].pxm,
					      log.srat_cpu[i].apic);
		for (unsigned i = 0; i < log.nr_srat; i++)
			sim_firmware_srat_mem(log.srat[i].nid, log.srat[i].pxm,
					      log.srat[i].start, log.srat[i].end,
					      log.srat[i].hotplug);
	}
	if (distances && apply_distances(distances)) {
		fprintf(stderr, "mmsim: bad --distance '%s'\n", distances);
		return 2;
	}
	for (unsigned i = 0; i < log.nr_efi_boot; i++)
		reserve_early(log.efi_boot[i].start, log.efi_boot[i].end, efi_boot_services);
	if (kernel_size)
		reserve_early(KERNEL_IMAGE_START, KERNEL_IMAGE_START + kernel_size,
			      "kernel image (simulated)");
	x86_memory_init(NULL);
	/* What start_kernel does next: the page allocator takes over. */
	setup_per_cpu_areas();
	build_all_zonelists();
	mem_init();
	kmem_cache_init(); /* start_kernel's next step */
	report_unknown_params();
	return 0;
}
