/* SPDX-License-Identifier: MIT */
/*
 * x86's answer to smp_processor_id() (see <kernel/smp.h>). Only the boot
 * CPU runs so far.
 */
#ifndef ASM_SMP_H
#define ASM_SMP_H

static inline unsigned int smp_processor_id(void)
{
	return 0;
}

#endif
