/*
 * tests/user/t_fdops.c: descriptor operations: dup, dup2, dup3, fcntl
 * (F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD/F_SETFD, F_GETFL/F_SETFL), and the
 * open file description shared by duplicates and across fork.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tests/user/ut.h"

UTEST(dup_shares_offset)
{
	char buf[8] = {0};
	int fd = OK(open("f", O_CREAT | O_RDWR | O_TRUNC, 0644));
	int d = OK(dup(fd));

	CHECK_NE(d, fd);
	CHECK_EQ(write(fd, "abc", 3), 3);
	CHECK_EQ(lseek(d, 0, SEEK_CUR), 3);	/* one description */
	CHECK_EQ(lseek(d, 1, SEEK_SET), 1);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 2);
	CHECK_STREQ(buf, "bc");
	OK(close(fd));
	CHECK_EQ(pread(d, buf, 3, 0), 3);	/* survives the original */
	CHECK_ERR(dup(-1), EBADF);
	CHECK_ERR(dup(fd), EBADF);
}

UTEST(dup_lowest_free)
{
	int fd = OK(open("f", O_CREAT | O_RDWR, 0644));
	int a = OK(dup(fd)), b = OK(dup(fd));

	CHECK_EQ(b, a + 1);
	OK(close(a));
	CHECK_EQ(OK(dup(fd)), a);
}

UTEST(dup2_cases)
{
	char buf[4] = {0};
	int fd = OK(open("f", O_CREAT | O_RDWR | O_TRUNC, 0644));
	int other = OK(open("g", O_CREAT | O_RDWR | O_TRUNC, 0644));

	CHECK_EQ(dup2(fd, 50), 50);
	CHECK_EQ(write(50, "x", 1), 1);
	CHECK_EQ(pread(fd, buf, 1, 0), 1);
	CHECK_EQ(buf[0], 'x');
	CHECK_EQ(dup2(fd, fd), fd);		/* valid: a no-op */
	CHECK_EQ(dup2(fd, other), other);	/* closes the old one */
	CHECK_EQ(lseek(other, 0, SEEK_CUR), 1);
	CHECK_ERR(dup2(77, 78), EBADF);
	CHECK_ERR(dup2(77, 77), EBADF);
	CHECK_ERR(dup2(fd, -1), EBADF);
	CHECK_ERR(dup2(fd, 1 << 30), EBADF);	/* beyond RLIMIT_NOFILE */
	OK(fcntl(50, F_SETFD, FD_CLOEXEC));
	CHECK_EQ(dup2(fd, 50), 50);		/* a new fd: no CLOEXEC */
	CHECK_EQ(fcntl(50, F_GETFD), 0);
}

/* musl's dup3() checks old == new itself; these go to the kernel. */
UTEST(dup3_flags)
{
	int fd = OK(open("f", O_CREAT | O_RDWR, 0644));

	CHECK_EQ(syscall(SYS_dup3, fd, 40, O_CLOEXEC), 40);
	CHECK_EQ(fcntl(40, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(syscall(SYS_dup3, fd, 40, 0), 40);
	CHECK_EQ(fcntl(40, F_GETFD), 0);
	CHECK_ERR(syscall(SYS_dup3, fd, fd, 0), EINVAL);
	CHECK_ERR(syscall(SYS_dup3, fd, 41, O_APPEND), EINVAL);
	CHECK_ERR(syscall(SYS_dup3, 99, 41, 0), EBADF);
}

UTEST(fcntl_dupfd)
{
	int fd = OK(open("f", O_CREAT | O_RDWR, 0644));
	int a = OK(fcntl(fd, F_DUPFD, 10));
	int b = OK(fcntl(fd, F_DUPFD, 10));
	int c = OK(fcntl(fd, F_DUPFD_CLOEXEC, 20));

	CHECK_EQ(a, 10);
	CHECK_EQ(b, 11);
	CHECK_EQ(c, 20);
	CHECK_EQ(fcntl(a, F_GETFD), 0);
	CHECK_EQ(fcntl(c, F_GETFD), FD_CLOEXEC);
	OK(close(a));
	CHECK_EQ(fcntl(fd, F_DUPFD, 5), fd < 5 ? 5 : fd + 1);
	CHECK_ERR(fcntl(fd, F_DUPFD, -1), EINVAL);
	CHECK_ERR(fcntl(fd, F_DUPFD, 1 << 30), EINVAL);
	CHECK_ERR(fcntl(-1, F_DUPFD, 0), EBADF);
}

UTEST(fcntl_getfd_setfd)
{
	int fd = OK(open("f", O_CREAT | O_RDWR, 0644));
	int ce = OK(open("f", O_RDONLY | O_CLOEXEC));

	CHECK_EQ(fcntl(fd, F_GETFD), 0);
	CHECK_EQ(fcntl(ce, F_GETFD), FD_CLOEXEC);
	OK(fcntl(fd, F_SETFD, FD_CLOEXEC));
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	OK(fcntl(fd, F_SETFD, 0));
	CHECK_EQ(fcntl(fd, F_GETFD), 0);
	CHECK_ERR(fcntl(99, F_GETFD), EBADF);
	CHECK_ERR(fcntl(fd, 9999), EINVAL);
}

UTEST(fcntl_getfl_setfl)
{
	char buf[8] = {0};
	int fd = OK(open("f", O_CREAT | O_RDWR | O_TRUNC, 0644));
	int ro = OK(open("f", O_RDONLY));
	int fl = OK(fcntl(fd, F_GETFL));

	CHECK_EQ(fl & O_ACCMODE, O_RDWR);
	CHECK_EQ(fl & (O_APPEND | O_NONBLOCK), 0);
	CHECK_EQ(OK(fcntl(ro, F_GETFL)) & O_ACCMODE, O_RDONLY);
	CHECK_EQ(OK(fcntl(OK(open("f", O_WRONLY)), F_GETFL)) & O_ACCMODE,
		 O_WRONLY);
	CHECK_EQ(write(fd, "ab", 2), 2);
	OK(fcntl(fd, F_SETFL, fl | O_APPEND | O_NONBLOCK));
	fl = OK(fcntl(fd, F_GETFL));
	CHECK_EQ(fl & (O_APPEND | O_NONBLOCK), O_APPEND | O_NONBLOCK);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd, "c", 1), 1);		/* appended */
	CHECK_EQ(pread(fd, buf, 8, 0), 3);
	CHECK_STREQ(buf, "abc");
	/* F_SETFL cannot change the access mode, and ignores O_CREAT. */
	OK(fcntl(ro, F_SETFL, O_RDWR | O_CREAT));
	CHECK_EQ(OK(fcntl(ro, F_GETFL)) & (O_ACCMODE | O_CREAT), O_RDONLY);
	CHECK_ERR(write(ro, "x", 1), EBADF);
	OK(fcntl(fd, F_SETFL, 0));
	CHECK_EQ(OK(fcntl(fd, F_GETFL)) & (O_APPEND | O_NONBLOCK), 0);
	/* The status flags live in the description, shared by dup. */
	OK(fcntl(fd, F_SETFL, O_APPEND));
	CHECK_EQ(OK(fcntl(OK(dup(fd)), F_GETFL)) & O_APPEND, O_APPEND);
}

UTEST(fork_shares_description)
{
	int fd = OK(open("f", O_CREAT | O_RDWR | O_TRUNC, 0644));
	int pid = OK(fork());

	if (pid == 0) {
		CHECK_EQ(write(fd, "child", 5), 5);
		OK(fcntl(fd, F_SETFD, FD_CLOEXEC));	/* per process */
		_exit(0);
	}
	CHECK_EXIT(pid, 0);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 5);	/* the child moved it */
	CHECK_EQ(fcntl(fd, F_GETFD), 0);
	CHECK_EQ(write(fd, "parent", 6), 6);
	CHECK_EQ(lseek(fd, 0, SEEK_END), 11);
}

UTEST(close_range_of_fds)
{
	int fd = OK(open("f", O_CREAT | O_RDWR, 0644));
	int n = 0;

	/* Many descriptors, then all closed: the table grows and shrinks. */
	for (int i = 0; i < 200; i++)
		if (OK(dup(fd)) > fd)
			n++;
	CHECK_EQ(n, 200);
	for (int i = fd + 1; i <= fd + 200; i++)
		OK(close(i));
	CHECK_EQ(OK(dup(fd)), fd + 1);
}
