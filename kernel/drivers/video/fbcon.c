// SPDX-License-Identifier: MIT
/*
 * A text console on the GOP framebuffer ("tty0"): the built-in PSF font,
 * light grey on black like Linux's fbcon. Text goes to a character shadow
 * first; only cells that changed are drawn, with 8-byte stores in 32 bpp
 * modes, and the framebuffer is never read back (it is slow uncached
 * memory on real hardware). Drawing is deferred like a DRM driver's
 * deferred I/O: the shadow reaches the screen at most every
 * FLUSH_INTERVAL_NS, and always before the kernel stops (console_flush_all),
 * so lines that scroll past faster than anyone can read are never drawn.
 * The framebuffer is reached through the loader's mapping at
 * BOOT_PAGE_OFFSET + base until paging_init gives it its own mapping
 * (fbcon_set_base).
 */
#define pr_fmt(fmt) "efifb: " fmt

#include <drivers/fbcon.h>
#include <drivers/font.h>
#include <kernel/arch.h>
#include <kernel/boot.h>
#include <kernel/console.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <lib/vsprintf.h>
#include <stdbool.h>

#define TAB_WIDTH 8
/* A screen refresh a person cannot tell from immediate (DRM's fbdev: HZ/20). */
#define FLUSH_INTERVAL_NS (50ull * 1000 * 1000)
/* Long enough to read a screen of the log, or to photograph it. */
#define FBCON_PAGE_SECONDS 15u

struct fb_channel {
	uint8_t shift, bits;
};

static struct fbcon {
	uint8_t *base;
	uint32_t width, height;
	uint32_t pitch;	   /* bytes per scan line */
	uint32_t bytes_pp; /* 2, 3 or 4 */
	struct fb_channel r, g, b;
	uint32_t fg, bg; /* colours, already in the pixel format */
	uint32_t cols, rows;
	uint32_t x, y; /* cursor, in characters */
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
	uint32_t v = c->bits >= 8 ? (uint32_t)v8 << (c->bits - 8) : (uint32_t)v8 >> (8 - c->bits);

	return v << c->shift;
}

static uint32_t rgb(uint8_t r, uint8_t g, uint8_t b)
{
	return channel_value(&fbc.r, r) | channel_value(&fbc.g, g) | channel_value(&fbc.b, b);
}

static bool setup_format(const struct bootinfo_framebuffer *fb)
{
	static const struct fb_channel byte0 = { 0, 8 }, byte1 = { 8, 8 }, byte2 = { 16, 8 };
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
		all = fb->red_mask | fb->green_mask | fb->blue_mask | fb->reserved_mask;
		fbc.bytes_pp = (32 - (uint32_t)__builtin_clz(all) + 7) / 8;
		return fbc.bytes_pp >= 2;
	default: return false;
	}
}

static void put_pixel(uint8_t *p, uint32_t v)
{
	switch (fbc.bytes_pp) {
	case 4: *(volatile uint32_t *)p = v; break;
	case 3:
		p[0] = (uint8_t)v;
		p[1] = (uint8_t)(v >> 8);
		p[2] = (uint8_t)(v >> 16);
		break;
	default: *(volatile uint16_t *)p = (uint16_t)v; break;
	}
}

/*
 * The text shadow: what each cell should show (text[], a ring of rows:
 * screen row r is text[(top + r) % rows], so a scroll moves no text) and
 * what the framebuffer shows now (shown[], by screen row). Writing and
 * scrolling touch only text[]; fbcon_flush then draws the cells that
 * differ, so the framebuffer is never read and a scroll costs the changed
 * cells, not a 4 MiB copy.
 */
#define MAX_COLS 320 /* 2560 pixels at 8 wide; wider screens use the left part */
#define MAX_ROWS 200
static unsigned char text[MAX_ROWS][MAX_COLS];
static unsigned char shown[MAX_ROWS][MAX_COLS];
static uint32_t top;
static uint64_t last_flush_ns;
/* The pager: screen lines the log made so far, and where a page ends. */
static uint32_t lines_done, page_end = UINT32_MAX;
static bool page_full;
static bool nodefer; /* fbcon=nodefer: draw every write at once */
static bool nopager; /* fbcon=nopager: the end of the log stays on screen */

/*
 * fbcon=nodefer: for chasing a hang, at the cost of a slower boot.
 * fbcon=nopager: when the kernel halts, keep the last screen.
 */
static int set_fbcon(const char *val)
{
	if (val && !strcmp(val, "nodefer"))
		nodefer = true;
	else if (val && !strcmp(val, "nopager"))
		nopager = true;
	else
		return -1;
	return 0;
}
kernel_param("fbcon", set_fbcon);

static unsigned char *text_row(uint32_t r)
{
	return text[(top + r) % fbc.rows];
}

/*
 * Fast path (32 bpp, 8-pixel-wide font): a glyph row byte expands to eight
 * pixels, stored as four 8-byte words from this table.
 */
typedef uint64_t __attribute__((aligned(4))) fb_word; /* pitch is 4-aligned */
static uint64_t expand[256][4];
static bool fast;
static uint32_t dirty_lo = MAX_ROWS, dirty_hi; /* rows [lo, hi) to compare */

static void mark_dirty(uint32_t lo, uint32_t hi)
{
	if (lo < dirty_lo)
		dirty_lo = lo;
	if (hi > dirty_hi)
		dirty_hi = hi;
}

static void build_expand(void)
{
	for (unsigned b = 0; b < 256; b++)
		for (unsigned i = 0; i < 4; i++) {
			uint64_t lo = (b & (0x80 >> (2 * i))) ? fbc.fg : fbc.bg;
			uint64_t hi = (b & (0x40 >> (2 * i))) ? fbc.fg : fbc.bg;

			expand[b][i] = lo | hi << 32;
		}
}

/*
 * Draw @c over @old, which the cell shows now: in the fast path only the
 * glyph rows that differ are stored (most glyphs share their blank top and
 * bottom rows).
 */
static void draw_char(uint32_t col, uint32_t row, unsigned char c, unsigned char old)
{
	const struct font *f = &fbc.font;
	const uint8_t *glyph = f->glyphs + (size_t)f->latin1[c] * f->glyph_bytes;
	const uint8_t *prev = f->glyphs + (size_t)f->latin1[old] * f->glyph_bytes;
	uint8_t *line = fbc.base + (size_t)row * f->height * fbc.pitch +
			(size_t)col * f->width * fbc.bytes_pp;

	if (fast) {
		for (uint32_t y = 0; y < f->height; y++, line += fbc.pitch) {
			volatile fb_word *p = (volatile fb_word *)line;
			const uint64_t *w = expand[glyph[y]];

			if (glyph[y] == prev[y])
				continue;
			p[0] = w[0];
			p[1] = w[1];
			p[2] = w[2];
			p[3] = w[3];
		}
		return;
	}
	for (uint32_t y = 0; y < f->height; y++, line += fbc.pitch) {
		const uint8_t *bits = glyph + y * f->row_bytes;

		for (uint32_t x = 0; x < f->width; x++) {
			bool on = bits[x / 8] & (0x80 >> (x % 8));

			put_pixel(line + x * fbc.bytes_pp, on ? fbc.fg : fbc.bg);
		}
	}
}

/* The whole visible area to the background colour (once, at start). */
static void clear_screen(void)
{
	for (uint32_t y = 0; y < fbc.height; y++) {
		uint8_t *line = fbc.base + (size_t)y * fbc.pitch;

		if (fast) {
			volatile fb_word *p = (volatile fb_word *)line;
			uint64_t w = fbc.bg | (uint64_t)fbc.bg << 32;

			for (uint32_t x = 0; x < fbc.width / 2; x++)
				p[x] = w;
			if (fbc.width & 1)
				put_pixel(line + (fbc.width - 1) * 4, fbc.bg);
			continue;
		}
		for (uint32_t x = 0; x < fbc.width; x++)
			put_pixel(line + (size_t)x * fbc.bytes_pp, fbc.bg);
	}
	memset(text, ' ', sizeof(text));
	memset(shown, ' ', sizeof(shown));
}

/*
 * Draw every cell of the dirty rows whose character changed. Not
 * re-entered: a fault while drawing ends in kernel_exit, which flushes.
 */
static void fbcon_flush(void)
{
	static bool busy;

	if (busy || !fbc.base)
		return;
	busy = true;
	for (uint32_t r = dirty_lo; r < dirty_hi && r < fbc.rows; r++) {
		const unsigned char *t = text_row(r);

		for (uint32_t c = 0; c < fbc.cols; c++)
			if (t[c] != shown[r][c]) {
				draw_char(c, r, t[c], shown[r][c]);
				shown[r][c] = t[c];
			}
	}
	dirty_lo = MAX_ROWS;
	dirty_hi = 0;
	busy = false;
}

/* One line up: the old top row, blanked, becomes the bottom row. */
static void scroll(void)
{
	memset(text[top], ' ', MAX_COLS);
	top = (top + 1) % fbc.rows;
	mark_dirty(0, fbc.rows);
}

static void newline(void)
{
	fbc.x = 0;
	if (++lines_done >= page_end) {
		page_full = true; /* the pager's page is on the shadow */
		return;
	}
	if (fbc.y + 1 < fbc.rows)
		fbc.y++;
	else
		scroll();
}

static void fbcon_write(struct console *con, const char *s, size_t len)
{
	unsigned char *row;
	uint32_t first = fbc.y;
	uint64_t now;

	(void)con;
	if (!fbc.base)
		return; /* the framebuffer could not be mapped */
	row = text_row(fbc.y);
	for (size_t i = 0; i < len && !page_full; i++) {
		unsigned char c = (unsigned char)s[i];

		/* The common case first: it is most of a boot's cost here. */
		if (c >= ' ' && fbc.x < fbc.cols) {
			row[fbc.x++] = c;
			continue;
		}
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
			if (page_full)
				break;
			text_row(fbc.y)[fbc.x++] = c;
		}
		row = text_row(fbc.y);
	}
	/* Rows first..y took text; a scroll has marked the whole screen. */
	mark_dirty(first, fbc.y + 1);
	if (page_end != UINT32_MAX)
		return; /* the pager draws its page when it is complete */
	/* Until the clock runs (the first dozen lines) every write is drawn. */
	now = arch_clock_ns();
	if (nodefer || !now || now - last_flush_ns >= FLUSH_INTERVAL_NS) {
		fbcon_flush();
		last_flush_ns = now;
	}
}

static void fbcon_con_flush(struct console *con)
{
	(void)con;
	fbcon_flush();
}

static struct console fb_console;

/* Blank the text shadow (not the screen) and put the cursor top left. */
static void reset_text(void)
{
	memset(text, ' ', sizeof(text));
	top = 0;
	fbc.x = fbc.y = 0;
	mark_dirty(0, fbc.rows);
}

static void swap_rows(uint32_t a, uint32_t b)
{
	unsigned char tmp[MAX_COLS];

	memcpy(tmp, text[a], MAX_COLS);
	memcpy(text[a], text[b], MAX_COLS);
	memcpy(text[b], tmp, MAX_COLS);
}

static void reverse_rows(uint32_t lo, uint32_t hi) /* rows [lo, hi) */
{
	while (hi > lo + 1)
		swap_rows(lo++, --hi);
}

/* Rotate the ring of @n rows so that screen row r is text[r] again. */
static void unroll_ring(uint32_t n)
{
	reverse_rows(0, top);
	reverse_rows(top, n);
	reverse_rows(0, n);
	top = 0;
}

/*
 * Page @page of @pages: the log's screen lines up to the page's last
 * (never past @total) on all rows but the last, which says where in the
 * log this is. The log is replayed from printk's buffer through
 * fbcon_write, which stops at that line; the shadow's ring then holds the
 * rows - 1 lines before it.
 */
static void show_log_page(uint32_t page, uint32_t pages, uint32_t total)
{
	uint32_t rows = fbc.rows, per_page = rows - 1, end = (page + 1) * per_page;
	char status[MAX_COLS + 1];

	if (end > total)
		end = total;
	fbc.rows = per_page;
	reset_text();
	lines_done = 0;
	page_end = end;
	page_full = false;
	console_replay_log(&fb_console);
	page_end = UINT32_MAX;
	page_full = false;
	fbc.rows = rows;
	unroll_ring(per_page);
	memset(text[per_page], ' ', MAX_COLS);
	ksnprintf(status, sizeof(status),
		  "-- log page %u/%u, lines %u-%u of %u; next in %u s (fbcon=nopager: off) --",
		  page + 1, pages, end > per_page ? end - per_page + 1 : 1, end, total,
		  FBCON_PAGE_SECONDS);
	memcpy(text[per_page], status, strnlen(status, fbc.cols));
	mark_dirty(0, rows);
	fbcon_flush();
}

/* Screen lines of the log at the console's width, the last one counted. */
static uint32_t log_lines(void)
{
	uint32_t rows = fbc.rows;
	uint32_t total;

	fbc.rows = rows - 1;
	reset_text();
	lines_done = 0;
	page_end = UINT32_MAX - 1; /* count, never stop */
	console_replay_log(&fb_console);
	total = lines_done + (fbc.x ? 1 : 0);
	page_end = UINT32_MAX;
	fbc.rows = rows;
	return total;
}

int fbcon_show_log_page(unsigned int page)
{
	uint32_t total, pages;

	if (!fbc.base || !fb_console.enabled)
		return 0;
	total = log_lines();
	pages = (total + fbc.rows - 2) / (fbc.rows - 1);
	if (page < pages)
		show_log_page(page, pages, total);
	return (int)pages;
}

void fbcon_page_log(void)
{
	unsigned int page = 0;
	uint64_t t;
	int pages;

	if (nopager || !fbc.base || !fb_console.enabled || !arch_clock_ns())
		return;
	/* First the screen as it is (the end of the log), then page by page. */
	for (;;) {
		t = arch_clock_ns();
		while (arch_clock_ns() - t < FBCON_PAGE_SECONDS * 1000000000ull)
			;
		pages = fbcon_show_log_page(page);
		page = (int)page + 1 < pages ? page + 1 : 0;
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
	.flush = fbcon_con_flush,
};

void fbcon_init(const struct bootinfo_framebuffer *fb)
{
	const struct font *f = &fbc.font;

	fbc = (struct fbcon){ 0 }; /* a fresh start (the host tests init many times) */
	top = 0;
	last_flush_ns = 0;
	page_end = UINT32_MAX;
	dirty_lo = MAX_ROWS;
	dirty_hi = 0;
	if (!fb->base || fb->pixel_format == BOOT_PIXEL_BLT_ONLY ||
	    fb->pixel_format == BOOT_PIXEL_NONE) {
		pr_info("no linear framebuffer, no framebuffer console\n");
		return;
	}
	if (!setup_format(fb)) {
		pr_warn("unusable pixel format %u (masks r %08x g %08x b %08x), no framebuffer console\n",
			fb->pixel_format, fb->red_mask, fb->green_mask, fb->blue_mask);
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
			fb->width, fb->height, fb->stride, (unsigned long long)fb->size);
		return;
	}
	if (fbc.cols > MAX_COLS)
		fbc.cols = MAX_COLS;
	if (fbc.rows > MAX_ROWS)
		fbc.rows = MAX_ROWS;
	fbc.fg = rgb(0xaa, 0xaa, 0xaa);
	fbc.bg = rgb(0, 0, 0);
	fast = fbc.bytes_pp == 4 && f->width == 8;
	if (fast)
		build_expand();
	clear_screen();

	pr_info("framebuffer at 0x%llx, using %lluk, total %lluk\n", (unsigned long long)fb->base,
		(unsigned long long)fbc.pitch * fbc.height / 1024,
		(unsigned long long)fb->size / 1024);
	pr_info("mode is %ux%ux%u, linelength=%u, pages=1\n", fbc.width, fbc.height,
		fbc.bytes_pp * 8, fbc.pitch);
	printk(KERN_INFO "Console: switching to colour frame buffer device %ux%u\n", fbc.cols,
	       fbc.rows);
	register_console(&fb_console);
}
