/*
 * tests/kernel/dev_test.c: the device nodes in /dev and their drivers
 * (drivers/mem.c, drivers/tty.c, drivers/crng.c, fs/devfs.c), opened
 * through the VFS as a process would; and ChaCha20 (kernel/chacha20.c)
 * against RFC 8439 once more, built for the kernel.
 */
#include "drivers/crng.h"
#include "drivers/input.h"
#include "fs/chrdev.h"
#include "fs/vfs.h"
#include "kernel/chacha20.h"
#include "kernel/errno.h"
#include "kernel/ktest.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "kernel/sync.h"
#include "kernel/time.h"

#define KMSG_BUF	(64 * 1024 + 1)	/* more than the log ring holds */

/* dev_open - open /dev/@name with @flags; 0 or the error. */
static int
dev_open(const char *name, int flags, struct file **out)
{
	struct path root;
	int err;

	vfs_root(&root);
	err = vfs_open(&root, name, flags, 0, out);
	path_put(&root);
	return err;
}

/* all_bytes - whether all @len bytes at @p equal @c. */
static bool
all_bytes(const uint8_t *p, size_t len, uint8_t c)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != c)
			return false;
	return true;
}

/* The nodes exist with Linux's types, numbers and permissions. */
KTEST(dev_nodes_have_linux_numbers)
{
	static const struct {
		const char *name;
		unsigned int perm, major, minor;
	} want[] = {
		{ "/dev/null", 0666, 1, 3 },	{ "/dev/zero", 0666, 1, 5 },
		{ "/dev/full", 0666, 1, 7 },	{ "/dev/random", 0666, 1, 8 },
		{ "/dev/urandom", 0666, 1, 9 },	{ "/dev/kmsg", 0644, 1, 11 },
		{ "/dev/tty", 0666, 5, 0 },	{ "/dev/console", 0600, 5, 1 },
		{ "/dev/tty1", 0620, 4, 1 },	{ "/dev/ttyS0", 0660, 4, 64 },
		{ "/dev/vcs", 0620, 7, 0 },	{ "/dev/vcs1", 0620, 7, 1 },
	};
	struct path root;
	struct kstat st;

	vfs_root(&root);
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		KEXPECT_EQ(vfs_stat(&root, want[i].name, 0, &st), 0);
		KEXPECT(S_ISCHR(st.mode));
		KEXPECT_EQ(st.mode & 07777, want[i].perm);
		KEXPECT_EQ(st.rdev, MKDEV(want[i].major, want[i].minor));
	}
	path_put(&root);
}

KTEST(dev_null_reads_eof_and_swallows_writes)
{
	char buf[16] = "unchanged";
	struct file *f;

	KEXPECT_EQ(dev_open("/dev/null", O_RDWR, &f), 0);
	KEXPECT_EQ(vfs_read(f, buf, sizeof(buf)), 0);
	KEXPECT_STREQ(buf, "unchanged");
	KEXPECT_EQ(vfs_write(f, buf, sizeof(buf)), sizeof(buf));
	KEXPECT_EQ(vfs_lseek(f, 100, SEEK_SET), 0);
	file_put(f);
}

KTEST(dev_zero_reads_zeros)
{
	uint8_t buf[300];
	struct file *f;

	memset(buf, 0xaa, sizeof(buf));
	KEXPECT_EQ(dev_open("/dev/zero", O_RDWR, &f), 0);
	KEXPECT_EQ(vfs_read(f, buf, sizeof(buf)), sizeof(buf));
	KEXPECT(all_bytes(buf, sizeof(buf), 0));
	KEXPECT_EQ(vfs_write(f, buf, 7), 7);
	file_put(f);
}

KTEST(dev_full_write_is_enospc)
{
	uint8_t buf[64];
	struct file *f;

	memset(buf, 0xaa, sizeof(buf));
	KEXPECT_EQ(dev_open("/dev/full", O_RDWR, &f), 0);
	KEXPECT_EQ(vfs_write(f, "x", 1), -ENOSPC);
	KEXPECT_EQ(vfs_read(f, buf, sizeof(buf)), sizeof(buf));
	KEXPECT(all_bytes(buf, sizeof(buf), 0));
	file_put(f);
}

/* Two reads differ, and neither is constant; writes are accepted. */
KTEST(dev_urandom_reads_differ)
{
	uint8_t a[64], b[64];
	struct file *f;

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	KEXPECT_EQ(dev_open("/dev/urandom", O_RDWR, &f), 0);
	KEXPECT_EQ(vfs_read(f, a, sizeof(a)), sizeof(a));
	KEXPECT_EQ(vfs_read(f, b, sizeof(b)), sizeof(b));
	KEXPECT(memcmp(a, b, sizeof(a)) != 0);
	KEXPECT(!all_bytes(a, sizeof(a), a[0]));
	KEXPECT(!all_bytes(b, sizeof(b), b[0]));
	KEXPECT_EQ(vfs_write(f, "entropy?", 8), 8);
	file_put(f);
	KEXPECT_EQ(dev_open("/dev/random", O_RDONLY, &f), 0);
	KEXPECT_EQ(vfs_read(f, a, sizeof(a)), sizeof(a));
	KEXPECT(memcmp(a, b, sizeof(a)) != 0);
	file_put(f);
}

/* A long request crosses rekeys; every 64-byte block of it is distinct. */
KTEST(crng_long_request_and_mix)
{
	static uint8_t buf[4 * CRNG_REKEY_BYTES + 17];
	size_t blocks = sizeof(buf) / 64;

	KEXPECT(crng_ready());
	memset(buf, 0, sizeof(buf));
	crng_get_bytes(buf, sizeof(buf));
	for (size_t i = 0; i < blocks; i++)
		for (size_t j = i + 1; j < blocks; j++)
			KEXPECT(memcmp(buf + 64 * i, buf + 64 * j, 64) != 0);
	KEXPECT(!all_bytes(buf + sizeof(buf) - 17, 17, 0));
	crng_mix(buf, sizeof(buf));
	crng_get_bytes(buf + 1, 0);		/* zero bytes: a no-op */
}

/* kmsg_slurp - read @f to its end into @buf (NUL-terminated). */
static ssize_t
kmsg_slurp(struct file *f, char *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len - 1 && (n = vfs_read(f, buf + got, len - 1 - got)) > 0)
		got += (size_t)n;
	buf[got] = '\0';
	return (ssize_t)got;
}

/* kmsg: a fresh open reads the log from its start; writes become lines. */
KTEST(dev_kmsg_reads_log_and_logs_writes)
{
	static char buf[KMSG_BUF];
	static const char line[] = "<6>dev_test: written to /dev/kmsg\n";
	struct file *f;

	pr_info("dev_test: kmsg marker %lu\n", (unsigned long)time_ns());
	KEXPECT_EQ(dev_open("/dev/kmsg", O_RDWR, &f), 0);
	KEXPECT(kmsg_slurp(f, buf, sizeof(buf)) > 0);
	KEXPECT(strstr(buf, "dev_test: kmsg marker") != NULL);
	KEXPECT_EQ(vfs_read(f, buf, 16), 0);		/* at the end */
	KEXPECT_EQ(vfs_write(f, line, sizeof(line) - 1), sizeof(line) - 1);
	KEXPECT(kmsg_slurp(f, buf, sizeof(buf)) > 0);	/* only what is new */
	KEXPECT(strstr(buf, "dev_test: written to /dev/kmsg\n") != NULL);
	KEXPECT(strstr(buf, "<6>") == NULL);
	KEXPECT(strstr(buf, "kmsg marker") == NULL);
	KEXPECT_EQ(vfs_lseek(f, 0, SEEK_SET), 0);	/* back to the start */
	KEXPECT(kmsg_slurp(f, buf, sizeof(buf)) > 0);
	KEXPECT(strstr(buf, "kmsg marker") != NULL);
	KEXPECT_EQ(vfs_lseek(f, 0, SEEK_END), 0);
	KEXPECT_EQ(vfs_read(f, buf, 16), 0);
	KEXPECT_EQ(vfs_lseek(f, 5, SEEK_SET), -ESPIPE);
	KEXPECT_EQ(vfs_pread(f, buf, 16, 0), -ESPIPE);
	file_put(f);
}

/* A minor the driver does not know: open fails with -ENXIO. */
KTEST(dev_unknown_minor_is_enxio)
{
	struct path root;
	struct file *f;

	vfs_root(&root);
	KEXPECT_EQ(vfs_mknod(&root, "/dev-test-mem2", S_IFCHR | 0600,
			     MKDEV(MEM_MAJOR, 2)), 0);
	KEXPECT_EQ(vfs_open(&root, "/dev-test-mem2", O_RDONLY, 0, &f), -ENXIO);
	KEXPECT_EQ(vfs_mknod(&root, "/dev-test-tty2", S_IFCHR | 0600,
			     MKDEV(TTY_MAJOR, 2)), 0);
	KEXPECT_EQ(vfs_open(&root, "/dev-test-tty2", O_RDONLY, 0, &f), -ENXIO);
	KEXPECT_EQ(vfs_unlink(&root, "/dev-test-mem2"), 0);
	KEXPECT_EQ(vfs_unlink(&root, "/dev-test-tty2"), 0);
	path_put(&root);
}

#define TCFLSH		0x540b
#define TCIFLUSH	0

/* tty_drain - throw away what the serial line has typed so far. */
static void
tty_drain(struct file *f)
{
	KEXPECT_EQ(vfs_ioctl(f, TCFLSH, TCIFLUSH), 0);
}

/* wait_readable - until the terminals' input thread has handled what was
 * pushed: a condition, bounded so that a broken thread fails the test. */
static bool
wait_readable(struct file *f)
{
	for (int i = 0; i < 100000; i++) {
		if (f->fops->poll(f, NULL) & POLLIN)
			return true;
		thread_yield();
	}
	return false;
}

/* ttyS0 in canonical mode: -EAGAIN until a whole line is typed, then the
 * line with its newline (ICRNL: the Enter key sends CR). */
KTEST(dev_ttyS0_nonblocking_read_and_poll)
{
	char buf[16];
	struct file *f;

	KEXPECT_EQ(dev_open("/dev/ttyS0", O_RDWR | O_NONBLOCK, &f), 0);
	tty_drain(f);
	KEXPECT_EQ(vfs_read(f, buf, sizeof(buf)), -EAGAIN);
	KEXPECT_EQ(f->fops->poll(f, NULL), POLLOUT | POLLWRNORM);
	KEXPECT_EQ(input_push(INPUT_SERIAL, "ab\r", 3), 3);
	KEXPECT(wait_readable(f));
	KEXPECT_EQ(f->fops->poll(f, NULL),
		   POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM);
	KEXPECT_EQ(vfs_read(f, buf, sizeof(buf)), 3);
	KEXPECT(memcmp(buf, "ab\n", 3) == 0);
	KEXPECT_EQ(vfs_read(f, buf, sizeof(buf)), -EAGAIN);
	KEXPECT_EQ(vfs_write(f, "dev_test: ttyS0 write\n", 22), 22);
	file_put(f);
}

static struct semaphore reader_done;
static char reader_buf[16];
static ssize_t reader_len;

/* blocking_reader - one blocking read of /dev/console. */
static void
blocking_reader(void *arg)
{
	struct file *f;
	int err;

	(void)arg;
	if ((err = dev_open("/dev/console", O_RDONLY, &f)) < 0) {
		reader_len = err;
	} else {
		reader_len = vfs_read(f, reader_buf, sizeof(reader_buf));
		file_put(f);
	}
	sem_up(&reader_done);
}

/* A blocking read sleeps until input arrives, then returns it. */
KTEST(dev_console_read_blocks_until_input)
{
	unsigned int threads = thread_count();
	struct file *f;

	KEXPECT_EQ(dev_open("/dev/console", O_RDONLY | O_NONBLOCK, &f), 0);
	tty_drain(f);
	file_put(f);
	sem_init(&reader_done, 0);
	reader_len = -1;
	KEXPECT(thread_create("tty reader", blocking_reader, NULL) != NULL);
	thread_sleep_ns(20 * 1000 * 1000);
	KEXPECT_EQ(reader_len, -1);			/* still waiting */
	KEXPECT_EQ(input_push(INPUT_SERIAL, "hi\r", 3), 3);
	sem_down(&reader_done);
	KEXPECT_EQ(reader_len, 3);
	KEXPECT(memcmp(reader_buf, "hi\n", 3) == 0);
	/* reap the reader: the runner's leak check wants its stack back */
	while (thread_count() > threads) {
		thread_yield();
		thread_reap();
	}
}

/* RFC 8439 2.3.2 and A.1 #1, built with the kernel's flags. */
KTEST(chacha20_rfc8439_block_in_kernel)
{
	static const uint8_t nonce232[CHACHA20_NONCE_SIZE] = {
		0, 0, 0, 0x09, 0, 0, 0, 0x4a, 0, 0, 0, 0,
	};
	static const uint8_t expect232[16] = {
		0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15,
		0x50, 0x0f, 0xdd, 0x1f, 0xa3, 0x20, 0x71, 0xc4,
	};
	static const uint8_t tail232[8] = {
		0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e,
	};
	static const uint8_t expect_a1[8] = {
		0x76, 0xb8, 0xe0, 0xad, 0xa0, 0xf1, 0x3d, 0x90,
	};
	uint8_t key[CHACHA20_KEY_SIZE], zero[CHACHA20_NONCE_SIZE] = {0};
	uint8_t out[CHACHA20_BLOCK_SIZE];

	for (int i = 0; i < CHACHA20_KEY_SIZE; i++)
		key[i] = (uint8_t)i;
	chacha20_block(key, 1, nonce232, out);
	KEXPECT(memcmp(out, expect232, sizeof(expect232)) == 0);
	KEXPECT(memcmp(out + 56, tail232, sizeof(tail232)) == 0);
	memset(key, 0, sizeof(key));
	chacha20_block(key, 0, zero, out);
	KEXPECT(memcmp(out, expect_a1, sizeof(expect_a1)) == 0);
}
