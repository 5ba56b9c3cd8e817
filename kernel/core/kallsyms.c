// SPDX-License-Identifier: MIT
/*
 * Symbol lookup in the table that scripts/link-kernel links into the image
 * (text symbols only, sorted by address). Used by stack traces, so it reads
 * only that table and never faults on a bad address: anything outside
 * [_text, _etext) is simply "not found".
 */
#include <kernel/kallsyms.h>
#include <lib/vsprintf.h>

extern const uint64_t kallsyms_num;
extern const uint64_t kallsyms_addresses[];
extern const uint32_t kallsyms_name_offsets[];
extern const char kallsyms_names[];
extern const char _text[], _etext[];
extern const char __init_text_begin[], __init_text_end[];

bool initmem_freed;

static bool in_image_text(uint64_t addr)
{
	return addr >= (uint64_t)_text && addr < (uint64_t)_etext;
}

bool kernel_text_address(uint64_t addr)
{
	/* Freed init text is unmapped: not readable, though still named. */
	if (initmem_freed && addr >= (uint64_t)__init_text_begin &&
	    addr < (uint64_t)__init_text_end)
		return false;
	return in_image_text(addr);
}

bool kallsyms_lookup(uint64_t addr, const char **name, uint64_t *offset, uint64_t *size)
{
	uint64_t lo = 0, hi = kallsyms_num, end;

	if (!in_image_text(addr) || !kallsyms_num || addr < kallsyms_addresses[0])
		return false;
	/* The last symbol whose address is <= addr. */
	while (hi - lo > 1) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (kallsyms_addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	/* Aliases share an address: the size runs to the next distinct one. */
	hi = lo + 1;
	while (hi < kallsyms_num && kallsyms_addresses[hi] == kallsyms_addresses[lo])
		hi++;
	end = hi < kallsyms_num ? kallsyms_addresses[hi] : (uint64_t)_etext;
	*name = kallsyms_names + kallsyms_name_offsets[lo];
	*offset = addr - kallsyms_addresses[lo];
	*size = end - kallsyms_addresses[lo];
	return true;
}

static void format_symbol(char *buf, size_t len, uint64_t addr, int adjust)
{
	const char *name;
	uint64_t off, size;

	if (kallsyms_lookup(addr - (uint64_t)adjust, &name, &off, &size))
		ksnprintf(buf, len, "%s+0x%llx/0x%llx", name,
			  (unsigned long long)(off + (uint64_t)adjust), (unsigned long long)size);
	else
		ksnprintf(buf, len, "0x%016llx", (unsigned long long)addr);
}

void sprint_symbol(char *buf, size_t len, uint64_t addr)
{
	format_symbol(buf, len, addr, 0);
}

void sprint_backtrace(char *buf, size_t len, uint64_t addr)
{
	format_symbol(buf, len, addr, 1);
}
