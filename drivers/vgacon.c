/*
 * drivers/vgacon.c: the console on the VGA colour text buffer at 0xB8000.
 *
 * Used only when the boot loader left the machine in EGA text mode
 * (BOOT_FB_EGA_TEXT); on a graphics or UEFI boot nothing at 0xB8000 is
 * touched.  Each cell of the screen VT becomes a character byte (Latin-1
 * converted to the card's code page 437) and an attribute byte; the
 * hardware cursor follows the VT cursor through the CRTC registers and is
 * switched off while the VT hides the cursor.
 *
 * Locks: none; the console layer serialises writers ([w] below).
 */
#include "arch/arch.h"
#include "arch/x86_64/io.h"
#include "drivers/screen.h"
#include "kernel/bootinfo.h"
#include "kernel/errno.h"

#define VGA_TEXT_PHYS		0xb8000
#define VGA_TEXT_WINDOW		0x8000	/* 0xB8000..0xBFFFF */
#define VGA_DEFAULT_COLS	80
#define VGA_DEFAULT_ROWS	25

#define VGA_CRTC_INDEX		0x3d4
#define VGA_CRTC_DATA		0x3d5
#define CRTC_CURSOR_START	0x0a
#define CRTC_CURSOR_HIGH	0x0e
#define CRTC_CURSOR_LOW		0x0f
#define CURSOR_DISABLE		0x20	/* in CRTC_CURSOR_START */

/* [I] set by vgacon_setup(), [w] serialised by the console layer. */
struct vgacon {
	volatile uint16_t *base;	/* [I] text buffer in the direct map */
	unsigned int stride;		/* [I] cells per line in the buffer */
	bool	 cursor_on;		/* [w] hardware cursor enabled */
};

static struct vgacon vgacon;

/*
 * enum vt_color (ANSI order) to VGA colour numbers.  Attribute bit 7 means
 * blink, not bright background, so backgrounds use only the low 8.
 */
static const uint8_t vga_color[16] = {
	0, 4, 2, 6, 1, 5, 3, 7, 8, 12, 10, 14, 9, 13, 11, 15,
};

/* Latin-1 U+00A0..U+00FF in code page 437; '?' where it has no glyph. */
static const uint8_t vga_cp437[96] = {
	0xff, 0xad, 0x9b, 0x9c, '?',  0x9d, '?',  '?',	/* A0 */
	'?',  '?',  0xa6, 0xae, 0xaa, '?',  '?',  '?',	/* A8 */
	0xf8, 0xf1, 0xfd, '?',  '?',  0xe6, '?',  0xfa,	/* B0 */
	'?',  '?',  0xa7, 0xaf, 0xac, 0xab, '?',  0xa8,	/* B8 */
	'?',  '?',  '?',  '?',  0x8e, 0x8f, 0x92, 0x80,	/* C0 */
	'?',  0x90, '?',  '?',  '?',  '?',  '?',  '?',	/* C8 */
	'?',  0xa5, '?',  '?',  '?',  '?',  0x99, '?',	/* D0 */
	'?',  '?',  '?',  '?',  0x9a, '?',  '?',  0xe1,	/* D8 */
	0x85, 0xa0, 0x83, '?',  0x84, 0x86, 0x91, 0x87,	/* E0 */
	0x8a, 0x82, 0x88, 0x89, 0x8d, 0xa1, 0x8c, 0x8b,	/* E8 */
	'?',  0xa4, 0x95, 0xa2, 0x93, '?',  0x94, 0xf6,	/* F0 */
	'?',  0x97, 0xa3, 0x96, 0x81, '?',  '?',  0x98,	/* F8 */
};

/* The character byte that shows code point @ch. */
static uint8_t
vga_char(uint8_t ch)
{
	if (ch >= 0xa0)
		return vga_cp437[ch - 0xa0];
	return ch >= 0x20 && ch < 0x7f ? ch : ' ';
}

static void
vgacon_draw_cell(struct vt *vt, unsigned int row, unsigned int col)
{
	const struct vgacon *vc = vt->priv;
	const struct vt_cell *cell = vt_cell_at(vt, row, col);
	uint8_t attr = vga_color[cell->fg & 15] | vga_color[cell->bg & 7] << 4;

	vc->base[(size_t)row * vc->stride + col] =
		vga_char(cell->ch) | attr << 8;
}

static void
crtc_write(uint8_t reg, uint8_t val)
{
	outb(VGA_CRTC_INDEX, reg);
	outb(VGA_CRTC_DATA, val);
}

/* Switch the hardware cursor on or off, keeping its shape. */
static void
vgacon_cursor_enable(struct vgacon *vc, bool on)
{
	uint8_t start;

	outb(VGA_CRTC_INDEX, CRTC_CURSOR_START);
	start = inb(VGA_CRTC_DATA) & ~CURSOR_DISABLE;
	outb(VGA_CRTC_DATA, on ? start : start | CURSOR_DISABLE);
	vc->cursor_on = on;
}

/* Port I/O is slow (a VM exit under QEMU): switch on or off only on change. */
static void
vgacon_cursor(struct vt *vt, bool show)
{
	struct vgacon *vc = vt->priv;
	unsigned int pos = vt->row * vc->stride + vt->col;

	if (show != vc->cursor_on)
		vgacon_cursor_enable(vc, show);
	if (!show)
		return;
	crtc_write(CRTC_CURSOR_LOW, pos & 0xff);
	crtc_write(CRTC_CURSOR_HIGH, (pos >> 8) & 0xff);
}

/* .move_rows NULL: rewriting the cells beats reading back video memory. */
static const struct vt_ops vgacon_vt_ops = {
	.draw_cell = vgacon_draw_cell,
	.cursor = vgacon_cursor,
};

/*
 * vgacon_setup - take over the EGA text mode @fb for @vt; see screen.h.
 * Returns 0 or -ENODEV.  Context: boot.
 */
int
vgacon_setup(const struct boot_framebuffer *fb, struct vt *vt,
	     struct vt_cell *cells, size_t ncells)
{
	uint32_t cols, rows, pitch;

	if (fb == NULL || fb->type != BOOT_FB_EGA_TEXT || ncells == 0)
		return -ENODEV;
	if (fb->addr != 0 && fb->addr != VGA_TEXT_PHYS)
		return -ENODEV;		/* e.g. monochrome at 0xB0000 */
	cols = fb->width ? fb->width : VGA_DEFAULT_COLS;
	rows = fb->height ? fb->height : VGA_DEFAULT_ROWS;
	pitch = fb->pitch ? fb->pitch : cols * 2;
	if (pitch < (uint64_t)cols * 2 || pitch % 2 != 0 ||
	    (uint64_t)pitch * rows > VGA_TEXT_WINDOW)
		return -ENODEV;

	vgacon.base = phys_to_virt(VGA_TEXT_PHYS);
	vgacon.stride = pitch / 2;
	vgacon_cursor_enable(&vgacon, true);

	cols = MIN(cols, ncells);
	rows = MIN(rows, ncells / cols);
	vt_init(vt, &vgacon_vt_ops, &vgacon, cells, cols, rows);
	return 0;
}
