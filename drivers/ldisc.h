/*
 * drivers/ldisc.h: the terminal line discipline (drivers/ldisc.c).
 *
 * Pure code (no locks, no sleeping, unit-tested on the host): it turns
 * the bytes a terminal receives into what readers get, applying the
 * termios input flags, canonical line editing (erase, kill, word erase,
 * end of file), signal characters and echo; and it applies the output
 * flags to what programs write.  The TTY driver (issue 9's work) owns the
 * locking, the wait queues, the foreground process group, and calls in.
 *
 * The termios structure is the kernel's x86_64 layout that TCGETS/TCSETS
 * copy (36 bytes: four flag words, c_line, 19 control characters).
 */
#pragma once
#include "kernel/types.h"

#define LDISC_NCCS	19
#define LDISC_BUF	4096		/* as Linux's N_TTY_BUF_SIZE */
#define LDISC_LINES	(LDISC_BUF + 64)

/* c_cc indices (Linux) */
#define VINTR	0
#define VQUIT	1
#define VERASE	2
#define VKILL	3
#define VEOF	4
#define VTIME	5
#define VMIN	6
#define VSTART	8
#define VSTOP	9
#define VSUSP	10
#define VEOL	11
#define VREPRINT 12
#define VWERASE	14
#define VLNEXT	15
#define VEOL2	16

/* c_iflag */
#define IGNBRK	0000001
#define BRKINT	0000002
#define ISTRIP	0000040
#define INLCR	0000100
#define IGNCR	0000200
#define ICRNL	0000400
#define IXON	0002000
#define IUTF8	0040000
/* c_oflag */
#define OPOST	0000001
#define ONLCR	0000004
#define OCRNL	0000010
/* c_lflag */
#define ISIG	0000001
#define ICANON	0000002
#define ECHO	0000010
#define ECHOE	0000020
#define ECHOK	0000040
#define ECHONL	0000100
#define NOFLSH	0000200
#define TOSTOP	0000400
#define ECHOCTL	0001000
#define ECHOKE	0004000
#define IEXTEN	0100000
/* c_cflag */
#define CS8	0000060
#define CREAD	0000200
#define B38400	0000017

struct termios_k {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t	 c_line;
	uint8_t	 c_cc[LDISC_NCCS];
};

/* What the line discipline asks of its terminal. */
struct ldisc_ops {
	/* echo @len bytes to the screen or line (already output-processed) */
	void	(*echo)(void *ctx, const char *s, size_t len);
	/* raise @sig (SIGINT, SIGQUIT, SIGTSTP) in the foreground group */
	void	(*signal)(void *ctx, int sig);
};

struct ldisc {
	struct termios_k t;
	const struct ldisc_ops *ops;
	void	*ctx;
	char	 line[LDISC_BUF];	/* the line being edited (canonical) */
	size_t	 line_len;
	char	 ready[LDISC_BUF];	/* bytes readers may take (a ring) */
	size_t	 rhead, rlen;
	/* Canonical mode: a ring of the lengths of the complete lines in
	 * ready, oldest at lhead; a 0 is an end of file (VEOF on an empty
	 * line).  As many entries as ready has bytes, plus room for ends of
	 * file: a line is only ever dropped whole, never merged. */
	uint16_t line_lens[LDISC_LINES];
	size_t	 lhead, nlines;
	bool	 lnext;			/* VLNEXT: take the next byte as is */
};

/* ldisc_init - Linux's defaults: ICRNL, OPOST|ONLCR, ISIG|ICANON|ECHO... */
void	ldisc_init(struct ldisc *ld, const struct ldisc_ops *ops, void *ctx);

/* ldisc_set - new settings (TCSETS); leaving canonical mode hands the
 * partial line to readers, as Linux does. */
void	ldisc_set(struct ldisc *ld, const struct termios_k *t);

/* ldisc_input - one received byte. */
void	ldisc_input(struct ldisc *ld, uint8_t c);

/*
 * ldisc_readable - whether a read would return now: in canonical mode a
 * complete line or an end of file; otherwise VMIN bytes, or one when
 * VMIN is 0 or VTIME is set (VTIME's timer is the driver's; poll()
 * reports a byte, as Linux's does).
 */
bool	ldisc_readable(const struct ldisc *ld);

/*
 * ldisc_read - take up to @len bytes for a reader: in canonical mode at
 * most one line.  Returns the count; 0 with *@eof set at end of file.
 */
size_t	ldisc_read(struct ldisc *ld, char *buf, size_t len, bool *eof);

/*
 * ldisc_output - apply the output flags to @len bytes written by a
 * program, into @out of @cap bytes.  Returns the bytes produced; *@used
 * says how many input bytes fitted.
 */
size_t	ldisc_output(const struct ldisc *ld, const char *in, size_t len,
		     char *out, size_t cap, size_t *used);

/* ldisc_flush - drop everything typed but not read (signals, TCFLSH). */
void	ldisc_flush(struct ldisc *ld);
