/*
 * fs/vfs.c: inodes, filesystem types, mounts and start-up of the VFS
 * (fs/vfs.h).  Path resolution is in fs/namei.c, open files in fs/file.c.
 */
#include "fs/devfs.h"
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "mm/kmalloc.h"

struct mutex vfs_ns_lock;			/* [N] see vfs.h */
static struct fs_type *fs_types;		/* [N] */
static struct mount *mounts;			/* [N] */
static struct mount *root_mount;		/* [I] after vfs_init */
static uint64_t next_dev = 1;			/* [N] */

/* vfs_now - see vfs.h.  Context: any. */
struct timespec_k
vfs_now(void)
{
	uint64_t ns = time_realtime_ns();

	return (struct timespec_k){ .tv_sec = (int64_t)(ns / NSEC_PER_SEC),
				    .tv_nsec = (int64_t)(ns % NSEC_PER_SEC) };
}

/* inode_new - see vfs.h.  Returns NULL when out of memory. */
struct inode *
inode_new(struct superblock *sb, mode_t_k mode)
{
	struct inode *ino = kzalloc(sizeof(*ino));

	if (!ino)
		return NULL;
	ino->ino = __atomic_add_fetch(&sb->next_ino, 1, __ATOMIC_RELAXED);
	ino->mode = mode;
	ino->nlink = 1;
	ino->refs = 1;
	ino->sb = sb;
	ino->atime = ino->mtime = ino->ctime = vfs_now();
	mutex_init(&ino->lock, "inode");
	return ino;
}

void
inode_get(struct inode *ino)
{
	__atomic_add_fetch(&ino->refs, 1, __ATOMIC_RELAXED);
}

/*
 * inode_put - see vfs.h.  An inode with links stays (its directory entry
 * holds a reference); the last put of an unlinked one evicts it.
 */
void
inode_put(struct inode *ino)
{
	if (!ino)
		return;
	if (__atomic_sub_fetch(&ino->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	if (ino->iops && ino->iops->evict)
		ino->iops->evict(ino);
	else
		kfree(ino);
}

/* inode_touch - see vfs.h.  Context: thread. */
void
inode_touch(struct inode *ino, unsigned int which)
{
	struct timespec_k now = vfs_now();

	if (which & ATTR_ATIME)
		ino->atime = now;
	if (which & ATTR_MTIME)
		ino->mtime = now;
	if (which & ATTR_CTIME)
		ino->ctime = now;
}

void
path_get(const struct path *p)
{
	inode_get(p->inode);
}

void
path_put(struct path *p)
{
	inode_put(p->inode);
	p->inode = NULL;
}

unsigned int
mode_to_dtype(mode_t_k mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:	return DT_REG;
	case S_IFDIR:	return DT_DIR;
	case S_IFLNK:	return DT_LNK;
	case S_IFCHR:	return DT_CHR;
	case S_IFBLK:	return DT_BLK;
	case S_IFIFO:	return DT_FIFO;
	case S_IFSOCK:	return DT_SOCK;
	default:	return DT_UNKNOWN;
	}
}

/* register_filesystem - see vfs.h.  Context: boot. */
int
register_filesystem(struct fs_type *fs)
{
	struct fs_type **link;

	mutex_lock(&vfs_ns_lock);
	for (struct fs_type *t = fs_types; t; t = t->next)
		if (strcmp(t->name, fs->name) == 0) {
			mutex_unlock(&vfs_ns_lock);
			return -EBUSY;
		}
	fs->next = NULL;
	for (link = &fs_types; *link; link = &(*link)->next)
		;
	*link = fs;			/* registration order, as Linux lists them */
	mutex_unlock(&vfs_ns_lock);
	return 0;
}

static struct fs_type *
find_fs_type(const char *name)
{
	for (struct fs_type *t = fs_types; t; t = t->next)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

/* vfs_for_each_mount - call @fn for every mount, oldest (/) first, with
 * vfs_ns_lock held (@fn must not take it). */
void
vfs_for_each_mount(void (*fn)(const struct mount *m, void *ctx), void *ctx)
{
	mutex_lock(&vfs_ns_lock);
	for (struct mount *m = mounts; m; m = m->next)
		fn(m, ctx);
	mutex_unlock(&vfs_ns_lock);
}

/* vfs_for_each_fs_type - call @fn for every registered filesystem type. */
void
vfs_for_each_fs_type(void (*fn)(const struct fs_type *t, void *ctx), void *ctx)
{
	for (struct fs_type *t = fs_types; t; t = t->next)
		fn(t, ctx);
}

/*
 * attach - make a mount of @sb on @mp (in @parent; both NULL for /).
 * Context: vfs_ns_lock held.
 */
static int
attach(struct superblock *sb, struct mount *parent, struct inode *mp,
       const char *source, const char *where)
{
	struct mount *m = kzalloc(sizeof(*m)), **link;

	if (!m)
		return -ENOMEM;
	m->sb = sb;
	m->root = sb->root;
	inode_get(m->root);
	m->parent = parent;
	m->mountpoint = mp;
	if (mp) {
		inode_get(mp);
		mp->mounted = m;
	} else {
		root_mount = m;
	}
	strlcpy(m->where, where, sizeof(m->where));
	strlcpy(m->source, source, sizeof(m->source));
	m->next = NULL;
	for (link = &mounts; *link; link = &(*link)->next)
		;
	*link = m;			/* oldest first, as /proc/mounts lists */
	return 0;
}

/* new_superblock - mount an instance of filesystem type @name. */
static int
new_superblock(const char *name, const char *source, struct superblock **sb)
{
	struct fs_type *type = find_fs_type(name);
	int err;

	if (!type)
		return -ENODEV;
	if ((err = type->mount(source, sb)) < 0)
		return err;
	(*sb)->type = type;
	(*sb)->dev = next_dev++;
	return 0;
}

/* vfs_mount - see vfs.h.  Context: thread. */
int
vfs_mount(const struct path *cwd, const char *source, const char *target,
	  const char *fstype)
{
	struct path at;
	struct superblock *sb;
	int err;

	if ((err = vfs_lookup(cwd, target, LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
			      &at)) < 0)
		return err;
	mutex_lock(&vfs_ns_lock);
	if (at.inode->mounted || at.inode == at.mnt->root)
		err = -EBUSY;	/* one filesystem per directory, for now */
	else if ((err = new_superblock(fstype, source, &sb)) == 0)
		err = attach(sb, at.mnt, at.inode, source, target);
	mutex_unlock(&vfs_ns_lock);
	path_put(&at);
	return err;
}

/* vfs_umount - see vfs.h.  Only an unused leaf mount can go. */
int
vfs_umount(const struct path *cwd, const char *target)
{
	struct path at;
	struct mount **link, *m;
	int err;

	if ((err = vfs_lookup(cwd, target, LOOKUP_FOLLOW, &at)) < 0)
		return err;
	mutex_lock(&vfs_ns_lock);
	m = at.mnt;
	err = at.inode != m->root ? -EINVAL : m == root_mount ? -EBUSY : 0;
	for (struct mount *c = mounts; err == 0 && c; c = c->next)
		if (c->parent == m)
			err = -EBUSY;
	/* Busy: a file open on it, or its root referenced by anyone besides
	 * the superblock, the mount and this lookup (a cwd, say). */
	if (err == 0 && (m->open_files > 0 || m->root->refs > 3))
		err = -EBUSY;
	if (err == 0) {
		for (link = &mounts; *link != m; link = &(*link)->next)
			;
		*link = m->next;
		m->mountpoint->mounted = NULL;
	}
	mutex_unlock(&vfs_ns_lock);
	path_put(&at);
	if (err == 0) {
		inode_put(m->mountpoint);
		inode_put(m->root);
		if (m->sb->type->kill)
			m->sb->type->kill(m->sb);
		kfree(m);
	}
	return err;
}

/* vfs_root - see vfs.h.  Context: any thread. */
void
vfs_root(struct path *out)
{
	out->mnt = root_mount;
	out->inode = root_mount->root;
	inode_get(out->inode);
}

/* mount_at_boot - mkdir @where and mount @fstype there, or panic. */
static void
mount_at_boot(const char *fstype, const char *where)
{
	struct path root;
	int err;

	vfs_root(&root);
	err = vfs_mkdir(&root, where, 0755);
	if (err == 0 || err == -EEXIST)
		err = vfs_mount(&root, fstype, where, fstype);
	path_put(&root);
	if (err < 0)
		panic("vfs_init: cannot mount %s on %s (%d)", fstype, where,
		      err);
}

/* vfs_init - see vfs.h.  Context: boot thread, scheduler running. */
void
vfs_init(void)
{
	struct superblock *sb;

	mutex_init(&vfs_ns_lock, "vfs namespace");
	register_filesystem(&tmpfs_fs_type);
	register_filesystem(&devfs_fs_type);
	register_filesystem(&procfs_fs_type);
	mutex_lock(&vfs_ns_lock);
	if (new_superblock("tmpfs", "rootfs", &sb) < 0 ||
	    attach(sb, NULL, NULL, "rootfs", "/") < 0)
		panic("vfs_init: cannot create the root filesystem");
	mutex_unlock(&vfs_ns_lock);
	mount_at_boot("devtmpfs", "/dev");
	mount_at_boot("proc", "/proc");
	dev_drivers_init();
	devfs_populate();
	pr_info("vfs: tmpfs at /, devtmpfs at /dev, proc at /proc\n");
}
