/*
 * user/init/inittab.c: reading /etc/inittab.
 *
 * Format (Basalt's own, far simpler than System V's id:runlevels:action:
 * process lines):
 *
 *	# a comment
 *	DEVICE:COMMAND
 *
 * One terminal per line.  DEVICE is a name under /dev ("ttyS0") or an
 * absolute path ("/dev/ttyS0").  COMMAND is an absolute program path and
 * its arguments, separated by blanks: no quoting, no $ expansion, at
 * most INIT_MAX_ARGS words.  A '-' before the path asks for a login
 * shell: the program gets argv[0] "-NAME" (the convention login(1) and
 * BusyBox init use; a shell reads its profile when argv[0] starts with
 * '-').  Blanks around DEVICE and COMMAND are ignored, and so are blank
 * lines and lines whose first non-blank character is '#'.  A bad line is
 * reported on stderr with its line number and skipped; the good lines
 * still count.  Each device may appear once; at most INIT_MAX_TERMS.
 *
 *	ttyS0:-/bin/sh
 *	tty1:-/bin/sh
 *
 * With no inittab, or no usable line in it, init starts "-/bin/sh" on
 * /dev/console (see inittab_read()).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "init.h"

/* trim - @s without leading and trailing blanks (CR and LF included);
 * cuts @s in place. */
static char *
trim(char *s)
{
	char *e;

	s += strspn(s, " \t");
	e = s + strlen(s);
	while (e > s && strchr(" \t\r\n", e[-1]))
		e--;
	*e = 0;
	return s;
}

/* parse_device - fill @t->dev from @dev; NULL, or why @dev is bad. */
static const char *
parse_device(struct term *t, const char *dev)
{
	if (*dev == 0)
		return "missing device before ':'";
	if (strpbrk(dev, " \t"))
		return "blank inside the device name";
	snprintf(t->dev, sizeof(t->dev), "%s%s", *dev == '/' ? "" : "/dev/",
		 dev);
	return NULL;
}

/* parse_command - split @cmd into @t's program and argv; NULL, or why
 * @cmd is bad. */
static const char *
parse_command(struct term *t, const char *cmd)
{
	int login = *cmd == '-', n = 0;
	char *w, *save;
	const char *base;

	cmd += login;
	if (*cmd != '/')
		return *cmd ? "command must start with an absolute path"
			    : "missing command after ':'";
	snprintf(t->words, sizeof(t->words), "%s", cmd);
	for (w = strtok_r(t->words, " \t", &save); w;
	     w = strtok_r(NULL, " \t", &save)) {
		if (n == INIT_MAX_ARGS)
			return "too many arguments";
		t->argv[n++] = w;
	}
	t->argv[n] = NULL;
	t->path = t->argv[0];
	base = strrchr(t->path, '/') + 1;
	if (*base == 0)
		return "command names a directory";
	if (login) {
		snprintf(t->arg0, sizeof(t->arg0), "-%s", base);
		t->argv[0] = t->arg0;
	}
	return NULL;
}

/* parse_line - parse one line into @terms[@n].  Returns 1 for an entry,
 * 0 for a blank or comment line, -1 with *@why for a bad line. */
static int
parse_line(char *line, struct term *terms, int n, const char **why)
{
	char *colon, *s = trim(line);
	struct term *t = &terms[n];
	int i;

	if (*s == 0 || *s == '#')
		return 0;
	if ((colon = strchr(s, ':')) == NULL) {
		*why = "missing ':' between device and command";
		return -1;
	}
	*colon = 0;
	if (n == INIT_MAX_TERMS) {
		*why = "too many terminals";
		return -1;
	}
	memset(t, 0, sizeof(*t));
	if ((*why = parse_device(t, trim(s))) != NULL ||
	    (*why = parse_command(t, trim(colon + 1))) != NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(terms[i].dev, t->dev) == 0) {
			*why = "device already listed";
			return -1;
		}
	return 1;
}

/* skip_rest - discard the rest of an over-long line. */
static void
skip_rest(FILE *f)
{
	int c;

	while ((c = getc(f)) != EOF && c != '\n')
		;
}

/* inittab_parse - read the entries of @f (named @name in messages) into
 * @terms.  Returns their number; *@nbad counts the lines reported. */
static int
inittab_parse(FILE *f, const char *name, struct term *terms, int *nbad)
{
	char line[INIT_LINE_MAX + 2];
	const char *why;
	int n = 0, lineno = 0, r;

	*nbad = 0;
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		if (!strchr(line, '\n') && !feof(f)) {
			skip_rest(f);
			why = "line too long";
			r = -1;
		} else {
			r = parse_line(line, terms, n, &why);
		}
		if (r < 0) {
			fprintf(stderr, "init: %s:%d: %s\n", name, lineno, why);
			++*nbad;
		} else if (r > 0) {
			terms[n++].lineno = lineno;
		}
	}
	return n;
}

/* fallback - make @t a login shell on the console. */
static void
fallback(struct term *t)
{
	memset(t, 0, sizeof(*t));
	parse_device(t, CONSOLE_PATH);
	parse_command(t, "-" SHELL_PATH);
}

/*
 * inittab_read - load the terminals of inittab @file into @terms
 * (INIT_MAX_TERMS entries).  Bad lines and an unreadable file are
 * reported on stderr (a missing one only unless @quiet_missing); *@nbad
 * counts those reports.  Returns the number of entries, at least 1: with
 * none, @terms[0] is the console fallback.
 */
int
inittab_read(const char *file, struct term *terms, int *nbad, int quiet_missing)
{
	FILE *f = fopen(file, "r");
	int n;

	*nbad = 0;
	if (f == NULL) {
		if (errno != ENOENT || !quiet_missing) {
			fprintf(stderr, "init: %s: %s\n", file,
				strerror(errno));
			++*nbad;
		}
	} else {
		n = inittab_parse(f, file, terms, nbad);
		fclose(f);
		if (n > 0)
			return n;
		fprintf(stderr, "init: %s: no terminal listed\n", file);
	}
	fallback(&terms[0]);
	return 1;
}

/*
 * inittab_test - "init --test-inittab FILE": parse FILE as init would
 * and print one line per terminal it would start.  Returns the exit
 * status: 0, or 1 if anything was reported on stderr.
 */
int
inittab_test(const char *file)
{
	static struct term terms[INIT_MAX_TERMS];
	int n, nbad, i, j;

	n = inittab_read(file, terms, &nbad, 0);
	for (i = 0; i < n; i++) {
		if (terms[i].lineno)
			printf("line %d: ", terms[i].lineno);
		else
			printf("fallback: ");
		printf("%s: %s", terms[i].dev, terms[i].path);
		for (j = 0; terms[i].argv[j]; j++)
			printf(" \"%s\"", terms[i].argv[j]);
		putchar('\n');
	}
	fflush(stdout);
	return nbad ? 1 : 0;
}
