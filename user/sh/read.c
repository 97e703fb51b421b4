/*
 * user/sh/read.c: the read builtin.
 * Input is read one byte at a time so that a script reading its own
 * standard input (a pipe) leaves the rest of it for later commands.
 * Without -r a backslash quotes the next character (which then never
 * splits fields) and backslash-newline continues the line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

/* One input line; q[i] is set where s[i] was quoted by a backslash. */
struct line {
	char *s, *q;
	size_t n, cap;
	const char *ifs;
};

/* add - append character @c (quoted if @q) to @l. */
static void
add(struct line *l, char c, char q)
{
	if (l->n + 1 >= l->cap) {
		l->cap = l->cap ? 2 * l->cap : 128;
		l->s = xrealloc(l->s, l->cap);
		l->q = xrealloc(l->q, l->cap);
	}
	l->s[l->n] = c;
	l->q[l->n++] = q;
	l->s[l->n] = 0;
}

/* get_byte - read one byte from fd 0 into *@c; returns 1, or 0 at EOF
 * or on an error. */
static int
get_byte(char *c)
{
	ssize_t r;

	while ((r = read(0, c, 1)) < 0 && errno == EINTR)
		;
	return r == 1;
}

/* read_line - read up to a newline into @l; returns 1 if the newline
 * was seen, 0 at end of input. */
static int
read_line(struct line *l, int raw)
{
	char c = 0;

	add(l, 0, 0);
	l->n = 0;
	while (get_byte(&c) && c != '\n') {
		if (c != '\\' || raw) {
			add(l, c, 0);
			continue;
		}
		if (!get_byte(&c))
			return 0;
		if (c != '\n')
			add(l, c, 1);
	}
	return c == '\n';
}

/* is_ifs - true if l->s[@i] is an unquoted IFS character; with @ws,
 * only IFS white space counts. */
static int
is_ifs(struct line *l, size_t i, int ws)
{
	char c;

	if (i >= l->n || l->q[i] || !(c = l->s[i]) || !strchr(l->ifs, c))
		return 0;
	return !ws || c == ' ' || c == '\t' || c == '\n';
}

/* skip_delim - step @i over one field delimiter: IFS white space, at
 * most one other IFS character, then white space again. */
static size_t
skip_delim(struct line *l, size_t i)
{
	while (is_ifs(l, i, 1))
		i++;
	if (is_ifs(l, i, 0) && !is_ifs(l, i, 1))
		i++;
	while (is_ifs(l, i, 1))
		i++;
	return i;
}

/* field_end - index of the first unquoted IFS character from @i. */
static size_t
field_end(struct line *l, size_t i)
{
	while (i < l->n && !is_ifs(l, i, 0))
		i++;
	return i;
}

/*
 * rest_end - where the last variable's text ends, given that it starts
 * at @i: trailing IFS white space is dropped, and so is the delimiter
 * after the only remaining field ("a:" gives "a", "a:b:" stays).
 */
static size_t
rest_end(struct line *l, size_t i)
{
	size_t end = l->n, k;

	while (end > i && is_ifs(l, end - 1, 1))
		end--;
	k = field_end(l, i);
	if (k < end && skip_delim(l, k) >= end)
		return k;
	return end;
}

/* assign - set variable @name to l->s[@a..@b); returns 0 or -1. */
static int
assign(struct line *l, const char *name, size_t a, size_t b)
{
	char *v = xstrndup(l->s + a, b - a);
	int r = var_set(name, v, 0);

	free(v);
	return r;
}

/* split_into - split @l among the variables @names[0..@n); returns 0,
 * or -1 if one of them is read-only. */
static int
split_into(struct line *l, char **names, int n)
{
	size_t i = 0, e;
	int k, err = 0;

	while (is_ifs(l, i, 1))
		i++;
	for (k = 0; k < n - 1; k++) {
		e = field_end(l, i);
		err |= assign(l, names[k], i, e);
		i = skip_delim(l, e);
	}
	err |= assign(l, names[n - 1], i, rest_end(l, i));
	return err ? -1 : 0;
}

/*
 * builtin_read - "read [-r] [-p prompt] [name ...]": read a line and
 * split it on IFS into the names (the last one gets the rest); with no
 * names the whole line goes to REPLY, as in bash and ksh.  Returns 0,
 * 1 at end of input, 2 if a variable is read-only.
 */
int
builtin_read(int argc, char **argv)
{
	struct line l = {0};
	int i, raw = 0, nl, st;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else if (!strcmp(argv[i], "-r")) {
			raw = 1;
		} else if (!strcmp(argv[i], "-p") && i + 1 < argc) {
			fputs(argv[++i], stderr);
			fflush(stderr);
		} else {
			sh_error("read: illegal option %s", argv[i]);
			return 2;
		}
	}
	nl = read_line(&l, raw);
	l.ifs = var_get("IFS") ? var_get("IFS") : " \t\n";
	if (i == argc)
		st = assign(&l, "REPLY", 0, l.n);
	else
		st = split_into(&l, argv + i, argc - i);
	free(l.s);
	free(l.q);
	return st < 0 ? 2 : !nl;
}
