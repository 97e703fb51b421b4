/*
 * kernel/sys_file.c: the open-file family: read, write, readv, writev,
 * pread64, pwrite64, preadv, pwritev, lseek, ioctl, getdents64, fstat,
 * open, openat, creat, close, dup, dup2, dup3, fcntl.
 *
 * The VFS takes kernel buffers, so user data goes through a bounce buffer
 * of at most IO_CHUNK bytes, allocated once per call, one VFS call per
 * chunk.  A transfer stops at the first short chunk: a pipe or terminal
 * returns what it has rather than wait for the rest.  Errors come in the
 * order Linux checks them (descriptor, access mode, user range, the VFS).
 */
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/linux_abi.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/sys.h"
#include "kernel/sys_util.h"
#include "kernel/uaccess.h"
#include "mm/kmalloc.h"

/* F_SETFL may change only these (Linux's SETFL_MASK). */
#define SETFL_MASK                                                             \
	(O_APPEND | O_NONBLOCK | O_ASYNC_ABI | O_DIRECT_ABI | O_NOATIME_ABI)
/* With O_PATH, open(2) keeps only these. */
#define O_PATH_FLAGS (O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC)

/* ---- read and write ------------------------------------------------------ */

/* One transfer between user memory and a file, through the bounce buffer. */
struct xfer {
	struct file *f;
	char *buf;
	size_t cap; /* bytes in buf */
	bool write;
	bool at_pos; /* pread/pwrite: at pos, not f->pos */
	uint64_t pos;
};

/* may_rw - whether @f was opened for reading (or @write, writing). */
static bool
may_rw(const struct file *f, bool write)
{
	unsigned int acc = f->flags & O_ACCMODE;

	if (f->flags & O_PATH)
		return false;
	return write ? acc != O_RDONLY : acc != O_WRONLY;
}

/* seekable - pipes and sockets have no positions (ESPIPE). */
static bool
seekable(const struct file *f)
{
	return !S_ISFIFO(f->inode->mode) &&
	       (f->inode->mode & S_IFMT) != S_IFSOCK;
}

/* xfer_begin - a bounce buffer for a transfer of @len bytes; -ENOMEM. */
static int
xfer_begin(struct xfer *x, struct file *f, size_t len, bool write,
	   const uint64_t *pos)
{
	x->f = f;
	x->write = write;
	x->at_pos = pos != NULL;
	x->pos = pos ? *pos : 0;
	x->cap = MAX(MIN(len, (size_t)IO_CHUNK), (size_t)1);
	x->buf = kmalloc(x->cap);
	return x->buf ? 0 : -ENOMEM;
}

/*
 * unread - give back @n bytes read from a regular file that could not be
 * copied out, so a faulting read leaves the offset where it was (as
 * Linux's does).  From a pipe or terminal they are lost.
 */
static void
unread(struct xfer *x, ssize_t n)
{
	if (!x->at_pos && S_ISREG(x->f->inode->mode))
		vfs_lseek(x->f, -(int64_t)n, SEEK_CUR);
}

/* xfer_chunk - one VFS call on @len <= x->cap bytes at @u.  Returns the
 * bytes moved or -errno. */
static ssize_t
xfer_chunk(struct xfer *x, uaddr_t u, size_t len)
{
	ssize_t n;

	if (x->write && copy_from_user(x->buf, u, len) < 0)
		return -EFAULT;
	if (x->write)
		n = x->at_pos ? vfs_pwrite(x->f, x->buf, len, x->pos)
			      : vfs_write(x->f, x->buf, len);
	else
		n = x->at_pos ? vfs_pread(x->f, x->buf, len, x->pos)
			      : vfs_read(x->f, x->buf, len);
	if (n > 0 && !x->write && copy_to_user(u, x->buf, (size_t)n) < 0) {
		unread(x, n);
		return -EFAULT;
	}
	if (n > 0)
		x->pos += (uint64_t)n;
	return n;
}

/*
 * xfer_user - move @len bytes at @u chunk by chunk (one VFS call even for
 * 0 bytes, which still reports EISDIR and the like).  Returns the bytes
 * moved; an error only when nothing moved.
 */
static ssize_t
xfer_user(struct xfer *x, uaddr_t u, size_t len)
{
	size_t done = 0, want;
	ssize_t n;

	do {
		want = MIN(len - done, x->cap);
		if ((n = xfer_chunk(x, u + done, want)) < 0)
			return done ? (ssize_t)done : n;
		done += (size_t)n;
	} while ((size_t)n == want && done < len);
	return (ssize_t)done;
}

/* do_rw - read(2)/write(2), or pread64/pwrite64 at *@pos when @pos. */
static long
do_rw(int fd, uaddr_t ubuf, size_t len, bool write, const uint64_t *pos)
{
	struct file *f;
	struct xfer x;
	long n;

	if ((n = get_file(fd, &f)) < 0)
		return n;
	if (pos && !seekable(f))
		n = -ESPIPE;
	else if (!may_rw(f, write))
		n = -EBADF;
	else if (!user_range_ok(ubuf, len))
		n = -EFAULT;
	else if ((n = xfer_begin(&x, f, len, write, pos)) == 0) {
		n = xfer_user(&x, ubuf, MIN(len, MAX_RW_COUNT));
		kfree(x.buf);
	}
	file_put(f);
	return n;
}

/* sys_read - read(2): bytes read (0 at end of file) or -errno. */
long
sys_read(long fd, long ubuf, long len, long a3, long a4, long a5)
{
	(void)a3, (void)a4, (void)a5;
	return do_rw((int)fd, (uaddr_t)ubuf, (size_t)len, false, NULL);
}

/* sys_write - write(2): bytes written or -errno. */
long
sys_write(long fd, long ubuf, long len, long a3, long a4, long a5)
{
	(void)a3, (void)a4, (void)a5;
	return do_rw((int)fd, (uaddr_t)ubuf, (size_t)len, true, NULL);
}

/* sys_pread64 - pread64(2): as read at @pos, the offset unmoved. */
long
sys_pread64(long fd, long ubuf, long len, long pos, long a4, long a5)
{
	uint64_t p = (uint64_t)pos;

	(void)a4, (void)a5;
	if (pos < 0)
		return -EINVAL;
	return do_rw((int)fd, (uaddr_t)ubuf, (size_t)len, false, &p);
}

/* sys_pwrite64 - pwrite64(2): as write at @pos (but O_APPEND appends). */
long
sys_pwrite64(long fd, long ubuf, long len, long pos, long a4, long a5)
{
	uint64_t p = (uint64_t)pos;

	(void)a4, (void)a5;
	if (pos < 0)
		return -EINVAL;
	return do_rw((int)fd, (uaddr_t)ubuf, (size_t)len, true, &p);
}

/* ---- vectored I/O -------------------------------------------------------- */

/*
 * import_iovec - copy in @vlen iovecs (*@out, kfree it; NULL when none)
 * and check them as Linux does: -EINVAL for too many or a negative
 * length, -EFAULT for an unreadable array or a non-user range.  Lengths
 * are cut so that the total (*@total) stays within MAX_RW_COUNT.
 */
static int
import_iovec(uaddr_t uiov, unsigned long vlen, struct linux_iovec **out,
	     size_t *total)
{
	struct linux_iovec *iov;
	unsigned long i;

	*out = NULL;
	*total = 0;
	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	if (vlen == 0)
		return 0;
	if (!(iov = kmalloc(vlen * sizeof(*iov))))
		return -ENOMEM;
	if (copy_from_user(iov, uiov, vlen * sizeof(*iov)) < 0)
		goto fail;
	for (i = 0; i < vlen && (int64_t)iov[i].len >= 0; i++)
		;
	if (i < vlen) {
		kfree(iov);
		return -EINVAL;
	}
	for (i = 0; i < vlen; i++) {
		if (!user_range_ok(iov[i].base, iov[i].len))
			goto fail;
		iov[i].len = MIN(iov[i].len, MAX_RW_COUNT - *total);
		*total += iov[i].len;
	}
	*out = iov;
	return 0;
fail:
	kfree(iov);
	return -EFAULT;
}

/* xfer_iovec - move the bytes of @vlen iovecs in order, stopping at the
 * first short segment.  Returns the total, or -errno if none moved. */
static long
xfer_iovec(struct xfer *x, const struct linux_iovec *iov, unsigned long vlen)
{
	size_t done = 0;
	ssize_t n;

	for (unsigned long i = 0; i < vlen; i++) {
		if (iov[i].len == 0)
			continue;
		if ((n = xfer_user(x, iov[i].base, iov[i].len)) < 0)
			return done ? (long)done : n;
		done += (size_t)n;
		if ((size_t)n < iov[i].len)
			break;
	}
	return (long)done;
}

/* do_rwv - readv/writev, or preadv/pwritev at *@pos when @pos. */
static long
do_rwv(int fd, uaddr_t uiov, unsigned long vlen, bool write,
       const uint64_t *pos)
{
	struct linux_iovec *iov;
	struct file *f;
	struct xfer x;
	size_t total;
	long n;

	if ((n = get_file(fd, &f)) < 0)
		return n;
	if (pos && !seekable(f))
		n = -ESPIPE;
	else if ((n = import_iovec(uiov, vlen, &iov, &total)) == 0) {
		if (!may_rw(f, write))
			n = -EBADF;
		else if (total > 0 &&
			 (n = xfer_begin(&x, f, total, write, pos)) == 0) {
			n = xfer_iovec(&x, iov, vlen);
			kfree(x.buf);
		}
		kfree(iov);
	}
	file_put(f);
	return n;
}

/* sys_readv - readv(2): bytes read into the iovecs in order, or -errno. */
long
sys_readv(long fd, long uiov, long vlen, long a3, long a4, long a5)
{
	(void)a3, (void)a4, (void)a5;
	return do_rwv((int)fd, (uaddr_t)uiov, (unsigned long)vlen, false, NULL);
}

/* sys_writev - writev(2): bytes written from the iovecs, or -errno. */
long
sys_writev(long fd, long uiov, long vlen, long a3, long a4, long a5)
{
	(void)a3, (void)a4, (void)a5;
	return do_rwv((int)fd, (uaddr_t)uiov, (unsigned long)vlen, true, NULL);
}

/* sys_preadv - preadv(2); on 64-bit the offset is all in pos_l. */
long
sys_preadv(long fd, long uiov, long vlen, long pos_l, long pos_h, long a5)
{
	uint64_t p = (uint64_t)pos_l;

	(void)pos_h, (void)a5;
	if (pos_l < 0)
		return -EINVAL;
	return do_rwv((int)fd, (uaddr_t)uiov, (unsigned long)vlen, false, &p);
}

/* sys_pwritev - pwritev(2); on 64-bit the offset is all in pos_l. */
long
sys_pwritev(long fd, long uiov, long vlen, long pos_l, long pos_h, long a5)
{
	uint64_t p = (uint64_t)pos_l;

	(void)pos_h, (void)a5;
	if (pos_l < 0)
		return -EINVAL;
	return do_rwv((int)fd, (uaddr_t)uiov, (unsigned long)vlen, true, &p);
}

/* ---- position, control, status ------------------------------------------- */

/* sys_lseek - lseek(2): the new offset, or -EINVAL, -ESPIPE, -EBADF. */
long
sys_lseek(long fd, long off, long whence, long a3, long a4, long a5)
{
	struct file *f;
	long r;

	(void)a3, (void)a4, (void)a5;
	if ((r = get_file((int)fd, &f)) < 0)
		return r;
	if ((unsigned int)whence > SEEK_MAX)
		r = -EINVAL;
	else
		r = vfs_lseek(f, off, (int)whence);
	file_put(f);
	return r;
}

/* put_user_int - store @v at @u; 0 or -EFAULT. */
static int
put_user_int(uaddr_t u, int v)
{
	return copy_to_user(u, &v, sizeof(v));
}

/* set_status_flags - replace the F_SETFL-changeable flags of @f. */
static void
set_status_flags(struct file *f, unsigned int flags)
{
	mutex_lock(&f->inode->lock);
	f->flags = (f->flags & ~SETFL_MASK) | (flags & SETFL_MASK);
	mutex_unlock(&f->inode->lock);
}

/*
 * generic_ioctl - the ioctls Linux answers for every file before asking
 * the driver (fs/ioctl.c do_vfs_ioctl).  Returns 1 when @cmd is not one.
 */
static long
generic_ioctl(int fd, struct file *f, unsigned int cmd, uaddr_t arg)
{
	int on;

	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		return fd_set_cloexec(current_fdt(), fd, cmd == FIOCLEX);
	case FIONBIO:
		if (copy_from_user(&on, arg, sizeof(on)) < 0)
			return -EFAULT;
		set_status_flags(f, on ? (f->flags | O_NONBLOCK)
				       : (f->flags & ~O_NONBLOCK));
		return 0;
	case FIONREAD:
		if (!S_ISREG(f->inode->mode))
			return 1;
		return put_user_int(arg, (int)(f->inode->size - f->pos));
	default:
		return 1;
	}
}

/* sys_ioctl - ioctl(2): the driver's answer, -ENOTTY when it has none. */
long
sys_ioctl(long fd, long cmd, long arg, long a3, long a4, long a5)
{
	struct file *f;
	long r;

	(void)a3, (void)a4, (void)a5;
	if ((r = get_file((int)fd, &f)) < 0)
		return r;
	r = generic_ioctl((int)fd, f, (unsigned int)cmd, (uaddr_t)arg);
	if (r == 1)
		r = vfs_ioctl(f, (unsigned int)cmd, (unsigned long)arg);
	file_put(f);
	return r;
}

/* sys_fstat - fstat(2): 0 or -EBADF, -EFAULT.  O_PATH descriptors too. */
long
sys_fstat(long fd, long ustat, long a2, long a3, long a4, long a5)
{
	struct kstat st;
	struct file *f;
	long err;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if ((err = get_file_raw((int)fd, &f)) < 0)
		return err;
	if ((err = vfs_fstat(f, &st)) == 0)
		err = put_user_kstat((uaddr_t)ustat, &st);
	file_put(f);
	return err;
}

/* ---- getdents64 ---------------------------------------------------------- */

/* The records getdents64 has gathered so far in its bounce buffer. */
struct dents {
	struct file *f;
	char *buf;
	size_t cap, used;
	struct linux_dirent64 *last; /* its d_off is the next cookie */
	uint64_t start;		     /* cookie of the first entry */
	bool full;
};

/*
 * fill_dirent64 - readdir callback: append one record, or stop when it
 * does not fit.  The readdir contract (fs/vfs.h) advances f->dir_pos past
 * an entry only after @fill accepted it, so on entry it is the cookie of
 * this entry: the d_off of the one before.  Context: f->pos_lock and
 * vfs_ns_lock held by vfs_readdir; must not touch user memory.
 */
static int
fill_dirent64(void *ctx, const char *name, size_t len, uint64_t ino,
	      unsigned int d_type)
{
	struct dents *d = ctx;
	size_t head = __builtin_offsetof(struct linux_dirent64, d_name);
	size_t reclen = ALIGN_UP(head + len + 1, (size_t)8);
	struct linux_dirent64 *e;

	if (d->last)
		d->last->d_off = (int64_t)d->f->dir_pos;
	else
		d->start = d->f->dir_pos;
	if (reclen > d->cap - d->used) {
		d->full = true;
		return 1;
	}
	e = (struct linux_dirent64 *)(d->buf + d->used);
	memset(e, 0, reclen); /* no heap bytes leak out */
	e->d_ino = ino;
	e->d_reclen = (uint16_t)reclen;
	e->d_type = (uint8_t)d_type;
	memcpy(e->d_name, name, len);
	d->last = e;
	d->used += reclen;
	return 0;
}

/* copy_dents - hand the records to the user; on a fault rewind the
 * directory so that no entry is lost.  Returns the bytes or -errno. */
static long
copy_dents(struct dents *d, uaddr_t ubuf, int err)
{
	if (d->used == 0)
		return err < 0 ? err : d->full ? -EINVAL : 0;
	if (!d->full) /* at the end: what follows the last */
		d->last->d_off = (int64_t)__atomic_load_n(&d->f->dir_pos,
							  __ATOMIC_RELAXED);
	if (copy_to_user(ubuf, d->buf, d->used) < 0) {
		vfs_lseek(d->f, (int64_t)d->start, SEEK_SET);
		return -EFAULT;
	}
	return (long)d->used;
}

/*
 * sys_getdents64 - getdents64(2): linux_dirent64 records from the
 * directory position on; bytes stored, 0 at the end, -EINVAL when the
 * buffer cannot hold the first one, -ENOTDIR, -EBADF, -EFAULT.
 */
long
sys_getdents64(long fd, long ubuf, long count, long a3, long a4, long a5)
{
	struct dents d = {0};
	long err;

	(void)a3, (void)a4, (void)a5;
	if ((err = get_file((int)fd, &d.f)) < 0)
		return err;
	d.cap = MIN((size_t)(unsigned int)count, (size_t)IO_CHUNK);
	if (!(d.buf = kmalloc(MAX(d.cap, (size_t)1)))) {
		file_put(d.f);
		return -ENOMEM;
	}
	err = vfs_readdir(d.f, fill_dirent64, &d);
	err = copy_dents(&d, (uaddr_t)ubuf, (int)err);
	kfree(d.buf);
	file_put(d.f);
	return err;
}

/* ---- open and close ------------------------------------------------------ */

/* open_flags - @flags as open(2) takes them: -EINVAL, -EOPNOTSUPP. */
static int
open_flags(int *flags)
{
	if (*flags & O_PATH)
		*flags &= O_PATH_FLAGS; /* the rest is ignored */
	if ((*flags & O_TMPFILE_ABI))
		return -EOPNOTSUPP; /* FIXME: unnamed files */
	if ((*flags & (O_DIRECTORY | O_CREAT)) == (O_DIRECTORY | O_CREAT))
		return -EINVAL; /* Linux >= 6.4 */
	return 0;
}

/*
 * sys_openat - openat(2): the lowest free descriptor on @upath (relative
 * to @dirfd), created with @mode & ~umask for O_CREAT.  Returns it or
 * -errno.
 */
long
sys_openat(long dirfd, long upath, long flags, long mode, long a4, long a5)
{
	int fl = (int)flags;
	struct path base;
	struct file *f;
	char *name;
	long err;

	(void)a4, (void)a5;
	if ((err = open_flags(&fl)) < 0)
		return err;
	if ((err = get_at((int)dirfd, (uaddr_t)upath, &base, &name)) < 0)
		return err;
	err = vfs_open(&base, name, fl,
		       (mode_t_k)mode & 07777 & ~current_proc()->umask, &f);
	put_at(&base, name);
	if (err == 0 &&
	    (err = fd_install(current_fdt(), f, 0, fl & O_CLOEXEC)) < 0)
		file_put(f);
	return err;
}

/* sys_open - open(2): openat relative to the working directory. */
long
sys_open(long upath, long flags, long mode, long a3, long a4, long a5)
{
	(void)a3, (void)a4, (void)a5;
	return sys_openat(AT_FDCWD, upath, flags, mode, 0, 0);
}

/* sys_creat - creat(2): open(O_CREAT | O_WRONLY | O_TRUNC). */
long
sys_creat(long upath, long mode, long a2, long a3, long a4, long a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return sys_openat(AT_FDCWD, upath, O_CREAT | O_WRONLY | O_TRUNC, mode,
			  0, 0);
}

/* sys_close - close(2): 0 or -EBADF. */
long
sys_close(long fd, long a1, long a2, long a3, long a4, long a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return fd_close(current_fdt(), (int)fd);
}

/* ---- duplicates and fcntl ------------------------------------------------ */

/* dup_from - a new descriptor >= @min for @f (a reference of its own). */
static long
dup_from(struct file *f, int min, bool cloexec)
{
	long fd;

	file_get(f);
	if ((fd = fd_install(current_fdt(), f, min, cloexec)) < 0)
		file_put(f);
	return fd;
}

/* sys_dup - dup(2): the lowest free descriptor on the same file. */
long
sys_dup(long fd, long a1, long a2, long a3, long a4, long a5)
{
	struct file *f;
	long r;

	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	if ((r = get_file_raw((int)fd, &f)) < 0)
		return r;
	r = dup_from(f, 0, false);
	file_put(f);
	return r;
}

/* do_dup3 - make @newfd refer to @oldfd's file, closing what was there. */
static long
do_dup3(int oldfd, int newfd, bool cloexec)
{
	struct file *f;
	long r;

	if ((r = get_file_raw(oldfd, &f)) < 0)
		return r;
	if ((r = fd_install_at(current_fdt(), f, newfd, cloexec)) < 0)
		file_put(f);
	return r;
}

/* sys_dup2 - dup2(2): @newfd, or -EBADF; the same fd twice is a check. */
long
sys_dup2(long oldfd, long newfd, long a2, long a3, long a4, long a5)
{
	struct file *f;
	long r;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if ((int)oldfd != (int)newfd)
		return do_dup3((int)oldfd, (int)newfd, false);
	if ((r = get_file_raw((int)oldfd, &f)) < 0)
		return r;
	file_put(f);
	return (int)newfd;
}

/* sys_dup3 - dup3(2): as dup2 with O_CLOEXEC; -EINVAL for the same fd. */
long
sys_dup3(long oldfd, long newfd, long flags, long a3, long a4, long a5)
{
	(void)a3, (void)a4, (void)a5;
	if (((int)flags & ~O_CLOEXEC) != 0 || (int)oldfd == (int)newfd)
		return -EINVAL;
	return do_dup3((int)oldfd, (int)newfd, (int)flags & O_CLOEXEC);
}

/* fcntl_on_path - the commands Linux allows on an O_PATH descriptor. */
static bool
fcntl_on_path(unsigned int cmd)
{
	return cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC || cmd == F_GETFD ||
	       cmd == F_SETFD || cmd == F_GETFL;
}

/* do_fcntl - one fcntl command on @fd (open on @f). */
static long
do_fcntl(int fd, struct file *f, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= current_fdt()->max)
			return -EINVAL;
		return dup_from(f, (int)arg, cmd == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return fd_get_cloexec(current_fdt(), fd) > 0 ? FD_CLOEXEC : 0;
	case F_SETFD:
		return fd_set_cloexec(current_fdt(), fd, arg & FD_CLOEXEC);
	case F_GETFL:
		return (long)(f->flags | O_LARGEFILE_ABI);
	case F_SETFL:
		set_status_flags(f, (unsigned int)arg);
		return 0;
	default:
		return -EINVAL;
	}
}

/* sys_fcntl - fcntl(2): F_DUPFD[_CLOEXEC], F_GETFD/F_SETFD, F_GETFL/
 * F_SETFL; other commands -EINVAL. */
long
sys_fcntl(long fd, long cmd, long arg, long a3, long a4, long a5)
{
	struct file *f;
	long r;

	(void)a3, (void)a4, (void)a5;
	if ((r = get_file_raw((int)fd, &f)) < 0)
		return r;
	if ((f->flags & O_PATH) && !fcntl_on_path((unsigned int)cmd))
		r = -EBADF;
	else
		r = do_fcntl((int)fd, f, (unsigned int)cmd, (unsigned long)arg);
	file_put(f);
	return r;
}
