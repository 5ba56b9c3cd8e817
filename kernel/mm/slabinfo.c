// SPDX-License-Identifier: MIT
/*
 * /proc/slabinfo, version 2.1, printed at boot (mminfo=slabinfo), with a
 * closing line on the memory slabs hold against the bytes live in them.
 */
#define pr_fmt(fmt) fmt

#include "slab_internal.h"
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/smp.h>

struct slab_counts {
	unsigned long slabs, objects, free;
};

struct slab_count_call {
	struct kmem_cache *s;
	struct slab_counts c;
};

static void count_list(struct list_head *list, struct slab_counts *c)
{
	struct page *page;

	list_for_each_entry(page, list, lru) {
		c->slabs++;
		c->objects += slab_objects(page);
		c->free += slab_objects(page) - slab_inuse(page);
	}
}

/*
 * Run on every CPU, interrupts off: its own cpu slab, whose freelist only
 * it changes, and only with interrupts off. Walking another CPU's list
 * could follow a pointer out of an object that CPU has just handed out.
 */
static void count_cpu_slab(void *info)
{
	struct slab_count_call *call = info;
	struct kmem_cache *s = call->s;
	struct kmem_cache_cpu *cs = this_cpu_ptr(s->cpu_slab);
	unsigned long free = 0;

	if (!cs->page)
		return;
	for (void *p = cs->freelist; p; p = get_freepointer(s, p))
		free++;
	/* Plus those other CPUs freed onto the page's own list meanwhile. */
	free += slab_objects(cs->page) - slab_inuse(cs->page);
	__atomic_fetch_add(&call->c.slabs, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&call->c.objects, slab_objects(cs->page), __ATOMIC_RELAXED);
	__atomic_fetch_add(&call->c.free, free, __ATOMIC_RELAXED);
}

static void count_cache(struct kmem_cache *s, struct slab_counts *c)
{
	struct slab_count_call call = { s, { 0, 0, 0 } };

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n = s->node[nid];
		unsigned long flags;

		if (!n)
			continue;
		/* As Linux's count_partial: the lists only change under it. */
		spin_lock_irqsave(&n->list_lock, flags);
		count_list(&n->partial, &call.c);
		count_list(&n->full, &call.c);
		spin_unlock_irqrestore(&n->list_lock, flags);
	}
	/* Cpu slabs are on no list: each CPU counts its own. */
	on_each_cpu(count_cpu_slab, &call, true);
	*c = call.c;
}

void slabinfo_show(void)
{
	unsigned long pages = 0, live_bytes = 0;
	struct kmem_cache *s;

	pr_info("slabinfo - version: 2.1\n");
	pr_info("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	list_for_each_entry(s, &slab_caches, list) {
		struct slab_counts c;

		count_cache(s, &c);
		pr_info("%-17s %6lu %6lu %6u %4u %4u : tunables %4u %4u %4u : slabdata %6lu %6lu %6u\n",
			s->name, c.objects - c.free, c.objects, s->size, s->objects, 1U << s->order,
			0U, 0U, 0U, c.slabs, c.slabs, 0U);
		pages += c.slabs << s->order;
		live_bytes += (c.objects - c.free) * s->object_size;
	}
	pr_info("# slab memory: %lu pages (%luK) hold %luK of live objects: %lu%% overhead\n",
		pages, pages << (PAGE_SHIFT - 10), live_bytes >> 10,
		live_bytes ? (pages * PAGE_SIZE - live_bytes) * 100 / live_bytes : 0);
}
