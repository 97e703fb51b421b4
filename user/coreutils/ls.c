/* user/coreutils/ls.c: ls (-l -a -A -1 -h -d -F -r -t -R), colours on a
 * terminal. */
#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>
#include "cu.h"

struct ls_ent {
	char *name; /* as displayed */
	char *path; /* for lstat/readlink */
	struct stat st;
};

struct ls_opts {
	int all, almost, lng, one, human, dir, classify, color;
	int rev, time, recurse;
};

static struct ls_opts o;

/* ls_cmp - qsort order: byte order of names (the C locale); with -t
 * newest first; -r reverses. */
static int
ls_cmp(const void *a, const void *b)
{
	const struct ls_ent *x = a, *y = b;
	int c = 0;

	if (o.time && x->st.st_mtim.tv_sec != y->st.st_mtim.tv_sec)
		c = x->st.st_mtim.tv_sec > y->st.st_mtim.tv_sec ? -1 : 1;
	else if (o.time && x->st.st_mtim.tv_nsec != y->st.st_mtim.tv_nsec)
		c = x->st.st_mtim.tv_nsec > y->st.st_mtim.tv_nsec ? -1 : 1;
	if (c == 0)
		c = strcmp(x->name, y->name);
	return o.rev ? -c : c;
}

/* ls_mode - render @m as "drwxr-xr-x" into @s (11 bytes). */
void
ls_mode(mode_t m, char *s)
{
	static const char rwx[] = "rwxrwxrwx";
	int i;

	s[0] = S_ISDIR(m)    ? 'd'
	       : S_ISLNK(m)  ? 'l'
	       : S_ISCHR(m)  ? 'c'
	       : S_ISBLK(m)  ? 'b'
	       : S_ISFIFO(m) ? 'p'
	       : S_ISSOCK(m) ? 's'
			     : '-';
	for (i = 0; i < 9; i++)
		s[i + 1] = m & (0400 >> i) ? rwx[i] : '-';
	if (m & S_ISUID)
		s[3] = s[3] == 'x' ? 's' : 'S';
	if (m & S_ISGID)
		s[6] = s[6] == 'x' ? 's' : 'S';
	if (m & S_ISVTX)
		s[9] = s[9] == 'x' ? 't' : 'T';
	s[10] = 0;
}

/* ls_color - ANSI colour for @m, or NULL. */
static const char *
ls_color(mode_t m)
{
	if (S_ISDIR(m))
		return "01;34";
	if (S_ISLNK(m))
		return "01;36";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "01;33";
	if (S_ISREG(m) && (m & 0111))
		return "01;32";
	return NULL;
}

/* ls_name - print an entry's name (coloured, classified). Returns width. */
static int
ls_name(const struct ls_ent *e)
{
	const char *c = o.color ? ls_color(e->st.st_mode) : NULL;
	int n = strlen(e->name);
	mode_t m = e->st.st_mode;

	if (c)
		printf("\033[%sm%s\033[0m", c, e->name);
	else
		fputs(e->name, stdout);
	if (!o.classify)
		return n;
	if (S_ISDIR(m) || S_ISLNK(m) || S_ISFIFO(m) || (S_ISREG(m) && m & 0111))
		putchar(S_ISDIR(m)    ? '/'
			: S_ISLNK(m)  ? '@'
			: S_ISFIFO(m) ? '|'
				      : '*');
	return n + (S_ISDIR(m) || S_ISLNK(m) || S_ISFIFO(m) ||
		    (S_ISREG(m) && m & 0111));
}

/* ls_user / ls_group - owner names, or the number if unknown. */
static const char *
ls_user(uid_t u, char *buf)
{
	struct passwd *p = getpwuid(u);

	if (p)
		return p->pw_name;
	sprintf(buf, "%u", (unsigned)u);
	return buf;
}

/* (ls_group: the same for groups.) */
static const char *
ls_group(gid_t g, char *buf)
{
	struct group *p = getgrgid(g);

	if (p)
		return p->gr_name;
	sprintf(buf, "%u", (unsigned)g);
	return buf;
}

/* ls_size - size column text (device numbers for devices). */
static void
ls_size(const struct stat *st, char *buf)
{
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		sprintf(buf, "%u, %u", major(st->st_rdev), minor(st->st_rdev));
	else if (o.human)
		cu_human(st->st_size, buf, 32);
	else
		sprintf(buf, "%lld", (long long)st->st_size);
}

/* ls_widen - grow column width *@w to fit @s. */
static void
ls_widen(int *w, const char *s)
{
	if ((int)strlen(s) > *w)
		*w = strlen(s);
}

/*
 * ls_widths - widen the -l columns (links, user, group, size) in @w to
 * fit @st. GNU also counts directory operands when sizing the columns of
 * the file operands, so cmd_ls calls this for those too (ls_opw).
 */
static void
ls_widths(const struct stat *st, int w[4])
{
	char b[4][40];

	snprintf(b[0], 40, "%lu", (unsigned long)st->st_nlink);
	ls_size(st, b[3]);
	ls_widen(&w[0], b[0]);
	ls_widen(&w[1], ls_user(st->st_uid, b[1]));
	ls_widen(&w[2], ls_group(st->st_gid, b[2]));
	ls_widen(&w[3], b[3]);
}

static int ls_opw[4]; /* minimum widths for the next ls_long() */

/* ls_long - print @n entries in -l format with aligned columns. */
static void
ls_long(struct ls_ent *e, int n)
{
	int i, w[4];
	char b[4][40], mode[11], tm[32], lnk[PATH_MAX];
	time_t now = time(NULL), t;
	ssize_t k;

	memcpy(w, ls_opw, sizeof(w));
	memset(ls_opw, 0, sizeof(ls_opw));
	for (i = 0; i < n; i++)
		ls_widths(&e[i].st, w);
	for (i = 0; i < n; i++) {
		ls_mode(e[i].st.st_mode, mode);
		ls_size(&e[i].st, b[3]);
		t = e[i].st.st_mtime;
		strftime(tm, sizeof(tm),
			 t > now - 15778476 && t <= now + 3600 ? "%b %e %H:%M"
							       : "%b %e  %Y",
			 localtime(&t));
		printf("%s %*lu %-*s %-*s %*s %s ", mode, w[0],
		       (unsigned long)e[i].st.st_nlink, w[1],
		       ls_user(e[i].st.st_uid, b[1]), w[2],
		       ls_group(e[i].st.st_gid, b[2]), w[3], b[3], tm);
		ls_name(&e[i]);
		if (S_ISLNK(e[i].st.st_mode) &&
		    (k = readlink(e[i].path, lnk, sizeof(lnk) - 1)) >= 0) {
			lnk[k] = 0;
			printf(" -> %s", lnk);
		}
		putchar('\n');
	}
}

/* ls_columns - print names in columns across a @width-wide terminal. */
static void
ls_columns(struct ls_ent *e, int n, int width)
{
	int i, r, c, maxw = 1, cols, rows, len;

	for (i = 0; i < n; i++) {
		len = strlen(e[i].name) + o.classify;
		maxw = len > maxw ? len : maxw;
	}
	maxw += 2;
	cols = width / maxw > 0 ? width / maxw : 1;
	rows = (n + cols - 1) / cols;
	for (r = 0; r < rows; r++) {
		for (c = 0; c < cols && (i = c * rows + r) < n; c++) {
			len = ls_name(&e[i]);
			if ((c + 1) * rows + r < n)
				printf("%*s", maxw - len, "");
		}
		putchar('\n');
	}
}

/* ls_print - sort and print a list of entries. */
static void
ls_print(struct ls_ent *e, int n)
{
	struct winsize ws;
	int i;

	qsort(e, n, sizeof(*e), ls_cmp);
	if (o.lng) {
		ls_long(e, n);
		return;
	}
	if (!o.one && isatty(1)) {
		ls_columns(e, n,
			   ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col
				   ? ws.ws_col
				   : 80);
		return;
	}
	for (i = 0; i < n; i++) {
		ls_name(&e[i]);
		putchar('\n');
	}
}

/* ls_free - release @n entries. */
static void
ls_free(struct ls_ent *e, int n)
{
	while (n-- > 0) {
		free(e[n].name);
		free(e[n].path);
	}
	free(e);
}

static int ls_dir(const char *path);

/* ls_subdirs - -R: list each subdirectory of the (sorted) entries in turn,
 * after a blank line and a "path:" header. Returns the worst status. */
static int
ls_subdirs(struct ls_ent *e, int n)
{
	int i, rc = 0;

	for (i = 0; i < n; i++) {
		if (!S_ISDIR(e[i].st.st_mode) || strcmp(e[i].name, ".") == 0 ||
		    strcmp(e[i].name, "..") == 0)
			continue;
		printf("\n%s:\n", e[i].path);
		if (ls_dir(e[i].path) > rc)
			rc = 2;
	}
	return rc;
}

/* ls_dir - list the contents of directory @path. Returns exit status. */
static int
ls_dir(const char *path)
{
	struct ls_ent *e = NULL;
	struct dirent *d;
	DIR *dir = opendir(path);
	int n = 0, cap = 0;
	unsigned long long blocks = 0;
	char tot[32];
	int rc;

	if (dir == NULL) {
		cu_errno("cannot open directory '%s'", path);
		return 2;
	}
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.' && !o.all &&
		    !(o.almost && strcmp(d->d_name, ".") &&
		      strcmp(d->d_name, "..")))
			continue;
		if (n == cap)
			e = realloc(e, (cap = cap * 2 + 16) * sizeof(*e));
		e[n].name = strdup(d->d_name);
		e[n].path = cu_join(path, d->d_name);
		if (lstat(e[n].path, &e[n].st) < 0)
			memset(&e[n].st, 0, sizeof(e[n].st));
		blocks += e[n].st.st_blocks;
		n++;
	}
	closedir(dir);
	if (o.lng && o.human) {
		cu_human(blocks * 512, tot, sizeof(tot));
		printf("total %s\n", tot);
	} else if (o.lng)
		printf("total %llu\n", blocks / 2);
	ls_print(e, n);
	rc = o.recurse ? ls_subdirs(e, n) : 0;
	ls_free(e, n);
	return rc;
}

/* ls_opts - parse options into o. Returns -1 on a usage error. */
static int
ls_parse(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "laA1hdFrtR")) != -1) {
		switch (c) {
		case 'l':
			o.lng = 1;
			break;
		case 'a':
			o.all = 1;
			break;
		case 'A':
			o.almost = 1;
			break;
		case '1':
			o.one = 1;
			break;
		case 'h':
			o.human = 1;
			break;
		case 'd':
			o.dir = 1;
			break;
		case 'r':
			o.rev = 1;
			break;
		case 't':
			o.time = 1;
			break;
		case 'R':
			o.recurse = 1;
			break;
		case 'F':
			o.classify = 1;
			break;
		default:
			return -1;
		}
	}
	o.color = isatty(1);
	return 0;
}

/* cmd_ls - list files and directories. Exit 2 if an operand is missing. */
int
cmd_ls(int argc, char **argv)
{
	struct ls_ent *files;
	int i, nf = 0, ndir = 0, rc = 0, shown = 0;
	char *dot[] = {".", NULL};
	char **args;

	if (ls_parse(argc, argv) < 0) {
		cu_badopt("laA1hdFrtR");
		return 2;
	}
	args = optind < argc ? argv + optind : dot;
	files = calloc(argc + 1, sizeof(*files));
	for (i = 0; args[i]; i++) {
		if (lstat(args[i], &files[nf].st) < 0) {
			cu_errno("cannot access '%s'", args[i]);
			rc = 2;
			continue;
		}
		if (S_ISDIR(files[nf].st.st_mode) && !o.dir) {
			ls_widths(&files[nf].st, ls_opw);
			ndir++;
			continue;
		}
		files[nf].name = strdup(args[i]);
		files[nf].path = strdup(args[i]);
		nf++;
	}
	if (nf)
		ls_print(files, nf);
	memset(ls_opw, 0, sizeof(ls_opw));
	ls_free(files, nf);
	for (i = 0; args[i]; i++) {
		struct stat st;
		if (o.dir || lstat(args[i], &st) < 0 || !S_ISDIR(st.st_mode))
			continue;
		if (nf || ndir > 1 || rc || args[1] || o.recurse)
			printf("%s%s:\n", nf || shown ? "\n" : "", args[i]);
		shown = 1;
		if (ls_dir(args[i]) > rc)
			rc = 2;
	}
	return rc;
}
