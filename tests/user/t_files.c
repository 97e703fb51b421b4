/*
 * tests/user/t_files.c: regular files: open/openat/close, read/write,
 * readv/writev, pread64/pwrite64, lseek, truncate, ioctl, access, chmod,
 * umask.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "tests/user/ut.h"

UTEST(open_write_read)
{
	char buf[16] = {0};
	int fd = OK(open("f", O_CREAT | O_RDWR | O_TRUNC, 0644));

	CHECK_EQ(write(fd, "hello", 5), 5);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 5);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 5);
	CHECK_STREQ(buf, "hello");
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);	/* EOF */
	CHECK_EQ(write(fd, buf, 0), 0);
	CHECK_EQ(read(fd, buf, 0), 0);
	OK(close(fd));
	CHECK_ERR(close(fd), EBADF);
}

UTEST(open_lowest_fd)
{
	int a = OK(open("f", O_CREAT | O_RDWR, 0644));
	int b = OK(open("f", O_RDONLY));
	int c = OK(open("f", O_RDONLY));

	CHECK_EQ(b, a + 1);
	CHECK_EQ(c, a + 2);
	OK(close(b));
	CHECK_EQ(OK(open("f", O_RDONLY)), b);	/* the hole is reused */
}

UTEST(open_errors)
{
	char name[300];

	OK(mkdir("d", 0755));
	ut_write_file("f", "x", 1);
	CHECK_ERR(open("missing", O_RDONLY), ENOENT);
	CHECK_ERR(open("missing/x", O_RDONLY | O_CREAT, 0644), ENOENT);
	CHECK_ERR(open("f", O_CREAT | O_EXCL | O_RDWR, 0644), EEXIST);
	CHECK_ERR(open("d", O_WRONLY), EISDIR);
	CHECK_ERR(open("d", O_RDWR), EISDIR);
	CHECK_ERR(open("f/x", O_RDONLY), ENOTDIR);
	CHECK_ERR(open("f", O_RDONLY | O_DIRECTORY), ENOTDIR);
	CHECK_ERR(open("", O_RDONLY), ENOENT);
	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;	/* 299 > NAME_MAX */
	CHECK_ERR(open(name, O_CREAT | O_RDWR, 0644), ENAMETOOLONG);
	OK(close(OK(open("d", O_RDONLY | O_DIRECTORY))));
}

UTEST(openat_dirfd)
{
	char buf[8] = {0};
	int dfd, fd;

	OK(mkdir("d", 0755));
	dfd = OK(open("d", O_RDONLY | O_DIRECTORY));
	fd = OK(openat(dfd, "f", O_CREAT | O_WRONLY, 0644));
	CHECK_EQ(write(fd, "at", 2), 2);
	OK(close(fd));
	fd = OK(openat(AT_FDCWD, "d/f", O_RDONLY));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 2);
	CHECK_STREQ(buf, "at");
	CHECK_ERR(openat(fd, "x", O_RDONLY), ENOTDIR);	/* fd: a file */
	CHECK_ERR(openat(999, "x", O_RDONLY), EBADF);
	OK(close(fd));
	/* An absolute path ignores the descriptor, even a bad one. */
	OK(close(OK(openat(999, ut_dir(), O_RDONLY | O_DIRECTORY))));
	OK(close(dfd));
}

UTEST(read_write_ebadf)
{
	char c = 0;
	int ro, wo;

	ut_write_file("f", "abc", 3);
	ro = OK(open("f", O_RDONLY));
	wo = OK(open("f", O_WRONLY));
	CHECK_ERR(read(-1, &c, 1), EBADF);
	CHECK_ERR(write(999, &c, 1), EBADF);
	CHECK_ERR(write(ro, &c, 1), EBADF);
	CHECK_ERR(read(wo, &c, 1), EBADF);
	CHECK_ERR(close(-1), EBADF);
	CHECK_ERR(read(OK(open(".", O_RDONLY)), &c, 1), EISDIR);
}

UTEST(write_read_1mib)
{
	size_t len = 1 << 20;
	unsigned char *out = malloc(len), *in = malloc(len);
	int fd = OK(open("big", O_CREAT | O_RDWR | O_TRUNC, 0644));
	size_t got = 0;
	ssize_t n;

	CHECK(out && in);
	for (size_t i = 0; i < len; i++)
		out[i] = (unsigned char)(i * 7 + i / 4096);
	CHECK_EQ(write(fd, out, len), (long)len);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	while ((n = OK(read(fd, in + got, len - got))) > 0)
		got += n;
	CHECK_EQ(got, len);
	CHECK_MEMEQ(in, out, len);
}

UTEST(readv_writev)
{
	char a[3] = "abc", b[1] = "d", c[4] = "efgh", x[5] = {0}, y[8] = {0};
	struct iovec wv[3] = {{a, 3}, {b, 1}, {c, 4}};
	struct iovec rv[2] = {{x, 4}, {y, 8}};
	int fd = OK(open("f", O_CREAT | O_RDWR | O_TRUNC, 0644));

	CHECK_EQ(writev(fd, wv, 3), 8);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(readv(fd, rv, 2), 8);
	CHECK_STREQ(x, "abcd");
	CHECK_STREQ(y, "efgh");
	CHECK_EQ(writev(fd, wv, 0), 0);
	CHECK_ERR(writev(fd, wv, -1), EINVAL);
	CHECK_ERR(readv(fd, rv, IOV_MAX + 1), EINVAL);
	CHECK_ERR(writev(-1, wv, 1), EBADF);
}

UTEST(pread_pwrite)
{
	char buf[8] = {0}, zero[4] = {0};
	int fd = OK(open("f", O_CREAT | O_RDWR | O_TRUNC, 0644));

	CHECK_EQ(write(fd, "0123", 4), 4);
	CHECK_EQ(pwrite(fd, "xy", 2, 100), 2);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 4);	/* offset unchanged */
	CHECK_EQ(pread(fd, buf, 2, 100), 2);
	CHECK_STREQ(buf, "xy");
	CHECK_EQ(pread(fd, buf, 4, 10), 4);	/* the hole reads 0 */
	CHECK_MEMEQ(buf, zero, 4);
	CHECK_EQ(pread(fd, buf, 8, 102), 0);	/* at EOF */
	CHECK_EQ(pread(fd, buf, 2, 1), 2);
	CHECK_MEMEQ(buf, "12", 2);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 4);
	CHECK_ERR(pread(fd, buf, 1, -1), EINVAL);
	CHECK_ERR(pwrite(fd, buf, 1, -1), EINVAL);
	CHECK_ERR(pread(-1, buf, 1, 0), EBADF);
}

UTEST(lseek_whence)
{
	int fd = OK(open("f", O_CREAT | O_RDWR | O_TRUNC, 0644));
	char buf[4] = {1, 1, 1, 1};
	struct stat st;

	CHECK_EQ(write(fd, "0123456789", 10), 10);
	CHECK_EQ(lseek(fd, 3, SEEK_SET), 3);
	CHECK_EQ(lseek(fd, 2, SEEK_CUR), 5);
	CHECK_EQ(lseek(fd, -1, SEEK_CUR), 4);
	CHECK_EQ(lseek(fd, 0, SEEK_END), 10);
	CHECK_EQ(lseek(fd, -4, SEEK_END), 6);
	CHECK_ERR(lseek(fd, -11, SEEK_END), EINVAL);
	CHECK_ERR(lseek(fd, -1, SEEK_SET), EINVAL);
	CHECK_ERR(lseek(fd, 0, 42), EINVAL);
	CHECK_EQ(lseek(fd, 6, SEEK_SET), 6);	/* failures left it alone */
	CHECK_ERR(lseek(-1, 0, SEEK_SET), EBADF);
	/* Seeking past the end and writing leaves a hole of zeros. */
	CHECK_EQ(lseek(fd, 4096, SEEK_END), 4106);
	OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 10);		/* no write yet */
	CHECK_EQ(write(fd, "E", 1), 1);
	OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 4107);
	CHECK_EQ(pread(fd, buf, 4, 2000), 4);
	CHECK_MEMEQ(buf, "\0\0\0\0", 4);
}

UTEST(lseek_pipe_espipe)
{
	int p[2];

	if (pipe(p) < 0 && errno == ENOSYS)
		ut_skip("pipe: ENOSYS");
	OK(p[0]);
	CHECK_ERR(lseek(p[0], 0, SEEK_SET), ESPIPE);
	CHECK_ERR(lseek(p[1], 0, SEEK_CUR), ESPIPE);
	CHECK_ERR(pread(p[0], p, 1, 0), ESPIPE);
}

UTEST(o_append)
{
	char buf[16] = {0};
	int fd;

	ut_write_file("f", "abc", 3);
	fd = OK(open("f", O_WRONLY | O_APPEND));
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd, "de", 2), 2);	/* at the end all the same */
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 5);
	OK(close(fd));
	ut_read_file("f", buf, sizeof(buf));
	CHECK_STREQ(buf, "abcde");
}

UTEST(o_trunc_and_creat_mode)
{
	struct stat st;
	int fd;

	ut_write_file("f", "abcdef", 6);
	fd = OK(open("f", O_WRONLY | O_TRUNC));
	OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 0);
	OK(close(fd));
	/* O_CREAT on an existing file keeps its mode. */
	OK(close(OK(open("f", O_CREAT | O_WRONLY, 0600))));
	OK(stat("f", &st));
	CHECK_EQ(st.st_mode & 07777, 0644);
}

UTEST(truncate_ftruncate)
{
	char buf[8];
	struct stat st;
	int fd = OK(open("f", O_CREAT | O_RDWR | O_TRUNC, 0644));

	CHECK_EQ(write(fd, "abcdef", 6), 6);
	OK(ftruncate(fd, 3));
	OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 3);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 6);	/* the offset stays */
	OK(truncate("f", 8192));
	CHECK_EQ(pread(fd, buf, 8, 0), 8);
	CHECK_MEMEQ(buf, "abc\0\0\0\0\0", 8);	/* regrown part is zero */
	OK(stat("f", &st));
	CHECK_EQ(st.st_size, 8192);
	CHECK_ERR(ftruncate(fd, -1), EINVAL);
	CHECK_ERR(truncate("missing", 0), ENOENT);
	CHECK_ERR(truncate(".", 0), EISDIR);
	CHECK_ERR(ftruncate(OK(open("f", O_RDONLY)), 0), EINVAL);
	CHECK_ERR(ftruncate(-1, 0), EBADF);
}

UTEST(ioctl_file_enotty)
{
	struct winsize ws;
	int fd;

	ut_write_file("f", "x", 1);
	fd = OK(open("f", O_RDONLY));
	CHECK_ERR(ioctl(fd, TIOCGWINSZ, &ws), ENOTTY);
	CHECK_ERR(ioctl(fd, TCGETS, &ws), ENOTTY);
	CHECK_EQ(isatty(fd), 0);
	CHECK_ERR(ioctl(-1, TIOCGWINSZ, &ws), EBADF);
}

UTEST(access_faccessat)
{
	int dfd;

	ut_write_file("f", "x", 1);
	OK(chmod("f", 0644));
	OK(access("f", F_OK));
	OK(access("f", R_OK | W_OK));
	CHECK_ERR(access("missing", F_OK), ENOENT);
	CHECK_ERR(access("f/x", F_OK), ENOTDIR);
	CHECK_ERR(access("f", 0x100), EINVAL);
	if (geteuid() == 0) {
		/* root needs an x bit somewhere to be allowed X_OK */
		CHECK_ERR(access("f", X_OK), EACCES);
		OK(chmod("f", 0));
		OK(access("f", R_OK | W_OK));
		OK(chmod("f", 0010));
		OK(access("f", X_OK));
	}
	OK(mkdir("d", 0755));
	dfd = OK(open("d", O_RDONLY | O_DIRECTORY));
	ut_write_file("d/g", "y", 1);
	OK(faccessat(dfd, "g", R_OK, 0));
	CHECK_ERR(faccessat(dfd, "f", F_OK, 0), ENOENT);
	CHECK_ERR(faccessat(-1, "g", F_OK, 0), EBADF);
}

UTEST(chmod_fchmod)
{
	struct stat st;
	int fd;

	ut_write_file("f", "x", 1);
	OK(chmod("f", 0600));
	OK(stat("f", &st));
	CHECK_EQ(st.st_mode & 07777, 0600);
	CHECK(S_ISREG(st.st_mode));
	fd = OK(open("f", O_RDONLY));
	OK(fchmod(fd, 04755));
	OK(fstat(fd, &st));
	CHECK_EQ(st.st_mode & 07777, 04755);
	OK(mkdir("d", 0755));
	OK(chmod("d", 0700));
	OK(stat("d", &st));
	CHECK_EQ(st.st_mode, S_IFDIR | 0700);
	CHECK_ERR(chmod("missing", 0644), ENOENT);
	CHECK_ERR(fchmod(-1, 0644), EBADF);
}

UTEST(umask_applies)
{
	struct stat st;

	CHECK_EQ(umask(077), 022);	/* the runner set 022 */
	OK(close(OK(open("f", O_CREAT | O_WRONLY, 0666))));
	OK(stat("f", &st));
	CHECK_EQ(st.st_mode & 0777, 0600);
	OK(mkdir("d", 0777));
	OK(stat("d", &st));
	CHECK_EQ(st.st_mode & 0777, 0700);
	CHECK_EQ(umask(0), 077);
	OK(close(OK(open("g", O_CREAT | O_WRONLY, 0666))));
	OK(stat("g", &st));
	CHECK_EQ(st.st_mode & 0777, 0666);
	CHECK_EQ(umask(01777), 0);	/* only the 0777 bits are kept */
	CHECK_EQ(umask(022), 0777);
}
