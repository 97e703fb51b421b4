/*
 * drivers/ttydev.c: MINIMAL terminal devices.
 *
 * TEMPORARY: these stand in until the real TTY layer (line discipline,
 * termios, sessions and job control; the interactive-system work)
 * replaces this file.  There is no echo, no line editing and no
 * controlling terminal: a read returns the raw bytes the keyboard and
 * serial drivers queued (drivers/input.h).
 *
 *   device        number      reads from             writes to
 *   /dev/tty      5:0         keyboard or serial     every console
 *   /dev/console  5:1         keyboard or serial     every console
 *   /dev/tty1     4:1         keyboard               every console (*)
 *   /dev/ttyS0    4:64        serial line            every console (*)
 *
 * (*) console_write() has no per-console target yet, so tty1 and ttyS0
 * also write to every selected console, as /dev/console does.
 *
 * A read waits until its source has bytes, then returns what is queued
 * (at most @len); with O_NONBLOCK it returns -EAGAIN instead of waiting.
 * poll reports POLLIN when bytes are queued and POLLOUT always.  poll
 * cannot look at the input ring without taking from it, so one byte per
 * source may be held back in a stash that the next read returns first.
 *
 * Locks: [t] tty_lock, a spinlock: the stash, and reads of the input
 * rings so that stash and ring stay in order.  The input drivers call
 * tty_input_notify() in interrupt context; it only wakes tty_wq.
 */
#include "drivers/console.h"
#include "drivers/devices.h"
#include "drivers/input.h"
#include "fs/chrdev.h"
#include "fs/poll.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/spinlock.h"
#include "kernel/wait.h"

#define TTY_SRC(s)	(1u << (s))
#define TTY_SRC_ANY	(TTY_SRC(INPUT_KEYBOARD) | TTY_SRC(INPUT_SERIAL))

#define TTYAUX_MINOR_TTY	0
#define TTYAUX_MINOR_CONSOLE	1
#define TTY_MINOR_TTY1		1
#define TTY_MINOR_TTYS0		64

static struct spinlock tty_lock = SPINLOCK_INIT("ttydev");
static struct wait_queue tty_wq = WAIT_QUEUE_INIT("ttydev");

static const struct file_ops tty_fops;

static struct {
	bool	 full;			/* [t] */
	char	 byte;			/* [t] */
} stash[INPUT_SOURCES];

/* tty_take - up to @len queued bytes of the sources in @mask. */
static size_t
tty_take(unsigned int mask, char *buf, size_t len)
{
	size_t n = 0;

	spin_lock(&tty_lock);
	for (int s = 0; s < INPUT_SOURCES && n < len; s++) {
		if (!(mask & TTY_SRC(s)))
			continue;
		if (stash[s].full) {
			buf[n++] = stash[s].byte;
			stash[s].full = false;
		}
		n += input_read(s, buf + n, len - n);
	}
	spin_unlock(&tty_lock);
	return n;
}

/* tty_pending - whether a source in @mask has a byte (kept in the stash). */
static bool
tty_pending(unsigned int mask)
{
	bool any = false;

	spin_lock(&tty_lock);
	for (int s = 0; s < INPUT_SOURCES && !any; s++) {
		if (!(mask & TTY_SRC(s)))
			continue;
		if (!stash[s].full)
			stash[s].full = input_read(s, &stash[s].byte, 1) == 1;
		any = stash[s].full;
	}
	spin_unlock(&tty_lock);
	return any;
}

/* tty_input_notify - bytes arrived.  Context: interrupt. */
static void
tty_input_notify(enum input_source src)
{
	(void)src;
	wake_all(&tty_wq);
}

/* tty_read - wait for input unless O_NONBLOCK; see the file comment. */
static ssize_t
tty_read(struct file *f, void *buf, size_t len, uint64_t *pos)
{
	unsigned int mask = (unsigned int)(uintptr_t)f->priv;
	size_t n;

	(void)pos;
	if (len == 0)
		return 0;
	n = tty_take(mask, buf, len);
	if (n > 0)
		return (ssize_t)n;
	if (f->flags & O_NONBLOCK)
		return -EAGAIN;
	wait_event(&tty_wq, (n = tty_take(mask, buf, len)) > 0);
	return (ssize_t)n;
}

static ssize_t
tty_write(struct file *f, const void *buf, size_t len, uint64_t *pos)
{
	(void)f, (void)pos;
	console_write(buf, len);
	return (ssize_t)len;
}

/*
 * tty_poll - readiness now; registers tty_wq, which tty_input_notify()
 * wakes when input arrives.
 */
static unsigned int
tty_poll(struct file *f, struct poll_table *pt)
{
	unsigned int mask = (unsigned int)(uintptr_t)f->priv;

	poll_wait(f, &tty_wq, pt);
	return POLLOUT | POLLWRNORM |
	       (tty_pending(mask) ? POLLIN | POLLRDNORM : 0);
}

/* tty_sources - the input sources of device @rdev, or 0 for none. */
static unsigned int
tty_sources(dev_t_k rdev)
{
	unsigned int minor = MINOR(rdev);

	if (MAJOR(rdev) == TTYAUX_MAJOR) {
		if (minor == TTYAUX_MINOR_TTY || minor == TTYAUX_MINOR_CONSOLE)
			return TTY_SRC_ANY;
		return 0;
	}
	if (minor == TTY_MINOR_TTY1)
		return TTY_SRC(INPUT_KEYBOARD);
	if (minor == TTY_MINOR_TTYS0)
		return TTY_SRC(INPUT_SERIAL);
	return 0;
}

/* tty_open - remember the sources in f->priv; -ENXIO for other minors. */
static int
tty_open(struct inode *ino, struct file *f)
{
	unsigned int mask = tty_sources(ino->rdev);

	if (mask == 0)
		return -ENXIO;
	f->fops = &tty_fops;
	f->priv = (void *)(uintptr_t)mask;
	return 0;
}

static const struct file_ops tty_fops = {
	.open	= tty_open,
	.read	= tty_read,
	.write	= tty_write,
	.poll	= tty_poll,
	/* .llseek NULL: -ESPIPE, as for a terminal */
};

/*
 * ttydev_init - register TTY_MAJOR and TTYAUX_MAJOR and ask the input
 * queue to wake readers.  Panics if a major is taken.  Context: boot.
 */
void
ttydev_init(void)
{
	int err;

	input_set_notify(INPUT_KEYBOARD, tty_input_notify);
	input_set_notify(INPUT_SERIAL, tty_input_notify);
	if ((err = chrdev_register(TTY_MAJOR, "tty", &tty_fops)) < 0 ||
	    (err = chrdev_register(TTYAUX_MAJOR, "ttyaux", &tty_fops)) < 0)
		panic("ttydev_init: chrdev_register: %d", err);
}
