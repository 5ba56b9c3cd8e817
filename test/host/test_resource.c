// SPDX-License-Identifier: MIT
/*
 * The resource tree (kernel/core/resource.c): request_resource at one
 * level, insert_resource at the depth a range belongs, conflicts, and the
 * /proc/iomem line format. Each case draws the tree it expects; the
 * expected links are read off the drawing, not off the code's output.
 */
#include <kernel/ioport.h>
#include <lib/errno.h>
#include <lib/ktest.h>

static struct resource root;

static int reset(struct ktest *t)
{
	(void)t;
	root = (struct resource){ .start = 0, .end = 0xffff, .name = "root" };
	return 0;
}

static struct resource res(uint64_t start, uint64_t end, const char *name)
{
	return (struct resource){ .start = start, .end = end, .name = name };
}

/*
 * root
 *   a [0x100-0x1ff]
 *   b [0x200-0x2ff]   touches a: adjacency is not a conflict
 *   c [0x400-0x4ff]
 * requested in the order c, a, b: children end up sorted.
 */
static void request_sorts_adjacent_siblings(struct ktest *t)
{
	struct resource a = res(0x100, 0x1ff, "a"), b = res(0x200, 0x2ff, "b"),
			c = res(0x400, 0x4ff, "c");

	KTEST_ASSERT_EQ(t, request_resource(&root, &c), 0);
	KTEST_ASSERT_EQ(t, request_resource(&root, &a), 0);
	KTEST_ASSERT_EQ(t, request_resource(&root, &b), 0);
	KTEST_EXPECT_EQ(t, root.child, &a);
	KTEST_EXPECT_EQ(t, a.sibling, &b);
	KTEST_EXPECT_EQ(t, b.sibling, &c);
	KTEST_EXPECT_NULL(t, c.sibling);
	KTEST_EXPECT_EQ(t, b.parent, &root);
}

/*
 * root
 *   a [0x100-0x1ff]
 * x [0x1ff-0x2ff] shares one byte with a: -EBUSY, conflict is a
 * y [0x10000-...] sticks out of root: conflict is root
 */
static void request_conflicts(struct ktest *t)
{
	struct resource a = res(0x100, 0x1ff, "a"), x = res(0x1ff, 0x2ff, "x"),
			y = res(0xff00, 0x10000, "y"), z = res(0x300, 0x2ff, "z");

	KTEST_ASSERT_EQ(t, request_resource(&root, &a), 0);
	KTEST_EXPECT_EQ(t, request_resource(&root, &x), -EBUSY);
	KTEST_EXPECT_EQ(t, request_resource_conflict(&root, &x), &a);
	KTEST_EXPECT_EQ(t, request_resource_conflict(&root, &y), &root);
	KTEST_EXPECT_EQ(t, request_resource(&root, &z), -EINVAL);
	KTEST_EXPECT_EQ(t, root.child, &a);
	KTEST_EXPECT_NULL(t, a.sibling);
}

/*
 * root
 *   ram [0x1000-0x8fff]
 *     code [0x2000-0x2fff]
 *     data [0x3000-0x3fff]
 * inserted in the order ram, data, code: both go below ram.
 */
static void insert_nests_inside(struct ktest *t)
{
	struct resource ram = res(0x1000, 0x8fff, "ram"),
			code = res(0x2000, 0x2fff, "code"),
			data = res(0x3000, 0x3fff, "data");

	KTEST_ASSERT_EQ(t, insert_resource(&root, &ram), 0);
	KTEST_ASSERT_EQ(t, insert_resource(&root, &data), 0);
	KTEST_ASSERT_EQ(t, insert_resource(&root, &code), 0);
	KTEST_EXPECT_EQ(t, root.child, &ram);
	KTEST_EXPECT_EQ(t, ram.child, &code);
	KTEST_EXPECT_EQ(t, code.sibling, &data);
	KTEST_EXPECT_EQ(t, code.parent, &ram);
	KTEST_EXPECT_EQ(t, data.parent, &ram);
}

/*
 * The same tree, inserted children first:
 * root                      root
 *   code [0x2000-0x2fff]      ram [0x1000-0x8fff]
 *   data [0x3000-0x3fff]  ->    code
 *   far  [0x9000-0x9fff]        data
 *                             far
 */
static void insert_adopts_contained(struct ktest *t)
{
	struct resource ram = res(0x1000, 0x8fff, "ram"),
			code = res(0x2000, 0x2fff, "code"),
			data = res(0x3000, 0x3fff, "data"),
			far = res(0x9000, 0x9fff, "far");

	KTEST_ASSERT_EQ(t, insert_resource(&root, &code), 0);
	KTEST_ASSERT_EQ(t, insert_resource(&root, &far), 0);
	KTEST_ASSERT_EQ(t, insert_resource(&root, &data), 0);
	KTEST_ASSERT_EQ(t, insert_resource(&root, &ram), 0);
	KTEST_EXPECT_EQ(t, root.child, &ram);
	KTEST_EXPECT_EQ(t, ram.sibling, &far);
	KTEST_EXPECT_EQ(t, ram.child, &code);
	KTEST_EXPECT_EQ(t, code.sibling, &data);
	KTEST_EXPECT_NULL(t, data.sibling);
	KTEST_EXPECT_EQ(t, code.parent, &ram);
	KTEST_EXPECT_EQ(t, data.parent, &ram);
	KTEST_EXPECT_EQ(t, far.parent, &root);
}

/*
 * root
 *   a [0x1000-0x1fff]
 *     b [0x1800-0x1fff]
 * x [0x1c00-0x2bff] covers half of b and sticks out of a: -EBUSY at depth 1
 * y [0x1400-0x1bff] contains part of b only: -EBUSY at depth 2
 * Neither changes the tree.
 */
static void insert_partial_overlap_fails(struct ktest *t)
{
	struct resource a = res(0x1000, 0x1fff, "a"), b = res(0x1800, 0x1fff, "b"),
			x = res(0x1c00, 0x2bff, "x"), y = res(0x1400, 0x1bff, "y");

	KTEST_ASSERT_EQ(t, insert_resource(&root, &a), 0);
	KTEST_ASSERT_EQ(t, insert_resource(&root, &b), 0);
	KTEST_EXPECT_EQ(t, insert_resource(&root, &x), -EBUSY);
	KTEST_EXPECT_EQ(t, insert_resource(&root, &y), -EBUSY);
	KTEST_EXPECT_EQ(t, root.child, &a);
	KTEST_EXPECT_NULL(t, a.sibling);
	KTEST_EXPECT_EQ(t, a.child, &b);
	KTEST_EXPECT_NULL(t, b.sibling);
	KTEST_EXPECT_NULL(t, b.child);
}

/*
 * Same range twice: the second goes above the first.
 * root
 *   second [0x100-0x1ff]
 *     first [0x100-0x1ff]
 * Inserting one of them again is refused.
 */
static void insert_same_range_and_twice(struct ktest *t)
{
	struct resource first = res(0x100, 0x1ff, "first"),
			second = res(0x100, 0x1ff, "second");

	KTEST_ASSERT_EQ(t, insert_resource(&root, &first), 0);
	KTEST_ASSERT_EQ(t, insert_resource(&root, &second), 0);
	KTEST_EXPECT_EQ(t, root.child, &second);
	KTEST_EXPECT_EQ(t, second.child, &first);
	KTEST_EXPECT_EQ(t, first.parent, &second);
	KTEST_EXPECT_EQ(t, insert_resource(&root, &second), -EBUSY);
	KTEST_EXPECT_EQ(t, root.child, &second);
	KTEST_EXPECT_NULL(t, second.sibling);
}

struct dump {
	char text[512];
	size_t len;
};

static void dump_line(const struct resource *r, int depth, void *ctx)
{
	struct dump *d = ctx;

	d->len += (size_t)resource_format(d->text + d->len,
					  sizeof(d->text) - d->len, r, depth);
	d->text[d->len++] = '\n';
	d->text[d->len] = '\0';
}

/* /proc/iomem's layout: 8 hex digits (more when needed), 2 spaces a level. */
static void walk_formats_like_proc_iomem(struct ktest *t)
{
	struct resource ram = res(0x1000, 0x8fff, "System RAM"),
			code = res(0x2000, 0x2fff, "Kernel code"),
			inner = res(0x2100, 0x21ff, "inner"),
			big = res(0x100000000ull, 0x17fffffffull, "high");
	struct dump d = { .len = 0 };

	root.end = UINT64_MAX;
	KTEST_ASSERT_EQ(t, insert_resource(&root, &big), 0);
	KTEST_ASSERT_EQ(t, insert_resource(&root, &inner), 0);
	KTEST_ASSERT_EQ(t, insert_resource(&root, &ram), 0);
	KTEST_ASSERT_EQ(t, insert_resource(&root, &code), 0);
	resource_walk(&root, dump_line, &d);
	KTEST_EXPECT_STREQ(t, d.text,
			   "00001000-00008fff : System RAM\n"
			   "  00002000-00002fff : Kernel code\n"
			   "    00002100-000021ff : inner\n"
			   "100000000-17fffffff : high\n");
}

static const struct ktest_case resource_cases[] = {
	KTEST_CASE(request_sorts_adjacent_siblings),
	KTEST_CASE(request_conflicts),
	KTEST_CASE(insert_nests_inside),
	KTEST_CASE(insert_adopts_contained),
	KTEST_CASE(insert_partial_overlap_fails),
	KTEST_CASE(insert_same_range_and_twice),
	KTEST_CASE(walk_formats_like_proc_iomem),
	KTEST_CASES_END,
};

static const struct ktest_suite resource_suite = {
	.name = "resource",
	.cases = resource_cases,
	.init = reset,
};
KTEST_SUITE(resource_suite);
