/*
 * kernel/sys_util.c: helpers shared by the file-system system calls
 * (kernel/sys_util.h): user names in, struct stat out, descriptors and
 * *at() directories to VFS paths, and the name of a directory.
 */
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/linux_abi.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/sys_util.h"
#include "kernel/uaccess.h"
#include "mm/kmalloc.h"

/* get_user_path - see sys_util.h.  Context: thread; may fault, sleep. */
int
get_user_path(uaddr_t upath, bool allow_empty, char **out)
{
	char *buf = kmalloc(PATH_MAX);
	long n = 0;

	if (!buf)
		return -ENOMEM;
	buf[0] = '\0';
	if (!allow_empty || upath != 0)
		n = strncpy_from_user(buf, upath, PATH_MAX);
	if (n == 0 && !allow_empty)
		n = -ENOENT;
	if (n < 0) {
		kfree(buf);
		return (int)n;
	}
	*out = buf;
	return 0;
}

/* get_file - see sys_util.h.  Context: thread. */
int
get_file(int fd, struct file **out)
{
	int err = fd_get(current_fdt(), fd, out);

	if (err == 0 && ((*out)->flags & O_PATH)) {
		file_put(*out);
		err = -EBADF;
	}
	return err;
}

/* get_file_raw - see sys_util.h.  Context: thread. */
int
get_file_raw(int fd, struct file **out)
{
	return fd_get(current_fdt(), fd, out);
}

/* fd_path - see sys_util.h.  Context: thread. */
int
fd_path(int dirfd, struct path *out)
{
	struct file *f;
	int err;

	if (dirfd == AT_FDCWD) {
		*out = current_proc()->cwd;
		path_get(out);
		return 0;
	}
	if ((err = fd_get(current_fdt(), dirfd, &f)) < 0)
		return err;
	out->mnt = f->mnt;
	out->inode = f->inode;
	path_get(out);
	file_put(f);
	return 0;
}

/* resolve_dirfd - see sys_util.h.  Context: thread. */
int
resolve_dirfd(int dirfd, struct path *out)
{
	int err = fd_path(dirfd, out);

	if (err == 0 && !S_ISDIR(out->inode->mode)) {
		path_put(out);
		err = -ENOTDIR;
	}
	return err;
}

/* resolve_at - see sys_util.h.  Context: thread. */
int
resolve_at(int dirfd, const char *name, struct path *out)
{
	return resolve_dirfd(name[0] == '/' ? AT_FDCWD : dirfd, out);
}

/* get_at - see sys_util.h.  Context: thread; may fault, sleep. */
int
get_at(int dirfd, uaddr_t upath, struct path *base, char **name)
{
	int err;

	if ((err = get_user_path(upath, false, name)) < 0)
		return err;
	if ((err = resolve_at(dirfd, *name, base)) < 0)
		kfree(*name);
	return err;
}

/* put_at - release what get_at gave. */
void
put_at(struct path *base, char *name)
{
	path_put(base);
	kfree(name);
}

/* What find_child looks for in a directory, and what it found. */
struct child_search {
	uint64_t ino;
	size_t len;
	bool found;
	char name[NAME_MAX + 1];
};

/* match_ino - readdir callback: stop at the entry (not . or ..) for s->ino.
 * Context: vfs_ns_lock held by vfs_readdir. */
static int
match_ino(void *ctx, const char *name, size_t len, uint64_t ino,
	  unsigned int d_type)
{
	struct child_search *s = ctx;

	(void)d_type;
	if (ino != s->ino || len > NAME_MAX ||
	    (name[0] == '.' && (len == 1 || (len == 2 && name[1] == '.'))))
		return 0;
	memcpy(s->name, name, len);
	s->name[len] = '\0';
	s->len = len;
	s->found = true;
	return 1;
}

/* find_child - the name of inode @ino in directory @dir, into @s.
 * Returns 0, -ENOENT (not there) or a VFS error. */
static int
find_child(const struct path *dir, uint64_t ino, struct child_search *s)
{
	struct file *f;
	int err;

	s->ino = ino;
	s->found = false;
	if ((err = file_open_inode(dir->mnt, dir->inode, O_RDONLY, &f)) < 0)
		return err;
	err = vfs_readdir(f, match_ino, s);
	file_put(f);
	if (err < 0)
		return err;
	return s->found ? 0 : -ENOENT;
}

/* prepend - put "/" @name before the string that starts at @buf + *@pos. */
static int
prepend(char *buf, size_t *pos, const char *name, size_t len)
{
	if (*pos < len + 1)
		return -ENAMETOOLONG;
	*pos -= len + 1;
	buf[*pos] = '/';
	memcpy(buf + *pos + 1, name, len);
	return 0;
}

/*
 * up_one - move @cur up one step: from the root of a mount to the
 * directory it is mounted on (no name), or to its parent directory,
 * prepending its name there.  @cur stays referenced either way.
 */
static int
up_one(struct path *cur, char *buf, size_t *pos, struct child_search *s)
{
	struct mount *m = cur->mnt;
	struct path parent;
	int err;

	if (cur->inode == m->root) {
		path_put(cur);
		cur->mnt = m->parent;
		cur->inode = m->mountpoint;
		inode_get(cur->inode);
		return 0;
	}
	if (cur->inode->nlink == 0)
		return -ENOENT; /* removed: no name */
	if ((err = vfs_lookup(cur, "..", 0, &parent)) < 0)
		return err;
	if ((err = find_child(&parent, cur->inode->ino, s)) == 0)
		err = prepend(buf, pos, s->name, s->len);
	path_put(cur);
	*cur = parent;
	return err;
}

/* path_to_name - see sys_util.h.  Context: thread; may sleep. */
int
path_to_name(const struct path *p, char *buf, size_t size)
{
	struct child_search *s;
	struct path cur = *p;
	size_t pos = size - 1;
	int err = 0;

	if (size < 2)
		return -ENAMETOOLONG;
	if (!(s = kmalloc(sizeof(*s))))
		return -ENOMEM;
	buf[pos] = '\0';
	path_get(&cur);
	while (err == 0 && (cur.inode != cur.mnt->root || cur.mnt->parent))
		err = up_one(&cur, buf, &pos, s);
	path_put(&cur);
	kfree(s);
	if (err < 0)
		return err;
	if (pos == size - 1)
		buf[--pos] = '/'; /* the root itself */
	memmove(buf, buf + pos, size - pos);
	return (int)(size - 1 - pos);
}

/* put_user_kstat - see sys_util.h.  Returns 0 or -EFAULT. */
int
put_user_kstat(uaddr_t ustat, const struct kstat *k)
{
	struct linux_stat st = {
		.st_dev = k->dev,
		.st_ino = k->ino,
		.st_nlink = k->nlink,
		.st_mode = k->mode,
		.st_uid = k->uid,
		.st_gid = k->gid,
		.st_rdev = k->rdev,
		.st_size = (int64_t)k->size,
		.st_blksize = k->blksize,
		.st_blocks = (int64_t)k->blocks,
		.st_atime = k->atime.tv_sec,
		.st_atime_nsec = k->atime.tv_nsec,
		.st_mtime = k->mtime.tv_sec,
		.st_mtime_nsec = k->mtime.tv_nsec,
		.st_ctime = k->ctime.tv_sec,
		.st_ctime_nsec = k->ctime.tv_nsec,
	};

	return copy_to_user(ustat, &st, sizeof(st));
}
