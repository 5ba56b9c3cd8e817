// SPDX-License-Identifier: MIT
/*
 * Per-CPU hot/cold pagesets: each CPU keeps a few order-0 pages of each
 * zone so that the common single-page allocation and free take no zone
 * lock. Freed pages go to the head of the list (hot: likely still in the
 * cache); __GFP_COLD takes from the tail, and drains take from the tail.
 *
 * A CPU's pageset is touched only by that CPU with interrupts off: nothing
 * can interleave with the fast path, without a lock or atomic instruction.
 * Another CPU never reaches into it: drain_all_pages() asks every CPU to
 * drain its own (a cross-CPU call). Linux 6.1 adds a per-pageset spinlock
 * (trylock) so the drain can be done remotely; measured on the host bench
 * (page_alloc.order0_pcp_hot, fastest of 21) it cost 66 ticks per
 * alloc+free pair against 48 with interrupts off alone, over the 50 target.
 */
#define pr_fmt(fmt) fmt

#include "internal.h"
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <mm/page_alloc.h>
#include <mm/topology.h>

/**
 * zone_batchsize - pages moved per refill/drain, Linux 6.1's rule
 *
 * About 0.1% of the zone or 1 MiB, whichever is smaller, divided by 4,
 * then clamped to 2^n - 1 (a power of two aliases badly in the cache).
 */
int zone_batchsize(const struct zone *zone)
{
	unsigned long batch = zone->managed_pages >> 10;

	if (batch > (1UL << 20) / PAGE_SIZE)
		batch = (1UL << 20) / PAGE_SIZE;
	batch /= 4;
	if (batch < 1)
		batch = 1;
	batch += batch / 2;
	/* round down to a power of two, minus one */
	while (batch & (batch - 1))
		batch &= batch - 1;
	return (int)batch - 1;
}

/*
 * How many CPUs share a zone's low watermark (Linux 6.1's nr_split_cpus):
 * the online CPUs of the zone's node, @incoming (a CPU coming online, not
 * yet in the mask) among them if it is the node's; for a node without
 * CPUs, whose memory is remote to all, every online CPU. Linux counts the
 * incoming CPU in every zone until its next update; here only in its own
 * node's, so the result does not depend on the order CPUs come up in.
 */
static unsigned int zone_split_cpus(const struct zone *zone, unsigned int incoming)
{
	int nid = zone->zone_pgdat->node_id;
	unsigned int cpu, local = 0, online = 0;

	for_each_online_cpu(cpu) {
		online++;
		local += cpu_to_node(cpu) == nid;
	}
	if (incoming < nr_cpu_ids && !cpu_online(incoming)) {
		online++;
		local += cpu_to_node(incoming) == nid;
	}
	return local ? local : online;
}

/*
 * pcp->high: the zone's low watermark split over the node's CPUs, so full
 * pagesets never push a zone into reclaim by themselves; at least 4 batches.
 */
static int zone_highsize(const struct zone *zone, int batch, unsigned int incoming)
{
	unsigned long high = low_wmark_pages(zone) / zone_split_cpus(zone, incoming);

	if (high < (unsigned long)batch * 4)
		high = (unsigned long)batch * 4;
	return (int)high;
}

/* Until the per-CPU areas and the real limits exist, single pages go
 * straight to and from the buddy lists (zone->pageset is NULL). */
void zone_pcp_init(struct zone *zone)
{
	zone->pageset = NULL;
	if (zone->present_pages)
		pr_debug("  %s zone: %lu pages, LIFO batch:%d\n", zone->name, zone->present_pages,
			 zone_batchsize(zone));
}

static void pageset_init(struct per_cpu_pages *p)
{
	for (int t = 0; t < MIGRATE_PCPTYPES; t++)
		INIT_LIST_HEAD(&p->lists[t]);
}

/*
 * One high and batch for all of a zone's pagesets, every possible CPU's
 * (as Linux's zone_set_pageset_high_and_batch), computed with @incoming
 * counted as online. Other CPUs may be running their fast path: each
 * limit is stored whole and read whole there (Linux's WRITE_ONCE).
 */
static void zone_set_pageset_limits(struct zone *zone, unsigned int incoming)
{
	/* Linux prints batch 0 for tiny zones but never runs with it. */
	int batch = zone_batchsize(zone) > 1 ? zone_batchsize(zone) : 1;
	int high = zone_highsize(zone, batch, incoming);
	unsigned int cpu;

	if (!zone->pageset)
		return;
	for_each_possible_cpu(cpu) {
		struct per_cpu_pages *p = per_cpu_ptr(zone->pageset, cpu);

		__atomic_store_n(&p->high, high, __ATOMIC_RELAXED);
		__atomic_store_n(&p->batch, batch, __ATOMIC_RELAXED);
	}
}

/* Every possible CPU's pagesets exist from boot; the limits follow the
 * CPUs as they come online (setup_cpu_pagesets). */
void setup_per_cpu_pageset(void)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		struct per_cpu_pages *pcp = alloc_percpu(struct per_cpu_pages);

		if (!pcp)
			continue; /* reported; this zone keeps going without */
		for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
			pageset_init(per_cpu_ptr(pcp, cpu));
		zone->pageset = pcp;
		zone_set_pageset_limits(zone, NR_CPUS);
	}
}

void setup_cpu_pagesets(unsigned int cpu)
{
	struct zone *zone;

	/* Only the limits change: pages kept on any list stay. */
	for_each_populated_zone(zone)
		zone_set_pageset_limits(zone, cpu);
}

/*
 * The limits again once the zone's size is final (after its deferred
 * pages), as Linux's setup_per_zone_wmarks does with zone_pcp_update.
 */
void zone_pcp_update(struct zone *zone)
{
	zone_set_pageset_limits(zone, NR_CPUS);
}

/* The limits, which another CPU may be changing (zone_set_pageset_limits). */
static inline int pcp_high(const struct per_cpu_pages *p)
{
	return __atomic_load_n(&p->high, __ATOMIC_RELAXED);
}

static inline int pcp_batch(const struct per_cpu_pages *p)
{
	return __atomic_load_n(&p->batch, __ATOMIC_RELAXED);
}

/* Move up to @count pages from the buddy lists to @list, under the lock. */
static int rmqueue_bulk(struct zone *zone, int count, struct list_head *list, int migratetype)
{
	int i;

	spin_lock(&zone->lock);
	for (i = 0; i < count; i++) {
		struct page *page = __rmqueue(zone, 0, migratetype);

		if (!page)
			break;
		list_add_tail(&page->lru, list);
	}
	spin_unlock(&zone->lock);
	return i;
}

/* Give @count of the coldest pages back, round-robin over the lists. */
static void free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp)
{
	int t = 0;

	spin_lock(&zone->lock);
	while (count > 0 && pcp->count > 0) {
		struct list_head *list = &pcp->lists[t];

		t = (t + 1) % MIGRATE_PCPTYPES;
		if (list_empty(list))
			continue;
		{
			struct page *page = list_entry(list->prev, struct page, lru);

			list_del(&page->lru);
			__free_one_page(page_to_pfn(page), zone, 0,
					get_pageblock_migratetype(page));
			zone_free_pages_add(zone, 1);
			pcp->count--;
			count--;
		}
	}
	spin_unlock(&zone->lock);
}

struct page *rmqueue_pcplist(struct zone *zone, gfp_t gfp, int migratetype)
{
	unsigned long flags = local_irq_save();
	struct per_cpu_pages *pcp = this_cpu_ptr(zone->pageset);
	struct list_head *list = &pcp->lists[migratetype];
	struct page *page = NULL;

	if (list_empty(list))
		pcp->count += rmqueue_bulk(zone, pcp_batch(pcp), list, migratetype);
	if (!list_empty(list)) {
		page = (gfp & __GFP_COLD) ? list_entry(list->prev, struct page, lru)
					  : list_first_entry(list, struct page, lru);
		list_del(&page->lru);
		pcp->count--;
	}
	local_irq_restore(flags);
	return page;
}

void free_unref_page(struct page *page, bool cold)
{
	struct zone *zone = page_zone(page);
	int mt = get_pageblock_migratetype(page);
	unsigned long flags;
	struct per_cpu_pages *pcp;

	if (!zone->pageset) { /* before setup_per_cpu_pageset() */
		flags = local_irq_save();
		spin_lock(&zone->lock);
		__free_one_page(page_to_pfn(page), zone, 0, mt);
		zone_free_pages_add(zone, 1);
		spin_unlock(&zone->lock);
		local_irq_restore(flags);
		return;
	}
	flags = local_irq_save();
	pcp = this_cpu_ptr(zone->pageset);

	if (cold)
		list_add_tail(&page->lru, &pcp->lists[mt]);
	else
		list_add(&page->lru, &pcp->lists[mt]);
	if (++pcp->count > pcp_high(pcp))
		free_pcppages_bulk(zone, pcp_batch(pcp), pcp);
	local_irq_restore(flags);
}

void drain_local_pages(void)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		unsigned long flags;

		if (!zone->pageset)
			continue;
		flags = local_irq_save();
		free_pcppages_bulk(zone, this_cpu_ptr(zone->pageset)->count,
				   this_cpu_ptr(zone->pageset));
		local_irq_restore(flags);
	}
}

static void drain_local_pages_ipi(void *unused)
{
	(void)unused;
	drain_local_pages();
}

void drain_all_pages(void)
{
	on_each_cpu(drain_local_pages_ipi, NULL, true);
}
