/*
 * kernel/sys_sync.c: sync, syncfs, fsync, fdatasync.
 *
 * Every filesystem Basalt has lives in memory (tmpfs, devtmpfs, proc):
 * there is no disk to write back to, so once their arguments check out
 * these calls have nothing left to do.  As on Linux, fsync of a file
 * that cannot be synced (a pipe, a terminal, a device) is EINVAL.
 * When a disk filesystem arrives, this is where write-back goes.
 */
#include "kernel/errno.h"
#include "kernel/sys.h"
#include "kernel/sys_util.h"

long
sys_sync(long a0, long a1, long a2, long a3, long a4, long a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return 0;
}

/* syncable - fsync's answer for the file at @fd: 0, -EBADF or -EINVAL. */
static long
syncable(long fd)
{
	struct file *f;
	long err;

	if ((err = get_file((int)fd, &f)) < 0)
		return err;
	err = S_ISREG(f->inode->mode) || S_ISDIR(f->inode->mode) ? 0
								  : -EINVAL;
	file_put(f);
	return err;
}

long
sys_fsync(long fd, long a1, long a2, long a3, long a4, long a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return syncable(fd);
}

long
sys_fdatasync(long fd, long a1, long a2, long a3, long a4, long a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return syncable(fd);
}

/* sys_syncfs - the filesystem of any open file: only EBADF can go wrong. */
long
sys_syncfs(long fd, long a1, long a2, long a3, long a4, long a5)
{
	struct file *f;
	long err;

	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	if ((err = get_file_raw((int)fd, &f)) < 0)
		return err;
	file_put(f);
	return 0;
}
