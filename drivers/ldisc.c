/*
 * drivers/ldisc.c: the terminal line discipline (drivers/ldisc.h).
 *
 * Canonical mode keeps the line being edited apart from the bytes readers
 * may take: only a newline, VEOL or VEOF moves it over, which is what
 * makes erase and kill work on the current line only.
 */
#include "drivers/ldisc.h"
#include "kernel/string.h"

#define SIGINT_K	2
#define SIGQUIT_K	3
#define SIGTSTP_K	20
#define CTRL(c)		((c) & 0x1f)
#define DEL		0x7f

void
ldisc_init(struct ldisc *ld, const struct ldisc_ops *ops, void *ctx)
{
	memset(ld, 0, sizeof(*ld));
	ld->ops = ops;
	ld->ctx = ctx;
	ld->t.c_iflag = ICRNL | IXON | IUTF8;
	ld->t.c_oflag = OPOST | ONLCR;
	ld->t.c_cflag = B38400 | CS8 | CREAD;
	ld->t.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL |
			ECHOKE | IEXTEN;
	ld->t.c_cc[VINTR] = CTRL('C');
	ld->t.c_cc[VQUIT] = CTRL('\\');
	ld->t.c_cc[VERASE] = DEL;
	ld->t.c_cc[VKILL] = CTRL('U');
	ld->t.c_cc[VEOF] = CTRL('D');
	ld->t.c_cc[VMIN] = 1;
	ld->t.c_cc[VSTART] = CTRL('Q');
	ld->t.c_cc[VSTOP] = CTRL('S');
	ld->t.c_cc[VSUSP] = CTRL('Z');
	ld->t.c_cc[VREPRINT] = CTRL('R');
	ld->t.c_cc[VWERASE] = CTRL('W');
	ld->t.c_cc[VLNEXT] = CTRL('V');
}

static void
echo(struct ldisc *ld, const char *s, size_t len)
{
	char out[64];
	size_t used, n;

	while (len > 0) {
		n = ldisc_output(ld, s, len, out, sizeof(out), &used);
		ld->ops->echo(ld->ctx, out, n);
		s += used;
		len -= used;
	}
}

/* echo_char - echo @c as typed: control characters as ^X (ECHOCTL). */
static void
echo_char(struct ldisc *ld, uint8_t c)
{
	char caret[2] = { '^', (char)(c == DEL ? '?' : c + '@') };

	if (!(ld->t.c_lflag & ECHO))
		return;
	if ((c < 32 || c == DEL) && c != '\n' && c != '\t' &&
	    (ld->t.c_lflag & ECHOCTL))
		echo(ld, caret, 2);
	else
		echo(ld, (const char *)&c, 1);
}

/* push_ready - append to the readers' ring; false when it is full. */
static bool
push_ready(struct ldisc *ld, const char *s, size_t len)
{
	if (ld->rlen + len > LDISC_BUF)
		return false;
	for (size_t i = 0; i < len; i++)
		ld->ready[(ld->rhead + ld->rlen + i) % LDISC_BUF] = s[i];
	ld->rlen += len;
	return true;
}

/* line_push - record a complete line of @len bytes (0: an end of file);
 * false when the ring is full. */
static bool
line_push(struct ldisc *ld, size_t len)
{
	if (ld->nlines == LDISC_LINES)
		return false;
	ld->line_lens[(ld->lhead + ld->nlines++) % LDISC_LINES] = (uint16_t)len;
	return true;
}

/* line_pop - forget the oldest line (read to its end). */
static void
line_pop(struct ldisc *ld)
{
	ld->lhead = (ld->lhead + 1) % LDISC_LINES;
	ld->nlines--;
}

/* finish_line - the edited line (plus @term if any) becomes readable.
 * When readers are so far behind that it does not fit, the line is
 * dropped whole: never merged with the next. */
static void
finish_line(struct ldisc *ld, int term)
{
	size_t len = ld->line_len + (term >= 0);

	if (term >= 0)
		ld->line[ld->line_len] = (char)term;
	ld->line_len = 0;
	if (ld->nlines == LDISC_LINES || ld->rlen + len > LDISC_BUF)
		return;
	push_ready(ld, ld->line, len);
	line_push(ld, len);
}

/* erase_one - remove the last character of the line (and from the
 * screen): with IUTF8 a whole UTF-8 sequence, which shows as one. */
static bool
erase_one(struct ldisc *ld)
{
	uint8_t c;

	if (ld->line_len == 0)
		return false;
	c = (uint8_t)ld->line[--ld->line_len];
	if (ld->t.c_iflag & IUTF8)
		while ((c & 0xc0) == 0x80 && ld->line_len > 0 &&
		       ((uint8_t)ld->line[ld->line_len - 1] & 0x80))
			c = (uint8_t)ld->line[--ld->line_len];
	if ((ld->t.c_lflag & (ECHO | ECHOE)) == (ECHO | ECHOE)) {
		echo(ld, "\b \b", 3);
		if ((c < 32 || c == DEL) && (ld->t.c_lflag & ECHOCTL))
			echo(ld, "\b \b", 3);	/* the ^X took two columns */
	}
	return true;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* word_erase - VWERASE: blanks, then the word before them. */
static void
word_erase(struct ldisc *ld)
{
	while (ld->line_len && is_space(ld->line[ld->line_len - 1]))
		erase_one(ld);
	while (ld->line_len && !is_space(ld->line[ld->line_len - 1]))
		erase_one(ld);
}

/* kill_line - VKILL: with ECHOKE (and ECHOE) the line is erased from
 * the screen too; otherwise ECHOK echoes the kill character and a
 * newline, and the user types on the next line (POSIX allows both). */
static void
kill_line(struct ldisc *ld, uint8_t c)
{
	uint32_t l = ld->t.c_lflag;

	if ((l & ECHOKE) && (l & ECHOE)) {
		while (erase_one(ld))
			;
		return;
	}
	ld->line_len = 0;
	if ((l & ECHO) && (l & ECHOK)) {
		echo_char(ld, c);
		echo(ld, "\n", 1);
	}
}

/* signal_char - ISIG: @c raises a signal; returns whether it did. */
static bool
signal_char(struct ldisc *ld, uint8_t c)
{
	int sig = 0;

	if (!(ld->t.c_lflag & ISIG) || c == 0)
		return false;
	if (c == ld->t.c_cc[VINTR])
		sig = SIGINT_K;
	else if (c == ld->t.c_cc[VQUIT])
		sig = SIGQUIT_K;
	else if (c == ld->t.c_cc[VSUSP])
		sig = SIGTSTP_K;
	if (!sig)
		return false;
	if (!(ld->t.c_lflag & NOFLSH))
		ldisc_flush(ld);
	echo_char(ld, c);
	ld->ops->signal(ld->ctx, sig);
	return true;
}

/* canonical - one byte in canonical mode. */
static void
canonical(struct ldisc *ld, uint8_t c)
{
	const uint8_t *cc = ld->t.c_cc;
	bool ext = ld->t.c_lflag & IEXTEN;

	if (ext && c && c == cc[VLNEXT]) {
		ld->lnext = true;		/* the next byte is data */
		echo_char(ld, c);
		if (ld->t.c_lflag & ECHO)
			echo(ld, "\b", 1);	/* and will overwrite the ^ */
	} else if (ext && c && c == cc[VREPRINT]) {
		echo_char(ld, c);
		echo(ld, "\n", 1);
		echo(ld, ld->line, ld->line_len);
	} else if (c == cc[VERASE] || (c == '\b' && cc[VERASE] == DEL)) {
		erase_one(ld);
	} else if (c == cc[VKILL]) {
		kill_line(ld, c);
	} else if (c == cc[VWERASE] && ext) {
		word_erase(ld);
	} else if (c == cc[VEOF] && c) {
		finish_line(ld, -1);		/* empty: an end of file */
	} else if (c == '\n' || (c && (c == cc[VEOL] || c == cc[VEOL2]))) {
		if ((ld->t.c_lflag & ECHO) || (c == '\n' && (ld->t.c_lflag & ECHONL)))
			echo(ld, (const char *)&c, 1);
		finish_line(ld, c);
	} else if (ld->line_len < LDISC_BUF - 1) {
		ld->line[ld->line_len++] = (char)c;
		echo_char(ld, c);
	}
}

/* ldisc_input - see ldisc.h. */
void
ldisc_input(struct ldisc *ld, uint8_t c)
{
	uint32_t i = ld->t.c_iflag;

	if (i & ISTRIP)
		c &= 0x7f;
	if (c == '\r' && (i & IGNCR))
		return;
	if (c == '\r' && (i & ICRNL))
		c = '\n';
	else if (c == '\n' && (i & INLCR))
		c = '\r';
	if (ld->lnext) {			/* after VLNEXT: plain data */
		ld->lnext = false;
		if ((ld->t.c_lflag & ICANON) && ld->line_len < LDISC_BUF - 1) {
			ld->line[ld->line_len++] = (char)c;
			echo_char(ld, c);
			return;
		}
	} else if (signal_char(ld, c)) {
		return;
	} else if (ld->t.c_lflag & ICANON) {
		canonical(ld, c);
		return;
	}
	if (push_ready(ld, (const char *)&c, 1))
		echo_char(ld, c);
}

/* ldisc_set - see ldisc.h. */
void
ldisc_set(struct ldisc *ld, const struct termios_k *t)
{
	bool was_canon = ld->t.c_lflag & ICANON;
	bool canon = t->c_lflag & ICANON;

	ld->t = *t;
	ld->lnext = false;
	if (was_canon && !canon) {
		push_ready(ld, ld->line, ld->line_len);	/* raw from now on */
		ld->line_len = 0;
		ld->nlines = ld->lhead = 0;
	} else if (!was_canon && canon && ld->rlen > 0) {
		/* bytes typed in raw mode: one line readers may take */
		ld->nlines = ld->lhead = 0;
		line_push(ld, ld->rlen);
	}
}

bool
ldisc_readable(const struct ldisc *ld)
{
	size_t min = ld->t.c_cc[VMIN] && !ld->t.c_cc[VTIME] ?
		     ld->t.c_cc[VMIN] : 1;

	if (ld->t.c_lflag & ICANON)
		return ld->nlines > 0;
	return ld->rlen >= min;
}

/* take - copy @n bytes out of the ring. */
static void
take(struct ldisc *ld, char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = ld->ready[(ld->rhead + i) % LDISC_BUF];
	ld->rhead = (ld->rhead + n) % LDISC_BUF;
	ld->rlen -= n;
}

/* ldisc_read - see ldisc.h. */
size_t
ldisc_read(struct ldisc *ld, char *buf, size_t len, bool *eof)
{
	uint16_t *front = &ld->line_lens[ld->lhead];
	size_t n;

	*eof = false;
	if (!(ld->t.c_lflag & ICANON)) {
		n = MIN(len, ld->rlen);
		take(ld, buf, n);
		return n;
	}
	if (ld->nlines == 0)
		return 0;
	if (*front == 0) {			/* an end of file */
		*eof = true;
		line_pop(ld);
		return 0;
	}
	n = MIN(len, (size_t)*front);
	take(ld, buf, n);
	if ((*front -= (uint16_t)n) == 0)
		line_pop(ld);
	return n;
}

/* ldisc_output - see ldisc.h: ONLCR turns "\n" into "\r\n", OCRNL "\r"
 * into "\n"; nothing changes without OPOST. */
size_t
ldisc_output(const struct ldisc *ld, const char *in, size_t len, char *out,
	     size_t cap, size_t *used)
{
	uint32_t o = ld->t.c_oflag;
	size_t n = 0, i;

	for (i = 0; i < len; i++) {
		char c = in[i];
		bool crlf = (o & OPOST) && (o & ONLCR) && c == '\n';
		if (n + 1 + crlf > cap)
			break;
		if (crlf)
			out[n++] = '\r';
		else if ((o & OPOST) && (o & OCRNL) && c == '\r')
			c = '\n';
		out[n++] = c;
	}
	*used = i;
	return n;
}

/* ldisc_flush - see ldisc.h. */
void
ldisc_flush(struct ldisc *ld)
{
	ld->line_len = 0;
	ld->rhead = ld->rlen = 0;
	ld->nlines = ld->lhead = 0;
	ld->lnext = false;
}
