/*
 * drivers/fbcon.c: the text console on a linear RGB framebuffer.
 *
 * Draws the 8x16 glyphs of font8x16 for the cells of the screen VT
 * (drivers/screen.c) in the standard VGA palette, converted once to the
 * framebuffer's pixel format.  The cursor is its cell drawn with the
 * colours swapped.
 *
 * A copy in RAM of what each text cell shows (fbcon.shown: character and
 * colours, the cursor's swapped) lets fbcon paint only the cells whose
 * pixels change: a cell drawn again as it already is costs a compare.
 * Scrolling moves rows in that copy and paints the cells that differ
 * from what was there, so video memory, which is slow to read on real
 * hardware (uncached or write-combined), is only ever written; in a
 * screen of short lines most cells are blank before and after.
 *
 * Locks: none; the console layer serialises writers ([w] below).
 */
#include "arch/arch.h"
#include "drivers/font.h"
#include "drivers/screen.h"
#include "kernel/bootinfo.h"
#include "kernel/errno.h"
#include "kernel/string.h"

/* As many cells as drivers/screen.c's grid holds (3840x2160 in 8x16). */
#define FBCON_MAX_CELLS		(480 * 135)

/*
 * What a cell shows, as fbcon_key() packs it: the character in bits 0-7,
 * the foreground colour in 8-11, the background in 12-15.  Any character
 * in black on black is an all-zero (blank) cell.
 */
typedef uint16_t fbcon_key_t;

/* Pixel stores that may be unaligned (a pitch need not be a multiple of 8). */
typedef uint64_t fbcon_u64 __attribute__((aligned(4)));
typedef uint32_t fbcon_u32 __attribute__((aligned(2)));

/* [I] set by fbcon_setup(), [w] serialised by the console layer. */
struct fbcon {
	uint8_t	*base;			/* [I] the framebuffer, direct map */
	size_t	 pitch;			/* [I] bytes per pixel line */
	unsigned int bytespp;		/* [I] 2, 3 or 4 */
	uint32_t colors[16];		/* [I] vt_palette in pixel format */
	fbcon_key_t shown[FBCON_MAX_CELLS];	/* [w] row-major, vt->cols */
};

static struct fbcon fbcon;

/* Whether a colour field of @size bits at bit @pos fits a @bpp pixel. */
static bool
fbcon_field_ok(unsigned int pos, unsigned int size, unsigned int bpp)
{
	return size >= 1 && size <= 8 && pos + size <= bpp;
}

static bool
fbcon_usable(const struct boot_framebuffer *fb)
{
	uint64_t bytes = (uint64_t)fb->pitch * fb->height;

	if (fb->type != BOOT_FB_RGB)
		return false;
	if (fb->bpp != 16 && fb->bpp != 24 && fb->bpp != 32)
		return false;
	if (fb->width < FONT_WIDTH || fb->height < FONT_HEIGHT ||
	    fb->pitch < (uint64_t)fb->width * (fb->bpp / 8))
		return false;
	/* Only the first 4 GiB are mapped this early. */
	if (fb->addr == 0 || fb->addr >= EARLY_DIRECT_MAP_SIZE ||
	    bytes > EARLY_DIRECT_MAP_SIZE - fb->addr)
		return false;
	return fbcon_field_ok(fb->red_pos, fb->red_size, fb->bpp) &&
	       fbcon_field_ok(fb->green_pos, fb->green_size, fb->bpp) &&
	       fbcon_field_ok(fb->blue_pos, fb->blue_size, fb->bpp);
}

/* The 8-bit intensity @v scaled to a @size-bit field at bit @pos. */
static uint32_t
fbcon_field(uint32_t v, unsigned int pos, unsigned int size)
{
	return ((v & 0xff) >> (8 - size)) << pos;
}

/* The 0xRRGGBB colour @rgb in the pixel format of @fb. */
static uint32_t
fbcon_pixel(const struct boot_framebuffer *fb, uint32_t rgb)
{
	return fbcon_field(rgb >> 16, fb->red_pos, fb->red_size) |
	       fbcon_field(rgb >> 8, fb->green_pos, fb->green_size) |
	       fbcon_field(rgb, fb->blue_pos, fb->blue_size);
}

static fbcon_key_t
fbcon_key(uint8_t ch, uint8_t fg, uint8_t bg)
{
	return (fbcon_key_t)(ch | (fg & 15) << 8 | (bg & 15) << 12);
}

/*
 * Paint @glyph at @line in @fg on @bg, 4 bytes a pixel: two pixels per
 * 64-bit store, picked from the four fg/bg pairs by two bits of the glyph
 * row (bit 7 is the leftmost pixel, at the lower address).  @old is the
 * glyph the cell shows now in the same colours, or NULL: its rows that
 * equal @glyph's are left alone, as they would not change.
 */
static void
fbcon_paint32(uint8_t *line, size_t pitch, const uint8_t *glyph,
	      const uint8_t *old, uint64_t fg, uint64_t bg)
{
	const uint64_t pair[4] = {bg | bg << 32, bg | fg << 32,
				  fg | bg << 32, fg | fg << 32};

	for (unsigned int y = 0; y < FONT_HEIGHT; y++, line += pitch) {
		fbcon_u64 *p = (fbcon_u64 *)line;
		uint8_t bits = glyph[y];

		if (old && old[y] == bits)
			continue;
		p[0] = pair[bits >> 6];
		p[1] = pair[bits >> 4 & 3];
		p[2] = pair[bits >> 2 & 3];
		p[3] = pair[bits & 3];
	}
}

/* The same at 2 bytes a pixel: two pixels per 32-bit store. */
static void
fbcon_paint16(uint8_t *line, size_t pitch, const uint8_t *glyph,
	      const uint8_t *old, uint32_t fg, uint32_t bg)
{
	const uint32_t pair[4] = {bg | bg << 16, bg | fg << 16,
				  fg | bg << 16, fg | fg << 16};

	for (unsigned int y = 0; y < FONT_HEIGHT; y++, line += pitch) {
		fbcon_u32 *p = (fbcon_u32 *)line;
		uint8_t bits = glyph[y];

		if (old && old[y] == bits)
			continue;
		p[0] = pair[bits >> 6];
		p[1] = pair[bits >> 4 & 3];
		p[2] = pair[bits >> 2 & 3];
		p[3] = pair[bits & 3];
	}
}

/* The same at 3 bytes a pixel, a byte at a time. */
static void
fbcon_paint24(uint8_t *line, size_t pitch, const uint8_t *glyph,
	      const uint8_t *old, uint32_t fg, uint32_t bg)
{
	for (unsigned int y = 0; y < FONT_HEIGHT; y++, line += pitch) {
		uint8_t *p = line;

		if (old && old[y] == glyph[y])
			continue;
		for (unsigned int x = 0; x < FONT_WIDTH; x++, p += 3) {
			uint32_t v = glyph[y] & (0x80 >> x) ? fg : bg;

			p[0] = (uint8_t)v;
			p[1] = (uint8_t)(v >> 8);
			p[2] = (uint8_t)(v >> 16);
		}
	}
}

/* Make cell (@row, @col) of @vt show @key, if it does not already. */
static void
fbcon_show(struct vt *vt, unsigned int row, unsigned int col, fbcon_key_t key)
{
	struct fbcon *fc = vt->priv;
	fbcon_key_t *shown = &fc->shown[(size_t)row * vt->cols + col];
	const uint8_t *glyph = font8x16[key & 0xff];
	const uint8_t *old = font8x16[*shown & 0xff];
	uint32_t fg = fc->colors[key >> 8 & 15];
	uint32_t bg = fc->colors[key >> 12];
	uint8_t *line = fc->base + (size_t)row * FONT_HEIGHT * fc->pitch +
			(size_t)col * FONT_WIDTH * fc->bytespp;

	if (*shown == key)
		return;
	if (*shown >> 8 != key >> 8)	/* other colours: every row */
		old = NULL;
	*shown = key;
	if (fc->bytespp == 4)
		fbcon_paint32(line, fc->pitch, glyph, old, fg, bg);
	else if (fc->bytespp == 2)
		fbcon_paint16(line, fc->pitch, glyph, old, fg, bg);
	else
		fbcon_paint24(line, fc->pitch, glyph, old, fg, bg);
}

static void
fbcon_draw_cell(struct vt *vt, unsigned int row, unsigned int col)
{
	const struct vt_cell *cell = vt_cell_at(vt, row, col);

	fbcon_show(vt, row, col, fbcon_key(cell->ch, cell->fg, cell->bg));
}

/* Hiding needs nothing: the VT redraws the old cursor cell itself. */
static void
fbcon_cursor(struct vt *vt, bool show)
{
	const struct vt_cell *cell = vt_cell_at(vt, vt->row, vt->col);

	if (show)
		fbcon_show(vt, vt->row, vt->col,
			   fbcon_key(cell->ch, cell->bg, cell->fg));
}

/*
 * Show in text row @dst what row @src shows, going by fbcon.shown:
 * cells that show the same already are left alone.
 */
static void
fbcon_copy_row(struct vt *vt, unsigned int dst, unsigned int src)
{
	const struct fbcon *fc = vt->priv;
	const fbcon_key_t *from = &fc->shown[(size_t)src * vt->cols];

	for (unsigned int c = 0; c < vt->cols; c++)
		fbcon_show(vt, dst, c, from[c]);
}

/* In the order memmove() would go, so that no source row is overwritten
 * before it is copied. */
static void
fbcon_move_rows(struct vt *vt, unsigned int dst, unsigned int src,
		unsigned int count)
{
	for (unsigned int i = 0; i < count; i++) {
		unsigned int k = dst < src ? i : count - 1 - i;

		fbcon_copy_row(vt, dst + k, src + k);
	}
}

static const struct vt_ops fbcon_vt_ops = {
	.draw_cell = fbcon_draw_cell,
	.move_rows = fbcon_move_rows,
	.cursor = fbcon_cursor,
};

/*
 * fbcon_setup - take over the RGB framebuffer @fb for @vt; see screen.h.
 * Returns 0 or -ENODEV.  Context: boot.
 */
int
fbcon_setup(const struct boot_framebuffer *fb, struct vt *vt,
	    struct vt_cell *cells, size_t ncells)
{
	unsigned int cols, rows;

	if (fb == NULL || ncells == 0 || !fbcon_usable(fb))
		return -ENODEV;
	ncells = MIN(ncells, ARRAY_SIZE(fbcon.shown));
	fbcon.base = phys_to_virt(fb->addr);
	fbcon.pitch = fb->pitch;
	fbcon.bytespp = fb->bpp / 8;
	for (unsigned int i = 0; i < ARRAY_SIZE(fbcon.colors); i++)
		fbcon.colors[i] = fbcon_pixel(fb, vt_palette[i]);

	/* Black is all-zero in every RGB format; this also blanks margins.
	 * Every cell now shows black on black: key 0. */
	for (uint32_t y = 0; y < fb->height; y++)
		memset(fbcon.base + (size_t)y * fbcon.pitch, 0,
		       (size_t)fb->width * fbcon.bytespp);
	memset(fbcon.shown, 0, sizeof(fbcon.shown));

	cols = MIN(fb->width / FONT_WIDTH, ncells);
	rows = MIN(fb->height / FONT_HEIGHT, ncells / cols);
	vt_init(vt, &fbcon_vt_ops, &fbcon, cells, cols, rows);
	return 0;
}
