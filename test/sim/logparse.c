// SPDX-License-Identifier: MIT
/*
 * Boot-log reader for mmsim. Lines are matched by content, not position,
 * so any prefix (timestamps, dmesg -T dates, syslog headers) is skipped
 * by searching for the keyword in the line.
 */
#include "logparse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint32_t parse_e820_type(const char *s)
{
	static const struct { const char *name; uint32_t type; } names[] = {
		{ "usable", E820_TYPE_RAM },
		{ "reserved", E820_TYPE_RESERVED },
		{ "ACPI data", E820_TYPE_ACPI },
		{ "ACPI NVS", E820_TYPE_NVS },
		{ "unusable", E820_TYPE_UNUSABLE },
		{ "soft reserved", E820_TYPE_SOFT_RESERVED },
	};
	unsigned long v;
	char *end;

	while (*s == ' ')
		s++;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = strlen(names[i].name);

		/* whole word: "reserved" must not match "reserved-foo" */
		if (!strncmp(s, names[i].name, n) && (s[n] == '\0' || s[n] == ' ' || s[n] == ')'))
			return names[i].type;
	}
	/* "persistent (type 12)" and "type 20": the number is the type */
	if (!strncmp(s, "persistent (type ", 17))
		s += 17;
	else if (!strncmp(s, "type ", 5))
		s += 5;
	else
		return 0;
	v = strtoul(s, &end, 10);
	if (end == s || v == 0 || v > 0xffffffffUL)
		return 0;
	return (uint32_t)v;
}

static int parse_hex(const char **p, uint64_t *v)
{
	char *end;
	const char *s = *p;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f') || (*s >= 'A' && *s <= 'F')))
		return -1;
	*v = strtoull(s, &end, 16);
	*p = end;
	return 0;
}

/* "[mem 0xA-0xB]" -> [A, B + 1); 0 on success, @p moved past ']'. */
static int parse_mem_range(const char **p, uint64_t *start, uint64_t *end)
{
	const char *s = *p;
	uint64_t a, b;

	if (strncmp(s, "[mem ", 5))
		return -1;
	s += 5;
	if (parse_hex(&s, &a) || *s++ != '-' || parse_hex(&s, &b) || *s++ != ']')
		return -1;
	*start = a;
	*end = b + 1; /* 0 for an end of 2^64; b < a - 1 is a wrapped size */
	*p = s;
	return 0;
}

/*
 * One e820 line (text after "who: "), into @e. The size is taken modulo
 * 2^64 exactly as the kernel that printed the line computed its end, so a
 * size-0 entry at A ("[mem A-(A-1)]", in the old form "A - A") comes back
 * with size 0, and a size that wrapped comes back wrapping: deciding what
 * to do with those is e820__memory_setup's job, shared with the kernel.
 * Return: 0, -1 not an entry, -2 an entry of a type we cannot name.
 */
static int parse_e820_line(const char *s, struct e820_entry *e)
{
	uint64_t a, b;

	if (*s == '[') {
		/* [mem 0x...-0x...] type, inclusive end */
		if (parse_mem_range(&s, &a, &b))
			return -1;
		e->type = parse_e820_type(s);
	} else {
		/* 0000000000000000 - 000000000009f000 (usable), exclusive end */
		if (parse_hex(&s, &a) || strncmp(s, " - ", 3))
			return -1;
		s += 3;
		if (parse_hex(&s, &b))
			return -1;
		while (*s == ' ')
			s++;
		e->type = parse_e820_type(*s == '(' ? s + 1 : s);
	}
	e->addr = a;
	e->size = b - a;
	e->pad = 0;
	return e->type ? 0 : -2;
}

/*
 * "SRAT: Node N PXM P [mem a-b]( hotplug)" (3.10 on, inclusive end),
 * "SRAT: Node N PXM P [a-b]" (3.x, inclusive) and the 2.6 form
 * "SRAT: Node N PXM P a-b" (bare hex, end exclusive).
 */
static int parse_srat_line(const char *s, struct log_srat *r)
{
	uint64_t a, b;
	char *end;
	long nid;

	s += strlen("SRAT: Node ");
	nid = strtol(s, &end, 10);
	if (end == s || nid < 0 || nid > 1023 || strncmp(end, " PXM ", 5))
		return -1;
	s = end + 5;
	r->pxm = (unsigned int)strtoul(s, &end, 10);
	if (end == s || *end != ' ')
		return -1;
	s = end + 1;
	if (!strncmp(s, "[mem ", 5)) {
		if (parse_mem_range(&s, &r->start, &r->end))
			return -1;
	} else if (*s == '[') {
		s++;
		if (parse_hex(&s, &a) || *s++ != '-' || parse_hex(&s, &b) || *s++ != ']')
			return -1;
		r->start = a;
		r->end = b + 1;
	} else {
		if (parse_hex(&s, &a) || *s++ != '-' || parse_hex(&s, &b))
			return -1;
		r->start = a;
		r->end = b;
	}
	/* Zero length ("a-a", "[mem a-(a-1)]") is read: Linux parses the node, adds no memory. */
	if (r->end < r->start)
		return -1;
	r->nid = (int)nid;
	r->hotplug = strstr(s, "hotplug") != NULL;
	return 0;
}

/* "SRAT: PXM P -> APIC 0xA -> Node N" ("-> X2APIC ... ignored" places no CPU) */
static int parse_srat_cpu_line(const char *s, struct log_srat_cpu *c)
{
	char *end;
	unsigned long pxm, apic, nid;

	s += strlen("SRAT: PXM ");
	pxm = strtoul(s, &end, 10);
	if (end == s || strncmp(end, " -> APIC ", 9))
		return -1;
	s = end + 9;
	/* Linux prints "0x%02x"; 2.6-era kernels printed the id in decimal. */
	apic = strncmp(s, "0x", 2) ? strtoul(s, &end, 10) : strtoul(s, &end, 16);
	if (end == s || strncmp(end, " -> Node ", 9))
		return -1;
	s = end + 9;
	nid = strtoul(s, &end, 10);
	if (end == s || nid > 1023 || strstr(end, "skipped"))
		return -1;
	c->pxm = (unsigned int)pxm;
	c->apic = (uint32_t)apic;
	c->nid = (int)nid;
	return 0;
}

static void warn_line(unsigned lineno, const char *what, const char *line)
{
	fprintf(stderr, "mmsim: line %u: %s: %.200s\n", lineno, what, line);
}

/* "efi: memNN: [Boot Code   |...] range=[0xa-0xb] (NMB)", inclusive end */
static int parse_efi_boot_line(const char *s, uint64_t *start, uint64_t *end)
{
	const char *r;
	char *e;

	if (strncmp(s, "[Boot Code", 10) && strncmp(s, "[Boot Data", 10))
		return -1;
	r = strstr(s, "range=[0x");
	if (!r)
		return -1;
	*start = strtoull(r + 7, &e, 16);
	if (strncmp(e, "-0x", 3))
		return -1;
	*end = strtoull(e + 1, &e, 16) + 1;
	return *e == ']' && *end > *start ? 0 : -1;
}

/* Linux's efi=debug names (efi_md_typeattr_format), by EFI type. */
static const char *const efi_type_names[] = {
	"Reserved", "Loader Code", "Loader Data", "Boot Code", "Boot Data",
	"Runtime Code", "Runtime Data", "Conventional", "Unusable",
	"ACPI Reclaim", "ACPI Mem NVS", "MMIO", "MMIO Port", "PAL Code", "Persistent",
};

/* "MMAP   0 type= 7 Conventional phys=0000000000000000 pages=00000000a0 attr=000000000000000f" */
static int parse_mmap_dump_line(const char *s, struct efi_memory_desc *d)
{
	const char *t = strstr(s, "type="), *p = strstr(s, "phys="),
		   *n = strstr(s, "pages="), *a = strstr(s, "attr=");

	if (!t || !p || !n || !a)
		return -1;
	memset(d, 0, sizeof(*d));
	d->type = (uint32_t)strtoul(t + 5, NULL, 10);
	d->phys_addr = strtoull(p + 5, NULL, 16);
	d->num_pages = strtoull(n + 6, NULL, 16);
	d->attribute = strtoull(a + 5, NULL, 16);
	return 0;
}

/* "[Conventional|   |  |...|WB|WT|WC|UC] range=[0xa-0xb] (NMB)", or "[type=N|attr=0x...]" */
static int parse_efi_debug_line(const char *s, struct efi_memory_desc *d)
{
	const char *r = strstr(s, "range=[0x");
	uint64_t a, b;
	char *e;

	if (*s != '[' || !r)
		return -1;
	memset(d, 0, sizeof(*d));
	if (!strncmp(s + 1, "type=", 5)) {
		d->type = (uint32_t)strtoul(s + 6, NULL, 10);
	} else {
		size_t i, n = sizeof(efi_type_names) / sizeof(efi_type_names[0]);

		for (i = 0; i < n; i++) {
			size_t l = strlen(efi_type_names[i]);

			if (!strncmp(s + 1, efi_type_names[i], l) && (s[1 + l] == ' ' || s[1 + l] == '|'))
				break;
		}
		if (i == n)
			return -1;
		d->type = (uint32_t)i;
	}
	if (strstr(s, "|SP|"))
		d->attribute |= EFI_MEMORY_SP;
	a = strtoull(r + 7, &e, 16);
	if (strncmp(e, "-0x", 3))
		return -1;
	b = strtoull(e + 1, &e, 16);
	if (*e != ']')
		return -1;
	d->phys_addr = a;
	d->num_pages = (b + 1 - a) >> 12; /* the printed end is inclusive */
	return 0;
}

enum table_state { BEFORE, IN_TABLE, AFTER };

/*
 * An early_node_map line, pfns: "    0: 0x00000010 -> 0x0000009f" (2.6.28
 * on) or "    0:       16 ->      159" (decimal, before).
 */
static int parse_node_map_line(const char *line, struct log_srat *r)
{
	const char *hit = strstr(line, ": "), *d;
	unsigned long long a, b;
	long nid;
	char *end;

	if (!hit || hit == line)
		return -1;
	for (d = hit; d > line && d[-1] >= '0' && d[-1] <= '9'; d--)
		;
	if (d == hit || (d > line && d[-1] != ' '))
		return -1;
	nid = strtol(d, &end, 10);
	if (end != hit || nid > 1023 || sscanf(hit, ": %lli -> %lli", &a, &b) != 2 ||
	    b <= a || b > (1ULL << 52))
		return -1;
	r->nid = (int)nid;
	r->start = a << 12;
	r->end = b << 12;
	r->hotplug = 0;
	return 0;
}

int parse_boot_log(const char *text, struct boot_log *log)
{
	enum table_state st = BEFORE;
	int efi_map_done = 0, in_node_map = 0;
	const char *p = text;
	unsigned lineno = 0;
	size_t cap = 0;
	char *line = NULL;

	memset(log, 0, sizeof(*log));
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		const char *who = NULL, *rest = NULL, *hit;
		struct e820_entry e;
		int r = -1;

		/* No line length limit: a serial capture may glue many together. */
		if (len + 1 > cap) {
			char *nb = realloc(line, cap = len + 1);

			if (!nb) {
				free(line);
				fprintf(stderr, "mmsim: out of memory for a %zu-byte line\n", len);
				return -1;
			}
			line = nb;
		}
		memcpy(line, p, len);
		line[len] = '\0';
		lineno++;
		p = nl ? nl + 1 : p + strlen(p);
		while (len && (line[len - 1] == '\r' || line[len - 1] == ' '))
			line[--len] = '\0';

		if ((hit = strstr(line, "BIOS-e820: ")))
			who = "BIOS-e820", rest = hit + 11;
		else if ((hit = strstr(line, "Xen: ")) && (hit[5] == '[' || (hit[5] >= '0' && hit[5] <= '9')))
			who = "Xen", rest = hit + 5;

		if (who)
			r = parse_e820_line(rest, &e);
		if (who && r == 0) {
			if (st == AFTER)
				break; /* a second boot's table: stop here */
			if (st == IN_TABLE && strcmp(who, log->table_who))
				break;
			st = IN_TABLE;
			log->table_who = who;
			if (log->nr_e820 < LOG_MAX_E820)
				log->e820[log->nr_e820++] = e;
			else
				log->dropped_e820++;
			continue;
		}
		/* An entry of this table we cannot use: named, and the table goes on. */
		if (who && st != AFTER && (r == -2 || *rest == '[' || (*rest >= '0' && *rest <= '9'))) {
			warn_line(lineno, r == -2 ? "e820 entry of an unknown type, ignored"
						  : "unreadable e820 entry, ignored", line);
			continue;
		}
		/* blank lines and the table's header do not end a table */
		if (len == 0 || strstr(line, "physical RAM map:"))
			continue;
		if (st == IN_TABLE)
			st = AFTER;

		if (in_node_map) {
			struct log_srat nm;

			in_node_map = parse_node_map_line(line, &nm) == 0;
			if (in_node_map && log->nr_node_map < LOG_MAX_SRAT)
				log->node_map[log->nr_node_map++] = nm;
			else if (in_node_map)
				warn_line(lineno, "more than " LOG_STR(LOG_MAX_SRAT)
					  " early_node_map ranges, ignored", line);
			if (in_node_map)
				continue;
		}
		if (strstr(line, "early_node_map[") && strstr(line, "active PFN ranges") &&
		    !log->nr_node_map)
			in_node_map = 1;

		/* Which ACPI tables the firmware had: the SLIT decides whether
		 * the fallback orders can be known without its distances. */
		if (strstr(line, "ACPI: RSDP ") || strstr(line, "ACPI: XSDT ") ||
		    strstr(line, "ACPI: RSDT "))
			log->acpi_table_list = true;
		if (strstr(line, "ACPI: SLIT "))
			log->acpi_slit = true;

		/* The runtime map printed later repeats some entries: stop there. */
		if (strstr(line, "EFI runtime memory map:"))
			efi_map_done = 1;
		/* A dump's header ("MMAP final: entries=..."): the last map counts,
		 * it is the one the kernel got after ExitBootServices. */
		if ((hit = strstr(line, "MMAP ")) && strstr(hit, "entries=")) {
			log->nr_efi_map = 0;
			continue;
		}
		if ((hit = strstr(line, "MMAP ")) && strstr(hit, " type=") && strstr(hit, "phys=")) {
			if (log->nr_efi_map >= LOG_MAX_EFI_MAP)
				warn_line(lineno, "more than " LOG_STR(LOG_MAX_EFI_MAP)
					  " EFI descriptors, ignored", line);
			else if (parse_mmap_dump_line(hit, &log->efi_map[log->nr_efi_map]) == 0)
				log->nr_efi_map++;
			else
				warn_line(lineno, "unreadable EFI descriptor, ignored", line);
			continue;
		}
		if (!efi_map_done && (hit = strstr(line, "efi: mem")) && (hit = strchr(hit, '['))) {
			uint64_t a, b;

			if (log->nr_efi_map < LOG_MAX_EFI_MAP &&
			    parse_efi_debug_line(hit, &log->efi_map[log->nr_efi_map]) == 0)
				log->nr_efi_map++;

			if (parse_efi_boot_line(hit, &a, &b))
				continue;
			if (log->nr_efi_boot < LOG_MAX_EFI_BOOT) {
				log->efi_boot[log->nr_efi_boot].start = a;
				log->efi_boot[log->nr_efi_boot++].end = b;
			} else {
				warn_line(lineno, "more than " LOG_STR(LOG_MAX_EFI_BOOT)
					  " EFI boot-services ranges, ignored", line);
			}
		} else if ((hit = strstr(line, "SRAT: PXM ")) && strstr(hit, " -> APIC ")) {
			if (log->nr_srat_cpu >= LOG_MAX_SRAT)
				warn_line(lineno, "more than " LOG_STR(LOG_MAX_SRAT)
					  " SRAT CPU entries, ignored", line);
			else if (parse_srat_cpu_line(hit, &log->srat_cpu[log->nr_srat_cpu]) == 0)
				log->nr_srat_cpu++;
		} else if ((hit = strstr(line, "SRAT: Node "))) {
			struct log_srat sr;

			if (parse_srat_line(hit, &sr)) {
				warn_line(lineno, "unreadable SRAT line, ignored", line);
			} else if (log->nr_srat < LOG_MAX_SRAT) {
				log->srat[log->nr_srat++] = sr;
			} else {
				warn_line(lineno, "more than " LOG_STR(LOG_MAX_SRAT)
					  " SRAT memory ranges, ignored", line);
			}
		} else if ((hit = strstr(line, "Command line: ")) && !log->cmdline[0]) {
			if (strlen(hit + 14) >= sizeof(log->cmdline))
				warn_line(lineno, "command line longer than " LOG_STR(LOG_CMDLINE_MAX)
					  " bytes, cut", line);
			snprintf(log->cmdline, sizeof(log->cmdline), "%s", hit + 14);
		}
	}
	free(line);
	return log->nr_e820 || log->nr_efi_map ? 0 : -1;
}
