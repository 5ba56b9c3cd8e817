/* SPDX-License-Identifier: MIT */
#ifndef DRIVERS_FBCON_H
#define DRIVERS_FBCON_H

#include <boot/bootinfo.h>

/**
 * fbcon_init - start the text console on the GOP framebuffer ("tty0")
 * @fb: the framebuffer from the boot information
 *
 * Skips, with a message, when there is no linear framebuffer (base 0,
 * BLT-only) or the pixel format is not usable. Scrolls when full.
 */
void fbcon_init(const struct bootinfo_framebuffer *fb);

/**
 * fbcon_set_base - draw through a new mapping of the same framebuffer
 * @base: virtual address of the framebuffer's first byte; NULL stops the
 *        console drawing (the framebuffer could not be mapped)
 *
 * For the switch from the loader's page tables to the kernel's, which do
 * not map the framebuffer where the loader did. What is on screen stays.
 */
void fbcon_set_base(void *base);

#endif
