// SPDX-License-Identifier: MIT
/*
 * A case of the "smp" suite on debug caches (slub_debug flags): every CPU
 * allocates from one while it frees what the previous CPU allocated, all
 * at once. The debug checks walk freelists (is the object already free?)
 * and rewrite objects (poison, red zones), so such a cache must never take
 * the lockless paths (no cpu slab, no lockless remote free): a walk racing
 * a CPU's own freelist follows a free pointer the new owner of the object
 * has already overwritten. Afterwards every slab is checked by hand: its
 * counters and list against the objects still held, each free object on
 * an object boundary, once, poisoned and with its red zones intact.
 */
#include "../slab_internal.h"
#include "smp_test.h"

#include <kernel/percpu.h>
#include <kernel/smp.h>
#include <lib/string.h>
#include <mm/slab.h>

#define DBG_CPUS   8  /* at most this many CPUs take part */
#define DBG_ROUNDS 64 /* each CPU: allocate a batch, free the previous CPU's */
#define DBG_BATCH  48
#define DBG_KEEP   5 /* one object in DBG_KEEP stays allocated to the end */
#define DBG_KEPT   (DBG_ROUNDS * DBG_BATCH / DBG_KEEP + 1)
#define DBG_SIZE   64
#define DBG_MAXOBJ 512 /* objects per slab the check can track */

static struct {
	struct kmem_cache *s;
	unsigned int first, ncpus; /* CPUs first..first+ncpus-1 take part */
	void *batch[DBG_CPUS][2][DBG_BATCH];
	void *kept[DBG_CPUS * DBG_KEPT];
	unsigned int nkept[DBG_CPUS];
	unsigned long arrived; /* atomic: barrier arrivals so far */
	unsigned long bad[DBG_CPUS], failed[DBG_CPUS];
} dbg;

/* Fills the whole object: overwrites a free pointer kept inside it. */
static unsigned long dbg_stamp(unsigned int k, unsigned long i)
{
	return 0x0deb000000000000UL | (unsigned long)k << 32 | i;
}

static void dbg_fill(void *obj, unsigned long v)
{
	for (unsigned int w = 0; w < DBG_SIZE / sizeof(long); w++)
		((unsigned long *)obj)[w] = v;
}

static bool dbg_intact(const void *obj)
{
	unsigned long v = *(const unsigned long *)obj;

	for (unsigned int w = 1; w < DBG_SIZE / sizeof(long); w++)
		if (((const unsigned long *)obj)[w] != v)
			return false;
	return (v >> 48) == 0x0deb;
}

/* All taking CPUs reach round @r before any goes on. */
static void dbg_barrier(unsigned int r)
{
	__atomic_fetch_add(&dbg.arrived, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&dbg.arrived, __ATOMIC_ACQUIRE) < (unsigned long)(r + 1) * dbg.ncpus)
		cpu_relax();
}

/*
 * Round r: allocate batch r into this CPU's slot r & 1 while freeing the
 * previous CPU's batch r - 1 (its other slot), one of each in turn.
 */
static void dbg_work(unsigned int cpu, void *arg)
{
	unsigned int k = cpu - dbg.first, prev;

	(void)arg;
	if (cpu < dbg.first || k >= dbg.ncpus)
		return;
	prev = (k + dbg.ncpus - 1) % dbg.ncpus;
	for (unsigned int r = 0; r <= DBG_ROUNDS; r++) {
		for (unsigned int i = 0; i < DBG_BATCH; i++) {
			unsigned long n = (unsigned long)r * DBG_BATCH + i;
			void **in = &dbg.batch[prev][(r + 1) & 1][i];

			if (r < DBG_ROUNDS) {
				void *obj = kmem_cache_alloc(dbg.s, GFP_KERNEL);

				if (!obj)
					dbg.failed[k]++;
				else
					dbg_fill(obj, dbg_stamp(k, n));
				if (obj && n % DBG_KEEP == 0) {
					dbg.kept[k * DBG_KEPT + dbg.nkept[k]++] = obj;
					obj = NULL;
				}
				dbg.batch[k][r & 1][i] = obj;
			}
			if (r && *in) {
				dbg.bad[k] += !dbg_intact(*in);
				kmem_cache_free(dbg.s, *in);
				*in = NULL;
			}
		}
		dbg_barrier(r);
	}
}

static unsigned int held_in(struct page *page)
{
	unsigned int k = 0;

	for (unsigned int i = 0; i < DBG_CPUS * DBG_KEPT; i++)
		k += dbg.kept[i] && slab_page_of(dbg.kept[i]) == page;
	return k;
}

static bool bytes_are(const void *p, unsigned char v, unsigned int len)
{
	for (unsigned int i = 0; i < len; i++)
		if (((const unsigned char *)p)[i] != v)
			return false;
	return true;
}

/* A free object as the debug flags leave it: poisoned, red zones inactive. */
static bool free_object_clean(struct kmem_cache *s, const unsigned char *obj)
{
	if ((s->flags & SLAB_POISON) && (!bytes_are(obj, POISON_FREE, s->object_size - 1) ||
					 obj[s->object_size - 1] != POISON_END))
		return false;
	if (s->flags & SLAB_RED_ZONE)
		return bytes_are(obj - s->red_left_pad, SLUB_RED_INACTIVE, s->red_left_pad) &&
		       bytes_are(obj + s->object_size, SLUB_RED_INACTIVE,
				 s->inuse - s->object_size);
	return true;
}

struct dbg_totals {
	unsigned long slabs, partial, held, bad_fp, dup, unclean, miscount, wrong_list, frozen;
};

/* One slab, its freelist walked (bounded), every free object checked. */
static void check_slab(struct kmem_cache *s, struct page *page, bool on_partial,
		       struct dbg_totals *t)
{
	static bool seen[DBG_MAXOBJ];
	const char *base = (const char *)slab_address(page) + s->red_left_pad;
	unsigned int free = 0;

	memset(seen, 0, sizeof(seen));
	for (void *p = slab_freelist(page); p && free <= s->objects; p = get_freepointer(s, p)) {
		unsigned long off = (unsigned long)((const char *)p - base);

		if ((const char *)p < base || off % s->size || off / s->size >= s->objects) {
			t->bad_fp++;
			break;
		}
		if (seen[off / s->size]) {
			t->dup++;
			break;
		}
		seen[off / s->size] = true;
		t->unclean += !free_object_clean(s, p);
		free++;
	}
	t->slabs++;
	t->partial += on_partial;
	t->frozen += slab_frozen(page);
	t->miscount += slab_inuse(page) + free != s->objects || slab_inuse(page) != held_in(page);
	t->wrong_list += on_partial != (free > 0);
}

static void check_cache(struct ktest *t, struct kmem_cache *s)
{
	unsigned long slabs = 0, objects = 0, partial = 0, pages = 0;
	struct dbg_totals tot;
	struct page *page;

	memset(&tot, 0, sizeof(tot));
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n = s->node[nid];
		unsigned long flags;

		if (!n)
			continue;
		spin_lock_irqsave(&n->list_lock, flags);
		list_for_each_entry(page, &n->partial, lru)
			check_slab(s, page, true, &tot);
		list_for_each_entry(page, &n->full, lru)
			check_slab(s, page, false, &tot);
		slabs += n->nr_slabs;
		objects += n->total_objects;
		partial += n->nr_partial;
		spin_unlock_irqrestore(&n->list_lock, flags);
	}
	/* slabs the kept objects live in, each counted at its first object */
	for (unsigned int i = 0; i < DBG_CPUS * DBG_KEPT; i++) {
		struct page *p = dbg.kept[i] ? slab_page_of(dbg.kept[i]) : NULL;
		bool first = p != NULL;

		for (unsigned int j = 0; j < i && first; j++)
			first = !dbg.kept[j] || slab_page_of(dbg.kept[j]) != p;
		pages += first;
	}
	KTEST_EXPECT_EQ(t, tot.bad_fp, 0);
	KTEST_EXPECT_EQ(t, tot.dup, 0);
	KTEST_EXPECT_EQ(t, tot.unclean, 0);
	KTEST_EXPECT_EQ(t, tot.miscount, 0);
	KTEST_EXPECT_EQ(t, tot.wrong_list, 0);
	KTEST_EXPECT_EQ(t, tot.frozen, 0);
	KTEST_EXPECT_EQ(t, tot.slabs, pages);
	KTEST_EXPECT_EQ(t, slabs, pages);
	KTEST_EXPECT_EQ(t, objects, pages * s->objects);
	KTEST_EXPECT_EQ(t, partial, tot.partial);
}

/* Held objects: stamp whole, red zones active. */
static unsigned long kept_damaged(struct kmem_cache *s)
{
	unsigned long bad = 0;

	for (unsigned int i = 0; i < DBG_CPUS * DBG_KEPT; i++) {
		const unsigned char *obj = dbg.kept[i];

		if (!obj)
			continue;
		bad += !dbg_intact(obj);
		if (s->flags & SLAB_RED_ZONE)
			bad += !bytes_are(obj - s->red_left_pad, SLUB_RED_ACTIVE,
					  s->red_left_pad) ||
			       !bytes_are(obj + s->object_size, SLUB_RED_ACTIVE,
					  s->inuse - s->object_size);
	}
	return bad;
}

static void idle(unsigned int cpu, void *arg)
{
	(void)cpu;
	(void)arg;
}

/*
 * Twice: slub_debug=FZPU (free pointer after the object, kept clear of
 * the poison), and F alone (the free pointer inside the object, where its
 * next owner writes: a racing walk goes astray at once).
 */
void smpt_debug_cache_remote_free(struct ktest *t)
{
	static const slab_flags_t flags[] = { SLAB_DEBUG_FLAGS, SLAB_CONSISTENCY_CHECKS };
	static const char *const names[] = { "smp_debug_fzpu", "smp_debug_f" };
	unsigned long errors = slab_errors;
	unsigned int ncpus, first = smpt_first_concurrent_cpu();

	memset(&dbg, 0, sizeof(dbg));
	dbg.first = NR_CPUS;
	ncpus = smpt_run(idle, NULL, NULL);
	if (ncpus < first + 2) {
		KTEST_SKIP(t, "needs two CPUs that run at once");
		return;
	}
	for (unsigned int f = 0; f < 2; f++) {
		unsigned long bad = 0, failed = 0;

		memset(&dbg, 0, sizeof(dbg));
		dbg.first = first;
		dbg.ncpus = ncpus - first < DBG_CPUS ? ncpus - first : DBG_CPUS;
		dbg.s = kmem_cache_create(names[f], DBG_SIZE, 0, flags[f], NULL);
		KTEST_ASSERT_NOT_NULL(t, dbg.s);
		KTEST_ASSERT_TRUE(t, dbg.s->objects <= DBG_MAXOBJ);
		smpt_run(dbg_work, NULL, NULL);
		for (unsigned int k = 0; k < DBG_CPUS; k++) {
			bad += dbg.bad[k];
			failed += dbg.failed[k];
		}
		KTEST_EXPECT_EQ(t, failed, 0);
		KTEST_EXPECT_EQ(t, bad, 0);
		/* never a cpu slab: every slab is on a list */
		for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
			KTEST_EXPECT_TRUE(t, per_cpu_ptr(dbg.s->cpu_slab, cpu)->page == NULL);
		kmem_cache_shrink(dbg.s); /* the empty slabs go */
		check_cache(t, dbg.s);
		KTEST_EXPECT_EQ(t, kept_damaged(dbg.s), 0);
		for (unsigned int i = 0; i < DBG_CPUS * DBG_KEPT; i++)
			kmem_cache_free(dbg.s, dbg.kept[i]);
		memset(dbg.kept, 0, sizeof(dbg.kept));
		kmem_cache_shrink(dbg.s);
		check_cache(t, dbg.s);
		KTEST_EXPECT_EQ(t, kmem_cache_destroy(dbg.s), 0);
		KTEST_EXPECT_EQ(t, slab_errors, errors);
	}
}
