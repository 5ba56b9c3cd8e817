/* SPDX-License-Identifier: MIT */
/* x86 port I/O. Only arch code includes this; generic code never sees ports. */
#ifndef ASM_IO_H
#define ASM_IO_H

#include <stdint.h>

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outb(uint8_t v, uint16_t port)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

#endif
