/* user/coreutils/cp.c: cp (files, -r directories, symlinks kept under -r). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cu.h"

/* cp_file - copy regular file @src to @dst with mode @mode. 0 or 1. */
static int
cp_file(const char *src, const char *dst, mode_t mode)
{
	int in, out, rc = 0;

	if ((in = open(src, O_RDONLY)) < 0) {
		cu_errno("cannot open '%s' for reading", src);
		return 1;
	}
	if ((out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, mode)) < 0) {
		cu_errno("cannot create regular file '%s'", dst);
		close(in);
		return 1;
	}
	if ((rc = cu_copy_fd(in, out)) < 0)
		cu_errno("error %s '%s'", rc == -1 ? "reading" : "writing",
			 rc == -1 ? src : dst);
	close(in);
	close(out);
	return rc < 0;
}

/* cp_dir - copy directory @src's entries into (new) @dst. 0 or 1. */
static int
cp_dir(const char *src, const char *dst, mode_t mode)
{
	struct dirent *d;
	DIR *dir;
	char *s, *t;
	int rc = 0;

	if (mkdir(dst, mode | 0700) < 0 && errno != EEXIST) {
		cu_errno("cannot create directory '%s'", dst);
		return 1;
	}
	if ((dir = opendir(src)) == NULL) {
		cu_errno("cannot access '%s'", src);
		return 1;
	}
	while ((d = readdir(dir)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		s = cu_join(src, d->d_name);
		t = cu_join(dst, d->d_name);
		rc |= cp_tree(s, t, 1);
		free(s);
		free(t);
	}
	closedir(dir);
	chmod(dst, mode);
	return rc;
}

/*
 * cp_tree - copy @src to @dst; directories only if @recurse (then symlinks
 * are copied as links, as GNU cp -r does). Returns 0 or 1.
 */
int
cp_tree(const char *src, const char *dst, int recurse)
{
	struct stat st, dst_st;
	char buf[PATH_MAX];
	ssize_t n;

	if ((recurse ? lstat(src, &st) : stat(src, &st)) < 0) {
		cu_errno("cannot stat '%s'", src);
		return 1;
	}
	if (S_ISDIR(st.st_mode)) {
		if (!recurse) {
			cu_err("-r not specified; omitting directory '%s'",
			       src);
			return 1;
		}
		return cp_dir(src, dst, st.st_mode & 07777);
	}
	if (stat(dst, &dst_st) == 0 && dst_st.st_dev == st.st_dev &&
	    dst_st.st_ino == st.st_ino) {
		cu_err("'%s' and '%s' are the same file", src, dst);
		return 1;
	}
	if (!S_ISLNK(st.st_mode))
		return cp_file(src, dst, st.st_mode & 0777);
	if ((n = readlink(src, buf, sizeof(buf) - 1)) < 0) {
		cu_errno("cannot read symbolic link '%s'", src);
		return 1;
	}
	buf[n] = 0;
	if (symlink(buf, dst) < 0) {
		cu_errno("cannot create symbolic link '%s'", dst);
		return 1;
	}
	return 0;
}

/* cmd_cp - copy files; -r/-R recursive. */
int
cmd_cp(int argc, char **argv)
{
	int c, i, rec = 0, rc = 0;
	struct stat st;
	char *dst, tmp[PATH_MAX];
	int isdir;

	while ((c = getopt(argc, argv, "rRfpa")) != -1) {
		if (c == 'r' || c == 'R' || c == 'a')
			rec = 1;
		else if (c == '?')
			return cu_badopt("rRfpa");
	}
	if (optind + 1 >= argc)
		return cu_usage(
			optind >= argc
				? "missing file operand"
				: "missing destination file operand after '%s'",
			argv[optind]);
	isdir = stat(argv[argc - 1], &st) == 0 && S_ISDIR(st.st_mode);
	if (!isdir && argc - optind > 2) {
		errno = ENOTDIR;
		cu_errno("target '%s'", argv[argc - 1]);
		return 1;
	}
	for (i = optind; i < argc - 1; i++) {
		snprintf(tmp, sizeof(tmp), "%s", argv[i]);
		while (strlen(tmp) > 1 && tmp[strlen(tmp) - 1] == '/')
			tmp[strlen(tmp) - 1] = 0;
		dst = isdir ? cu_join(argv[argc - 1], cu_base(tmp))
			    : strdup(argv[argc - 1]);
		rc |= cp_tree(argv[i], dst, rec);
		free(dst);
	}
	return rc;
}
