/*
 * drivers/vt.c: the VT100/ANSI parser and character grid (drivers/vt.h).
 *
 * Pure code shared by the screen consoles and the host unit tests: the only
 * side effects are on the struct vt, its cells and the backend's ops.
 */
#include "drivers/vt.h"
#include "kernel/string.h"

#define ASCII_BEL	0x07
#define ASCII_CAN	0x18
#define ASCII_SUB	0x1a
#define ASCII_ESC	0x1b
#define ASCII_DEL	0x7f
#define VT_PARAM_MAX	9999		/* parameters saturate here */

const uint32_t vt_palette[16] = {
	0x000000, 0xaa0000, 0x00aa00, 0xaa5500,	/* black red green brown */
	0x0000aa, 0xaa00aa, 0x00aaaa, 0xaaaaaa,	/* blue magenta cyan grey */
	0x555555, 0xff5555, 0x55ff55, 0xffff55,	/* bright variants */
	0x5555ff, 0xff55ff, 0x55ffff, 0xffffff,
};

/* A cell showing @ch in the current rendition. */
static struct vt_cell
vt_attr_cell(const struct vt *vt, uint8_t ch)
{
	uint8_t fg = vt->bold ? vt->fg | VT_BRIGHT : vt->fg;

	if (vt->reverse)
		return (struct vt_cell){.ch = ch, .fg = vt->bg, .bg = fg};
	return (struct vt_cell){.ch = ch, .fg = fg, .bg = vt->bg};
}

static void
vt_reset_attrs(struct vt *vt)
{
	vt->fg = VT_DEFAULT_FG;
	vt->bg = VT_DEFAULT_BG;
	vt->bold = false;
	vt->reverse = false;
}

static void
vt_draw_all(struct vt *vt)
{
	for (unsigned int r = 0; r < vt->rows; r++)
		for (unsigned int c = 0; c < vt->cols; c++)
			vt->ops->draw_cell(vt, r, c);
}

/* Blank cells [@from, @to) of the grid (row-major indices); @draw them. */
static void
vt_blank(struct vt *vt, size_t from, size_t to, bool draw)
{
	struct vt_cell blank = vt_attr_cell(vt, ' ');

	for (size_t i = from; i < to; i++) {
		vt->cells[i] = blank;
		if (draw)
			vt->ops->draw_cell(vt, i / vt->cols, i % vt->cols);
	}
}

static void
vt_scroll_up(struct vt *vt)
{
	size_t keep = (size_t)(vt->rows - 1) * vt->cols;

	memmove(vt->cells, vt->cells + vt->cols, keep * sizeof(*vt->cells));
	vt_blank(vt, keep, keep + vt->cols, false);
	if (vt->ops->scroll_up == NULL) {
		vt_draw_all(vt);
		return;
	}
	vt->ops->scroll_up(vt);
	for (unsigned int c = 0; c < vt->cols; c++)
		vt->ops->draw_cell(vt, vt->rows - 1, c);
}

static void
vt_linefeed(struct vt *vt)
{
	vt->wrap_pending = false;
	if (vt->row + 1 < vt->rows)
		vt->row++;
	else
		vt_scroll_up(vt);
}

/* Show @ch at the cursor and advance it, wrapping first if one is due. */
static void
vt_put(struct vt *vt, uint8_t ch)
{
	if (vt->wrap_pending) {
		vt->col = 0;
		vt_linefeed(vt);
	}
	*vt_cell_at(vt, vt->row, vt->col) = vt_attr_cell(vt, ch);
	vt->ops->draw_cell(vt, vt->row, vt->col);
	if (vt->col + 1 < vt->cols)
		vt->col++;
	else
		vt->wrap_pending = true;
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

/* Reset rendition and parser, blank and draw the grid, home the cursor. */
static void
vt_reset_screen(struct vt *vt)
{
	vt->state = VT_GROUND;
	vt->utf_left = 0;
	vt_reset_attrs(vt);
	vt->row = 0;
	vt->col = 0;
	vt->wrap_pending = false;
	vt_blank(vt, 0, (size_t)vt->rows * vt->cols, true);
}

/* The byte after ESC. */
static void
vt_esc(struct vt *vt, uint8_t c)
{
	switch (c) {
	case '[':
		vt->state = VT_CSI;
		vt->nparams = 0;
		vt->params[0] = 0;
		vt->csi_prefix = 0;
		vt->csi_bad = false;
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
	default:
		if (c >= 0x20 && c <= 0x2f)
			vt->state = VT_ESC_INTER;
		else if (c != ASCII_DEL)
			vt->state = VT_GROUND;
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
			vt->fg = vt->params[i + 1];
		else if (vt->params[i + 1] < 16)
			vt->bg = vt->params[i + 1];
		return 2;
	}
	if (vt->params[i] == 2)		/* 2;r;g;b: no true colour here */
		return MIN(4, vt->nparams - i);
	return vt->nparams - i;		/* unknown form: skip the rest */
}

static void
vt_sgr_one(struct vt *vt, unsigned int p)
{
	switch (p) {
	case 0:
		vt_reset_attrs(vt);
		break;
	case 1:
		vt->bold = true;
		break;
	case 22:
		vt->bold = false;
		break;
	case 7:
		vt->reverse = true;
		break;
	case 27:
		vt->reverse = false;
		break;
	case 30 ... 37:
		vt->fg = p - 30;
		break;
	case 39:
		vt->fg = VT_DEFAULT_FG;
		break;
	case 40 ... 47:
		vt->bg = p - 40;
		break;
	case 49:
		vt->bg = VT_DEFAULT_BG;
		break;
	case 90 ... 97:
		vt->fg = p - 90 + VT_BRIGHT;
		break;
	case 100 ... 107:
		vt->bg = p - 100 + VT_BRIGHT;
		break;
	default:			/* underline, blink...: ignored */
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

/* Move the cursor to (@row, @col), clamped to the grid. */
static void
vt_goto(struct vt *vt, unsigned int row, unsigned int col)
{
	vt->row = MIN(row, vt->rows - 1);
	vt->col = MIN(col, vt->cols - 1);
	vt->wrap_pending = false;
}

/* ED (@line false) or EL (@line true) with mode @mode. */
static void
vt_erase(struct vt *vt, unsigned int mode, bool line)
{
	size_t cur = (size_t)vt->row * vt->cols + vt->col;
	size_t start = line ? (size_t)vt->row * vt->cols : 0;
	size_t end = line ? start + vt->cols : (size_t)vt->rows * vt->cols;

	if (mode == 0)
		vt_blank(vt, cur, end, true);
	else if (mode == 1)
		vt_blank(vt, start, cur + 1, true);
	else if (mode == 2 || (mode == 3 && !line))
		vt_blank(vt, start, end, true);
	vt->wrap_pending = false;
}

/* Act on the final byte @c of a well-formed CSI sequence. */
static void
vt_csi_dispatch(struct vt *vt, uint8_t c)
{
	unsigned int n = vt_param(vt, 0, 1);

	switch (c) {
	case 'm':
		vt_sgr(vt);
		break;
	case 'H':
	case 'f':
		vt_goto(vt, n - 1, vt_param(vt, 1, 1) - 1);
		break;
	case 'J':
	case 'K':
		vt_erase(vt, vt_param(vt, 0, 0), c == 'K');
		break;
	case 'A':
		vt_goto(vt, vt->row - MIN(n, vt->row), vt->col);
		break;
	case 'B':
		vt_goto(vt, vt->row + MIN(n, vt->rows), vt->col);
		break;
	case 'C':
		vt_goto(vt, vt->row, vt->col + MIN(n, vt->cols));
		break;
	case 'D':
		vt_goto(vt, vt->row, vt->col - MIN(n, vt->col));
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
		if (!vt->csi_bad && !vt->csi_prefix)
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
	vt->cols = cols;
	vt->rows = rows;
	vt->crlf = true;
	vt_reset_attrs(vt);
	vt_blank(vt, 0, (size_t)rows * cols, false);
}

/*
 * vt_clear - reset and redraw a blank screen, cursor home.
 * Context: any; the caller serialises writers.
 */
void
vt_clear(struct vt *vt)
{
	if (vt->ops->cursor)
		vt->ops->cursor(vt, false);
	vt_reset_screen(vt);
	if (vt->ops->cursor)
		vt->ops->cursor(vt, true);
}

/*
 * vt_write - interpret @len bytes of @s on @vt.
 * Context: any; never sleeps; the caller serialises writers.
 */
void
vt_write(struct vt *vt, const char *s, size_t len)
{
	if (vt->ops->cursor)
		vt->ops->cursor(vt, false);
	for (size_t i = 0; i < len; i++)
		vt_feed(vt, (uint8_t)s[i]);
	if (vt->ops->cursor)
		vt->ops->cursor(vt, true);
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
