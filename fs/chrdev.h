/*
 * fs/chrdev.h: character devices (fs/chrdev.c).
 *
 * A driver registers its file operations for a major number; opening a
 * character-device inode finds them through the inode's rdev, and the
 * driver's open op reads the minor from it.  Device numbers use Linux's
 * encoding (what stat's st_rdev shows and mknod takes).
 */
#pragma once
#include "fs/vfs.h"

#define MAJOR(dev)	((unsigned int)((((dev) >> 32) & 0xfffff000) | \
					(((dev) >> 8) & 0xfff)))
#define MINOR(dev)	((unsigned int)((((dev) >> 12) & 0xffffff00) | \
					((dev) & 0xff)))
#define MKDEV(ma, mi)	((((dev_t_k)(ma) & 0xfffff000) << 32) |  \
			 (((dev_t_k)(ma) & 0xfff) << 8) |       \
			 (((dev_t_k)(mi) & 0xffffff00) << 12) | \
			 ((dev_t_k)(mi) & 0xff))

/* Majors as Linux numbers them. */
#define MEM_MAJOR	1	/* null 3, zero 5, full 7, random 8, urandom 9, kmsg 11 */
#define TTY_MAJOR	4	/* tty1.. minor 1.., ttyS0 minor 64 */
#define TTYAUX_MAJOR	5	/* tty 0, console 1 */
#define VCS_MAJOR	7	/* vcs 0, vcs1 1: the screen text */

#define CHRDEV_MAX	256

/*
 * chrdev_register - route opens of major @major to @fops.  Returns 0,
 * -EBUSY when taken, -EINVAL for a bad major.  Context: boot.
 */
int	chrdev_register(unsigned int major, const char *name,
			const struct file_ops *fops);

/* chrdev_fops - the operations for @dev, or NULL (open fails with -ENXIO). */
const struct file_ops *chrdev_fops(dev_t_k dev);

/* chrdev_name - the registered name of @major, or NULL. */
const char *chrdev_name(unsigned int major);
