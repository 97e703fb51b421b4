/*
 * tests/host/ldisc_test.c: the terminal line discipline, byte by byte.
 */
#include <string.h>

#include <stdio.h>

#include "drivers/ldisc.h"
#include "tests/host/htest.h"

static char echoed[512];
static size_t echoed_len;
static int last_signal;

static void
cap_echo(void *ctx, const char *s, size_t len)
{
	(void)ctx;
	if (echoed_len + len < sizeof(echoed)) {
		memcpy(echoed + echoed_len, s, len);
		echoed_len += len;
		echoed[echoed_len] = '\0';
	}
}

static void
cap_signal(void *ctx, int sig)
{
	(void)ctx;
	last_signal = sig;
}

static const struct ldisc_ops ops = { .echo = cap_echo, .signal = cap_signal };
static struct ldisc ld;

static void
fresh(void)
{
	ldisc_init(&ld, &ops, NULL);
	echoed_len = 0;
	echoed[0] = '\0';
	last_signal = 0;
}

static void
type(const char *s)
{
	while (*s)
		ldisc_input(&ld, (uint8_t)*s++);
}

/* read_all - one read of up to 128 bytes as a string. */
static const char *
read_once(bool *eof)
{
	static char buf[129];
	size_t n = ldisc_read(&ld, buf, 128, eof);

	buf[n] = '\0';
	return buf;
}

HTEST(ldisc_canonical_line_and_echo)
{
	bool eof;

	fresh();
	type("ls");
	EXPECT_TRUE(!ldisc_readable(&ld));	/* no newline yet */
	type("\r");				/* ICRNL */
	EXPECT_TRUE(ldisc_readable(&ld));
	EXPECT_STREQ(read_once(&eof), "ls\n");
	EXPECT_TRUE(!eof);
	EXPECT_STREQ(echoed, "ls\r\n");		/* ONLCR on the echo */
	EXPECT_TRUE(!ldisc_readable(&ld));
}

HTEST(ldisc_erase_kill_and_word_erase)
{
	bool eof;

	fresh();
	type("abx\x7f" "c\n");			/* DEL erases x */
	EXPECT_STREQ(read_once(&eof), "abc\n");
	type("junk\x15" "ok\n");		/* ^U kills the line */
	EXPECT_STREQ(read_once(&eof), "ok\n");
	type("one two\x17" "three\n");		/* ^W erases "two" */
	EXPECT_STREQ(read_once(&eof), "one three\n");
	fresh();
	type("a\x7f");
	EXPECT_STREQ(echoed, "a\b \b");
}

HTEST(ldisc_eof_on_empty_line_and_partial_line)
{
	bool eof;

	fresh();
	type("\x04");				/* ^D on an empty line */
	EXPECT_TRUE(ldisc_readable(&ld));
	EXPECT_STREQ(read_once(&eof), "");
	EXPECT_TRUE(eof);
	type("part\x04");			/* ^D ends a line without \n */
	EXPECT_STREQ(read_once(&eof), "part");
	EXPECT_TRUE(!eof);
}

HTEST(ldisc_lines_read_one_at_a_time_and_in_pieces)
{
	char buf[8];
	bool eof;

	fresh();
	type("first\nsecond\n");
	EXPECT_STREQ(read_once(&eof), "first\n");
	EXPECT_EQ(ldisc_read(&ld, buf, 3, &eof), 3);	/* "sec" */
	EXPECT_EQ(memcmp(buf, "sec", 3), 0);
	EXPECT_STREQ(read_once(&eof), "ond\n");
}

HTEST(ldisc_signal_characters)
{
	bool eof;

	fresh();
	type("half");
	type("\x03");				/* ^C */
	EXPECT_EQ(last_signal, 2);
	EXPECT_STREQ(echoed, "half^C");
	type("x\n");				/* the half line was flushed */
	EXPECT_STREQ(read_once(&eof), "x\n");
	type("\x1c");
	EXPECT_EQ(last_signal, 3);
	type("\x1a");
	EXPECT_EQ(last_signal, 20);
	ld.t.c_lflag &= ~ISIG;
	last_signal = 0;
	type("\x03\n");				/* now just a byte */
	EXPECT_EQ(last_signal, 0);
	EXPECT_STREQ(read_once(&eof), "\x03\n");
}

HTEST(ldisc_raw_mode_vmin_and_no_echo)
{
	struct termios_k t;
	bool eof;

	fresh();
	type("pa");				/* a partial canonical line */
	t = ld.t;
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 3;
	ldisc_set(&ld, &t);
	EXPECT_TRUE(!ldisc_readable(&ld));	/* 2 bytes < VMIN */
	echoed_len = 0;
	echoed[0] = '\0';
	type("\x7f");				/* no editing in raw mode */
	EXPECT_TRUE(ldisc_readable(&ld));
	EXPECT_STREQ(read_once(&eof), "pa\x7f");
	EXPECT_STREQ(echoed, "");
}

HTEST(ldisc_output_processing)
{
	char out[16];
	size_t used, n;

	fresh();
	n = ldisc_output(&ld, "a\nb", 3, out, sizeof(out), &used);
	EXPECT_EQ(n, 4);
	EXPECT_EQ(memcmp(out, "a\r\nb", 4), 0);
	EXPECT_EQ(used, 3);
	n = ldisc_output(&ld, "\n\n", 2, out, 3, &used);  /* room for one */
	EXPECT_EQ(n, 2);
	EXPECT_EQ(used, 1);
	ld.t.c_oflag &= ~OPOST;
	n = ldisc_output(&ld, "a\n", 2, out, sizeof(out), &used);
	EXPECT_EQ(n, 2);
	EXPECT_EQ(memcmp(out, "a\n", 2), 0);
}

HTEST(ldisc_full_buffers_drop_instead_of_overflowing)
{
	bool eof;
	char want[16];

	fresh();
	for (int i = 0; i < 3 * LDISC_BUF; i++)
		ldisc_input(&ld, 'x');
	EXPECT_TRUE(ld.line_len <= LDISC_BUF - 1);
	ldisc_flush(&ld);
	for (int i = 0; i < 200; i++) {		/* many short lines */
		snprintf(want, sizeof(want), "l%d\n", i);
		type(want);
	}
	for (int i = 0; i < 200; i++) {		/* each read back whole */
		snprintf(want, sizeof(want), "l%d\n", i);
		EXPECT_STREQ(read_once(&eof), want);
	}
	for (int i = 0; i < 2000; i++)		/* 4 KiB and more */
		type("ab\n");
	EXPECT_TRUE(ld.rlen <= LDISC_BUF);
	for (size_t i = 0; i < LDISC_BUF / 3; i++)
		EXPECT_STREQ(read_once(&eof), "ab\n");
	EXPECT_TRUE(!ldisc_readable(&ld));	/* the rest was dropped whole */
	type("z\n");
	EXPECT_STREQ(read_once(&eof), "z\n");
}

HTEST(ldisc_kill_echoes_per_echok_and_echoke)
{
	bool eof;

	fresh();				/* ECHOKE ECHOE: erased */
	type("ab\x15");
	EXPECT_STREQ(echoed, "ab\b \b\b \b");
	fresh();
	ld.t.c_lflag &= ~ECHOKE;		/* ECHOK: ^U and a newline */
	type("ab\x15" "c\n");
	EXPECT_STREQ(echoed, "ab^U\r\nc\r\n");
	EXPECT_STREQ(read_once(&eof), "c\n");
}

HTEST(ldisc_raw_bytes_become_a_line_back_in_canonical_mode)
{
	struct termios_k raw, cooked;
	bool eof;

	fresh();
	cooked = raw = ld.t;
	raw.c_lflag &= ~ICANON;
	ldisc_set(&ld, &raw);
	type("hello\r");			/* typed ahead in raw mode */
	ldisc_set(&ld, &cooked);
	type("x\r");
	EXPECT_STREQ(read_once(&eof), "hello\n");
	EXPECT_STREQ(read_once(&eof), "x\n");
}

HTEST(ldisc_erase_takes_a_whole_utf8_character)
{
	bool eof;

	fresh();
	type("a\xc3\xa9\x7f" "b\n");		/* a, e-acute, DEL */
	EXPECT_STREQ(read_once(&eof), "ab\n");
	EXPECT_STREQ(echoed, "a\xc3\xa9\b \bb\r\n");
	ld.t.c_iflag &= ~IUTF8;
	type("\xc3\xa9\x7f\n");			/* without IUTF8: one byte */
	EXPECT_STREQ(read_once(&eof), "\xc3\n");
}

HTEST(ldisc_lnext_quotes_and_reprint_redraws)
{
	bool eof;

	fresh();
	type("a\x16\x03" "b\n");		/* ^V ^C: a literal ^C */
	EXPECT_EQ(last_signal, 0);
	EXPECT_STREQ(read_once(&eof), "a\x03" "b\n");
	fresh();
	type("abc\x12");			/* ^R */
	EXPECT_STREQ(echoed, "abc^R\r\nabc");
}

HTEST(ldisc_vtime_reads_are_ready_at_one_byte)
{
	struct termios_k t;

	fresh();
	t = ld.t;
	t.c_lflag &= ~ICANON;
	t.c_cc[VMIN] = 4;
	t.c_cc[VTIME] = 5;
	ldisc_set(&ld, &t);
	EXPECT_TRUE(!ldisc_readable(&ld));
	type("x");
	EXPECT_TRUE(ldisc_readable(&ld));	/* poll: VTIME runs from here */
	t.c_cc[VTIME] = 0;
	ldisc_set(&ld, &t);
	EXPECT_TRUE(!ldisc_readable(&ld));	/* VMIN 4 alone: not yet */
}
