// SPDX-License-Identifier: MIT
/*
 * The resource tree (Linux's kernel/resource.c, the part the boot needs):
 * claiming ranges, inserting a range at the depth it belongs, walking the
 * tree and formatting it the way /proc/iomem shows it.
 */
#include <kernel/ioport.h>
#include <lib/errno.h>
#include <lib/vsprintf.h>
#include <stdbool.h>

static bool overlaps(const struct resource *a, const struct resource *b)
{
	return a->start <= b->end && b->start <= a->end;
}

/*
 * Link @new among @root's children if it overlaps none of them. Return
 * NULL when linked, else what is in the way: the overlapping child, or
 * @root when @new is empty or sticks out of it.
 */
static struct resource *link_child(struct resource *root, struct resource *new)
{
	struct resource **slot = &root->child;

	if (new->end < new->start || new->start < root->start || new->end > root->end)
		return root;
	/* Children are sorted: stop at the first one that ends after @new starts. */
	while (*slot && (*slot)->end < new->start)
		slot = &(*slot)->sibling;
	if (*slot && overlaps(*slot, new))
		return *slot;
	new->sibling = *slot;
	new->parent = root;
	*slot = new;
	return NULL;
}

struct resource *request_resource_conflict(struct resource *root, struct resource *new)
{
	return link_child(root, new);
}

int request_resource(struct resource *root, struct resource *new)
{
	if (new->end < new->start)
		return -EINVAL;
	return link_child(root, new) ? -EBUSY : 0;
}

static bool contains(const struct resource *outer, const struct resource *in)
{
	return outer->start <= in->start && in->end <= outer->end;
}

/*
 * @new overlaps @first (a child of @parent) and contains it: make @new the
 * parent of @first and of every later sibling that @new overlaps, provided
 * @new contains each of them entirely.
 */
static int adopt_children(struct resource *parent, struct resource *first, struct resource *new)
{
	struct resource *last = first, **slot;

	for (;;) {
		if (!contains(new, last))
			return -EBUSY;
		if (!last->sibling || last->sibling->start > new->end)
			break;
		last = last->sibling;
	}
	/* Find the link that points at @first, then splice @new in. */
	slot = &parent->child;
	while (*slot != first)
		slot = &(*slot)->sibling;
	new->parent = parent;
	new->sibling = last->sibling;
	new->child = first;
	last->sibling = NULL;
	*slot = new;
	for (struct resource *r = first; r; r = r->sibling)
		r->parent = new;
	return 0;
}

int insert_resource(struct resource *parent, struct resource *new)
{
	for (;;) {
		struct resource *in_way = link_child(parent, new);

		if (!in_way)
			return 0;
		if (in_way == parent || in_way == new)
			return -EBUSY;
		/* Same range: @new goes above it; inside it: go one level down. */
		if (in_way->start == new->start && in_way->end == new->end)
			return adopt_children(parent, in_way, new);
		if (!contains(in_way, new))
			return adopt_children(parent, in_way, new);
		parent = in_way;
	}
}

static void walk(const struct resource *r, int depth,
		 void (*fn)(const struct resource *, int, void *), void *ctx)
{
	for (; r; r = r->sibling) {
		fn(r, depth, ctx);
		walk(r->child, depth + 1, fn, ctx);
	}
}

void resource_walk(const struct resource *root,
		   void (*fn)(const struct resource *r, int depth, void *ctx), void *ctx)
{
	walk(root->child, 0, fn, ctx);
}

int resource_format(char *buf, size_t size, const struct resource *r, int depth)
{
	return ksnprintf(buf, size, "%*s%08llx-%08llx : %s", depth * 2, "",
			 (unsigned long long)r->start, (unsigned long long)r->end, r->name);
}
