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

/**
 * fbcon_show_log_page - show one screen of the whole kernel log
 * @page: 0 for the first screen of the log
 *
 * All rows but the last show the log's screen lines of that page (replayed
 * from printk's buffer, as the console showed them); the last row says
 * which lines of how many these are. Does nothing with no framebuffer
 * console or with @page past the end.
 *
 * Return: the number of pages the log fills (0 without the console).
 */
int fbcon_show_log_page(unsigned int page);

/**
 * fbcon_page_log - when the kernel halts: show the whole log, page by page
 *
 * Leaves the screen as it is for FBCON_PAGE_SECONDS, then shows the log's
 * pages in turn, that long each, and starts over; never returns. For a
 * machine with no serial port, whose screen is the only place the log can
 * be read. Returns at once when the framebuffer console is not in use,
 * with fbcon=nopager, or when the clock is not calibrated.
 */
void fbcon_page_log(void);

#endif
