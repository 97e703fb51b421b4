/*
 * tests/user/t_dirs.c: directories: mkdir/mkdirat, rmdir, unlinkat
 * (AT_REMOVEDIR), getdents64 (through opendir/readdir), chdir/fchdir/
 * getcwd, rename/renameat/renameat2.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tests/user/ut.h"

#ifndef RENAME_NOREPLACE	/* renameat2 flags: not in musl 1.2.3 */
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE	 2
#endif

UTEST(mkdir_rmdir)
{
	struct stat st;

	OK(mkdir("d", 0755));
	CHECK_ERR(mkdir("d", 0755), EEXIST);
	CHECK_ERR(mkdir("missing/d", 0755), ENOENT);
	ut_write_file("d/f", "x", 1);
	CHECK_ERR(mkdir("d/f", 0755), EEXIST);
	CHECK_ERR(mkdir("d/f/g", 0755), ENOTDIR);
	CHECK_ERR(rmdir("d"), ENOTEMPTY);
	CHECK_ERR(rmdir("d/f"), ENOTDIR);
	CHECK_ERR(unlink("d"), EISDIR);
	OK(unlink("d/f"));
	CHECK_ERR(rmdir("d/."), EINVAL);
	OK(rmdir("d"));
	CHECK_ERR(stat("d", &st), ENOENT);
	CHECK_ERR(rmdir("d"), ENOENT);
	OK(mkdir("e/", 0755));			/* a trailing slash is fine */
	OK(rmdir("e/"));
}

UTEST(mkdirat_dirfd)
{
	struct stat st;
	int dfd;

	OK(mkdir("d", 0755));
	dfd = OK(open("d", O_RDONLY | O_DIRECTORY));
	OK(mkdirat(dfd, "sub", 0700));
	OK(stat("d/sub", &st));
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(st.st_mode & 0777, 0700);
	CHECK_ERR(mkdirat(dfd, "sub", 0700), EEXIST);
	CHECK_ERR(mkdirat(-1, "x", 0700), EBADF);
	OK(mkdirat(AT_FDCWD, "d/sub2", 0755));
	OK(stat("d/sub2", &st));
}

UTEST(unlinkat_removedir)
{
	int dfd;

	OK(mkdir("d", 0755));
	OK(mkdir("d/sub", 0755));
	ut_write_file("d/f", "x", 1);
	dfd = OK(open("d", O_RDONLY | O_DIRECTORY));
	CHECK_ERR(unlinkat(dfd, "sub", 0), EISDIR);
	CHECK_ERR(unlinkat(dfd, "f", AT_REMOVEDIR), ENOTDIR);
	CHECK_ERR(unlinkat(dfd, "f", 0x1), EINVAL);	/* unknown flag */
	OK(unlinkat(dfd, "sub", AT_REMOVEDIR));
	OK(unlinkat(dfd, "f", 0));
	CHECK_ERR(unlinkat(dfd, "f", 0), ENOENT);
	OK(unlinkat(AT_FDCWD, "d", AT_REMOVEDIR));	/* open, but empty */
	CHECK_ERR(mkdirat(dfd, "new", 0755), ENOENT);	/* it is dead */
	OK(close(dfd));
}

/*
 * Makes @n files with long names, so that reading the directory takes
 * several getdents64 calls (musl's buffer is 2 KiB).
 */
#define LONG_NAME "entry-with-a-long-name-"

static void
make_files(int n)
{
	char name[64];

	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "d/%s%03d", LONG_NAME, i);
		ut_write_file(name, "", 0);
	}
}

/* Reads directory d; counts the entries; checks . and .. and types. */
static int
count_entries(DIR *d, unsigned char *seen, int n)
{
	struct dirent *e;
	int count = 0, i;

	while ((e = readdir(d))) {
		count++;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) {
			CHECK_EQ(e->d_type, DT_DIR);
			continue;
		}
		if (strcmp(e->d_name, "sub") == 0) {
			CHECK_EQ(e->d_type, DT_DIR);
			continue;
		}
		CHECK_EQ(strncmp(e->d_name, LONG_NAME, strlen(LONG_NAME)), 0);
		i = atoi(e->d_name + strlen(LONG_NAME));
		CHECK(i >= 0 && i < n);
		CHECK_EQ(seen[i], 0);		/* each name once */
		seen[i] = 1;
		CHECK_EQ(e->d_type, DT_REG);
		CHECK_NE(e->d_ino, 0);
	}
	return count;
}

UTEST(getdents_readdir)
{
	unsigned char seen[80] = {0};
	DIR *d;

	OK(mkdir("d", 0755));
	OK(mkdir("d/sub", 0755));
	make_files(80);
	d = opendir("d");
	CHECK(d != NULL);
	CHECK_EQ(count_entries(d, seen, 80), 80 + 3);
	for (int i = 0; i < 80; i++)
		CHECK_EQ(seen[i], 1);
	memset(seen, 0, sizeof(seen));
	rewinddir(d);
	CHECK_EQ(count_entries(d, seen, 80), 83);
	OK(closedir(d));
}

UTEST(getdents_after_unlink)
{
	unsigned char seen[40] = {0};
	char name[64];
	DIR *d;

	OK(mkdir("d", 0755));
	make_files(40);
	for (int i = 0; i < 40; i += 2) {
		snprintf(name, sizeof(name), "d/%s%03d", LONG_NAME, i);
		OK(unlink(name));
	}
	d = opendir("d");
	CHECK(d != NULL);
	CHECK_EQ(count_entries(d, seen, 40), 20 + 2);
	for (int i = 0; i < 40; i++)
		CHECK_EQ(seen[i], i % 2);
	closedir(d);
}

UTEST(getdents_errors)
{
	char buf[256];
	int fd;

	ut_write_file("f", "x", 1);
	CHECK(opendir("missing") == NULL && errno == ENOENT);
	CHECK(opendir("f") == NULL && errno == ENOTDIR);
	fd = OK(open("f", O_RDONLY));
	CHECK_ERR(syscall(SYS_getdents64, fd, buf, sizeof(buf)), ENOTDIR);
	CHECK_ERR(syscall(SYS_getdents64, -1, buf, sizeof(buf)), EBADF);
	fd = OK(open(".", O_RDONLY | O_DIRECTORY));
	CHECK_ERR(syscall(SYS_getdents64, fd, buf, 8), EINVAL); /* too small */
	CHECK(syscall(SYS_getdents64, fd, buf, sizeof(buf)) > 0);
}

UTEST(chdir_getcwd)
{
	char buf[PATH_MAX], want[PATH_MAX + 8];
	int dfd;

	CHECK(getcwd(buf, sizeof(buf)) != NULL);
	CHECK_STREQ(buf, ut_dir());
	OK(mkdir("sub", 0755));
	OK(chdir("sub"));
	CHECK(getcwd(buf, sizeof(buf)) != NULL);
	snprintf(want, sizeof(want), "%s/sub", ut_dir());
	CHECK_STREQ(buf, want);
	ut_write_file("here", "x", 1);		/* relative to the new cwd */
	OK(chdir(".."));
	OK(access("sub/here", F_OK));
	dfd = OK(open("sub", O_RDONLY | O_DIRECTORY));
	OK(fchdir(dfd));
	CHECK(getcwd(buf, sizeof(buf)) != NULL);
	CHECK_STREQ(buf, want);
	OK(chdir("/"));
	CHECK(getcwd(buf, sizeof(buf)) != NULL);
	CHECK_STREQ(buf, "/");
	OK(chdir(ut_dir()));
	CHECK_ERR(chdir("sub/here"), ENOTDIR);
	CHECK_ERR(chdir("missing"), ENOENT);
	CHECK_ERR(fchdir(OK(open("sub/here", O_RDONLY))), ENOTDIR);
	CHECK_ERR(fchdir(-1), EBADF);
}

UTEST(getcwd_syscall)
{
	char buf[PATH_MAX];
	long n = OK(syscall(SYS_getcwd, buf, sizeof(buf)));

	CHECK_EQ(n, (long)strlen(buf) + 1);	/* counts the NUL */
	CHECK_STREQ(buf, ut_dir());
	CHECK_ERR(syscall(SYS_getcwd, buf, 1), ERANGE);
	CHECK_ERR(syscall(SYS_getcwd, buf, (size_t)n - 1), ERANGE);
	CHECK_EQ(syscall(SYS_getcwd, buf, (size_t)n), n);
	CHECK(getcwd(buf, 2) == NULL && errno == ERANGE);
}

UTEST(rename_file)
{
	char buf[8];
	struct stat a, b;

	ut_write_file("a", "aaa", 3);
	ut_write_file("b", "bb", 2);
	OK(stat("a", &a));
	OK(rename("a", "c"));
	CHECK_ERR(stat("a", &b), ENOENT);
	OK(stat("c", &b));
	CHECK_EQ(a.st_ino, b.st_ino);
	OK(rename("c", "b"));			/* replaces b */
	OK(stat("b", &b));
	CHECK_EQ(a.st_ino, b.st_ino);
	ut_read_file("b", buf, sizeof(buf));
	CHECK_STREQ(buf, "aaa");
	OK(rename("b", "b"));			/* same name: nothing */
	CHECK_ERR(rename("missing", "x"), ENOENT);
	CHECK_ERR(rename("b", "missing/x"), ENOENT);
	OK(mkdir("d", 0755));
	OK(rename("b", "d/b"));
	OK(access("d/b", F_OK));
}

UTEST(rename_dir)
{
	struct stat st, cwd;

	OK(mkdir("d", 0755));
	OK(mkdir("d/sub", 0755));
	OK(mkdir("empty", 0755));
	OK(mkdir("full", 0755));
	ut_write_file("full/f", "x", 1);
	ut_write_file("file", "x", 1);
	CHECK_ERR(rename("d", "d/sub/x"), EINVAL);	/* into itself */
	CHECK_ERR(rename("file", "d"), EISDIR);
	CHECK_ERR(rename("d", "file"), ENOTDIR);
	CHECK_ERR(rename("d", "full"), ENOTEMPTY);
	OK(rename("d", "empty"));		/* over an empty directory */
	OK(stat("empty/sub", &st));
	OK(rename("empty/sub", "moved"));	/* .. changes parent */
	OK(stat("moved/..", &st));
	OK(stat(".", &cwd));
	CHECK_EQ(st.st_ino, cwd.st_ino);
	OK(stat("empty", &st));
	CHECK_EQ(st.st_nlink, 2);
}

UTEST(renameat_dirfds)
{
	int a, b;

	OK(mkdir("a", 0755));
	OK(mkdir("b", 0755));
	ut_write_file("a/f", "x", 1);
	a = OK(open("a", O_RDONLY | O_DIRECTORY));
	b = OK(open("b", O_RDONLY | O_DIRECTORY));
	OK(renameat(a, "f", b, "g"));
	OK(access("b/g", F_OK));
	CHECK_ERR(access("a/f", F_OK), ENOENT);
	CHECK_ERR(renameat(a, "f", b, "g"), ENOENT);
	CHECK_ERR(renameat(-1, "f", b, "g"), EBADF);
}

UTEST(renameat2_noreplace)
{
	char buf[8];

	ut_write_file("a", "aa", 2);
	ut_write_file("b", "bb", 2);
	CHECK_ERR(syscall(SYS_renameat2, AT_FDCWD, "a", AT_FDCWD, "b",
			  RENAME_NOREPLACE), EEXIST);
	ut_read_file("b", buf, sizeof(buf));
	CHECK_STREQ(buf, "bb");
	OK(syscall(SYS_renameat2, AT_FDCWD, "a", AT_FDCWD, "c",
		   RENAME_NOREPLACE));
	CHECK_ERR(access("a", F_OK), ENOENT);
	CHECK_ERR(syscall(SYS_renameat2, AT_FDCWD, "c", AT_FDCWD, "d",
			  RENAME_NOREPLACE | RENAME_EXCHANGE), EINVAL);
	CHECK_ERR(syscall(SYS_renameat2, AT_FDCWD, "c", AT_FDCWD, "d", 0x80),
		  EINVAL);
	OK(syscall(SYS_renameat2, AT_FDCWD, "c", AT_FDCWD, "b", 0));
	ut_read_file("b", buf, sizeof(buf));
	CHECK_STREQ(buf, "aa");
}
