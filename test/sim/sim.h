/* SPDX-License-Identifier: MIT */
/*
 * The host simulator: what generic mm code and the x86 memory-init flow
 * need from a machine, provided in user space so the same code runs in
 * unit tests, the fuzzer and the mmsim tool.
 *
 *  - physical memory: one sparse anonymous mapping (MAP_NORESERVE) that
 *    page_offset_base points at, so __va(pa) is an ordinary pointer and
 *    only the pages the code touches cost host RAM;
 *  - printk: formatted by the kernel's own kvsnprintf, to stdout (mmsim)
 *    and/or a capture buffer (tests), without timestamps by default;
 *  - panic: prints Linux's line, then either longjmps back into a test
 *    that armed SIM_PANIC_TRY, or exits with SIM_EXIT_PANIC;
 *  - sim_reset: back to a freshly booted machine between test cases.
 */
#ifndef TEST_SIM_H
#define TEST_SIM_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Exit status of an unarmed panic: scripts/run's "1 panic". */
#define SIM_EXIT_PANIC 1

/* Address space the tests reserve: covers RAM above 1 TiB; under
 * ThreadSanitizer, whose shadow leaves less room, 64 GiB. */
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SIM_MEM_DEFAULT (64ULL << 30)
#endif
#endif
#ifndef SIM_MEM_DEFAULT
#define SIM_MEM_DEFAULT (2ULL << 40)
#endif

/**
 * sim_mem_init - make [0, @bytes) of physical memory addressable
 *
 * Reserves address space only (nothing is committed until touched) and
 * sets page_offset_base. Calling it again with a larger size replaces the
 * mapping. Return: 0, or -1 (message on stderr) if mmap fails.
 */
int sim_mem_init(uint64_t bytes);

/* Size of the simulated physical address space (0 before sim_mem_init). */
uint64_t sim_mem_size(void);

/* Give back every touched page: memory reads as zero again. */
void sim_mem_discard(void);

/**
 * sim_section_table_pages - the bootmem pages backing mem_section[]
 * @pages: set to the first of them, in the order sparse_init backed them
 *
 * Return: how many (test/sim/sim_section_table.c keeps them).
 */
unsigned long sim_section_table_pages(const uint64_t **pages);

/* Was page @page of mem_section[] (slots @page * 512 on) backed by sparse_init? */
bool sim_section_table_backed(unsigned long page);

/* Unmap mem_section[]'s range: sim_reset does it. */
void sim_section_table_reset(void);

/**
 * sim_reset - forget all mm state: globals zeroed, memory discarded,
 * log capture cleared, any armed panic disarmed
 */
void sim_reset(void);

/* printk output. Levels are Linux's (0 emerg .. 7 debug). */
struct sim_log_opts {
	bool to_stdout;   /* print lines on stdout */
	int max_level;    /* ... those with level < max_level (console_loglevel) */
	bool timestamps;  /* prefix "[    0.000000] " like a Linux log */
	bool capture;     /* keep every line (all levels) for sim_log_* */
	const char *hide; /* lines starting with this are not printed (captured still) */
};
void sim_log_setup(const struct sim_log_opts *o);

/* The captured text: complete lines, '\n'-ended, no level prefix. */
const char *sim_log_text(void);
void sim_log_clear(void);

/* Is @line (without '\n') one of the captured lines, exactly? */
bool sim_log_has_line(const char *line);

/* How many captured lines contain @s. */
unsigned sim_log_count(const char *s);

/*
 * Panics a test expects:
 *
 *     if (SIM_PANIC_TRY() == 0) {
 *             code_that_should_panic();
 *             SIM_PANIC_DONE();
 *             KTEST_EXPECT_TRUE(t, false);  // did not panic
 *     } else {
 *             KTEST_EXPECT_TRUE(t, strstr(sim_panic_message(), "..."));
 *     }
 *
 * setjmp must run in the caller's frame, hence a macro. The jump leaves
 * the kernel code mid-way: call sim_reset() before using mm state again.
 */
extern jmp_buf sim_panic_jmp;
extern bool sim_panic_armed;
#define SIM_PANIC_TRY() (sim_panic_armed = true, setjmp(sim_panic_jmp))
#define SIM_PANIC_DONE() ((void)(sim_panic_armed = false))

/* The message of the last panic ("" if none since sim_reset). */
const char *sim_panic_message(void);

/*
 * The simulated firmware's NUMA description, as a boot log printed it
 * (SRAT CPU and memory lines, SLIT distances): x86_acpi_numa_init replays
 * it into numa.c in this order, with the log's own node ids, and the CPU
 * entries become the possible CPUs. sim_reset() forgets it.
 */
void sim_firmware_srat_cpu(int nid, unsigned int pxm, uint32_t apic_id);
void sim_firmware_srat_mem(int nid, unsigned int pxm, uint64_t start,
			   uint64_t end, bool hotplug);
void sim_firmware_slit(int from, int to, int distance);
/* A node range known without an SRAT line (a 2.6-era early_node_map):
 * replayed like one, but printed as nothing. */
void sim_firmware_node_range(int nid, uint64_t start, uint64_t end);
/* Or real ACPI tables (an acpidump): x86_acpi_numa_init reads their MADT,
 * SRAT and SLIT as the kernel does. */
struct acpi_tables;
struct acpi_mem_ops;
void sim_firmware_acpi(const struct acpi_tables *t, const struct acpi_mem_ops *mem);

#endif
