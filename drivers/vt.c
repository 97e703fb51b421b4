/*
 * drivers/vt.c: the VT100/ANSI parser and character grid (drivers/vt.h).
 *
 * Pure code shared by the screen consoles and the host unit tests: the only
 * side effects are on the struct vt, its cells, the backend's ops and the
 * reply callback.
 */
#include "drivers/vt.h"
#include "kernel/string.h"

#define ASCII_BEL	0x07
#define ASCII_CAN	0x18
#define ASCII_SUB	0x1a
#define ASCII_ESC	0x1b
#define ASCII_DEL	0x7f
#define VT_PARAM_MAX	9999		/* parameters saturate here */
#define VT_REPLY_MAX	32		/* ESC [ row ; col R, 10 digits each */

const uint32_t vt_palette[16] = {
	0x000000, 0xaa0000, 0x00aa00, 0xaa5500,	/* black red green brown */
	0x0000aa, 0xaa00aa, 0x00aaaa, 0xaaaaaa,	/* blue magenta cyan grey */
	0x555555, 0xff5555, 0x55ff55, 0xffff55,	/* bright variants */
	0x5555ff, 0xff55ff, 0x55ffff, 0xffffff,
};

static const struct vt_attrs vt_default_attrs = {
	.fg = VT_DEFAULT_FG,
	.bg = VT_DEFAULT_BG,
};

/*
 * A cell showing @ch in the current rendition.  Cells have no underline,
 * so underlined text is told apart by brightness, as bold is.
 */
static struct vt_cell
vt_attr_cell(const struct vt *vt, uint8_t ch)
{
	const struct vt_attrs *a = &vt->attrs;
	uint8_t fg = a->bold || a->underline ? a->fg | VT_BRIGHT : a->fg;

	if (a->reverse)
		return (struct vt_cell){.ch = ch, .fg = a->bg, .bg = fg};
	return (struct vt_cell){.ch = ch, .fg = fg, .bg = a->bg};
}

/* Modes, scrolling region and saved cursor as after power-on. */
static void
vt_reset_modes(struct vt *vt)
{
	vt->top = 0;
	vt->bottom = vt->rows - 1;
	vt->autowrap = true;
	vt->insert = false;
	vt->cursor_visible = true;
	vt->saved = (struct vt_saved){.attrs = vt_default_attrs};
}

/* Index of cell (@row, @col) in vt->cells; @row may be vt->rows (end). */
static size_t
vt_offset(const struct vt *vt, unsigned int row, unsigned int col)
{
	return (size_t)row * vt->cols + col;
}

/* Note that columns [@from, @to) of @row must be drawn again. */
static void
vt_dirty(struct vt *vt, unsigned int row, unsigned int from, unsigned int to)
{
	struct vt_span *d = &vt->dirty[row];

	if (d->lo >= d->hi) {
		d->lo = (uint16_t)from;
		d->hi = (uint16_t)to;
	} else {
		d->lo = (uint16_t)MIN(from, (unsigned int)d->lo);
		d->hi = (uint16_t)MAX(to, (unsigned int)d->hi);
	}
}

/* Note that the @n whole rows from @first on must be drawn again. */
static void
vt_dirty_rows(struct vt *vt, unsigned int first, unsigned int n)
{
	for (unsigned int r = first; r < first + n; r++)
		vt_dirty(vt, r, 0, vt->cols);
}

/*
 * Blank cells [@from, @to) of the grid (row-major indices) and note them
 * for drawing.  A scroll still pending is of no use once every cell is
 * drawn anyway.
 */
static void
vt_blank(struct vt *vt, size_t from, size_t to)
{
	struct vt_cell blank = vt_attr_cell(vt, ' ');

	for (size_t i = from; i < to; i++)
		vt->cells[i] = blank;
	if (from == 0 && to == vt_offset(vt, vt->rows, 0))
		vt->pending.n = 0;
	while (from < to) {
		unsigned int row = from / vt->cols;
		size_t end = MIN(to, vt_offset(vt, row + 1, 0));

		vt_dirty(vt, row, from % vt->cols, (end - 1) % vt->cols + 1);
		from = end;
	}
}

/* Apply the pending scroll to the display (ops->move_rows), if any. */
static void
vt_flush_scroll(struct vt *vt)
{
	struct vt_pending *p = &vt->pending;
	unsigned int height = p->bottom - p->top + 1;
	unsigned int keep = height - p->n;

	if (p->n > 0 && keep > 0)
		vt->ops->move_rows(vt, p->up ? p->top : p->top + p->n,
				   p->up ? p->top + p->n : p->top, keep);
	p->n = 0;
}

/*
 * The display side of scrolling rows @top..@bottom up (@up) or down by
 * @n < their number: add to the pending scroll of that region (after
 * applying one of another region or direction), and move the dirty spans
 * with the grid's rows; the caller marks the rows that open up.  Once the
 * region has scrolled by its height in all, each of its rows has opened up
 * at some point and is dirty, and no move is left to do.  Without
 * ops->move_rows the whole region is drawn again instead.
 */
static void
vt_scroll_display(struct vt *vt, unsigned int top, unsigned int bottom,
		  unsigned int n, bool up)
{
	struct vt_pending *p = &vt->pending;
	unsigned int height = bottom - top + 1;
	unsigned int keep = height - n;

	if (vt->ops->move_rows == NULL) {
		vt_dirty_rows(vt, top, height);
		return;
	}
	if (p->n > 0 && (p->top != top || p->bottom != bottom || p->up != up))
		vt_flush_scroll(vt);
	*p = (struct vt_pending){.top = top, .bottom = bottom, .up = up,
				 .n = MIN(p->n + n, height)};
	memmove(&vt->dirty[up ? top : top + n], &vt->dirty[up ? top + n : top],
		keep * sizeof(vt->dirty[0]));
}

/*
 * Move rows @top..@bottom of the grid up (@up) or down by @n and blank
 * the rows that open up; the display follows at the end of the write.
 */
static void
vt_scroll(struct vt *vt, unsigned int top, unsigned int bottom,
	  unsigned int n, bool up)
{
	unsigned int height = bottom - top + 1;
	unsigned int keep, src, dst, gap;

	n = MIN(n, height);
	keep = height - n;
	src = up ? top + n : top;
	dst = up ? top : top + n;
	gap = up ? top + keep : top;	/* first row that opens up */
	memmove(&vt->cells[vt_offset(vt, dst, 0)],
		&vt->cells[vt_offset(vt, src, 0)],
		(size_t)keep * vt->cols * sizeof(*vt->cells));
	if (n < height)
		vt_scroll_display(vt, top, bottom, n, up);
	vt_blank(vt, vt_offset(vt, gap, 0), vt_offset(vt, gap + n, 0));
}

/*
 * IND: down a row, scrolling the region up at its bottom.  Below the
 * region the cursor stops at the last row without scrolling.
 */
static void
vt_linefeed(struct vt *vt)
{
	vt->wrap_pending = false;
	if (vt->row == vt->bottom)
		vt_scroll(vt, vt->top, vt->bottom, 1, true);
	else if (vt->row + 1 < vt->rows)
		vt->row++;
}

/* RI: up a row, scrolling the region down at its top. */
static void
vt_reverse_index(struct vt *vt)
{
	vt->wrap_pending = false;
	if (vt->row == vt->top)
		vt_scroll(vt, vt->top, vt->bottom, 1, false);
	else if (vt->row > 0)
		vt->row--;
}

/* ICH: open @n blanks at the cursor; the line's last cells fall off. */
static void
vt_insert_chars(struct vt *vt, unsigned int n)
{
	size_t at = vt_offset(vt, vt->row, vt->col);
	unsigned int room = vt->cols - vt->col;

	n = MIN(n, room);
	memmove(&vt->cells[at + n], &vt->cells[at],
		(room - n) * sizeof(*vt->cells));
	vt_blank(vt, at, at + n);
	vt_dirty(vt, vt->row, vt->col, vt->cols);
	vt->wrap_pending = false;
}

/* DCH: remove @n cells at the cursor; blanks come in at the line's end. */
static void
vt_delete_chars(struct vt *vt, unsigned int n)
{
	size_t at = vt_offset(vt, vt->row, vt->col);
	unsigned int room = vt->cols - vt->col;

	n = MIN(n, room);
	memmove(&vt->cells[at], &vt->cells[at + n],
		(room - n) * sizeof(*vt->cells));
	vt_blank(vt, at + room - n, at + room);
	vt_dirty(vt, vt->row, vt->col, vt->cols);
	vt->wrap_pending = false;
}

/* ECH: blank @n cells from the cursor on, without moving anything. */
static void
vt_erase_chars(struct vt *vt, unsigned int n)
{
	size_t at = vt_offset(vt, vt->row, vt->col);

	vt_blank(vt, at, at + MIN(n, vt->cols - vt->col));
	vt->wrap_pending = false;
}

/*
 * IL (@insert) or DL of @n lines at the cursor row: the rest of the
 * scrolling region moves down or up.  Ignored outside the region.
 */
static void
vt_edit_lines(struct vt *vt, unsigned int n, bool insert)
{
	if (vt->row < vt->top || vt->row > vt->bottom)
		return;
	vt_scroll(vt, vt->row, vt->bottom, n, !insert);
	vt->wrap_pending = false;
}

/*
 * Show @ch at the cursor and advance it.  A wrap that is due happens
 * first; with autowrap off the last column is overwritten instead.
 */
static void
vt_put(struct vt *vt, uint8_t ch)
{
	if (vt->wrap_pending) {
		vt->col = 0;
		vt_linefeed(vt);
	}
	if (vt->insert)
		vt_insert_chars(vt, 1);
	*vt_cell_at(vt, vt->row, vt->col) = vt_attr_cell(vt, ch);
	vt_dirty(vt, vt->row, vt->col, vt->col + 1);
	if (vt->col + 1 < vt->cols)
		vt->col++;
	else
		vt->wrap_pending = vt->autowrap;
}

/* Show decoded code point @cp: C1 controls are dropped, beyond Latin-1 '?'. */
static void
vt_put_cp(struct vt *vt, uint32_t cp)
{
	if (cp >= 0x80 && cp < 0xa0)
		return;
	vt_put(vt, cp <= 0xff ? (uint8_t)cp : '?');
}

/* Feed a byte >= 0x80 to the UTF-8 decoder. */
static void
vt_utf8(struct vt *vt, uint8_t c)
{
	if (c < 0xc0) {			/* continuation byte */
		if (vt->utf_left == 0) {
			vt_put(vt, '?');
			return;
		}
		vt->utf_cp = vt->utf_cp << 6 | (c & 0x3f);
		if (--vt->utf_left == 0)
			vt_put_cp(vt, vt->utf_cp < vt->utf_min ? 0xfffd
							       : vt->utf_cp);
		return;
	}
	if (vt->utf_left) {		/* previous sequence cut short */
		vt->utf_left = 0;
		vt_put(vt, '?');
	}
	if (c < 0xc2 || c > 0xf4) {	/* overlong lead, or > U+10FFFF */
		vt_put(vt, '?');
		return;
	}
	vt->utf_left = c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
	vt->utf_min = c < 0xe0 ? 0x80 : c < 0xf0 ? 0x800 : 0x10000;
	vt->utf_cp = c & (0x3f >> vt->utf_left);
}

/*
 * A backspace in the pending-wrap state only cancels the wrap, so that
 * "\b \b" also erases a character in the last column.
 */
static void
vt_backspace(struct vt *vt)
{
	if (vt->wrap_pending)
		vt->wrap_pending = false;
	else if (vt->col > 0)
		vt->col--;
}

static void
vt_tab(struct vt *vt)
{
	unsigned int next = ALIGN_DOWN(vt->col + VT_TAB_WIDTH, VT_TAB_WIDTH);

	if (!vt->wrap_pending)
		vt->col = MIN(next, vt->cols - 1);
}

/* Execute the C0 control character @c (other than ESC, CAN, SUB). */
static void
vt_control(struct vt *vt, uint8_t c)
{
	switch (c) {
	case '\n':
	case '\v':
	case '\f':
		if (vt->crlf)
			vt->col = 0;
		vt_linefeed(vt);
		break;
	case '\r':
		vt->col = 0;
		vt->wrap_pending = false;
		break;
	case '\t':
		vt_tab(vt);
		break;
	case '\b':
		vt_backspace(vt);
		break;
	default:			/* BEL, NUL, SI, SO, ...: ignored */
		break;
	}
}

/* Move the cursor to (@row, @col), clamped to the grid. */
static void
vt_goto(struct vt *vt, unsigned int row, unsigned int col)
{
	vt->row = MIN(row, vt->rows - 1);
	vt->col = MIN(col, vt->cols - 1);
	vt->wrap_pending = false;
}

/* DECSC: remember the cursor position and rendition. */
static void
vt_save_cursor(struct vt *vt)
{
	vt->saved.row = vt->row;
	vt->saved.col = vt->col;
	vt->saved.attrs = vt->attrs;
}

/* DECRC: back to the saved position and rendition (home if none saved). */
static void
vt_restore_cursor(struct vt *vt)
{
	vt->attrs = vt->saved.attrs;
	vt_goto(vt, vt->saved.row, vt->saved.col);
}

/* Reset rendition, modes and parser, blank the grid, home. */
static void
vt_reset_screen(struct vt *vt)
{
	vt->state = VT_GROUND;
	vt->utf_left = 0;
	vt->attrs = vt_default_attrs;
	vt_reset_modes(vt);
	vt_goto(vt, 0, 0);
	vt_blank(vt, 0, vt_offset(vt, vt->rows, 0));
}

static void
vt_csi_start(struct vt *vt)
{
	vt->state = VT_CSI;
	vt->nparams = 0;
	vt->params[0] = 0;
	vt->csi_prefix = 0;
	vt->csi_bad = false;
}

/* The byte after ESC. */
static void
vt_esc(struct vt *vt, uint8_t c)
{
	vt->state = VT_GROUND;
	switch (c) {
	case '[':
		vt_csi_start(vt);
		break;
	case ']':			/* OSC */
	case 'P':			/* DCS */
	case 'X':			/* SOS */
	case '^':			/* PM */
	case '_':			/* APC */
		vt->state = VT_STRING;
		break;
	case 'c':			/* RIS: full reset */
		vt_reset_screen(vt);
		break;
	case '7':			/* DECSC */
		vt_save_cursor(vt);
		break;
	case '8':			/* DECRC */
		vt_restore_cursor(vt);
		break;
	case 'E':			/* NEL: CR even without vt->crlf */
		vt->col = 0;
		/* fall through */
	case 'D':			/* IND */
		vt_linefeed(vt);
		break;
	case 'M':			/* RI */
		vt_reverse_index(vt);
		break;
	default:
		if (c >= 0x20 && c <= 0x2f)
			vt->state = VT_ESC_INTER;
		else if (c == ASCII_DEL)
			vt->state = VT_ESC;
		break;
	}
}

/* Parameter @i of the current CSI sequence; 0 or absent means @def. */
static unsigned int
vt_param(const struct vt *vt, unsigned int i, unsigned int def)
{
	if (i >= vt->nparams || vt->params[i] == 0)
		return def;
	return vt->params[i];
}

/* SGR 38/48 at params[@i - 1]: 5;n picks colour n.  Returns params used. */
static unsigned int
vt_sgr_extended(struct vt *vt, unsigned int i)
{
	bool fg = vt->params[i - 1] == 38;

	if (i >= vt->nparams)
		return 0;
	if (vt->params[i] == 5 && i + 1 < vt->nparams) {
		if (vt->params[i + 1] < 16 && fg)
			vt->attrs.fg = vt->params[i + 1];
		else if (vt->params[i + 1] < 16)
			vt->attrs.bg = vt->params[i + 1];
		return 2;
	}
	if (vt->params[i] == 2)		/* 2;r;g;b: no true colour here */
		return MIN(4, vt->nparams - i);
	return vt->nparams - i;		/* unknown form: skip the rest */
}

static void
vt_sgr_one(struct vt *vt, unsigned int p)
{
	struct vt_attrs *a = &vt->attrs;

	switch (p) {
	case 0:
		*a = vt_default_attrs;
		break;
	case 1:
	case 22:
		a->bold = p == 1;
		break;
	case 4:
	case 24:
		a->underline = p == 4;
		break;
	case 7:
	case 27:
		a->reverse = p == 7;
		break;
	case 30 ... 37:
		a->fg = p - 30;
		break;
	case 39:
		a->fg = VT_DEFAULT_FG;
		break;
	case 40 ... 47:
		a->bg = p - 40;
		break;
	case 49:
		a->bg = VT_DEFAULT_BG;
		break;
	case 90 ... 97:
		a->fg = p - 90 + VT_BRIGHT;
		break;
	case 100 ... 107:
		a->bg = p - 100 + VT_BRIGHT;
		break;
	default:			/* dim, blink...: ignored */
		break;
	}
}

static void
vt_sgr(struct vt *vt)
{
	unsigned int i = 0;

	if (vt->nparams == 0)
		vt_sgr_one(vt, 0);
	while (i < vt->nparams) {
		unsigned int p = vt->params[i++];

		if (p == 38 || p == 48)
			i += vt_sgr_extended(vt, i);
		else
			vt_sgr_one(vt, p);
	}
}

/* ED (@line false) or EL (@line true) with mode @mode. */
static void
vt_erase(struct vt *vt, unsigned int mode, bool line)
{
	size_t cur = vt_offset(vt, vt->row, vt->col);
	size_t start = line ? vt_offset(vt, vt->row, 0) : 0;
	size_t end = line ? start + vt->cols : vt_offset(vt, vt->rows, 0);

	if (mode == 0)
		vt_blank(vt, cur, end);
	else if (mode == 1)
		vt_blank(vt, start, cur + 1);
	else if (mode == 2 || (mode == 3 && !line))
		vt_blank(vt, start, end);
	vt->wrap_pending = false;
}

/*
 * DECSTBM: rows top;bottom (1-based; default the whole grid) become the
 * scrolling region and the cursor goes home.  As on Linux, a region of
 * fewer than two rows or reaching past the grid is ignored.
 */
static void
vt_set_region(struct vt *vt)
{
	unsigned int top = vt_param(vt, 0, 1);
	unsigned int bottom = vt_param(vt, 1, vt->rows);

	if (top >= bottom || bottom > vt->rows)
		return;
	vt->top = top - 1;
	vt->bottom = bottom - 1;
	vt_goto(vt, 0, 0);
}

/* SM (@on) or RM for every parameter; @dec: DEC private ("CSI ?") modes. */
static void
vt_set_modes(struct vt *vt, bool dec, bool on)
{
	for (unsigned int i = 0; i < vt->nparams; i++) {
		unsigned int p = vt->params[i];

		if (dec && p == 7) {
			vt->autowrap = on;
			vt->wrap_pending = false;
		} else if (dec && p == 25) {
			vt->cursor_visible = on;
		} else if (!dec && p == 4) {
			vt->insert = on;
		}
	}
}

static void
vt_reply(struct vt *vt, const char *s, size_t len)
{
	if (vt->reply)
		vt->reply(vt->reply_ctx, s, len);
}

/* Write @v in decimal at @buf (room for 10 digits); returns the length. */
static size_t
vt_utoa(char *buf, unsigned int v)
{
	char digits[10];
	size_t n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	for (size_t i = 0; i < n; i++)
		buf[i] = digits[n - 1 - i];
	return n;
}

/* DSR: 5 (terminal status: fine) and 6 (cursor position, 1-based). */
static void
vt_status_report(struct vt *vt)
{
	char buf[VT_REPLY_MAX];
	size_t n = 0;

	if (vt_param(vt, 0, 0) == 5) {
		vt_reply(vt, "\033[0n", 4);
		return;
	}
	if (vt_param(vt, 0, 0) != 6)
		return;
	buf[n++] = ASCII_ESC;
	buf[n++] = '[';
	n += vt_utoa(&buf[n], vt->row + 1);
	buf[n++] = ';';
	n += vt_utoa(&buf[n], vt->col + 1);
	buf[n++] = 'R';
	vt_reply(vt, buf, n);
}

/* CSI finals that move the cursor; false if @c is not one of them. */
static bool
vt_csi_move(struct vt *vt, uint8_t c)
{
	unsigned int n = vt_param(vt, 0, 1);

	switch (c) {
	case 'H':
	case 'f':
		vt_goto(vt, n - 1, vt_param(vt, 1, 1) - 1);
		break;
	case 'A':
	case 'F':			/* CPL: also to column 1 */
		vt_goto(vt, vt->row - MIN(n, vt->row), c == 'F' ? 0 : vt->col);
		break;
	case 'B':
	case 'E':			/* CNL: also to column 1 */
		vt_goto(vt, vt->row + MIN(n, vt->rows), c == 'E' ? 0 : vt->col);
		break;
	case 'C':
		vt_goto(vt, vt->row, vt->col + MIN(n, vt->cols));
		break;
	case 'D':
		vt_goto(vt, vt->row, vt->col - MIN(n, vt->col));
		break;
	case 'G':			/* CHA */
	case '`':			/* HPA */
		vt_goto(vt, vt->row, n - 1);
		break;
	case 'd':			/* VPA */
		vt_goto(vt, n - 1, vt->col);
		break;
	default:
		return false;
	}
	return true;
}

/* CSI finals that change cells; false if @c is not one of them. */
static bool
vt_csi_edit(struct vt *vt, uint8_t c)
{
	unsigned int n = vt_param(vt, 0, 1);

	switch (c) {
	case 'J':
	case 'K':
		vt_erase(vt, vt_param(vt, 0, 0), c == 'K');
		break;
	case '@':
		vt_insert_chars(vt, n);
		break;
	case 'P':
		vt_delete_chars(vt, n);
		break;
	case 'X':
		vt_erase_chars(vt, n);
		break;
	case 'L':
	case 'M':
		vt_edit_lines(vt, n, c == 'L');
		break;
	case 'S':			/* SU */
	case 'T':			/* SD */
		vt_scroll(vt, vt->top, vt->bottom, n, c == 'S');
		break;
	default:
		return false;
	}
	return true;
}

/* Act on the final byte @c of a well-formed CSI sequence. */
static void
vt_csi_dispatch(struct vt *vt, uint8_t c)
{
	if (vt->csi_prefix == '?' && (c == 'h' || c == 'l'))
		vt_set_modes(vt, true, c == 'h');
	if (vt->csi_prefix || vt_csi_move(vt, c) || vt_csi_edit(vt, c))
		return;
	switch (c) {
	case 'm':
		vt_sgr(vt);
		break;
	case 'r':
		vt_set_region(vt);
		break;
	case 's':
		vt_save_cursor(vt);
		break;
	case 'u':
		vt_restore_cursor(vt);
		break;
	case 'h':
	case 'l':
		vt_set_modes(vt, false, c == 'h');
		break;
	case 'n':
		vt_status_report(vt);
		break;
	case 'c':			/* DA: a VT102 */
		if (vt_param(vt, 0, 0) == 0)
			vt_reply(vt, "\033[?6c", 5);
		break;
	default:			/* not implemented: ignored */
		break;
	}
}

/* A byte of a CSI sequence (C0 controls were executed by the caller). */
static void
vt_csi(struct vt *vt, uint8_t c)
{
	unsigned int *p = &vt->params[vt->nparams ? vt->nparams - 1 : 0];

	if (c >= '0' && c <= '9') {
		vt->nparams = MAX(vt->nparams, 1u);
		*p = MIN(*p * 10 + (c - '0'), (unsigned int)VT_PARAM_MAX);
	} else if (c == ';') {
		vt->nparams = MAX(vt->nparams, 1u);
		if (vt->nparams < VT_MAX_PARAMS)
			vt->params[vt->nparams++] = 0;
		else
			vt->csi_bad = true;
	} else if (c >= '<' && c <= '?' && vt->nparams == 0 &&
		   !vt->csi_prefix) {
		vt->csi_prefix = c;
	} else if (c >= 0x40 && c <= 0x7e) {
		vt->state = VT_GROUND;
		if (!vt->csi_bad)
			vt_csi_dispatch(vt, c);
	} else if (c != ASCII_DEL && c < 0x80) {
		vt->csi_bad = true;	/* ':', late marker, intermediates */
	}
}

/* Feed one byte to the parser. */
static void
vt_feed(struct vt *vt, uint8_t c)
{
	if (vt->utf_left && c < 0x80) {	/* UTF-8 sequence cut short */
		vt->utf_left = 0;
		vt_put(vt, '?');
	}
	if (c == ASCII_ESC || c == ASCII_CAN || c == ASCII_SUB) {
		vt->state = c == ASCII_ESC ? VT_ESC : VT_GROUND;
		return;
	}
	if (vt->state == VT_STRING) {
		if (c == ASCII_BEL)
			vt->state = VT_GROUND;
		return;
	}
	if (c < 0x20) {
		vt_control(vt, c);
		return;
	}
	if (vt->state == VT_ESC)
		vt_esc(vt, c);
	else if (vt->state == VT_ESC_INTER && c >= 0x30 && c <= 0x7e)
		vt->state = VT_GROUND;
	else if (vt->state == VT_CSI)
		vt_csi(vt, c);
	else if (vt->state == VT_GROUND && c >= 0x80)
		vt_utf8(vt, c);
	else if (vt->state == VT_GROUND && c != ASCII_DEL)
		vt_put(vt, c);
}

/*
 * Before a write changes anything: draw plainly again the cell the
 * backend shows the cursor on (see struct vt_ops).
 */
static void
vt_cursor_begin(struct vt *vt)
{
	if (!vt->cursor_shown)
		return;
	vt->cursor_shown = false;
	vt->ops->draw_cell(vt, vt->shown_row, vt->shown_col);
}

/*
 * At the end of a write: bring the display in step with the grid (the
 * pending scroll first, then the dirty spans), then show the cursor where
 * it ended up, if it is visible.
 */
static void
vt_flush(struct vt *vt)
{
	vt_flush_scroll(vt);
	for (unsigned int r = 0; r < vt->rows; r++) {
		struct vt_span *d = &vt->dirty[r];

		for (unsigned int c = d->lo; c < d->hi; c++)
			vt->ops->draw_cell(vt, r, c);
		d->lo = d->hi = 0;
	}
	if (vt->ops->cursor == NULL)
		return;
	vt->ops->cursor(vt, vt->cursor_visible);
	vt->cursor_shown = vt->cursor_visible;
	vt->shown_row = vt->row;
	vt->shown_col = vt->col;
}

/*
 * vt_init - set up @vt on a blank grid; see drivers/vt.h.
 * Context: any; draws nothing.
 */
void
vt_init(struct vt *vt, const struct vt_ops *ops, void *priv,
	struct vt_cell *cells, unsigned int cols, unsigned int rows)
{
	memset(vt, 0, sizeof(*vt));
	vt->ops = ops;
	vt->priv = priv;
	vt->cells = cells;
	vt->cols = MIN(cols, (unsigned int)VT_MAX_COLS);
	vt->rows = MIN(rows, (unsigned int)VT_MAX_ROWS);
	vt->crlf = true;
	vt->attrs = vt_default_attrs;
	vt_reset_modes(vt);
	vt_blank(vt, 0, vt_offset(vt, vt->rows, 0));
	memset(vt->dirty, 0, sizeof(vt->dirty));	/* draws nothing */
}

/*
 * vt_clear - full reset, then redraw a blank screen, cursor home.
 * Context: any; the caller serialises writers.
 */
void
vt_clear(struct vt *vt)
{
	vt_cursor_begin(vt);
	vt_reset_screen(vt);
	vt_flush(vt);
}

/*
 * vt_write - interpret @len bytes of @s on @vt; answers go to vt->reply.
 * Context: any; never sleeps; the caller serialises writers.
 */
void
vt_write(struct vt *vt, const char *s, size_t len)
{
	vt_cursor_begin(vt);
	for (size_t i = 0; i < len; i++)
		vt_feed(vt, (uint8_t)s[i]);
	vt_flush(vt);
}

/*
 * vt_dump_text - the grid as '\n'-separated, right-trimmed text in @buf.
 * Returns the bytes written, not counting the NUL.  Context: any; pure.
 */
size_t
vt_dump_text(const struct vt *vt, char *buf, size_t len)
{
	size_t n = 0;

	if (len == 0)
		return 0;
	for (unsigned int r = 0; r < vt->rows; r++) {
		unsigned int end = vt->cols;

		while (end > 0 && vt_cell_at(vt, r, end - 1)->ch == ' ')
			end--;
		if (r > 0 && n + 1 < len)
			buf[n++] = '\n';
		for (unsigned int c = 0; c < end && n + 1 < len; c++)
			buf[n++] = (char)vt_cell_at(vt, r, c)->ch;
	}
	buf[n] = '\0';
	return n;
}
