/* user/coreutils/stty.c: stty - show or change the settings of the
 * terminal on standard input (or -F DEVICE): flags by name ("-echo"
 * clears), special characters ("intr ^C"), rows/cols, size, sane, raw,
 * cooked.  Speeds are not settable (Basalt's terminals have none). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include "cu.h"

enum field { IFLAG, OFLAG, LFLAG };

static const struct {
	const char *name;
	enum field field;
	tcflag_t bit;
} flags[] = {
	{"ignbrk", IFLAG, IGNBRK}, {"brkint", IFLAG, BRKINT},
	{"istrip", IFLAG, ISTRIP}, {"inlcr", IFLAG, INLCR},
	{"igncr", IFLAG, IGNCR},   {"icrnl", IFLAG, ICRNL},
	{"ixon", IFLAG, IXON},     {"iutf8", IFLAG, IUTF8},
	{"opost", OFLAG, OPOST},   {"onlcr", OFLAG, ONLCR},
	{"ocrnl", OFLAG, OCRNL},   {"isig", LFLAG, ISIG},
	{"icanon", LFLAG, ICANON}, {"iexten", LFLAG, IEXTEN},
	{"echo", LFLAG, ECHO},     {"echoe", LFLAG, ECHOE},
	{"echok", LFLAG, ECHOK},   {"echonl", LFLAG, ECHONL},
	{"noflsh", LFLAG, NOFLSH}, {"tostop", LFLAG, TOSTOP},
	{"echoctl", LFLAG, ECHOCTL}, {"echoke", LFLAG, ECHOKE},
};

static const struct {
	const char *name;
	int index;
} chars[] = {
	{"intr", VINTR}, {"quit", VQUIT}, {"erase", VERASE}, {"kill", VKILL},
	{"eof", VEOF},   {"eol", VEOL},   {"start", VSTART}, {"stop", VSTOP},
	{"susp", VSUSP}, {"werase", VWERASE}, {"lnext", VLNEXT},
	{"min", VMIN},   {"time", VTIME},
};

#define NFLAGS (sizeof(flags) / sizeof(flags[0]))
#define NCHARS (sizeof(chars) / sizeof(chars[0]))

static tcflag_t *
field_of(struct termios *t, enum field f)
{
	return f == IFLAG ? &t->c_iflag : f == OFLAG ? &t->c_oflag
						      : &t->c_lflag;
}

/* flag_on - whether flags[@i] is set in @t. */
static int
flag_on(const struct termios *t, size_t i)
{
	tcflag_t v = flags[i].field == IFLAG   ? t->c_iflag
		     : flags[i].field == OFLAG ? t->c_oflag
					       : t->c_lflag;
	return (v & flags[i].bit) != 0;
}

/* char_name - @c as stty shows it: ^C, ^?, <undef>, or itself. */
static const char *
char_name(cc_t c, char *buf)
{
	if (c == 0)
		return "<undef>";
	if (c == 0x7f)
		return "^?";
	if (c < 32)
		sprintf(buf, "^%c", c + '@');
	else
		sprintf(buf, "%c", c);
	return buf;
}

/* parse_char - "^C", "^?", "undef", a single character or a number. */
static int
parse_char(const char *s, cc_t *out)
{
	char *end;
	long v;

	if (!strcmp(s, "undef") || !strcmp(s, "^-"))
		*out = 0;
	else if (s[0] == '^' && s[1] && !s[2])
		*out = s[1] == '?' ? 0x7f : (cc_t)(s[1] & 0x1f);
	else if (s[0] && !s[1])
		*out = (cc_t)s[0];
	else if ((v = strtol(s, &end, 10)) >= 0 && v < 256 && !*end)
		*out = (cc_t)v;
	else
		return -1;
	return 0;
}

static void
show(const struct termios *t, const struct winsize *ws, int all)
{
	char buf[8];
	size_t i;

	printf("rows %d; columns %d;", ws->ws_row, ws->ws_col);
	for (i = 0; i < NCHARS; i++) {
		int idx = chars[i].index;
		if (idx == VMIN || idx == VTIME)
			printf(" %s = %d;", chars[i].name, t->c_cc[idx]);
		else
			printf(" %s = %s;", chars[i].name,
			       char_name(t->c_cc[idx], buf));
	}
	putchar('\n');
	for (i = 0; i < NFLAGS; i++) {
		int on = flag_on(t, i);
		if (all || !on)		/* short form: what is off */
			printf("%s%s%s", i ? " " : "", on ? "" : "-",
			       flags[i].name);
	}
	putchar('\n');
}

/* set_mode - "sane", "raw", "cooked"; returns 0 if @arg is one. */
static int
set_mode(struct termios *t, const char *arg)
{
	if (!strcmp(arg, "raw") || !strcmp(arg, "-cooked")) {
		t->c_iflag &= ~(ICRNL | INLCR | IGNCR | IXON | ISTRIP | BRKINT);
		t->c_oflag &= ~OPOST;
		t->c_lflag &= ~(ISIG | ICANON | IEXTEN);
		t->c_cc[VMIN] = 1;
		t->c_cc[VTIME] = 0;
	} else if (!strcmp(arg, "cooked") || !strcmp(arg, "-raw")) {
		t->c_iflag |= ICRNL | IXON | BRKINT;
		t->c_oflag |= OPOST;
		t->c_lflag |= ISIG | ICANON | IEXTEN;
	} else if (!strcmp(arg, "sane")) {
		t->c_iflag = ICRNL | IXON | IUTF8 | BRKINT;
		t->c_oflag = OPOST | ONLCR;
		t->c_lflag = ISIG | ICANON | IEXTEN | ECHO | ECHOE | ECHOK |
			     ECHOCTL | ECHOKE;
		t->c_cc[VINTR] = 3, t->c_cc[VQUIT] = 28, t->c_cc[VERASE] = 127;
		t->c_cc[VKILL] = 21, t->c_cc[VEOF] = 4, t->c_cc[VSUSP] = 26;
		t->c_cc[VWERASE] = 23, t->c_cc[VMIN] = 1, t->c_cc[VTIME] = 0;
	} else {
		return -1;
	}
	return 0;
}

/* set_flag - "[-]NAME"; returns 0 if @arg names a flag. */
static int
set_flag(struct termios *t, const char *arg)
{
	int off = arg[0] == '-';

	for (size_t i = 0; i < NFLAGS; i++) {
		if (strcmp(arg + off, flags[i].name))
			continue;
		if (off)
			*field_of(t, flags[i].field) &= ~flags[i].bit;
		else
			*field_of(t, flags[i].field) |= flags[i].bit;
		return 0;
	}
	return -1;
}

/* apply - the settings in @argv; 0, or 1 after reporting a bad one. */
static int
apply(int fd, int argc, char **argv, struct termios *t, struct winsize *ws)
{
	int ws_changed = 0;

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		size_t c;

		if (!set_mode(t, a) || !set_flag(t, a))
			continue;
		if (!strcmp(a, "rows") || !strcmp(a, "cols") ||
		    !strcmp(a, "columns")) {
			if (!v || atoi(v) < 0)
				return cu_usage("missing argument to '%s'", a);
			*(a[0] == 'r' ? &ws->ws_row : &ws->ws_col) =
				(unsigned short)atoi(v);
			ws_changed = 1;
			i++;
			continue;
		}
		for (c = 0; c < NCHARS && strcmp(a, chars[c].name); c++)
			;
		if (c == NCHARS)
			return cu_usage("invalid argument '%s'", a);
		if (!v)
			return cu_usage("missing argument to '%s'", a);
		if (parse_char(v, &t->c_cc[chars[c].index]) < 0)
			return cu_usage("invalid integer argument: '%s'", v);
		i++;
	}
	if (tcsetattr(fd, TCSADRAIN, t) < 0) {
		cu_errno("standard input");
		return 1;
	}
	if (ws_changed && ioctl(fd, TIOCSWINSZ, ws) < 0) {
		cu_errno("standard input");
		return 1;
	}
	return 0;
}

/* cmd_stty - stty [-a] [-F DEVICE] [SETTING...] | stty size */
int
cmd_stty(int argc, char **argv)
{
	struct termios t;
	struct winsize ws = {0};
	int i = 1, fd = 0, all = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "-a")) {
			all = 1;
		} else if (!strcmp(argv[i], "-F") && i + 1 < argc) {
			if ((fd = open(argv[++i], O_RDWR | O_NOCTTY)) < 0) {
				cu_errno("%s", argv[i]);
				return 1;
			}
		} else {
			break;		/* "-echo" and friends are settings */
		}
	}
	if (tcgetattr(fd, &t) < 0) {
		cu_errno("'standard input'");
		return 1;
	}
	ioctl(fd, TIOCGWINSZ, &ws);
	if (i == argc) {
		show(&t, &ws, all);
		return 0;
	}
	if (!strcmp(argv[i], "size") && i + 1 == argc) {
		printf("%d %d\n", ws.ws_row, ws.ws_col);
		return 0;
	}
	return apply(fd, argc - i, argv + i, &t, &ws);
}
