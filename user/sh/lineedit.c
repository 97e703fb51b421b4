/*
 * user/sh/lineedit.c: interactive line editor with history and tab
 * completion.  Uses termios raw mode; if the terminal does not answer
 * TCGETS (not a terminal) it falls back to plain reads.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include "sh.h"

#define LINE_MAX_LEN 4096
#define HIST_MAX     500

struct ed {
	char buf[LINE_MAX_LEN];
	size_t len, cur;
	const char *prompt;
	int hpos;    /* history index being shown */
	int lasttab; /* previous key was TAB */
	int echoed;  /* the last key only appended a byte, already shown */
};

static char *hist[HIST_MAX];
static int nhist;
static int hdropped; /* entries forgotten so far: keeps numbers stable */

/* lineedit_history_add - remember @line (skipping immediate repeats). */
void
lineedit_history_add(const char *line)
{
	if (nhist && strcmp(hist[nhist - 1], line) == 0)
		return;
	if (nhist == HIST_MAX) {
		free(hist[0]);
		memmove(hist, hist + 1, (HIST_MAX - 1) * sizeof(*hist));
		nhist--;
		hdropped++;
	}
	hist[nhist++] = xstrdup(line);
}

/*
 * builtin_history - "history [n]": list the remembered command lines
 * (the last @n only), numbered from the first line of the session, as
 * bash and ksh do.  Returns 0, or 2 for a bad count.
 */
int
builtin_history(int argc, char **argv)
{
	char *end;
	long n = nhist;
	int i;

	if (argc > 1) {
		n = strtol(argv[1], &end, 10);
		if (!*argv[1] || *end || n < 0) {
			sh_error("history: %s: bad number", argv[1]);
			return 2;
		}
	}
	for (i = n < nhist ? nhist - n : 0; i < nhist; i++)
		printf("%5d  %s\n", hdropped + i + 1, hist[i]);
	return 0;
}

/* out - write @s to the terminal (stderr, where prompts belong). */
static void
out(const char *s)
{
	size_t n = strlen(s);

	while (n) {
		ssize_t w = write(2, s, n);

		if (w <= 0)
			return;
		s += w;
		n -= w;
	}
}

/*
 * refresh - redraw the prompt and line, then place the cursor: one write,
 * so that a slow line (a serial console) shows no half-drawn state.
 */
static void
refresh(struct ed *e)
{
	static char screen[LINE_MAX_LEN + 1024];
	int n;

	e->buf[e->len] = 0;
	n = snprintf(screen, sizeof(screen), "\r%s%s\033[K", e->prompt,
		     e->buf);
	if (e->len > e->cur && n > 0 && (size_t)n < sizeof(screen))
		snprintf(screen + n, sizeof(screen) - n, "\033[%zuD",
			 e->len - e->cur);
	out(screen);
}

/* insert - insert @n bytes of @s at the cursor. */
static void
insert(struct ed *e, const char *s, size_t n)
{
	if (e->len + n >= LINE_MAX_LEN - 1)
		return;
	memmove(e->buf + e->cur + n, e->buf + e->cur, e->len - e->cur);
	memcpy(e->buf + e->cur, s, n);
	e->len += n;
	e->cur += n;
}

/* erase - delete the bytes [@from, @to) of the line. */
static void
erase(struct ed *e, size_t from, size_t to)
{
	memmove(e->buf + from, e->buf + to, e->len - to);
	e->len -= to - from;
	e->cur = from;
}

/* history_move - show the history entry @d steps away. */
static void
history_move(struct ed *e, int d)
{
	int np = e->hpos + d;

	if (np < 0 || np > nhist)
		return;
	e->hpos = np;
	e->buf[0] = 0;
	if (np < nhist)
		snprintf(e->buf, LINE_MAX_LEN, "%s", hist[np]);
	e->len = e->cur = strlen(e->buf);
}

/* common_add - fold candidate @name into the common prefix @best. */
static void
common_add(char **best, int *count, const char *name)
{
	size_t i;

	if ((*count)++ == 0) {
		*best = xstrdup(name);
		return;
	}
	for (i = 0; (*best)[i] && (*best)[i] == name[i]; i++)
		;
	(*best)[i] = 0;
}

/* scan_dir - offer entries of @dir starting with @pfx; list if @show. */
static void
scan_dir(const char *dir, const char *pfx, char **best, int *count, int show)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t pl = strlen(pfx);

	if (!d)
		return;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, pfx, pl) || !strcmp(de->d_name, ".") ||
		    !strcmp(de->d_name, "..") ||
		    (de->d_name[0] == '.' && pfx[0] != '.'))
			continue;
		common_add(best, count, de->d_name);
		if (show) {
			out(de->d_name);
			out("  ");
		}
	}
	closedir(d);
}

/* scan_commands - offer builtins and $PATH commands starting @pfx. */
static void
scan_commands(const char *pfx, char **best, int *count, int show)
{
	const char *path = var_get("PATH"), *n;
	char *copy, *dir, *save;
	int i;

	for (i = 0; (n = builtin_name(i)); i++) {
		if (strncmp(n, pfx, strlen(pfx)))
			continue;
		common_add(best, count, n);
		if (show) {
			out(n);
			out("  ");
		}
	}
	copy = xstrdup(path ? path : "");
	for (dir = strtok_r(copy, ":", &save); dir;
	     dir = strtok_r(NULL, ":", &save))
		scan_dir(dir, pfx, best, count, show);
	free(copy);
}

/* complete_word - find completions for word @w; @cmd: command position. */
static char *
complete_word(const char *w, int cmd, int show, int *count)
{
	const char *slash = strrchr(w, '/');
	char *dir, *best = NULL;

	*count = 0;
	if (show)
		out("\r\n");
	if (cmd && !slash) {
		scan_commands(w, &best, count, show);
	} else {
		dir = slash ? xstrndup(w, slash - w + 1) : xstrdup(".");
		scan_dir(*dir ? dir : "/", slash ? slash + 1 : w, &best, count,
			 show);
		free(dir);
	}
	if (show)
		out("\r\n");
	return best;
}

/* complete - TAB: extend the word before the cursor. */
static void
complete(struct ed *e)
{
	size_t ws = e->cur, k;
	char *w, *best, full[LINE_MAX_LEN];
	const char *slash;
	int cmd = 1, count;
	struct stat st;

	while (ws && e->buf[ws - 1] != ' ' && e->buf[ws - 1] != '\t')
		ws--;
	for (k = 0; k < ws; k++)
		if (e->buf[k] != ' ' && e->buf[k] != '\t')
			cmd = 0;
	w = xstrndup(e->buf + ws, e->cur - ws);
	slash = strrchr(w, '/');
	best = complete_word(w, cmd, e->lasttab, &count);
	if (best && strlen(best) > strlen(slash ? slash + 1 : w)) {
		k = strlen(slash ? slash + 1 : w);
		insert(e, best + k, strlen(best + k));
	}
	if (count == 1) {
		snprintf(full, sizeof(full), "%.*s%s",
			 slash ? (int)(slash - w + 1) : 0, w, best);
		insert(e, !stat(full, &st) && S_ISDIR(st.st_mode) ? "/" : " ",
		       1);
	}
	free(best);
	free(w);
}

/* escape_seq - handle the rest of an ESC sequence. */
static void
escape_seq(struct ed *e)
{
	char s[3] = {0};

	if (read(0, s, 1) != 1 || read(0, s + 1, 1) != 1)
		return;
	if (s[1] >= '0' && s[1] <= '9' && read(0, s + 2, 1) != 1)
		return;
	switch (s[1]) {
	case 'A':
		history_move(e, -1);
		break;
	case 'B':
		history_move(e, 1);
		break;
	case 'C':
		if (e->cur < e->len)
			e->cur++;
		break;
	case 'D':
		if (e->cur)
			e->cur--;
		break;
	case 'H':
	case '1':
	case '7':
		e->cur = 0;
		break;
	case 'F':
	case '4':
	case '8':
		e->cur = e->len;
		break;
	case '3':
		if (e->cur < e->len)
			erase(e, e->cur, e->cur + 1);
		break;
	}
}

/* delete_word - ^W: delete the word before the cursor. */
static void
delete_word(struct ed *e)
{
	size_t p = e->cur;

	while (p && e->buf[p - 1] == ' ')
		p--;
	while (p && e->buf[p - 1] != ' ')
		p--;
	erase(e, p, e->cur);
}

/*
 * key - process one input byte @c.  Returns 1 when the line is done,
 * -1 on end of input, 0 to continue.  Long, but only a flat dispatch
 * table of one-line actions (style R7 exception).
 */
static int
key(struct ed *e, char c)
{
	switch (c) {
	case '\r':
	case '\n':
		return 1;
	case 1:
		e->cur = 0;
		break;
	case 5:
		e->cur = e->len;
		break;
	case 2:
		if (e->cur)
			e->cur--;
		break;
	case 6:
		if (e->cur < e->len)
			e->cur++;
		break;
	case 21:
		erase(e, 0, e->cur);
		break;
	case 11:
		e->len = e->cur;
		break;
	case 23:
		delete_word(e);
		break;
	case 12:
		out("\033[H\033[2J");
		break;
	case 16:
		history_move(e, -1);
		break;
	case 14:
		history_move(e, 1);
		break;
	case 9:
		complete(e);
		break;
	case 27:
		escape_seq(e);
		break;
	case 3:
		out("^C");
		e->len = e->cur = 0;
		return 1;
	case 4:
		if (e->len == 0)
			return -1;
		if (e->cur < e->len)
			erase(e, e->cur, e->cur + 1);
		break;
	case 127:
	case 8:
		if (e->cur)
			erase(e, e->cur - 1, e->cur);
		break;
	default:
		if ((unsigned char)c < 32)
			break;
		/* typing at the end of the line: echo, no redraw */
		if (e->cur == e->len && e->len + 1 < LINE_MAX_LEN - 1) {
			write(2, &c, 1);
			e->echoed = 1;
		}
		insert(e, &c, 1);
	}
	return 0;
}

/* edit_loop - read keys in raw mode until the line is complete. */
static char *
edit_loop(const char *prompt)
{
	struct ed e;
	char c;
	int r = 0;
	ssize_t n;

	memset(&e, 0, sizeof(e));
	e.prompt = prompt;
	e.hpos = nhist;
	refresh(&e);
	while (r == 0) {
		n = read(0, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return NULL;
		e.echoed = 0;
		r = key(&e, c);
		e.lasttab = c == 9;
		if (r == 0 && !e.echoed)	/* Enter, ^C, ^D: leave it */
			refresh(&e);
	}
	out("\r\n");
	if (r < 0)
		return NULL;
	e.buf[e.len] = 0;
	return xstrdup(e.buf);
}

/* plain_read - read a line without editing (no termios available). */
static char *
plain_read(const char *prompt)
{
	char buf[LINE_MAX_LEN], c;
	size_t n = 0;
	ssize_t r;

	out(prompt);
	while ((r = read(0, &c, 1)) == 1 || (r < 0 && errno == EINTR)) {
		if (r < 0)
			continue;
		if (c == '\n')
			break;
		if (n < sizeof(buf) - 1)
			buf[n++] = c;
	}
	if (r == 0 && n == 0)
		return NULL;
	buf[n] = 0;
	return xstrdup(buf);
}

/*
 * lineedit_read - show @prompt and read one line (without newline).
 * Returns a malloc'd string or NULL at end of input.
 */
char *
lineedit_read(const char *prompt)
{
	struct termios old, raw;
	char *line;

	if (tcgetattr(0, &old) < 0)
		return plain_read(prompt);
	raw = old;
	raw.c_lflag &= ~(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_iflag &= ~(IXON | ICRNL);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(0, TCSADRAIN, &raw) < 0)
		return plain_read(prompt);
	line = edit_loop(prompt);
	tcsetattr(0, TCSADRAIN, &old);
	return line;
}
