/* user/coreutils/find.c: find (paths; -name -iname -type -maxdepth
 * -mindepth -print, '!' / -not; all tests ANDed) and du (-s -h -a -c). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cu.h"

struct find_test {
	char kind; /* 'n' name, 'i' iname, 't' type */
	int neg;
	const char *arg;
};

static struct find_test ft[64];
static int nft, maxdepth = -1, mindepth;

/* find_type - the -type letter for @m. */
static char
find_type(mode_t m)
{
	return S_ISDIR(m)    ? 'd'
	       : S_ISLNK(m)  ? 'l'
	       : S_ISREG(m)  ? 'f'
	       : S_ISCHR(m)  ? 'c'
	       : S_ISBLK(m)  ? 'b'
	       : S_ISFIFO(m) ? 'p'
			     : 's';
}

/* find_match - does @path (with status @st) pass every test? */
static int
find_match(const char *path, const struct stat *st)
{
	char base[4096];
	size_t n;
	int i, ok;

	snprintf(base, sizeof(base), "%s", path);
	for (n = strlen(base); n > 1 && base[n - 1] == '/'; n--)
		base[n - 1] = 0;
	for (i = 0; i < nft; i++) {
		if (ft[i].kind == 't')
			ok = find_type(st->st_mode) == ft[i].arg[0];
		else
			ok = fnmatch(ft[i].arg, cu_base(base),
				     ft[i].kind == 'i' ? FNM_CASEFOLD : 0) == 0;
		if (ok == ft[i].neg)
			return 0;
	}
	return 1;
}

/* find_walk - visit @path at @depth and below. Returns 0 or 1 on errors. */
static int
find_walk(const char *path, int depth)
{
	struct stat st;
	struct dirent *d;
	DIR *dir;
	char *sub;
	int rc = 0;

	if (lstat(path, &st) < 0) {
		cu_errno("'%s'", path);
		return 1;
	}
	if (depth >= mindepth && find_match(path, &st))
		puts(path);
	if (!S_ISDIR(st.st_mode) || depth == maxdepth)
		return 0;
	if ((dir = opendir(path)) == NULL) {
		cu_errno("'%s'", path);
		return 1;
	}
	while ((d = readdir(dir)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		sub = cu_join(path, d->d_name);
		rc |= find_walk(sub, depth + 1);
		free(sub);
	}
	closedir(dir);
	return rc;
}

/* find_check - GNU's complaint if @arg is no good for @pred (-type,
 * -maxdepth, -mindepth). Returns 0 or -1. */
static int
find_check(const char *pred, const char *arg)
{
	if (strcmp(pred, "-type") == 0 && arg[0] && arg[1]) {
		cu_err("Must separate multiple arguments to -type using: ','");
		return -1;
	}
	if (strcmp(pred, "-type") == 0 &&
	    (!arg[0] || !strchr("fdlcbps", arg[0]))) {
		cu_err("Unknown argument to -type: %s", arg);
		return -1;
	}
	if ((!strcmp(pred, "-maxdepth") || !strcmp(pred, "-mindepth")) &&
	    (!*arg || arg[strspn(arg, "0123456789")])) {
		cu_err("Expected a positive decimal integer argument to %s, "
		       "but got '%s'",
		       pred, arg);
		return -1;
	}
	return 0;
}

/* find_parse - parse the expression from argv[i]. Returns 0 or -1. */
static int
find_parse(int argc, char **argv, int i)
{
	int neg = 0;

	for (; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "!") == 0 || strcmp(a, "-not") == 0) {
			neg = !neg;
			continue;
		}
		if (strcmp(a, "-print") == 0 || strcmp(a, "-a") == 0)
			continue;
		if (i + 1 >= argc) {
			cu_err("missing argument to '%s'", a);
			return -1;
		}
		if (find_check(a, argv[i + 1]) < 0)
			return -1;
		if (strcmp(a, "-maxdepth") == 0)
			maxdepth = atoi(argv[++i]);
		else if (strcmp(a, "-mindepth") == 0)
			mindepth = atoi(argv[++i]);
		else if (nft < 64 &&
			 (!strcmp(a, "-name") || !strcmp(a, "-iname") ||
			  !strcmp(a, "-type"))) {
			ft[nft].kind = a[1] == 'n'   ? 'n'
				       : a[1] == 'i' ? 'i'
						     : 't';
			ft[nft].neg = neg;
			ft[nft++].arg = argv[++i];
			neg = 0;
		} else {
			cu_err("unknown predicate `%s'", a); /* GNU quoting */
			return -1;
		}
	}
	return 0;
}

/* cmd_find - walk the paths (default ".") printing matching names. */
int
cmd_find(int argc, char **argv)
{
	int i = 1, first, rc = 0;

	while (i < argc && (argv[i][0] != '-' || argv[i][1] == 0) &&
	       strcmp(argv[i], "!"))
		i++;
	first = i;
	if (find_parse(argc, argv, first) < 0)
		return 1;
	if (first == 1)
		return find_walk(".", 0);
	for (i = 1; i < first; i++)
		rc |= find_walk(argv[i], 0);
	return rc;
}

static int du_sum, du_human, du_all;

/* du_print - print @blocks (512-byte units) for @path. */
static void
du_print(unsigned long long blocks, const char *path)
{
	char buf[32];

	if (du_human)
		cu_human(blocks * 512, buf, sizeof(buf));
	else
		snprintf(buf, sizeof(buf), "%llu", (blocks + 1) / 2);
	printf("%s\t%s\n", buf, path);
}

/* du_walk - total the blocks under @path, printing as selected. */
static unsigned long long
du_walk(const char *path, int depth, int *rc)
{
	struct stat st;
	struct dirent *d;
	DIR *dir;
	char *sub;
	unsigned long long tot;

	if (lstat(path, &st) < 0) {
		cu_errno("cannot access '%s'", path);
		*rc = 1;
		return 0;
	}
	tot = st.st_blocks;
	if (S_ISDIR(st.st_mode) && (dir = opendir(path)) != NULL) {
		while ((d = readdir(dir)) != NULL) {
			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
				continue;
			sub = cu_join(path, d->d_name);
			tot += du_walk(sub, depth + 1, rc);
			free(sub);
		}
		closedir(dir);
	} else if (S_ISDIR(st.st_mode)) {
		cu_errno("cannot read directory '%s'", path);
		*rc = 1;
	}
	if (depth == 0 || (!du_sum && (S_ISDIR(st.st_mode) || du_all)))
		du_print(tot, path);
	return tot;
}

/* cmd_du - disk usage in KiB; -s summary only, -h human, -a all files,
 * -c grand total. Hard links are counted every time (see README). */
int
cmd_du(int argc, char **argv)
{
	int c, i, rc = 0, total = 0;
	unsigned long long sum = 0;

	while ((c = getopt(argc, argv, "shack")) != -1) {
		if (c == 's')
			du_sum = 1;
		else if (c == 'h')
			du_human = 1;
		else if (c == 'a')
			du_all = 1;
		else if (c == 'c')
			total = 1;
		else if (c != 'k')
			return cu_badopt("shack");
	}
	if (optind >= argc)
		argv[--optind] = ".";
	for (i = optind; i < argc; i++)
		sum += du_walk(argv[i], 0, &rc);
	if (total)
		du_print(sum, "total");
	return rc;
}
