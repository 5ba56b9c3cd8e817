/* SPDX-License-Identifier: MIT */
/*
 * Per-CPU data. DEFINE_PER_CPU puts a variable in the percpu_data section,
 * a template: setup_per_cpu_areas() gives every possible CPU its own copy
 * and records where it is in __per_cpu_offset[]. A per-CPU pointer (the
 * template address, or what alloc_percpu() returns) plus a CPU's offset is
 * that CPU's copy. The current CPU's offset comes from the arch
 * (<asm/percpu.h>: %gs:0 on x86, where each copy starts with its offset).
 */
#ifndef KERNEL_PERCPU_H
#define KERNEL_PERCPU_H

#include <kernel/smp.h>
#include <stddef.h>
#include <stdint.h>

/* The section has a C name so host linkers give it start/stop symbols. */
#define DEFINE_PER_CPU(type, name) \
	__attribute__((section("percpu_data"), aligned(8))) __typeof__(type) name
#define DECLARE_PER_CPU(type, name) extern __typeof__(type) name

extern char __start_percpu_data[], __stop_percpu_data[];
DECLARE_PER_CPU(unsigned int, cpu_number);
extern unsigned long __per_cpu_offset[NR_CPUS];

#include <asm/percpu.h>

/* Integer arithmetic: the offset may point "backwards" from the template. */
#define per_cpu_ptr(ptr, cpu)  ((__typeof__(ptr))((uintptr_t)(ptr) + __per_cpu_offset[(cpu)]))
#define this_cpu_ptr(ptr)      ((__typeof__(ptr))((uintptr_t)(ptr) + arch_this_cpu_offset()))
#define per_cpu(var, cpu)      (*per_cpu_ptr(&(var), cpu))
#define this_cpu_read(var)     (*this_cpu_ptr(&(var)))
#define this_cpu_write(var, v) (*this_cpu_ptr(&(var)) = (v))

/**
 * setup_per_cpu_areas - one copy of the per-CPU data for each possible CPU
 *
 * Needs bootmem (call before mem_init). Each unit holds the static
 * per-CPU variables and a dynamic reserve for alloc_percpu(); the arch
 * then points the boot CPU at its unit. Prints Linux's "percpu:" line.
 */
void setup_per_cpu_areas(void);

/**
 * __alloc_percpu - zeroed per-CPU memory from the dynamic reserve
 * @size: bytes per CPU
 * @align: power of two, at most 4096
 *
 * Return: a per-CPU pointer (use per_cpu_ptr/this_cpu_ptr), or NULL when
 * the reserve is exhausted (reported).
 */
void *__alloc_percpu(size_t size, size_t align);
#define alloc_percpu(type) ((__typeof__(type) *)__alloc_percpu(sizeof(type), __alignof__(type)))

/* Give back what __alloc_percpu() returned (NULL is ignored). */
void free_percpu(void *ptr);

#endif
