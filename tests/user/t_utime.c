/*
 * tests/user/t_utime.c: setting access and modification times:
 * utimensat (explicit, UTIME_NOW, UTIME_OMIT, NULL, symlinks, an fd),
 * utimes, utime, and their errors.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "tests/user/ut.h"

static struct stat
stat_of(const char *path)
{
	struct stat st;

	OK(lstat(path, &st));
	return st;
}

UTEST(utimensat_sets_both_times)
{
	struct timespec t[2] = { { 1000, 111 }, { 2000, 222 } };
	struct stat st;

	OK(close(OK(open("f", O_CREAT | O_WRONLY, 0644))));
	OK(utimensat(AT_FDCWD, "f", t, 0));
	st = stat_of("f");
	CHECK_EQ(st.st_atim.tv_sec, 1000);
	CHECK_EQ(st.st_atim.tv_nsec, 111);
	CHECK_EQ(st.st_mtim.tv_sec, 2000);
	CHECK_EQ(st.st_mtim.tv_nsec, 222);
	CHECK_GE(st.st_ctim.tv_sec, 2000);		/* now, not 2000 */
}

UTEST(utimensat_now_and_omit)
{
	struct timespec t[2] = { { 1000, 0 }, { 2000, 0 } }, before;
	struct stat st;

	OK(close(OK(open("f", O_CREAT | O_WRONLY, 0644))));
	OK(utimensat(AT_FDCWD, "f", t, 0));
	OK(clock_gettime(CLOCK_REALTIME, &before));
	t[0].tv_nsec = UTIME_OMIT;
	t[1].tv_nsec = UTIME_NOW;
	OK(utimensat(AT_FDCWD, "f", t, 0));
	st = stat_of("f");
	CHECK_EQ(st.st_atim.tv_sec, 1000);		/* left alone */
	CHECK_GE(st.st_mtim.tv_sec, before.tv_sec - 1);
	OK(utimensat(AT_FDCWD, "f", NULL, 0));		/* both now */
	st = stat_of("f");
	CHECK_GE(st.st_atim.tv_sec, before.tv_sec - 1);
}

UTEST(utimensat_symlink_and_fd)
{
	struct timespec t[2] = { { 3000, 0 }, { 4000, 0 } };
	int fd;

	OK(close(OK(open("f", O_CREAT | O_WRONLY, 0644))));
	OK(symlink("f", "l"));
	OK(utimensat(AT_FDCWD, "l", t, AT_SYMLINK_NOFOLLOW));
	CHECK_EQ(stat_of("l").st_mtim.tv_sec, 4000);	/* the link */
	CHECK(stat_of("f").st_mtim.tv_sec != 4000);	/* not the file */
	t[1].tv_sec = 5000;
	fd = OK(open("f", O_RDONLY));
	OK(futimens(fd, t));
	CHECK_EQ(stat_of("f").st_mtim.tv_sec, 5000);
	t[1].tv_sec = 6000;
	OK(utimensat(fd, "", t, AT_EMPTY_PATH));
	CHECK_EQ(stat_of("f").st_mtim.tv_sec, 6000);
	close(fd);
}

UTEST(utimes_and_utime)
{
	struct timeval tv[2] = { { 7000, 5 }, { 8000, 6 } };
	struct utimbuf ub = { .actime = 9000, .modtime = 9100 };
	struct stat st;

	OK(close(OK(open("f", O_CREAT | O_WRONLY, 0644))));
	OK(syscall(SYS_utimes, "f", tv));
	st = stat_of("f");
	CHECK_EQ(st.st_mtim.tv_sec, 8000);
	CHECK_EQ(st.st_mtim.tv_nsec, 6000);
	OK(syscall(SYS_utime, "f", &ub));
	st = stat_of("f");
	CHECK_EQ(st.st_atim.tv_sec, 9000);
	CHECK_EQ(st.st_mtim.tv_sec, 9100);
	CHECK_EQ(st.st_mtim.tv_nsec, 0);
}

UTEST(utime_errors)
{
	struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
	struct timeval badtv[2] = { { 0, 1000000 }, { 0, 0 } };

	OK(close(OK(open("f", O_CREAT | O_WRONLY, 0644))));
	CHECK_ERR(utimensat(AT_FDCWD, "missing", NULL, 0), ENOENT);
	CHECK_ERR(utimensat(AT_FDCWD, "f", bad, 0), EINVAL);
	CHECK_ERR(utimensat(AT_FDCWD, "f", NULL, 0x4000), EINVAL);
	CHECK_ERR(syscall(SYS_utimensat, -1, "f", NULL, 0), EBADF);
	CHECK_ERR(syscall(SYS_utimensat, 999, NULL, NULL, 0), EBADF);
	CHECK_ERR(syscall(SYS_utimes, "f", badtv), EINVAL);
	CHECK_ERR(syscall(SYS_utimensat, AT_FDCWD, "f", (void *)8, 0),
		  EFAULT);
}
