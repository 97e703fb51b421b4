/*
 * drivers/fbcon.c: the text console on a linear RGB framebuffer.
 *
 * Draws the 8x16 glyphs of font8x16 for the cells of the screen VT
 * (drivers/screen.c) in the standard VGA palette, converted once to the
 * framebuffer's pixel format.  The cursor is its cell drawn with the
 * colours swapped.  Scrolling (of the whole screen or of a scrolling
 * region) moves the text rows with memmove() and draws only the rows that
 * open up.  FIXME: memmove() reads video memory, which is slow on real
 * hardware where it is uncached or write-combined; a shadow buffer in RAM
 * (or redrawing from the cell grid) would avoid the reads.
 *
 * Locks: none; the console layer serialises writers.
 */
#include "arch/arch.h"
#include "drivers/font.h"
#include "drivers/screen.h"
#include "kernel/bootinfo.h"
#include "kernel/errno.h"
#include "kernel/string.h"

struct fbcon {
	uint8_t	*base;			/* the framebuffer in the direct map */
	size_t	 pitch;			/* bytes per pixel line */
	unsigned int bytespp;		/* 2, 3 or 4 */
	uint32_t colors[16];		/* vt_palette in the pixel format */
};

static struct fbcon fbcon;		/* [I] after fbcon_setup() */

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

/* Write 8 pixels at @p: @fg where @bits has a 1 (bit 7 leftmost), else @bg. */
static void
fbcon_put_row(const struct fbcon *fc, uint8_t *p, uint8_t bits, uint32_t fg,
	      uint32_t bg)
{
	for (unsigned int x = 0; x < FONT_WIDTH; x++, p += fc->bytespp) {
		uint32_t v = bits & (0x80 >> x) ? fg : bg;

		if (fc->bytespp == 4) {
			*(uint32_t *)p = v;
		} else if (fc->bytespp == 2) {
			*(uint16_t *)p = (uint16_t)v;
		} else {
			p[0] = (uint8_t)v;
			p[1] = (uint8_t)(v >> 8);
			p[2] = (uint8_t)(v >> 16);
		}
	}
}

/* Draw cell (@row, @col) of @vt; as the cursor (colours swapped) if @cursor. */
static void
fbcon_render(struct vt *vt, unsigned int row, unsigned int col, bool cursor)
{
	const struct fbcon *fc = vt->priv;
	const struct vt_cell *cell = vt_cell_at(vt, row, col);
	const uint8_t *glyph = font8x16[cell->ch];
	uint32_t fg = fc->colors[(cursor ? cell->bg : cell->fg) & 15];
	uint32_t bg = fc->colors[(cursor ? cell->fg : cell->bg) & 15];
	uint8_t *line = fc->base + (size_t)row * FONT_HEIGHT * fc->pitch +
			(size_t)col * FONT_WIDTH * fc->bytespp;

	for (unsigned int y = 0; y < FONT_HEIGHT; y++, line += fc->pitch)
		fbcon_put_row(fc, line, glyph[y], fg, bg);
}

static void
fbcon_draw_cell(struct vt *vt, unsigned int row, unsigned int col)
{
	fbcon_render(vt, row, col, false);
}

/* Hiding needs nothing: the VT redraws the old cursor cell itself. */
static void
fbcon_cursor(struct vt *vt, bool show)
{
	if (show)
		fbcon_render(vt, vt->row, vt->col, true);
}

static void
fbcon_move_rows(struct vt *vt, unsigned int dst, unsigned int src,
		unsigned int count)
{
	const struct fbcon *fc = vt->priv;
	size_t text_row = FONT_HEIGHT * fc->pitch;

	memmove(fc->base + dst * text_row, fc->base + src * text_row,
		count * text_row);
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
	fbcon.base = phys_to_virt(fb->addr);
	fbcon.pitch = fb->pitch;
	fbcon.bytespp = fb->bpp / 8;
	for (unsigned int i = 0; i < ARRAY_SIZE(fbcon.colors); i++)
		fbcon.colors[i] = fbcon_pixel(fb, vt_palette[i]);

	/* Black is all-zero in every RGB format; this also blanks margins. */
	for (uint32_t y = 0; y < fb->height; y++)
		memset(fbcon.base + (size_t)y * fbcon.pitch, 0,
		       (size_t)fb->width * fbcon.bytespp);

	cols = MIN(fb->width / FONT_WIDTH, ncells);
	rows = MIN(fb->height / FONT_HEIGHT, ncells / cols);
	vt_init(vt, &fbcon_vt_ops, &fbcon, cells, cols, rows);
	return 0;
}
