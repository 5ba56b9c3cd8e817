/* SPDX-License-Identifier: MIT */
/*
 * x86-64: the GS base of each CPU points at its per-CPU unit, whose first
 * word (this_cpu_off, placed first by kernel.ld) is the unit's offset from
 * the template. One %gs-relative load gives this_cpu_ptr() its offset.
 */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

static inline unsigned long arch_this_cpu_offset(void)
{
	unsigned long off;

	__asm__("movq %%gs:0, %0" : "=r"(off));
	return off;
}

/*
 * Record CPU @cpu's unit offset in the unit (its this_cpu_off) and, on
 * that CPU itself, point GS at it.
 */
void arch_setup_percpu_base(unsigned int cpu, unsigned long offset);

/* Point this CPU's GS base at CPU @cpu's unit (__per_cpu_offset[@cpu]). */
void load_percpu_base(unsigned int cpu);

#endif
