/* user/coreutils/fileops.c: mkdir, rmdir, rm, touch, ln, mv. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cu.h"

/*
 * mkdir_parents - create @path and any missing parents, reporting the
 * component that failed (as GNU does). Parents get the default mode;
 * @path gets @mode, exactly if @exact (mkdir -m). Returns 0 or -1.
 */
static int
mkdir_parents(char *path, mode_t mode, int exact)
{
	char *p = path;
	struct stat st;

	while (*p == '/')
		p++;
	for (;; p++) {
		if (*p != '/' && *p != 0)
			continue;
		char save = *p;
		*p = 0;
		int made = mkdir(path, save ? 0777 : mode) == 0;
		if (made && !save && exact)
			chmod(path, mode);
		if (!made && (errno != EEXIST || stat(path, &st) < 0 ||
			      !S_ISDIR(st.st_mode))) {
			if (errno == EEXIST)
				errno = ENOTDIR;
			cu_errno("cannot create directory '%s'", path);
			*p = save;
			return -1;
		}
		*p = save;
		if (save == 0)
			return 0;
	}
}

/* cmd_mkdir - create directories; -p: parents, no error if existing;
 * -m MODE (octal or symbolic, from a=rwx): that mode, umask or not. */
int
cmd_mkdir(int argc, char **argv)
{
	int c, i, parents = 0, exact = 0, rc = 0;
	long mode = 0777;
	mode_t um = umask(0);

	umask(um);
	while ((c = getopt(argc, argv, "pm:")) != -1) {
		if (c == 'p')
			parents = 1;
		else if (c != 'm')
			return cu_badopt("pm:");
		else if ((mode = cu_mode(optarg, 0777, 1, um)) < 0) {
			cu_err("invalid mode '%s'", optarg);
			return 1;
		} else
			exact = 1;
	}
	if (optind >= argc)
		return cu_usage("missing operand");
	for (i = optind; i < argc; i++) {
		if (parents) {
			rc |= mkdir_parents(argv[i], mode, exact) < 0;
			continue;
		}
		if (mkdir(argv[i], mode) < 0) {
			cu_errno("cannot create directory '%s'", argv[i]);
			rc = 1;
		} else if (exact)
			chmod(argv[i], mode);
	}
	return rc;
}

/* rmdir_parents - rmdir -p: remove each parent named in @path in turn,
 * "a/b/c" then "a/b" then "a". Returns 0 or 1. */
static int
rmdir_parents(char *path)
{
	char *s;

	for (;;) {
		for (s = path + strlen(path); s > path + 1 && s[-1] == '/';)
			*--s = 0;
		if ((s = strrchr(path, '/')) == NULL || s == path)
			return 0;
		*s = 0;
		if (rmdir(path) < 0) {
			cu_errno("failed to remove directory '%s'", path);
			return 1;
		}
	}
}

/* cmd_rmdir - remove empty directories; -p: and their parents. */
int
cmd_rmdir(int argc, char **argv)
{
	int c, i, parents = 0, rc = 0;

	while ((c = getopt(argc, argv, "p")) != -1) {
		if (c == '?')
			return cu_badopt("p");
		parents = 1;
	}
	if (optind >= argc)
		return cu_usage("missing operand");
	for (i = optind; i < argc; i++) {
		if (rmdir(argv[i]) < 0) {
			cu_errno("failed to remove '%s'", argv[i]);
			rc = 1;
		} else if (parents)
			rc |= rmdir_parents(argv[i]);
	}
	return rc;
}

/* rm_tree - remove @path, recursing into directories if @rec. 0 or 1. */
static int
rm_tree(const char *path, int rec, int force)
{
	struct stat st;
	struct dirent *d;
	DIR *dir;
	char *sub;
	int rc = 0;

	if (lstat(path, &st) < 0) {
		if (force && errno == ENOENT)
			return 0;
		cu_errno("cannot remove '%s'", path);
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (unlink(path) == 0)
			return 0;
		cu_errno("cannot remove '%s'", path);
		return 1;
	}
	if (!rec) {
		errno = EISDIR;
		cu_errno("cannot remove '%s'", path);
		return 1;
	}
	if ((dir = opendir(path)) == NULL) {
		cu_errno("cannot remove '%s'", path);
		return 1;
	}
	while ((d = readdir(dir)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		sub = cu_join(path, d->d_name);
		rc |= rm_tree(sub, rec, force);
		free(sub);
	}
	closedir(dir);
	if (rmdir(path) < 0) {
		cu_errno("cannot remove '%s'", path);
		return 1;
	}
	return rc;
}

/* rm_refuse - GNU's safety checks: never remove ".", ".." or (with -r)
 * "/". Reports and returns 1 if @path must be skipped. */
static int
rm_refuse(const char *path, int rec)
{
	char tmp[PATH_MAX];
	size_t n;
	const char *b;

	snprintf(tmp, sizeof(tmp), "%s", path);
	for (n = strlen(tmp); n > 1 && tmp[n - 1] == '/'; n--)
		tmp[n - 1] = 0;
	if (rec && strcmp(tmp, "/") == 0) {
		cu_err("it is dangerous to operate recursively on '/'");
		cu_err("use --no-preserve-root to override this failsafe");
		return 1;
	}
	b = cu_base(tmp);
	if (strcmp(b, ".") == 0 || strcmp(b, "..") == 0) {
		cu_err("refusing to remove '.' or '..' directory: skipping "
		       "'%s'",
		       path);
		return 1;
	}
	return 0;
}

/* cmd_rm - remove files; -r/-R recursive, -f ignore missing. */
int
cmd_rm(int argc, char **argv)
{
	int c, i, rec = 0, force = 0, rc = 0;

	while ((c = getopt(argc, argv, "rRfi")) != -1) {
		if (c == 'r' || c == 'R')
			rec = 1;
		else if (c == 'f')
			force = 1;
		else if (c != 'i')
			return cu_badopt("rRfi");
	}
	if (optind >= argc && !force)
		return cu_usage("missing operand");
	for (i = optind; i < argc; i++) {
		if (rm_refuse(argv[i], rec)) {
			rc = 1;
			continue;
		}
		rc |= rm_tree(argv[i], rec, force);
	}
	return rc;
}

/* touch_stamp - parse POSIX -t [[CC]YY]MMDDhhmm[.ss]. Returns 0 or -1. */
static int
touch_stamp(const char *s, time_t *out)
{
	struct tm tm;
	char buf[16];
	const char *dot = strchr(s, '.');
	size_t n = dot ? (size_t)(dot - s) : strlen(s);
	time_t now = time(NULL);

	if ((n != 8 && n != 10 && n != 12) || strspn(s, "0123456789") != n)
		return -1;
	localtime_r(&now, &tm);
	memcpy(buf, s, n);
	buf[n] = 0;
	tm.tm_sec = dot ? atoi(dot + 1) : 0;
	tm.tm_min = atoi(buf + n - 2);
	buf[n - 2] = 0;
	tm.tm_hour = atoi(buf + n - 4);
	buf[n - 4] = 0;
	tm.tm_mday = atoi(buf + n - 6);
	buf[n - 6] = 0;
	tm.tm_mon = atoi(buf + n - 8) - 1;
	buf[n - 8] = 0;
	if (n == 12)
		tm.tm_year = atoi(buf) - 1900;
	else if (n == 10)
		tm.tm_year = atoi(buf) < 69 ? atoi(buf) + 100 : atoi(buf);
	tm.tm_isdst = -1;
	*out = mktime(&tm);
	return 0;
}

/* cmd_touch - create files or set their times; -c no create, -t STAMP. */
int
cmd_touch(int argc, char **argv)
{
	struct timespec ts[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};
	int c, i, fd, nocreate = 0, rc = 0;

	while ((c = getopt(argc, argv, "act:m")) != -1) {
		if (c == 'c')
			nocreate = 1;
		else if (c == 't') {
			if (touch_stamp(optarg, &ts[0].tv_sec) < 0) {
				cu_err("invalid date format '%s'", optarg);
				return 1;
			}
			ts[0].tv_nsec = 0;
			ts[1] = ts[0];
		} else if (c == '?')
			return cu_badopt("act:m");
	}
	if (optind >= argc)
		return cu_usage("missing file operand");
	for (i = optind; i < argc; i++) {
		if (utimensat(AT_FDCWD, argv[i], ts, 0) == 0)
			continue;
		if (errno == ENOENT && nocreate)
			continue;
		fd = errno == ENOENT ? open(argv[i], O_WRONLY | O_CREAT, 0666)
				     : -1;
		if (fd >= 0 && futimens(fd, ts) == 0) {
			close(fd);
			continue;
		}
		cu_errno("cannot touch '%s'", argv[i]);
		rc = 1;
	}
	return rc;
}

/* target_in - if @dir is a directory, return malloc'd "dir/base(src)". */
static char *
target_in(const char *src, const char *dir)
{
	struct stat st;
	char tmp[PATH_MAX];
	size_t n;

	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return NULL;
	snprintf(tmp, sizeof(tmp), "%s", src);
	for (n = strlen(tmp); n > 1 && tmp[n - 1] == '/'; n--)
		tmp[n - 1] = 0;
	return cu_join(dir, cu_base(tmp));
}

/* cmd_ln - make links; -s symbolic, -f replace. */
int
cmd_ln(int argc, char **argv)
{
	int c, i, sym = 0, force = 0, rc = 0;
	char *dst, *in;

	while ((c = getopt(argc, argv, "sfn")) != -1) {
		if (c == 's')
			sym = 1;
		else if (c == 'f')
			force = 1;
		else if (c == '?')
			return cu_badopt("sfn");
	}
	if (optind >= argc)
		return cu_usage("missing file operand");
	dst = optind + 1 < argc ? argv[argc - 1] : ".";
	for (i = optind; i < argc - (optind + 1 < argc); i++) {
		in = target_in(argv[i], dst);
		if (force)
			unlink(in ? in : dst);
		if ((sym ? symlink(argv[i], in ? in : dst)
			 : link(argv[i], in ? in : dst)) < 0) {
			cu_errno("failed to create %s link '%s'",
				 sym ? "symbolic" : "hard", in ? in : dst);
			rc = 1;
		}
		free(in);
	}
	return rc;
}

/* mv_one - rename @src to @dst, copying across filesystems. 0 or 1. */
static int
mv_one(const char *src, const char *dst)
{
	struct stat st;

	if (lstat(src, &st) < 0) {
		cu_errno("cannot stat '%s'", src);
		return 1;
	}
	if (rename(src, dst) == 0)
		return 0;
	if (errno != EXDEV) {
		cu_errno("cannot move '%s' to '%s'", src, dst);
		return 1;
	}
	if (cp_tree(src, dst, 1) != 0)
		return 1;
	return rm_tree(src, 1, 0);
}

/* cmd_mv - move (rename) files. */
int
cmd_mv(int argc, char **argv)
{
	int c, i, rc = 0;
	char *in;

	while ((c = getopt(argc, argv, "fin")) != -1)
		if (c == '?')
			return cu_badopt("fin");
	if (optind + 1 >= argc)
		return cu_usage(
			optind >= argc
				? "missing file operand"
				: "missing destination file operand after '%s'",
			argv[optind]);
	for (i = optind; i < argc - 1; i++) {
		in = target_in(argv[i], argv[argc - 1]);
		if (!in && argc - optind > 2) {
			errno = ENOTDIR;
			cu_errno("target '%s'", argv[argc - 1]);
			return 1;
		}
		rc |= mv_one(argv[i], in ? in : argv[argc - 1]);
		free(in);
	}
	return rc;
}
