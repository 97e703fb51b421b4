/*
 * drivers/vt.h: a small VT100/ANSI terminal emulator over a grid of cells.
 *
 * vt_write() parses bytes (UTF-8 text, C0 controls and escape sequences)
 * and applies them to a character grid that the caller owns; a backend
 * (drivers/fbcon.c, drivers/vgacon.c) is told through struct vt_ops which
 * cells to show again.  The grid is always up to date; the display is
 * brought in step once, at the end of each vt_write() and vt_clear():
 * meanwhile the VT only notes which cells of each row changed and how far
 * a scrolling region scrolled, so a write of many lines moves the display
 * once and never draws a line that scrolled away within the write.  The
 * code is pure: no hardware, no allocation, no globals, so it also builds
 * for the host unit tests (tests/host/vt_test.c).
 *
 * Understood, as the Linux console (TERM=linux) has them:
 *   controls  \n \v \f (also return the carriage while vt->crlf), \r,
 *             \t (stops every 8 columns), \b;
 *   ESC       7 8 (save/restore cursor), D (index), E (next line),
 *             M (reverse index), c (full reset);
 *   CSI       m: SGR 0 1 4 7 22 24 27 30-37 38;5;n 39 40-47 48;5;n 49
 *                90-97 100-107 (bold and underline show as a bright
 *                foreground; reverse swaps the colours);
 *             H f (row;col), A B C D, E F (down/up, column 1),
 *             G ` (column), d (row), J K (modes 0, 1, 2), @ P X (insert,
 *             delete, erase characters), L M (insert, delete lines),
 *             S T (scroll up, down), r (scrolling region; homes the
 *             cursor), s u (save/restore cursor), h l mode 4 (insert),
 *             ?h ?l modes 7 (autowrap) and 25 (cursor visible),
 *             n 5 and 6 (status, cursor position) and c (primary device
 *             attributes): answered through vt->reply.
 * Line feeds, wraps and index scroll at the bottom of the scrolling
 * region, reverse index at its top; a cursor outside the region only
 * moves.  Every other escape sequence (other ESC x, other modes, CSI with
 * a '<' '=' '>' marker, OSC/DCS strings up to BEL or ESC \) is consumed
 * and ignored.  Text is decoded as UTF-8; code points above U+00FF and
 * malformed bytes show as '?'.
 *
 * Locks: none.  A struct vt must not be written by two CPUs (or a CPU and
 * an interrupt handler) at once; the caller serialises.
 */
#pragma once
#include "kernel/types.h"

/* Colours: ANSI order; 8..15 are the bright variants (VT_BRIGHT | c). */
enum vt_color {
	VT_BLACK = 0,
	VT_RED = 1,
	VT_GREEN = 2,
	VT_YELLOW = 3,		/* brown when not bright */
	VT_BLUE = 4,
	VT_MAGENTA = 5,
	VT_CYAN = 6,
	VT_WHITE = 7,		/* light grey when not bright */
	VT_BRIGHT = 8,
};

#define VT_DEFAULT_FG	VT_WHITE
#define VT_DEFAULT_BG	VT_BLACK
#define VT_TAB_WIDTH	8
#define VT_MAX_PARAMS	16
#define VT_MAX_ROWS	256	/* vt_init() uses at most this many rows */
#define VT_MAX_COLS	4096	/* and columns */

/*
 * The standard 16-colour VGA palette as 0xRRGGBB, indexed by enum vt_color
 * (so vt_palette[VT_YELLOW] is VGA brown, 0xAA5500).
 */
extern const uint32_t vt_palette[16];

/* One character cell: what to show, with bold, underline, reverse applied. */
struct vt_cell {
	uint8_t ch;		/* code point U+0000..U+00FF (font8x16 index) */
	uint8_t fg;		/* enum vt_color, 0..15 */
	uint8_t bg;		/* enum vt_color, 0..15 */
};

struct vt;

/*
 * What the VT asks of its backend.  Each op is called from vt_write() or
 * vt_clear() with the caller's serialisation held; none may call printk().
 * Apart from the one draw_cell() for the old cursor cell (see .cursor),
 * the ops are called at the end of the write, in this order: move_rows()
 * at most once per scrolling region that scrolled, draw_cell() for the
 * cells that changed, cursor().
 */
struct vt_ops {
	/* Show cell (@row, @col) as vt->cells has it now.  Required. */
	void	(*draw_cell)(struct vt *vt, unsigned int row, unsigned int col);
	/*
	 * Copy @count text rows of the display from row @src to row @dst
	 * (the ranges may overlap, as for memmove()); what the other rows
	 * show does not matter.  Called when a scrolling region scrolled
	 * during the write, by the sum of its scrolls, before any cell is
	 * drawn: the grid may have changed further since, so only the
	 * display may be read.  The VT then draws every cell that the move
	 * did not bring in step.  Optional: when NULL the VT redraws every
	 * row of a region that scrolled instead.
	 */
	void	(*move_rows)(struct vt *vt, unsigned int dst, unsigned int src,
			     unsigned int count);
	/*
	 * Show the cursor at (vt->row, vt->col) if @show, else show none
	 * (CSI ?25 l).  Called once at the end of each vt_write() and
	 * vt_clear(), so a cursor moves once per write, not per byte.  A
	 * backend that shows the cursor by drawing its cell differently
	 * needs no undo: before the VT changes anything in a write it calls
	 * draw_cell() for the cell where the cursor was shown last.
	 * Optional: when NULL no cursor is shown.
	 */
	void	(*cursor)(struct vt *vt, bool show);
};

/* Parser states (private to drivers/vt.c). */
enum vt_state {
	VT_GROUND = 0,
	VT_ESC,			/* after ESC */
	VT_ESC_INTER,		/* ESC, intermediate bytes, waiting for final */
	VT_CSI,			/* ESC [ parameters, waiting for final */
	VT_STRING,		/* OSC/DCS/SOS/PM/APC: skip to BEL or ESC \ */
};

/* Graphic rendition (SGR) for new characters and erases. */
struct vt_attrs {
	uint8_t	 fg, bg;		/* enum vt_color set by SGR */
	bool	 bold, reverse, underline;
};

/* What ESC 7 / CSI s save and ESC 8 / CSI u restore. */
struct vt_saved {
	unsigned int row, col;
	struct vt_attrs attrs;
};

/* Columns [lo, hi) of a row changed since the display was drawn. */
struct vt_span {
	uint16_t lo, hi;		/* clean when lo >= hi */
};

/* Scrolls of rows top..bottom not yet applied to the display. */
struct vt_pending {
	unsigned int top, bottom;
	unsigned int n;			/* lines, 0: none; bottom-top+1: all */
	bool	 up;
};

struct vt {
	const struct vt_ops *ops;
	void	*priv;			/* the backend's, untouched by the VT */
	/*
	 * Answers to CSI 5n, 6n and c, e.g. "\033[3;14R", to be read by the
	 * program as if typed: called from vt_write() with the caller's
	 * serialisation held, so it must not write to this VT.  NULL (as
	 * vt_init() leaves it): no answers.  @reply_ctx is its first
	 * argument; both are untouched by the VT.
	 */
	void	(*reply)(void *ctx, const char *s, size_t len);
	void	*reply_ctx;
	struct vt_cell *cells;		/* rows * cols, row-major */
	unsigned int cols, rows;	/* both >= 1 */
	unsigned int row, col;		/* cursor, always inside the grid */
	unsigned int top, bottom;	/* scrolling region: rows top..bottom */
	bool	 wrap_pending;		/* last column written: wrap at next */
	bool	 crlf;			/* LF also does CR (default true) */

	/* Modes, set by vt_init() and full reset as shown. */
	bool	 autowrap;		/* DECAWM, CSI ?7 h/l (true) */
	bool	 insert;		/* IRM, CSI 4 h/l (false) */
	bool	 cursor_visible;	/* DECTCEM, CSI ?25 h/l (true) */

	/* Where the backend shows the cursor (private to drivers/vt.c). */
	bool	 cursor_shown;
	unsigned int shown_row, shown_col;

	/*
	 * Drawing put off to the end of the write (private to drivers/vt.c):
	 * applying @pending to the display brings every cell outside the
	 * @dirty spans in step with the grid.
	 */
	struct vt_pending pending;
	struct vt_span dirty[VT_MAX_ROWS];

	struct vt_attrs attrs;		/* for new characters and erases */
	struct vt_saved saved;		/* ESC 7; home and defaults at reset */

	/* Escape sequence parser. */
	enum vt_state state;
	unsigned int params[VT_MAX_PARAMS];
	unsigned int nparams;
	uint8_t	 csi_prefix;		/* private marker '<' '=' '>' '?' */
	bool	 csi_bad;		/* intermediates, ':' or overflow */

	/* UTF-8 decoder. */
	uint32_t utf_cp;		/* code point so far */
	uint32_t utf_min;		/* smallest valid value (no overlong) */
	unsigned int utf_left;		/* continuation bytes still due */
};

/*
 * vt_init - set up @vt on the grid @cells of @rows x @cols cells (at most
 * VT_MAX_ROWS x VT_MAX_COLS of them are used: read vt->rows and vt->cols
 * back), filled with blanks in the default colours, cursor at the top
 * left, modes and scrolling region at their defaults, no reply callback.
 * Draws nothing (see vt_clear()).  @ops->draw_cell is required; @priv is
 * kept for the backend.  Context: any; pure.
 */
void	vt_init(struct vt *vt, const struct vt_ops *ops, void *priv,
		struct vt_cell *cells, unsigned int cols, unsigned int rows);

/*
 * vt_clear - reset the colours, modes, scrolling region, saved cursor and
 * parser (as ESC c does), blank every cell, home the cursor and draw the
 * whole grid through the ops.  Keeps vt->reply and vt->crlf.
 * Context: any.
 */
void	vt_clear(struct vt *vt);

/*
 * vt_write - interpret @len bytes of @s.  Escape and UTF-8 sequences may be
 * split across calls.  Context: any; the caller serialises (see above).
 */
void	vt_write(struct vt *vt, const char *s, size_t len);

/*
 * vt_dump_text - the grid as text: one line per row, rows separated by
 * '\n' (none after the last), trailing spaces of each row trimmed.  Writes
 * at most @len - 1 bytes to @buf and a terminating NUL when @len > 0.
 * Returns the bytes written, not counting the NUL.  Context: any; pure.
 */
size_t	vt_dump_text(const struct vt *vt, char *buf, size_t len);

/* vt_cell_at - the cell at (@row, @col); both must be inside the grid. */
static inline struct vt_cell *
vt_cell_at(const struct vt *vt, unsigned int row, unsigned int col)
{
	return &vt->cells[(size_t)row * vt->cols + col];
}
