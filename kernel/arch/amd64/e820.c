// SPDX-License-Identifier: MIT
/*
 * The e820 table with Linux 6.1's semantics (arch/x86/kernel/e820.c,
 * rewritten): the sanitiser, range updates and removals with their debug
 * lines, the printed table, and the end-of-RAM pfns. No hardware access:
 * the host simulator and the fuzzer run this file as it is.
 */
#define pr_fmt(fmt) fmt

#include <asm/e820.h>
#include <kernel/printk.h>
#include <lib/sort.h>
#include <lib/string.h>
#include <lib/vsprintf.h>
#include <mm/node_map.h>
#include <mm/page.h>

static struct e820_table e820_table_init;
struct e820_table *e820_table = &e820_table_init;

const char *e820_type_name(uint32_t type, char *buf, unsigned buflen)
{
	switch (type) {
	case E820_TYPE_RAM: return "usable";
	case E820_TYPE_RESERVED: return "reserved";
	case E820_TYPE_SOFT_RESERVED: return "soft reserved";
	case E820_TYPE_ACPI: return "ACPI data";
	case E820_TYPE_NVS: return "ACPI NVS";
	case E820_TYPE_UNUSABLE: return "unusable";
	case E820_TYPE_PMEM:
	case E820_TYPE_PRAM: ksnprintf(buf, buflen, "persistent (type %u)", type); return buf;
	default: ksnprintf(buf, buflen, "type %u", type); return buf;
	}
}

void e820__print_table(const char *who)
{
	char buf[32];

	for (uint32_t i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		pr_info("%s: [mem %#018llx-%#018llx] %s\n", who, (unsigned long long)e->addr,
			(unsigned long long)(e->addr + e->size - 1),
			e820_type_name(e->type, buf, sizeof(buf)));
	}
}

static void table_add(struct e820_table *t, uint64_t start, uint64_t size, uint32_t type)
{
	if (t->nr_entries >= E820_MAX_ENTRIES) {
		pr_err("e820: too many entries; ignoring [mem %#010llx-%#010llx]\n",
		       (unsigned long long)start, (unsigned long long)(start + size - 1));
		return;
	}
	t->entries[t->nr_entries++] = (struct e820_entry){ start, size, type, 0 };
}

void e820__range_add(uint64_t start, uint64_t size, uint32_t type)
{
	table_add(e820_table, start, size, type);
}

/*
 * The sanitiser walks "change points": every entry's start and end, sorted
 * by address (starts before ends at the same address). Between two
 * consecutive points the type in force is the highest type of the entries
 * open there.
 */
struct change_point {
	uint64_t addr;
	const struct e820_entry *entry;
};

static int cpcompare(const void *a, const void *b)
{
	const struct change_point *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr > y->addr ? 1 : -1;
	return (x->addr != x->entry->addr) - (y->addr != y->entry->addr);
}

static bool e820_nomerge(uint32_t type)
{
	/* These may mark platform boundaries (NUMA, protection domains). */
	return type == E820_TYPE_PRAM || type == E820_TYPE_SOFT_RESERVED;
}

/* Sanitiser work space: static, the table is bounded anyway. */
/* The sanitiser's scratch space: boot-only. */
static struct change_point change_points[2 * E820_MAX_ENTRIES] __initdata;
static const struct e820_entry *overlap_list[E820_MAX_ENTRIES] __initdata;
static struct e820_entry new_entries[E820_MAX_ENTRIES] __initdata;

int __init e820__update_table(struct e820_table *table)
{
	struct e820_entry *entries = table->entries;
	uint32_t nr = table->nr_entries, nchg = 0, noverlap = 0, nnew = 0;
	uint32_t last_type = 0;
	uint64_t last_addr = 0;

	if (nr < 2)
		return -1;
	for (uint32_t i = 0; i < nr; i++)
		if (entries[i].addr + entries[i].size < entries[i].addr)
			return -1;

	for (uint32_t i = 0; i < nr; i++) {
		if (!entries[i].size)
			continue;
		change_points[nchg++] = (struct change_point){ entries[i].addr, &entries[i] };
		change_points[nchg++] =
			(struct change_point){ entries[i].addr + entries[i].size, &entries[i] };
	}
	sort(change_points, nchg, sizeof(change_points[0]), cpcompare);

	for (uint32_t c = 0; c < nchg; c++) {
		const struct change_point *cp = &change_points[c];
		uint32_t current_type = 0;

		if (cp->addr == cp->entry->addr) {
			overlap_list[noverlap++] = cp->entry;
		} else {
			for (uint32_t i = 0; i < noverlap; i++)
				if (overlap_list[i] == cp->entry)
					overlap_list[i] = overlap_list[noverlap - 1];
			noverlap--;
		}
		for (uint32_t i = 0; i < noverlap; i++)
			if (overlap_list[i]->type > current_type)
				current_type = overlap_list[i]->type;

		if (current_type != last_type || e820_nomerge(current_type)) {
			if (last_type) {
				new_entries[nnew].size = cp->addr - last_addr;
				if (new_entries[nnew].size && ++nnew >= E820_MAX_ENTRIES) {
					pr_err("e820: sanitised table over %d entries; ignoring [mem %#010llx-...]\n",
					       E820_MAX_ENTRIES, (unsigned long long)cp->addr);
					break;
				}
			}
			if (current_type) {
				new_entries[nnew].addr = cp->addr;
				new_entries[nnew].type = current_type;
				new_entries[nnew].pad = 0;
				last_addr = cp->addr;
			}
			last_type = current_type;
		}
	}
	memcpy(entries, new_entries, nnew * sizeof(*entries));
	table->nr_entries = nnew;
	return 0;
}

/* Does the entry run past 2^64 (an end of exactly 2^64 does not count)? */
static bool e820_entry_wraps(const struct e820_entry *e)
{
	return e->size && e->addr + e->size < e->addr && e->addr + e->size != 0;
}

uint32_t e820__check_firmware_table(const struct e820_entry *fw, uint32_t nr)
{
	uint32_t bad = 0;
	char buf[32];

	for (uint32_t i = 0; i < nr; i++) {
		if (!e820_entry_wraps(&fw[i]))
			continue;
		pr_err("e820: entry %u [mem %#018llx-%#018llx] %s (size %#llx) wraps past 2^64\n",
		       i, (unsigned long long)fw[i].addr,
		       (unsigned long long)(fw[i].addr + fw[i].size - 1),
		       e820_type_name(fw[i].type, buf, sizeof(buf)),
		       (unsigned long long)fw[i].size);
		bad++;
	}
	return bad;
}

/*
 * What Linux would leave to chance, dropped or trimmed here with a line
 * naming the entry: size 0 (Linux's sanitiser skips those silently; a log
 * prints one at A as [mem A-(A-1)]), sizes wrapping past 2^64 (Linux throws
 * the whole table away for the BIOS's fallback sizes, which we do not have),
 * and an end of exactly 2^64, which makes Linux's sanitiser give up and keep
 * the raw table: we drop the last byte and sanitise.
 */
static void e820_add_firmware_entry(uint32_t i, const struct e820_entry *e)
{
	uint64_t size = e->size;
	char buf[32];
	const char *type = e820_type_name(e->type, buf, sizeof(buf));

	if (!size) {
		pr_warn("e820: ignoring entry %u: size 0 at %#018llx %s\n", i,
			(unsigned long long)e->addr, type);
		return;
	}
	if (e820_entry_wraps(e)) {
		pr_warn("e820: ignoring entry %u: [mem %#018llx-...] %s: size %#llx wraps past 2^64\n",
			i, (unsigned long long)e->addr, type, (unsigned long long)size);
		return;
	}
	if (e->addr + size == 0) {
		size--;
		pr_warn("e820: entry %u [mem %#018llx-0xffffffffffffffff] %s ends at 2^64: its last byte ignored so the table can be sanitised\n",
			i, (unsigned long long)e->addr, type);
	}
	table_add(e820_table, e->addr, size, e->type);
}

void __init e820__memory_setup(const struct e820_entry *fw, uint32_t nr)
{
	e820_table->nr_entries = 0;
	for (uint32_t i = 0; i < nr; i++)
		e820_add_firmware_entry(i, &fw[i]);
	e820__update_table(e820_table);
	pr_info("BIOS-provided physical RAM map:\n");
	e820__print_table("BIOS-e820");
}

static void print_range_op(const char *op, uint64_t start, uint64_t end, const char *types)
{
	printk(KERN_DEBUG "e820: %s [mem %#010llx-%#010llx] %s\n", op, (unsigned long long)start,
	       (unsigned long long)(end - 1), types);
}

uint64_t e820__range_update(uint64_t start, uint64_t size, uint32_t old_type, uint32_t new_type)
{
	struct e820_table *t = e820_table;
	uint64_t end, done = 0;
	char b1[32], b2[32], types[80];

	if (size > UINT64_MAX - start)
		size = UINT64_MAX - start;
	end = start + size;
	ksnprintf(types, sizeof(types), "%s ==> %s", e820_type_name(old_type, b1, sizeof(b1)),
		  e820_type_name(new_type, b2, sizeof(b2)));
	print_range_op("update", start, end, types);

	/* Entries appended while we walk are new pieces: not visited. */
	for (uint32_t i = 0, n = t->nr_entries; i < n; i++) {
		struct e820_entry *e = &t->entries[i];
		uint64_t e_end = e->addr + e->size, fs, fe;

		if (e->type != old_type)
			continue;
		if (e->addr >= start && e_end <= end) { /* all of it */
			e->type = new_type;
			done += e->size;
			continue;
		}
		if (e->addr < start && e_end > end) { /* a piece in the middle */
			table_add(t, start, size, new_type);
			table_add(t, end, e_end - end, e->type);
			e->size = start - e->addr;
			done += size;
			continue;
		}
		fs = start > e->addr ? start : e->addr;
		fe = end < e_end ? end : e_end;
		if (fs >= fe)
			continue;
		table_add(t, fs, fe - fs, new_type);
		done += fe - fs;
		e->size -= fe - fs;
		if (e->addr >= fs) /* the head was retyped: move the start */
			e->addr = fe;
	}
	return done;
}

uint64_t e820__range_remove(uint64_t start, uint64_t size, uint32_t old_type, bool check_type)
{
	struct e820_table *t = e820_table;
	uint64_t end, done = 0;
	char b[32];

	if (size > UINT64_MAX - start)
		size = UINT64_MAX - start;
	end = start + size;
	print_range_op("remove", start, end,
		       check_type ? e820_type_name(old_type, b, sizeof(b)) : "");

	for (uint32_t i = 0, n = t->nr_entries; i < n; i++) {
		struct e820_entry *e = &t->entries[i];
		uint64_t e_end = e->addr + e->size, fs, fe;

		if (check_type && e->type != old_type)
			continue;
		if (e->addr >= start && e_end <= end) {
			done += e->size;
			memset(e, 0, sizeof(*e));
			continue;
		}
		if (e->addr < start && e_end > end) {
			table_add(t, end, e_end - end, e->type);
			e->size = start - e->addr;
			done += size;
			continue;
		}
		fs = start > e->addr ? start : e->addr;
		fe = end < e_end ? end : e_end;
		if (fs >= fe)
			continue;
		done += fe - fs;
		e->size -= fe - fs;
		if (e->addr >= fs)
			e->addr = fe;
	}
	return done;
}

bool e820__mapped_all(uint64_t start, uint64_t end, uint32_t type)
{
	/* The table is sanitised: walk it in order, advancing start. */
	for (uint32_t i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		if (e->type != type || e->addr >= end || e->addr + e->size <= start)
			continue;
		if (e->addr <= start)
			start = e->addr + e->size;
		if (start >= end)
			return true;
	}
	return false;
}

static unsigned long e820_end_pfn(unsigned long limit_pfn, uint32_t type)
{
	unsigned long last_pfn = 0;

	for (uint32_t i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];
		unsigned long start_pfn = e->addr >> PAGE_SHIFT;
		unsigned long end_pfn = (e->addr + e->size) >> PAGE_SHIFT;

		if (e->type != type || start_pfn >= limit_pfn)
			continue;
		if (end_pfn > limit_pfn) {
			last_pfn = limit_pfn;
			break;
		}
		if (end_pfn > last_pfn)
			last_pfn = end_pfn;
	}
	if (last_pfn > MAX_ARCH_PFN)
		last_pfn = MAX_ARCH_PFN;
	pr_info("last_pfn = %#lx max_arch_pfn = %#lx\n", last_pfn, MAX_ARCH_PFN);
	return last_pfn;
}

unsigned long e820__end_of_ram_pfn(void)
{
	/*
	 * 4-level paging reaches 2^46 bytes of physical memory: RAM beyond
	 * is never used (Linux says so only with mminit_loglevel; here each
	 * range is named, nothing is dropped silently).
	 */
	for (uint32_t i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];
		uint64_t start = e->addr > PFN_PHYS(MAX_ARCH_PFN) ? e->addr
								  : PFN_PHYS(MAX_ARCH_PFN);

		if (e->type == E820_TYPE_RAM && e->addr + e->size > PFN_PHYS(MAX_ARCH_PFN))
			pr_warn("e820: RAM [mem %#018llx-%#018llx] above max_arch_pfn %#lx ignored\n",
				(unsigned long long)start,
				(unsigned long long)(e->addr + e->size - 1), MAX_ARCH_PFN);
	}
	return e820_end_pfn(MAX_ARCH_PFN, E820_TYPE_RAM);
}

unsigned long e820__end_of_low_ram_pfn(void)
{
	return e820_end_pfn(1UL << (32 - PAGE_SHIFT), E820_TYPE_RAM);
}

void e820_register_active_regions(int nid, unsigned long start_pfn, unsigned long last_pfn)
{
	for (uint32_t i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];
		unsigned long s, t;

		if (e->type != E820_TYPE_RAM)
			continue;
		/* Usable RAM rounds inwards: a partial page is not RAM. */
		s = PFN_UP(e->addr);
		t = PFN_DOWN(e->addr + e->size);
		if (s < start_pfn)
			s = start_pfn;
		if (t > last_pfn)
			t = last_pfn;
		if (s < t)
			add_active_range(nid, s, t);
	}
}
