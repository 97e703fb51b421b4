/* user/coreutils/misc.c: seq, xargs, env, which, uname, date. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "cu.h"

extern char **environ;

/* seq_decimals - digits after the point in numeric text @s. */
static int
seq_decimals(const char *s)
{
	const char *p = strchr(s, '.');

	return p ? (int)strspn(p + 1, "0123456789") : 0;
}

/* seq_parse - parse a seq operand; reports and returns -1 if invalid. */
static int
seq_parse(const char *s, double *v)
{
	char *end;

	*v = strtod(s, &end);
	if (*s == 0 || *end) {
		cu_usage("invalid floating point argument: '%s'", s);
		return -1;
	}
	return 0;
}

/*
 * seq_opts - parse -s SEP, -w and "--" by hand (getopt would take "-1"
 * for an option). Returns the first operand's index, or -1 after a
 * usage error.
 */
static int
seq_opts(int argc, char **argv, const char **sep, int *eq)
{
	int i, c;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		c = argv[i][1];
		if (isdigit(c) || c == '.')
			break;
		if (c == '-' && argv[i][2] == 0)
			return i + 1;
		if (c == 'w' && argv[i][2] == 0)
			*eq = 1;
		else if (c == 's' && (argv[i][2] || i + 1 < argc))
			*sep = argv[i][2] ? argv[i] + 2 : argv[++i];
		else
			return cu_usage("invalid option -- '%s'", argv[i] + 1),
			       -1;
	}
	return i;
}

/* cmd_seq - print FIRST..LAST by INCR; -s SEP, -w equal width. */
int
cmd_seq(int argc, char **argv)
{
	static const int slot[3][3] = {{2}, {0, 2}, {0, 1, 2}};
	double a[3] = {1, 1, 0}, x;
	const char *sep = "\n";
	int i, n, first, prec, width = 0, eq = 0;
	char buf[64];

	if ((first = seq_opts(argc, argv, &sep, &eq)) < 0)
		return 1;
	n = argc - first;
	if (n < 1 || n > 3)
		return cu_usage(n < 1 ? "missing operand"
				      : "extra operand '%s'",
				argv[argc - 1]);
	for (i = 0; i < n; i++)
		if (seq_parse(argv[first + i], &a[slot[n - 1][i]]) < 0)
			return 1;
	prec = n > 1 ? seq_decimals(argv[first]) : 0;
	if (n == 3 && seq_decimals(argv[first + 1]) > prec)
		prec = seq_decimals(argv[first + 1]);
	if (a[1] == 0)
		return cu_usage("invalid Zero increment value: '%s'",
				argv[first + 1]);
	if (eq)
		width = snprintf(buf, sizeof(buf), "%.*f", prec,
				 a[2] > a[0] ? a[2] : a[0]);
	for (i = 0, x = a[0]; a[1] > 0 ? x <= a[2] + 1e-9 : x >= a[2] - 1e-9;
	     x = a[0] + a[1] * ++i)
		printf("%s%0*.*f", i ? sep : "", width, prec, x);
	if (i)
		putchar('\n');
	return 0;
}

/* run_wait - fork/exec @argv and wait. Returns its exit status, or
 * 126/127 if it could not be run (as POSIX shells report). */
static int
run_wait(char **argv)
{
	pid_t pid = fork();
	int st;

	if (pid < 0) {
		cu_errno("fork");
		return 126;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		cu_errno("%s", argv[0]);
		_exit(errno == ENOENT ? 127 : 126);
	}
	if (waitpid(pid, &st, 0) < 0)
		return 126;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* xargs_word - read the next blank- or NUL-separated word (quotes
 * honoured). Returns a malloc'd word or NULL at EOF. */
static char *
xargs_word(int nul)
{
	size_t n = 0, cap = 64;
	char *w = malloc(cap);
	int c, q = 0;

	while (!nul && (c = getchar()) != EOF && strchr(" \t\n", c))
		;
	if (nul)
		c = getchar();
	for (; c != EOF; c = getchar()) {
		if (nul ? c == 0 : (!q && strchr(" \t\n", c)))
			break;
		if (!nul && (c == '\'' || c == '"') && (!q || q == c)) {
			q = q ? 0 : c;
			continue;
		}
		if (n + 2 > cap)
			w = realloc(w, cap *= 2);
		w[n++] = c;
	}
	if (c == EOF && n == 0 && !q) {
		free(w);
		return NULL;
	}
	w[n] = 0;
	return w;
}

/* cmd_xargs - build command lines from stdin; -n MAX, -0, -r. */
int
cmd_xargs(int argc, char **argv)
{
	int c, i, max = 4096, nul = 0, noempty = 0, base, n, rc = 0, st;
	char **cmd, *w, *echo[] = {"echo", NULL};
	int ran = 0;

	while ((c = getopt(argc, argv, "+n:0r")) != -1) {
		if (c == 'n')
			max = atoi(optarg) > 0 ? atoi(optarg) : 1;
		else if (c == '0')
			nul = 1;
		else if (c == 'r')
			noempty = 1;
		else
			return cu_badopt("+n:0r");
	}
	base = optind < argc ? argc - optind : 1;
	cmd = calloc(base + max + 1, sizeof(char *));
	for (i = 0; i < base; i++)
		cmd[i] = optind < argc ? argv[optind + i] : echo[i];
	for (w = xargs_word(nul); w || (!ran && !noempty);) {
		for (n = 0; w && n < max; n++, w = xargs_word(nul))
			cmd[base + n] = w;
		cmd[base + n] = NULL;
		ran = 1;
		st = run_wait(cmd);
		if (st == 126 || st == 127 || st == 255)
			return st == 255 ? 124 : st;
		if (st)
			rc = 123;
		if (!w)
			break;
	}
	return rc;
}

/* cmd_env - print the environment, or run a command in a modified one;
 * -i empty environment, -u NAME unset, NAME=VALUE set. */
int
cmd_env(int argc, char **argv)
{
	int c, i, st;
	char **e;

	cu_fail = 125; /* env's own failures are 125 (GNU, POSIX 126/127) */
	while ((c = getopt(argc, argv, "+iu:")) != -1) {
		if (c == 'i')
			clearenv();
		else if (c == 'u')
			unsetenv(optarg);
		else
			return cu_badopt("+iu:") + 124;
	}
	for (i = optind; i < argc && strchr(argv[i], '='); i++)
		putenv(argv[i]);
	if (i >= argc) {
		for (e = environ; e && *e; e++)
			puts(*e);
		return 0;
	}
	execvp(argv[i], argv + i);
	st = errno == ENOENT ? 127 : 126;
	cu_errno("'%s'", argv[i]);
	return st;
}

/* which_one - print the first executable @name on @path, or every one
 * with @all. Returns 0 if one was found, else 1. */
static int
which_one(const char *name, const char *path, int all)
{
	char buf[PATH_MAX];
	const char *p = path, *e;
	struct stat st;
	int rc = 1;

	if (strchr(name, '/'))
		return access(name, X_OK) == 0 ? puts(name), 0 : 1;
	for (; p; p = e ? e + 1 : NULL) {
		e = strchr(p, ':');
		snprintf(buf, sizeof(buf), "%.*s/%s",
			 e ? (int)(e - p) : (int)strlen(p), p, name);
		if (stat(buf, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(buf, X_OK) == 0) {
			puts(buf);
			rc = 0;
			if (!all)
				break;
		}
	}
	return rc;
}

/* cmd_which - locate commands on $PATH (-a: every match). Exit 1 if any
 * is missing or none is named, 2 on a bad option: debianutils' which,
 * whose usage message this copies. */
int
cmd_which(int argc, char **argv)
{
	const char *path = getenv("PATH");
	int c, i, all = 0, rc = 0;

	while ((c = getopt(argc, argv, "a")) != -1) {
		if (c == '?') {
			fprintf(stderr,
				"Illegal option -%c\nUsage: %s [-a] args\n",
				optopt, argv[0]);
			return 2;
		}
		all = 1;
	}
	if (path == NULL)
		path = "/bin:/usr/bin";
	if (optind >= argc)
		return 1;
	for (i = optind; i < argc; i++)
		rc |= which_one(argv[i], path, all);
	return rc;
}

/* cmd_uname - system names; -a -s -n -r -v -m -o. */
int
cmd_uname(int argc, char **argv)
{
	struct utsname u;
	const char *f[6];
	int c, i, sel = 0, first = 1;

	while ((c = getopt(argc, argv, "asnrvmo")) != -1) {
		const char *p = strchr("snrvmo", c);
		if (c == 'a')
			sel = 0x3f;
		else if (p)
			sel |= 1 << (p - "snrvmo");
		else
			return cu_badopt("asnrvmo");
	}
	if (optind < argc)
		return cu_usage("extra operand '%s'", argv[optind]);
	uname(&u);
	f[0] = u.sysname;
	f[1] = u.nodename;
	f[2] = u.release;
	f[3] = u.version;
	f[4] = u.machine;
	f[5] = strcmp(u.sysname, "Linux") ? u.sysname : "GNU/Linux";
	for (i = 0; i < 6; i++) {
		if (!(sel ? sel & (1 << i) : i == 0))
			continue;
		printf(first ? "%s" : " %s", f[i]);
		first = 0;
	}
	putchar('\n');
	return 0;
}

/* cmd_date - print the time; +FORMAT (strftime), -u UTC, -d @SECONDS. */
int
cmd_date(int argc, char **argv)
{
	const char *fmt = "%a %b %e %H:%M:%S %Z %Y";
	char buf[1024], *end;
	time_t t = time(NULL);
	struct tm tm;
	int c;

	while ((c = getopt(argc, argv, "ud:")) != -1) {
		if (c == 'u')
			setenv("TZ", "UTC0", 1);
		else if (c == 'd') {
			t = strtoll(optarg + 1, &end, 10);
			if (optarg[0] != '@' || optarg[1] == 0 || *end) {
				cu_err("invalid date '%s'", optarg);
				return 1;
			}
		} else
			return cu_badopt("ud:");
	}
	if (optind < argc && argv[optind][0] == '+')
		fmt = argv[optind++] + 1;
	if (optind < argc) {
		cu_err("invalid date '%s'", argv[optind]);
		return 1;
	}
	tzset();
	localtime_r(&t, &tm);
	buf[0] = 0;
	if (strftime(buf, sizeof(buf), fmt, &tm) == 0 && *fmt) {
		cu_err("format too long");
		return 1;
	}
	puts(buf);
	return 0;
}
