// SPDX-License-Identifier: MIT
/*
 * The pure logic of SMP bring-up, on the host: which CPUs are possible
 * (prefill_possible_map with nr_cpus=/maxcpus=), and the per-CPU unit
 * layout with its "pcpu-alloc:" lines. The layout cases use Linux 6.1's
 * own sizes (s217088 r8192 d28672) so the expected lines are the ones in
 * Linux's boot logs on the same machines (test/data/linux-6.1-*.log and
 * the reference q35 log); the others are worked out by hand in comments.
 */
#include "sim.h"

#include <kernel/params.h>
#include <kernel/smp.h>
#include <lib/ktest.h>
#include <mm/pcpu_alloc_info.h>
#include <mm/topology.h>

#define LINUX_STATIC   217088UL
#define LINUX_RESERVED 8192UL
#define LINUX_DYN      28672UL
#define ATOM	       (2UL << 20)

static struct pcpu_alloc_info ai;
static int node_of[NR_CPUS];

static int distance(unsigned int a, unsigned int b)
{
	return node_of[a] == node_of[b] ? LOCAL_DISTANCE : REMOTE_DISTANCE;
}

static void log_on(void)
{
	static const struct sim_log_opts capture = { .capture = true };

	sim_log_setup(&capture);
	sim_log_clear();
}

static void expect_line(struct ktest *t, const char *line)
{
	if (!sim_log_has_line(line)) {
		KTEST_EXPECT_STREQ(t, sim_log_text(), line);
	}
}

/* CPUs 0..n-1, CPU i on node nodes[i]. */
static void layout(struct ktest *t, unsigned int n, const int *nodes)
{
	struct cpumask possible = { { 0 } };

	for (unsigned int cpu = 0; cpu < n; cpu++) {
		cpumask_assign_cpu(cpu, &possible, true);
		node_of[cpu] = nodes ? nodes[cpu] : 0;
	}
	KTEST_ASSERT_EQ(t,
			pcpu_build_alloc_info(&ai, LINUX_STATIC, LINUX_RESERVED, LINUX_DYN, ATOM,
					      &possible, distance),
			0);
	log_on();
	pcpu_dump_alloc_info(&ai, n);
}

/* Linux on q35 -smp 2 (reference log): one node, two 1 MiB units per atom. */
static void pcpu_q35_2cpus(struct ktest *t)
{
	layout(t, 2, NULL);
	KTEST_EXPECT_EQ(t, ai.unit_size, 1048576UL);
	KTEST_EXPECT_EQ(t, ai.nr_groups, 1);
	expect_line(t, "pcpu-alloc: s217088 r8192 d28672 u1048576 alloc=1*2097152");
	expect_line(t, "pcpu-alloc: [0] 0 1 ");
}

/* Linux on the four-node machine (one CPU per node): a group per node. */
static void pcpu_numa4(struct ktest *t)
{
	static const int nodes[] = { 0, 1, 2, 3 };

	layout(t, 4, nodes);
	KTEST_EXPECT_EQ(t, ai.unit_size, 2097152UL);
	KTEST_EXPECT_EQ(t, ai.nr_groups, 4);
	expect_line(t, "pcpu-alloc: s217088 r8192 d28672 u2097152 alloc=1*2097152");
	expect_line(t, "pcpu-alloc: [0] 0 [1] 1 [2] 2 [3] 3 ");
}

/* Linux on numa3-memless: CPU 2 on a node without memory is a group too. */
static void pcpu_numa3(struct ktest *t)
{
	static const int nodes[] = { 0, 1, 2 };

	layout(t, 3, nodes);
	expect_line(t, "pcpu-alloc: [0] 0 [1] 1 [2] 2 ");
}

/*
 * Five CPUs on one node. 62 pages per unit: at most 8 units per 2 MiB
 * atom. upa 8 wastes 3 (> 5/3), upa 4 wastes 3 too, upa 2 needs 3 atoms
 * and wastes 1: taken; upa 1 would need 5 atoms. Units of 1 MiB, the
 * last one unused ("-"); 8 columns per atom, so 4 atoms fit a line.
 */
static void pcpu_five_cpus_one_unused(struct ktest *t)
{
	layout(t, 5, NULL);
	KTEST_EXPECT_EQ(t, ai.unit_size, 1048576UL);
	KTEST_EXPECT_EQ(t, ai.nr_units, 6);
	KTEST_EXPECT_EQ(t, ai.groups[0].cpu_map[5], (unsigned)NR_CPUS);
	expect_line(t, "pcpu-alloc: [0] 0 1 [0] 2 3 [0] 4 - ");
}

/*
 * Two nodes of 12 CPUs (2-digit CPU numbers): upa 8 needs 4 atoms and
 * wastes 8, which is not over 24 / 3: taken (upa 4 would need 6 atoms).
 * 256 KiB units; a line holds 60 / (8 * 3 + 1 + 3) = 2 atoms; unused
 * units print as "--".
 */
static void pcpu_wide_lines(struct ktest *t)
{
	int nodes[24];

	for (int i = 0; i < 24; i++)
		nodes[i] = i / 12;
	layout(t, 24, nodes);
	KTEST_EXPECT_EQ(t, ai.unit_size, 262144UL);
	KTEST_EXPECT_EQ(t, ai.nr_units, 32);
	expect_line(t, "pcpu-alloc: [0] 00 01 02 03 04 05 06 07 [0] 08 09 10 11 -- -- -- -- ");
	expect_line(t, "pcpu-alloc: [1] 12 13 14 15 16 17 18 19 [1] 20 21 22 23 -- -- -- -- ");
}

static void reset_limits(void)
{
	parse_cmdline("nr_cpus=64 maxcpus=64");
}

static void possible_all_listed(struct ktest *t)
{
	reset_limits();
	log_on();
	prefill_possible_map(4);
	KTEST_EXPECT_EQ(t, nr_cpu_ids, 4U);
	KTEST_EXPECT_EQ(t, num_possible_cpus(), 4U);
	KTEST_EXPECT_EQ(t, num_present_cpus(), 4U);
	KTEST_EXPECT_FALSE(t, cpu_possible(4));
	expect_line(t, "smpboot: Allowing 4 CPUs, 0 hotplug CPUs");
}

static void possible_cut_by_nr_cpus(struct ktest *t)
{
	reset_limits();
	parse_cmdline("nr_cpus=2");
	log_on();
	prefill_possible_map(4);
	KTEST_EXPECT_EQ(t, nr_cpu_ids, 2U);
	KTEST_EXPECT_EQ(t, num_possible_cpus(), 2U);
	expect_line(t, "smpboot: 4 Processors exceeds NR_CPUS limit of 2");
	expect_line(t, "smpboot: Allowing 2 CPUs, 0 hotplug CPUs");
	/* possible_cpus= is the same limit. */
	reset_limits();
	parse_cmdline("possible_cpus=3");
	prefill_possible_map(8);
	KTEST_EXPECT_EQ(t, nr_cpu_ids, 3U);
}

/* maxcpus=N only limits how many start; maxcpus=0 leaves one possible. */
static void possible_and_maxcpus(struct ktest *t)
{
	reset_limits();
	parse_cmdline("maxcpus=2");
	prefill_possible_map(4);
	KTEST_EXPECT_EQ(t, nr_cpu_ids, 4U);
	KTEST_EXPECT_EQ(t, setup_max_cpus, 2U);
	reset_limits();
	parse_cmdline("maxcpus=0");
	log_on();
	prefill_possible_map(4);
	KTEST_EXPECT_EQ(t, nr_cpu_ids, 1U);
	expect_line(t, "smpboot: 4 Processors exceeds max_cpus limit of 0");
	expect_line(t, "smpboot: Allowing 1 CPUs, 0 hotplug CPUs");
	reset_limits();
}

static const struct ktest_case smp_layout_cases[] = {
	KTEST_CASE(pcpu_q35_2cpus),
	KTEST_CASE(pcpu_numa4),
	KTEST_CASE(pcpu_numa3),
	KTEST_CASE(pcpu_five_cpus_one_unused),
	KTEST_CASE(pcpu_wide_lines),
	KTEST_CASE(possible_all_listed),
	KTEST_CASE(possible_cut_by_nr_cpus),
	KTEST_CASE(possible_and_maxcpus),
	KTEST_CASES_END,
};

static const struct ktest_suite smp_layout_suite = {
	.name = "smp_layout",
	.cases = smp_layout_cases,
};
KTEST_SUITE(smp_layout_suite);
