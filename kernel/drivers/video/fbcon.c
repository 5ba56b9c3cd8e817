// SPDX-License-Identifier: MIT
/*
 * A text console on the GOP framebuffer ("tty0"): the built-in PSF font,
 * light grey on black like Linux's fbcon, scrolling by copying the pixels
 * up one text row. The framebuffer is reached through the loader's mapping
 * at BOOT_PAGE_OFFSET + base until paging_init gives it its own mapping
 * (fbcon_set_base).
 */
#define pr_fmt(fmt) "efifb: " fmt

#include <drivers/fbcon.h>
#include <drivers/font.h>
#include <kernel/boot.h>
#include <kernel/console.h>
#include <kernel/printk.h>
#include <stdbool.h>

#define TAB_WIDTH 8

struct fb_channel {
	uint8_t shift, bits;
};

static struct fbcon {
	uint8_t *base;
	uint32_t width, height;
	uint32_t pitch;        /* bytes per scan line */
	uint32_t bytes_pp;     /* 2, 3 or 4 */
	struct fb_channel r, g, b;
	uint32_t fg, bg;       /* colours, already in the pixel format */
	uint32_t cols, rows;
	uint32_t x, y;         /* cursor, in characters */
	struct font font;
} fbc;

static unsigned int lowest_bit(uint32_t m)
{
	unsigned int i = 0;

	while (i < 32 && !(m & (1u << i)))
		i++;
	return i;
}

static unsigned int bit_count(uint32_t m)
{
	unsigned int n = 0;

	for (; m; m &= m - 1)
		n++;
	return n;
}

/* A channel from a GOP bitmask; false for an empty, gappy or odd mask. */
static bool channel_from_mask(struct fb_channel *c, uint32_t mask)
{
	if (!mask)
		return false;
	c->shift = (uint8_t)lowest_bit(mask);
	c->bits = (uint8_t)bit_count(mask);
	if (c->bits > 16)
		return false;
	return (mask >> c->shift) == (1u << c->bits) - 1;
}

static uint32_t channel_value(const struct fb_channel *c, uint8_t v8)
{
	uint32_t v = c->bits >= 8 ? (uint32_t)v8 << (c->bits - 8) :
				    (uint32_t)v8 >> (8 - c->bits);

	return v << c->shift;
}

static uint32_t rgb(uint8_t r, uint8_t g, uint8_t b)
{
	return channel_value(&fbc.r, r) | channel_value(&fbc.g, g) |
	       channel_value(&fbc.b, b);
}

static bool setup_format(const struct bootinfo_framebuffer *fb)
{
	static const struct fb_channel byte0 = { 0, 8 }, byte1 = { 8, 8 },
				       byte2 = { 16, 8 };
	uint32_t all;

	switch (fb->pixel_format) {
	case BOOT_PIXEL_RGBX_8BPP: /* bytes in memory: R, G, B, reserved */
		fbc.r = byte0, fbc.g = byte1, fbc.b = byte2;
		fbc.bytes_pp = 4;
		return true;
	case BOOT_PIXEL_BGRX_8BPP:
		fbc.b = byte0, fbc.g = byte1, fbc.r = byte2;
		fbc.bytes_pp = 4;
		return true;
	case BOOT_PIXEL_BITMASK:
		if (!channel_from_mask(&fbc.r, fb->red_mask) ||
		    !channel_from_mask(&fbc.g, fb->green_mask) ||
		    !channel_from_mask(&fbc.b, fb->blue_mask))
			return false;
		all = fb->red_mask | fb->green_mask | fb->blue_mask |
		      fb->reserved_mask;
		fbc.bytes_pp = (32 - (uint32_t)__builtin_clz(all) + 7) / 8;
		return fbc.bytes_pp >= 2;
	default:
		return false;
	}
}

static void put_pixel(uint8_t *p, uint32_t v)
{
	switch (fbc.bytes_pp) {
	case 4:
		*(volatile uint32_t *)p = v;
		break;
	case 3:
		p[0] = (uint8_t)v;
		p[1] = (uint8_t)(v >> 8);
		p[2] = (uint8_t)(v >> 16);
		break;
	default:
		*(volatile uint16_t *)p = (uint16_t)v;
		break;
	}
}

static void draw_char(uint32_t col, uint32_t row, unsigned char c)
{
	const struct font *f = &fbc.font;
	const uint8_t *glyph = f->glyphs + (size_t)f->latin1[c] * f->glyph_bytes;
	uint8_t *line = fbc.base + (size_t)row * f->height * fbc.pitch +
			(size_t)col * f->width * fbc.bytes_pp;

	for (uint32_t y = 0; y < f->height; y++, line += fbc.pitch) {
		const uint8_t *bits = glyph + y * f->row_bytes;

		for (uint32_t x = 0; x < f->width; x++) {
			bool on = bits[x / 8] & (0x80 >> (x % 8));

			put_pixel(line + x * fbc.bytes_pp, on ? fbc.fg : fbc.bg);
		}
	}
}

static void clear_rows(uint32_t first, uint32_t count)
{
	uint32_t y0 = first * fbc.font.height, y1 = y0 + count * fbc.font.height;

	for (uint32_t y = y0; y < y1; y++)
		for (uint32_t x = 0; x < fbc.width; x++)
			put_pixel(fbc.base + (size_t)y * fbc.pitch +
				  (size_t)x * fbc.bytes_pp, fbc.bg);
}

/* Move every text row up by one; 8-byte copies since this is the slow part. */
static void scroll(void)
{
	size_t row_bytes = (size_t)fbc.font.height * fbc.pitch;
	size_t words = row_bytes * (fbc.rows - 1) / 8;
	volatile uint64_t *dst = (volatile uint64_t *)fbc.base;
	const volatile uint64_t *src =
		(const volatile uint64_t *)(fbc.base + row_bytes);

	for (size_t i = 0; i < words; i++)
		dst[i] = src[i];
	clear_rows(fbc.rows - 1, 1);
}

static void newline(void)
{
	fbc.x = 0;
	if (fbc.y + 1 < fbc.rows)
		fbc.y++;
	else
		scroll();
}

static void fbcon_write(struct console *con, const char *s, size_t len)
{
	(void)con;
	if (!fbc.base)
		return; /* the framebuffer could not be mapped */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n') {
			newline();
		} else if (c == '\r') {
			fbc.x = 0;
		} else if (c == '\t') {
			fbc.x = (fbc.x / TAB_WIDTH + 1) * TAB_WIDTH;
			if (fbc.x >= fbc.cols)
				newline();
		} else {
			if (fbc.x >= fbc.cols)
				newline();
			draw_char(fbc.x++, fbc.y, c);
		}
	}
}

void fbcon_set_base(void *base)
{
	fbc.base = base;
}

static struct console fb_console = {
	.name = "tty",
	.index = 0,
	.write = fbcon_write,
};

void fbcon_init(const struct bootinfo_framebuffer *fb)
{
	const struct font *f = &fbc.font;

	if (!fb->base || fb->pixel_format == BOOT_PIXEL_BLT_ONLY ||
	    fb->pixel_format == BOOT_PIXEL_NONE) {
		pr_info("no linear framebuffer, no framebuffer console\n");
		return;
	}
	if (!setup_format(fb)) {
		pr_warn("unusable pixel format %u (masks r %08x g %08x b %08x), no framebuffer console\n",
			fb->pixel_format, fb->red_mask, fb->green_mask,
			fb->blue_mask);
		return;
	}
	if (font_load_psf(&fbc.font, console_font_start,
			  (size_t)(console_font_end - console_font_start))) {
		pr_err("built-in console font is not a PSF font\n");
		return;
	}
	fbc.base = boot_va(fb->base);
	fbc.width = fb->width;
	fbc.height = fb->height;
	fbc.pitch = fb->stride * fbc.bytes_pp;
	fbc.cols = fbc.width / f->width;
	fbc.rows = fbc.height / f->height;
	if (fb->stride < fb->width || fbc.cols < 1 || fbc.rows < 2 ||
	    (uint64_t)fbc.pitch * fbc.height > fb->size) {
		pr_warn("mode %ux%u, stride %u does not fit in %llu bytes, no framebuffer console\n",
			fb->width, fb->height, fb->stride,
			(unsigned long long)fb->size);
		return;
	}
	fbc.fg = rgb(0xaa, 0xaa, 0xaa);
	fbc.bg = rgb(0, 0, 0);
	clear_rows(0, fbc.rows);

	pr_info("framebuffer at 0x%llx, using %lluk, total %lluk\n",
		(unsigned long long)fb->base,
		(unsigned long long)fbc.pitch * fbc.height / 1024,
		(unsigned long long)fb->size / 1024);
	pr_info("mode is %ux%ux%u, linelength=%u, pages=1\n", fbc.width,
		fbc.height, fbc.bytes_pp * 8, fbc.pitch);
	printk(KERN_INFO "Console: switching to colour frame buffer device %ux%u\n",
	       fbc.cols, fbc.rows);
	register_console(&fb_console);
}
