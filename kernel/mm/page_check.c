// SPDX-License-Identifier: MIT
/*
 * Cheap checks on every free and every allocation, always on: a page freed
 * twice, freed while reserved, freed with the wrong order or misaligned,
 * or found in a bad state when handed out is reported in Linux's "Bad page
 * state" form and kept out of circulation, so one bug does not become two.
 * Page poisoning (page_poison=on) adds a fill on free and a check on
 * allocation, for use-after-free writes.
 */
#define pr_fmt(fmt) fmt

#include "internal.h"
#include <kernel/arch.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <lib/vsprintf.h>
#include <mm/page_alloc.h>

#define PAGE_POISON 0xaa

unsigned long nr_bad_pages;
bool page_poisoning_enabled;

static void bad_page(struct page *page, const char *reason)
{
	static const char *const names[NR_PAGEFLAGS] = {
		[PG_reserved] = "reserved", [PG_buddy] = "buddy", [PG_slab] = "slab",
		[PG_head] = "head",	    [PG_tail] = "tail",
	};
	char flags[64] = "";
	size_t n = 0;

	for (int i = 0; i < NR_PAGEFLAGS; i++)
		if (page_flags(page) & (1UL << i))
			n += (size_t)ksnprintf(flags + n, sizeof(flags) - n, "%s%s", n ? "|" : "",
					       names[i]);
	pr_alert("BUG: Bad page state in process swapper/0  pfn:%05lx\n", page_to_pfn(page));
	pr_alert("page:%p refcount:%d mapcount:%d order:%lu node:%d zone:%s\n", (void *)page,
		 page->_refcount, page->_mapcount, page->private, page_to_nid(page),
		 zone_names[page_zonenum(page)]);
	pr_alert("flags: %#lx(%s)\n", page_flags(page) & ((1UL << NR_PAGEFLAGS) - 1), flags);
	pr_alert("page dumped because: %s\n", reason);
	dump_stack();
	nr_bad_pages++;
}

/* What is wrong with a page that should be neither free nor in use, or NULL. */
static const char *page_bad_reason(const struct page *page, bool head)
{
	if (page_flags(page) & (1UL << PG_reserved))
		return "PAGE_FLAGS_CHECK_AT_FREE flag(s) set: reserved";
	if (page_flags(page) & (1UL << PG_buddy))
		return "page still in the buddy allocator";
	if (page_flags(page) & ((1UL << PG_slab) | (1UL << PG_head) | (1UL << PG_tail)))
		return "PAGE_FLAGS_CHECK_AT_FREE flag(s) set: slab";
	if (page->_mapcount != -1)
		return "nonzero mapcount";
	if (!head && page->_refcount != 0)
		return "nonzero _refcount";
	return NULL;
}

static struct page *nth_page(struct page *page, unsigned long n)
{
	return pfn_to_page(page_to_pfn(page) + n);
}

bool free_pages_prepare(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);
	struct page *p = page;
	char why[80];
	bool ok = true;

	if (PageBuddy(page)) {
		bad_page(page, "double free: the block is already free");
		return false;
	}
	if (page->_refcount <= 0) {
		bad_page(page, "double free: _refcount is already 0");
		return false;
	}
	if (--page->_refcount)
		return false; /* someone still holds it */
	if (pfn & ((1UL << order) - 1)) {
		ksnprintf(why, sizeof(why), "pfn not aligned to order %u", order);
		bad_page(page, why);
		return false;
	}
	if (page->private != order) {
		ksnprintf(why, sizeof(why), "freed with order %u, allocated with order %lu", order,
			  page->private);
		bad_page(page, why);
		return false;
	}
	for (unsigned long i = 0; i < (1UL << order); i++) {
		const char *reason;

		/* Aligned (checked above): the cheap walk is safe. */
		p = i ? block_next_page(page, p, i) : page;
		reason = page_bad_reason(p, i == 0);

		if (reason) {
			bad_page(p, reason);
			ok = false;
		}
	}
	if (!ok)
		return false;
	page->private = 0;
	if (page_poisoning_enabled)
		kernel_poison_pages(page, 1U << order);
	return true;
}

void kernel_poison_pages(struct page *page, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		memset(page_address(i ? nth_page(page, i) : page), PAGE_POISON, PAGE_SIZE);
}

/* A write after free shows as a byte that is not the poison. */
static void check_poison_page(struct page *page)
{
	const unsigned char *mem = page_address(page);
	unsigned int first = PAGE_SIZE, last = 0;

	for (unsigned int i = 0; i < PAGE_SIZE; i++) {
		if (mem[i] != PAGE_POISON) {
			if (first == PAGE_SIZE)
				first = i;
			last = i;
		}
	}
	if (first == PAGE_SIZE)
		return;
	pr_err("pagealloc: memory corruption at pfn %#lx, bytes %#x-%#x of the free page were written\n",
	       page_to_pfn(page), first, last);
	pr_err("%p: %02x %02x %02x %02x %02x %02x %02x %02x\n", (void *)(mem + first), mem[first],
	       first + 1 < PAGE_SIZE ? mem[first + 1] : 0,
	       first + 2 < PAGE_SIZE ? mem[first + 2] : 0,
	       first + 3 < PAGE_SIZE ? mem[first + 3] : 0,
	       first + 4 < PAGE_SIZE ? mem[first + 4] : 0,
	       first + 5 < PAGE_SIZE ? mem[first + 5] : 0,
	       first + 6 < PAGE_SIZE ? mem[first + 6] : 0,
	       first + 7 < PAGE_SIZE ? mem[first + 7] : 0);
	dump_stack();
	nr_bad_pages++;
}

bool check_new_pages(struct page *page, unsigned int order)
{
	struct page *p = page;

	/* Blocks from the buddy lists are aligned to their order. */
	for (unsigned long i = 0; i < (1UL << order); i++) {
		const char *reason;

		p = i ? block_next_page(page, p, i) : page;
		reason = page_bad_reason(p, false);

		if (p->_refcount != 0 && !reason)
			reason = "nonzero _refcount at allocation";
		if (reason) {
			bad_page(p, reason);
			return false;
		}
		if (page_poisoning_enabled)
			check_poison_page(p);
	}
	return true;
}

/* page_poison=on|off (also 1/0, y/n), as Linux spells it. */
static int set_page_poison(const char *val)
{
	if (!val || !strcmp(val, "on") || !strcmp(val, "1") || !strcmp(val, "y"))
		page_poisoning_enabled = true;
	else if (!strcmp(val, "off") || !strcmp(val, "0") || !strcmp(val, "n"))
		page_poisoning_enabled = false;
	else
		return -1;
	return 0;
}
kernel_param("page_poison", set_page_poison);
