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

#endif
