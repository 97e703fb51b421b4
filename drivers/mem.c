/*
 * drivers/mem.c: the memory devices of major MEM_MAJOR, numbered as on
 * Linux: null (3), zero (5), full (7), random (8), urandom (9), kmsg (11).
 *
 * chrdev routes every open of the major to mem_fops.open, which installs
 * the operations of the minor in f->fops; the VFS then calls those.
 *
 *   null     read: end of file; write: swallows everything
 *   zero     read: zeros; write: swallows everything
 *   full     read: zeros; write: -ENOSPC
 *   random,  read: the CSPRNG (drivers/crng.h); both are the same, as on
 *   urandom  Linux since 5.6 once the generator is seeded, which it is
 *            before any file can be opened; write: mixed into its key
 *   kmsg     read: the kernel log ring from the oldest byte it held at
 *            open, onward; 0 at the end (no waiting for new lines);
 *            write: one log line, at LOG_INFO or at the level of a
 *            leading "<0>".."<7>" as on Linux
 *
 * kmsg keeps its absolute log position (log_position() units) in
 * f->priv; the VFS serialises read, write and seek of one file with
 * f->pos_lock.  Bytes the ring dropped since the last read are skipped.
 */
#include "drivers/crng.h"
#include "drivers/devices.h"
#include "fs/chrdev.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/string.h"

#define MEM_MINOR_NULL		3
#define MEM_MINOR_ZERO		5
#define MEM_MINOR_FULL		7
#define MEM_MINOR_RANDOM	8
#define MEM_MINOR_URANDOM	9
#define MEM_MINOR_KMSG		11

#define KMSG_LINE_MAX		400	/* longer writes are cut here */
#define KMSG_READ_TRIES		8	/* racing printk() moved the ring */

/* ---- null, zero, full ---------------------------------------------------- */

static ssize_t
read_eof(struct file *f, void *buf, size_t len, uint64_t *pos)
{
	(void)f, (void)buf, (void)len, (void)pos;
	return 0;
}

static ssize_t
read_zeros(struct file *f, void *buf, size_t len, uint64_t *pos)
{
	(void)f;
	memset(buf, 0, len);
	*pos += len;
	return (ssize_t)len;
}

static ssize_t
write_swallow(struct file *f, const void *buf, size_t len, uint64_t *pos)
{
	(void)f, (void)buf;
	*pos += len;
	return (ssize_t)len;
}

static ssize_t
write_nospace(struct file *f, const void *buf, size_t len, uint64_t *pos)
{
	(void)f, (void)buf, (void)len, (void)pos;
	return -ENOSPC;
}

/* lseek on null, zero and full succeeds and leaves the position 0 (Linux). */
static int64_t
llseek_zero(struct file *f, int64_t off, int whence)
{
	(void)off, (void)whence;
	f->pos = 0;
	return 0;
}

static const struct file_ops null_fops = {
	.read	= read_eof,
	.write	= write_swallow,
	.llseek	= llseek_zero,
};

static const struct file_ops zero_fops = {
	.read	= read_zeros,
	.write	= write_swallow,
	.llseek	= llseek_zero,
};

static const struct file_ops full_fops = {
	.read	= read_zeros,
	.write	= write_nospace,
	.llseek	= llseek_zero,
};

/* ---- random, urandom ----------------------------------------------------- */

static ssize_t
random_read(struct file *f, void *buf, size_t len, uint64_t *pos)
{
	(void)f, (void)pos;
	crng_get_bytes(buf, len);	/* rekeys every CRNG_REKEY_BYTES */
	return (ssize_t)len;
}

static ssize_t
random_write(struct file *f, const void *buf, size_t len, uint64_t *pos)
{
	(void)f, (void)pos;
	crng_mix(buf, len);
	return (ssize_t)len;
}

/* lseek on random and urandom succeeds and changes nothing (Linux). */
static int64_t
llseek_noop(struct file *f, int64_t off, int whence)
{
	(void)off, (void)whence;
	return (int64_t)f->pos;
}

static const struct file_ops random_fops = {
	.read	= random_read,
	.write	= random_write,
	.llseek	= llseek_noop,
	/* .poll NULL: always ready */
};

/* ---- kmsg ---------------------------------------------------------------- */

/* kmsg_oldest - the log position of the oldest byte the ring holds. */
static uint64_t
kmsg_oldest(void)
{
	uint64_t end = log_position();
	size_t held = log_size();

	/* log_size() may have seen a later head: the ring was not full */
	return end >= held ? end - held : 0;
}

/*
 * kmsg_read - log bytes from the file's position on.  A printk() may
 * overwrite the oldest bytes while they are copied: then the oldest
 * position moves, and the copy is redone.  pread (a position other than
 * the file's own, and no f->pos_lock) is -ESPIPE, as on Linux.
 */
static ssize_t
kmsg_read(struct file *f, void *buf, size_t len, uint64_t *pos)
{
	uint64_t at = (uint64_t)(uintptr_t)f->priv;

	if (pos != &f->pos)
		return -ESPIPE;
	for (int tries = 0; tries < KMSG_READ_TRIES; tries++) {
		uint64_t oldest = kmsg_oldest();
		size_t n;

		at = MAX(at, oldest);
		n = log_read(buf, len, (size_t)(at - oldest));
		if (kmsg_oldest() != oldest)
			continue;
		f->priv = (void *)(uintptr_t)(at + n);
		*pos += n;
		return (ssize_t)n;
	}
	return -EAGAIN;
}

/* kmsg_level - the level of a leading "<N>" (and its length), else INFO. */
static int
kmsg_level(const char *s, size_t len, size_t *skip)
{
	*skip = 0;
	if (len < 3 || s[0] != '<' || s[1] < '0' || s[1] > '7' || s[2] != '>')
		return LOG_INFO;
	*skip = 3;
	return s[1] - '0';
}

static ssize_t
kmsg_write(struct file *f, const void *buf, size_t len, uint64_t *pos)
{
	const char *s = buf;
	size_t skip, n;
	int level = kmsg_level(s, len, &skip);

	(void)f, (void)pos;
	n = MIN(len - skip, (size_t)KMSG_LINE_MAX);
	if (n > 0 && s[skip + n - 1] == '\n')
		n--;
	printk(level, "%.*s\n", (int)n, s + skip);
	return (ssize_t)len;
}

/* SEEK_SET 0: back to the oldest byte held; SEEK_END 0: past the newest. */
static int64_t
kmsg_llseek(struct file *f, int64_t off, int whence)
{
	if (whence != SEEK_SET && whence != SEEK_END)
		return -EINVAL;
	if (off != 0)
		return -ESPIPE;
	f->priv = (void *)(uintptr_t)(whence == SEEK_SET ? kmsg_oldest()
							 : log_position());
	f->pos = 0;
	return 0;
}

static const struct file_ops kmsg_fops = {
	.read	= kmsg_read,
	.write	= kmsg_write,
	.llseek	= kmsg_llseek,
};

/* ---- the major ----------------------------------------------------------- */

/* mem_open - install the operations of the minor; -ENXIO for others. */
static int
mem_open(struct inode *ino, struct file *f)
{
	switch (MINOR(ino->rdev)) {
	case MEM_MINOR_NULL:
		f->fops = &null_fops;
		return 0;
	case MEM_MINOR_ZERO:
		f->fops = &zero_fops;
		return 0;
	case MEM_MINOR_FULL:
		f->fops = &full_fops;
		return 0;
	case MEM_MINOR_RANDOM:
	case MEM_MINOR_URANDOM:
		f->fops = &random_fops;
		return 0;
	case MEM_MINOR_KMSG:
		f->fops = &kmsg_fops;
		f->priv = (void *)(uintptr_t)kmsg_oldest();
		return 0;
	default:
		return -ENXIO;
	}
}

static const struct file_ops mem_fops = {
	.open	= mem_open,
};

/*
 * mem_dev_init - register MEM_MAJOR.  Panics if the major is taken (two
 * drivers claiming one number is a build error).  Context: boot, after
 * crng_init().
 */
void
mem_dev_init(void)
{
	int err = chrdev_register(MEM_MAJOR, "mem", &mem_fops);

	if (err < 0)
		panic("mem_dev_init: chrdev_register: %d", err);
}
