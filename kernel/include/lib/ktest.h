/* SPDX-License-Identifier: MIT */
/*
 * ktest: a small KUnit-like test framework that prints KTAP version 1.
 *
 * The same code runs in host test binaries and inside the kernel, so it
 * never allocates, keeps no global state (a runner may run another runner,
 * which is how the framework tests itself) and sends every line through a
 * caller-supplied sink (stdout on the host, printk in the kernel).
 *
 * Suites are registered statically: KTEST_SUITE() puts a pointer to the
 * suite in the "ktest_suites" section. The name is a C identifier so that
 * ELF linkers define __start_ktest_suites/__stop_ktest_suites on the host;
 * the kernel linker script defines the same two symbols itself.
 *
 * Output is the nested form that Linux's `kunit.py parse` reads:
 *
 *   KTAP version 1
 *   1..1
 *       KTAP version 1
 *       # Subtest: suite
 *       1..2
 *       ok 1 case_a
 *       not ok 2 case_b
 *   not ok 1 suite
 *
 * EXPECT records a failure and lets the case go on; ASSERT records it and
 * returns from the calling function. ASSERT therefore aborts the case only
 * when used in the case function itself (there is no longjmp in the
 * kernel); helpers should EXPECT and return a result instead.
 */
#ifndef LIB_KTEST_H
#define LIB_KTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where output goes: one call per complete line, '\n' included. */
struct ktest_sink {
	void (*write)(void *ctx, const char *s, size_t len);
	void *ctx;
};

enum ktest_status {
	KTEST_PASS = 0,
	KTEST_FAIL = 1,
	KTEST_SKIP = 2,
};

/* The state of the case being run; handed to every case function. */
struct ktest {
	const char *name; /* case name */
	enum ktest_status status;
	const char *skip_reason;
	const struct ktest_sink *sink;
	void *priv; /* for the suite's init/exit */
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
};

struct ktest_suite {
	const char *name;
	const struct ktest_case *cases; /* terminated by an entry with run == NULL */
	int (*init)(struct ktest *t);	/* optional; non-zero fails the case */
	void (*exit)(struct ktest *t);	/* optional; runs after every case */
};

#define KTEST_CASE(fn)  \
	{               \
#fn, fn \
	}
#define KTEST_CASES_END    \
	{                  \
		NULL, NULL \
	}

/* Register @suite (a struct ktest_suite object) with the runner. */
#define KTEST_SUITE(suite)                                       \
	static const struct ktest_suite *const ktest_ptr_##suite \
		__attribute__((used, section("ktest_suites"), aligned(8))) = &(suite)

/**
 * ktest_run_suites - run suites and print their results as KTAP
 * @suites: array of suite pointers
 * @nr: number of entries in @suites
 * @filter: comma-separated suite names to run; NULL or "" runs all
 * @sink: where the KTAP text goes
 *
 * A filter name that matches no suite is reported as a diagnostic line and
 * counted as one failure, so that a misspelt `selftest=` option cannot pass
 * by running nothing.
 *
 * Return: the number of failed cases (plus unmatched filter names).
 */
int ktest_run_suites(const struct ktest_suite *const *suites, size_t nr, const char *filter,
		     const struct ktest_sink *sink);

/**
 * ktest_registered - the suites registered with KTEST_SUITE()
 * @suites: set to the array of them
 *
 * Return: how many there are.
 */
size_t ktest_registered(const struct ktest_suite *const **suites);

/* ktest_run_suites() over every suite registered with KTEST_SUITE(). */
int ktest_run_all(const char *filter, const struct ktest_sink *sink);

/* Print a diagnostic line ("    # ...") for the current case. */
void ktest_printf(struct ktest *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* --- what the assertion macros expand to; not for direct use --- */

/* An operand, kept with its signedness so comparisons are exact. */
struct ktest_val {
	enum { KTEST_VAL_S, KTEST_VAL_U, KTEST_VAL_P } kind;
	union {
		long long s;
		unsigned long long u;
		const volatile void *p;
	};
};

enum ktest_op { KTEST_EQ, KTEST_NE, KTEST_LT, KTEST_LE, KTEST_GT, KTEST_GE };

struct ktest_loc {
	const char *file;
	int line;
	bool is_assert;
};

static inline struct ktest_val ktest_val_s(long long v)
{
	return (struct ktest_val){ .kind = KTEST_VAL_S, .s = v };
}

static inline struct ktest_val ktest_val_u(unsigned long long v)
{
	return (struct ktest_val){ .kind = KTEST_VAL_U, .u = v };
}

static inline struct ktest_val ktest_val_p(const volatile void *v)
{
	return (struct ktest_val){ .kind = KTEST_VAL_P, .p = v };
}

/* Choose the constructor by type, then call it: only it is type-checked. */
#define KTEST_VAL(x)                               \
	_Generic((x), _Bool                        \
		 : ktest_val_u, char               \
		 : ktest_val_s, signed char        \
		 : ktest_val_s, short              \
		 : ktest_val_s, int                \
		 : ktest_val_s, long               \
		 : ktest_val_s, long long          \
		 : ktest_val_s, unsigned char      \
		 : ktest_val_u, unsigned short     \
		 : ktest_val_u, unsigned int       \
		 : ktest_val_u, unsigned long      \
		 : ktest_val_u, unsigned long long \
		 : ktest_val_u, default            \
		 : ktest_val_p)(x)

bool ktest_check_op(struct ktest *t, struct ktest_loc loc, enum ktest_op op, const char *op_str,
		    const char *a_str, struct ktest_val a, const char *b_str, struct ktest_val b);
bool ktest_check_bool(struct ktest *t, struct ktest_loc loc, bool want, const char *expr, bool got);
bool ktest_check_null(struct ktest *t, struct ktest_loc loc, bool want_null, const char *expr,
		      const volatile void *p);
bool ktest_check_str(struct ktest *t, struct ktest_loc loc, const char *a_str, const char *a,
		     const char *b_str, const char *b);
bool ktest_check_mem(struct ktest *t, struct ktest_loc loc, const char *a_str, const void *a,
		     const char *b_str, const void *b, size_t len);

#define KTEST_LOC_(assert) ((struct ktest_loc){ __FILE__, __LINE__, assert })

/* Each operand is evaluated exactly once. */
#define KTEST_OP_(t, assert, a, op, opstr, b) \
	ktest_check_op((t), KTEST_LOC_(assert), op, opstr, #a, KTEST_VAL(a), #b, KTEST_VAL(b))

/* `return` aborts the case: see the file comment. */
#define KTEST_ABORT_IF_(ok)     \
	do {                    \
		if (!(ok))      \
			return; \
	} while (0)

#define KTEST_EXPECT_EQ(t, a, b)    ((void)KTEST_OP_(t, false, a, KTEST_EQ, "==", b))
#define KTEST_EXPECT_NE(t, a, b)    ((void)KTEST_OP_(t, false, a, KTEST_NE, "!=", b))
#define KTEST_EXPECT_LT(t, a, b)    ((void)KTEST_OP_(t, false, a, KTEST_LT, "<", b))
#define KTEST_EXPECT_LE(t, a, b)    ((void)KTEST_OP_(t, false, a, KTEST_LE, "<=", b))
#define KTEST_EXPECT_GT(t, a, b)    ((void)KTEST_OP_(t, false, a, KTEST_GT, ">", b))
#define KTEST_EXPECT_GE(t, a, b)    ((void)KTEST_OP_(t, false, a, KTEST_GE, ">=", b))
#define KTEST_EXPECT_TRUE(t, c)	    ((void)ktest_check_bool((t), KTEST_LOC_(false), true, #c, !!(c)))
#define KTEST_EXPECT_FALSE(t, c)    ((void)ktest_check_bool((t), KTEST_LOC_(false), false, #c, !!(c)))
#define KTEST_EXPECT_NULL(t, p)	    ((void)ktest_check_null((t), KTEST_LOC_(false), true, #p, (p)))
#define KTEST_EXPECT_NOT_NULL(t, p) ((void)ktest_check_null((t), KTEST_LOC_(false), false, #p, (p)))
#define KTEST_EXPECT_STREQ(t, a, b) \
	((void)ktest_check_str((t), KTEST_LOC_(false), #a, (a), #b, (b)))
#define KTEST_EXPECT_MEMEQ(t, a, b, n) \
	((void)ktest_check_mem((t), KTEST_LOC_(false), #a, (a), #b, (b), (n)))

#define KTEST_ASSERT_EQ(t, a, b) KTEST_ABORT_IF_(KTEST_OP_(t, true, a, KTEST_EQ, "==", b))
#define KTEST_ASSERT_NE(t, a, b) KTEST_ABORT_IF_(KTEST_OP_(t, true, a, KTEST_NE, "!=", b))
#define KTEST_ASSERT_LT(t, a, b) KTEST_ABORT_IF_(KTEST_OP_(t, true, a, KTEST_LT, "<", b))
#define KTEST_ASSERT_LE(t, a, b) KTEST_ABORT_IF_(KTEST_OP_(t, true, a, KTEST_LE, "<=", b))
#define KTEST_ASSERT_GT(t, a, b) KTEST_ABORT_IF_(KTEST_OP_(t, true, a, KTEST_GT, ">", b))
#define KTEST_ASSERT_GE(t, a, b) KTEST_ABORT_IF_(KTEST_OP_(t, true, a, KTEST_GE, ">=", b))
#define KTEST_ASSERT_TRUE(t, c) \
	KTEST_ABORT_IF_(ktest_check_bool((t), KTEST_LOC_(true), true, #c, !!(c)))
#define KTEST_ASSERT_FALSE(t, c) \
	KTEST_ABORT_IF_(ktest_check_bool((t), KTEST_LOC_(true), false, #c, !!(c)))
#define KTEST_ASSERT_NULL(t, p) \
	KTEST_ABORT_IF_(ktest_check_null((t), KTEST_LOC_(true), true, #p, (p)))
#define KTEST_ASSERT_NOT_NULL(t, p) \
	KTEST_ABORT_IF_(ktest_check_null((t), KTEST_LOC_(true), false, #p, (p)))
#define KTEST_ASSERT_STREQ(t, a, b) \
	KTEST_ABORT_IF_(ktest_check_str((t), KTEST_LOC_(true), #a, (a), #b, (b)))
#define KTEST_ASSERT_MEMEQ(t, a, b, n) \
	KTEST_ABORT_IF_(ktest_check_mem((t), KTEST_LOC_(true), #a, (a), #b, (b), (n)))

/* Mark the case skipped (unless it already failed) and leave it. */
#define KTEST_SKIP(t, reason)                     \
	do {                                      \
		if ((t)->status != KTEST_FAIL)    \
			(t)->status = KTEST_SKIP; \
		(t)->skip_reason = (reason);      \
		return;                           \
	} while (0)

#endif
