// SPDX-License-Identifier: MIT
/*
 * PSF font parsing. Both versions are accepted, because Debian ships both
 * and the build may be pointed at another console font.
 *   PSF1: 4-byte header; 8 pixels wide; 256 or 512 glyphs; optional
 *         Unicode table of little-endian 16-bit values.
 *   PSF2: 32-byte header with explicit sizes; optional UTF-8 Unicode table.
 * In both tables each glyph's entry ends with a terminator, and what
 * follows a "sequence start" marker is a combining sequence, skipped here.
 */
#include <drivers/font.h>

#define PSF1_MAGIC0	0x36
#define PSF1_MAGIC1	0x04
#define PSF1_MODE512	0x01
#define PSF1_MODEHASTAB 0x02
#define PSF1_MODESEQ	0x04
#define PSF1_SEPARATOR	0xffff
#define PSF1_STARTSEQ	0xfffe

#define PSF2_MAGIC	 0x864ab572
#define PSF2_HAS_UNICODE 0x01
#define PSF2_SEPARATOR	 0xff
#define PSF2_STARTSEQ	 0xfe

#define NO_GLYPH 0xffff

static uint32_t get_le32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void map_char(struct font *f, uint32_t cp, uint32_t glyph)
{
	if (cp < 256 && f->latin1[cp] == NO_GLYPH)
		f->latin1[cp] = (uint16_t)glyph;
}

static void psf1_unicode(struct font *f, const uint8_t *p, const uint8_t *end)
{
	for (uint32_t g = 0; g < f->nr_glyphs && p + 2 <= end; g++) {
		int in_seq = 0;

		for (; p + 2 <= end; p += 2) {
			uint32_t v = p[0] | (uint32_t)p[1] << 8;

			if (v == PSF1_SEPARATOR)
				break;
			if (v == PSF1_STARTSEQ)
				in_seq = 1;
			else if (!in_seq)
				map_char(f, v, g);
		}
		p += 2;
	}
}

/* Decode one UTF-8 character; returns its length (1 for a bad byte). */
static int utf8_decode(const uint8_t *p, const uint8_t *end, uint32_t *cp)
{
	int len = p[0] < 0x80		  ? 1
		  : (p[0] & 0xe0) == 0xc0 ? 2
		  : (p[0] & 0xf0) == 0xe0 ? 3
		  : (p[0] & 0xf8) == 0xf0 ? 4
					  : 0;

	if (!len || p + len > end) {
		*cp = NO_GLYPH;
		return 1;
	}
	*cp = len == 1 ? p[0] : p[0] & (0x7f >> len);
	for (int i = 1; i < len; i++)
		*cp = *cp << 6 | (p[i] & 0x3f);
	return len;
}

static void psf2_unicode(struct font *f, const uint8_t *p, const uint8_t *end)
{
	for (uint32_t g = 0; g < f->nr_glyphs && p < end; g++) {
		int in_seq = 0;

		while (p < end && *p != PSF2_SEPARATOR) {
			uint32_t cp;

			if (*p == PSF2_STARTSEQ) {
				in_seq = 1;
				p++;
				continue;
			}
			p += utf8_decode(p, end, &cp);
			if (!in_seq)
				map_char(f, cp, g);
		}
		p++;
	}
}

int font_load_psf(struct font *f, const uint8_t *data, size_t size)
{
	const uint8_t *end = data + size;
	size_t hdr, glyph_area;
	int unicode;

	if (size >= 4 && data[0] == PSF1_MAGIC0 && data[1] == PSF1_MAGIC1) {
		hdr = 4;
		f->width = 8;
		f->height = data[3];
		f->nr_glyphs = (data[2] & PSF1_MODE512) ? 512 : 256;
		f->glyph_bytes = f->height;
		unicode = data[2] & (PSF1_MODEHASTAB | PSF1_MODESEQ);
	} else if (size >= 32 && get_le32(data) == PSF2_MAGIC) {
		hdr = get_le32(data + 8);
		f->nr_glyphs = get_le32(data + 16);
		f->glyph_bytes = get_le32(data + 20);
		f->height = get_le32(data + 24);
		f->width = get_le32(data + 28);
		unicode = get_le32(data + 12) & PSF2_HAS_UNICODE;
	} else {
		return -1;
	}
	f->row_bytes = (f->width + 7) / 8;
	if (!f->width || !f->height || !f->nr_glyphs || hdr < 4 || hdr > size ||
	    f->glyph_bytes < f->row_bytes * f->height)
		return -1;
	glyph_area = (size_t)f->nr_glyphs * f->glyph_bytes;
	if (glyph_area > size - hdr)
		return -1;
	f->glyphs = data + hdr;

	for (uint32_t c = 0; c < 256; c++)
		f->latin1[c] = unicode ? NO_GLYPH : (uint16_t)(c < f->nr_glyphs ? c : 0);
	if (unicode && data[0] == PSF1_MAGIC0)
		psf1_unicode(f, f->glyphs + glyph_area, end);
	else if (unicode)
		psf2_unicode(f, f->glyphs + glyph_area, end);
	/* Characters the font lacks are drawn as '?' (or glyph 0). */
	for (uint32_t c = 0; c < 256; c++)
		if (f->latin1[c] == NO_GLYPH)
			f->latin1[c] = f->latin1['?'] != NO_GLYPH ? f->latin1['?'] : 0;
	return 0;
}
