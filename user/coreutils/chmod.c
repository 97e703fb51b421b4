/* user/coreutils/chmod.c: chmod (octal and symbolic modes, -R) and tty. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cu.h"

#define ALL_PERMS 07777

/* who_bits - the permission bits @who (a set of u, g, o) can see. */
static mode_t
who_bits(int who)
{
	return ((who & 1) ? 04700 : 0) | ((who & 2) ? 02070 : 0) |
	       ((who & 4) ? 01007 : 0);
}

/* perm_bits - the bits @c (r w x X s t) names within @who's; @dir and
 * @old for X (execute only for directories or if someone may already). */
static mode_t
perm_bits(char c, mode_t old, int dir)
{
	switch (c) {
	case 'r': return 0444;
	case 'w': return 0222;
	case 'x': return 0111;
	case 'X': return dir || (old & 0111) ? 0111 : 0;
	case 's': return 06000;
	case 't': return 01000;
	}
	return (mode_t)-1;
}

/*
 * apply_clause - one symbolic clause ("ug+rx") to @mode.  With no u, g,
 * o or a the umask limits what + and = set, as POSIX says.  Returns the
 * new mode, or -1 for a malformed clause.
 */
static long
apply_clause(const char *s, mode_t mode, int dir)
{
	int who = 0, op;
	mode_t mask, bits;

	for (; strchr("ugoa", *s) && *s; s++)
		who |= *s == 'u' ? 1 : *s == 'g' ? 2 : *s == 'o' ? 4 : 7;
	mask = who ? who_bits(who) : ~(mode_t)umask(0) & ALL_PERMS;
	if (!who) {
		umask(~mask & 0777);	/* put it back */
		who = 7;
	}
	if (!*s)
		return -1;
	while (*s) {
		if (!strchr("+-=", *s))
			return -1;
		op = *s++;
		bits = 0;
		for (; *s && !strchr("+-=,", *s); s++) {
			mode_t b = perm_bits(*s, mode, dir);
			if (b == (mode_t)-1)
				return -1;
			bits |= b;
		}
		bits &= who_bits(who) & (op == '-' ? ALL_PERMS : mask);
		if (op == '=')
			mode &= ~(who_bits(who) & ~(mode_t)(dir ? 06000 : 0));
		mode = op == '-' ? mode & ~bits : mode | bits;
	}
	return mode;
}

/* new_mode - @spec (octal, or clauses separated by commas) applied to
 * @old.  Returns the mode or -1 if @spec is invalid. */
static long
new_mode(const char *spec, mode_t old, int dir)
{
	char *end, *copy, *clause, *save;
	long mode = old & ALL_PERMS;

	if (*spec >= '0' && *spec <= '7') {
		unsigned long v = strtoul(spec, &end, 8);
		return *end || v > ALL_PERMS ? -1 : (long)v;
	}
	copy = strdup(spec);
	if (!copy)
		return -1;
	for (clause = strtok_r(copy, ",", &save); clause && mode >= 0;
	     clause = strtok_r(NULL, ",", &save))
		mode = apply_clause(clause, (mode_t)mode, dir);
	free(copy);
	return mode;
}

/* chmod_path - change @path (and below it, with @recurse). 0 or 1. */
static int
chmod_path(const char *spec, const char *path, int recurse)
{
	struct stat st;
	struct dirent *d;
	DIR *dir;
	long mode;
	int rc = 0;

	if (stat(path, &st) < 0) {
		cu_errno("cannot access '%s'", path);
		return 1;
	}
	mode = new_mode(spec, st.st_mode, S_ISDIR(st.st_mode));
	if (mode < 0) {
		cu_usage("invalid mode: '%s'", spec);
		exit(1);
	}
	if (chmod(path, (mode_t)mode) < 0) {
		cu_errno("changing permissions of '%s'", path);
		rc = 1;
	}
	if (!recurse || !S_ISDIR(st.st_mode) || !(dir = opendir(path)))
		return rc;
	while ((d = readdir(dir))) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		char *sub = cu_join(path, d->d_name);
		struct stat lst;
		if (lstat(sub, &lst) == 0 && !S_ISLNK(lst.st_mode))
			rc |= chmod_path(spec, sub, 1);
		free(sub);
	}
	closedir(dir);
	return rc;
}

/* cmd_chmod - chmod [-R] MODE FILE... */
int
cmd_chmod(int argc, char **argv)
{
	int i = 1, recurse = 0, rc = 0;

	if (i < argc && !strcmp(argv[i], "-R")) {
		recurse = 1;
		i++;
	}
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	if (argc - i < 1)
		return cu_usage("missing operand");
	if (argc - i < 2)
		return cu_usage("missing operand after '%s'", argv[i]);
	for (int f = i + 1; f < argc; f++)
		rc |= chmod_path(argv[i], argv[f], recurse);
	return rc;
}

/* cmd_tty - print the terminal on standard input; exit 1 if none. */
int
cmd_tty(int argc, char **argv)
{
	const char *name;
	int quiet = argc > 1 && !strcmp(argv[1], "-s");

	if (argc > 1 + quiet)
		return cu_usage("extra operand '%s'", argv[1 + quiet]);
	name = ttyname(0);
	if (!quiet)
		puts(name ? name : "not a tty");
	return name ? 0 : 1;
}
