// SPDX-License-Identifier: MIT
/*
 * The CPU and image facts kernel mm code asks the arch for, as the host
 * simulator answers them: interrupts masked per simulated CPU (a
 * thread-local flag; unmasking delivers the cross-CPU calls queued for this
 * CPU, as the IPI would arrive then), no kernel stack to trace, and a
 * simulated kernel image whose section sizes the "Memory:" line reports.
 */
#include "sim_smp.h"

#include <kernel/arch.h>
#include <kernel/irqflags.h>
#include <kernel/printk.h>

__thread unsigned int sim_cpu_id;
__thread unsigned long sim_irq_flags = SIM_IRQ_IF; /* <asm/irqflags.h> */

__thread unsigned long sim_percpu_offset; /* <asm/percpu.h> */

/* No segment register to load: the thread-local copy, if it is ours (the
 * other CPUs' threads take theirs when they start, sim_smp.c). */
void arch_setup_percpu_base(unsigned int cpu, unsigned long offset)
{
	if (cpu == sim_cpu_id)
		sim_percpu_offset = offset;
}

void dump_stack(void)
{
	pr_info("Call Trace: (not traced in the host simulator)\n");
}

/*
 * Section bounds of the simulated image (16 MiB of text, then rodata,
 * data and bss), as absolute symbols so the kernel's pointer differences
 * come out as sizes. The numbers only feed the "Memory:" line.
 */
__asm__(".globl _text\n.set _text, 0xffffffff81000000\n"
	".globl _etext\n.set _etext, 0xffffffff82000000\n"
	".globl __start_rodata\n.set __start_rodata, 0xffffffff82000000\n"
	".globl __end_rodata\n.set __end_rodata, 0xffffffff82800000\n"
	".globl _sdata\n.set _sdata, 0xffffffff82800000\n"
	".globl _edata\n.set _edata, 0xffffffff82c00000\n"
	".globl __bss_start\n.set __bss_start, 0xffffffff82c00000\n"
	".globl __bss_stop\n.set __bss_stop, 0xffffffff83000000\n"
	".globl _end\n.set _end, 0xffffffff83000000\n"
	".globl __image_end\n.set __image_end, 0xffffffff83000000\n"
	/* Init sections: the last 1 MiB of text and of data. */
	".globl __init_text_begin\n.set __init_text_begin, 0xffffffff81f00000\n"
	".globl __init_text_end\n.set __init_text_end, 0xffffffff82000000\n"
	".globl __init_data_begin\n.set __init_data_begin, 0xffffffff82b00000\n"
	".globl __init_data_end\n.set __init_data_end, 0xffffffff82c00000\n");
