/* user/coreutils/ls.c: ls (-l -a -A -1 -h -d -F -r -t -R), colours on a
 * terminal or as --color[=WHEN] says. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
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

/* ls_color - the colour GNU ls gives a file of mode @m when there is no
 * LS_COLORS (dircolors' built-in defaults), or NULL for none. */
static const char *
ls_color(mode_t m)
{
	if (S_ISREG(m))
		return m & S_ISUID   ? "37;41"
		       : m & S_ISGID ? "30;43"
		       : m & 0111    ? "01;32"
				     : NULL;
	if (S_ISDIR(m))
		return (m & S_ISVTX) && (m & S_IWOTH) ? "30;42"
		       : m & S_IWOTH		      ? "34;42"
		       : m & S_ISVTX		      ? "37;44"
						      : "01;34";
	if (S_ISLNK(m))
		return "01;36";
	if (S_ISFIFO(m))
		return "33";
	if (S_ISSOCK(m))
		return "01;35";
	return S_ISCHR(m) || S_ISBLK(m) ? "01;33" : NULL;
}

/* ls_indicator - the -F character for mode @m, or 0 for none. */
static int
ls_indicator(mode_t m)
{
	return S_ISDIR(m)		  ? '/'
	       : S_ISLNK(m)		  ? '@'
	       : S_ISFIFO(m)		  ? '|'
	       : S_ISSOCK(m)		  ? '='
	       : S_ISREG(m) && (m & 0111) ? '*'
					  : 0;
}

static int ls_painted; /* a colour has been used */

/* ls_paint - print @name in the colour for mode @m (if colours are on).
 * Like GNU, reset the terminal's colours before the first one used. */
static void
ls_paint(const char *name, mode_t m)
{
	const char *c = o.color ? ls_color(m) : NULL;

	if (c == NULL) {
		fputs(name, stdout);
		return;
	}
	if (!ls_painted)
		fputs("\033[0m", stdout);
	ls_painted = 1;
	printf("\033[%sm%s\033[0m", c, name);
}

/* ls_name - print an entry's name, coloured and (-F) classified; but -l
 * classifies a symlink's target instead (ls_target). Returns the width. */
static int
ls_name(const struct ls_ent *e)
{
	mode_t m = e->st.st_mode;
	int ind = o.classify && !(o.lng && S_ISLNK(m)) ? ls_indicator(m) : 0;

	ls_paint(e->name, m);
	if (ind)
		putchar(ind);
	return strlen(e->name) + (ind != 0);
}

/*
 * ls_target - -l: " -> TARGET" for symlink @e. With -F the target is
 * classified and coloured by what it points to (nothing if missing);
 * without, GNU does not look at the target at all, so it stays plain.
 */
static void
ls_target(const struct ls_ent *e)
{
	char lnk[PATH_MAX];
	struct stat st;
	ssize_t k = readlink(e->path, lnk, sizeof(lnk) - 1);

	if (k < 0)
		return;
	lnk[k] = 0;
	if (!o.classify || stat(e->path, &st) < 0)
		st.st_mode = 0;
	fputs(" -> ", stdout);
	ls_paint(lnk, st.st_mode);
	if (o.classify && ls_indicator(st.st_mode))
		putchar(ls_indicator(st.st_mode));
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
	char b[4][40], mode[11], tm[32];
	time_t now = time(NULL), t;

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
		if (S_ISLNK(e[i].st.st_mode))
			ls_target(&e[i]);
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

/*
 * ls_when - the --color argument @arg: 1 always, 0 never, isatty(1) for
 * auto (GNU's words and their unambiguous abbreviations). Returns -1,
 * with GNU's complaint, for anything else.
 */
static int
ls_when(const char *arg)
{
	static const char *const words[] = {"always", "yes", "force",
					    "never",  "no",  "none",
					    "auto",   "tty", "if-tty"};
	size_t i, n = arg ? strlen(arg) : 0;
	int when = -1, amb = 0;

	if (arg == NULL)
		return 1;
	for (i = 0; i < 9; i++) {
		if (strncmp(words[i], arg, n) != 0)
			continue;
		if (words[i][n] == 0) { /* an exact match wins */
			when = i / 3;
			amb = 0;
			break;
		}
		amb |= when >= 0 && when != (int)i / 3;
		when = i / 3;
	}
	if (when >= 0 && !amb)
		return when == 2 ? isatty(1) : when == 0;
	cu_err("%s argument '%s' for '--color'", amb ? "ambiguous" : "invalid",
	       arg);
	fprintf(stderr, "Valid arguments are:\n"
			"  - 'always', 'yes', 'force'\n"
			"  - 'never', 'no', 'none'\n"
			"  - 'auto', 'tty', 'if-tty'\n"
			"Try 'ls --help' for more information.\n");
	return -1;
}

/* ls_flag - set the option for letter @c. Returns -1 if there is none. */
static int
ls_flag(int c)
{
	static const char letters[] = "laA1hdrtRF";
	int *const flag[] = {&o.lng,	 &o.all,     &o.almost, &o.one,
			     &o.human,	 &o.dir,     &o.rev,	&o.time,
			     &o.recurse, &o.classify};
	const char *p = c ? strchr(letters, c) : NULL;

	if (p == NULL)
		return -1;
	*flag[p - letters] = 1;
	return 0;
}

/*
 * ls_parse - parse options into o; colours by default only on a
 * terminal, as "--color=auto". Returns 0, or the exit status after a
 * usage error (2, or 1 for a bad --color argument, as in GNU).
 */
static int
ls_parse(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"color", optional_argument, NULL, 'C' + 256},
		{NULL, 0, NULL, 0},
	};
	int c;

	o.color = isatty(1);
	while ((c = getopt_long(argc, argv, "laA1hdFrtR", longopts, NULL)) !=
	       -1) {
		if (c == 'C' + 256 && (o.color = ls_when(optarg)) < 0)
			return 1;
		if (c == 'C' + 256 || ls_flag(c) == 0)
			continue;
		if (optopt == 0) /* musl: an unknown long option */
			cu_usage("unrecognized option '%s'", argv[optind - 1]);
		else
			cu_badopt("laA1hdFrtR");
		return 2;
	}
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

	cu_fail = 2;
	if ((rc = ls_parse(argc, argv)) != 0)
		return rc;
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
