/*
 * tests/user/t_pipe.c: pipes and FIFOs (pipe, pipe2, mkfifo), and waiting
 * for descriptors (poll, ppoll, select, pselect): end of file, EPIPE and
 * SIGPIPE, O_NONBLOCK, the 64 KiB capacity, PIPE_BUF atomicity, a 64 MiB
 * stream between two processes, readiness, POLLHUP, time-outs, EINTR.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/user/ut.h"

#define PIPE_CAPACITY	65536		/* Linux's default, and Basalt's */
#define MS		1000000ll	/* ns */

/* readn - read exactly @n bytes unless EOF comes first; the count. */
static size_t
readn(int fd, void *buf, size_t n)
{
	size_t got = 0;
	ssize_t r;

	while (got < n && (r = read(fd, (char *)buf + got, n - got)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		CHECK(r > 0);
		got += (size_t)r;
	}
	return got;
}

/* poll1 - the revents of one descriptor after a poll of @ms. */
static int
poll1(int fd, short events, int ms)
{
	struct pollfd p = { .fd = fd, .events = events };

	OK(poll(&p, 1, ms));
	return p.revents;
}

/* fill_nonblocking - write PIPE_BUF blocks to @fd until EAGAIN. */
static size_t
fill_nonblocking(int fd)
{
	static char block[PIPE_BUF];
	size_t total = 0;
	ssize_t n;

	while ((n = write(fd, block, sizeof(block))) > 0)
		total += (size_t)n;
	CHECK_EQ(n, -1);
	CHECK_EQ(errno, EAGAIN);
	return total;
}

/* ---- basics -------------------------------------------------------------- */

UTEST(pipe_basics)
{
	int p[2];
	char buf[16] = {0};
	struct stat st;

	OK(pipe(p));
	CHECK(p[0] > 2 && p[1] == p[0] + 1);		/* the lowest free */
	CHECK_EQ(write(p[1], "hello", 5), 5);
	CHECK_EQ(write(p[1], " pipe", 5), 5);
	CHECK_EQ(read(p[0], buf, 3), 3);
	CHECK_EQ(read(p[0], buf + 3, sizeof(buf)), 7);	/* what is there */
	CHECK_STREQ(buf, "hello pipe");
	OK(fstat(p[0], &st));
	CHECK(S_ISFIFO(st.st_mode));
	CHECK_EQ(st.st_mode & 0777, 0600);
	OK(fstat(p[1], &st));
	CHECK(S_ISFIFO(st.st_mode));
	CHECK_ERR(lseek(p[0], 0, SEEK_CUR), ESPIPE);
	CHECK_ERR(pread(p[0], buf, 1, 0), ESPIPE);
	CHECK_ERR(write(p[0], "x", 1), EBADF);		/* the wrong ends */
	CHECK_ERR(read(p[1], buf, 1), EBADF);
	CHECK_EQ(fcntl(p[0], F_GETFL) & O_ACCMODE, O_RDONLY);
	CHECK_EQ(fcntl(p[1], F_GETFL) & O_ACCMODE, O_WRONLY);
	CHECK_EQ(fcntl(p[0], F_GETFD), 0);
	CHECK_EQ(write(p[1], "", 0), 0);
	CHECK_EQ(read(p[0], buf, 0), 0);
	CHECK_ERR(pipe(ut_ptr(UT_BAD_LOW)), EFAULT);
	CHECK_EQ(OK(dup(p[0])), p[1] + 1);		/* EFAULT left no fd */
}

UTEST(pipe_eof_when_every_writer_is_gone)
{
	char buf[64];
	int p[2], d, pid;

	OK(pipe(p));
	d = OK(dup(p[1]));
	OK(close(p[1]));
	OK(fcntl(p[0], F_SETFL, O_NONBLOCK));
	CHECK_ERR(read(p[0], buf, 1), EAGAIN);		/* the dup can write */
	OK(fcntl(p[0], F_SETFL, 0));
	pid = OK(fork());
	if (pid == 0) {
		CHECK_EQ(write(d, "from child", 10), 10);
		_exit(0);
	}
	OK(close(d));
	CHECK_EQ(readn(p[0], buf, sizeof(buf)), 10);	/* then EOF */
	CHECK_MEMEQ(buf, "from child", 10);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 0);
	CHECK_EXIT(pid, 0);
}

UTEST(pipe2_flags)
{
	int p[2];
	char c;

	OK(pipe2(p, O_CLOEXEC | O_NONBLOCK));
	CHECK_EQ(fcntl(p[0], F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(p[1], F_GETFD), FD_CLOEXEC);
	CHECK(fcntl(p[0], F_GETFL) & O_NONBLOCK);
	CHECK(fcntl(p[1], F_GETFL) & O_NONBLOCK);
	CHECK_ERR(read(p[0], &c, 1), EAGAIN);
	OK(close(p[0]));
	OK(close(p[1]));
	OK(pipe2(p, 0));
	CHECK_EQ(fcntl(p[0], F_GETFD), 0);
	CHECK_EQ(fcntl(p[0], F_GETFL) & O_NONBLOCK, 0);
	CHECK_ERR(pipe2(p, O_APPEND), EINVAL);
	CHECK_ERR(pipe2(p, O_RDWR), EINVAL);
}

/* ---- EPIPE and SIGPIPE --------------------------------------------------- */

UTEST(pipe_write_without_reader_epipe)
{
	int p[2];

	OK(pipe(p));
	OK(close(p[0]));
	signal(SIGPIPE, SIG_IGN);
	CHECK_ERR(write(p[1], "x", 1), EPIPE);
	CHECK_EQ(write(p[1], "", 0), 0);		/* a null write works */
}

/* Linux's default action for SIGPIPE kills the writer. */
UTEST(pipe_write_without_reader_sigpipe_kills)
{
	int p[2], pid;

	OK(pipe(p));
	OK(close(p[0]));
	pid = OK(fork());
	if (pid == 0) {
		ut_no_core();
		signal(SIGPIPE, SIG_DFL);
		(void)!write(p[1], "x", 1);
		_exit(0);				/* not reached */
	}
	CHECK_SIGNALED(pid, SIGPIPE);
}

/* ---- O_NONBLOCK, capacity, atomicity ------------------------------------- */

UTEST(pipe_nonblocking_eagain_and_capacity)
{
	static char big[3 * PIPE_BUF];
	int p[2], n;

	OK(pipe2(p, O_NONBLOCK));
	CHECK_ERR(read(p[0], big, 1), EAGAIN);
	CHECK_EQ(fill_nonblocking(p[1]), PIPE_CAPACITY);
	CHECK_ERR(write(p[1], "x", 1), EAGAIN);
	OK(ioctl(p[0], FIONREAD, &n));
	CHECK_EQ(n, PIPE_CAPACITY);
	CHECK_EQ(read(p[0], big, PIPE_BUF), PIPE_BUF);
	/* more than PIPE_BUF may be written in part */
	CHECK_EQ(write(p[1], big, 2 * PIPE_BUF), PIPE_BUF);
	CHECK_ERR(write(p[1], big, 1), EAGAIN);
	CHECK_EQ(read(p[0], big, sizeof(big)), sizeof(big));
	CHECK_EQ(write(p[1], big, sizeof(big)), sizeof(big));	/* fits */
	CHECK_ERR(write(p[1], big, sizeof(big)), EAGAIN);
	OK(close(p[1]));
	CHECK_EQ(readn(p[0], big, sizeof(big)), sizeof(big));
	while ((n = read(p[0], big, sizeof(big))) > 0)
		;
	CHECK_EQ(n, 0);					/* EOF, not EAGAIN */
}

#define RECORDS	256			/* per writer: 1 MiB, 16 pipefuls */

/* record_writer - a child writing RECORDS blocks of PIPE_BUF x @c. */
static int
record_writer(int fd, char c)
{
	static char rec[PIPE_BUF];
	int pid = OK(fork());

	if (pid == 0) {
		memset(rec, c, sizeof(rec));
		for (int i = 0; i < RECORDS; i++)
			CHECK_EQ(write(fd, rec, sizeof(rec)), sizeof(rec));
		_exit(0);
	}
	return pid;
}

UTEST(pipe_buf_writes_are_atomic)
{
	static char rec[PIPE_BUF];
	int p[2], a, b, count[2] = {0, 0};

	OK(pipe(p));
	a = record_writer(p[1], 'a');
	b = record_writer(p[1], 'b');
	OK(close(p[1]));
	while (readn(p[0], rec, sizeof(rec)) == sizeof(rec)) {
		for (size_t i = 1; i < sizeof(rec); i++)
			if (rec[i] != rec[0])
				ut_fail(__FILE__, __LINE__,
					"record %d mixes %c and %c at %zu",
					count[0] + count[1], rec[0], rec[i], i);
		CHECK(rec[0] == 'a' || rec[0] == 'b');
		count[rec[0] == 'b']++;
	}
	CHECK_EQ(count[0], RECORDS);
	CHECK_EQ(count[1], RECORDS);
	CHECK_EXIT(a, 0);
	CHECK_EXIT(b, 0);
}

/* ---- a 64 MiB stream ----------------------------------------------------- */

#define STREAM_BYTES	(64ull << 20)
#define PATTERN_LEN	65521		/* prime: chunks never line up */

static unsigned char stream_pattern[PATTERN_LEN];

/* make_pattern - the bytes the stream repeats. */
static void
make_pattern(void)
{
	uint32_t x = 2463534242u;

	for (int i = 0; i < PATTERN_LEN; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;	/* xorshift32 */
		stream_pattern[i] = (unsigned char)x;
	}
}

/* check_chunk - compare @n stream bytes from @pos with the pattern. */
static int
check_chunk(const unsigned char *buf, size_t n, uint64_t pos)
{
	while (n > 0) {
		size_t at = pos % PATTERN_LEN, len = PATTERN_LEN - at;
		if (len > n)
			len = n;
		if (memcmp(buf, stream_pattern + at, len) != 0)
			return 0;
		buf += len, pos += len, n -= len;
	}
	return 1;
}

/* sum_chunk - add @n bytes to the position-weighted checksum. */
static void
sum_chunk(uint64_t *a, uint64_t *b, const unsigned char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		*a += buf[i];
		*b += *a;
	}
}

/* stream_writer - the child: 64 MiB in chunks of changing size; its
 * checksum goes to @sumfd at the end. */
static void
stream_writer(int fd, int sumfd)
{
	uint64_t pos = 0, a = 0, b = 0, sum;
	size_t len = 1;

	while (pos < STREAM_BYTES) {
		size_t at = pos % PATTERN_LEN;
		len = (len * 7 + 11) % 100000 + 1;
		if (len > PATTERN_LEN - at)
			len = PATTERN_LEN - at;
		if (len > STREAM_BYTES - pos)
			len = STREAM_BYTES - pos;
		CHECK_EQ(write(fd, stream_pattern + at, len), (ssize_t)len);
		sum_chunk(&a, &b, stream_pattern + at, len);
		pos += len;
	}
	sum = a ^ (b << 1);
	CHECK_EQ(write(sumfd, &sum, sizeof(sum)), sizeof(sum));
	_exit(0);
}

UTEST(pipe_64mib_between_processes)
{
	static unsigned char buf[200000];
	uint64_t pos = 0, a = 0, b = 0, theirs = 0;
	int p[2], s[2], pid;
	size_t len = 3;
	ssize_t n;

	make_pattern();
	OK(pipe(p));
	OK(pipe(s));
	pid = OK(fork());
	if (pid == 0) {
		OK(close(p[0]));
		stream_writer(p[1], s[1]);
	}
	OK(close(p[1]));
	OK(close(s[1]));
	for (;;) {
		len = (len * 13 + 5) % sizeof(buf) + 1;
		if ((n = read(p[0], buf, len)) <= 0)
			break;
		if (!check_chunk(buf, (size_t)n, pos))
			ut_fail(__FILE__, __LINE__, "wrong bytes at %llu",
				(unsigned long long)pos);
		sum_chunk(&a, &b, buf, (size_t)n);
		pos += (uint64_t)n;
	}
	CHECK_EQ(n, 0);
	CHECK_EQ(pos, STREAM_BYTES);
	CHECK_EQ(readn(s[0], &theirs, sizeof(theirs)), sizeof(theirs));
	CHECK_EQ(a ^ (b << 1), theirs);
	CHECK_EXIT(pid, 0);
}

/* ---- poll and select ----------------------------------------------------- */

UTEST(poll_pipe_readiness_and_pollhup)
{
	static char buf[PIPE_CAPACITY];
	struct pollfd pf[4];
	int p[2], q[2];

	OK(pipe2(p, O_NONBLOCK));
	CHECK_EQ(poll1(p[0], POLLIN, 0), 0);
	CHECK_EQ(poll1(p[1], POLLOUT, 0), POLLOUT);
	CHECK_EQ(write(p[1], "x", 1), 1);
	CHECK_EQ(poll1(p[0], POLLIN | POLLOUT, 0), POLLIN);
	CHECK_EQ(fill_nonblocking(p[1]), PIPE_CAPACITY - PIPE_BUF);
	CHECK_EQ(poll1(p[1], POLLOUT, 0), 0);		/* full */
	CHECK_EQ(read(p[0], buf, PIPE_BUF), PIPE_BUF);
	CHECK_EQ(read(p[0], buf, PIPE_BUF), PIPE_BUF);
	CHECK_EQ(poll1(p[1], POLLOUT, 0), POLLOUT);	/* room for PIPE_BUF */
	OK(close(p[1]));
	CHECK_EQ(poll1(p[0], POLLIN, 0), POLLIN | POLLHUP);
	while (read(p[0], buf, sizeof(buf)) > 0)
		;
	CHECK_EQ(poll1(p[0], POLLIN, 0), POLLHUP);	/* even unasked */
	CHECK_EQ(poll1(p[0], 0, 0), POLLHUP);
	OK(pipe(q));
	OK(close(q[0]));
	CHECK_EQ(poll1(q[1], POLLOUT, 0), POLLOUT | POLLERR);
	/* a negative fd is skipped; a closed one is POLLNVAL and counts */
	pf[0] = (struct pollfd){ .fd = -1, .events = POLLIN };
	pf[1] = (struct pollfd){ .fd = q[0], .events = POLLIN };
	pf[2] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	pf[3] = (struct pollfd){ .fd = q[1], .events = POLLIN };
	CHECK_EQ(poll(pf, 4, 1000), 3);
	CHECK_EQ(pf[0].revents, 0);
	CHECK_EQ(pf[1].revents, POLLNVAL);
	CHECK_EQ(pf[2].revents, POLLHUP);
	CHECK_EQ(pf[3].revents, POLLERR);
	CHECK_ERR(poll(ut_ptr(UT_BAD_LOW), 1, 0), EFAULT);
	CHECK_ERR(poll(pf, 1 << 30, 0), EINVAL);	/* > RLIMIT_NOFILE */
}

/* delayed_write - a child that writes one byte to @fd after @ms. */
static int
delayed_write(int fd, int ms)
{
	int pid = OK(fork());

	if (pid == 0) {
		usleep(ms * 1000);
		CHECK_EQ(write(fd, "!", 1), 1);
		_exit(0);
	}
	return pid;
}

UTEST(poll_timeout_and_wakeup)
{
	struct timespec ts = { 0, 30 * MS };
	struct pollfd pf;
	int p[2], pid;
	int64_t t0;

	OK(pipe(p));
	pf = (struct pollfd){ .fd = p[0], .events = POLLIN };
	t0 = ut_now_ns();
	CHECK_EQ(poll(&pf, 1, 50), 0);
	CHECK_GE(ut_now_ns() - t0, 50 * MS);
	t0 = ut_now_ns();
	CHECK_EQ(ppoll(&pf, 1, &ts, NULL), 0);
	CHECK_GE(ut_now_ns() - t0, 30 * MS);
	CHECK_EQ(poll(NULL, 0, 10), 0);			/* a plain sleep */
	pid = delayed_write(p[1], 50);
	t0 = ut_now_ns();
	CHECK_EQ(poll(&pf, 1, 10000), 1);
	CHECK_LT(ut_now_ns() - t0, 5000 * MS);		/* woken early */
	CHECK_EQ(pf.revents, POLLIN);
	CHECK_EXIT(pid, 0);
	ts = (struct timespec){ 0, 1000000000 };
	CHECK_ERR(ppoll(&pf, 1, &ts, NULL), EINVAL);
	ts = (struct timespec){ -1, 0 };
	CHECK_ERR(ppoll(&pf, 1, &ts, NULL), EINVAL);
}

UTEST(select_on_a_pipe)
{
	struct timeval tv = { 0, 0 };
	fd_set rd, wr;
	int p[2], pid;

	OK(pipe(p));
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	CHECK_EQ(select(p[0] + 1, &rd, NULL, NULL, &tv), 0);
	CHECK(!FD_ISSET(p[0], &rd));			/* rewritten */
	FD_SET(p[0], &rd);
	FD_ZERO(&wr);
	FD_SET(p[1], &wr);
	CHECK_EQ(select(p[1] + 1, &rd, &wr, NULL, NULL), 1);
	CHECK(!FD_ISSET(p[0], &rd));
	CHECK(FD_ISSET(p[1], &wr));
	pid = delayed_write(p[1], 30);
	FD_SET(p[0], &rd);
	tv = (struct timeval){ 10, 0 };
	/* the system call itself: musl's select() passes a copy of @tv */
	CHECK_EQ(syscall(SYS_select, p[0] + 1, &rd, NULL, NULL, &tv), 1);
	CHECK(FD_ISSET(p[0], &rd));
	CHECK(tv.tv_sec < 10 && tv.tv_sec >= 5);	/* the time left */
	CHECK_EXIT(pid, 0);
	FD_SET(p[1], &wr);
	CHECK_EQ(select(p[1] + 1, &rd, &wr, NULL, NULL), 2);
	tv = (struct timeval){ 0, 20000 };
	FD_ZERO(&rd);
	CHECK_EQ(syscall(SYS_select, 0, NULL, NULL, NULL, &tv), 0); /* sleep */
	CHECK_EQ(tv.tv_sec, 0);
	CHECK_EQ(tv.tv_usec, 0);
	FD_SET(p[1] + 5, &rd);
	CHECK_ERR(select(p[1] + 6, &rd, NULL, NULL, NULL), EBADF);
	CHECK_ERR(select(-1, NULL, NULL, NULL, NULL), EINVAL);
	tv = (struct timeval){ -1, 0 };
	CHECK_ERR(select(0, NULL, NULL, NULL, &tv), EINVAL);
}

UTEST(pselect_on_a_pipe)
{
	struct timespec ts = { 0, 20 * MS };
	fd_set rd;
	int p[2];
	int64_t t0;

	OK(pipe(p));
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	t0 = ut_now_ns();
	CHECK_EQ(pselect(p[0] + 1, &rd, NULL, NULL, &ts, NULL), 0);
	CHECK_GE(ut_now_ns() - t0, 20 * MS);
	CHECK_EQ(write(p[1], "x", 1), 1);
	FD_SET(p[0], &rd);
	CHECK_EQ(pselect(p[0] + 1, &rd, NULL, NULL, NULL, NULL), 1);
	CHECK(FD_ISSET(p[0], &rd));
	ts = (struct timespec){ 0, -1 };
	CHECK_ERR(pselect(1, NULL, NULL, NULL, &ts, NULL), EINVAL);
}

/* ---- interrupted waits --------------------------------------------------- */

static volatile sig_atomic_t got_usr1;

static void
on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

/* signal_me_soon - a child that sends SIGUSR1 to us after 50 ms.  The
 * handler is installed without SA_RESTART, so waits end with EINTR. */
static int
signal_me_soon(void)
{
	struct sigaction sa;
	int parent = getpid(), pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	OK(sigaction(SIGUSR1, &sa, NULL));
	got_usr1 = 0;
	pid = OK(fork());
	if (pid == 0) {
		usleep(50000);
		OK(kill(parent, SIGUSR1));
		_exit(0);
	}
	return pid;
}

UTEST(pipe_read_interrupted_by_signal)
{
	int p[2], pid;
	char c;

	OK(pipe(p));
	pid = signal_me_soon();
	CHECK_ERR(read(p[0], &c, 1), EINTR);
	CHECK(got_usr1);
	CHECK_EXIT(pid, 0);
}

UTEST(poll_interrupted_by_signal)
{
	struct pollfd pf;
	int p[2], pid;

	OK(pipe(p));
	pf = (struct pollfd){ .fd = p[0], .events = POLLIN };
	pid = signal_me_soon();
	CHECK_ERR(poll(&pf, 1, -1), EINTR);
	CHECK(got_usr1);
	CHECK_EXIT(pid, 0);
}

/* ---- FIFOs --------------------------------------------------------------- */

UTEST(mkfifo_between_parent_and_child)
{
	char buf[64] = {0};
	struct stat st;
	int fd, pid;

	OK(mkfifo("f", 0600));
	OK(stat("f", &st));
	CHECK(S_ISFIFO(st.st_mode));
	CHECK_ERR(mkfifo("f", 0600), EEXIST);
	pid = OK(fork());
	if (pid == 0) {
		int w = OK(open("f", O_WRONLY));	/* waits for a reader */
		CHECK_EQ(write(w, "hello from the child", 20), 20);
		_exit(0);
	}
	fd = OK(open("f", O_RDONLY));			/* waits for a writer */
	CHECK_EQ(readn(fd, buf, sizeof(buf)), 20);	/* then EOF */
	CHECK_STREQ(buf, "hello from the child");
	CHECK_ERR(lseek(fd, 0, SEEK_SET), ESPIPE);
	CHECK_EXIT(pid, 0);
	OK(close(fd));
	OK(unlink("f"));
}

UTEST(fifo_nonblocking_opens)
{
	char buf[8];
	int r, w, rw;

	OK(mkfifo("f", 0600));
	CHECK_ERR(open("f", O_WRONLY | O_NONBLOCK), ENXIO);	/* no reader */
	r = OK(open("f", O_RDONLY | O_NONBLOCK));		/* at once */
	CHECK_EQ(read(r, buf, sizeof(buf)), 0);		/* no writer: EOF */
	CHECK_EQ(poll1(r, POLLIN, 0), 0);	/* no POLLHUP before a writer */
	w = OK(open("f", O_WRONLY | O_NONBLOCK));
	CHECK_EQ(write(w, "abc", 3), 3);
	CHECK_EQ(poll1(r, POLLIN, 0), POLLIN);
	CHECK_EQ(read(r, buf, sizeof(buf)), 3);
	OK(close(w));
	CHECK_EQ(poll1(r, POLLIN, 0), POLLHUP);		/* the writer left */
	OK(close(r));
	/* O_RDWR never waits; bytes left when the last one closes go */
	rw = OK(open("f", O_RDWR));
	CHECK_EQ(write(rw, "zz", 2), 2);
	OK(close(rw));
	r = OK(open("f", O_RDONLY | O_NONBLOCK));
	CHECK_EQ(read(r, buf, sizeof(buf)), 0);
	OK(close(r));
}
