/*
 * tests/host/vt_test.c: the VT100/ANSI parser and grid (drivers/vt.c).
 *
 * A mock backend keeps its own copy of what it was told to draw ("shown"),
 * moves rows in it on move_rows, poisoning the rows the VT must redraw,
 * and shows the cursor as fbcon does, by swapping the colours of the
 * cursor cell in that copy.  After every write, check() demands that the
 * shown copy equals the VT's cells with the cursor applied, so a cell
 * changed without a draw_cell() call, a row moved wrongly or late, or an
 * old cursor left behind, fails the test.  The VT draws at the end of
 * each write: the counts of draws and moves show that it draws and moves
 * once, not per line.  Text is compared through vt_dump_text(); answers
 * sent through vt->reply collect in the mock.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/vt.h"
#include "tests/host/htest.h"

#define MAX_COLS	40
#define MAX_ROWS	12
#define POISON		((struct vt_cell){'#', 1, 2})

struct mock {
	struct vt	vt;
	struct vt_cell	cells[MAX_COLS * MAX_ROWS];
	struct vt_cell	shown[MAX_COLS * MAX_ROWS];
	unsigned int	draws, moves, cursor_calls;
	bool		cursor_on;	/* a cursor cell is swapped in shown */
	unsigned int	cursor_row, cursor_col;
	char		reply[256];
	size_t		reply_len;
};

static void
mock_draw(struct vt *vt, unsigned int row, unsigned int col)
{
	struct mock *m = vt->priv;

	if (!EXPECT_TRUE(row < vt->rows && col < vt->cols))
		return;
	m->shown[row * vt->cols + col] = *vt_cell_at(vt, row, col);
	if (m->cursor_on && row == m->cursor_row && col == m->cursor_col)
		m->cursor_on = false;
	m->draws++;
}

static void
mock_move_rows(struct vt *vt, unsigned int dst, unsigned int src,
	       unsigned int count)
{
	struct mock *m = vt->priv;

	/* A cursor cell moved along would be left behind as garbage. */
	EXPECT_FALSE(m->cursor_on);
	if (!EXPECT_TRUE(count > 0 && dst != src && src + count <= vt->rows &&
			 dst + count <= vt->rows))
		return;
	memmove(&m->shown[dst * vt->cols], &m->shown[src * vt->cols],
		(size_t)count * vt->cols * sizeof(m->shown[0]));
	for (unsigned int r = src; r < src + count; r++) {
		if (r >= dst && r < dst + count)
			continue;
		for (unsigned int c = 0; c < vt->cols; c++)	/* redraw due */
			m->shown[r * vt->cols + c] = POISON;
	}
	m->moves++;
}

static void
swap_colours(struct vt_cell *c)
{
	uint8_t fg = c->fg;

	c->fg = c->bg;
	c->bg = fg;
}

static void
mock_cursor(struct vt *vt, bool show)
{
	struct mock *m = vt->priv;

	/* The VT must have given back the old cursor cell already. */
	EXPECT_FALSE(m->cursor_on);
	m->cursor_calls++;
	if (!show)
		return;
	m->cursor_on = true;
	m->cursor_row = vt->row;
	m->cursor_col = vt->col;
	swap_colours(&m->shown[vt->row * vt->cols + vt->col]);
}

static void
mock_reply(void *ctx, const char *s, size_t len)
{
	struct mock *m = ctx;

	if (!EXPECT_TRUE(m->reply_len + len < sizeof(m->reply)))
		return;
	memcpy(&m->reply[m->reply_len], s, len);
	m->reply_len += len;
	m->reply[m->reply_len] = '\0';
}

static const struct vt_ops mock_ops = {
	.draw_cell = mock_draw,
	.move_rows = mock_move_rows,
	.cursor = mock_cursor,
};

static const struct vt_ops mock_ops_noscroll = {
	.draw_cell = mock_draw,
};

/* A fresh mock VT of @cols x @rows, cleared (so everything is drawn). */
static struct mock *
mock_new(unsigned int cols, unsigned int rows, const struct vt_ops *ops)
{
	struct mock *m = calloc(1, sizeof(*m));

	vt_init(&m->vt, ops ? ops : &mock_ops, m, m->cells, cols, rows);
	vt_clear(&m->vt);
	return m;
}

/* The display is in step with the grid and the cursor inside it. */
static void
check(struct mock *m)
{
	struct vt *vt = &m->vt;
	bool cursor = vt->ops->cursor && vt->cursor_visible;
	struct vt_cell want[MAX_COLS * MAX_ROWS];
	size_t n = (size_t)vt->rows * vt->cols;

	EXPECT_TRUE(vt->row < vt->rows);
	EXPECT_TRUE(vt->col < vt->cols);
	EXPECT_TRUE(vt->top <= vt->bottom && vt->bottom < vt->rows);
	EXPECT_EQ(m->cursor_on, cursor);
	memcpy(want, m->cells, n * sizeof(want[0]));
	if (cursor) {
		EXPECT_EQ(m->cursor_row, vt->row);
		EXPECT_EQ(m->cursor_col, vt->col);
		swap_colours(&want[vt->row * vt->cols + vt->col]);
	}
	EXPECT_MEMEQ(m->shown, want, n * sizeof(want[0]));
}

static void
put(struct mock *m, const char *s)
{
	vt_write(&m->vt, s, strlen(s));
	check(m);
}

/* The screen as text (in a static buffer). */
static const char *
text(struct mock *m)
{
	static char buf[MAX_COLS * MAX_ROWS + MAX_ROWS + 1];

	vt_dump_text(&m->vt, buf, sizeof(buf));
	return buf;
}

/* A mock on @ops whose rows read "0", "1", ... and whose cursor is at home. */
static struct mock *
mock_numbered_ops(unsigned int cols, unsigned int rows,
		  const struct vt_ops *ops)
{
	struct mock *m = mock_new(cols, rows, ops);

	for (unsigned int r = 0; r < rows; r++) {
		char line[4];

		snprintf(line, sizeof(line), "%s%u", r ? "\n" : "", r % 10);
		put(m, line);
	}
	put(m, "\033[H");
	return m;
}

static struct mock *
mock_numbered(unsigned int cols, unsigned int rows)
{
	return mock_numbered_ops(cols, rows, NULL);
}

static const struct vt_cell *
cell(struct mock *m, unsigned int row, unsigned int col)
{
	return vt_cell_at(&m->vt, row, col);
}

HTEST(vt_plain_text_and_newline)
{
	struct mock *m = mock_new(10, 4, NULL);

	put(m, "hello\nworld");
	EXPECT_STREQ(text(m), "hello\nworld\n\n");
	EXPECT_EQ(m->vt.row, 1);
	EXPECT_EQ(m->vt.col, 5);
	EXPECT_EQ(cell(m, 0, 0)->fg, VT_DEFAULT_FG);
	EXPECT_EQ(cell(m, 0, 0)->bg, VT_DEFAULT_BG);
	free(m);
}

HTEST(vt_wraps_at_right_edge)
{
	struct mock *m = mock_new(10, 4, NULL);

	put(m, "0123456789ab");
	EXPECT_STREQ(text(m), "0123456789\nab\n\n");
	free(m);
}

HTEST(vt_full_line_then_newline_has_no_blank_line)
{
	struct mock *m = mock_new(10, 4, NULL);

	put(m, "0123456789");
	EXPECT_EQ(m->vt.row, 0);
	EXPECT_EQ(m->vt.col, 9);
	put(m, "\nx");
	EXPECT_STREQ(text(m), "0123456789\nx\n\n");
	free(m);
}

HTEST(vt_scrolls_at_bottom)
{
	struct mock *m = mock_new(10, 3, NULL);

	put(m, "a\nb\nc\nd\ne");
	EXPECT_STREQ(text(m), "c\nd\ne");
	EXPECT_EQ(m->moves, 1);		/* two scrolls, one move */
	EXPECT_EQ(m->vt.row, 2);
	free(m);
}

HTEST(vt_scrolls_by_redraw_without_scroll_op)
{
	struct mock *m = mock_new(6, 3, &mock_ops_noscroll);

	put(m, "one\ntwo\nthree\nfour\n");
	EXPECT_STREQ(text(m), "three\nfour\n");
	free(m);
}

HTEST(vt_scroll_by_wrapping)
{
	struct mock *m = mock_new(4, 2, NULL);

	put(m, "abcdefghij");
	EXPECT_STREQ(text(m), "efgh\nij");
	free(m);
}

HTEST(vt_carriage_return_tab_backspace)
{
	struct mock *m = mock_new(20, 3, NULL);

	put(m, "abcdef\rXY\n");
	put(m, "a\tb\tc\n");
	put(m, "abc\b\bZ");
	EXPECT_STREQ(text(m), "XYcdef\na       b       c\naZc");
	EXPECT_EQ(m->vt.col, 2);
	put(m, "\b\b\b\b");		/* stops at column 0 */
	EXPECT_EQ(m->vt.col, 0);
	free(m);
}

HTEST(vt_tab_stops_at_last_column)
{
	struct mock *m = mock_new(12, 2, NULL);

	put(m, "\t\t\tx");
	EXPECT_STREQ(text(m), "           x\n");
	EXPECT_EQ(m->vt.row, 0);
	free(m);
}

HTEST(vt_backspace_space_backspace_erases_last_column)
{
	struct mock *m = mock_new(5, 2, NULL);

	put(m, "abcde\b \b");
	EXPECT_STREQ(text(m), "abcd\n");
	EXPECT_EQ(m->vt.row, 0);
	EXPECT_EQ(m->vt.col, 4);
	put(m, "f");
	EXPECT_STREQ(text(m), "abcdf\n");
	free(m);
}

HTEST(vt_sgr_colours)
{
	struct mock *m = mock_new(20, 2, NULL);

	put(m, "\033[31ma\033[1mb\033[44mc\033[0md");
	EXPECT_EQ(cell(m, 0, 0)->fg, VT_RED);
	EXPECT_EQ(cell(m, 0, 1)->fg, VT_RED | VT_BRIGHT);
	EXPECT_EQ(cell(m, 0, 2)->bg, VT_BLUE);
	EXPECT_EQ(cell(m, 0, 3)->fg, VT_DEFAULT_FG);
	EXPECT_EQ(cell(m, 0, 3)->bg, VT_DEFAULT_BG);
	put(m, "\033[92;103me\033[39;49mf\033[32;1;22mg\033[m");
	EXPECT_EQ(cell(m, 0, 4)->fg, VT_GREEN | VT_BRIGHT);
	EXPECT_EQ(cell(m, 0, 4)->bg, VT_YELLOW | VT_BRIGHT);
	EXPECT_EQ(cell(m, 0, 5)->fg, VT_DEFAULT_FG);
	EXPECT_EQ(cell(m, 0, 5)->bg, VT_DEFAULT_BG);
	EXPECT_EQ(cell(m, 0, 6)->fg, VT_GREEN);
	EXPECT_STREQ(text(m), "abcdefg\n");
	free(m);
}

HTEST(vt_sgr_reverse_and_256_colour)
{
	struct mock *m = mock_new(20, 2, NULL);

	put(m, "\033[33;44;7ma\033[27;38;5;9;48;5;2mb");
	put(m, "\033[0;38;2;1;31;4mc\033[38;5;200md");
	EXPECT_EQ(cell(m, 0, 0)->fg, VT_BLUE);
	EXPECT_EQ(cell(m, 0, 0)->bg, VT_YELLOW);
	EXPECT_EQ(cell(m, 0, 1)->fg, 9);
	EXPECT_EQ(cell(m, 0, 1)->bg, VT_GREEN);
	/* The r;g;b values 31 and 4 must not be taken for SGR 31 and 4. */
	EXPECT_EQ(cell(m, 0, 2)->fg, VT_DEFAULT_FG);
	EXPECT_EQ(cell(m, 0, 3)->fg, VT_DEFAULT_FG);
	free(m);
}

HTEST(vt_erase_screen_and_line)
{
	struct mock *m = mock_new(8, 3, NULL);

	put(m, "aaaaaaaa\nbbbbbbbb\ncccccccc");
	put(m, "\033[2;4H\033[K");
	EXPECT_STREQ(text(m), "aaaaaaaa\nbbb\ncccccccc");
	put(m, "\033[1;3H\033[1K");
	EXPECT_STREQ(text(m), "   aaaaa\nbbb\ncccccccc");
	put(m, "\033[3;1H\033[2K");
	EXPECT_STREQ(text(m), "   aaaaa\nbbb\n");
	put(m, "\033[2J");
	EXPECT_STREQ(text(m), "\n\n");
	EXPECT_EQ(m->vt.row, 2);	/* ED leaves the cursor where it is */
	EXPECT_EQ(m->vt.col, 0);
	free(m);
}

HTEST(vt_erase_display_partial)
{
	struct mock *m = mock_new(4, 3, NULL);

	put(m, "abcdefghijkl\033[2;2H\033[J");
	EXPECT_STREQ(text(m), "abcd\ne\n");
	put(m, "\033[1;1Habcdefghijkl\033[2;2H\033[1J");
	EXPECT_STREQ(text(m), "\n  gh\nijkl");
	free(m);
}

HTEST(vt_erase_uses_background_colour)
{
	struct mock *m = mock_new(4, 2, NULL);

	put(m, "\033[41m\033[2J\033[0m");
	EXPECT_EQ(cell(m, 1, 3)->bg, VT_RED);
	EXPECT_EQ(cell(m, 1, 3)->ch, ' ');
	free(m);
}

HTEST(vt_cursor_position)
{
	struct mock *m = mock_new(10, 5, NULL);

	put(m, "\033[3;4HX\033[HY\033[5;10HZ");
	EXPECT_STREQ(text(m), "Y\n\n   X\n\n         Z");
	put(m, "\033[99;99H");		/* clamped */
	EXPECT_EQ(m->vt.row, 4);
	EXPECT_EQ(m->vt.col, 9);
	put(m, "\033[0;0H");		/* 0 means 1 */
	EXPECT_EQ(m->vt.row, 0);
	EXPECT_EQ(m->vt.col, 0);
	put(m, "\033[2f");
	EXPECT_EQ(m->vt.row, 1);
	free(m);
}

HTEST(vt_cursor_moves_relative)
{
	struct mock *m = mock_new(10, 5, NULL);

	put(m, "\033[3;3H\033[2A");
	EXPECT_EQ(m->vt.row, 0);
	put(m, "\033[A\033[9B\033[C");
	EXPECT_EQ(m->vt.row, 4);
	EXPECT_EQ(m->vt.col, 3);
	put(m, "\033[50C");
	EXPECT_EQ(m->vt.col, 9);
	put(m, "\033[4D");
	EXPECT_EQ(m->vt.col, 5);
	put(m, "\033[20D");
	EXPECT_EQ(m->vt.col, 0);
	free(m);
}

HTEST(vt_cursor_move_cancels_pending_wrap)
{
	struct mock *m = mock_new(4, 2, NULL);

	put(m, "abcd\033[1;1Hx");
	EXPECT_STREQ(text(m), "xbcd\n");
	free(m);
}

HTEST(vt_unknown_sequences_are_swallowed)
{
	struct mock *m = mock_new(30, 2, NULL);

	put(m, "a\033[?25lb\033[?1049hc\033]0;title\007d");
	put(m, "\033]2;t\033\\e\033(Bf\0337g\033[5nh\033[38:2:1:2:3mi");
	put(m, "\033[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;31mj");
	put(m, "\033[>0ck\033[1 ql\033Pdcs\033\\m\033[2$pn");
	EXPECT_STREQ(text(m), "abcdefghijklmn\n");
	for (unsigned int i = 0; i < 14; i++)
		EXPECT_EQ(cell(m, 0, i)->fg, VT_DEFAULT_FG);
	free(m);
}

/* Intermediates and ':' sub-parameters make a sequence unknown, not a
 * different known one: ESC [ 2 SP J is not ED, 3:1 is not 31. */
HTEST(vt_malformed_csi_is_not_misread)
{
	struct mock *m = mock_new(10, 2, NULL);

	put(m, "abc\033[2 J\033[3:1md\033[1;?1He");
	EXPECT_STREQ(text(m), "abcde\n");
	EXPECT_EQ(cell(m, 0, 3)->fg, VT_DEFAULT_FG);
	free(m);
}

HTEST(vt_controls_inside_csi_are_executed)
{
	struct mock *m = mock_new(10, 3, NULL);

	put(m, "ab\033[3\n1mc");
	EXPECT_STREQ(text(m), "ab\nc\n");
	EXPECT_EQ(cell(m, 1, 0)->fg, VT_RED);
	free(m);
}

HTEST(vt_cancel_aborts_sequence)
{
	struct mock *m = mock_new(10, 2, NULL);

	put(m, "\033[31\030m\033[1\032x");
	EXPECT_STREQ(text(m), "mx\n");
	EXPECT_EQ(cell(m, 0, 0)->fg, VT_DEFAULT_FG);
	free(m);
}

HTEST(vt_sequences_split_across_writes)
{
	struct mock *m = mock_new(10, 3, NULL);
	const char *s = "\033[2;3H\033[34mok\303\251\033]x\007!";

	for (size_t i = 0; s[i]; i++)
		vt_write(&m->vt, &s[i], 1);
	check(m);
	EXPECT_STREQ(text(m), "\n  ok\351!\n");
	EXPECT_EQ(cell(m, 1, 2)->fg, VT_BLUE);
	free(m);
}

HTEST(vt_utf8_decoding)
{
	struct mock *m = mock_new(30, 2, NULL);

	put(m, "\303\251|\342\202\254|\377|\303A|\300\200|\340\200\201|");
	put(m, "\302\205|\302\240|\200|\360\237\230\200|");
	/* é, € -> ?, bad byte, cut sequence, two overlong forms, NEL
	 * dropped, NBSP, stray continuation, 4-byte emoji -> ? */
	EXPECT_STREQ(text(m), "\351|?|?|?A|??|?||\240|?|?|\n");
	free(m);
}

HTEST(vt_utf8_cut_by_escape)
{
	struct mock *m = mock_new(20, 2, NULL);

	put(m, "\342\202\033[31mx");
	EXPECT_STREQ(text(m), "?x\n");
	EXPECT_EQ(cell(m, 0, 1)->fg, VT_RED);
	free(m);
}

HTEST(vt_lf_without_crlf)
{
	struct mock *m = mock_new(10, 3, NULL);

	m->vt.crlf = false;
	put(m, "ab\ncd\r\nef");
	EXPECT_STREQ(text(m), "ab\n  cd\nef");
	free(m);
}

HTEST(vt_full_reset)
{
	struct mock *m = mock_new(10, 3, NULL);

	put(m, "\033[32mabc\ndef\033cx");
	EXPECT_STREQ(text(m), "x\n\n");
	EXPECT_EQ(cell(m, 0, 0)->fg, VT_DEFAULT_FG);
	free(m);
}

HTEST(vt_one_cell_grid)
{
	struct mock *m = mock_new(1, 1, NULL);

	put(m, "abc\n\t\b\033[5;5Hz\033[2J\033[K");
	EXPECT_STREQ(text(m), "");
	put(m, "q");
	EXPECT_STREQ(text(m), "q");
	free(m);
}

HTEST(vt_dump_text_truncates_safely)
{
	struct mock *m = mock_new(6, 3, NULL);
	const char *want = "abc\n  de\nf";
	size_t full = strlen(want);

	put(m, "abc\n  de\nf");
	for (size_t len = 0; len <= full + 2; len++) {
		char *buf = malloc(len ? len : 1);
		size_t n = vt_dump_text(&m->vt, buf, len);

		EXPECT_EQ(n, len ? MIN(full, len - 1) : 0);
		if (len > 0) {
			EXPECT_EQ(buf[n], '\0');
			EXPECT_MEMEQ(buf, want, n);
		}
		free(buf);
	}
	free(m);
}

HTEST(vt_palette_is_vga)
{
	EXPECT_EQ(vt_palette[VT_BLACK], 0x000000);
	EXPECT_EQ(vt_palette[VT_YELLOW], 0xaa5500);	/* brown */
	EXPECT_EQ(vt_palette[VT_WHITE], 0xaaaaaa);
	EXPECT_EQ(vt_palette[VT_BRIGHT | VT_BLACK], 0x555555);
	EXPECT_EQ(vt_palette[VT_BRIGHT | VT_BLUE], 0x5555ff);
	EXPECT_EQ(vt_palette[VT_BRIGHT | VT_WHITE], 0xffffff);
}

HTEST(vt_region_linefeed_scrolls_only_the_region)
{
	struct mock *m = mock_numbered(10, 6);

	put(m, "\033[5;5H\033[2;4r");
	EXPECT_EQ(m->vt.top, 1);
	EXPECT_EQ(m->vt.bottom, 3);
	EXPECT_EQ(m->vt.row, 0);	/* DECSTBM homes the cursor */
	EXPECT_EQ(m->vt.col, 0);
	m->moves = 0;
	put(m, "\033[4;1H\nA");
	EXPECT_STREQ(text(m), "0\n2\n3\nA\n4\n5");
	EXPECT_EQ(m->vt.row, 3);
	EXPECT_EQ(m->moves, 1);
	/* Below the region a line feed only moves, and stops at the end. */
	put(m, "\033[5;1H\n\n\n");
	EXPECT_EQ(m->vt.row, 5);
	EXPECT_STREQ(text(m), "0\n2\n3\nA\n4\n5");
	free(m);
}

HTEST(vt_region_wrap_at_bottom_scrolls_region)
{
	struct mock *m = mock_new(4, 4, NULL);

	put(m, "\033[3;1Hxx\033[4;1Hyy\033[1;2r");
	put(m, "abcdefghij");
	EXPECT_STREQ(text(m), "efgh\nij\nxx\nyy");
	EXPECT_EQ(m->vt.row, 1);
	free(m);
}

HTEST(vt_reverse_index_scrolls_region_down_at_top)
{
	struct mock *m = mock_numbered(10, 6);

	put(m, "\033[2;4r\033[2;3H\033M");
	EXPECT_STREQ(text(m), "0\n\n1\n2\n4\n5");
	EXPECT_EQ(m->vt.row, 1);
	EXPECT_EQ(m->vt.col, 2);
	put(m, "\033[4;1H\033M");	/* inside the region: just up */
	EXPECT_EQ(m->vt.row, 2);
	put(m, "\033[1;1H\033M");	/* above it, at the top: nothing */
	EXPECT_EQ(m->vt.row, 0);
	EXPECT_STREQ(text(m), "0\n\n1\n2\n4\n5");
	free(m);
}

HTEST(vt_region_invalid_is_ignored_and_reset_by_default)
{
	struct mock *m = mock_new(10, 6, NULL);

	put(m, "\033[2;5r\033[3;3H");
	/* Too small, upside down, past the end. */
	put(m, "\033[4;4r\033[5;3r\033[2;7r");
	EXPECT_EQ(m->vt.top, 1);
	EXPECT_EQ(m->vt.bottom, 4);
	EXPECT_EQ(m->vt.row, 2);		/* not homed either */
	put(m, "\033[r");
	EXPECT_EQ(m->vt.top, 0);
	EXPECT_EQ(m->vt.bottom, 5);
	EXPECT_EQ(m->vt.row, 0);
	put(m, "\033[3;3H\033[;4r");
	EXPECT_EQ(m->vt.top, 0);
	EXPECT_EQ(m->vt.bottom, 3);
	free(m);
}

HTEST(vt_scroll_up_and_down)
{
	struct mock *m = mock_numbered(10, 5);

	put(m, "\033[3;2H\033[2S");
	EXPECT_STREQ(text(m), "2\n3\n4\n\n");
	EXPECT_EQ(m->vt.row, 2);		/* the cursor stays */
	EXPECT_EQ(m->vt.col, 1);
	put(m, "\033[T");
	EXPECT_STREQ(text(m), "\n2\n3\n4\n");
	put(m, "\033[2;3r\033[S");
	EXPECT_STREQ(text(m), "\n3\n\n4\n");
	put(m, "\033[99T");
	EXPECT_STREQ(text(m), "\n\n\n4\n");
	free(m);
}

HTEST(vt_region_scrolls_by_redraw_without_move_op)
{
	struct mock *m = mock_new(6, 5, &mock_ops_noscroll);

	put(m, "a\nb\nc\nd\ne\033[2;4r\033[4;1H\nx\033[2;1H\033My");
	EXPECT_STREQ(text(m), "a\ny\nc\nd\ne");	/* x went off the bottom */
	put(m, "\033[3;1H\033[L");
	EXPECT_STREQ(text(m), "a\ny\n\nc\ne");
	put(m, "\033[M");
	EXPECT_STREQ(text(m), "a\ny\nc\n\ne");
	put(m, "\033[S");
	EXPECT_STREQ(text(m), "a\nc\n\n\ne");
	put(m, "\033[T");
	EXPECT_STREQ(text(m), "a\n\nc\n\ne");
	free(m);
}

HTEST(vt_insert_and_delete_lines)
{
	struct mock *m = mock_numbered(10, 6);

	put(m, "\033[2;5r\033[3;4H\033[L");
	EXPECT_STREQ(text(m), "0\n1\n\n2\n3\n5");
	EXPECT_EQ(m->vt.row, 2);
	EXPECT_EQ(m->vt.col, 3);
	put(m, "\033[2M");
	EXPECT_STREQ(text(m), "0\n1\n3\n\n\n5");
	put(m, "\033[6;1H\033[L\033[1;1H\033[M");	/* outside: ignored */
	EXPECT_STREQ(text(m), "0\n1\n3\n\n\n5");
	put(m, "\033[2;1H\033[99L");
	EXPECT_STREQ(text(m), "0\n\n\n\n\n5");
	free(m);
}

HTEST(vt_insert_lines_whole_screen)
{
	struct mock *m = mock_numbered(10, 4);

	put(m, "\033[2L");
	EXPECT_STREQ(text(m), "\n\n0\n1");
	put(m, "\033[3M");
	EXPECT_STREQ(text(m), "1\n\n\n");
	free(m);
}

HTEST(vt_insert_delete_erase_chars)
{
	struct mock *m = mock_new(10, 2, NULL);

	put(m, "abcdefghij\033[1;3H\033[2@");
	EXPECT_STREQ(text(m), "ab  cdefgh\n");
	EXPECT_EQ(m->vt.col, 2);
	put(m, "\033[3P");
	EXPECT_STREQ(text(m), "abdefgh\n");
	put(m, "\033[2X");
	EXPECT_STREQ(text(m), "ab  fgh\n");
	EXPECT_EQ(m->vt.col, 2);
	put(m, "\033[1;6H\033[99P");
	EXPECT_STREQ(text(m), "ab  f\n");
	put(m, "\033[2;1Hklmnopqrst\033[2;8H\033[99@");
	EXPECT_STREQ(text(m), "ab  f\nklmnopq");
	put(m, "\033[2;5H\033[44m\033[99X\033[m");
	EXPECT_STREQ(text(m), "ab  f\nklmn");
	EXPECT_EQ(cell(m, 1, 9)->bg, VT_BLUE);	/* erased in the colour */
	EXPECT_EQ(cell(m, 1, 3)->bg, VT_DEFAULT_BG);
	free(m);
}

HTEST(vt_delete_char_in_last_column_cancels_wrap)
{
	struct mock *m = mock_new(5, 2, NULL);

	put(m, "abcde\033[Px");
	EXPECT_STREQ(text(m), "abcdx\n");
	EXPECT_EQ(m->vt.row, 0);
	free(m);
}

HTEST(vt_absolute_column_and_row)
{
	struct mock *m = mock_new(10, 5, NULL);

	put(m, "\033[3;3H\033[7G");
	EXPECT_EQ(m->vt.row, 2);
	EXPECT_EQ(m->vt.col, 6);
	put(m, "\033[`");
	EXPECT_EQ(m->vt.col, 0);
	put(m, "\033[4`\033[4d");
	EXPECT_EQ(m->vt.row, 3);
	EXPECT_EQ(m->vt.col, 3);
	put(m, "\033[99d\033[99G");
	EXPECT_EQ(m->vt.row, 4);
	EXPECT_EQ(m->vt.col, 9);
	put(m, "\033[d");
	EXPECT_EQ(m->vt.row, 0);
	EXPECT_EQ(m->vt.col, 9);
	free(m);
}

HTEST(vt_next_and_previous_line)
{
	struct mock *m = mock_new(10, 5, NULL);

	put(m, "\033[2;5H\033[2E");
	EXPECT_EQ(m->vt.row, 3);
	EXPECT_EQ(m->vt.col, 0);
	put(m, "\033[1;5H\033[9E");
	EXPECT_EQ(m->vt.row, 4);
	put(m, "\033[3;5H\033[F");
	EXPECT_EQ(m->vt.row, 1);
	EXPECT_EQ(m->vt.col, 0);
	put(m, "\033[3;5H\033[9F");
	EXPECT_EQ(m->vt.row, 0);
	EXPECT_EQ(m->vt.col, 0);
	free(m);
}

HTEST(vt_index_and_next_line)
{
	struct mock *m = mock_new(10, 3, NULL);

	m->vt.crlf = false;
	put(m, "ab\033Dc\033Ed");
	EXPECT_STREQ(text(m), "ab\n  c\nd");
	put(m, "\033D");			/* at the bottom: scrolls */
	EXPECT_STREQ(text(m), "  c\nd\n");
	EXPECT_EQ(m->vt.row, 2);
	EXPECT_EQ(m->vt.col, 1);
	free(m);
}

HTEST(vt_save_and_restore_cursor)
{
	struct mock *m = mock_new(10, 4, NULL);

	put(m, "\033[2;3H\033[31;1;7m\0337\033[H\033[0mx\0338y");
	EXPECT_EQ(cell(m, 1, 2)->ch, 'y');
	EXPECT_EQ(cell(m, 1, 2)->bg, VT_RED | VT_BRIGHT);	/* reversed */
	EXPECT_EQ(cell(m, 0, 0)->fg, VT_DEFAULT_FG);
	put(m, "\033[0;32m\033[4;5H\033[s\033[44m\033[H\033[uz");
	EXPECT_EQ(cell(m, 3, 4)->ch, 'z');
	EXPECT_EQ(cell(m, 3, 4)->fg, VT_GREEN);
	EXPECT_EQ(cell(m, 3, 4)->bg, VT_DEFAULT_BG);
	free(m);
}

HTEST(vt_restore_without_save_goes_home_in_defaults)
{
	struct mock *m = mock_new(10, 4, NULL);

	put(m, "\033[3;3H\033[32m\0338z");
	EXPECT_EQ(cell(m, 0, 0)->ch, 'z');
	EXPECT_EQ(cell(m, 0, 0)->fg, VT_DEFAULT_FG);
	free(m);
}

HTEST(vt_restore_cancels_pending_wrap)
{
	struct mock *m = mock_new(4, 3, NULL);

	put(m, "\0337abcd\0338x");
	EXPECT_STREQ(text(m), "xbcd\n\n");
	free(m);
}

HTEST(vt_cursor_hide_and_show)
{
	struct mock *m = mock_new(10, 3, NULL);

	EXPECT_TRUE(m->vt.cursor_visible);
	put(m, "ab\033[?25l");
	EXPECT_FALSE(m->vt.cursor_visible);
	EXPECT_FALSE(m->cursor_on);
	put(m, "cd\033[2;2H");			/* moves while hidden */
	EXPECT_FALSE(m->cursor_on);
	put(m, "\033[?25h");
	EXPECT_TRUE(m->vt.cursor_visible);
	EXPECT_TRUE(m->cursor_on);
	EXPECT_EQ(m->cursor_row, 1);
	EXPECT_EQ(m->cursor_col, 1);
	put(m, "\033[25l\033[?1c");		/* no '?', cursor shape: no */
	EXPECT_TRUE(m->vt.cursor_visible);
	put(m, "\033[?7;25l");			/* several modes at once */
	EXPECT_FALSE(m->vt.cursor_visible);
	EXPECT_FALSE(m->vt.autowrap);
	EXPECT_STREQ(text(m), "abcd\n\n");
	free(m);
}

/* Only the old and the new cursor cells are drawn for a cursor move. */
HTEST(vt_cursor_update_is_cheap)
{
	struct mock *m = mock_new(10, 5, NULL);

	m->draws = 0;
	m->cursor_calls = 0;
	put(m, "\033[3;4H\033[B\033[2C\033[5;1H");
	EXPECT_EQ(m->draws, 1);
	EXPECT_EQ(m->cursor_calls, 1);
	put(m, "abc");
	EXPECT_EQ(m->draws, 1 + 1 + 3);
	EXPECT_EQ(m->cursor_calls, 2);
	free(m);
}

HTEST(vt_autowrap_off_overwrites_last_column)
{
	struct mock *m = mock_new(5, 2, NULL);

	put(m, "\033[?7labcdefg");
	EXPECT_STREQ(text(m), "abcdg\n");
	EXPECT_EQ(m->vt.row, 0);
	EXPECT_EQ(m->vt.col, 4);
	EXPECT_FALSE(m->vt.wrap_pending);
	put(m, "\033[?7hxy");
	EXPECT_STREQ(text(m), "abcdx\ny");
	free(m);
}

HTEST(vt_insert_mode)
{
	struct mock *m = mock_new(6, 2, NULL);

	put(m, "abcdef\033[1;1H\033[4hXY\033[4lZ");
	EXPECT_STREQ(text(m), "XYZbcd\n");
	EXPECT_FALSE(m->vt.insert);
	free(m);
}

HTEST(vt_status_reports_answer_through_reply)
{
	struct mock *m = mock_new(20, 12, NULL);

	m->vt.reply = mock_reply;
	m->vt.reply_ctx = m;
	put(m, "\033[3;7H\033[6n");
	EXPECT_STREQ(m->reply, "\033[3;7R");
	m->reply_len = 0;
	put(m, "\033[12;20Hx\033[6n");		/* wrap pending: last column */
	EXPECT_STREQ(m->reply, "\033[12;20R");
	m->reply_len = 0;
	put(m, "\033[c\033[0c\033[5n");
	EXPECT_STREQ(m->reply, "\033[?6c\033[?6c\033[0n");
	m->reply_len = 0;
	put(m, "\033[>c\033[?6n\033[1c\033[n\033[?1c\033[=c");
	EXPECT_EQ(m->reply_len, 0);
	EXPECT_STREQ(text(m), "\n\n\n\n\n\n\n\n\n\n\n                   x");
	free(m);
}

HTEST(vt_status_report_split_across_writes)
{
	struct mock *m = mock_new(20, 12, NULL);

	m->vt.reply = mock_reply;
	m->vt.reply_ctx = m;
	put(m, "\033[10;1");
	put(m, "2H\033[");
	put(m, "6");
	EXPECT_EQ(m->reply_len, 0);
	put(m, "n");
	EXPECT_STREQ(m->reply, "\033[10;12R");
	free(m);
}

HTEST(vt_sgr_underline)
{
	struct mock *m = mock_new(10, 2, NULL);

	put(m, "\033[4ma\033[24mb\033[1;4mc\033[24md\033[4;22me\033[0mf");
	EXPECT_EQ(cell(m, 0, 0)->fg, VT_DEFAULT_FG | VT_BRIGHT);
	EXPECT_EQ(cell(m, 0, 1)->fg, VT_DEFAULT_FG);
	EXPECT_EQ(cell(m, 0, 2)->fg, VT_DEFAULT_FG | VT_BRIGHT);
	EXPECT_EQ(cell(m, 0, 3)->fg, VT_DEFAULT_FG | VT_BRIGHT);  /* bold */
	EXPECT_EQ(cell(m, 0, 4)->fg, VT_DEFAULT_FG | VT_BRIGHT);  /* under */
	EXPECT_EQ(cell(m, 0, 5)->fg, VT_DEFAULT_FG);
	EXPECT_STREQ(text(m), "abcdef\n");
	free(m);
}

/* Sequences of the linux terminfo entry and others this VT leaves out. */
HTEST(vt_other_sequences_are_still_consumed)
{
	struct mock *m = mock_new(30, 3, NULL);

	m->vt.reply = mock_reply;
	m->vt.reply_ctx = m;
	put(m, "a\033[?1049hb\033[?5hc\033[?5ld\033[3ge\033Hf\033(0g");
	put(m, "\033)0h\033[10mi\033[11mj\033[20hk\033[?6hl\033[?1000hm");
	put(m, "\033[2;3;4$zn\033[>5uo\033[=1sp\033[?6rq\033[>1;2mr");
	EXPECT_STREQ(text(m), "abcdefghijklmnopqr\n\n");
	EXPECT_EQ(m->vt.top, 0);
	EXPECT_EQ(m->vt.bottom, 2);
	EXPECT_TRUE(m->vt.autowrap);
	EXPECT_TRUE(m->vt.cursor_visible);
	EXPECT_FALSE(m->vt.insert);
	EXPECT_EQ(m->reply_len, 0);
	for (unsigned int i = 0; i < 18; i++)
		EXPECT_EQ(cell(m, 0, i)->fg, VT_DEFAULT_FG);
	free(m);
}

HTEST(vt_full_reset_resets_modes)
{
	struct mock *m = mock_new(10, 4, NULL);

	put(m, "\033[2;3r\033[?25l\033[?7l\033[4h\033[3;3H\0337\033c");
	EXPECT_EQ(m->vt.top, 0);
	EXPECT_EQ(m->vt.bottom, 3);
	EXPECT_TRUE(m->vt.cursor_visible);
	EXPECT_TRUE(m->vt.autowrap);
	EXPECT_FALSE(m->vt.insert);
	put(m, "\0338x");		/* the saved cursor is gone too */
	EXPECT_EQ(cell(m, 0, 0)->ch, 'x');
	free(m);
}

/* Every answer is a whole, well-formed CSI sequence. */
static void
count_reply(void *ctx, const char *s, size_t len)
{
	unsigned int *count = ctx;

	EXPECT_TRUE(len >= 4 && len < 32);
	EXPECT_TRUE(s[0] == '\033' && s[1] == '[');
	EXPECT_TRUE(s[len - 1] == 'R' || s[len - 1] == 'c' ||
		    s[len - 1] == 'n');
	(*count)++;
}

/* Hostile input: random bytes biased toward the parser's special ones. */
HTEST(vt_random_bytes_keep_invariants)
{
	static const char special[] = "\033[;?0123456789mHJKABCDf\n\r\t\b\007"
				      "\030]\\\303\342\200\251P"
				      "@XLMSTEFG`drsuhlnc78";
	struct mock *m = mock_new(13, 7, NULL);
	uint32_t seed = 12345;
	unsigned int replies = 0;	/* few: checked by count_reply() */
	char buf[64];

	m->vt.reply = count_reply;
	m->vt.reply_ctx = &replies;

	for (int round = 0; round < 4000 && !htest_failed(); round++) {
		for (size_t i = 0; i < sizeof(buf); i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = (seed >> 24) & 1
				? special[(seed >> 8) % (sizeof(special) - 1)]
				: (char)(seed >> 16);
		}
		vt_write(&m->vt, buf, sizeof(buf));
		check(m);
	}
	EXPECT_TRUE(m->vt.top < m->vt.bottom);
	for (size_t i = 0; i < 13 * 7; i++) {
		EXPECT_TRUE(m->cells[i].ch >= 0x20);
		EXPECT_TRUE(m->cells[i].ch < 0x7f || m->cells[i].ch >= 0xa0);
		EXPECT_TRUE(m->cells[i].fg < 16 && m->cells[i].bg < 16);
	}
	free(m);
}

/* @s written to @a at once, and to @b byte by byte (the display brought
 * in step after every byte): both must end with the same grid. */
static void
put_both_ways(struct mock *a, struct mock *b, const char *s)
{
	put(a, s);
	for (size_t i = 0; s[i]; i++) {
		vt_write(&b->vt, &s[i], 1);
		check(b);
	}
	EXPECT_STREQ(text(a), text(b));
	EXPECT_MEMEQ(a->cells, b->cells, sizeof(a->cells));
}

/* Many line feeds at the bottom in one write: the display moves once,
 * by all of them, and only the rows still visible are drawn. */
HTEST(vt_many_scrolls_in_one_write_move_once)
{
	struct mock *m = mock_numbered(10, 12);
	struct mock *ref = mock_numbered(10, 12);

	put(m, "\033[12;1H");
	put(ref, "\033[12;1H");
	m->moves = m->draws = m->cursor_calls = 0;
	put_both_ways(m, ref, "\na\nb\nc\nd\ne\nf\ng\nh");
	EXPECT_STREQ(text(m), "8\n9\n0\n1\na\nb\nc\nd\ne\nf\ng\nh");
	EXPECT_EQ(m->moves, 1);
	/* The old cursor cell, then the 8 rows that came in, once each. */
	EXPECT_EQ(m->draws, 1 + 8 * 10);
	EXPECT_EQ(m->cursor_calls, 1);
	free(m);
	free(ref);
}

/* More line feeds than rows: no move at all, every cell drawn once. */
HTEST(vt_more_scrolls_than_rows_in_one_write)
{
	struct mock *m = mock_numbered(6, 4);
	struct mock *ref = mock_numbered(6, 4);
	char s[128] = "\033[4;1H";

	for (unsigned int i = 0; i < 9; i++)
		snprintf(s + strlen(s), sizeof(s) - strlen(s), "\nline%u", i);
	m->moves = m->draws = 0;
	put_both_ways(m, ref, s);
	EXPECT_STREQ(text(m), "line5\nline6\nline7\nline8");
	EXPECT_EQ(m->moves, 0);
	EXPECT_EQ(m->draws, 1 + 4 * 6);	/* old cursor, then the grid */
	/* Exactly as many scrolls as rows: the same. */
	m->moves = m->draws = 0;
	put_both_ways(m, ref, "\na\nb\nc\nd");
	EXPECT_STREQ(text(m), "a\nb\nc\nd");
	EXPECT_EQ(m->moves, 0);
	EXPECT_EQ(m->draws, 1 + 4 * 6);
	free(m);
	free(ref);
}

/* Scrolls of the whole screen, of a region and of the screen downward,
 * all in one write: each kind is applied in order, before any drawing. */
HTEST(vt_region_scrolls_mixed_with_full_screen_in_one_write)
{
	static const char *const steps[] = {
		"\033[12;1HA\nB\nC",		/* whole screen up 2 */
		"\033[3;6r\033[6;1H\nD\nE",	/* region 3..6 up 2 */
		"\033[r\033[12;1H\nF\nG",	/* whole screen up 2 again */
		"\033[1;1H\033MH\033MI",	/* whole screen down 2 */
		"\033[4;9r\033[4;1H\033[2L",	/* insert lines: 4..9 down */
		"\033[5;1H\033[M\033[M\033[S",	/* delete lines, scroll up */
		"\033[r\033[12;1H\nJ\033[2;11r\033[11;1H\nK\033[r\nL",
	};
	struct mock *m = mock_numbered(8, 12);
	struct mock *ref = mock_numbered(8, 12);
	struct mock *slow = mock_numbered_ops(8, 12, &mock_ops_noscroll);
	char all[512] = "";

	for (size_t i = 0; i < ARRAY_SIZE(steps); i++)
		strcat(all, steps[i]);
	m->moves = 0;
	put_both_ways(m, ref, all);
	put(slow, all);
	EXPECT_STREQ(text(m), text(slow));
	EXPECT_STREQ(text(m), "H\nL\nE\n8\n\n\n\nA\nB\nC\nK\nJ");
	EXPECT_EQ(m->moves, 9);		/* one per change of region */
	free(m);
	free(ref);
	free(slow);
}

/* A write that only moves the cursor draws the old cursor cell and the
 * new cursor, nothing else, even right after a scroll. */
HTEST(vt_cursor_only_write_after_scroll)
{
	struct mock *m = mock_numbered(10, 5);

	put(m, "\033[5;1H\nabc\n");
	m->moves = m->draws = m->cursor_calls = 0;
	put(m, "\033[2;3H\033[A\033[3C");
	EXPECT_EQ(m->moves, 0);
	EXPECT_EQ(m->draws, 1);
	EXPECT_EQ(m->cursor_calls, 1);
	EXPECT_EQ(m->cursor_row, 0);
	EXPECT_EQ(m->cursor_col, 5);
	put(m, "");			/* an empty write: the same */
	EXPECT_EQ(m->moves, 0);
	EXPECT_EQ(m->draws, 2);
	EXPECT_EQ(m->cursor_calls, 2);
	free(m);
}

/* Erasing the whole screen makes a pending move useless: none is done. */
HTEST(vt_erase_display_drops_pending_scroll)
{
	struct mock *m = mock_numbered(10, 5);

	m->moves = 0;
	put(m, "\033[5;1H\n\n\033[2J\033[Hx\ny");
	EXPECT_EQ(m->moves, 0);
	EXPECT_STREQ(text(m), "x\ny\n\n\n");
	m->moves = 0;
	put(m, "\n\n\033cz");
	EXPECT_EQ(m->moves, 0);
	EXPECT_STREQ(text(m), "z\n\n\n\n");
	free(m);
}

/* Long random writes heavy in line feeds and scrolling sequences, with and
 * without a move op: the display always ends in step with the grid. */
HTEST(vt_random_scrolling_writes_keep_display_in_step)
{
	static const char special[] = "\n\n\n\n\033[;1234r\033M\033D\033E"
				      "\033[L\033[M\033[S\033[T\033[J\033[K"
				      "\033[H\033[5;1H\033[9;1Habc\r\b\t";
	struct mock *m = mock_new(11, 9, NULL);
	struct mock *slow = mock_new(11, 9, &mock_ops_noscroll);
	uint32_t seed = 4242;
	char buf[512];

	for (int round = 0; round < 600 && !htest_failed(); round++) {
		size_t len = 1 + (seed >> 7) % (sizeof(buf) - 1);

		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = (seed >> 24) % 4
				? special[(seed >> 8) % (sizeof(special) - 1)]
				: (char)(seed >> 16);
		}
		vt_write(&m->vt, buf, len);
		check(m);
		vt_write(&slow->vt, buf, len);
		check(slow);
		EXPECT_MEMEQ(m->cells, slow->cells, sizeof(m->cells));
	}
	free(m);
	free(slow);
}
