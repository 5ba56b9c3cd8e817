// SPDX-License-Identifier: MIT
/*
 * slub_debug=FZPU: F sanity checks on free, Z red zones around objects,
 * P poisoned free objects, U who allocated and freed each object. Every
 * finding is reported in Linux's "BUG <cache>: <what>" form with the
 * object, and repaired where that is possible, so the kernel goes on.
 */
#define pr_fmt(fmt) fmt

#include "slab_internal.h"
#include <kernel/arch.h>
#include <kernel/kallsyms.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <lib/vsprintf.h>

struct track {
	unsigned long addr; /* caller of the allocation or free */
	unsigned int cpu;
	uint64_t when_ns;
};

enum track_item { TRACK_ALLOC, TRACK_FREE };

static slab_flags_t slub_debug;
static char slub_debug_slabs[128]; /* comma-separated cache names, or "" for all */

/* slub_debug[=FZPU[,cache,...]]: Linux's syntax, flags F Z P U (or - for none). */
static int setup_slub_debug(const char *val)
{
	slab_flags_t flags = 0;
	const char *p = val;

	if (!val || !*val) {
		slub_debug = SLAB_DEBUG_FLAGS;
		slub_debug_slabs[0] = '\0';
		return 0;
	}
	for (; *p && *p != ','; p++) {
		switch (*p) {
		case 'F':
		case 'f': flags |= SLAB_CONSISTENCY_CHECKS; break;
		case 'Z':
		case 'z': flags |= SLAB_RED_ZONE; break;
		case 'P':
		case 'p': flags |= SLAB_POISON; break;
		case 'U':
		case 'u': flags |= SLAB_STORE_USER; break;
		case '-': break;
		default: return -1;
		}
	}
	if (*p == ',' && strlen(p + 1) >= sizeof(slub_debug_slabs))
		return -1;
	slub_debug = flags;
	memcpy(slub_debug_slabs, *p == ',' ? p + 1 : "", strlen(*p == ',' ? p + 1 : "") + 1);
	return 0;
}
kernel_param("slub_debug", setup_slub_debug);

static bool name_listed(const char *name)
{
	size_t n = strlen(name);

	if (!slub_debug_slabs[0])
		return true;
	for (const char *p = slub_debug_slabs; *p;) {
		size_t len = 0;

		while (p[len] && p[len] != ',')
			len++;
		if (len == n && !strncmp(p, name, n))
			return true;
		p += len + (p[len] == ',');
	}
	return false;
}

slab_flags_t kmem_cache_debug_flags(const char *name, slab_flags_t flags)
{
	if (slub_debug && name_listed(name))
		flags |= slub_debug;
	return flags;
}

unsigned int debug_metadata_size(slab_flags_t flags)
{
	return (flags & SLAB_STORE_USER) ? 2 * sizeof(struct track) : 0;
}

static struct track *get_track(struct kmem_cache *s, void *obj, enum track_item t)
{
	char *p = (char *)obj + s->inuse + (s->offset >= s->inuse ? sizeof(void *) : 0);

	return (struct track *)p + t;
}

static void set_track(struct kmem_cache *s, void *obj, enum track_item t, unsigned long addr)
{
	struct track *tr = get_track(s, obj, t);

	tr->addr = addr;
	tr->cpu = smp_processor_id();
	tr->when_ns = arch_clock_ns();
}

static void print_track(const char *s, const struct track *t, uint64_t now)
{
	char sym[128];

	if (!t->addr)
		return;
	sprint_symbol(sym, sizeof(sym), t->addr);
	pr_err("INFO: %s in %s age=%llums cpu=%u\n", s, sym,
	       (unsigned long long)((now - t->when_ns) / 1000000), t->cpu);
}

void print_tracking(struct kmem_cache *s, void *obj)
{
	uint64_t now = arch_clock_ns();

	if (!(s->flags & SLAB_STORE_USER))
		return;
	print_track("Allocated", get_track(s, obj, TRACK_ALLOC), now);
	print_track("Freed", get_track(s, obj, TRACK_FREE), now);
}

static void hexdump(const char *what, const void *addr, unsigned int len)
{
	const unsigned char *p = addr;

	for (unsigned int off = 0; off < len; off += 16) {
		char line[16 * 3 + 1];
		unsigned int n = 0;

		for (unsigned int i = off; i < len && i < off + 16; i++)
			n += (unsigned int)ksnprintf(line + n, sizeof(line) - n, "%02x ", p[i]);
		pr_err("%-8s %p: %s\n", what, (const void *)(p + off), line);
	}
}

void slab_err(struct kmem_cache *s, struct page *page, const void *obj, const char *what)
{
	pr_err("=============================================================================\n");
	pr_err("BUG %s (Not tainted): %s\n", s->name, what);
	pr_err("-----------------------------------------------------------------------------\n");
	if (page)
		pr_err("INFO: Slab %p objects=%u used=%u fp=%p\n", (void *)page, slab_objects(page),
		       slab_inuse(page), slab_freelist(page));
	if (obj && page) {
		pr_err("INFO: Object %p @offset=%lu\n", obj,
		       (unsigned long)((const char *)obj - (const char *)slab_address(page)));
		print_tracking(s, (void *)obj);
		if (s->flags & SLAB_RED_ZONE)
			hexdump("Redzone", (const char *)obj - s->red_left_pad, s->red_left_pad);
		hexdump("Object", obj, s->object_size < 64 ? s->object_size : 64);
		if (s->flags & SLAB_RED_ZONE)
			hexdump("Redzone", (const char *)obj + s->object_size,
				s->inuse - s->object_size);
	}
	dump_stack();
	slab_errors++;
}

/* First byte in [start, start + len) that is not @value, or NULL. */
static unsigned char *check_bytes(void *start, unsigned char value, unsigned int len)
{
	unsigned char *p = start;

	for (unsigned int i = 0; i < len; i++)
		if (p[i] != value)
			return p + i;
	return NULL;
}

/* Check one area; report, then restore it so the next check starts clean. */
static bool check_area(struct kmem_cache *s, struct page *page, void *obj, const char *what,
		       void *start, unsigned char value, unsigned int len)
{
	unsigned char *fault = check_bytes(start, value, len);
	unsigned char *end;
	char msg[160];

	if (!fault)
		return true;
	for (end = (unsigned char *)start + len; end > fault && end[-1] == value; end--)
		;
	ksnprintf(msg, sizeof(msg), "%s overwritten", what);
	slab_err(s, page, obj, msg);
	pr_err("INFO: %p-%p @offset=%lu. First byte %#x instead of %#x\n", (void *)fault,
	       (void *)(end - 1), (unsigned long)(fault - (unsigned char *)slab_address(page)),
	       *fault, value);
	pr_err("FIX %s: Restoring %s %p-%p=%#x\n", s->name, what, (void *)fault, (void *)(end - 1),
	       value);
	memset(fault, value, (size_t)(end - fault));
	return false;
}

static void set_redzones(struct kmem_cache *s, void *obj, unsigned char v)
{
	memset((char *)obj - s->red_left_pad, v, s->red_left_pad);
	memset((char *)obj + s->object_size, v, s->inuse - s->object_size);
}

static void poison_object(struct kmem_cache *s, void *obj)
{
	memset(obj, POISON_FREE, s->object_size - 1);
	((unsigned char *)obj)[s->object_size - 1] = POISON_END;
}

static bool check_object(struct kmem_cache *s, struct page *page, void *obj, unsigned char red)
{
	bool ok = true;

	if (s->flags & SLAB_RED_ZONE) {
		ok &= check_area(s, page, obj, "Left Redzone", (char *)obj - s->red_left_pad, red,
				 s->red_left_pad);
		ok &= check_area(s, page, obj, "Redzone", (char *)obj + s->object_size, red,
				 s->inuse - s->object_size);
	}
	if ((s->flags & SLAB_POISON) && red == SLUB_RED_INACTIVE) {
		ok &= check_area(s, page, obj, "Poison", obj, POISON_FREE, s->object_size - 1);
		ok &= check_area(s, page, obj, "Poison", (char *)obj + s->object_size - 1,
				 POISON_END, 1);
	}
	return ok;
}

void init_object_debug(struct kmem_cache *s, void *obj)
{
	if (s->flags & SLAB_RED_ZONE)
		set_redzones(s, obj, SLUB_RED_INACTIVE);
	if (s->flags & SLAB_POISON)
		poison_object(s, obj);
	if (s->flags & SLAB_STORE_USER)
		memset(get_track(s, obj, TRACK_ALLOC), 0, 2 * sizeof(struct track));
}

/* On an object boundary of this slab? */
static bool check_valid_pointer(struct kmem_cache *s, struct page *page, const void *obj)
{
	const char *base = (const char *)slab_address(page) + s->red_left_pad;
	const char *p = obj;

	return p >= base && (unsigned long)(p - base) % s->size == 0 &&
	       (unsigned long)(p - base) / s->size < slab_objects(page);
}

/*
 * Is @obj on the slab's freelist? A debug cache has no cpu slab, and the
 * caller holds the node's list_lock: the list cannot change meanwhile.
 */
static bool on_freelist(struct kmem_cache *s, struct page *page, void *obj)
{
	unsigned int steps = 0;

	for (void *p = slab_freelist(page); p && steps++ <= slab_objects(page);
	     p = get_freepointer(s, p))
		if (p == obj)
			return true;
	return false;
}

bool alloc_debug_processing(struct kmem_cache *s, struct page *page, void *obj, unsigned long addr)
{
	if ((s->flags & SLAB_CONSISTENCY_CHECKS) && !check_valid_pointer(s, page, obj))
		slab_err(s, page, obj, "Freelist Pointer check fails");
	check_object(s, page, obj, SLUB_RED_INACTIVE);
	if (s->flags & SLAB_RED_ZONE)
		set_redzones(s, obj, SLUB_RED_ACTIVE);
	if (s->flags & SLAB_STORE_USER)
		set_track(s, obj, TRACK_ALLOC, addr);
	return true;
}

bool free_debug_processing(struct kmem_cache *s, struct page *page, void *obj, unsigned long addr)
{
	if (s->flags & SLAB_CONSISTENCY_CHECKS) {
		if (!check_valid_pointer(s, page, obj)) {
			slab_err(s, page, obj,
				 "Invalid object pointer (not the start of an object)");
			return false;
		}
		if (on_freelist(s, page, obj)) {
			slab_err(s, page, obj, "Object already free");
			return false;
		}
	}
	check_object(s, page, obj, SLUB_RED_ACTIVE);
	if (s->flags & SLAB_STORE_USER)
		set_track(s, obj, TRACK_FREE, addr);
	if (s->flags & SLAB_RED_ZONE)
		set_redzones(s, obj, SLUB_RED_INACTIVE);
	if (s->flags & SLAB_POISON)
		poison_object(s, obj);
	return true;
}
