/* SPDX-License-Identifier: MIT */
/* The kernel image's section bounds, from the linker script (kernel.ld). */
#ifndef KERNEL_SECTIONS_H
#define KERNEL_SECTIONS_H

extern char _text[], _etext[];
extern char __start_rodata[], __end_rodata[];
extern char _sdata[], _edata[];
extern char __bss_start[], __bss_stop[];
extern char _end[], __image_end[];

#endif
