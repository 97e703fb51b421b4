/*
 * user/sh/test.c: the test and [ builtins (POSIX test(1)).
 * Recursive descent: or := and {-o and}; and := not {-a not};
 * not := ! not | primary; primary := ( or ) | unary | binary | string.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sh.h"

struct tst {
	char **av;
	int ac, i;
	int err;
};

static int t_or(struct tst *t);

/* is_unary - true if @op is a unary file or string operator. */
static int
is_unary(const char *op)
{
	return op[0] == '-' && op[1] && !op[2] &&
	       strchr("bcdefghkLnprsStuwxz", op[1]);
}

/* is_binary - true if @op is a binary operator. */
static int
is_binary(const char *op)
{
	static const char *const ops[] = {"=",	 "!=",	"-eq", "-ne", "-lt",
					  "-le", "-gt", "-ge", "-nt", "-ot",
					  "-ef", "<",	">",   NULL};
	int i;

	for (i = 0; ops[i]; i++)
		if (strcmp(op, ops[i]) == 0)
			return 1;
	return 0;
}

/* unary - evaluate "-X arg". */
static int
unary(char op, const char *arg)
{
	struct stat st;

	if (op == 'n')
		return *arg != 0;
	if (op == 'z')
		return *arg == 0;
	if (op == 't')
		return isatty(atoi(arg));
	if (op == 'L' || op == 'h')
		return lstat(arg, &st) == 0 && S_ISLNK(st.st_mode);
	if (stat(arg, &st) < 0)
		return 0;
	switch (op) {
	case 'e':
		return 1;
	case 'f':
		return S_ISREG(st.st_mode);
	case 'd':
		return S_ISDIR(st.st_mode);
	case 'b':
		return S_ISBLK(st.st_mode);
	case 'c':
		return S_ISCHR(st.st_mode);
	case 'p':
		return S_ISFIFO(st.st_mode);
	case 'S':
		return S_ISSOCK(st.st_mode);
	case 's':
		return st.st_size > 0;
	case 'g':
		return (st.st_mode & S_ISGID) != 0;
	case 'u':
		return (st.st_mode & S_ISUID) != 0;
	case 'k':
		return (st.st_mode & S_ISVTX) != 0;
	case 'r':
		return access(arg, R_OK) == 0;
	case 'w':
		return access(arg, W_OK) == 0;
	case 'x':
		return access(arg, X_OK) == 0;
	}
	return 0;
}

/* number - parse integer operand @s; flags an error if malformed. */
static long
number(struct tst *t, const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	if (!*s || *end || errno) {
		sh_error("test: %s: bad number", s);
		t->err = 1;
	}
	return v;
}

/* mtime_cmp - compare modification times of @a and @b (-nt / -ot). */
static int
mtime_cmp(const char *a, const char *b)
{
	struct stat sa, sb;
	int ea = stat(a, &sa) == 0, eb = stat(b, &sb) == 0;

	if (!ea || !eb)
		return ea - eb;
	return (sa.st_mtime > sb.st_mtime) - (sa.st_mtime < sb.st_mtime);
}

/* same_file - true if @a and @b are the same file (-ef). */
static int
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* binary - evaluate "a OP b". */
static int
binary(struct tst *t, const char *a, const char *op, const char *b)
{
	long x, y;

	if (!strcmp(op, "="))
		return strcmp(a, b) == 0;
	if (!strcmp(op, "!="))
		return strcmp(a, b) != 0;
	if (!strcmp(op, "<"))
		return strcmp(a, b) < 0;
	if (!strcmp(op, ">"))
		return strcmp(a, b) > 0;
	if (!strcmp(op, "-nt"))
		return mtime_cmp(a, b) > 0;
	if (!strcmp(op, "-ot"))
		return mtime_cmp(a, b) < 0;
	if (!strcmp(op, "-ef"))
		return same_file(a, b);
	x = number(t, a);
	y = number(t, b);
	switch (op[1] * 256 + op[2]) {
	case 'e' * 256 + 'q':
		return x == y;
	case 'n' * 256 + 'e':
		return x != y;
	case 'l' * 256 + 't':
		return x < y;
	case 'l' * 256 + 'e':
		return x <= y;
	case 'g' * 256 + 't':
		return x > y;
	}
	return x >= y;
}

/* next - consume and return the next argument (NULL past the end). */
static char *
next(struct tst *t)
{
	if (t->i >= t->ac) {
		t->err = 1;
		return NULL;
	}
	return t->av[t->i++];
}

/* t_primary - evaluate a primary expression. */
static int
t_primary(struct tst *t)
{
	char *a, *op;
	int r;

	if (!(a = next(t)))
		return 0;
	if (t->i + 1 < t->ac && is_binary(t->av[t->i])) {
		op = next(t);
		return binary(t, a, op, next(t));
	}
	if (!strcmp(a, "(") && t->i < t->ac) {
		r = t_or(t);
		if (!(op = next(t)) || strcmp(op, ")"))
			t->err = 1;
		return r;
	}
	if (is_unary(a) && t->i < t->ac)
		return unary(a[1], next(t));
	return *a != 0;
}

/* t_not - evaluate [!] primary. */
static int
t_not(struct tst *t)
{
	if (t->i < t->ac && !strcmp(t->av[t->i], "!") && t->i + 1 < t->ac) {
		t->i++;
		return !t_not(t);
	}
	return t_primary(t);
}

/* t_and - evaluate not {-a not}. */
static int
t_and(struct tst *t)
{
	int r = t_not(t);

	while (t->i < t->ac && !strcmp(t->av[t->i], "-a")) {
		t->i++;
		r = t_not(t) && r;
	}
	return r;
}

/* t_or - evaluate and {-o and}. */
static int
t_or(struct tst *t)
{
	int r = t_and(t);

	while (t->i < t->ac && !strcmp(t->av[t->i], "-o")) {
		t->i++;
		r = t_and(t) || r;
	}
	return r;
}

/* builtin_test - test/[ : returns 0 true, 1 false, 2 on error. */
int
builtin_test(int argc, char **argv)
{
	struct tst t = {argv + 1, argc - 1, 0, 0};
	int r;

	if (!strcmp(argv[0], "[")) {
		if (strcmp(argv[argc - 1], "]")) {
			sh_error("[: missing ]");
			return 2;
		}
		t.ac--;
	}
	if (t.ac == 0)
		return 1;
	r = t_or(&t);
	if (t.i < t.ac)
		t.err = 1;
	if (t.err) {
		sh_error("test: syntax error");
		return 2;
	}
	return !r;
}
