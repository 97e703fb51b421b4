/*
 * kernel/sys_utime.c: setting a file's access and modification times:
 * utimensat (which musl's touch, utimes and futimens use), and the older
 * utimes, futimesat and utime that other static Linux binaries call.
 *
 * Linux's rules: a NULL times pointer means "now" for both; a tv_nsec of
 * UTIME_NOW or UTIME_OMIT sets that time to now or leaves it; any other
 * tv_nsec outside [0, 1e9) is EINVAL.  The change time becomes now when
 * anything is set.  Everyone is root, so there is no EPERM/EACCES.
 */
#include "kernel/errno.h"
#include "kernel/linux_abi.h"
#include "kernel/proc.h"
#include "kernel/sys.h"
#include "kernel/sys_util.h"
#include "kernel/uaccess.h"
#include "mm/kmalloc.h"

#define UTIME_NOW	((1l << 30) - 1l)
#define UTIME_OMIT	((1l << 30) - 2l)
#define NSEC_MAX	999999999l

struct timeval_k {
	int64_t tv_sec, tv_usec;
};

/* set_time - one of the two times from @t into @a (bit @bit of valid);
 * -EINVAL for a bad nanosecond field. */
static int
set_time(struct iattr *a, unsigned int bit, struct timespec_k *dst,
	 struct timespec_k t)
{
	if (t.tv_nsec == UTIME_OMIT)
		return 0;
	if (t.tv_nsec == UTIME_NOW)
		t = vfs_now();
	else if (t.tv_nsec < 0 || t.tv_nsec > NSEC_MAX)
		return -EINVAL;
	*dst = t;
	a->valid |= bit;
	return 0;
}

/* build - the attribute change for @times (NULL: both now). */
static int
build(struct iattr *a, const struct timespec_k *times)
{
	static const struct timespec_k now[2] = {
		{ .tv_nsec = UTIME_NOW }, { .tv_nsec = UTIME_NOW },
	};
	int err;

	if (!times)
		times = now;
	*a = (struct iattr){ 0 };
	if ((err = set_time(a, ATTR_ATIME, &a->atime, times[0])) < 0 ||
	    (err = set_time(a, ATTR_MTIME, &a->mtime, times[1])) < 0)
		return err;
	if (a->valid) {
		a->valid |= ATTR_CTIME;
		a->ctime = vfs_now();
	}
	return 0;
}

/* set_fd - the file of @fd (utimensat with a NULL path, or AT_EMPTY_PATH). */
static long
set_fd(int fd, const struct iattr *a)
{
	struct file *f;
	long err;

	if (fd == AT_FDCWD)
		return -EFAULT;		/* Linux: no file and no name */
	if ((err = get_file_raw(fd, &f)) < 0)
		return err;
	err = a->valid ? vfs_setattr(f->inode, a) : 0;
	file_put(f);
	return err;
}

/* set_path - @name relative to @dirfd; @follow a final symlink. */
static long
set_path(int dirfd, const char *name, bool follow, const struct iattr *a)
{
	struct path base, p;
	long err;

	if ((err = resolve_at(dirfd, name, &base)) < 0)
		return err;
	err = vfs_lookup(&base, name, follow ? LOOKUP_FOLLOW : 0, &p);
	path_put(&base);
	if (err < 0)
		return err;
	err = a->valid ? vfs_setattr(p.inode, a) : 0;
	path_put(&p);
	return err;
}

/* utimes_at - the common part: @times is NULL or two kernel timespecs. */
static long
utimes_at(int dirfd, uaddr_t upath, const struct timespec_k *times,
	  int flags)
{
	struct iattr a;
	char *name;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((err = build(&a, times)) < 0)
		return err;
	if (!upath)
		return set_fd(dirfd, &a);
	if ((err = get_user_path(upath, flags & AT_EMPTY_PATH, &name)) < 0)
		return err;
	err = name[0] ? set_path(dirfd, name, !(flags & AT_SYMLINK_NOFOLLOW),
				 &a)
		      : set_fd(dirfd, &a);
	kfree(name);
	return err;
}

/* sys_utimensat - utimensat(2) and futimens(3). */
long
sys_utimensat(long dirfd, long upath, long utimes, long flags, long a4,
	      long a5)
{
	struct timespec_k t[2];

	(void)a4, (void)a5;
	if (utimes && copy_from_user(t, (uaddr_t)utimes, sizeof(t)) < 0)
		return -EFAULT;
	return utimes_at((int)dirfd, (uaddr_t)upath, utimes ? t : NULL,
			 (int)flags);
}

/* from_timevals - utimes' microseconds as timespecs; -EINVAL if bad. */
static int
from_timevals(uaddr_t utv, struct timespec_k t[2])
{
	struct timeval_k tv[2];

	if (copy_from_user(tv, utv, sizeof(tv)) < 0)
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return -EINVAL;
		t[i] = (struct timespec_k){ .tv_sec = tv[i].tv_sec,
					    .tv_nsec = tv[i].tv_usec * 1000 };
	}
	return 0;
}

/* sys_futimesat - futimesat(2): utimes relative to @dirfd. */
long
sys_futimesat(long dirfd, long upath, long utv, long a3, long a4, long a5)
{
	struct timespec_k t[2];
	int err;

	(void)a3, (void)a4, (void)a5;
	if (!upath)
		return -EFAULT;
	if (utv && (err = from_timevals((uaddr_t)utv, t)) < 0)
		return err;
	return utimes_at((int)dirfd, (uaddr_t)upath, utv ? t : NULL, 0);
}

/* sys_utimes - utimes(2). */
long
sys_utimes(long upath, long utv, long a2, long a3, long a4, long a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return sys_futimesat(AT_FDCWD, upath, utv, 0, 0, 0);
}

/* sys_utime - utime(2): whole seconds (struct utimbuf). */
long
sys_utime(long upath, long ubuf, long a2, long a3, long a4, long a5)
{
	int64_t secs[2] = { 0, 0 };
	struct timespec_k t[2];

	(void)a2, (void)a3, (void)a4, (void)a5;
	if (!upath)
		return -EFAULT;
	if (ubuf && copy_from_user(secs, (uaddr_t)ubuf, sizeof(secs)) < 0)
		return -EFAULT;
	t[0] = (struct timespec_k){ .tv_sec = secs[0] };
	t[1] = (struct timespec_k){ .tv_sec = secs[1] };
	return utimes_at(AT_FDCWD, (uaddr_t)upath, ubuf ? t : NULL, 0);
}
