/* SPDX-License-Identifier: MIT */
/* Bitmap console fonts in the Linux console's PSF formats (version 1 and 2). */
#ifndef DRIVERS_FONT_H
#define DRIVERS_FONT_H

#include <stddef.h>
#include <stdint.h>

struct font {
	uint32_t width, height; /* glyph size in pixels */
	uint32_t row_bytes;	/* bytes per glyph row: (width + 7) / 8 */
	uint32_t glyph_bytes;
	uint32_t nr_glyphs;
	const uint8_t *glyphs;
	uint16_t latin1[256]; /* code point U+00xx -> glyph index */
};

/**
 * font_load_psf - parse a PSF1 or PSF2 font held in memory
 * @f: filled in on success
 * @data: the font file
 * @size: its length
 *
 * The glyph order of a PSF font is its own; its Unicode table (when it has
 * one) says which glyph draws which character, and fills @f->latin1.
 *
 * Return: 0, or -1 if the data is not a PSF font or is truncated.
 */
int font_load_psf(struct font *f, const uint8_t *data, size_t size);

/* The built-in console font (drivers/video/font_data.S). */
extern const uint8_t console_font_start[], console_font_end[];

#endif
