// SPDX-License-Identifier: MIT
/*
 * mmsim: run the kernel's memory init on the e820 table of a Linux boot
 * log, on the host, and print what the kernel would print.
 *
 *   mmsim [options] LOGFILE|-
 *
 * Exit status: 0 done; 1 the kernel panicked (e.g. no usable RAM);
 * 2 usage error, unreadable log, no e820 table in it, or a table refused
 * (an entry wrapping past 2^64, more RAM than the host can model).
 */
#include "acpidump.h"
#include "logparse.h"
#include "efi_e820.h"
#include "sim.h"
#include <kernel/percpu.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

#include <asm/e820.h>
#include <asm/numa.h>
#include <asm/setup.h>
#include <drivers/acpi.h>
#include <kernel/efi.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <lib/cmdline.h>
#include <mm/bootmem.h>
#include <mm/mmzone.h>
#include <errno.h>
#include <inttypes.h>
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
	"  --full             also run the end of boot's deferred struct-page init:\n"
	"                     \"node N deferred pages initialised in Nms\" per node\n"
	"  --distances \"M\"    SLIT distances, rows by ';', columns by ',': \"10,20;20,10\"\n"
	"  --acpidump FILE    the machine's ACPI tables (`sudo acpidump > FILE`): nodes,\n"
	"                     CPUs and distances from its SRAT, SLIT and MADT instead of\n"
	"                     the log's SRAT lines\n"
	"  --kernel-size SZ   simulated kernel image at 16M of SZ bytes (default 32M, 0: none)\n"
	"  -t                 prefix lines with \"[    0.000000] \" like a Linux log\n"
	"  -v                 also print debug-level lines (loglevel=8)\n"
	"Exit: 0 ok, 1 kernel panic, 2 usage error, unreadable log, no e820 table\n"
	"      in it, or a table refused (wrapping entry, too much RAM to model).\n";

/*
 * The whole input, NUL-terminated. A read error is reported as one (a
 * directory, a closed stdin), not as "no e820 table"; NUL bytes and other
 * control characters a serial capture picks up are dropped (counted on
 * stderr) so that they neither end the text nor break a line's match.
 */
static char *read_all(FILE *f, const char *name)
{
	size_t len = 0, size = 1 << 16, noise = 0, w = 0;
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
	if (!buf) {
		fprintf(stderr, "mmsim: %s: out of memory reading it\n", name);
		return NULL;
	}
	if (ferror(f)) {
		fprintf(stderr, "mmsim: %s: read error: %s\n", name, strerror(errno));
		free(buf);
		return NULL;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
			noise++;
		else
			buf[w++] = (char)c;
	}
	buf[w] = '\0';
	if (noise)
		fprintf(stderr, "mmsim: %s: skipped %zu NUL or control bytes\n", name, noise);
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
	/* Linux ends RAM at max_arch_pfn (46 bits); the kernel never touches more. */
	return end < PFN_PHYS(MAX_ARCH_PFN) ? end : PFN_PHYS(MAX_ARCH_PFN);
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
	text = read_all(f, path);
	fclose(f);
	if (!text)
		return -1;
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

/*
 * A log with an EFI memory map but no e820 table: the table the loader
 * would hand over, made by the loader's own efi_map_to_e820 (the one code
 * for both). Descriptors it leaves out are named; one whose size wraps
 * past 2^64 is refused, as the e820 entry Linux's stub would make of it
 * makes Linux throw the table away.
 */
static int e820_from_efi_map(struct boot_log *log)
{
	struct efi_e820_stats st;
	size_t n = 0;

	for (unsigned i = 0; i < log->nr_efi_map; i++) {
		const struct efi_memory_desc *d = &log->efi_map[i];
		const char *why = NULL;

		if (!efi_mem_to_e820_type(d->type, d->attribute))
			why = "a type Linux 6.1 does not know";
		else if (!d->num_pages)
			why = "0 pages";
		else if (d->num_pages > (UINT64_MAX >> 12) ||
			 d->phys_addr > UINT64_MAX - (d->num_pages << 12) + 1)
			why = "its size wraps past 2^64";
		if (why)
			fprintf(stderr, "mmsim: EFI descriptor %u (type %u at %#" PRIx64 ", %#" PRIx64
					" pages) not converted: %s\n",
				i, d->type, d->phys_addr, d->num_pages, why);
	}
	if (efi_map_to_e820(log->efi_map, log->nr_efi_map * sizeof(log->efi_map[0]),
			    sizeof(log->efi_map[0]), log->e820, LOG_MAX_E820, &n, &st) != EFI_E820_OK) {
		fprintf(stderr, "mmsim: the EFI map gives more than %d e820 entries\n", LOG_MAX_E820);
		return -1;
	}
	if (st.skipped_wrap) {
		fprintf(stderr, "mmsim: an EFI descriptor's size wraps past 2^64: Linux 6.1 throws the "
				"whole firmware table away (append_e820_table) and uses the BIOS's fallback "
				"memory sizes, which a log does not have; no layout\n");
		return -1;
	}
	log->nr_e820 = (unsigned)n;
	fprintf(stderr, "mmsim: no e820 table: the log's EFI memory map (%u descriptors) converted "
			"as the loader does\n", log->nr_efi_map);
	/* Boot services stay reserved through memory init, as for efi=debug logs. */
	for (unsigned i = 0; i < log->nr_efi_map && !log->nr_efi_boot; i++) {
		const struct efi_memory_desc *d = &log->efi_map[i];

		if ((d->type == EFI_BOOT_SERVICES_CODE || d->type == EFI_BOOT_SERVICES_DATA) &&
		    d->num_pages && d->num_pages <= (UINT64_MAX >> 12) &&
		    log->nr_efi_boot < LOG_MAX_EFI_BOOT) {
			log->efi_boot[log->nr_efi_boot].start = d->phys_addr;
			log->efi_boot[log->nr_efi_boot].end = d->phys_addr + (d->num_pages << 12);
			log->nr_efi_boot++;
		}
	}
	return 0;
}

static int cmp_range(const void *a, const void *b)
{
	const uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Host bytes for the bootmem bitmaps and mem_section[] of the table's RAM
 * @ram (below max_arch_pfn): a bit per page frame of each bitmap's span,
 * cut where bootmem_cluster_end cuts it (all RAM taken as one node; each
 * node's bitmaps lie within these spans), and mem_section[]'s backed
 * pages: at most one per GiB of RAM and one more per range. A hole below
 * the cut ratio is still paid for.
 */
static uint64_t span_bytes(const struct boot_log *log, uint64_t ram)
{
	static uint64_t r[LOG_MAX_E820][2];
	uint64_t spans = 0, start = 0, end = 0;
	unsigned n = 0;

	for (unsigned i = 0; i < log->nr_e820; i++) {
		const struct e820_entry *e = &log->e820[i];
		uint64_t hi = e->addr + e->size < PFN_PHYS(MAX_ARCH_PFN) ? e->addr + e->size
									: PFN_PHYS(MAX_ARCH_PFN);

		if (e->type == E820_TYPE_RAM && hi > e->addr) {
			r[n][0] = e->addr;
			r[n++][1] = hi;
		}
	}
	qsort(r, n, sizeof(r[0]), cmp_range);
	for (unsigned i = 0; i < n; i++) {
		if (i && r[i][0] > end && r[i][0] - end > ram * BOOTMEM_HOLE_RATIO) {
			spans += end - start;
			start = r[i][0];
		}
		if (r[i][1] > end)
			end = r[i][1];
	}
	spans += end - start;
	return spans / 4096 / 8 + (DIV_ROUND_UP(ram, 1ULL << 30) + n) * 4096;
}

/*
 * Tables mmsim cannot lay out, refused before anything runs: an entry whose
 * size wraps (Linux 6.1 throws such a table away for the BIOS's fallback
 * sizes, which a log does not have), and more RAM than this host can model:
 * with --full a real memmap (64 bytes per 4 KiB page); without, as at
 * "Memory:", only bootmem's bitmap (a bit per page), the memmap of each
 * node's first part (deferred struct-page init) and that of the reserved
 * pages (the memmap's own among them) are touched.
 */
static int refuse_table(const struct boot_log *log, bool full)
{
	uint64_t ram = 0, need, avail = 0;
	char line[256];
	FILE *mi;

	if (e820__check_firmware_table(log->e820, log->nr_e820)) {
		fprintf(stderr, "mmsim: an e820 entry's size wraps past 2^64: Linux 6.1 throws the whole "
				"firmware table away (append_e820_table) and uses the BIOS's fallback memory "
				"sizes, which a log does not have; no layout\n");
		return -1;
	}
	for (unsigned i = 0; i < log->nr_e820; i++) {
		const struct e820_entry *e = &log->e820[i];
		/* Only RAM below max_arch_pfn is ever used (e820__end_of_ram_pfn). */
		uint64_t end = e->addr + e->size < PFN_PHYS(MAX_ARCH_PFN) ? e->addr + e->size
									 : PFN_PHYS(MAX_ARCH_PFN);

		if (e->type == E820_TYPE_RAM && end > e->addr)
			ram += end - e->addr;
	}
	/*
	 * Without --full: bootmem's bitmaps and mem_section[]'s pages (span_bytes),
	 * and the struct pages of the memmap's own pages, which mem_init sets
	 * up as reserved (64 bytes per 4 KiB of a memmap that is 1/64 of RAM:
	 * RAM/4096).
	 */
	need = full ? ram / 4096 * 64 : span_bytes(log, ram) + ram / 4096 + (256ULL << 20);
	mi = fopen("/proc/meminfo", "r");
	while (mi && fgets(line, sizeof(line), mi))
		if (sscanf(line, "MemAvailable: %" SCNu64 " kB", &avail) == 1)
			break;
	if (mi)
		fclose(mi);
	if (avail && need > avail * 1024 / 4 * 3) {
		fprintf(stderr, "mmsim: the log's table has %" PRIu64 " GiB of usable RAM; modelling it "
				"needs about %" PRIu64 " MiB of host memory for its %s, more than 3/4 of the "
				"%" PRIu64 " MiB available here; refused\n",
			ram >> 30, need >> 20, full ? "memmap" : "bootmem bitmap and reserved struct pages", avail >> 10);
		return -1;
	}
	return 0;
}

/*
 * The log's NUMA ranges: its SRAT lines, or for a 2.6-era log without
 * them (NUMA from AMD's northbridge), its early_node_map when that names
 * more than one node.
 */
static void add_node_ranges(const struct boot_log *log)
{
	bool several = false;

	for (unsigned i = 0; i < log->nr_srat_cpu; i++)
		sim_firmware_srat_cpu(log->srat_cpu[i].nid, log->srat_cpu[i].pxm,
				      log->srat_cpu[i].apic);
	for (unsigned i = 0; i < log->nr_srat; i++)
		sim_firmware_srat_mem(log->srat[i].nid, log->srat[i].pxm, log->srat[i].start,
				      log->srat[i].end, log->srat[i].hotplug);
	if (log->nr_srat)
		return;
	for (unsigned i = 1; i < log->nr_node_map; i++)
		several = several || log->node_map[i].nid != log->node_map[0].nid;
	if (!several)
		return;
	pr_notice("mmsim: no SRAT lines: node ranges from the log's early_node_map\n");
	for (unsigned i = 0; i < log->nr_node_map; i++)
		sim_firmware_node_range(log->node_map[i].nid, log->node_map[i].start,
					log->node_map[i].end);
}

/*
 * The log's EFI boot-services ranges, held through memory init as the
 * kernel does, or not at all on a machine too small for that (the
 * kernel's own rule, efi_hold_boot_services).
 */
static void reserve_boot_services(const struct boot_log *log)
{
	uint64_t ram = 0, bs = 0;

	for (uint32_t i = 0; i < e820_table->nr_entries; i++)
		if (e820_table->entries[i].type == E820_TYPE_RAM)
			ram += e820_table->entries[i].size;
	for (unsigned i = 0; i < log->nr_efi_boot; i++)
		bs += log->efi_boot[i].end - log->efi_boot[i].start;
	if (!efi_hold_boot_services(ram, bs)) {
		pr_info("efi: only %lluK of RAM outside boot services memory: its %lluK used at once (no EFI runtime calls are made)\n",
			(unsigned long long)(ram > bs ? ram - bs : 0) >> 10, (unsigned long long)bs >> 10);
		return;
	}
	for (unsigned i = 0; i < log->nr_efi_boot; i++)
		reserve_early(log->efi_boot[i].start, log->efi_boot[i].end, efi_boot_services);
}

/*
 * Are the fallback orders Linux would print known? Yes with distances
 * (--distances), with at most two nodes of memory (the local node first,
 * then the other: distances cannot change that), or when the log's ACPI
 * table list has no SLIT (every distance is the default). Otherwise the
 * orders are hidden and one line says so: a guess is never printed as fact.
 */
static bool fallback_order_known(const struct boot_log *log, bool numa, bool distances)
{
	bool seen[1024] = { false };
	unsigned nodes = 0;

	if (!numa || distances)
		return true;
	for (unsigned i = 0; i < log->nr_srat; i++)
		if (!seen[log->srat[i].nid]) {
			seen[log->srat[i].nid] = true;
			nodes++;
		}
	for (unsigned i = 0; !log->nr_srat && i < log->nr_node_map; i++)
		if (!seen[log->node_map[i].nid]) {
			seen[log->node_map[i].nid] = true;
			nodes++;
		}
	return nodes <= 2 || (log->acpi_table_list && !log->acpi_slit);
}

static void hide_fallback_order(struct sim_log_opts *lo, const struct boot_log *log)
{
	pr_notice("mmsim: fallback order unknown: %s; give the distances with "
		  "--distances \"10,20,...;20,10,...\" (rows by ';') to see it\n",
		  log->acpi_slit ? "the firmware has a SLIT but the log does not print its distances"
				 : "the log does not list its ACPI tables, so a SLIT may have set distances");
	lo->hide = "Fallback order for Node ";
	sim_log_setup(lo);
}

int main(int argc, char **argv)
{
	struct sim_log_opts lo = { .to_stdout = true, .max_level = 7 };
	const char *path = NULL, *cmdline = "", *distances = NULL, *acpidump = NULL;
	bool log_cmdline = false, numa = true, full = false;
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
		} else if (!strcmp(a, "--full")) {
			full = true;
		} else if (!strcmp(a, "--no-numa")) {
			numa = false;
		} else if (!strcmp(a, "--acpidump") && i + 1 < argc) {
			acpidump = argv[++i];
		} else if ((!strcmp(a, "--distance") || !strcmp(a, "--distances")) && i + 1 < argc) {
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
	text = read_all(f, strcmp(path, "-") ? path : "standard input");
	if (f != stdin)
		fclose(f);
	if (!text)
		return 2;
	if (parse_boot_log(text, &log)) {
		fprintf(stderr, "mmsim: no e820 table in %s (no \"BIOS-e820:\" or \"Xen: [mem\" lines)\n",
			strcmp(path, "-") ? path : "standard input");
		return 2;
	}
	free(text);
	if (!log.nr_e820 && e820_from_efi_map(&log))
		return 2;
	if (log.dropped_e820)
		fprintf(stderr, "mmsim: the log's table has more than %d entries; %u ignored\n",
			LOG_MAX_E820, log.dropped_e820);

	sim_log_setup(&lo);
	if (refuse_table(&log, full))
		return 2;
	if (sim_mem_init(SIM_MEM_DEFAULT))
		return 2;
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
		add_node_ranges(&log);
	}
	if (distances && apply_distances(distances)) {
		fprintf(stderr, "mmsim: bad --distance '%s'\n", distances);
		return 2;
	}
	reserve_boot_services(&log);
	if (kernel_size)
		reserve_early(KERNEL_IMAGE_START, KERNEL_IMAGE_START + kernel_size,
			      "kernel image (simulated)");
	x86_memory_init(NULL);
	/* What start_kernel does next: the page allocator takes over. */
	setup_per_cpu_areas();
	if (!fallback_order_known(&log, numa, distances != NULL || acpidump != NULL))
		hide_fallback_order(&lo, &log);
	build_all_zonelists();
	mem_init();
	kmem_cache_init(); /* start_kernel's next step */
	if (full)
		page_alloc_init_late(); /* the deferred struct pages, timed per node */
	report_unknown_params();
	return 0;
}
