/*
 * tests/user/t_links.c: hard and symbolic links: link/linkat, unlink,
 * symlink/symlinkat, readlink/readlinkat, path walks through links.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tests/user/ut.h"

UTEST(link_same_inode)
{
	char buf[8];
	struct stat a, b;

	ut_write_file("f", "abc", 3);
	OK(link("f", "g"));
	OK(stat("f", &a));
	OK(stat("g", &b));
	CHECK_EQ(a.st_ino, b.st_ino);
	CHECK_EQ(a.st_nlink, 2);
	CHECK_EQ(b.st_nlink, 2);
	OK(unlink("f"));
	OK(stat("g", &b));
	CHECK_EQ(b.st_nlink, 1);
	ut_read_file("g", buf, sizeof(buf));
	CHECK_STREQ(buf, "abc");
	ut_write_file("h", "", 0);
	CHECK_ERR(link("g", "h"), EEXIST);
	CHECK_ERR(link("missing", "x"), ENOENT);
	CHECK_ERR(link("g", "missing/x"), ENOENT);
	OK(mkdir("d", 0755));
	CHECK_ERR(link("d", "d2"), EPERM);	/* no links to directories */
}

UTEST(linkat_follow)
{
	struct stat st, t;
	int dfd;

	OK(mkdir("d", 0755));
	ut_write_file("d/f", "x", 1);
	OK(symlink("f", "d/s"));
	dfd = OK(open("d", O_RDONLY | O_DIRECTORY));
	OK(linkat(dfd, "f", AT_FDCWD, "hard", 0));
	OK(stat("d/f", &st));
	CHECK_EQ(st.st_nlink, 2);
	OK(linkat(dfd, "s", dfd, "s2", 0));	/* links the symlink */
	OK(lstat("d/s2", &t));
	CHECK(S_ISLNK(t.st_mode));
	OK(linkat(dfd, "s", dfd, "f2", AT_SYMLINK_FOLLOW));
	OK(lstat("d/f2", &t));
	CHECK(S_ISREG(t.st_mode));
	CHECK_EQ(t.st_ino, st.st_ino);
	CHECK_ERR(linkat(dfd, "f", dfd, "x", 0x1), EINVAL);
	CHECK_ERR(linkat(-1, "f", dfd, "x", 0), EBADF);
}

UTEST(unlink_open_file)
{
	char buf[8] = {0};
	struct stat st;
	int fd;

	ut_write_file("f", "alive", 5);
	fd = OK(open("f", O_RDWR));
	OK(unlink("f"));
	CHECK_ERR(access("f", F_OK), ENOENT);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 5);
	CHECK_STREQ(buf, "alive");
	CHECK_EQ(write(fd, "!", 1), 1);	/* still writable */
	OK(fstat(fd, &st));
	CHECK_EQ(st.st_nlink, 0);
	CHECK_EQ(st.st_size, 6);
	CHECK_ERR(unlink("f"), ENOENT);
	ut_write_file("f", "new", 3);		/* the name is free again */
	OK(stat("f", &st));
	CHECK_EQ(st.st_size, 3);
}

UTEST(symlink_readlink)
{
	char buf[64];

	OK(symlink("some/target", "s"));
	memset(buf, 'z', sizeof(buf));
	CHECK_EQ(readlink("s", buf, sizeof(buf)), 11);	/* no NUL */
	CHECK_MEMEQ(buf, "some/targetz", 12);
	CHECK_EQ(readlink("s", buf, 4), 4);		/* cut, no error */
	CHECK_MEMEQ(buf, "some", 4);
	CHECK_ERR(symlink("x", "s"), EEXIST);
	ut_write_file("f", "x", 1);
	CHECK_ERR(readlink("f", buf, sizeof(buf)), EINVAL);
	CHECK_ERR(readlink("missing", buf, sizeof(buf)), ENOENT);
	/* musl turns a 0 size into 1; the kernel refuses it. */
	CHECK_ERR(syscall(SYS_readlink, "s", buf, 0), EINVAL);
	CHECK_ERR(symlink("", "empty"), ENOENT);
}

UTEST(symlinkat_readlinkat)
{
	char buf[32] = {0};
	int dfd;

	OK(mkdir("d", 0755));
	dfd = OK(open("d", O_RDONLY | O_DIRECTORY));
	OK(symlinkat("../t", dfd, "s"));
	CHECK_EQ(readlinkat(dfd, "s", buf, sizeof(buf)), 4);
	CHECK_STREQ(buf, "../t");
	ut_write_file("t", "through", 7);
	memset(buf, 0, sizeof(buf));
	ut_read_file("d/s", buf, sizeof(buf));	/* relative to d */
	CHECK_STREQ(buf, "through");
	CHECK_ERR(symlinkat("x", -1, "s"), EBADF);
	CHECK_ERR(readlinkat(-1, "s", buf, sizeof(buf)), EBADF);
}

UTEST(symlink_follow_rules)
{
	char buf[16] = {0};
	struct stat st;

	OK(mkdir("dir", 0755));
	ut_write_file("dir/f", "in dir", 6);
	OK(symlink("dir", "ldir"));
	OK(symlink(ut_dir(), "abs"));
	ut_read_file("ldir/f", buf, sizeof(buf));	/* walk through */
	CHECK_STREQ(buf, "in dir");
	OK(stat("abs/dir/f", &st));
	OK(symlink("nowhere", "dangling"));
	CHECK_ERR(open("dangling", O_RDONLY), ENOENT);
	OK(lstat("dangling", &st));
	CHECK_ERR(open("ldir", O_RDONLY | O_NOFOLLOW), ELOOP);
	OK(close(OK(open("dangling", O_CREAT | O_WRONLY, 0644))));
	OK(stat("nowhere", &st));		/* created through the link */
	OK(unlink("ldir"));			/* removes the link only */
	OK(stat("dir/f", &st));
}

UTEST(symlink_loop_eloop)
{
	char name[16], target[16];
	struct stat st;

	OK(symlink("b", "a"));
	OK(symlink("a", "b"));
	CHECK_ERR(open("a", O_RDONLY), ELOOP);
	CHECK_ERR(stat("a", &st), ELOOP);
	OK(lstat("a", &st));
	/* A chain of 50 links is longer than Linux follows (40). */
	ut_write_file("end", "x", 1);
	OK(symlink("end", "c0"));
	for (int i = 1; i < 50; i++) {
		snprintf(name, sizeof(name), "c%d", i);
		snprintf(target, sizeof(target), "c%d", i - 1);
		OK(symlink(target, name));
	}
	OK(stat("c30", &st));
	CHECK_ERR(stat("c49", &st), ELOOP);
}
