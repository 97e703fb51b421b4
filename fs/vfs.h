/*
 * fs/vfs.h: the virtual file system (fs/vfs.c, fs/namei.c, fs/file.c).
 *
 * Objects:
 *   struct inode   - a file, directory, symlink or device node of one
 *                    filesystem; reference counted (inode_get/inode_put).
 *                    Its memory goes back when the last reference is put
 *                    and it has no links left (the filesystem's evict op).
 *   struct mount   - a filesystem instance attached at a directory.
 *   struct path    - a (mount, inode) pair: where a lookup ended.
 *   struct file    - an open file: inode + position + flags; reference
 *                    counted (file descriptors share it after dup/fork).
 *
 * Buffers passed to the ops are kernel buffers; the system-call layer
 * copies from and to user memory.  Offsets are 64-bit byte offsets.
 *
 * Locks: [N] vfs_ns_lock, a mutex over the whole namespace (lookups that
 * create, unlink, rename, mount); [i] inode->lock (data and attributes of
 * one inode); [a] atomic.  Order: vfs_ns_lock before any inode->lock; two
 * inode locks are never held together.  Ops are called with the locks
 * their comment names; they may sleep.
 */
#pragma once
#include "kernel/sync.h"
#include "kernel/types.h"

#define NAME_MAX	255
#define PATH_MAX	4096
#define SYMLOOP_MAX	40

typedef uint32_t mode_t_k;	/* st_mode bits as Linux */
typedef uint64_t dev_t_k;	/* makedev(major, minor), Linux encoding */

/* st_mode (Linux values). */
#define S_IFMT		0170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISUID		04000
#define S_ISGID		02000
#define S_ISVTX		01000
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)

/* open flags (Linux x86_64 values). */
#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_CLOEXEC	02000000
#define O_PATH		010000000

/* d_type values of getdents64. */
#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

/* renameat2 flags */
#define RENAME_NOREPLACE	1
#define RENAME_EXCHANGE		2

struct inode;
struct file;
struct mount;
struct pipe;
struct superblock;

struct timespec_k {
	int64_t	 tv_sec;
	int64_t	 tv_nsec;
};

/* What setattr changes: the ATTR_* bits say which fields are valid. */
#define ATTR_MODE	0x01
#define ATTR_UID	0x02
#define ATTR_GID	0x04
#define ATTR_SIZE	0x08
#define ATTR_ATIME	0x10
#define ATTR_MTIME	0x20
#define ATTR_CTIME	0x40
struct iattr {
	unsigned int	 valid;
	mode_t_k	 mode;		/* permission bits only */
	uint32_t	 uid, gid;
	uint64_t	 size;
	struct timespec_k atime, mtime, ctime;
};

/* readdir's callback: return non-zero to stop (the buffer is full). */
typedef int (*filldir_t)(void *ctx, const char *name, size_t len,
			 uint64_t ino, unsigned int d_type);

/*
 * Inode operations.  Directory ops are called with vfs_ns_lock held and
 * @dir referenced; a name is never "." or "..", never empty, has no '/'
 * and is at most NAME_MAX bytes.  On success the ops that return an inode
 * return it referenced (the caller puts it).  Optional ops may be NULL:
 * the VFS answers -EPERM (namespace ops), -EINVAL (readlink) or
 * -ENOTDIR (lookup, readdir) for them.
 */
struct inode_ops {
	int	(*lookup)(struct inode *dir, const char *name, size_t len,
			  struct inode **out);		/* -ENOENT */
	/* create a regular file, FIFO, socket or device node */
	int	(*mknod)(struct inode *dir, const char *name, size_t len,
			 mode_t_k mode, dev_t_k rdev, struct inode **out);
	int	(*mkdir)(struct inode *dir, const char *name, size_t len,
			 mode_t_k mode, struct inode **out);
	int	(*symlink)(struct inode *dir, const char *name, size_t len,
			   const char *target, struct inode **out);
	int	(*link)(struct inode *old, struct inode *dir, const char *name,
			size_t len);
	int	(*unlink)(struct inode *dir, const char *name, size_t len);
	/* rmdir: the VFS has checked it is a directory; -ENOTEMPTY from here */
	int	(*rmdir)(struct inode *dir, const char *name, size_t len);
	/* rename within one filesystem; the VFS has done the EXDEV, EISDIR,
	 * ENOTDIR, EINVAL (into itself) checks; @flags RENAME_* */
	int	(*rename)(struct inode *olddir, const char *oldname, size_t oldlen,
			  struct inode *newdir, const char *newname,
			  size_t newlen, unsigned int flags);
	/* readlink: copies at most @len bytes, no NUL; returns the length */
	ssize_t	(*readlink)(struct inode *ino, char *buf, size_t len);
	/* setattr: with inode->lock held; ATTR_SIZE truncates or extends */
	int	(*setattr)(struct inode *ino, const struct iattr *attr);
	/* readdir: entries from *@pos on (an opaque cookie, 0 = start;
	 * "." and ".." included), calling @fill until it returns non-zero */
	int	(*readdir)(struct inode *dir, uint64_t *pos, filldir_t fill,
			   void *ctx);
	/* evict: the inode has no references and no links: free it */
	void	(*evict)(struct inode *ino);
};

/*
 * File operations, called without vfs_ns_lock.  read/write get the
 * position to use and advance it; they may sleep (pipes, terminals).
 * Optional: every op may be NULL; the VFS then answers -EINVAL (read,
 * write), -ESPIPE (llseek on a non-seekable file), -ENOTTY (ioctl),
 * "always ready" (poll), -ENODEV (mmap).
 */
struct poll_table;
struct file_ops {
	int	(*open)(struct inode *ino, struct file *f);
	ssize_t	(*read)(struct file *f, void *buf, size_t len, uint64_t *pos);
	ssize_t	(*write)(struct file *f, const void *buf, size_t len,
			 uint64_t *pos);
	int64_t	(*llseek)(struct file *f, int64_t off, int whence);
	int	(*ioctl)(struct file *f, unsigned long cmd, unsigned long arg);
	unsigned int (*poll)(struct file *f, struct poll_table *pt);
	int	(*mmap)(struct file *f, void *vma);	/* hook, process work */
	void	(*release)(struct file *f);
};

/* poll bits (Linux values) */
#define POLLIN		0x001
#define POLLPRI		0x002
#define POLLOUT		0x004
#define POLLERR		0x008
#define POLLHUP		0x010
#define POLLNVAL	0x020
#define POLLRDNORM	0x040
#define POLLWRNORM	0x100

struct inode {
	uint64_t	 ino;			/* [I] */
	mode_t_k	 mode;			/* [i] type | permissions */
	uint32_t	 uid, gid;		/* [i] */
	uint32_t	 nlink;			/* [N] */
	uint64_t	 size;			/* [i] */
	uint64_t	 blocks;		/* [i] 512-byte units */
	dev_t_k		 rdev;			/* [I] device nodes */
	struct timespec_k atime, mtime, ctime;	/* [i] */
	uint32_t	 refs;			/* [a] */
	uint32_t	 writers;		/* [a] files open for writing */
	struct superblock *sb;			/* [I] */
	const struct inode_ops *iops;		/* [I] */
	const struct file_ops *fops;		/* [I] */
	struct mount	*mounted;		/* [N] a filesystem mounted here */
	struct mutex	 lock;
	void		*priv;			/* the filesystem's */
	struct pipe	*pipe;			/* fs/pipe.c's: while open */
};

struct fs_type;
struct superblock {
	const struct fs_type *type;		/* [I] */
	struct inode	*root;			/* [I] */
	uint64_t	 next_ino;		/* [N] */
	uint64_t	 dev;			/* [I] st_dev */
	void		*priv;
};

/* A filesystem type: mount() makes a superblock and its root inode. */
struct fs_type {
	const char	*name;
	int		(*mount)(const char *source, struct superblock **out);
	void		(*kill)(struct superblock *sb);	/* optional */
	struct fs_type	*next;
};

struct mount {
	struct superblock *sb;			/* [I] */
	struct inode	*root;			/* [I] sb->root, referenced */
	struct mount	*parent;		/* [I] NULL for / */
	struct inode	*mountpoint;		/* [I] in parent, referenced */
	char		 where[128];		/* [I] for /proc/mounts */
	char		 source[32];		/* [I] */
	uint32_t	 open_files;		/* [a] files open through it */
	struct mount	*next;			/* [N] all mounts */
};

struct path {
	struct mount	*mnt;
	struct inode	*inode;			/* referenced */
};

struct file {
	struct inode	*inode;			/* [I] referenced */
	struct mount	*mnt;			/* [I] */
	const struct file_ops *fops;		/* [I] may differ from inode's */
	unsigned int	 flags;			/* [i] O_* (status flags) */
	uint64_t	 pos;			/* [f] */
	uint32_t	 refs;			/* [a] */
	struct mutex	 pos_lock;		/* [f] serialises read/write/seek */
	uint64_t	 dir_pos;		/* [f] readdir cookie */
	void		*priv;			/* the driver's */
};

/* A stat result, filled by vfs_stat/vfs_fstat (struct stat is built
 * from it by the system-call layer). */
struct kstat {
	uint64_t dev, ino, nlink, size, blocks;
	uint32_t mode, uid, gid;
	uint64_t rdev;
	uint32_t blksize;
	struct timespec_k atime, mtime, ctime;
};

/* ---- set-up -------------------------------------------------------------- */

/* vfs_init - mount tmpfs at / and devfs, procfs below it.  Context: boot. */
void	vfs_init(void);

/* register_filesystem - make @fs mountable by name. */
int	register_filesystem(struct fs_type *fs);

/* vfs_mount - mount filesystem type @fstype (from @source) on @target. */
int	vfs_mount(const struct path *cwd, const char *source,
		  const char *target, const char *fstype);

/* vfs_umount - detach the filesystem mounted at @target. -EBUSY if in use. */
int	vfs_umount(const struct path *cwd, const char *target);

/*
 * vfs_for_each_mount - call @fn(m, @ctx) for every mount, "/" first, in
 * the order they were made (/proc/mounts).  Context: thread; may sleep;
 * holds vfs_ns_lock across the walk, so @fn must not look names up.
 */
void	vfs_for_each_mount(void (*fn)(const struct mount *m, void *ctx),
			   void *ctx);

/*
 * vfs_for_each_fs_type - call @fn(t, @ctx) for every registered
 * filesystem type, in registration order (/proc/filesystems).
 * Context: thread; may sleep; @fn must not register filesystems.
 */
void	vfs_for_each_fs_type(void (*fn)(const struct fs_type *t, void *ctx),
			     void *ctx);

/* vfs_root - a new reference to the root directory. */
void	vfs_root(struct path *out);

/* ---- inodes ---------------------------------------------------------------- */

/* inode_new - a fresh inode of @sb with one reference, times = now. */
struct inode *inode_new(struct superblock *sb, mode_t_k mode);
void	inode_get(struct inode *ino);
/* inode_put - drop a reference; evicts the inode when unused and unlinked. */
void	inode_put(struct inode *ino);
/* inode_touch - set the times named by ATTR_[AMC]TIME to now. */
void	inode_touch(struct inode *ino, unsigned int which);
void	path_get(const struct path *p);
void	path_put(struct path *p);

/* vfs_now - the wall-clock time for inode timestamps. */
struct timespec_k vfs_now(void);

/* ---- names ------------------------------------------------------------------ */

#define LOOKUP_FOLLOW	1	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY 2	/* the result must be a directory */

/*
 * vfs_lookup - resolve @name relative to @cwd (absolute names start at
 * the root): ".", "..", repeated and trailing slashes, symlinks (at most
 * SYMLOOP_MAX, then -ELOOP), mount points in both directions.  Returns 0
 * with *@out referenced, or -ENOENT, -ENOTDIR, -ENAMETOOLONG, -ELOOP,
 * -EACCES.  Context: thread; may sleep.
 */
int	vfs_lookup(const struct path *cwd, const char *name, int flags,
		   struct path *out);

/* ---- operations on names (each returns 0 or -errno) ----------------------- */

int	vfs_open(const struct path *cwd, const char *name, int flags,
		 mode_t_k mode, struct file **out);
int	vfs_mknod(const struct path *cwd, const char *name, mode_t_k mode,
		  dev_t_k rdev);
int	vfs_mkdir(const struct path *cwd, const char *name, mode_t_k mode);
int	vfs_rmdir(const struct path *cwd, const char *name);
int	vfs_unlink(const struct path *cwd, const char *name);
int	vfs_rename(const struct path *cwd, const char *oldname,
		   const char *newname, unsigned int flags);
int	vfs_link(const struct path *cwd, const char *oldname,
		 const char *newname);
int	vfs_symlink(const struct path *cwd, const char *target,
		    const char *linkname);
ssize_t	vfs_readlink(const struct path *cwd, const char *name, char *buf,
		     size_t len);
int	vfs_stat(const struct path *cwd, const char *name, int lookup_flags,
		 struct kstat *st);
int	vfs_truncate(const struct path *cwd, const char *name, uint64_t size);
int	vfs_chmod(const struct path *cwd, const char *name, mode_t_k mode);
int	vfs_setattr(struct inode *ino, const struct iattr *attr);

/* ---- open files ---------------------------------------------------------------- */

/* file_open_inode - open @ino (reached through @mnt) with O_* @flags. */
int	file_open_inode(struct mount *mnt, struct inode *ino, int flags,
			struct file **out);
void	file_get(struct file *f);
void	file_put(struct file *f);
ssize_t	vfs_read(struct file *f, void *buf, size_t len);
ssize_t	vfs_write(struct file *f, const void *buf, size_t len);
ssize_t	vfs_pread(struct file *f, void *buf, size_t len, uint64_t pos);
ssize_t	vfs_pwrite(struct file *f, const void *buf, size_t len, uint64_t pos);
int64_t	vfs_lseek(struct file *f, int64_t off, int whence);
int	vfs_ioctl(struct file *f, unsigned long cmd, unsigned long arg);
int	vfs_fstat(struct file *f, struct kstat *st);
int	vfs_ftruncate(struct file *f, uint64_t size);
/* vfs_readdir - entries from the file's directory position on. */
int	vfs_readdir(struct file *f, filldir_t fill, void *ctx);

/* generic_llseek - SEEK_SET/CUR/END over inode->size (files may use it). */
int64_t	generic_llseek(struct file *f, int64_t off, int whence);

/* ---- filesystems in the tree ------------------------------------------------------ */

extern struct fs_type tmpfs_fs_type;	/* fs/tmpfs.c */
extern struct fs_type devfs_fs_type;	/* fs/devfs.c */
extern struct fs_type procfs_fs_type;	/* fs/procfs.c */

/* mode_to_dtype - DT_* for an st_mode. */
unsigned int mode_to_dtype(mode_t_k mode);
