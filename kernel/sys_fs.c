/*
 * kernel/sys_fs.c: the name family: stat, lstat, newfstatat, statx,
 * mkdir(at), mknod(at), rmdir, unlink(at), rename(at, at2), link(at),
 * symlink(at), readlink(at), access, faccessat(2), chmod, fchmod,
 * fchmodat, umask, truncate, ftruncate, chdir, fchdir, getcwd.
 *
 * Each call copies its names in (sys_util.c get_at), resolves the
 * directory they are relative to, and hands both to the VFS.  Everyone is
 * root: permission bits are only consulted where Linux consults them for
 * root (X_OK needs an x bit).  Modes of new objects lose the umask here.
 */
#include "fs/chrdev.h"
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/linux_abi.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/sys.h"
#include "kernel/sys_util.h"
#include "kernel/uaccess.h"
#include "mm/kmalloc.h"

/* The flags newfstatat and statx accept. */
#define STAT_AT_FLAGS                                                          \
	(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH |               \
	 AT_STATX_SYNC_TYPE)
#define RENAME_WHITEOUT 4

/* umasked - @mode for a new object: @keep bits, less the umask. */
static mode_t_k
umasked(long mode, mode_t_k keep)
{
	return (mode_t_k)mode & keep & ~current_proc()->umask;
}

/* ---- stat ---------------------------------------------------------------- */

/* stat_fd - the status of what @fd is open on (AT_FDCWD: the cwd). */
static int
stat_fd(int fd, struct kstat *st)
{
	struct path cwd;
	struct file *f;
	int err;

	if (fd == AT_FDCWD) {
		fd_path(AT_FDCWD, &cwd);
		err = vfs_stat(&cwd, ".", 0, st);
		path_put(&cwd);
		return err;
	}
	if ((err = get_file_raw(fd, &f)) < 0)
		return err;
	err = vfs_fstat(f, st);
	file_put(f);
	return err;
}

/*
 * stat_at - the status of @upath relative to @dirfd; AT_SYMLINK_NOFOLLOW
 * and AT_EMPTY_PATH (the file of @dirfd itself) in @flags.  Shared by the
 * stat calls and faccessat2.  Returns 0 or -errno.
 */
static int
stat_at(int dirfd, uaddr_t upath, int flags, struct kstat *st)
{
	int follow = (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
	struct path base;
	char *name;
	int err;

	if ((err = get_user_path(upath, flags & AT_EMPTY_PATH, &name)) < 0)
		return err;
	if (name[0] == '\0')
		err = stat_fd(dirfd, st);
	else if ((err = resolve_at(dirfd, name, &base)) == 0) {
		err = vfs_stat(&base, name, follow, st);
		path_put(&base);
	}
	kfree(name);
	return err;
}

/* sys_newfstatat - fstatat(2) (x86_64's newfstatat): 0 or -errno. */
long
sys_newfstatat(long dirfd, long upath, long ustat, long flags, long a4, long a5)
{
	struct kstat st;
	long err;

	(void)a4, (void)a5;
	if ((int)flags & ~STAT_AT_FLAGS)
		return -EINVAL;
	if ((err = stat_at((int)dirfd, (uaddr_t)upath, (int)flags, &st)) < 0)
		return err;
	return put_user_kstat((uaddr_t)ustat, &st);
}

/* sys_stat - stat(2): follows a final symlink. */
long
sys_stat(long upath, long ustat, long a2, long a3, long a4, long a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return sys_newfstatat(AT_FDCWD, upath, ustat, 0, 0, 0);
}

/* sys_lstat - lstat(2): a final symlink itself. */
long
sys_lstat(long upath, long ustat, long a2, long a3, long a4, long a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return sys_newfstatat(AT_FDCWD, upath, ustat, AT_SYMLINK_NOFOLLOW, 0,
			      0);
}

/* statx_time - a statx timestamp from a VFS one. */
static struct linux_statx_timestamp
statx_time(struct timespec_k t)
{
	return (struct linux_statx_timestamp){.tv_sec = t.tv_sec,
					      .tv_nsec = (uint32_t)t.tv_nsec};
}

/* put_user_statx - @k as struct statx at @u: the basic fields, always
 * (Linux may return more than the mask asked for).  0 or -EFAULT. */
static int
put_user_statx(uaddr_t u, const struct kstat *k)
{
	struct linux_statx sx;

	memset(&sx, 0, sizeof(sx));
	sx.stx_mask = STATX_BASIC_STATS;
	sx.stx_blksize = k->blksize;
	sx.stx_nlink = (uint32_t)k->nlink;
	sx.stx_uid = k->uid;
	sx.stx_gid = k->gid;
	sx.stx_mode = (uint16_t)k->mode;
	sx.stx_ino = k->ino;
	sx.stx_size = k->size;
	sx.stx_blocks = k->blocks;
	sx.stx_atime = statx_time(k->atime);
	sx.stx_ctime = statx_time(k->ctime);
	sx.stx_mtime = statx_time(k->mtime);
	sx.stx_rdev_major = MAJOR(k->rdev);
	sx.stx_rdev_minor = MINOR(k->rdev);
	sx.stx_dev_major = MAJOR(k->dev);
	sx.stx_dev_minor = MINOR(k->dev);
	return copy_to_user(u, &sx, sizeof(sx));
}

/* sys_statx - statx(2): 0, or -EINVAL for bad flags or a reserved mask
 * bit, or the errors of fstatat. */
long
sys_statx(long dirfd, long upath, long flags, long mask, long ustatx, long a5)
{
	struct kstat st;
	long err;

	(void)a5;
	if ((uint32_t)mask & STATX__RESERVED)
		return -EINVAL;
	if (((int)flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE ||
	    ((int)flags & ~STAT_AT_FLAGS))
		return -EINVAL;
	if ((err = stat_at((int)dirfd, (uaddr_t)upath, (int)flags, &st)) < 0)
		return err;
	return put_user_statx((uaddr_t)ustatx, &st);
}

/* ---- creating and removing names ----------------------------------------- */

/* sys_mkdirat - mkdirat(2): a directory of @mode & 01777 & ~umask. */
long
sys_mkdirat(long dirfd, long upath, long mode, long a3, long a4, long a5)
{
	struct path base;
	char *name;
	long err;

	(void)a3, (void)a4, (void)a5;
	if ((err = get_at((int)dirfd, (uaddr_t)upath, &base, &name)) < 0)
		return err;
	err = vfs_mkdir(&base, name, umasked(mode, 01777));
	put_at(&base, name);
	return err;
}

/* sys_mkdir - mkdir(2). */
long
sys_mkdir(long upath, long mode, long a2, long a3, long a4, long a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return sys_mkdirat(AT_FDCWD, upath, mode, 0, 0, 0);
}

/* mknod_type - the file type mknod makes of @mode (0: regular), or
 * -EPERM (a directory) / -EINVAL (no such type). */
static long
mknod_type(long mode)
{
	switch (mode & S_IFMT) {
	case 0:
		return S_IFREG;
	case S_IFREG:
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		return mode & S_IFMT;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
}

/* sys_mknodat - mknodat(2): a file, FIFO, socket or device node @dev
 * (Linux's 32-bit encoding, the low half of the 64-bit one). */
long
sys_mknodat(long dirfd, long upath, long mode, long dev, long a4, long a5)
{
	long type = mknod_type(mode);
	struct path base;
	char *name;
	long err;

	(void)a4, (void)a5;
	if (type < 0)
		return type;
	if ((err = get_at((int)dirfd, (uaddr_t)upath, &base, &name)) < 0)
		return err;
	err = vfs_mknod(&base, name, (mode_t_k)type | umasked(mode, 07777),
			(dev_t_k)(uint32_t)dev);
	put_at(&base, name);
	return err;
}

/* sys_mknod - mknod(2). */
long
sys_mknod(long upath, long mode, long dev, long a3, long a4, long a5)
{
	(void)a3, (void)a4, (void)a5;
	return sys_mknodat(AT_FDCWD, upath, mode, dev, 0, 0);
}

/* sys_unlinkat - unlinkat(2): a name, or with AT_REMOVEDIR an empty
 * directory.  Other flags: -EINVAL. */
long
sys_unlinkat(long dirfd, long upath, long flags, long a3, long a4, long a5)
{
	struct path base;
	char *name;
	long err;

	(void)a3, (void)a4, (void)a5;
	if ((int)flags & ~AT_REMOVEDIR)
		return -EINVAL;
	if ((err = get_at((int)dirfd, (uaddr_t)upath, &base, &name)) < 0)
		return err;
	err = ((int)flags & AT_REMOVEDIR) ? vfs_rmdir(&base, name)
					  : vfs_unlink(&base, name);
	put_at(&base, name);
	return err;
}

/* sys_unlink - unlink(2). */
long
sys_unlink(long upath, long a1, long a2, long a3, long a4, long a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return sys_unlinkat(AT_FDCWD, upath, 0, 0, 0, 0);
}

/* sys_rmdir - rmdir(2). */
long
sys_rmdir(long upath, long a1, long a2, long a3, long a4, long a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return sys_unlinkat(AT_FDCWD, upath, AT_REMOVEDIR, 0, 0, 0);
}

/* sys_symlinkat - symlinkat(2): @newpath (relative to @dirfd) pointing
 * at @target, which is stored as it is (empty: -ENOENT). */
long
sys_symlinkat(long utarget, long dirfd, long upath, long a3, long a4, long a5)
{
	struct path base;
	char *target, *name;
	long err;

	(void)a3, (void)a4, (void)a5;
	if ((err = get_user_path((uaddr_t)utarget, false, &target)) < 0)
		return err;
	if ((err = get_at((int)dirfd, (uaddr_t)upath, &base, &name)) == 0) {
		err = vfs_symlink(&base, target, name);
		put_at(&base, name);
	}
	kfree(target);
	return err;
}

/* sys_symlink - symlink(2). */
long
sys_symlink(long utarget, long upath, long a2, long a3, long a4, long a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return sys_symlinkat(utarget, AT_FDCWD, upath, 0, 0, 0);
}

/* ---- two names: rename and link ------------------------------------------ */

/*
 * The VFS's rename and link take one base directory for both names.
 * When the two are relative to different directories, the new name is
 * made absolute from its directory's name (path_to_name).
 * FIXME: a vfs_renameat/vfs_linkat with two bases would avoid the walk.
 */

/* absolute_in - *@name, relative to @dir, rewritten as an absolute name. */
static int
absolute_in(const struct path *dir, char **name)
{
	char *abs = kmalloc(PATH_MAX);
	size_t len = strlen(*name);
	int n;

	if (!abs)
		return -ENOMEM;
	if ((n = path_to_name(dir, abs, PATH_MAX)) >= 0 &&
	    (size_t)n + 1 + len >= PATH_MAX)
		n = -ENAMETOOLONG;
	if (n < 0) {
		kfree(abs);
		return n;
	}
	abs[n] = '/';
	memcpy(abs + n + 1, *name, len + 1);
	kfree(*name);
	*name = abs;
	return 0;
}

/*
 * resolve_pair - one base from which @old (relative to @olddfd) and
 * *@newname (relative to @newdfd) can both be looked up; *@newname may be
 * replaced by an absolute name.  Returns 0 with *@base referenced.
 */
static int
resolve_pair(int olddfd, const char *old, int newdfd, char **newname,
	     struct path *base)
{
	struct path nd;
	int err;

	if ((err = resolve_at(olddfd, old, base)) < 0)
		return err;
	if ((*newname)[0] == '/')
		return 0;
	if ((err = resolve_at(newdfd, *newname, &nd)) < 0)
		goto out_base;
	if (old[0] == '/' || (nd.inode == base->inode && nd.mnt == base->mnt)) {
		path_put(base);
		*base = nd;
		return 0;
	}
	err = absolute_in(&nd, newname);
	path_put(&nd);
	if (err == 0)
		return 0;
out_base:
	path_put(base);
	return err;
}

/* get_two_paths - copy in both names of rename or link. */
static int
get_two_paths(long uold, long unew, char **old, char **new)
{
	int err;

	if ((err = get_user_path((uaddr_t)uold, false, old)) < 0)
		return err;
	if ((err = get_user_path((uaddr_t)unew, false, new)) < 0)
		kfree(*old);
	return err;
}

/* sys_renameat2 - renameat2(2): RENAME_NOREPLACE / RENAME_EXCHANGE in
 * @flags; 0 or -errno. */
long
sys_renameat2(long olddfd, long uold, long newdfd, long unew, long flags,
	      long a5)
{
	struct path base;
	char *old, *new;
	long err;
	unsigned int fl = (unsigned int)flags;

	(void)a5;
	if ((fl & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) ||
	    ((fl & RENAME_EXCHANGE) &&
	     (fl & (RENAME_NOREPLACE | RENAME_WHITEOUT))))
		return -EINVAL;
	if ((err = get_two_paths(uold, unew, &old, &new)) < 0)
		return err;
	err = resolve_pair((int)olddfd, old, (int)newdfd, &new, &base);
	if (err == 0) {
		err = vfs_rename(&base, old, new, fl);
		path_put(&base);
	}
	kfree(old);
	kfree(new);
	return err;
}

/* sys_renameat - renameat(2). */
long
sys_renameat(long olddfd, long uold, long newdfd, long unew, long a4, long a5)
{
	(void)a4, (void)a5;
	return sys_renameat2(olddfd, uold, newdfd, unew, 0, 0);
}

/* sys_rename - rename(2). */
long
sys_rename(long uold, long unew, long a2, long a3, long a4, long a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return sys_renameat2(AT_FDCWD, uold, AT_FDCWD, unew, 0, 0);
}

/* link_target - replace the last component of @name (a PATH_MAX buffer)
 * by @target, or the whole name when @target is absolute. */
static int
link_target(char *name, const char *target)
{
	char *slash = NULL;
	size_t keep, tlen = strlen(target);

	for (char *p = name; *p; p++)
		if (*p == '/')
			slash = p;
	keep = (target[0] == '/' || !slash) ? 0 : (size_t)(slash - name) + 1;
	if (keep + tlen >= PATH_MAX)
		return -ENAMETOOLONG;
	memcpy(name + keep, target, tlen + 1);
	return 0;
}

/*
 * follow_once - if @name (relative to @base) is a symlink, replace it by
 * its target.  Returns 1 when it did, 0 when @name is no symlink, -errno.
 */
static int
follow_once(const struct path *base, char *name, char *target)
{
	struct kstat st;
	ssize_t n;
	int err;

	if ((err = vfs_stat(base, name, 0, &st)) < 0)
		return err;
	if (!S_ISLNK(st.mode))
		return 0;
	if ((n = vfs_readlink(base, name, target, PATH_MAX - 1)) < 0)
		return (int)n;
	target[n] = '\0';
	return (err = link_target(name, target)) < 0 ? err : 1;
}

/*
 * follow_links - linkat's AT_SYMLINK_FOLLOW: replace @name by what its
 * symlinks lead to, following at most SYMLOOP_MAX (then -ELOOP), since
 * vfs_link never follows the old name.
 */
static int
follow_links(const struct path *base, char *name)
{
	char *target = kmalloc(PATH_MAX);
	int err, links = 0;

	if (!target)
		return -ENOMEM;
	while ((err = follow_once(base, name, target)) > 0)
		if (++links > SYMLOOP_MAX) {
			err = -ELOOP;
			break;
		}
	kfree(target);
	return err;
}

/* sys_linkat - linkat(2): @new as another name of @old (its symlink
 * followed with AT_SYMLINK_FOLLOW).  AT_EMPTY_PATH is accepted but an
 * empty name gives -ENOENT, as Linux gives callers without
 * CAP_DAC_READ_SEARCH. */
long
sys_linkat(long olddfd, long uold, long newdfd, long unew, long flags, long a5)
{
	struct path base;
	char *old, *new;
	long err;

	(void)a5;
	if ((int)flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((err = get_two_paths(uold, unew, &old, &new)) < 0)
		return err;
	err = resolve_pair((int)olddfd, old, (int)newdfd, &new, &base);
	if (err == 0) {
		if (!((int)flags & AT_SYMLINK_FOLLOW) ||
		    (err = follow_links(&base, old)) == 0)
			err = vfs_link(&base, old, new);
		path_put(&base);
	}
	kfree(old);
	kfree(new);
	return err;
}

/* sys_link - link(2). */
long
sys_link(long uold, long unew, long a2, long a3, long a4, long a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return sys_linkat(AT_FDCWD, uold, AT_FDCWD, unew, 0, 0);
}

/* ---- reading links, access, modes ---------------------------------------- */

/* sys_readlinkat - readlinkat(2): the target's bytes (no NUL), cut to
 * @bufsiz; -EINVAL for @bufsiz <= 0 or a name that is not a symlink. */
long
sys_readlinkat(long dirfd, long upath, long ubuf, long bufsiz, long a4, long a5)
{
	size_t cap = MIN((size_t)(int)bufsiz, (size_t)PATH_MAX);
	struct path base;
	char *name, *buf;
	long n;

	(void)a4, (void)a5;
	if ((int)bufsiz <= 0)
		return -EINVAL;
	if ((n = get_at((int)dirfd, (uaddr_t)upath, &base, &name)) < 0)
		return n;
	if (!(buf = kmalloc(cap)))
		n = -ENOMEM;
	else if ((n = vfs_readlink(&base, name, buf, cap)) > 0 &&
		 copy_to_user((uaddr_t)ubuf, buf, (size_t)n) < 0)
		n = -EFAULT;
	kfree(buf);
	put_at(&base, name);
	return n;
}

/* sys_readlink - readlink(2). */
long
sys_readlink(long upath, long ubuf, long bufsiz, long a3, long a4, long a5)
{
	(void)a3, (void)a4, (void)a5;
	return sys_readlinkat(AT_FDCWD, upath, ubuf, bufsiz, 0, 0);
}

/*
 * sys_faccessat2 - faccessat2(2) for root: F_OK, R_OK and W_OK succeed
 * when the file exists; X_OK needs a directory or an x bit (-EACCES).
 * AT_EACCESS changes nothing (real and effective ids are the same).
 */
long
sys_faccessat2(long dirfd, long upath, long mode, long flags, long a4, long a5)
{
	struct kstat st;
	long err;

	(void)a4, (void)a5;
	if ((int)mode & ~(F_OK | R_OK | W_OK | X_OK))
		return -EINVAL;
	if ((int)flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((err = stat_at((int)dirfd, (uaddr_t)upath, (int)flags, &st)) < 0)
		return err;
	if ((mode & X_OK) && !S_ISDIR(st.mode) && !(st.mode & 0111))
		return -EACCES;
	return 0;
}

/* sys_faccessat - faccessat(2) (the system call has no flags). */
long
sys_faccessat(long dirfd, long upath, long mode, long a3, long a4, long a5)
{
	(void)a3, (void)a4, (void)a5;
	return sys_faccessat2(dirfd, upath, mode, 0, 0, 0);
}

/* sys_access - access(2). */
long
sys_access(long upath, long mode, long a2, long a3, long a4, long a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return sys_faccessat2(AT_FDCWD, upath, mode, 0, 0, 0);
}

/* sys_fchmodat - fchmodat(2): set the permission bits (07777) of @upath,
 * following symlinks (the system call has no flags). */
long
sys_fchmodat(long dirfd, long upath, long mode, long a3, long a4, long a5)
{
	struct path base;
	char *name;
	long err;

	(void)a3, (void)a4, (void)a5;
	if ((err = get_at((int)dirfd, (uaddr_t)upath, &base, &name)) < 0)
		return err;
	err = vfs_chmod(&base, name, (mode_t_k)mode);
	put_at(&base, name);
	return err;
}

/* sys_chmod - chmod(2). */
long
sys_chmod(long upath, long mode, long a2, long a3, long a4, long a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return sys_fchmodat(AT_FDCWD, upath, mode, 0, 0, 0);
}

/* sys_fchmod - fchmod(2): as chmod on the file of @fd; -EBADF. */
long
sys_fchmod(long fd, long mode, long a2, long a3, long a4, long a5)
{
	struct iattr a = {.valid = ATTR_MODE | ATTR_CTIME,
			  .mode = (mode_t_k)mode & 07777};
	struct file *f;
	long err;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if ((err = get_file((int)fd, &f)) < 0)
		return err;
	a.ctime = vfs_now();
	err = vfs_setattr(f->inode, &a);
	file_put(f);
	return err;
}

/* sys_umask - umask(2): set the mask (0777 bits) and return the old one.
 * Cannot fail. */
long
sys_umask(long mask, long a1, long a2, long a3, long a4, long a5)
{
	struct proc *p = current_proc();
	uint32_t old = p->umask;

	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	p->umask = (uint32_t)mask & 0777;
	return old;
}

/* ---- sizes --------------------------------------------------------------- */

/* sys_truncate - truncate(2): cut or extend @upath to @length bytes. */
long
sys_truncate(long upath, long length, long a2, long a3, long a4, long a5)
{
	struct path base;
	char *name;
	long err;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if (length < 0)
		return -EINVAL;
	if ((err = get_at(AT_FDCWD, (uaddr_t)upath, &base, &name)) < 0)
		return err;
	err = vfs_truncate(&base, name, (uint64_t)length);
	put_at(&base, name);
	return err;
}

/* sys_ftruncate - ftruncate(2): -EINVAL also for a descriptor not open
 * for writing, as Linux. */
long
sys_ftruncate(long fd, long length, long a2, long a3, long a4, long a5)
{
	struct file *f;
	long err;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if (length < 0)
		return -EINVAL;
	if ((err = get_file((int)fd, &f)) < 0)
		return err;
	err = vfs_ftruncate(f, (uint64_t)length);
	file_put(f);
	return err;
}

/* ---- the working directory ----------------------------------------------- */

/* set_cwd - make @p (referenced; the reference is taken over) the cwd. */
static void
set_cwd(struct path *p)
{
	struct proc *proc = current_proc();
	struct path old;

	mutex_lock(&proc_lock);		/* /proc/<pid>/cwd readers take it */
	old = proc->cwd;
	proc->cwd = *p;
	mutex_unlock(&proc_lock);
	path_put(&old);
}

/* sys_chdir - chdir(2): 0, -ENOENT, -ENOTDIR, ... */
long
sys_chdir(long upath, long a1, long a2, long a3, long a4, long a5)
{
	struct path base, p;
	char *name;
	long err;

	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	if ((err = get_at(AT_FDCWD, (uaddr_t)upath, &base, &name)) < 0)
		return err;
	err = vfs_lookup(&base, name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);
	put_at(&base, name);
	if (err == 0)
		set_cwd(&p);
	return err;
}

/* sys_fchdir - fchdir(2): the directory @fd is open on (O_PATH too). */
long
sys_fchdir(long fd, long a1, long a2, long a3, long a4, long a5)
{
	struct path p;
	long err;

	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	if ((int)fd == AT_FDCWD)
		return -EBADF;
	if ((err = resolve_dirfd((int)fd, &p)) < 0)
		return err;
	set_cwd(&p);
	return 0;
}

/*
 * sys_getcwd - getcwd(2): the absolute name of the cwd in @ubuf; returns
 * its length counting the NUL, -ERANGE when @size is too small, -ENOENT
 * when the directory was removed, -EFAULT.
 */
long
sys_getcwd(long ubuf, long size, long a2, long a3, long a4, long a5)
{
	struct path cwd;
	char *buf;
	long n;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if (!(buf = kmalloc(PATH_MAX)))
		return -ENOMEM;
	fd_path(AT_FDCWD, &cwd);
	n = path_to_name(&cwd, buf, PATH_MAX);
	path_put(&cwd);
	if (n < 0)
		goto out_free;
	if ((unsigned long)n + 1 > (unsigned long)size)
		n = -ERANGE;
	else if (copy_to_user((uaddr_t)ubuf, buf, (size_t)n + 1) < 0)
		n = -EFAULT;
	else
		n++; /* the NUL counts */
out_free:
	kfree(buf);
	return n;
}
