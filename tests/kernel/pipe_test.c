/*
 * tests/kernel/pipe_test.c: pipes, FIFOs and the poll engine (fs/pipe.h,
 * fs/poll.h), driven through the VFS as the system calls drive them.
 * Threads stand in for processes; every test reaps its threads and puts
 * its files, so the runner's leak check sees every page back.
 */
#include "fs/pipe.h"
#include "fs/poll.h"
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/ktest.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "kernel/sync.h"
#include "kernel/time.h"
#include "mm/kmalloc.h"

#define MSEC	(1000ull * 1000)

/* reap_until - wait until only @threads threads exist, all reaped. */
static void
reap_until(unsigned int threads)
{
	while (thread_count() > threads) {
		thread_yield();
		thread_reap();
	}
}

/* pattern - the byte at stream position @i of the streaming tests. */
static uint8_t
pattern(uint64_t i)
{
	return (uint8_t)(i * 31 + (i >> 11));
}

/* ---- single-threaded behaviour ------------------------------------------- */

KTEST(pipe_read_write_eof)
{
	struct file *rd, *wr;
	char buf[16];

	KEXPECT_EQ(pipe_create(0, &rd, &wr), 0);
	KEXPECT_EQ(vfs_write(wr, "hello", 5), 5);
	KEXPECT_EQ(vfs_write(wr, " world", 6), 6);
	KEXPECT_EQ(vfs_read(rd, buf, 3), 3);		/* what was asked */
	KEXPECT(memcmp(buf, "hel", 3) == 0);
	KEXPECT_EQ(vfs_read(rd, buf, sizeof(buf)), 8);	/* what is there */
	KEXPECT(memcmp(buf, "lo world", 8) == 0);
	KEXPECT_EQ(vfs_read(rd, buf, 0), 0);
	KEXPECT_EQ(vfs_write(wr, "!", 1), 1);
	file_put(wr);
	KEXPECT_EQ(vfs_read(rd, buf, sizeof(buf)), 1);	/* data before EOF */
	KEXPECT_EQ(vfs_read(rd, buf, sizeof(buf)), 0);	/* then EOF */
	KEXPECT_EQ(vfs_read(rd, buf, sizeof(buf)), 0);
	file_put(rd);
}

KTEST(pipe_ends_are_fifos_without_positions)
{
	struct file *rd, *wr;
	struct kstat st;
	char c = 'x';

	KEXPECT_EQ(pipe_create(0, &rd, &wr), 0);
	KEXPECT_EQ(vfs_fstat(rd, &st), 0);
	KEXPECT(S_ISFIFO(st.mode));
	KEXPECT_EQ(st.mode & 07777, 0600);
	KEXPECT_EQ(vfs_lseek(rd, 0, SEEK_CUR), -ESPIPE);
	KEXPECT_EQ(vfs_lseek(wr, 0, SEEK_SET), -ESPIPE);
	KEXPECT_EQ(vfs_pread(rd, &c, 1, 0), -ESPIPE);
	KEXPECT_EQ(vfs_write(rd, &c, 1), -EBADF);	/* the wrong end */
	KEXPECT_EQ(vfs_read(wr, &c, 1), -EBADF);
	file_put(rd);
	file_put(wr);
}

/* Capacity 64 KiB; O_NONBLOCK: -EAGAIN, small writes all or nothing,
 * large ones partial. */
KTEST(pipe_nonblocking_capacity_and_atomicity)
{
	char *buf = kmalloc(PIPE_SIZE);
	struct file *rd, *wr;
	size_t total = 0;
	ssize_t n;

	KEXPECT(buf != NULL);
	memset(buf, 'a', PIPE_SIZE);
	KEXPECT_EQ(pipe_create(O_NONBLOCK, &rd, &wr), 0);
	KEXPECT_EQ(vfs_read(rd, buf, 1), -EAGAIN);	/* empty, writer open */
	while ((n = vfs_write(wr, buf, 5000)) > 0)	/* > PIPE_BUF */
		total += (size_t)n;
	KEXPECT_EQ(n, -EAGAIN);
	KEXPECT_EQ(total, PIPE_SIZE);			/* the last one split */
	KEXPECT_EQ(vfs_read(rd, buf, 1000), 1000);
	KEXPECT_EQ(vfs_write(wr, buf, 1001), -EAGAIN);	/* atomic: no room */
	KEXPECT_EQ(vfs_write(wr, buf, 1000), 1000);
	KEXPECT_EQ(vfs_read(rd, buf, 100), 100);
	KEXPECT_EQ(vfs_write(wr, buf, PIPE_BUF), -EAGAIN); /* atomic: no room */
	KEXPECT_EQ(vfs_write(wr, buf, 50), 50);		/* fits whole */
	KEXPECT_EQ(vfs_write(wr, buf, PIPE_BUF + 1), 50); /* split */
	KEXPECT_EQ(vfs_read(rd, buf, PIPE_SIZE), PIPE_SIZE);
	KEXPECT_EQ(vfs_read(rd, buf, 1), -EAGAIN);
	KEXPECT_EQ(vfs_write(wr, buf, PIPE_SIZE), PIPE_SIZE); /* exactly full */
	KEXPECT_EQ(vfs_write(wr, buf, 1), -EAGAIN);
	file_put(wr);
	KEXPECT_EQ(vfs_read(rd, buf, PIPE_SIZE), PIPE_SIZE);
	KEXPECT_EQ(vfs_read(rd, buf, 1), 0);		/* EOF beats EAGAIN */
	file_put(rd);
	kfree(buf);
}

KTEST(pipe_write_without_reader_is_epipe)
{
	struct file *rd, *wr;

	KEXPECT_EQ(pipe_create(0, &rd, &wr), 0);
	file_put(rd);
	KEXPECT_EQ(vfs_write(wr, "x", 1), -EPIPE);	/* no proc, no signal */
	KEXPECT_EQ(vfs_write(wr, "", 0), 0);		/* a null write works */
	file_put(wr);
}

/* ---- two threads --------------------------------------------------------- */

#define STREAM_BYTES	(1u << 20)

static struct semaphore writer_done;
static uint64_t writer_sum;

/* sum_bytes - a position-sensitive checksum (Fletcher-64 style). */
static void
sum_bytes(uint64_t *a, uint64_t *b, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		*a += p[i];
		*b += *a;
	}
}

/* stream_writer - 1 MiB of pattern() in chunks of odd sizes. */
static void
stream_writer(void *arg)
{
	struct file *wr = arg;
	uint8_t *buf = kmalloc(9000);
	uint64_t pos = 0, a = 0, b = 0;
	size_t len = 1;

	while (buf && pos < STREAM_BYTES) {
		len = MIN((len * 7 + 13) % 9000 + 1, STREAM_BYTES - pos);
		for (size_t i = 0; i < len; i++)
			buf[i] = pattern(pos + i);
		if (vfs_write(wr, buf, len) != (ssize_t)len)
			break;
		sum_bytes(&a, &b, buf, len);
		pos += len;
	}
	writer_sum = a ^ (b << 1);
	kfree(buf);
	file_put(wr);				/* the reader sees EOF */
	sem_up(&writer_done);
}

KTEST(pipe_two_threads_move_1mib)
{
	unsigned int threads = thread_count();
	uint8_t *buf = kmalloc(7000);
	uint64_t pos = 0, a = 0, b = 0, bad = 0;
	struct file *rd, *wr;
	size_t len = 5;
	ssize_t n;

	KEXPECT(buf != NULL);
	KEXPECT_EQ(pipe_create(0, &rd, &wr), 0);
	sem_init(&writer_done, 0);
	KEXPECT(thread_create("pipe writer", stream_writer, wr) != NULL);
	for (;;) {
		len = (len * 5 + 3) % 7000 + 1;
		if ((n = vfs_read(rd, buf, len)) <= 0)
			break;
		for (ssize_t i = 0; i < n; i++)
			bad += buf[i] != pattern(pos + (uint64_t)i);
		sum_bytes(&a, &b, buf, (size_t)n);
		pos += (uint64_t)n;
	}
	sem_down(&writer_done);
	KEXPECT_EQ(n, 0);
	KEXPECT_EQ(pos, STREAM_BYTES);
	KEXPECT_EQ(bad, 0);
	KEXPECT_EQ(a ^ (b << 1), writer_sum);
	file_put(rd);
	kfree(buf);
	reap_until(threads);
}

/* ---- FIFOs --------------------------------------------------------------- */

#define FIFO_NAME	"/pipe-test-fifo"
#define RECORDS		64		/* per writer: 4x the pipe */

static struct path root;

/* make_fifo - FIFO_NAME on tmpfs; remove_fifo undoes it. */
static void
make_fifo(void)
{
	vfs_root(&root);
	KEXPECT_EQ(vfs_mknod(&root, FIFO_NAME, S_IFIFO | 0600, 0), 0);
}

static void
remove_fifo(void)
{
	KEXPECT_EQ(vfs_unlink(&root, FIFO_NAME), 0);
	path_put(&root);
}

/* poll_now - what @f is ready for among @events, without waiting. */
static unsigned int
poll_now(struct file *f, unsigned int events)
{
	struct poll_file pf = { .f = f, .events = events };

	poll_files(&pf, 1, 0);
	return pf.revents;
}

KTEST(fifo_open_rules_and_lifetime)
{
	struct file *rd, *wr, *rw;
	struct kstat st;
	char buf[8];

	make_fifo();
	KEXPECT_EQ(vfs_stat(&root, FIFO_NAME, 0, &st), 0);
	KEXPECT(S_ISFIFO(st.mode));
	KEXPECT_EQ(vfs_open(&root, FIFO_NAME, O_WRONLY | O_NONBLOCK, 0, &wr),
		   -ENXIO);				/* nobody reads */
	KEXPECT_EQ(vfs_open(&root, FIFO_NAME, O_RDONLY | O_NONBLOCK, 0, &rd),
		   0);
	KEXPECT_EQ(vfs_read(rd, buf, sizeof(buf)), 0);	/* no writer: EOF */
	KEXPECT_EQ(poll_now(rd, POLLIN), 0);	/* no POLLHUP before a writer */
	KEXPECT_EQ(vfs_open(&root, FIFO_NAME, O_WRONLY | O_NONBLOCK, 0, &wr),
		   0);
	KEXPECT_EQ(vfs_write(wr, "abc", 3), 3);
	KEXPECT_EQ(poll_now(rd, POLLIN), POLLIN);
	KEXPECT_EQ(vfs_read(rd, buf, sizeof(buf)), 3);
	KEXPECT(memcmp(buf, "abc", 3) == 0);
	KEXPECT_EQ(vfs_lseek(rd, 0, SEEK_SET), -ESPIPE);
	file_put(wr);
	KEXPECT_EQ(poll_now(rd, POLLIN), POLLHUP);	/* the writer left */
	file_put(rd);
	/* O_RDWR never waits; bytes left when the last file closes go */
	KEXPECT_EQ(vfs_open(&root, FIFO_NAME, O_RDWR, 0, &rw), 0);
	KEXPECT_EQ(vfs_write(rw, "zz", 2), 2);
	file_put(rw);
	KEXPECT_EQ(vfs_open(&root, FIFO_NAME, O_RDONLY | O_NONBLOCK, 0, &rd),
		   0);
	KEXPECT_EQ(vfs_read(rd, buf, sizeof(buf)), 0);
	file_put(rd);
	remove_fifo();
}

static struct file *opened;
static volatile bool open_returned, read_hi;

/* fifo_reader - a blocking O_RDONLY open, then one read. */
static void
fifo_reader(void *arg)
{
	static char buf[8];
	int err = vfs_open(&root, FIFO_NAME, O_RDONLY, 0, &opened);

	(void)arg;
	open_returned = true;
	read_hi = err == 0 && vfs_read(opened, buf, sizeof(buf)) == 2 &&
		  memcmp(buf, "hi", 2) == 0;
	if (err == 0)
		file_put(opened);
	sem_up(&writer_done);
}

KTEST(fifo_blocking_open_waits_for_a_writer)
{
	unsigned int threads = thread_count();
	struct file *wr;

	make_fifo();
	sem_init(&writer_done, 0);
	open_returned = read_hi = false;
	KEXPECT(thread_create("fifo reader", fifo_reader, NULL) != NULL);
	thread_sleep_ns(20 * MSEC);
	KEXPECT(!open_returned);			/* still waiting */
	KEXPECT_EQ(vfs_open(&root, FIFO_NAME, O_WRONLY, 0, &wr), 0);
	KEXPECT_EQ(vfs_write(wr, "hi", 2), 2);
	sem_down(&writer_done);
	KEXPECT(open_returned);
	KEXPECT(read_hi);
	file_put(wr);
	reap_until(threads);
	remove_fifo();
}

static struct semaphore writer_open;

/* record_writer - RECORDS writes of PIPE_BUF bytes of the letter @arg
 * on a write end of its own. */
static void
record_writer(void *arg)
{
	char *rec = kmalloc(PIPE_BUF);
	struct file *wr;
	int err = vfs_open(&root, FIFO_NAME, O_WRONLY, 0, &wr);

	sem_up(&writer_open);
	if (rec && err == 0) {
		memset(rec, (int)(uintptr_t)arg, PIPE_BUF);
		for (int i = 0; i < RECORDS; i++)
			if (vfs_write(wr, rec, PIPE_BUF) != PIPE_BUF)
				break;
	}
	if (err == 0)
		file_put(wr);
	kfree(rec);
	sem_up(&writer_done);
}

/* read_record - PIPE_BUF bytes (several reads if need be); 0 at EOF. */
static size_t
read_record(struct file *rd, char *rec)
{
	size_t got = 0;
	ssize_t n;

	while (got < PIPE_BUF && (n = vfs_read(rd, rec + got,
					       PIPE_BUF - got)) > 0)
		got += (size_t)n;
	return got;
}

/* Two writers on two descriptions: PIPE_BUF writes never interleave. */
KTEST(fifo_pipe_buf_writes_are_atomic)
{
	unsigned int threads = thread_count(), count[2] = { 0, 0 }, mixed = 0;
	char *rec = kmalloc(PIPE_BUF);
	struct file *rd;
	size_t got;

	KEXPECT(rec != NULL);
	make_fifo();
	sem_init(&writer_done, 0);
	sem_init(&writer_open, 0);
	KEXPECT_EQ(vfs_open(&root, FIFO_NAME, O_RDONLY | O_NONBLOCK, 0, &rd),
		   0);
	rd->flags &= ~O_NONBLOCK;		/* as F_SETFL would */
	KEXPECT(thread_create("writer a", record_writer,
			      (void *)(uintptr_t)'a') != NULL);
	KEXPECT(thread_create("writer b", record_writer,
			      (void *)(uintptr_t)'b') != NULL);
	sem_down(&writer_open);			/* no EOF before they start */
	sem_down(&writer_open);
	while ((got = read_record(rd, rec)) == PIPE_BUF) {
		for (size_t i = 1; i < PIPE_BUF; i++)
			mixed += rec[i] != rec[0];
		if (rec[0] == 'a' || rec[0] == 'b')
			count[rec[0] == 'b']++;
	}
	sem_down(&writer_done);
	sem_down(&writer_done);
	KEXPECT_EQ(got, 0);
	KEXPECT_EQ(mixed, 0);
	KEXPECT_EQ(count[0], RECORDS);
	KEXPECT_EQ(count[1], RECORDS);
	file_put(rd);
	kfree(rec);
	reap_until(threads);
	remove_fifo();
}

/* ---- poll ---------------------------------------------------------------- */

/* late_writer - write one byte after 20 ms. */
static void
late_writer(void *arg)
{
	thread_sleep_ns(20 * MSEC);
	vfs_write(arg, "!", 1);
	sem_up(&writer_done);
}

KTEST(poll_pipe_timeout_and_wakeup)
{
	unsigned int threads = thread_count();
	struct file *rd, *wr;
	struct poll_file pf;
	uint64_t t0;

	KEXPECT_EQ(pipe_create(0, &rd, &wr), 0);
	pf = (struct poll_file){ .f = rd, .events = POLLIN };
	KEXPECT_EQ(poll_files(&pf, 1, 0), 0);		/* deadline passed */
	t0 = time_ns();
	KEXPECT_EQ(poll_files(&pf, 1, t0 + 50 * MSEC), 0);
	KEXPECT(time_ns() - t0 >= 50 * MSEC);		/* timed out */
	KEXPECT(time_ns() - t0 < 2000 * MSEC);
	KEXPECT_EQ(pf.revents, 0);
	sem_init(&writer_done, 0);
	KEXPECT(thread_create("late writer", late_writer, wr) != NULL);
	t0 = time_ns();
	KEXPECT_EQ(poll_files(&pf, 1, t0 + 5000 * MSEC), 1);
	KEXPECT(time_ns() - t0 < 2000 * MSEC);		/* woken early */
	KEXPECT_EQ(pf.revents, POLLIN);
	sem_down(&writer_done);
	reap_until(threads);
	file_put(rd);
	file_put(wr);
}

KTEST(poll_pipe_hup_err_and_space)
{
	struct poll_file pf[2];
	struct file *rd, *wr;
	char *buf = kmalloc(PIPE_SIZE);

	KEXPECT(buf != NULL);
	KEXPECT_EQ(pipe_create(O_NONBLOCK, &rd, &wr), 0);
	pf[0] = (struct poll_file){ .f = rd, .events = POLLIN | POLLOUT };
	pf[1] = (struct poll_file){ .f = wr, .events = POLLIN | POLLOUT };
	KEXPECT_EQ(poll_files(pf, 2, POLL_FOREVER), 1);	/* writable now */
	KEXPECT_EQ(pf[0].revents, 0);
	KEXPECT_EQ(pf[1].revents, POLLOUT);
	KEXPECT_EQ(vfs_write(wr, buf, PIPE_SIZE), PIPE_SIZE);
	KEXPECT_EQ(poll_files(pf, 2, 0), 1);		/* full */
	KEXPECT_EQ(pf[0].revents, POLLIN);
	KEXPECT_EQ(pf[1].revents, 0);
	KEXPECT_EQ(vfs_read(rd, buf, PIPE_BUF - 1), PIPE_BUF - 1);
	KEXPECT_EQ(poll_now(wr, POLLOUT), 0);		/* < PIPE_BUF free */
	KEXPECT_EQ(vfs_read(rd, buf, 1), 1);
	KEXPECT_EQ(poll_now(wr, POLLOUT), POLLOUT);
	file_put(wr);
	KEXPECT_EQ(poll_now(rd, POLLIN), POLLIN | POLLHUP);
	KEXPECT_EQ(vfs_read(rd, buf, PIPE_SIZE), PIPE_SIZE - PIPE_BUF);
	KEXPECT_EQ(poll_now(rd, POLLIN), POLLHUP);	/* asked or not */
	file_put(rd);
	KEXPECT_EQ(pipe_create(0, &rd, &wr), 0);
	file_put(rd);
	KEXPECT_EQ(poll_now(wr, POLLOUT), POLLOUT | POLLERR);
	file_put(wr);
	kfree(buf);
}
