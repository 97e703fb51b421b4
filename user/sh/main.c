/*
 * user/sh/main.c: Basalt /bin/sh entry point, option parsing, the
 * prompt and the read-parse-execute loop.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include "sh.h"

struct shstate sh;

/* sh_error - print "sh: message" on stderr. */
void
sh_error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("sh: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}

/* sh_exit - flush stdio and terminate with @status. */
void
sh_exit(int status)
{
	int st = sh.status;

	sh.status = status;
	trap_run_exit();
	sh.status = st;
	fflush(NULL);
	_exit(status & 255);
}

/*
 * sh_fail - an error that POSIX makes fatal to a non-interactive shell:
 * a special builtin's error, an assignment to a read-only variable, a
 * bad expansion.  Exits with @status there; an interactive shell goes
 * on and the caller returns @status.
 */
int
sh_fail(int status)
{
	sh.status = status;
	if (!sh.interactive)
		sh_exit(status);
	return status;
}

/* xmalloc - malloc that exits the shell on failure. */
void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		sh_error("out of memory");
		sh_exit(2);
	}
	return p;
}

/* xrealloc - realloc that exits the shell on failure. */
void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		sh_error("out of memory");
		sh_exit(2);
	}
	return p;
}

/* xstrdup - strdup that exits on failure. */
char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* xstrndup - copy at most @n bytes of @s. */
char *
xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

/* pwd_valid - true if $PWD @pwd names directory @cwd. */
static int
pwd_valid(const char *pwd, const char *cwd)
{
	struct stat a, b;

	return pwd && pwd[0] == '/' && stat(pwd, &a) == 0 &&
	       stat(cwd, &b) == 0 && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}

/* prompt_dir - append the working directory (with $HOME as ~, or just
 * its last component if @base) to @out. */
static void
prompt_dir(char *out, size_t cap, int base)
{
	char cwd[PATH_MAX];
	const char *home = var_get("HOME"), *p = cwd;
	size_t hl = home ? strlen(home) : 0;

	/* $PWD keeps the path the user took, through symbolic links, as
	 * bash's \w does; getcwd only if it is stale */
	if (pwd_valid(var_get("PWD"), "."))
		snprintf(cwd, sizeof(cwd), "%s", var_get("PWD"));
	else if (!getcwd(cwd, sizeof(cwd)))
		strcpy(cwd, "?");
	if (base && strrchr(cwd, '/') && cwd[1])
		p = strrchr(cwd, '/') + 1;
	else if (hl > 1 && !strncmp(cwd, home, hl) &&
		 (cwd[hl] == '/' || !cwd[hl])) {
		strncat(out, "~", cap - strlen(out) - 1);
		p = cwd + hl;
	}
	strncat(out, p, cap - strlen(out) - 1);
}

/* prompt_expand - expand \w \W \u \h \$ \n \\ in @ps into @out. */
static void
prompt_expand(const char *ps, char *out, size_t cap)
{
	char tmp[2] = {0};
	const char *u;

	out[0] = 0;
	for (; *ps; ps++) {
		if (*ps != '\\' || !ps[1]) {
			tmp[0] = *ps;
			strncat(out, tmp, cap - strlen(out) - 1);
			continue;
		}
		switch (*++ps) {
		case 'w':
			prompt_dir(out, cap, 0);
			break;
		case 'W':
			prompt_dir(out, cap, 1);
			break;
		case 'u':
			u = var_get("USER");
			strncat(out, u ? u : "", cap - strlen(out) - 1);
			break;
		case 'h':
			gethostname(out + strlen(out), cap - strlen(out) - 1);
			break;
		case '$':
			strncat(out, geteuid() ? "$" : "#",
				cap - strlen(out) - 1);
			break;
		case 'n':
			strncat(out, "\n", cap - strlen(out) - 1);
			break;
		case '[':
		case ']':
			break; /* bash's non-printing markers */
		default:
			tmp[0] = *ps;
			strncat(out, tmp, cap - strlen(out) - 1);
		}
	}
}

/* read_fd_line - read one line from fd 0 byte by byte; NULL at EOF. */
static char *
read_fd_line(void)
{
	size_t n = 0, cap = 128;
	char *s = xmalloc(cap), c;
	ssize_t r;

	for (;;) {
		r = read(0, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (n + 2 >= cap)
			s = xrealloc(s, cap *= 2);
		s[n++] = c;
		if (c == '\n')
			break;
	}
	if (n == 0) {
		free(s);
		return NULL;
	}
	s[n] = 0;
	return s;
}

/* get_line - read the next input line (continuation if @more). */
static char *
get_line(int more)
{
	const char *ps = var_get(more ? "PS2" : "PS1");
	char prompt[512], *line, *nl;

	if (!sh.interactive)
		return read_fd_line();
	prompt_expand(ps     ? ps
		      : more ? "> "
			     : "\\w \\$ ",
		      prompt, sizeof(prompt));
	line = lineedit_read(prompt);
	if (!line)
		return NULL;
	if (*line) {
		nl = xstrndup(line, strlen(line));
		lineedit_history_add(nl);
		free(nl);
	}
	nl = xmalloc(strlen(line) + 2);
	sprintf(nl, "%s\n", line);
	free(line);
	return nl;
}

/* append - concatenate @b onto malloc'd @a. */
static char *
append(char *a, const char *b)
{
	a = xrealloc(a, strlen(a) + strlen(b) + 1);
	strcat(a, b);
	return a;
}

/*
 * parse_buffer - parse and run complete commands at the start of @buf.
 * Returns the unconsumed rest (malloc'd), or NULL if more input is
 * needed before anything can run.
 */
static char *
parse_buffer(char *buf, int eof)
{
	struct lexer l;
	struct node *n;
	int r;

	while (*buf) {
		lex_init(&l, buf, eof);
		r = parse_command(&l, &n);
		free(l.word);
		if (r == -2 && !eof) {
			free(l.s);
			return NULL;
		}
		free(buf);
		buf = xstrdup(r == 0 ? l.s + l.pos : "");
		free(l.s);
		if (r < 0) {
			sh.status = 2;
			if (!sh.interactive)
				sh_exit(2);
		} else if (r == 0 && n && !sh.nflag) {
			exec_node(n, 0);
			sh.brk = sh.cont = sh.ret = 0;
		}
	}
	return buf;
}

/*
 * ignore_eof - true if set -o ignoreeof should keep an interactive shell
 * going after ^D.  Gives up after 10 in a row, as bash does, in case
 * the terminal is really gone.
 */
static int
ignore_eof(int *count)
{
	if (!sh.ignoreeof || sh.interactive != 1 || ++*count > 10)
		return 0;
	fputs("\nUse \"exit\" to leave the shell.\n", stderr);
	return 1;
}

/* run_input - the read-eval loop over stdin; returns the final status. */
static int
run_input(void)
{
	char *buf = xstrdup(""), *line, *rest;
	int eof = 0, neof = 0;

	while (!eof) {
		if (sh.interactive && !*buf)
			job_reap(1);
		line = get_line(*buf != 0);
		if (!line && !*buf && ignore_eof(&neof))
			continue;
		if (!line) {
			eof = 1;
			if (sh.interactive)
				fputc('\n', stderr);
		} else {
			neof = 0;
			if (sh.vflag)
				fputs(line, stderr);
			buf = append(buf, line);
			free(line);
		}
		rest = parse_buffer(xstrdup(buf), eof);
		if (rest) {
			free(buf);
			buf = rest;
		}
	}
	return sh.status;
}

static int login_shell;		/* -l, or argv[0] starting with '-' */

/*
 * set_options - apply an invocation option word (-xyz, +xyz); returns
 * 'c' if -c was seen.  -o name takes the next word, so *@i may advance.
 */
static int
set_options(int argc, char **argv, int *i)
{
	const char *arg = argv[*i];
	int on = arg[0] == '-', c = 0;

	for (arg++; *arg; arg++) {
		if (*arg == 'c')
			c = 'c';
		else if (*arg == 'i')
			sh.interactive = on;
		else if (*arg == 'l')
			login_shell = on;
		else if (*arg == 'o' && *i + 1 < argc &&
			 option_set(0, argv[*i + 1], on) == 0)
			++*i;
		else if (*arg != 's' && option_set(*arg, NULL, on) < 0)
			break;
	}
	if (*arg) {
		sh_error("illegal option %c%c", on ? '-' : '+', *arg);
		sh_exit(2);
	}
	return c;
}

/* init_vars - import the environment and set shell defaults. */
static void
init_vars(char **envp)
{
	char cwd[PATH_MAX];

	var_import(envp);
	if (!var_get("PATH"))
		var_set("PATH", "/bin:/usr/bin:/sbin:/usr/sbin", 1);
	if (!var_get("PS2"))
		var_set("PS2", "> ", 0);
	if (!var_get("PS4"))
		var_set("PS4", "+ ", 0);
	snprintf(cwd, sizeof(cwd), "%d", (int)getppid());
	var_set("PPID", cwd, 0);	/* POSIX: the parent at start-up */
	if (getcwd(cwd, sizeof(cwd)) && !pwd_valid(var_get("PWD"), cwd))
		var_set("PWD", cwd, 1);
	var_set("IFS", " \t\n", 0);
	var_set("OPTIND", "1", 0);
}

/* check_tty - true if fd 0 is a terminal that answers TCGETS. */
static int
check_tty(void)
{
	struct termios t;

	return isatty(0) && tcgetattr(0, &t) == 0;
}

/* parse_args - handle leading options; returns the index of the first
 * operand and sets *@cflag if -c was given. */
static int
parse_args(int argc, char **argv, int *cflag)
{
	int i;

	for (i = 1;
	     i < argc && (argv[i][0] == '-' || argv[i][0] == '+') && argv[i][1];
	     i++) {
		if (!strcmp(argv[i], "--"))
			return i + 1;
		if (set_options(argc, argv, &i))
			*cflag = 1;
	}
	return i;
}

/* set_args - make @argv[@i..@argc) the positional parameters. */
static void
set_args(int argc, char **argv, int i)
{
	sh.pos = argv + i;
	sh.npos = argc - i;
	sh.interactive = 0;
}

/*
 * read_profiles - a login shell runs /etc/profile, then $HOME/.profile;
 * an interactive shell then runs the file $ENV names (POSIX).  Missing
 * files are skipped silently.
 */
static void
read_profiles(void)
{
	const char *home = var_get("HOME"), *env = var_get("ENV");
	char path[PATH_MAX];

	if (login_shell) {
		exec_file("/etc/profile", 0);
		if (home && *home &&
		    snprintf(path, sizeof(path), "%s/.profile", home) <
			    (int)sizeof(path))
			exec_file(path, 0);
	}
	if (sh.interactive && env && *env)
		exec_file(env, 0);
}

/*
 * main - sh [-eilmxfu] [-c command [name [arg...]] | file [arg...]].
 * With neither -c nor a file, commands are read from standard input,
 * interactively if it is a terminal that answers TCGETS (or with -i).
 */
int
main(int argc, char **argv, char **envp)
{
	int i, cflag = 0, st;

	sh.rootpid = getpid();
	sh.arg0 = argv[0];
	sh.interactive = -1;
	login_shell = argv[0][0] == '-';
	init_vars(envp);
	i = parse_args(argc, argv, &cflag);
	if (cflag) {
		if (i >= argc) {
			sh_error("-c requires an argument");
			return 2;
		}
		if (i + 1 < argc)
			sh.arg0 = argv[i + 1];
		set_args(argc, argv, i + 2 > argc ? argc : i + 2);
		sh_exit(exec_string(argv[i]));
	}
	if (i < argc) {
		sh.arg0 = argv[i];
		set_args(argc, argv, i + 1);
		st = exec_file(sh.arg0, 1);
		sh_exit(st < 0 ? 2 : st);
	}
	sh.pos = argv + i;
	sh.npos = 0;
	if (sh.interactive < 0)
		sh.interactive = check_tty();
	sh.jobctl = sh.interactive;
	sh.shpgid = getpgrp();
	job_init();
	read_profiles();
	sh_exit(run_input());
}
