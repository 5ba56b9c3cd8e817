// SPDX-License-Identifier: MIT
/*
 * Cases of the "smp" suite on frees from a CPU that does not own the slab
 * (lockless, slab.c __slab_free): one CPU allocates while another frees,
 * then every slab counter and list is checked against what the objects
 * still held say it must be (derived from their addresses, not from the
 * allocator); and slabs driven full -> partial -> empty, and a cpu slab
 * emptied, by remote frees alone.
 */
#include "../slab_internal.h"
#include "smp_test.h"

#include <kernel/percpu.h>
#include <kernel/smp.h>
#include <lib/string.h>
#include <mm/slab.h>

#define PAIR_OBJS  6000 /* objects the producer allocates */
#define PAIR_RING  256	/* power of two */
#define KEEP_EVERY 3	/* the producer keeps one object in KEEP_EVERY */
#define PAIR_KEPT  ((PAIR_OBJS + KEEP_EVERY - 1) / KEEP_EVERY)

struct pair {
	struct kmem_cache *s;
	unsigned int producer, consumer;
	void *ring[PAIR_RING];
	unsigned long head, tail; /* atomic */
	void *kept[PAIR_KEPT];
	unsigned long bad, failed;
};

static struct pair pair;

static unsigned long obj_stamp(unsigned long i)
{
	return 0x0b1ec7000000UL | i;
}

static void idle(unsigned int cpu, void *arg)
{
	(void)cpu;
	(void)arg;
}

/* Producer: allocate, stamp, keep one in KEEP_EVERY, pass the rest on. */
static void produce(void)
{
	unsigned long passed = 0;

	for (unsigned long i = 0; i < PAIR_OBJS; i++) {
		void *obj = kmem_cache_alloc(pair.s, GFP_KERNEL);

		if (!obj) {
			pair.failed++;
			obj = &pair; /* the consumer skips it */
		} else {
			*(unsigned long *)obj = obj_stamp(i);
		}
		if (i % KEEP_EVERY == 0) {
			pair.kept[i / KEEP_EVERY] = obj == &pair ? NULL : obj;
			continue;
		}
		while (passed - __atomic_load_n(&pair.tail, __ATOMIC_ACQUIRE) >= PAIR_RING)
			cpu_relax();
		pair.ring[passed % PAIR_RING] = obj;
		__atomic_store_n(&pair.head, ++passed, __ATOMIC_RELEASE);
	}
}

static void consume(void)
{
	unsigned long n = PAIR_OBJS - PAIR_KEPT;

	for (unsigned long j = 0; j < n; j++) {
		void *obj;
		unsigned long i = j / (KEEP_EVERY - 1) * KEEP_EVERY + 1 + j % (KEEP_EVERY - 1);

		while (__atomic_load_n(&pair.head, __ATOMIC_ACQUIRE) <= j)
			cpu_relax();
		obj = pair.ring[j % PAIR_RING];
		__atomic_store_n(&pair.tail, j + 1, __ATOMIC_RELEASE);
		if (obj == &pair)
			continue;
		if (*(unsigned long *)obj != obj_stamp(i))
			pair.bad++;
		kmem_cache_free(pair.s, obj);
	}
}

static void pair_work(unsigned int cpu, void *arg)
{
	(void)arg;
	if (cpu == pair.producer)
		produce();
	else if (cpu == pair.consumer)
		consume();
}

struct slab_totals {
	unsigned long slabs, objects, partial, full, inuse, walked_free;
};

/* What the node lists hold; the freelist of each slab walked and counted. */
static void slab_totals(struct kmem_cache *s, struct slab_totals *t)
{
	struct page *page;

	memset(t, 0, sizeof(*t));
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n = s->node[nid];

		if (!n)
			continue;
		t->slabs += n->nr_slabs;
		t->objects += n->total_objects;
		t->partial += n->nr_partial;
		list_for_each_entry(page, &n->full, lru)
			t->full++;
		for (int l = 0; l < 2; l++)
			list_for_each_entry(page, l ? &n->full : &n->partial, lru) {
				t->inuse += slab_inuse(page);
				for (void *p = page->freelist; p; p = get_freepointer(s, p))
					t->walked_free++;
			}
	}
}

/* How many of @objs (n of them, NULL skipped) live in @page. */
static unsigned int held_in(struct page *page, void **objs, unsigned int n)
{
	unsigned int k = 0;

	for (unsigned int i = 0; i < n; i++)
		k += objs[i] && slab_page_of(objs[i]) == page;
	return k;
}

static void expect_lists_match(struct ktest *t, struct kmem_cache *s, void **objs, unsigned int n)
{
	unsigned long pages = 0, partial = 0, held = 0;
	struct slab_totals tot;
	struct page *page;

	/* Slabs the held objects live in, each counted once (at its first object). */
	for (unsigned int i = 0; i < n; i++) {
		struct page *p = objs[i] ? slab_page_of(objs[i]) : NULL;
		bool first = true;

		if (!p)
			continue;
		held++;
		for (unsigned int j = 0; j < i && first; j++)
			first = !objs[j] || slab_page_of(objs[j]) != p;
		if (!first)
			continue;
		pages++;
		partial += held_in(p, objs, n) < s->objects;
	}
	slab_totals(s, &tot);
	KTEST_EXPECT_EQ(t, tot.inuse, held);
	KTEST_EXPECT_EQ(t, tot.slabs, pages);
	KTEST_EXPECT_EQ(t, tot.objects, pages * s->objects);
	KTEST_EXPECT_EQ(t, tot.partial, partial);
	KTEST_EXPECT_EQ(t, tot.full, pages - partial);
	KTEST_EXPECT_EQ(t, tot.walked_free, pages * s->objects - held);
	/* and slab by slab: its inuse is what it holds of ours */
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!s->node[nid])
			continue;
		for (int l = 0; l < 2; l++)
			list_for_each_entry(page, l ? &s->node[nid]->full : &s->node[nid]->partial,
					    lru) {
				KTEST_EXPECT_EQ(t, slab_inuse(page), held_in(page, objs, n));
				KTEST_EXPECT_FALSE(t, slab_frozen(page));
			}
	}
}

/*
 * One CPU allocates PAIR_OBJS objects while the next frees two of every
 * three as they come (through a ring): its frees land on the producer's
 * cpu slab and on slabs it already gave back. After kmem_cache_shrink
 * (every CPU flushed, empty slabs freed) the lists hold exactly the slabs
 * of the kept objects, each with the right inuse, on the right list.
 */
void smpt_remote_free_while_allocating(struct ktest *t)
{
	unsigned long errors = slab_errors;
	unsigned int ncpus, first = smpt_first_concurrent_cpu();
	struct slab_totals tot;

	memset(&pair, 0, sizeof(pair));
	pair.producer = pair.consumer = NR_CPUS;
	ncpus = smpt_run(idle, NULL, NULL);
	if (ncpus < first + 2) {
		KTEST_SKIP(t, "needs two CPUs that run at once");
		return;
	}
	pair.s = kmem_cache_create("smp_remote_free", 64, 0, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, pair.s);
	pair.producer = first;
	pair.consumer = first + 1;
	smpt_run(pair_work, NULL, NULL);
	KTEST_EXPECT_EQ(t, pair.failed, 0);
	KTEST_EXPECT_EQ(t, pair.bad, 0);
	kmem_cache_shrink(pair.s);
	expect_lists_match(t, pair.s, pair.kept, PAIR_KEPT);
	for (unsigned int i = 0; i < PAIR_KEPT; i++)
		if (pair.kept[i]) {
			if (*(unsigned long *)pair.kept[i] !=
			    obj_stamp((unsigned long)i * KEEP_EVERY))
				pair.bad++;
			kmem_cache_free(pair.s, pair.kept[i]);
		}
	KTEST_EXPECT_EQ(t, pair.bad, 0);
	kmem_cache_shrink(pair.s);
	slab_totals(pair.s, &tot);
	KTEST_EXPECT_EQ(t, tot.slabs, 0);
	KTEST_EXPECT_EQ(t, tot.partial, 0);
	KTEST_EXPECT_EQ(t, tot.full, 0);
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(pair.s), 0);
	KTEST_EXPECT_EQ(t, slab_errors, errors);
}

/* Phases of the full/empty case, each run on one CPU while the others idle. */
#define SLABS 3
static struct {
	struct kmem_cache *s;
	unsigned int owner, other, phase;
	void **objs; /* SLABS * s->objects, in allocation order */
	struct page *cpu_page;
	unsigned long failed;
} fe;

static void fe_work(unsigned int cpu, void *arg)
{
	unsigned int per = fe.s->objects;

	(void)arg;
	if (fe.phase == 0 && cpu == fe.owner) {
		for (unsigned int i = 0; i < SLABS * per; i++)
			if (!(fe.objs[i] = kmem_cache_alloc(fe.s, GFP_KERNEL)))
				fe.failed++;
		fe.cpu_page = this_cpu_ptr(fe.s->cpu_slab)->page;
	} else if (fe.phase == 1 && cpu == fe.other) {
		/* all of slab 0, one of slab 1, all of slab 2 (the owner's cpu slab) */
		for (unsigned int i = 0; i < SLABS * per; i++)
			if (i < per || i == per || i >= 2 * per) {
				kmem_cache_free(fe.s, fe.objs[i]);
				fe.objs[i] = NULL;
			}
	} else if (fe.phase == 2 && cpu == fe.owner) {
		/* the owner takes back what the other CPU freed to its cpu slab */
		for (unsigned int i = 2 * per; i < SLABS * per; i++)
			if (!(fe.objs[i] = kmem_cache_alloc(fe.s, GFP_KERNEL)))
				fe.failed++;
		fe.cpu_page = this_cpu_ptr(fe.s->cpu_slab)->page;
	} else if (fe.phase == 3 && cpu == fe.other) {
		for (unsigned int i = 0; i < SLABS * per; i++)
			kmem_cache_free(fe.s, fe.objs[i]);
	}
}

static void fe_phase(unsigned int phase)
{
	fe.phase = phase;
	smpt_run(fe_work, NULL, NULL);
}

static struct page *fe_slab(unsigned int k)
{
	return slab_page_of(fe.objs[k * fe.s->objects + (k == 1 ? 1 : 0)]);
}

/*
 * Three slabs filled on one CPU (two go on the full list, the third stays
 * its cpu slab); another CPU then frees all of the first (full -> partial
 * -> empty), one of the second (full -> partial) and all of the third
 * (the cpu slab, frozen: no list, inuse 0). The owner's next allocations
 * come from that third slab without a new one; freeing the rest empties
 * everything, and the cache can be destroyed.
 */
void smpt_remote_free_full_and_empty(struct ktest *t)
{
	static void *objs[SLABS * 512];
	unsigned long errors = slab_errors;
	unsigned int ncpus, per;
	struct page *slab[SLABS];
	struct slab_totals tot;

	memset(&fe, 0, sizeof(fe));
	fe.owner = fe.other = NR_CPUS;
	ncpus = smpt_run(idle, NULL, NULL);
	if (ncpus < 2) {
		KTEST_SKIP(t, "needs a second CPU");
		return;
	}
	/* min_partial of a 256-byte cache is 5: an empty slab stays on the list */
	fe.s = kmem_cache_create("smp_full_empty", 256, 0, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, fe.s);
	per = fe.s->objects;
	KTEST_ASSERT_TRUE(t, SLABS * per <= sizeof(objs) / sizeof(objs[0]));
	fe.objs = objs;
	fe.owner = 0;
	fe.other = 1;

	fe_phase(0);
	KTEST_ASSERT_EQ(t, fe.failed, 0);
	for (unsigned int k = 0; k < SLABS; k++) {
		slab[k] = fe_slab(k);
		KTEST_ASSERT_NOT_NULL(t, slab[k]);
		/* allocation order fills one slab after the other */
		KTEST_EXPECT_EQ(t, held_in(slab[k], objs, SLABS * per), per);
	}
	KTEST_EXPECT_TRUE(t, fe.cpu_page == slab[2]);
	slab_totals(fe.s, &tot);
	KTEST_EXPECT_EQ(t, tot.full, 2);
	KTEST_EXPECT_EQ(t, tot.partial, 0);
	KTEST_EXPECT_EQ(t, tot.slabs, 3);
	KTEST_EXPECT_TRUE(t, slab_frozen(slab[2]));
	KTEST_EXPECT_EQ(t, slab_inuse(slab[2]), per);

	fe_phase(1);
	slab_totals(fe.s, &tot);
	KTEST_EXPECT_EQ(t, tot.full, 0);
	KTEST_EXPECT_EQ(t, tot.partial, 2);
	KTEST_EXPECT_EQ(t, tot.slabs, 3);
	KTEST_EXPECT_EQ(t, slab_inuse(slab[0]), 0);
	KTEST_EXPECT_FALSE(t, slab_frozen(slab[0]));
	KTEST_EXPECT_EQ(t, slab_inuse(slab[1]), per - 1);
	KTEST_EXPECT_FALSE(t, slab_frozen(slab[1]));
	/* the cpu slab: still frozen and on no list, every object on its page freelist */
	KTEST_EXPECT_TRUE(t, slab_frozen(slab[2]));
	KTEST_EXPECT_EQ(t, slab_inuse(slab[2]), 0);
	KTEST_EXPECT_EQ(t, tot.walked_free, per + 1);

	fe_phase(2);
	KTEST_EXPECT_EQ(t, fe.failed, 0);
	KTEST_EXPECT_TRUE(t, fe.cpu_page == slab[2]);
	KTEST_EXPECT_EQ(t, held_in(slab[2], objs, SLABS * per), per);
	slab_totals(fe.s, &tot);
	KTEST_EXPECT_EQ(t, tot.slabs, 3);
	KTEST_EXPECT_EQ(t, tot.partial, 2);

	fe_phase(3);
	/* flushed by shrink: the cpu slab's objects are found, all slabs empty and freed */
	KTEST_EXPECT_EQ(t, kmem_cache_shrink(fe.s), 3UL << fe.s->order);
	slab_totals(fe.s, &tot);
	KTEST_EXPECT_EQ(t, tot.slabs, 0);
	KTEST_EXPECT_EQ(t, tot.partial, 0);
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(fe.s), 0);
	KTEST_EXPECT_EQ(t, slab_errors, errors);
}
