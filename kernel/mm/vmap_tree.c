// SPDX-License-Identifier: MIT
/*
 * The vmalloc range allocator (mm/vmap_tree.h): two AVL trees of ranges,
 * the free one augmented with the largest free size per subtree.
 *
 * AVL rather than red-black: the recursive insert/remove below is short
 * enough to check by eye, and the height bound (1.44 log2 n) keeps the
 * recursion shallow (under 60 levels for 2^40 nodes). Every structural
 * change goes through avl_fix(), which recomputes the height and the
 * augmented size bottom-up, so the augmentation cannot go stale.
 */
#include <lib/errno.h>
#include <mm/vmap_tree.h>

/* Deeper than any AVL tree that fits in memory: see the file comment. */
#define VMAP_MAX_DEPTH 96

static unsigned long va_size(const struct vmap_area *va)
{
	return va->va_end - va->va_start;
}

static int height(const struct vmap_area *n)
{
	return n ? n->height : 0;
}

static unsigned long max_size(const struct vmap_area *n)
{
	return n ? n->subtree_max_size : 0;
}

static unsigned long max3(unsigned long a, unsigned long b, unsigned long c)
{
	unsigned long m = a > b ? a : b;

	return m > c ? m : c;
}

/* Height and augmented size of @n from its children. */
static void avl_fix(struct vmap_area *n)
{
	int hl = height(n->left), hr = height(n->right);

	n->height = 1 + (hl > hr ? hl : hr);
	n->subtree_max_size = max3(va_size(n), max_size(n->left), max_size(n->right));
}

static struct vmap_area *rotate_right(struct vmap_area *n)
{
	struct vmap_area *l = n->left;

	n->left = l->right;
	l->right = n;
	avl_fix(n);
	avl_fix(l);
	return l;
}

static struct vmap_area *rotate_left(struct vmap_area *n)
{
	struct vmap_area *r = n->right;

	n->right = r->left;
	r->left = n;
	avl_fix(n);
	avl_fix(r);
	return r;
}

/* Restore the AVL property at @n (children already balanced). */
static struct vmap_area *avl_balance(struct vmap_area *n)
{
	int bf = height(n->left) - height(n->right);

	if (bf > 1) {
		if (height(n->left->left) < height(n->left->right))
			n->left = rotate_left(n->left);
		return rotate_right(n);
	}
	if (bf < -1) {
		if (height(n->right->right) < height(n->right->left))
			n->right = rotate_right(n->right);
		return rotate_left(n);
	}
	avl_fix(n);
	return n;
}

static struct vmap_area *avl_insert(struct vmap_area *n, struct vmap_area *va)
{
	if (!n) {
		va->left = va->right = NULL;
		avl_fix(va);
		return va;
	}
	if (va->va_start < n->va_start)
		n->left = avl_insert(n->left, va);
	else
		n->right = avl_insert(n->right, va);
	return avl_balance(n);
}

static struct vmap_area *avl_remove_min(struct vmap_area *n, struct vmap_area **min)
{
	if (!n->left) {
		*min = n;
		return n->right;
	}
	n->left = avl_remove_min(n->left, min);
	return avl_balance(n);
}

/* Unlink @va (which must be in the tree under @n); nodes are relinked, never copied. */
static struct vmap_area *avl_remove(struct vmap_area *n, struct vmap_area *va)
{
	struct vmap_area *succ, *rest;

	if (va->va_start < n->va_start) {
		n->left = avl_remove(n->left, va);
	} else if (va->va_start > n->va_start) {
		n->right = avl_remove(n->right, va);
	} else {
		if (!n->left || !n->right)
			return n->left ? n->left : n->right;
		rest = avl_remove_min(n->right, &succ);
		succ->left = n->left;
		succ->right = rest;
		n = succ;
	}
	return avl_balance(n);
}

/*
 * A range's bounds changed in place (the tree order cannot change: ranges
 * are disjoint): recompute the augmented sizes on the path down to it.
 */
static void avl_update_path(struct vmap_area *n, unsigned long key)
{
	if (!n)
		return;
	if (key < n->va_start)
		avl_update_path(n->left, key);
	else if (key > n->va_start)
		avl_update_path(n->right, key);
	avl_fix(n);
}

/* The node with the largest start below @key, or NULL. */
static struct vmap_area *find_below(struct vmap_area *n, unsigned long key)
{
	struct vmap_area *best = NULL;

	while (n) {
		if (n->va_start < key) {
			best = n;
			n = n->right;
		} else {
			n = n->left;
		}
	}
	return best;
}

static struct vmap_area *find_exact(struct vmap_area *n, unsigned long key)
{
	while (n && n->va_start != key)
		n = key < n->va_start ? n->left : n->right;
	return n;
}

/*
 * Lowest free range of at least @len bytes. A subtree whose largest range
 * is shorter is skipped whole, and one that is not always holds a match,
 * so the walk goes down one path: O(height).
 */
static struct vmap_area *lowest_fit(struct vmap_area *n, unsigned long len)
{
	while (n && n->subtree_max_size >= len) {
		if (max_size(n->left) >= len)
			n = n->left;
		else if (va_size(n) >= len)
			return n;
		else
			n = n->right;
	}
	return NULL;
}

int vmap_space_init(struct vmap_space *s, unsigned long start, unsigned long end,
		    const struct vmap_node_ops *ops)
{
	struct vmap_area *va;

	*s = (struct vmap_space){ .start = start, .end = end, .ops = ops };
	if (start >= end || (start | end) % VMAP_GRANULE)
		return -EINVAL;
	va = ops->alloc(ops->ctx);
	if (!va)
		return -ENOMEM;
	va->va_start = start;
	va->va_end = end;
	va->flags = 0;
	s->free_root = avl_insert(NULL, va);
	s->nr_free = 1;
	s->free_bytes = end - start;
	return 0;
}

static bool valid_request(const struct vmap_space *s, unsigned long size, unsigned long align)
{
	if (!size || size % VMAP_GRANULE || size > s->end - s->start)
		return false;
	if (align < VMAP_GRANULE || (align & (align - 1)))
		return false;
	/* size + align must not wrap, nor exceed the space. */
	return align - VMAP_GRANULE <= s->end - s->start - size;
}

static void put_node(const struct vmap_space *s, struct vmap_area *va)
{
	if (va)
		s->ops->free(s->ops->ctx, va);
}

struct vmap_area *vmap_space_alloc(struct vmap_space *s, unsigned long size, unsigned long align)
{
	struct vmap_area *f, *busy, *spare = NULL;
	unsigned long addr, end, f_end;
	bool split;

	if (!valid_request(s, size, align))
		return NULL;
	f = lowest_fit(s->free_root, size + align - VMAP_GRANULE);
	if (!f)
		return NULL;
	addr = (f->va_start + align - 1) & ~(align - 1);
	end = addr + size;
	f_end = f->va_end;
	/* Carved from the middle: the free range becomes two. */
	split = addr > f->va_start && end < f_end;

	/* Nodes first, so that a failure leaves the trees untouched. */
	busy = s->ops->alloc(s->ops->ctx);
	if (busy && split)
		spare = s->ops->alloc(s->ops->ctx);
	if (!busy || (split && !spare)) {
		put_node(s, busy);
		put_node(s, spare);
		return NULL;
	}

	if (addr == f->va_start && end == f_end) {
		s->free_root = avl_remove(s->free_root, f);
		s->nr_free--;
		put_node(s, f);
	} else if (addr == f->va_start) {
		f->va_start = end;
		avl_update_path(s->free_root, f->va_start);
	} else {
		/* Head stays in f; a tail, if any, goes into the spare node. */
		f->va_end = addr;
		avl_update_path(s->free_root, f->va_start);
		if (split) {
			spare->va_start = end;
			spare->va_end = f_end;
			spare->flags = 0;
			s->free_root = avl_insert(s->free_root, spare);
			s->nr_free++;
		}
	}
	s->free_bytes -= size;

	busy->va_start = addr;
	busy->va_end = end;
	busy->flags = 0;
	s->busy_root = avl_insert(s->busy_root, busy);
	s->nr_busy++;
	return busy;
}

struct vmap_area *vmap_space_find(const struct vmap_space *s, unsigned long addr)
{
	return find_exact(s->busy_root, addr);
}

void vmap_space_free(struct vmap_space *s, struct vmap_area *va)
{
	struct vmap_area *prev, *next;

	s->busy_root = avl_remove(s->busy_root, va);
	s->nr_busy--;
	s->free_bytes += va_size(va);

	prev = find_below(s->free_root, va->va_start);
	if (prev && prev->va_end != va->va_start)
		prev = NULL;
	next = find_exact(s->free_root, va->va_end);

	if (prev && next) {
		prev->va_end = next->va_end;
		s->free_root = avl_remove(s->free_root, next);
		s->nr_free--;
		avl_update_path(s->free_root, prev->va_start);
		put_node(s, next);
		put_node(s, va);
	} else if (prev) {
		prev->va_end = va->va_end;
		avl_update_path(s->free_root, prev->va_start);
		put_node(s, va);
	} else if (next) {
		/* Lowering next's start keeps the order: va sat just below it. */
		next->va_start = va->va_start;
		avl_update_path(s->free_root, next->va_start);
		put_node(s, va);
	} else {
		va->flags = 0;
		s->free_root = avl_insert(s->free_root, va);
		s->nr_free++;
	}
}

/* --- vmap_space_check --- */

struct tree_stats {
	unsigned long nodes, bytes;
};

/* Heights, balance, augmentation and ordering of one subtree. */
static const char *check_subtree(const struct vmap_area *n, bool is_free, int depth,
				 struct tree_stats *st)
{
	const char *err;
	int hl, hr;

	if (!n)
		return NULL;
	if (depth > VMAP_MAX_DEPTH)
		return "tree deeper than any AVL tree can be (a cycle?)";
	if (n->va_start >= n->va_end)
		return "empty or inverted range";
	if (n->va_start % VMAP_GRANULE || n->va_end % VMAP_GRANULE)
		return "range not granule-aligned";
	if (n->left && n->left->va_start >= n->va_start)
		return "left child not below its parent";
	if (n->right && n->right->va_start <= n->va_start)
		return "right child not above its parent";
	err = check_subtree(n->left, is_free, depth + 1, st);
	if (!err)
		err = check_subtree(n->right, is_free, depth + 1, st);
	if (err)
		return err;
	hl = height(n->left);
	hr = height(n->right);
	if (n->height != 1 + (hl > hr ? hl : hr))
		return "stale height";
	if (hl - hr > 1 || hr - hl > 1)
		return "not AVL-balanced";
	if (is_free &&
	    n->subtree_max_size != max3(va_size(n), max_size(n->left), max_size(n->right)))
		return "wrong subtree_max_size";
	st->nodes++;
	st->bytes += va_size(n);
	return NULL;
}

/* In-order iterator with an explicit stack (depth checked beforehand). */
struct tree_iter {
	const struct vmap_area *stack[VMAP_MAX_DEPTH + 2];
	int depth;
};

static void iter_push_left(struct tree_iter *it, const struct vmap_area *n)
{
	for (; n; n = n->left)
		it->stack[it->depth++] = n;
}

static const struct vmap_area *iter_peek(const struct tree_iter *it)
{
	return it->depth ? it->stack[it->depth - 1] : NULL;
}

static void iter_next(struct tree_iter *it)
{
	const struct vmap_area *n = it->stack[--it->depth];

	iter_push_left(it, n->right);
}

/* Walk both trees in address order at once: they must tile the space. */
static const char *check_cover(const struct vmap_space *s)
{
	struct tree_iter fi = { .depth = 0 }, bi = { .depth = 0 };
	const struct vmap_area *f, *b, *n;
	unsigned long at = s->start;
	bool last_free = false;

	iter_push_left(&fi, s->free_root);
	iter_push_left(&bi, s->busy_root);
	for (;;) {
		f = iter_peek(&fi);
		b = iter_peek(&bi);
		if (!f && !b)
			break;
		if (f && (!b || f->va_start < b->va_start)) {
			n = f;
			if (last_free && n->va_start == at)
				return "two free ranges touch (not merged)";
			iter_next(&fi);
		} else {
			n = b;
			iter_next(&bi);
		}
		if (n->va_start != at)
			return n->va_start < at ? "ranges overlap"
						: "a gap that is neither busy nor free";
		at = n->va_end;
		last_free = n == f;
	}
	return at == s->end ? NULL : "ranges do not reach the end of the space";
}

const char *vmap_space_check(const struct vmap_space *s)
{
	struct tree_stats fs = { 0, 0 }, bs = { 0, 0 };
	const char *err;

	err = check_subtree(s->free_root, true, 1, &fs);
	if (!err)
		err = check_subtree(s->busy_root, false, 1, &bs);
	if (err)
		return err;
	if (fs.nodes != s->nr_free || bs.nodes != s->nr_busy)
		return "node counts disagree with the trees";
	if (fs.bytes != s->free_bytes)
		return "free_bytes disagrees with the free tree";
	return check_cover(s);
}
