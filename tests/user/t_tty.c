/*
 * tests/user/t_tty.c: controlling terminals and hangups, on /dev/tty1.
 * Basalt-only: they need a terminal no session controls, which the test
 * ISO (utests as PID 1, no shells) has and the Linux build host has not.
 * The interactive side (termios, job control) is tests/user/ttytest.c.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "tests/user/ut.h"

#define FREE_TTY "/dev/tty1"

/* A session leader that opens a free terminal gets it as its controlling
 * one; TIOCNOTTY hangs it up (SIGHUP to the foreground group, here the
 * leader itself, as on Linux): the old file reads 0, writes fail with
 * EIO and polls POLLHUP, while a file opened afterwards works. */
UTEST_BASALT(tty_notty_hangs_up_open_files)
{
	struct pollfd pfd;
	pid_t pid;
	char c;

	if ((pid = fork()) == 0) {
		int old, fresh;

		signal(SIGHUP, SIG_IGN);	/* we are the foreground group */
		OK(setsid());
		CHECK_GE(old = open(FREE_TTY, O_RDWR), 0);
		CHECK_EQ(tcgetsid(old), getpid());	/* it is ours now */
		CHECK_EQ(tcgetpgrp(old), getpgrp());
		OK(ioctl(old, TIOCNOTTY));
		CHECK_ERR(tcgetsid(old), EIO);
		CHECK_EQ(read(old, &c, 1), 0);
		CHECK_ERR(write(old, "x", 1), EIO);
		pfd = (struct pollfd){ .fd = old, .events = POLLIN };
		CHECK_EQ(poll(&pfd, 1, 0), 1);
		CHECK(pfd.revents & POLLHUP);
		CHECK_GE(fresh = open(FREE_TTY, O_RDWR | O_NOCTTY), 0);
		CHECK_EQ(write(fresh, "", 0), 0);
		CHECK_ERR(tcgetpgrp(fresh), ENOTTY);	/* not ours any more */
		_exit(0);
	}
	CHECK_EXIT(pid, 0);
}

/* A terminal belongs to one session: another leader cannot take it
 * (EPERM), a process that is not a leader cannot either, and O_NOCTTY
 * opens do not take it. */
UTEST_BASALT(tty_one_session_per_terminal)
{
	int ready[2], done[2];
	pid_t owner, other;
	char c;

	OK(pipe(ready));
	OK(pipe(done));
	if ((owner = fork()) == 0) {
		OK(setsid());
		CHECK_GE(open(FREE_TTY, O_RDWR), 0);
		CHECK_EQ(write(ready[1], "r", 1), 1);
		CHECK_EQ(read(done[0], &c, 1), 1);	/* hold it meanwhile */
		_exit(0);
	}
	CHECK_EQ(read(ready[0], &c, 1), 1);
	if ((other = fork()) == 0) {
		int fd;

		CHECK_GE(fd = open(FREE_TTY, O_RDWR | O_NOCTTY), 0);
		CHECK_ERR(ioctl(fd, TIOCSCTTY, 0), EPERM);	/* not a leader */
		OK(setsid());
		CHECK_ERR(ioctl(fd, TIOCSCTTY, 0), EPERM);	/* owned */
		CHECK_ERR(tcgetpgrp(fd), ENOTTY);
		_exit(0);
	}
	CHECK_EXIT(other, 0);
	CHECK_EQ(write(done[1], "d", 1), 1);
	CHECK_EXIT(owner, 0);
}
