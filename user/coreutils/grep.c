/* user/coreutils/grep.c: grep (BRE, -E, -F, -i -n -v -c -l -q -s -h -H -r -w -x
 * -o). */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cu.h"

struct grep_opts {
	int icase, num, inv, count, list, quiet, silent, rec, fixed;
	int word, line, only;
	int names; /* prefix lines with the file name */
	regex_t *re;
	char **pat;
	int npat;
};

static struct grep_opts g;

/*
 * grep_one - find pattern @i in @line at or after byte @off; sets *@so,
 * *@eo (absolute offsets). Returns 1 if found.
 */
static int
grep_one(int i, const char *line, size_t off, size_t *so, size_t *eo)
{
	regmatch_t pm;
	const char *p;

	if (g.fixed) {
		p = g.icase ? strcasestr(line + off, g.pat[i])
			    : strstr(line + off, g.pat[i]);
		if (p == NULL)
			return 0;
		*so = p - line;
		*eo = *so + strlen(g.pat[i]);
		return 1;
	}
	if (regexec(&g.re[i], line + off, 1, &pm, off ? REG_NOTBOL : 0))
		return 0;
	*so = off + pm.rm_so;
	*eo = off + pm.rm_eo;
	return 1;
}

/* grep_isword - is @c a word constituent for -w? */
static int
grep_isword(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* grep_ok - does the match [so, eo) of @line satisfy -x / -w? */
static int
grep_ok(const char *line, size_t len, size_t so, size_t eo)
{
	if (g.line)
		return so == 0 && eo == len;
	if (g.word)
		return eo > so && (so == 0 || !grep_isword(line[so - 1])) &&
		       (eo == len || !grep_isword(line[eo]));
	return 1;
}

/*
 * grep_at - the leftmost acceptable match of any pattern in @line at or
 * after @from, into *@so, *@eo. Returns 1 if there is one.
 */
static int
grep_at(const char *line, size_t from, size_t *so, size_t *eo)
{
	size_t len = strlen(line), off, s, e;
	int i, found = 0;

	for (i = 0; i < g.npat; i++) {
		for (off = from; off <= len && grep_one(i, line, off, &s, &e);
		     off = s + 1) {
			if (!grep_ok(line, len, s, e))
				continue;
			if (!found || s < *so || (s == *so && e > *eo)) {
				*so = s;
				*eo = e;
			}
			found = 1;
			break;
		}
	}
	return found;
}

/* grep_match - does @line match any pattern? */
static int
grep_match(const char *line)
{
	size_t so, eo;

	return grep_at(line, 0, &so, &eo);
}

/* grep_only - -o: print each non-empty match of @line on its own line. */
static void
grep_only(const char *line, const char *name, long lineno)
{
	size_t from = 0, so, eo;

	while (grep_at(line, from, &so, &eo)) {
		from = eo > so ? eo : so + 1;
		if (eo == so)
			continue;
		if (g.names)
			printf("%s:", name);
		if (g.num)
			printf("%ld:", lineno);
		printf("%.*s\n", (int)(eo - so), line + so);
		if (from > strlen(line))
			break;
	}
}

/* grep_stream - search @f (called @name). Returns the match count. */
static long
grep_stream(FILE *f, const char *name)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0, hits = 0;

	while ((n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = 0;
		if (grep_match(line) == g.inv)
			continue;
		hits++;
		if (g.quiet || g.list)
			break;
		if (g.count)
			continue;
		if (g.only && !g.inv) {
			grep_only(line, name, lineno);
			continue;
		}
		if (g.names)
			printf("%s:", name);
		if (g.num)
			printf("%ld:", lineno);
		puts(line);
	}
	free(line);
	if (g.count) {
		if (g.names)
			printf("%s:", name);
		printf("%ld\n", hits);
	}
	if (g.list && hits)
		puts(name);
	return hits;
}

/* grep_path - search a file or (with -r) a tree. *@err set on errors. */
static long
grep_path(const char *path, int *err)
{
	struct stat st;
	struct dirent *d;
	DIR *dir;
	FILE *f;
	char *sub;
	long hits = 0;

	if (strcmp(path, "-") == 0)
		return grep_stream(stdin, "(standard input)");
	if (g.rec && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		if ((dir = opendir(path)) == NULL)
			goto out_err;
		while ((d = readdir(dir)) != NULL) {
			if (strcmp(d->d_name, ".") && strcmp(d->d_name, "..")) {
				sub = cu_join(path, d->d_name);
				hits += grep_path(sub, err);
				free(sub);
			}
		}
		closedir(dir);
		return hits;
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (!g.silent)
			cu_err("%s: Is a directory", path);
		*err = 1;
		return 0;
	}
	if ((f = fopen(path, "r")) == NULL)
		goto out_err;
	hits = grep_stream(f, path);
	fclose(f);
	return hits;
out_err:
	if (!g.silent)
		cu_errno("%s", path);
	*err = 1;
	return 0;
}

/* grep_compile - compile every pattern. Returns 0 or 2 (bad regex). */
static int
grep_compile(int ext)
{
	char msg[256];
	int i, e;

	g.re = calloc(g.npat, sizeof(regex_t));
	for (i = 0; i < g.npat && !g.fixed; i++) {
		e = regcomp(&g.re[i], g.pat[i],
			    (ext ? REG_EXTENDED : 0) |
				    (g.icase ? REG_ICASE : 0));
		if (e) {
			regerror(e, &g.re[i], msg, sizeof(msg));
			cu_err("%s", msg);
			return 2;
		}
	}
	return 0;
}

/* grep_opts - parse options; patterns from -e or the first operand. */
static int
grep_parse(int argc, char **argv, int *ext)
{
	int c, noname = 0, name = 0;

	g.pat = calloc(argc + 1, sizeof(char *));
	while ((c = getopt(argc, argv, "EFGinvclqsrRhHwxoe:")) != -1) {
		switch (c) {
		case 'E':
			*ext = 1;
			break;
		case 'F':
			g.fixed = 1;
			break;
		case 'G':
			*ext = 0;
			break;
		case 'i':
			g.icase = 1;
			break;
		case 'n':
			g.num = 1;
			break;
		case 'v':
			g.inv = 1;
			break;
		case 'c':
			g.count = 1;
			break;
		case 'l':
			g.list = 1;
			break;
		case 'q':
			g.quiet = 1;
			break;
		case 's':
			g.silent = 1;
			break;
		case 'r':
		case 'R':
			g.rec = 1;
			break;
		case 'h':
			noname = 1;
			break;
		case 'H':
			name = 1;
			break;
		case 'w':
			g.word = 1;
			break;
		case 'x':
			g.line = 1;
			break;
		case 'o':
			g.only = 1;
			break;
		case 'e':
			g.pat[g.npat++] = optarg;
			break;
		default:
			cu_err(optopt == 'e'
				       ? "option requires an argument -- '%c'"
				       : "invalid option -- '%c'",
			       optopt);
			return -1;
		}
	}
	if (g.npat == 0 && optind < argc)
		g.pat[g.npat++] = argv[optind++];
	if (g.npat == 0)
		return -1;
	g.names = !noname && (name || g.rec || argc - optind > 1);
	return 0;
}

/* cmd_grep - print lines matching a pattern. Exit 0 match, 1 none, 2 error. */
int
cmd_grep(int argc, char **argv)
{
	int ext = 0, err = 0, i;
	long hits = 0;
	char *dflt[] = {NULL, NULL};

	cu_fail = 2;
	if (grep_parse(argc, argv, &ext) < 0) {
		fprintf(stderr, "Usage: grep [OPTION]... PATTERNS [FILE]...\n"
				"Try 'grep --help' for more information.\n");
		return 2;
	}
	if (grep_compile(ext))
		return 2;
	if (optind >= argc) {
		dflt[0] = g.rec ? "." : "-";
		argv = dflt;
		optind = 0;
	}
	for (i = optind; argv[i]; i++) {
		hits += grep_path(argv[i], &err);
		if (g.quiet && hits)
			return 0;
	}
	return err ? 2 : hits ? 0 : 1;
}
