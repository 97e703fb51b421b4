/*
 * drivers/vcs.c: /dev/vcs and /dev/vcs1 (major 7), the text on the
 * screen console as Linux's virtual-console memory devices give it: one
 * byte per character cell, row after row, no line ends (rows x cols
 * bytes; the size is TIOCGWINSZ's of /dev/tty1).  Reading it is how a
 * program, or a test over the serial line, sees what the screen shows.
 * Read-only here (Linux lets root write it); no attribute variant
 * (/dev/vcsa).  Basalt has one screen terminal, so vcs and vcs1 are the
 * same.
 */
#include "drivers/console.h"
#include "drivers/devices.h"
#include "fs/chrdev.h"
#include "kernel/errno.h"
#include "kernel/panic.h"


/* vcs_read - from *@pos on; 0 at the end (or with no screen console). */
static ssize_t
vcs_read(struct file *f, void *buf, size_t len, uint64_t *pos)
{
	size_t n;

	(void)f;
	console_hold();
	n = screen_read_chars(buf, (size_t)*pos, len);
	console_release();
	*pos += n;
	return (ssize_t)n;
}

static int
vcs_open(struct inode *ino, struct file *f)
{
	(void)f;
	return MINOR(ino->rdev) <= 1 ? 0 : -ENXIO;
}

static const struct file_ops vcs_fops = {
	.open	= vcs_open,
	.read	= vcs_read,
};

/* vcs_dev_init - register VCS_MAJOR.  Context: boot. */
void
vcs_dev_init(void)
{
	int err = chrdev_register(VCS_MAJOR, "vcs", &vcs_fops);

	if (err < 0)
		panic("vcs_dev_init: chrdev_register: %d", err);
}
