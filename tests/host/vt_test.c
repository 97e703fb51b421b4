/*
 * tests/host/vt_test.c: the VT100/ANSI parser and grid (drivers/vt.c).
 *
 * A mock backend keeps its own copy of what it was told to draw ("shown")
 * and shifts it on scroll_up, poisoning the row the VT must redraw.  After
 * every write, check() demands that the shown copy equals the VT's cells,
 * so a cell changed without a draw_cell() call, or drawn while the cursor
 * was visible, fails the test.  Text is compared through vt_dump_text().
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/vt.h"
#include "tests/host/htest.h"

#define MAX_COLS	40
#define MAX_ROWS	12

struct mock {
	struct vt	vt;
	struct vt_cell	cells[MAX_COLS * MAX_ROWS];
	struct vt_cell	shown[MAX_COLS * MAX_ROWS];
	unsigned int	draws, scrolls;
	int		cursor_shown;
};

static void
mock_draw(struct vt *vt, unsigned int row, unsigned int col)
{
	struct mock *m = vt->priv;

	if (!EXPECT_TRUE(row < vt->rows && col < vt->cols))
		return;
	EXPECT_FALSE(m->cursor_shown);
	m->shown[row * vt->cols + col] = *vt_cell_at(vt, row, col);
	m->draws++;
}

static void
mock_scroll(struct vt *vt)
{
	struct mock *m = vt->priv;
	size_t keep = (size_t)(vt->rows - 1) * vt->cols;

	EXPECT_FALSE(m->cursor_shown);
	memmove(m->shown, m->shown + vt->cols, keep * sizeof(m->shown[0]));
	for (unsigned int c = 0; c < vt->cols; c++)	/* must be redrawn */
		m->shown[keep + c] = (struct vt_cell){'#', 1, 2};
	m->scrolls++;
}

static void
mock_cursor(struct vt *vt, bool show)
{
	struct mock *m = vt->priv;

	EXPECT_EQ(m->cursor_shown, !show);
	m->cursor_shown = show;
}

static const struct vt_ops mock_ops = {
	.draw_cell = mock_draw,
	.scroll_up = mock_scroll,
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

	ops = ops ? ops : &mock_ops;
	m->cursor_shown = ops->cursor != NULL;	/* vt_clear() first hides */
	vt_init(&m->vt, ops, m, m->cells, cols, rows);
	vt_clear(&m->vt);
	return m;
}

/* The display is in step with the grid and the cursor inside it. */
static void
check(struct mock *m)
{
	struct vt *vt = &m->vt;

	EXPECT_MEMEQ(m->shown, m->cells,
		     (size_t)vt->rows * vt->cols * sizeof(m->cells[0]));
	EXPECT_TRUE(vt->row < vt->rows);
	EXPECT_TRUE(vt->col < vt->cols);
	if (vt->ops->cursor)
		EXPECT_TRUE(m->cursor_shown);
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
	EXPECT_EQ(m->scrolls, 2);
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

/* Hostile input: random bytes biased toward the parser's special ones. */
HTEST(vt_random_bytes_keep_invariants)
{
	static const char special[] = "\033[;?0123456789mHJKABCDf\n\r\t\b\007"
				      "\030]\\\303\342\200\251P";
	struct mock *m = mock_new(13, 7, NULL);
	uint32_t seed = 12345;
	char buf[64];

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
	for (size_t i = 0; i < 13 * 7; i++) {
		EXPECT_TRUE(m->cells[i].ch >= 0x20);
		EXPECT_TRUE(m->cells[i].ch < 0x7f || m->cells[i].ch >= 0xa0);
		EXPECT_TRUE(m->cells[i].fg < 16 && m->cells[i].bg < 16);
	}
	free(m);
}
