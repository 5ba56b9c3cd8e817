/* SPDX-License-Identifier: MIT */
/* The kernel image's section bounds, from the linker script (kernel.ld). */
#ifndef KERNEL_SECTIONS_H
#define KERNEL_SECTIONS_H

extern char _text[], _etext[];
extern char __start_rodata[], __end_rodata[];
extern char _sdata[], _edata[];
extern char __bss_start[], __bss_stop[];
extern char _end[], __image_end[];
/* __init code and __initdata, page-aligned, inside text and data. */
extern char __init_text_begin[], __init_text_end[];
extern char __init_data_begin[], __init_data_end[];

#endif
