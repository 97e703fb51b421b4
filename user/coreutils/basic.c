/* user/coreutils/basic.c: cat, echo, printf, true, false, pwd, sleep,
 * clear, sync. */
#define _GNU_SOURCE /* syncfs */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cu.h"

/* cat_one - copy @name ("-" is stdin) to stdout. Returns 0 or 1. */
static int
cat_one(const char *name)
{
	int fd = strcmp(name, "-") ? open(name, O_RDONLY) : 0, rc = 0;

	if (fd < 0) {
		cu_errno("%s", name);
		return 1;
	}
	if ((rc = cu_copy_fd(fd, 1)) == -1)
		cu_errno("%s", name);
	else if (rc == -2)
		cu_errno("write error");
	if (fd > 0)
		close(fd);
	return rc < 0;
}

/* cmd_cat - concatenate files ("-" is stdin) to stdout; -u (unbuffered)
 * is accepted for POSIX, as cat never buffers. */
int
cmd_cat(int argc, char **argv)
{
	int c, rc = 0;

	while ((c = getopt(argc, argv, "u")) != -1)
		if (c != 'u')
			return cu_badopt("u");
	if (optind >= argc)
		return cat_one("-");
	for (; optind < argc; optind++)
		rc |= cat_one(argv[optind]);
	return rc;
}

/*
 * cu_escape - interpret the backslash escape at @s (just after the '\'),
 * storing the byte in *@out. Returns the number of characters consumed,
 * or -1 for "\c" (stop output). @octal0 selects echo's "\0NNN" form.
 */
static int
cu_escape(const char *s, char *out, int octal0)
{
	static const char from[] = "abefnrtv\\", to[] = "\a\b\033\f\n\r\t\v\\";
	const char *p = strchr(from, *s);
	int i = 0, v = 0, max = 3;

	if (*s == 'c')
		return -1;
	if (*s && p) {
		*out = to[p - from];
		return 1;
	}
	if (*s == 'x' && isxdigit((unsigned char)s[1])) {
		for (i = 1; i < 3 && isxdigit((unsigned char)s[i]); i++)
			v = v * 16 + (isdigit((unsigned char)s[i])
					      ? s[i] - '0'
					      : (s[i] | 32) - 'a' + 10);
		*out = v;
		return i;
	}
	if (octal0 && *s == '0') {
		s++;
		i = 1;
	} else if (*s < '0' || *s > '7') {
		*out = '\\';
		return 0;
	}
	for (max += i; i < max && *s >= '0' && *s <= '7'; i++, s++)
		v = v * 8 + (*s - '0');
	*out = v;
	return i;
}

/* echo_escaped - print @s interpreting escapes. Returns 1 on "\c". */
static int
echo_escaped(const char *s)
{
	char c;
	int n;

	for (; *s; s++) {
		if (*s != '\\' || s[1] == 0) {
			putchar(*s);
			continue;
		}
		n = cu_escape(s + 1, &c, 1);
		if (n < 0)
			return 1;
		putchar(c);
		s += n;
	}
	return 0;
}

/* cmd_echo - print the arguments; -n: no newline, -e/-E: escapes on/off. */
int
cmd_echo(int argc, char **argv)
{
	int i = 1, nl = 1, esc = 0;
	const char *p;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (p = argv[i] + 1; *p && strchr("neE", *p); p++)
			;
		if (*p)
			break;
		for (p = argv[i] + 1; *p; p++) {
			if (*p == 'n')
				nl = 0;
			else
				esc = *p == 'e';
		}
	}
	for (; i < argc; i++) {
		if (esc && echo_escaped(argv[i]))
			return 0;
		if (!esc)
			fputs(argv[i], stdout);
		if (i + 1 < argc)
			putchar(' ');
	}
	if (nl)
		putchar('\n');
	return 0;
}

/* printf_num - convert a printf argument to an integer (GNU: 'c -> code). */
static long long
printf_num(const char *s, int *rc)
{
	char *end;
	long long v;

	if (*s == '\'' || *s == '"')
		return (unsigned char)s[1];
	errno = 0;
	v = strtoll(s, &end, 0);
	if (*s == 0 || *end || errno) {
		cu_err(end != s ? "'%s': value not completely converted"
				: "'%s': expected a numeric value",
		       s);
		*rc = 1;
	}
	return v;
}

static int printf_stop; /* a %b argument contained "\c" */

/* printf_dbl - convert a printf argument for %f %e %g. */
static double
printf_dbl(const char *s, int *rc)
{
	char *end;
	double v = strtod(s, &end);

	if (*s && *end) {
		cu_err("'%s': value not completely converted", s);
		*rc = 1;
	}
	return v;
}

/* printf_arg - print @arg by conversion @c with @spec ("%" + flags). */
static void
printf_arg(char *spec, size_t n, char c, const char *arg, int *rc)
{
	if (c == 'b') {
		printf_stop = echo_escaped(arg);
		return;
	}
	if (strchr("scfeEgG", c)) {
		spec[n] = c;
		spec[n + 1] = 0;
		if (c == 's')
			printf(spec, arg);
		else if (c == 'c')
			printf(spec, arg[0]);
		else
			printf(spec, *arg ? printf_dbl(arg, rc) : 0.0);
		return;
	}
	spec[n] = 'l';
	spec[n + 1] = 'l';
	spec[n + 2] = c;
	spec[n + 3] = 0;
	printf(spec, *arg ? printf_num(arg, rc) : 0LL);
}

/*
 * printf_conv - handle one conversion at @f ('%' already consumed), using
 * *@ap as the next argument. Returns the characters of @f consumed.
 */
static int
printf_conv(const char *f, char ***ap, int *rc)
{
	char spec[32], *arg;
	size_t n = strspn(f, "-+ #0123456789.");
	char c = f[n];

	if (c == '%') {
		putchar('%');
		return n + 1;
	}
	if (c == 0 || !strchr("sdiuxXocbfeEgG", c) || n > 20) {
		cu_err("%%%.*s: invalid conversion specification", (int)n + 1,
		       f);
		*rc = 1;
		return n + (c != 0);
	}
	arg = **ap ? *(*ap)++ : "";
	spec[0] = '%';
	memcpy(spec + 1, f, n);
	printf_arg(spec, n + 1, c, arg, rc);
	return n + 1;
}

/* printf_once - print @fmt once, consuming arguments. Returns 1 on "\c". */
static int
printf_once(const char *f, char ***ap, int *rc)
{
	char c;
	int n;

	for (; *f; f++) {
		if (*f == '%') {
			f += printf_conv(f + 1, ap, rc);
			if (printf_stop)
				return 1;
			continue;
		}
		if (*f != '\\' || f[1] == 0) {
			putchar(*f);
			continue;
		}
		n = cu_escape(f + 1, &c, 0);
		if (n < 0)
			return 1;
		putchar(c);
		f += n;
	}
	return 0;
}

/* cmd_printf - POSIX printf; the format is reused until args run out. */
int
cmd_printf(int argc, char **argv)
{
	char **ap;
	int rc = 0;

	if (argc > 1 && strcmp(argv[1], "--") == 0) {
		argv++;
		argc--;
	}
	if (argc < 2)
		return cu_usage("missing operand");
	ap = argv + 2;
	do {
		if (printf_once(argv[1], &ap, &rc))
			break;
	} while (*ap && ap > argv + 2);
	return rc;
}

/* cmd_true - exit 0. */
int
cmd_true(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* cmd_false - exit 1. */
int
cmd_false(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 1;
}

/* pwd_logical - $PWD if it is absolute, has no "." or ".." component
 * and names the working directory (what -L prints), else NULL. */
static const char *
pwd_logical(void)
{
	const char *p = getenv("PWD");
	struct stat a, b;
	size_t n = p ? strlen(p) : 0;

	if (p == NULL || p[0] != '/' || strstr(p, "/./") || strstr(p, "/../") ||
	    (n >= 2 && strcmp(p + n - 2, "/.") == 0) ||
	    (n >= 3 && strcmp(p + n - 3, "/..") == 0))
		return NULL;
	if (stat(p, &a) < 0 || stat(".", &b) < 0 || a.st_dev != b.st_dev ||
	    a.st_ino != b.st_ino)
		return NULL;
	return p;
}

/* cmd_pwd - print the working directory: -P (the default, as in GNU)
 * with symlinks resolved, -L the logical $PWD when it is valid. */
int
cmd_pwd(int argc, char **argv)
{
	char buf[PATH_MAX];
	const char *p = NULL;
	int c, logical = 0;

	while ((c = getopt(argc, argv, "LP")) != -1) {
		if (c == '?')
			return cu_badopt("LP");
		logical = c == 'L';
	}
	if (optind < argc)
		cu_err("ignoring non-option arguments");
	if (logical)
		p = pwd_logical();
	if (p == NULL && (p = getcwd(buf, sizeof(buf))) == NULL) {
		cu_errno("error retrieving current directory");
		return 1;
	}
	puts(p);
	return 0;
}

/* cmd_sleep - sleep for the sum of the arguments (seconds, fractions and
 * s/m/h/d suffixes allowed). */
int
cmd_sleep(int argc, char **argv)
{
	double total = 0, v;
	struct timespec ts;
	char *end;
	int i;

	if (getopt(argc, argv, "") != -1) /* no options, but "--" and */
		return cu_badopt("");	  /* "-1" get GNU's answers */
	if (optind >= argc)
		return cu_usage("missing operand");
	for (i = optind; i < argc; i++) {
		v = strtod(argv[i], &end);
		if (*end == 'm')
			v *= 60;
		else if (*end == 'h')
			v *= 3600;
		else if (*end == 'd')
			v *= 86400;
		if (end == argv[i] || v < 0 ||
		    (*end && (end[1] || !strchr("smhd", *end))))
			return cu_usage("invalid time interval '%s'", argv[i]);
		total += v;
	}
	ts.tv_sec = (time_t)total;
	ts.tv_nsec = (long)((total - ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
	return 0;
}

/* cmd_clear - clear the terminal with ANSI sequences: home, erase the
 * screen and (unless -x) the scrollback.  -T TYPE is accepted and
 * ignored: Basalt's consoles all speak ANSI. */
int
cmd_clear(int argc, char **argv)
{
	int c, scrollback = 1;

	while ((c = getopt(argc, argv, "xT:")) != -1) {
		if (c == '?')
			return cu_badopt("xT:");
		if (c == 'x')
			scrollback = 0;
	}
	if (optind < argc)
		return cu_usage("extra operand '%s'", argv[optind]);
	fputs(scrollback ? "\033[H\033[2J\033[3J" : "\033[H\033[2J", stdout);
	return 0;
}

/* sync_file - flush @name's data (-d), its filesystem (-f) or the file
 * (fsync), as GNU sync FILE does. Returns 0 or 1. */
static int
sync_file(const char *name, int mode)
{
	int fd = open(name, O_RDONLY | O_NONBLOCK), rc;

	if (fd < 0 && (errno == EACCES || errno == EISDIR))
		fd = open(name, O_WRONLY | O_NONBLOCK);
	if (fd < 0) {
		cu_errno("error opening '%s'", name);
		return 1;
	}
	rc = mode == 'd' ? fdatasync(fd) : mode == 'f' ? syncfs(fd) : fsync(fd);
	if (rc < 0)
		cu_errno("error syncing '%s'", name);
	close(fd);
	return rc < 0;
}

/* cmd_sync - flush every filesystem, or only the named files: -d their
 * data, -f their filesystems. */
int
cmd_sync(int argc, char **argv)
{
	int c, mode = 0, rc = 0;

	while ((c = getopt(argc, argv, "df")) != -1) {
		if (c == '?')
			return cu_badopt("df");
		if (mode && mode != c) {
			cu_err("cannot specify both --data and --file-system");
			return 1;
		}
		mode = c;
	}
	if (optind >= argc && mode == 'd') {
		cu_err("--data needs at least one argument");
		return 1;
	}
	if (optind >= argc) {
		sync();
		return 0;
	}
	for (; optind < argc; optind++)
		rc |= sync_file(argv[optind], mode);
	return rc;
}
