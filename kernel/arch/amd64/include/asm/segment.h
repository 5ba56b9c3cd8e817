/* SPDX-License-Identifier: MIT */
/*
 * GDT layout. The selectors are Linux's (kernel CS 0x10, DS 0x18) so that an
 * oops reads "RIP: 0010:..." exactly like Linux's. Shared by C and assembly.
 */
#ifndef ASM_SEGMENT_H
#define ASM_SEGMENT_H

#define GDT_ENTRY_KERNEL_CS 2
#define GDT_ENTRY_KERNEL_DS 3
#define GDT_ENTRY_TSS	    4 /* a 64-bit TSS descriptor takes two slots */
#define GDT_ENTRIES	    6

#define __KERNEL_CS  (GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS  (GDT_ENTRY_KERNEL_DS * 8)
#define __KERNEL_TSS (GDT_ENTRY_TSS * 8)

/* Interrupt stack table slots (1-based, as the IDT gate encodes them). */
#define IST_DOUBLE_FAULT 1
#define IST_NMI		 2
#define IST_MCE		 3
#define IST_STACKS	 3
#define IST_STACK_SIZE	 8192

#endif
