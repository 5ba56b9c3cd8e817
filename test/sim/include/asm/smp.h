/* SPDX-License-Identifier: MIT */
/*
 * The host simulator's answer to <asm/smp.h>: one simulated CPU, CPU 0. It
 * shadows the x86 header through the simulator's include path.
 */
#ifndef ASM_SMP_H
#define ASM_SMP_H

static inline unsigned int smp_processor_id(void)
{
	return 0;
}

#endif
