/* user/coreutils/chmod.c: chmod (octal and symbolic modes, -R) and tty;
 * cu_mode() also serves mkdir -m. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cu.h"

#define ALL_PERMS 07777

/*
 * One operation of a symbolic mode ("g+rx" has one, "u=rw-x" two),
 * applied as gnulib's mode_adjust() does so that the results match GNU
 * chmod bit for bit.
 */
struct mode_op {
	char op;	  /* '+', '-' or '=' */
	char flag;	  /* 0, 'X' (x if a directory or any x) or 'c' (copy) */
	mode_t affected;  /* the who bits; 0 if no who letter (umask applies) */
	mode_t value;	  /* the perm bits named */
	mode_t mentioned; /* bits named at all: the who bits, else @value */
};

/* who_bits - the bits the who letter @c (u g o a) selects; 0 if none. */
static mode_t
who_bits(char c)
{
	switch (c) {
	case 'u':
		return 04700;
	case 'g':
		return 02070;
	case 'o':
		return 01007;
	case 'a':
		return ALL_PERMS;
	}
	return 0;
}

/* perm_bits - the bits perm letter @c (r w x s t) names; 0 if none. */
static mode_t
perm_bits(char c)
{
	switch (c) {
	case 'r':
		return 0444;
	case 'w':
		return 0222;
	case 'x':
		return 0111;
	case 's':
		return 06000;
	case 't':
		return 01000;
	}
	return 0;
}

/*
 * mode_step - @mode after @o on a file (a directory if @dir), with the
 * umask @um limiting an operation that has no who letter.  Directories
 * keep set-user/group-ID bits an operation does not mention, as in GNU.
 */
static mode_t
mode_step(mode_t mode, const struct mode_op *o, int dir, mode_t um)
{
	mode_t omit = dir ? 06000 & ~o->mentioned : 0, v = o->value;
	mode_t keep;

	if (o->flag == 'c') {
		v &= mode;
		v |= (v & 0444 ? 0444 : 0) | (v & 0222 ? 0222 : 0) |
		     (v & 0111 ? 0111 : 0);
	} else if (o->flag == 'X' && ((mode & 0111) || dir))
		v |= 0111;
	v &= (o->affected ? o->affected : ~um) & ~omit & ALL_PERMS;
	if (o->op == '+')
		return mode | v;
	if (o->op == '-')
		return mode & ~v;
	keep = (o->affected ? ~o->affected : 0) | omit;
	return (mode & keep) | v;
}

/*
 * parse_perms - the perms after an operator at *@s into @o: one of u g o
 * (copy that class) or any run of r w x X s t. Advances *@s.
 */
static void
parse_perms(const char **s, struct mode_op *o)
{
	o->value = 0;
	o->flag = 0;
	if (**s && strchr("ugo", **s)) {
		o->value = who_bits(*(*s)++) & 0777;
		o->flag = 'c';
		return;
	}
	for (; **s && strchr("rwxXst", **s); (*s)++) {
		if (**s == 'X')
			o->flag = 'X';
		else
			o->value |= perm_bits(**s);
	}
}

/* mode_symbolic - apply the comma-separated clauses of @s to @mode.
 * Returns the new mode, or -1 if @s is malformed. */
static long
mode_symbolic(const char *s, mode_t mode, int dir, mode_t um)
{
	struct mode_op o;

	for (;;) {
		for (o.affected = 0; who_bits(*s); s++)
			o.affected |= who_bits(*s);
		if (!*s || !strchr("+-=", *s))
			return -1;
		while (*s && strchr("+-=", *s)) {
			o.op = *s++;
			parse_perms(&s, &o);
			o.mentioned = o.affected ? o.affected : o.value;
			mode = mode_step(mode, &o, dir, um);
		}
		if (*s == 0)
			return mode;
		if (*s++ != ',')
			return -1;
	}
}

/*
 * cu_mode - @spec (octal, or symbolic clauses separated by commas)
 * applied to @old, for a directory if @isdir; clauses without u, g, o
 * or a are limited by @umask_val, as POSIX says. Returns the new
 * permission bits, or -1 if @spec is invalid.
 */
long
cu_mode(const char *spec, mode_t old, int isdir, mode_t umask_val)
{
	struct mode_op o = {.op = '=', .affected = ALL_PERMS};
	size_t n = strspn(spec, "01234567");
	unsigned long v;

	if (n == 0)
		return mode_symbolic(spec, old & ALL_PERMS, isdir, umask_val);
	v = strtoul(spec, NULL, 8);
	if (spec[n] || v > ALL_PERMS)
		return -1;
	/* Under five digits, a directory keeps set-ID bits not given. */
	o.value = v;
	o.mentioned = n < 5 ? (v & 06000) | 01777 : ALL_PERMS;
	return mode_step(old & ALL_PERMS, &o, isdir, umask_val);
}

struct chmod_opts {
	const char *mode;
	mode_t umask;
	int recurse;
	int diagnose; /* the mode came as an option ("-w"): GNU reports
			 where the umask left bits the user may expect gone */
};

/* chmod_surprise - GNU's "new permissions are r--rw-rw-, not r--r--r--"
 * check for @path, changed from @old to @mode. Returns 0 or 1. */
static int
chmod_surprise(const struct chmod_opts *c, const char *path, mode_t old,
	       mode_t mode)
{
	long naive = cu_mode(c->mode, old, S_ISDIR(old), 0);
	char now[11], want[11];

	if (!c->diagnose || (mode & ~(mode_t)naive) == 0)
		return 0;
	ls_mode(mode, now);
	ls_mode((mode_t)naive, want);
	cu_err("%s: new permissions are %s, not %s", path, now + 1, want + 1);
	return 1;
}

static int chmod_path(const struct chmod_opts *c, const char *path);

/* chmod_dir - -R: every entry of directory @path but symlinks. 0 or 1. */
static int
chmod_dir(const struct chmod_opts *c, const char *path)
{
	struct dirent *d;
	struct stat st;
	DIR *dir = opendir(path);
	char *sub;
	int rc = 0;

	if (dir == NULL) {
		cu_errno("cannot read directory '%s'", path);
		return 1;
	}
	while ((d = readdir(dir))) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		sub = cu_join(path, d->d_name);
		if (lstat(sub, &st) == 0 && !S_ISLNK(st.st_mode))
			rc |= chmod_path(c, sub);
		free(sub);
	}
	closedir(dir);
	return rc;
}

/* chmod_path - change @path (and what is below it, with -R). 0 or 1. */
static int
chmod_path(const struct chmod_opts *c, const char *path)
{
	struct stat st;
	mode_t mode;
	int rc = 0;

	if (stat(path, &st) < 0) {
		cu_errno("cannot access '%s'", path);
		return 1;
	}
	mode = (mode_t)cu_mode(c->mode, st.st_mode, S_ISDIR(st.st_mode),
			       c->umask);
	if (chmod(path, mode) < 0) {
		cu_errno("changing permissions of '%s'", path);
		rc = 1;
	} else
		rc = chmod_surprise(c, path, st.st_mode, mode);
	if (c->recurse && S_ISDIR(st.st_mode))
		rc |= chmod_dir(c, path);
	return rc;
}

/*
 * chmod_args - sort argv into options, the mode and files (moved to the
 * front of argv; their count is returned, or -1 after a usage error).
 * As in GNU, "-w" or "-x,g+r" is a mode, not an option.
 */
static int
chmod_args(int argc, char **argv, struct chmod_opts *c)
{
	int i, nf = 0, opts = 1;
	const char *a;

	for (i = 1; i < argc; i++) {
		a = argv[i];
		if (opts && strcmp(a, "--") == 0) {
			opts = 0;
		} else if (opts && a[0] == '-' && a[1] &&
			   strchr("rwxXstugoa,+=01234567", a[1])) {
			c->mode = a;
			c->diagnose = 1;
		} else if (opts && a[0] == '-' && a[1]) {
			for (a++; *a == 'R'; a++)
				c->recurse = 1;
			if (*a) {
				cu_usage("invalid option -- '%c'", *a);
				return -1;
			}
		} else if (c->mode == NULL)
			c->mode = a;
		else
			argv[nf++] = argv[i];
	}
	return nf;
}

/* cmd_chmod - chmod [-R] MODE FILE... */
int
cmd_chmod(int argc, char **argv)
{
	struct chmod_opts c = {0};
	int i, nf, rc = 0;

	if ((nf = chmod_args(argc, argv, &c)) < 0)
		return 1;
	if (c.mode == NULL)
		return cu_usage("missing operand");
	if (nf == 0)
		return cu_usage("missing operand after '%s'", c.mode);
	if (cu_mode(c.mode, 0, 0, 0) < 0)
		return cu_usage("invalid mode: '%s'", c.mode);
	c.umask = umask(0);
	umask(c.umask);
	for (i = 0; i < nf; i++)
		rc |= chmod_path(&c, argv[i]);
	return rc;
}

/* cmd_tty - print the terminal on standard input ("not a tty" and exit
 * 1 if none); -s only sets the status.  GNU's exit codes: 2 for a usage
 * error, 3 if the name cannot be written. */
int
cmd_tty(int argc, char **argv)
{
	const char *name;
	int c, quiet = 0;

	cu_fail = 3;
	while ((c = getopt(argc, argv, "s")) != -1) {
		if (c == '?')
			return cu_badopt("s") + 1;
		quiet = 1;
	}
	if (optind < argc)
		return cu_usage("extra operand '%s'", argv[optind]) + 1;
	name = ttyname(0);
	if (!quiet)
		puts(name ? name : "not a tty");
	return name ? 0 : 1;
}
