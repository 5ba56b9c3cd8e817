// SPDX-License-Identifier: MIT
#include <stdint.h>

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

void start_kernel(uint64_t bootinfo_phys);

void start_kernel(uint64_t bootinfo_phys)
{
	for (const char *s = "Hello from the kernel\n"; *s; s++)
		outb(0x3f8, (uint8_t)*s);
	outb(0xf4, 0x10);
	for (;;)
		__asm__ volatile("hlt");
}
