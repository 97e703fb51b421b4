/*
 * tests/user/t_stat.c: stat, fstat, lstat, newfstatat (fstatat), statx.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "tests/user/ut.h"

/*
 * musl 1.2.3 (Debian 12) has no statx() nor struct statx (they came in
 * 1.2.5), so the ABI layout of statx(2) is spelled out here.
 */
struct ut_statx_time {
	int64_t	 tv_sec;
	uint32_t tv_nsec;
	int32_t	 reserved;
};

struct ut_statx {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, spare0;
	uint64_t ino, size, blocks, attributes_mask;
	struct ut_statx_time atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t spare2[14];
};

#define UT_STATX_TYPE  0x001
#define UT_STATX_MODE  0x002
#define UT_STATX_NLINK 0x004
#define UT_STATX_INO   0x100
#define UT_STATX_SIZE  0x200
#define UT_STATX_BASIC 0x7ff

_Static_assert(sizeof(struct ut_statx) == 256, "statx ABI size");

UTEST(stat_regular_fields)
{
	struct timespec t0, t1;
	struct stat st;

	clock_gettime(CLOCK_REALTIME, &t0);
	ut_write_file("f", "0123456789", 10);
	clock_gettime(CLOCK_REALTIME, &t1);
	OK(stat("f", &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_mode & 07777, 0644);
	CHECK_EQ(st.st_size, 10);
	CHECK_EQ(st.st_nlink, 1);
	CHECK_NE(st.st_ino, 0);
	CHECK(st.st_blksize > 0);
	CHECK_EQ(st.st_uid, geteuid());
	CHECK_GE(st.st_mtime, t0.tv_sec - 2);
	CHECK_GE(t1.tv_sec + 2, st.st_mtime);
}

UTEST(stat_dir_nlink)
{
	struct stat st;

	OK(mkdir("d", 0755));
	OK(stat("d", &st));
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(st.st_mode & 07777, 0755);
	CHECK_EQ(st.st_nlink, 2);		/* "d" and "d/." */
	OK(mkdir("d/sub", 0755));
	OK(stat("d", &st));
	CHECK_EQ(st.st_nlink, 3);		/* and "d/sub/.." */
	OK(rmdir("d/sub"));
	OK(stat("d", &st));
	CHECK_EQ(st.st_nlink, 2);
}

UTEST(fstat_matches_stat)
{
	struct stat a, b;
	int fd;

	ut_write_file("f", "abc", 3);
	fd = OK(open("f", O_RDONLY));
	OK(stat("f", &a));
	OK(fstat(fd, &b));
	CHECK_EQ(a.st_ino, b.st_ino);
	CHECK_EQ(a.st_dev, b.st_dev);
	CHECK_EQ(a.st_size, b.st_size);
	CHECK_EQ(a.st_mode, b.st_mode);
	ut_write_file("g", "abc", 3);
	OK(stat("g", &b));
	CHECK_NE(a.st_ino, b.st_ino);
	CHECK_ERR(fstat(-1, &a), EBADF);
}

UTEST(lstat_symlink)
{
	struct stat st;

	ut_write_file("target", "12345", 5);
	OK(symlink("target", "s"));
	OK(lstat("s", &st));
	CHECK(S_ISLNK(st.st_mode));
	CHECK_EQ(st.st_size, 6);		/* strlen("target") */
	OK(stat("s", &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, 5);
	OK(lstat("target", &st));		/* no link: as stat */
	CHECK(S_ISREG(st.st_mode));
}

UTEST(fstatat_flags)
{
	struct stat st, sf;
	int dfd, fd;

	OK(mkdir("d", 0755));
	ut_write_file("d/f", "xy", 2);
	OK(symlink("f", "d/s"));
	dfd = OK(open("d", O_RDONLY | O_DIRECTORY));
	OK(fstatat(dfd, "f", &sf, 0));
	CHECK_EQ(sf.st_size, 2);
	OK(fstatat(dfd, "s", &st, 0));
	CHECK_EQ(st.st_ino, sf.st_ino);
	OK(fstatat(dfd, "s", &st, AT_SYMLINK_NOFOLLOW));
	CHECK(S_ISLNK(st.st_mode));
	fd = OK(openat(dfd, "f", O_RDONLY));
	OK(fstatat(fd, "", &st, AT_EMPTY_PATH));
	CHECK_EQ(st.st_ino, sf.st_ino);
	OK(fstatat(AT_FDCWD, "d/f", &st, 0));
	CHECK_EQ(st.st_ino, sf.st_ino);
	CHECK_ERR(fstatat(dfd, "missing", &st, 0), ENOENT);
	CHECK_ERR(fstatat(dfd, "f", &st, 0x40000000), EINVAL);
	CHECK_ERR(fstatat(fd, "", &st, 0), ENOENT);
	CHECK_ERR(fstatat(fd, "x", &st, 0), ENOTDIR);
	CHECK_ERR(fstatat(-1, "f", &st, 0), EBADF);
}

UTEST(statx_basic)
{
	struct ut_statx sx;
	struct stat st;
	unsigned int want = UT_STATX_TYPE | UT_STATX_MODE | UT_STATX_NLINK |
			    UT_STATX_INO | UT_STATX_SIZE;

	ut_write_file("f", "hello", 5);
	OK(link("f", "g"));
	OK(stat("f", &st));
	memset(&sx, 0xff, sizeof(sx));
	OK(syscall(SYS_statx, AT_FDCWD, "g", 0, UT_STATX_BASIC, &sx));
	CHECK_EQ(sx.mask & want, want);
	CHECK_EQ(sx.size, 5);
	CHECK_EQ(sx.mode, S_IFREG | 0644);
	CHECK_EQ(sx.nlink, 2);
	CHECK_EQ(sx.ino, st.st_ino);
	CHECK_EQ(sx.mtime.tv_sec, st.st_mtime);
	CHECK_ERR(syscall(SYS_statx, AT_FDCWD, "missing", 0, UT_STATX_BASIC,
			  &sx), ENOENT);
	CHECK_ERR(syscall(SYS_statx, AT_FDCWD, "f", 0, 0x80000000u, &sx),
		  EINVAL);	/* STATX__RESERVED */
}

UTEST(stat_errors)
{
	struct stat st;

	ut_write_file("f", "x", 1);
	CHECK_ERR(stat("", &st), ENOENT);
	CHECK_ERR(stat("missing", &st), ENOENT);
	CHECK_ERR(stat("f/x", &st), ENOTDIR);
	CHECK_ERR(stat("f/", &st), ENOTDIR);
	CHECK_ERR(stat("missing/x", &st), ENOENT);
	CHECK_ERR(lstat("missing", &st), ENOENT);
}

UTEST(stat_root_and_dots)
{
	struct stat a, b;

	OK(stat("/", &a));
	CHECK(S_ISDIR(a.st_mode));
	OK(stat("/..", &b));			/* / is its own parent */
	CHECK_EQ(a.st_ino, b.st_ino);
	OK(mkdir("d", 0755));
	OK(stat(".", &a));
	OK(stat("d/..", &b));
	CHECK_EQ(a.st_ino, b.st_ino);
	OK(stat("d/./../d/.", &a));
	OK(stat("d", &b));
	CHECK_EQ(a.st_ino, b.st_ino);
	OK(stat("d//", &a));
	CHECK_EQ(a.st_ino, b.st_ino);
}
