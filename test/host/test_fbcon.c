// SPDX-License-Identifier: MIT
/*
 * The framebuffer console (kernel/drivers/video/fbcon.c) drawing into fake
 * framebuffers in RAM: RGBX, BGRX and bitmask modes of 32, 24 and 16 bits
 * per pixel, each with a stride wider than the visible width and a
 * partial character cell at the right and bottom edges. The screen is read
 * back cell by cell with the console's own font (every pixel must be
 * exactly the foreground or the background value, worked out here from the
 * channel masks), and the bytes the console must not touch (the stride's
 * padding, past the last line) keep their guard pattern. Also: scrolling,
 * wrapping, tabs, the deferred drawing and its flush, and the modes the
 * console refuses with a message.
 */
#include <boot/bootinfo.h>
#include <drivers/fbcon.h>
#include <drivers/font.h>
#include <kernel/console.h>
#include <lib/ktest.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define ROWS	   4
#define HEIGHT	   (ROWS * 16 + 5) /* a partial cell at the bottom */
#define MAX_STRIDE 1024
#define GUARD	   0x5a
#define MS	   1000000ull
#define FB_BYTES   (MAX_STRIDE * 4 * HEIGHT + 64)

/* 10 columns, a partial cell on the right, stride > width (the pager: 100). */
static uint32_t COLS = 10, WIDTH = 83, STRIDE = 96;

/* What the console reaches outside its file. */
static uint64_t fake_ns;
static struct console *registered;
static char printed[4096];

uint64_t arch_clock_ns(void)
{
	return fake_ns;
}

void register_console(struct console *con)
{
	con->enabled = true;
	registered = con;
}

int printk(const char *fmt, ...)
{
	size_t used = strlen(printed);
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(printed + used, sizeof(printed) - used, fmt, ap);
	va_end(ap);
	return n;
}

/* printk's log, as console_replay_log hands it to a console. */
static const char *const fake_log[] = { "l1\nl2\n", "l3\n", "l4\n", NULL, "l6\n" };
static const char *long_line;

void console_replay_log(struct console *con)
{
	for (size_t i = 0; i < sizeof(fake_log) / sizeof(fake_log[0]); i++) {
		const char *s = fake_log[i] ? fake_log[i] : long_line;

		con->write(con, s, strlen(s));
	}
}

struct mode {
	const char *name;
	uint32_t format, r, g, b, x; /* GOP pixel format and masks */
	uint32_t bytes_pp;
	uint32_t fg; /* light grey (0xaa per channel) in this format */
};

/* fg worked out by hand from the masks: 0xaa scaled to each channel's width. */
static const struct mode modes[] = {
	{ "rgbx", BOOT_PIXEL_RGBX_8BPP, 0, 0, 0, 0, 4, 0x00aaaaaa },
	{ "bgrx", BOOT_PIXEL_BGRX_8BPP, 0, 0, 0, 0, 4, 0x00aaaaaa },
	{ "x8r8g8b8", BOOT_PIXEL_BITMASK, 0xff0000, 0xff00, 0xff, 0xff000000, 4, 0x00aaaaaa },
	/* 10 bits a channel: 0xaa << 2 = 0x2a8 */
	{ "x2r10g10b10", BOOT_PIXEL_BITMASK, 0x3ff00000, 0xffc00, 0x3ff, 0xc0000000, 4,
	  0x2a8u << 20 | 0x2a8u << 10 | 0x2a8u },
	{ "r8g8b8_24bpp", BOOT_PIXEL_BITMASK, 0xff0000, 0xff00, 0xff, 0, 3, 0xaaaaaa },
	/* 5:6:5: 0xaa >> 3 = 0x15, 0xaa >> 2 = 0x2a */
	{ "r5g6b5_16bpp", BOOT_PIXEL_BITMASK, 0xf800, 0x7e0, 0x1f, 0, 2,
	  0x15u << 11 | 0x2au << 5 | 0x15u },
};

static uint8_t fb_mem[FB_BYTES]; /* globals get ASan redzones too */
static const struct mode *cur;
static struct font font;

static struct bootinfo_framebuffer fake_fb(const struct mode *m)
{
	/* fbcon draws at boot_va(base) = BOOT_PAGE_OFFSET + base. */
	return (struct bootinfo_framebuffer){
		.base = (uint64_t)(uintptr_t)fb_mem - BOOT_PAGE_OFFSET,
		.size = (uint64_t)STRIDE * m->bytes_pp * HEIGHT,
		.width = WIDTH,
		.height = HEIGHT,
		.stride = STRIDE,
		.pixel_format = m->format,
		.red_mask = m->r,
		.green_mask = m->g,
		.blue_mask = m->b,
		.reserved_mask = m->x,
	};
}

static void geometry(uint32_t cols)
{
	COLS = cols;
	WIDTH = cols * 8 + 3;
	STRIDE = WIDTH + 13;
}

static int start(const struct mode *m)
{
	struct bootinfo_framebuffer fb;

	memset(fb_mem, GUARD, FB_BYTES);
	registered = NULL;
	printed[0] = '\0';
	fake_ns = 0;
	cur = m;
	fb = fake_fb(m);
	fbcon_init(&fb);
	return registered ? 0 : -1;
}

static void put(const char *s)
{
	registered->write(registered, s, strlen(s));
}

static uint32_t pixel(uint32_t x, uint32_t y)
{
	const uint8_t *p = fb_mem + ((size_t)y * STRIDE + x) * cur->bytes_pp;
	uint32_t v = 0;

	for (uint32_t i = 0; i < cur->bytes_pp; i++)
		v |= (uint32_t)p[i] << (8 * i);
	return v;
}

/*
 * The character a cell shows, by the font: '\1' if a pixel is neither fg
 * nor bg, '\2' if the glyph is no printable ASCII character's.
 */
static char cell(uint32_t col, uint32_t row)
{
	uint8_t glyph[32];

	for (uint32_t y = 0; y < 16; y++) {
		glyph[y] = 0;
		for (uint32_t x = 0; x < 8; x++) {
			uint32_t v = pixel(col * 8 + x, row * 16 + y);

			if (v != cur->fg && v != 0)
				return '\1';
			glyph[y] |= (v == cur->fg) << (7 - x);
		}
	}
	for (int c = ' '; c < 127; c++)
		if (!memcmp(font.glyphs + (size_t)font.latin1[c] * font.glyph_bytes, glyph, 16))
			return (char)c;
	return '\2';
}

/* Screen row @row as text, trailing blanks dropped. */
static const char *screen_row(uint32_t row)
{
	static char buf[MAX_STRIDE / 8 + 1];
	int end = 0;

	for (uint32_t c = 0; c < COLS; c++) {
		buf[c] = cell(c, row);
		if (buf[c] != ' ')
			end = (int)c + 1;
	}
	buf[end] = '\0';
	return buf;
}

/* The bytes outside the visible WIDTH x HEIGHT still hold the guard. */
static bool guard_intact(void)
{
	size_t pitch = (size_t)STRIDE * cur->bytes_pp;

	for (size_t y = 0; y < HEIGHT; y++)
		for (size_t i = (size_t)WIDTH * cur->bytes_pp; i < pitch; i++)
			if (fb_mem[y * pitch + i] != GUARD)
				return false;
	for (size_t i = pitch * HEIGHT; i < FB_BYTES; i++)
		if (fb_mem[i] != GUARD)
			return false;
	return true;
}

/* The partial cells (right of COLS, below ROWS) stay background. */
static bool edges_background(void)
{
	for (uint32_t y = 0; y < HEIGHT; y++)
		for (uint32_t x = y < ROWS * 16 ? COLS * 8 : 0; x < WIDTH; x++)
			if (pixel(x, y) != 0)
				return false;
	return true;
}

static int load_font(struct ktest *t)
{
	(void)t;
	geometry(10);
	if (font_load_psf(&font, console_font_start,
			  (size_t)(console_font_end - console_font_start)))
		return -1;
	return font.width == 8 && font.height == 16 ? 0 : -1;
}

static void draw_in_mode(struct ktest *t, const struct mode *m)
{
	KTEST_ASSERT_EQ(t, start(m), 0);
	KTEST_EXPECT_TRUE(t,
			  strstr(printed, "Console: switching to colour frame buffer device 10x4"));
	put("Hi, mmk\n\tx|\nq");
	registered->flush(registered);
	KTEST_EXPECT_STREQ(t, screen_row(0), "Hi, mmk");
	KTEST_EXPECT_STREQ(t, screen_row(1), "        x|");
	KTEST_EXPECT_STREQ(t, screen_row(2), "q");
	KTEST_EXPECT_STREQ(t, screen_row(3), "");
	KTEST_EXPECT_TRUE(t, edges_background());
	KTEST_EXPECT_TRUE(t, guard_intact());
}

static void mode_rgbx(struct ktest *t)
{
	draw_in_mode(t, &modes[0]);
}

static void mode_bgrx(struct ktest *t)
{
	draw_in_mode(t, &modes[1]);
}

static void mode_bitmask_x8r8g8b8(struct ktest *t)
{
	draw_in_mode(t, &modes[2]);
}

static void mode_bitmask_x2r10g10b10(struct ktest *t)
{
	draw_in_mode(t, &modes[3]);
}

static void mode_bitmask_24bpp(struct ktest *t)
{
	draw_in_mode(t, &modes[4]);
}

static void mode_bitmask_16bpp(struct ktest *t)
{
	draw_in_mode(t, &modes[5]);
}

/*
 * Four rows: each line end on the last row scrolls one line, and a line
 * longer than the screen wraps (the wrap on the last row scrolls too).
 */
static void scrolls_and_wraps(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, start(&modes[1]), 0);
	put("one\ntwo\nthree\nfour\n"); /* two, three, four, (cursor) */
	put("five\n0123456789abc");	/* four, five, 0123456789, abc */
	registered->flush(registered);
	KTEST_EXPECT_STREQ(t, screen_row(0), "four");
	KTEST_EXPECT_STREQ(t, screen_row(1), "five");
	KTEST_EXPECT_STREQ(t, screen_row(2), "0123456789");
	KTEST_EXPECT_STREQ(t, screen_row(3), "abc");
	put("\n");
	registered->flush(registered);
	KTEST_EXPECT_STREQ(t, screen_row(0), "five");
	KTEST_EXPECT_STREQ(t, screen_row(2), "abc");
	KTEST_EXPECT_STREQ(t, screen_row(3), "");
	KTEST_EXPECT_TRUE(t, guard_intact());
}

/*
 * Before the clock runs every write is drawn; after, at most one flush per
 * 50 ms, and the console's flush draws what is pending.
 */
static void defers_and_flushes(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, start(&modes[0]), 0);
	put("a\n");
	KTEST_EXPECT_STREQ(t, screen_row(0), "a"); /* clock 0: drawn */
	fake_ns = 100 * MS;
	put("b\n");
	KTEST_EXPECT_STREQ(t, screen_row(1), "b"); /* 100 ms since: drawn */
	fake_ns = 120 * MS;
	put("c\n");
	KTEST_EXPECT_STREQ(t, screen_row(2), ""); /* 20 ms since: deferred */
	registered->flush(registered);
	KTEST_EXPECT_STREQ(t, screen_row(2), "c");
	fake_ns = 140 * MS;
	put("d");
	KTEST_EXPECT_STREQ(t, screen_row(3), ""); /* 40 ms since the last draw */
	fake_ns = 150 * MS;
	put("e");
	KTEST_EXPECT_STREQ(t, screen_row(3), "de"); /* 50 ms */
}

static void refuses(struct ktest *t, struct bootinfo_framebuffer fb, const char *why)
{
	registered = NULL;
	printed[0] = '\0';
	memset(fb_mem, GUARD, FB_BYTES);
	fbcon_init(&fb);
	KTEST_EXPECT_NULL(t, registered);
	KTEST_EXPECT_TRUE(t, strstr(printed, why) != NULL);
	KTEST_EXPECT_TRUE(t, strstr(printed, "no framebuffer console") != NULL);
	KTEST_EXPECT_EQ(t, fb_mem[0], GUARD);
}

static void refused_modes(struct ktest *t)
{
	struct bootinfo_framebuffer fb = fake_fb(&modes[0]);

	cur = &modes[0];
	fb.base = 0;
	refuses(t, fb, "no linear framebuffer");
	fb = fake_fb(&modes[0]);
	fb.pixel_format = BOOT_PIXEL_BLT_ONLY;
	refuses(t, fb, "no linear framebuffer");
	fb = fake_fb(&modes[2]);
	fb.red_mask = 0x00ff00ff; /* a gap in the mask */
	refuses(t, fb, "unusable pixel format");
	fb = fake_fb(&modes[0]);
	fb.stride = WIDTH - 1;
	refuses(t, fb, "does not fit");
	fb = fake_fb(&modes[0]);
	fb.size -= 4; /* one pixel short of stride * height */
	refuses(t, fb, "does not fit");
}

/*
 * The log (fake_log) at 100 columns, three rows a page and the status row:
 * l1 l2 l3 | l4, 100 x 'x', yz (the long line wraps) | l6 — the last page
 * is the log's last three screen lines.
 */
static void pages_through_the_log(struct ktest *t)
{
	static char line[104], xs[101];

	memset(line, 'x', 100);
	memcpy(line + 100, "yz\n", 4);
	memset(xs, 'x', 100);
	long_line = line;
	geometry(100);
	KTEST_ASSERT_EQ(t, start(&modes[1]), 0);
	put("the end of the boot\n");
	KTEST_EXPECT_EQ(t, fbcon_show_log_page(0), 3);
	KTEST_EXPECT_STREQ(t, screen_row(0), "l1");
	KTEST_EXPECT_STREQ(t, screen_row(1), "l2");
	KTEST_EXPECT_STREQ(t, screen_row(2), "l3");
	KTEST_EXPECT_STREQ(t, screen_row(3),
			   "-- log page 1/3, lines 1-3 of 7; next in 15 s (fbcon=nopager: off) --");
	KTEST_EXPECT_EQ(t, fbcon_show_log_page(1), 3);
	KTEST_EXPECT_STREQ(t, screen_row(0), "l4");
	KTEST_EXPECT_STREQ(t, screen_row(1), xs);
	KTEST_EXPECT_STREQ(t, screen_row(2), "yz");
	KTEST_EXPECT_STREQ(t, screen_row(3),
			   "-- log page 2/3, lines 4-6 of 7; next in 15 s (fbcon=nopager: off) --");
	KTEST_EXPECT_EQ(t, fbcon_show_log_page(2), 3);
	KTEST_EXPECT_STREQ(t, screen_row(0), xs);
	KTEST_EXPECT_STREQ(t, screen_row(1), "yz");
	KTEST_EXPECT_STREQ(t, screen_row(2), "l6");
	KTEST_EXPECT_STREQ(t, screen_row(3),
			   "-- log page 3/3, lines 5-7 of 7; next in 15 s (fbcon=nopager: off) --");
	/* Past the end: nothing changes. */
	KTEST_EXPECT_EQ(t, fbcon_show_log_page(3), 3);
	KTEST_EXPECT_STREQ(t, screen_row(2), "l6");
	KTEST_EXPECT_TRUE(t, guard_intact());
	geometry(10);
}

static const struct ktest_case fbcon_cases[] = {
	KTEST_CASE(mode_rgbx),
	KTEST_CASE(mode_bgrx),
	KTEST_CASE(mode_bitmask_x8r8g8b8),
	KTEST_CASE(mode_bitmask_x2r10g10b10),
	KTEST_CASE(mode_bitmask_24bpp),
	KTEST_CASE(mode_bitmask_16bpp),
	KTEST_CASE(scrolls_and_wraps),
	KTEST_CASE(defers_and_flushes),
	KTEST_CASE(refused_modes),
	KTEST_CASE(pages_through_the_log),
	KTEST_CASES_END,
};

static struct ktest_suite fbcon_suite = {
	.name = "fbcon",
	.init = load_font,
	.cases = fbcon_cases,
};
KTEST_SUITE(fbcon_suite);
