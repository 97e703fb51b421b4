/*
 * fs/file.c: open files and the operations on them (fs/vfs.h).
 *
 * Locks: f->pos_lock serialises read, write and seek on one open file
 * with positions (POSIX wants reads and writes on a file description to
 * be atomic with respect to its offset; see atomic_pos); inode->lock is taken for size and attribute
 * changes.  A driver's read/write may sleep inside.
 */
#include "fs/chrdev.h"
#include "fs/pipe.h"
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"

extern struct mutex vfs_ns_lock;

static bool
can_read(const struct file *f)
{
	return (f->flags & O_ACCMODE) != O_WRONLY && !(f->flags & O_PATH);
}

static bool
can_write(const struct file *f)
{
	return (f->flags & O_ACCMODE) != O_RDONLY && !(f->flags & O_PATH);
}

/* file_open_inode - see vfs.h.  Context: thread. */
int
file_open_inode(struct mount *mnt, struct inode *ino, int flags,
		struct file **out)
{
	struct file *f = kzalloc(sizeof(*f));
	int err = 0;

	if (!f)
		return -ENOMEM;
	f->inode = ino;
	inode_get(ino);
	f->mnt = mnt;
	/* O_NOCTTY stays until the driver's open op has seen it (a
	 * terminal becomes the caller's controlling one without it) */
	f->flags = flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC);
	f->refs = 1;
	mutex_init(&f->pos_lock, "file position");
	if (S_ISCHR(ino->mode))
		f->fops = chrdev_fops(ino->rdev);
	else if (S_ISFIFO(ino->mode) && !ino->fops)
		f->fops = &fifo_fops;		/* a named pipe: fs/pipe.c */
	else
		f->fops = ino->fops;
	if (S_ISCHR(ino->mode) && !f->fops && !(flags & O_PATH))
		err = -ENXIO;
	else if (f->fops && f->fops->open && !(flags & O_PATH))
		err = f->fops->open(ino, f);
	if (err < 0) {
		inode_put(ino);
		kfree(f);
		return err;
	}
	f->flags &= ~O_NOCTTY;
	if (mnt)
		__atomic_add_fetch(&mnt->open_files, 1, __ATOMIC_RELAXED);
	if (can_write(f))	/* exec refuses a file open for writing */
		__atomic_add_fetch(&ino->writers, 1, __ATOMIC_RELAXED);
	*out = f;
	return 0;
}

void
file_get(struct file *f)
{
	__atomic_add_fetch(&f->refs, 1, __ATOMIC_RELAXED);
}

/* file_put - drop a reference; the last one releases the file. */
void
file_put(struct file *f)
{
	if (!f || __atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	if (f->fops && f->fops->release && !(f->flags & O_PATH))
		f->fops->release(f);
	if (f->mnt)
		__atomic_sub_fetch(&f->mnt->open_files, 1, __ATOMIC_RELAXED);
	if (can_write(f))
		__atomic_sub_fetch(&f->inode->writers, 1, __ATOMIC_RELAXED);
	inode_put(f->inode);
	kfree(f);
}

static const char *
strrchr_k(const char *s, int c)
{
	const char *last = NULL;

	for (; *s; s++)
		if (*s == c)
			last = s;
	return last;
}

/*
 * dangling_target - when @name is a symlink chain ending nowhere, the
 * name O_CREAT must create (Linux creates a dangling link's target).
 * Returns a kmalloc'd name, or NULL when @name is no symlink.
 */
static char *
dangling_target(const struct path *cwd, const char *name)
{
	char *cur = NULL, *link = kmalloc(PATH_MAX + 1);
	const char *at = name;
	struct kstat st;

	for (int i = 0; link && i < SYMLOOP_MAX; i++) {
		ssize_t n;
		if (vfs_stat(cwd, at, 0, &st) < 0 || !S_ISLNK(st.mode))
			break;
		if ((n = vfs_readlink(cwd, at, link, PATH_MAX)) <= 0)
			break;
		link[n] = '\0';
		char *next = kmalloc(PATH_MAX + 1);
		const char *slash = strrchr_k(at, '/');
		size_t dir = link[0] == '/' || !slash ? 0 : (size_t)(slash - at) + 1;
		if (!next || dir + (size_t)n >= PATH_MAX) {
			kfree(next);
			break;
		}
		memcpy(next, at, dir);			/* the link's directory */
		memcpy(next + dir, link, (size_t)n + 1);
		kfree(cur);
		at = cur = next;
	}
	kfree(link);
	return cur;
}

/* create_or_find - the inode @name names, made (O_CREAT) if missing. */
static int
create_or_find(const struct path *cwd, const char *name, int flags,
	       mode_t_k mode, struct path *out)
{
	int follow = (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
	int err = vfs_lookup(cwd, name, follow, out);
	char *target;

	if (err == -ENOENT && (flags & O_CREAT)) {
		target = follow && !(flags & O_EXCL) ? dangling_target(cwd, name)
						      : NULL;
		err = vfs_mknod(cwd, target ? target : name,
				S_IFREG | (mode & 07777), 0);
		kfree(target);
		if (err == 0 || err == -EEXIST)	/* lost a race: look again */
			err = vfs_lookup(cwd, name, follow, out);
	} else if (err == 0 && (flags & O_CREAT) && (flags & O_EXCL)) {
		path_put(out);
		err = -EEXIST;
	}
	return err;
}

/* open_checks - the errors open(2) gives for what @ino is. */
static int
open_checks(struct inode *ino, int flags)
{
	if ((flags & O_PATH))
		return 0;
	if (S_ISLNK(ino->mode))
		return -ELOOP;		/* O_NOFOLLOW on a symlink */
	if ((flags & O_DIRECTORY) && !S_ISDIR(ino->mode))
		return -ENOTDIR;
	if (S_ISDIR(ino->mode) && ((flags & O_ACCMODE) != O_RDONLY ||
				   (flags & O_TRUNC) || (flags & O_CREAT)))
		return -EISDIR;
	if ((flags & O_ACCMODE) == 3)
		return -EINVAL;
	return 0;
}

/* vfs_open - see vfs.h.  Context: thread. */
int
vfs_open(const struct path *cwd, const char *name, int flags, mode_t_k mode,
	 struct file **out)
{
	struct path p;
	int err;

	if ((err = create_or_find(cwd, name, flags, mode, &p)) < 0)
		return err;
	if ((err = open_checks(p.inode, flags)) == 0 &&
	    (flags & O_TRUNC) && S_ISREG(p.inode->mode) &&
	    (flags & O_ACCMODE) != O_RDONLY) {
		struct iattr a = { .valid = ATTR_SIZE, .size = 0 };
		err = vfs_setattr(p.inode, &a);
	}
	if (err == 0)
		err = file_open_inode(p.mnt, p.inode, flags, out);
	path_put(&p);
	return err;
}

/* io - read or write @len bytes at *@pos with the file's op. */
static ssize_t
io(struct file *f, void *buf, size_t len, uint64_t *pos, bool write)
{
	ssize_t n;

	if (write ? !can_write(f) : !can_read(f))
		return -EBADF;
	if (S_ISDIR(f->inode->mode))
		return -EISDIR;
	if (!f->fops || (write && !f->fops->write) || (!write && !f->fops->read))
		return -EINVAL;
	if (len > (size_t)INT64_MAX - 4096)
		len = (size_t)INT64_MAX - 4096;
	if (write && (f->flags & O_APPEND) && S_ISREG(f->inode->mode))
		*pos = f->inode->size;
	n = write ? f->fops->write(f, buf, len, pos) :
		    f->fops->read(f, buf, len, pos);
	if (n > 0)
		inode_touch(f->inode, write ? ATTR_MTIME | ATTR_CTIME :
					      ATTR_ATIME);
	return n;
}

/*
 * atomic_pos - whether read and write on @f take pos_lock: only files
 * with positions (as Linux's FMODE_ATOMIC_POS).  A terminal or a pipe
 * must not: a read that sleeps there would hold back every other
 * process's write to the same open file (a background job's output
 * while the shell waits for a command).
 */
static bool
atomic_pos(const struct file *f)
{
	return S_ISREG(f->inode->mode) || S_ISDIR(f->inode->mode);
}

/* rw - one read or write at the file's position. */
static ssize_t
rw(struct file *f, void *buf, size_t len, bool write)
{
	bool lock = atomic_pos(f);
	ssize_t n;

	if (lock)
		mutex_lock(&f->pos_lock);
	n = io(f, buf, len, &f->pos, write);
	if (lock)
		mutex_unlock(&f->pos_lock);
	return n;
}

ssize_t
vfs_read(struct file *f, void *buf, size_t len)
{
	return rw(f, buf, len, false);
}

ssize_t
vfs_write(struct file *f, const void *buf, size_t len)
{
	return rw(f, (void *)buf, len, true);
}

/* seekable - pread/pwrite/lseek need a file with positions. */
static bool
seekable(const struct file *f)
{
	mode_t_k m = f->inode->mode;

	return !S_ISFIFO(m) && (m & S_IFMT) != S_IFSOCK;
}

ssize_t
vfs_pread(struct file *f, void *buf, size_t len, uint64_t pos)
{
	if (!seekable(f))
		return -ESPIPE;
	if ((int64_t)pos < 0)
		return -EINVAL;
	return io(f, buf, len, &pos, false);
}

ssize_t
vfs_pwrite(struct file *f, const void *buf, size_t len, uint64_t pos)
{
	if (!seekable(f))
		return -ESPIPE;
	if ((int64_t)pos < 0)
		return -EINVAL;
	return io(f, (void *)buf, len, &pos, true);
}

/* generic_llseek - see vfs.h.  Context: f->pos_lock held. */
int64_t
generic_llseek(struct file *f, int64_t off, int whence)
{
	int64_t base;

	switch (whence) {
	case SEEK_SET:	base = 0; break;
	case SEEK_CUR:	base = (int64_t)f->pos; break;
	case SEEK_END:	base = (int64_t)f->inode->size; break;
	default:	return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	f->pos = (uint64_t)(base + off);
	return (int64_t)f->pos;
}

int64_t
vfs_lseek(struct file *f, int64_t off, int whence)
{
	int64_t r;

	if (!seekable(f))
		return -ESPIPE;
	mutex_lock(&f->pos_lock);
	if (f->fops && f->fops->llseek)
		r = f->fops->llseek(f, off, whence);
	else if (S_ISREG(f->inode->mode) || S_ISDIR(f->inode->mode) ||
		 S_ISLNK(f->inode->mode))
		r = generic_llseek(f, off, whence);
	else
		r = whence <= SEEK_END ? 0 : -EINVAL;	/* devices: no-op */
	if (r >= 0 && S_ISDIR(f->inode->mode) && whence == SEEK_SET)
		f->dir_pos = (uint64_t)off;		/* rewinddir */
	mutex_unlock(&f->pos_lock);
	return r;
}

/* vfs_ioctl - the driver's op, or -ENOTTY (ToaruOS's default). */
int
vfs_ioctl(struct file *f, unsigned long cmd, unsigned long arg)
{
	if (!f->fops || !f->fops->ioctl || (f->flags & O_PATH))
		return -ENOTTY;
	return f->fops->ioctl(f, cmd, arg);
}

/* fill_stat - struct kstat from an inode. */
static void
fill_stat(struct inode *ino, struct kstat *st)
{
	mutex_lock(&ino->lock);
	*st = (struct kstat){
		.dev = ino->sb->dev, .ino = ino->ino, .nlink = ino->nlink,
		.size = ino->size, .blocks = ino->blocks, .mode = ino->mode,
		.uid = ino->uid, .gid = ino->gid, .rdev = ino->rdev,
		.blksize = 4096, .atime = ino->atime, .mtime = ino->mtime,
		.ctime = ino->ctime,
	};
	mutex_unlock(&ino->lock);
}

int
vfs_fstat(struct file *f, struct kstat *st)
{
	fill_stat(f->inode, st);
	return 0;
}

int
vfs_stat(const struct path *cwd, const char *name, int lookup_flags,
	 struct kstat *st)
{
	struct path p;
	int err = vfs_lookup(cwd, name, lookup_flags, &p);

	if (err == 0) {
		fill_stat(p.inode, st);
		path_put(&p);
	}
	return err;
}

/* vfs_setattr - see vfs.h: the filesystem's op under the inode lock. */
int
vfs_setattr(struct inode *ino, const struct iattr *attr)
{
	int err;

	if ((attr->valid & ATTR_SIZE) && S_ISDIR(ino->mode))
		return -EISDIR;
	if ((attr->valid & ATTR_SIZE) && !S_ISREG(ino->mode))
		return -EINVAL;
	if ((attr->valid & ATTR_SIZE) && (int64_t)attr->size < 0)
		return -EINVAL;
	if (!ino->iops || !ino->iops->setattr)
		return -EPERM;
	mutex_lock(&ino->lock);
	err = ino->iops->setattr(ino, attr);
	mutex_unlock(&ino->lock);
	return err;
}

int
vfs_ftruncate(struct file *f, uint64_t size)
{
	struct iattr a = { .valid = ATTR_SIZE, .size = size };

	if (!can_write(f))
		return -EINVAL;		/* Linux: EINVAL for a read-only fd */
	return vfs_setattr(f->inode, &a);
}

int
vfs_truncate(const struct path *cwd, const char *name, uint64_t size)
{
	struct iattr a = { .valid = ATTR_SIZE, .size = size };
	struct path p;
	int err = vfs_lookup(cwd, name, LOOKUP_FOLLOW, &p);

	if (err < 0)
		return err;
	err = vfs_setattr(p.inode, &a);
	path_put(&p);
	return err;
}

int
vfs_chmod(const struct path *cwd, const char *name, mode_t_k mode)
{
	struct iattr a = { .valid = ATTR_MODE | ATTR_CTIME, .mode = mode & 07777,
			   .ctime = vfs_now() };
	struct path p;
	int err = vfs_lookup(cwd, name, LOOKUP_FOLLOW, &p);

	if (err < 0)
		return err;
	err = vfs_setattr(p.inode, &a);
	path_put(&p);
	return err;
}

/* vfs_readdir - see vfs.h.  Context: thread. */
int
vfs_readdir(struct file *f, filldir_t fill, void *ctx)
{
	struct inode *dir = f->inode;
	int err;

	if (!S_ISDIR(dir->mode) || !dir->iops || !dir->iops->readdir)
		return -ENOTDIR;
	mutex_lock(&f->pos_lock);
	mutex_lock(&vfs_ns_lock);
	err = dir->iops->readdir(dir, &f->dir_pos, fill, ctx);
	mutex_unlock(&vfs_ns_lock);
	mutex_unlock(&f->pos_lock);
	inode_touch(dir, ATTR_ATIME);
	return err;
}
