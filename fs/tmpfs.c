/*
 * fs/tmpfs.c: the memory filesystem (the root, and /dev as devtmpfs).
 *
 * Regular files keep an array of page pointers; a NULL slot is a hole
 * that reads as zeros, so files are sparse.  Pages come from the heap
 * (whole pages); running out of memory is -ENOSPC, never a panic.
 * Directories keep their entries twice: in a hash table for lookup and in
 * a list in creation order, whose sequence numbers are the readdir
 * cookies (stable while entries come and go).  Every directory entry
 * holds a reference on its inode, so an inode is evicted when it has
 * neither links nor open files.
 *
 * Locks: directory contents under vfs_ns_lock (the VFS calls the
 * directory ops with it held); file pages and size under inode->lock.
 */
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"

#define PAGE		4096u
#define MAX_FILE_SIZE	(1ull << 40)	/* 1 TiB: the page array's limit */

struct dirent_t {
	struct dirent_t	*hnext;		/* hash chain */
	struct dirent_t	*next, *prev;	/* creation order */
	uint64_t	 seq;		/* readdir cookie - 2 */
	struct inode	*inode;		/* referenced */
	size_t		 len;
	char		 name[];
};

struct tnode {
	struct inode	*parent;	/* directories: ".." (not referenced) */
	struct dirent_t	**hash;		/* directories */
	size_t		 nbuckets, nentries;
	struct dirent_t	*first, *last;
	uint64_t	 next_seq;
	uint8_t		**pages;	/* regular files */
	size_t		 npages;	/* slots in pages[] */
	char		*target;	/* symlinks */
};

static const struct inode_ops tmpfs_dir_iops, tmpfs_file_iops,
	tmpfs_link_iops, tmpfs_node_iops;
static const struct file_ops tmpfs_file_fops, tmpfs_dir_fops;

static inline struct tnode *
TN(struct inode *ino)
{
	return ino->priv;
}

static uint64_t
hash_name(const char *name, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull;	/* FNV-1a */

	for (size_t i = 0; i < len; i++)
		h = (h ^ (uint8_t)name[i]) * 0x100000001b3ull;
	return h;
}

/* find - the entry @name of @dir, or NULL. */
static struct dirent_t *
find(struct inode *dir, const char *name, size_t len)
{
	struct tnode *d = TN(dir);

	if (!d->nbuckets)
		return NULL;
	for (struct dirent_t *e = d->hash[hash_name(name, len) % d->nbuckets];
	     e; e = e->hnext)
		if (e->len == len && memcmp(e->name, name, len) == 0)
			return e;
	return NULL;
}

/* rehash - grow the table so chains stay short.  -ENOSPC if no memory. */
static int
rehash(struct tnode *d)
{
	size_t n = d->nbuckets ? d->nbuckets * 2 : 16;
	struct dirent_t **h = kzalloc(n * sizeof(*h));

	if (!h)
		return -ENOSPC;
	for (struct dirent_t *e = d->first; e; e = e->next) {
		size_t b = hash_name(e->name, e->len) % n;
		e->hnext = h[b];
		h[b] = e;
	}
	kfree(d->hash);
	d->hash = h;
	d->nbuckets = n;
	return 0;
}

/* add_entry - link @ino into @dir as @name (takes a reference). */
static int
add_entry(struct inode *dir, const char *name, size_t len, struct inode *ino)
{
	struct tnode *d = TN(dir);
	struct dirent_t *e;
	size_t b;

	if (d->nentries + 1 > d->nbuckets * 2 && rehash(d) < 0)
		return -ENOSPC;
	if (!(e = kmalloc(sizeof(*e) + len + 1)))
		return -ENOSPC;
	memcpy(e->name, name, len);
	e->name[len] = '\0';
	e->len = len;
	e->inode = ino;
	inode_get(ino);
	e->seq = d->next_seq++;
	e->next = NULL;
	e->prev = d->last;
	if (d->last)
		d->last->next = e;
	else
		d->first = e;
	d->last = e;
	b = hash_name(name, len) % d->nbuckets;
	e->hnext = d->hash[b];
	d->hash[b] = e;
	d->nentries++;
	inode_touch(dir, ATTR_MTIME | ATTR_CTIME);
	return 0;
}

/* drop_entry - unlink @e from @dir and drop its inode reference. */
static void
drop_entry(struct inode *dir, struct dirent_t *e)
{
	struct tnode *d = TN(dir);
	struct dirent_t **link = &d->hash[hash_name(e->name, e->len) %
					  d->nbuckets];

	while (*link != e)
		link = &(*link)->hnext;
	*link = e->hnext;
	if (e->prev)
		e->prev->next = e->next;
	else
		d->first = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		d->last = e->prev;
	d->nentries--;
	inode_touch(dir, ATTR_MTIME | ATTR_CTIME);
	inode_put(e->inode);
	kfree(e);
}

/* new_node - an inode of @sb with its tmpfs part; NULL if no memory. */
static struct inode *
new_node(struct superblock *sb, mode_t_k mode, struct inode *parent)
{
	struct inode *ino = inode_new(sb, mode);
	struct tnode *t;

	if (!ino)
		return NULL;
	if (!(t = kzalloc(sizeof(*t)))) {
		kfree(ino);
		return NULL;
	}
	ino->priv = t;
	if (S_ISDIR(mode)) {
		ino->iops = &tmpfs_dir_iops;
		ino->fops = &tmpfs_dir_fops;
		ino->nlink = 2;
		t->parent = parent ? parent : ino;
	} else if (S_ISREG(mode)) {
		ino->iops = &tmpfs_file_iops;
		ino->fops = &tmpfs_file_fops;
	} else if (S_ISLNK(mode)) {
		ino->iops = &tmpfs_link_iops;
	} else {
		ino->iops = &tmpfs_node_iops;	/* devices, FIFOs, sockets */
	}
	return ino;
}

/* ---- regular files -------------------------------------------------------- */

/* file_pages - make room for @pages page slots. */
static int
file_pages(struct tnode *t, size_t pages)
{
	uint8_t **p;
	size_t n = t->npages ? t->npages : 4;

	if (pages <= t->npages)
		return 0;
	while (n < pages)
		n *= 2;
	if (!(p = krealloc(t->pages, n * sizeof(*p))))
		return -ENOSPC;
	memset(p + t->npages, 0, (n - t->npages) * sizeof(*p));
	t->pages = p;
	t->npages = n;
	return 0;
}

/* free_pages_from - free the pages at index @first and above. */
static void
free_pages_from(struct inode *ino, size_t first)
{
	struct tnode *t = TN(ino);

	for (size_t i = first; i < t->npages; i++) {
		if (t->pages[i]) {
			kfree(t->pages[i]);
			t->pages[i] = NULL;
			ino->blocks -= PAGE / 512;
		}
	}
}

/* set_size - truncate (freeing pages, zeroing the tail) or extend. */
static int
set_size(struct inode *ino, uint64_t size)
{
	struct tnode *t = TN(ino);
	size_t keep = (size_t)((size + PAGE - 1) / PAGE);

	if (size > MAX_FILE_SIZE)
		return -EFBIG;
	if (size < ino->size) {
		free_pages_from(ino, keep);
		if (size % PAGE && keep - 1 < t->npages && t->pages[keep - 1])
			memset(t->pages[keep - 1] + size % PAGE, 0,
			       PAGE - size % PAGE);
	}
	ino->size = size;
	inode_touch(ino, ATTR_MTIME | ATTR_CTIME);
	return 0;
}

static ssize_t
tmpfs_read(struct file *f, void *buf, size_t len, uint64_t *pos)
{
	struct inode *ino = f->inode;
	struct tnode *t = TN(ino);
	size_t done = 0;

	mutex_lock(&ino->lock);
	while (done < len && *pos < ino->size) {
		size_t idx = (size_t)(*pos / PAGE), off = (size_t)(*pos % PAGE);
		size_t n = MIN(MIN(len - done, (size_t)(PAGE - off)),
			       (size_t)(ino->size - *pos));
		if (idx < t->npages && t->pages[idx])
			memcpy((uint8_t *)buf + done, t->pages[idx] + off, n);
		else
			memset((uint8_t *)buf + done, 0, n);	/* a hole */
		done += n;
		*pos += n;
	}
	mutex_unlock(&ino->lock);
	return (ssize_t)done;
}

/* page_for_write - the page at @idx, allocated (zeroed) if a hole. */
static uint8_t *
page_for_write(struct inode *ino, size_t idx)
{
	struct tnode *t = TN(ino);

	if (file_pages(t, idx + 1) < 0)
		return NULL;
	if (!t->pages[idx]) {
		if (!(t->pages[idx] = kzalloc(PAGE)))
			return NULL;
		ino->blocks += PAGE / 512;
	}
	return t->pages[idx];
}

static ssize_t
tmpfs_write(struct file *f, const void *buf, size_t len, uint64_t *pos)
{
	struct inode *ino = f->inode;
	size_t done = 0;

	if (*pos >= MAX_FILE_SIZE)
		return -EFBIG;
	len = (size_t)MIN((uint64_t)len, MAX_FILE_SIZE - *pos);
	mutex_lock(&ino->lock);
	while (done < len) {
		size_t idx = (size_t)(*pos / PAGE), off = (size_t)(*pos % PAGE);
		size_t n = MIN(len - done, (size_t)(PAGE - off));
		uint8_t *page = page_for_write(ino, idx);
		if (!page)
			break;
		memcpy(page + off, (const uint8_t *)buf + done, n);
		done += n;
		*pos += n;
		if (*pos > ino->size)
			ino->size = *pos;
	}
	mutex_unlock(&ino->lock);
	return done > 0 ? (ssize_t)done : len == 0 ? 0 : -ENOSPC;
}

static int
tmpfs_setattr(struct inode *ino, const struct iattr *a)
{
	int err;

	if ((a->valid & ATTR_SIZE) && (err = set_size(ino, a->size)) < 0)
		return err;
	if (a->valid & ATTR_MODE)
		ino->mode = (ino->mode & S_IFMT) | (a->mode & 07777);
	if (a->valid & ATTR_UID)
		ino->uid = a->uid;
	if (a->valid & ATTR_GID)
		ino->gid = a->gid;
	if (a->valid & ATTR_ATIME)
		ino->atime = a->atime;
	if (a->valid & ATTR_MTIME)
		ino->mtime = a->mtime;
	ino->ctime = (a->valid & ATTR_CTIME) ? a->ctime : vfs_now();
	return 0;
}

/* tmpfs_evict - no links, no references: give everything back. */
static void
tmpfs_evict(struct inode *ino)
{
	struct tnode *t = TN(ino);

	if (S_ISREG(ino->mode))
		free_pages_from(ino, 0);
	while (t->first)		/* only for a filesystem being killed */
		drop_entry(ino, t->first);
	kfree(t->pages);
	kfree(t->hash);
	kfree(t->target);
	kfree(t);
	kfree(ino);
}

/* ---- directories -------------------------------------------------------------- */

static int
tmpfs_lookup(struct inode *dir, const char *name, size_t len,
	     struct inode **out)
{
	struct dirent_t *e;

	if (dir->nlink == 0)
		return -ENOENT;		/* a removed directory is empty */
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		*out = TN(dir)->parent;
		inode_get(*out);
		return 0;
	}
	if (!(e = find(dir, name, len)))
		return -ENOENT;
	*out = e->inode;
	inode_get(*out);
	return 0;
}

/* make - create @name in @dir with @mode: the body of every create op. */
static int
make(struct inode *dir, const char *name, size_t len, mode_t_k mode,
     struct inode **out)
{
	struct inode *ino;
	int err;

	if (dir->nlink == 0)
		return -ENOENT;		/* no new entries in a removed directory */
	if (!(ino = new_node(dir->sb, mode, dir)))
		return -ENOSPC;
	if ((err = add_entry(dir, name, len, ino)) < 0) {
		ino->nlink = 0;
		inode_put(ino);
		return err;
	}
	if (S_ISDIR(mode))
		dir->nlink++;			/* the new ".." */
	*out = ino;
	return 0;
}

static int
tmpfs_mknod(struct inode *dir, const char *name, size_t len, mode_t_k mode,
	    dev_t_k rdev, struct inode **out)
{
	int err = make(dir, name, len, mode, out);

	if (err == 0)
		(*out)->rdev = rdev;
	return err;
}

static int
tmpfs_mkdir(struct inode *dir, const char *name, size_t len, mode_t_k mode,
	    struct inode **out)
{
	return make(dir, name, len, S_IFDIR | (mode & 07777), out);
}

static int
tmpfs_symlink(struct inode *dir, const char *name, size_t len,
	      const char *target, struct inode **out)
{
	size_t tlen = strlen(target);
	char *copy = kmalloc(tlen + 1);
	int err;

	if (!copy)
		return -ENOSPC;
	memcpy(copy, target, tlen + 1);
	if ((err = make(dir, name, len, S_IFLNK | 0777, out)) < 0) {
		kfree(copy);
		return err;
	}
	TN(*out)->target = copy;
	(*out)->size = tlen;
	return 0;
}

static ssize_t
tmpfs_readlink(struct inode *ino, char *buf, size_t len)
{
	size_t n = MIN(len, (size_t)ino->size);

	memcpy(buf, TN(ino)->target, n);
	return (ssize_t)n;
}

static int
tmpfs_link(struct inode *old, struct inode *dir, const char *name, size_t len)
{
	int err = add_entry(dir, name, len, old);

	if (err == 0) {
		old->nlink++;
		inode_touch(old, ATTR_CTIME);
	}
	return err;
}

static int
tmpfs_unlink(struct inode *dir, const char *name, size_t len)
{
	struct dirent_t *e = find(dir, name, len);

	if (!e)
		return -ENOENT;
	e->inode->nlink--;
	inode_touch(e->inode, ATTR_CTIME);
	drop_entry(dir, e);
	return 0;
}

static int
tmpfs_rmdir(struct inode *dir, const char *name, size_t len)
{
	struct dirent_t *e = find(dir, name, len);

	if (!e)
		return -ENOENT;
	if (TN(e->inode)->nentries)
		return -ENOTEMPTY;
	e->inode->nlink = 0;
	TN(e->inode)->parent = e->inode;	/* its parent may go next */
	dir->nlink--;
	drop_entry(dir, e);
	return 0;
}

/*
 * tmpfs_rename - move an entry; a replaced target is unlinked.  The VFS
 * has checked types, emptiness is checked here.  RENAME_EXCHANGE swaps.
 */
static int
tmpfs_rename(struct inode *odir, const char *oname, size_t olen,
	     struct inode *ndir, const char *nname, size_t nlen,
	     unsigned int flags)
{
	struct dirent_t *src = find(odir, oname, olen), *dst = find(ndir, nname, nlen);
	struct inode *ino;
	bool dir;
	int err;

	if (!src)
		return -ENOENT;
	if (src == dst)
		return 0;			/* the same link: nothing to do */
	ino = src->inode;
	dir = S_ISDIR(ino->mode);
	if (flags & RENAME_EXCHANGE)
		return -EINVAL;			/* FIXME: not supported yet */
	if (dst && S_ISDIR(dst->inode->mode) && TN(dst->inode)->nentries)
		return -ENOTEMPTY;
	inode_get(ino);
	if (dst) {
		dst->inode->nlink = S_ISDIR(dst->inode->mode) ? 0 :
							    dst->inode->nlink - 1;
		if (S_ISDIR(dst->inode->mode)) {
			ndir->nlink--;
			TN(dst->inode)->parent = dst->inode;
		}
		drop_entry(ndir, dst);
	}
	if ((err = add_entry(ndir, nname, nlen, ino)) == 0) {
		drop_entry(odir, find(odir, oname, olen));
		if (dir && odir != ndir) {
			TN(ino)->parent = ndir;
			odir->nlink--;
			ndir->nlink++;
		}
		inode_touch(ino, ATTR_CTIME);
	}
	inode_put(ino);
	return err;
}

/* tmpfs_readdir - ".", "..", then entries by creation order from *@pos. */
static int
tmpfs_readdir(struct inode *dir, uint64_t *pos, filldir_t fill, void *ctx)
{
	struct tnode *d = TN(dir);

	if (*pos == 0) {
		if (fill(ctx, ".", 1, dir->ino, DT_DIR))
			return 0;
		*pos = 1;
	}
	if (*pos == 1) {
		if (fill(ctx, "..", 2, d->parent->ino, DT_DIR))
			return 0;
		*pos = 2;
	}
	for (struct dirent_t *e = d->first; e; e = e->next) {
		if (e->seq + 2 < *pos)
			continue;
		if (fill(ctx, e->name, e->len, e->inode->ino,
			 mode_to_dtype(e->inode->mode)))
			return 0;
		*pos = e->seq + 3;
	}
	return 0;
}

static const struct inode_ops tmpfs_dir_iops = {
	.lookup = tmpfs_lookup,
	.mknod = tmpfs_mknod,
	.mkdir = tmpfs_mkdir,
	.symlink = tmpfs_symlink,
	.link = tmpfs_link,
	.unlink = tmpfs_unlink,
	.rmdir = tmpfs_rmdir,
	.rename = tmpfs_rename,
	.setattr = tmpfs_setattr,
	.readdir = tmpfs_readdir,
	.evict = tmpfs_evict,
};

static const struct inode_ops tmpfs_file_iops = {
	.setattr = tmpfs_setattr,
	.evict = tmpfs_evict,
};

static const struct inode_ops tmpfs_link_iops = {
	.readlink = tmpfs_readlink,
	.setattr = tmpfs_setattr,
	.evict = tmpfs_evict,
};

static const struct inode_ops tmpfs_node_iops = {
	.setattr = tmpfs_setattr,
	.evict = tmpfs_evict,
};

static const struct file_ops tmpfs_file_fops = {
	.read = tmpfs_read,
	.write = tmpfs_write,
	.llseek = generic_llseek,
};

static const struct file_ops tmpfs_dir_fops = {
	.llseek = generic_llseek,
};

/* tmpfs_mount - a new, empty tmpfs: a root directory (mode 0755). */
static int
tmpfs_mount(const char *source, struct superblock **out)
{
	struct superblock *sb = kzalloc(sizeof(*sb));

	(void)source;
	if (!sb)
		return -ENOMEM;
	if (!(sb->root = new_node(sb, S_IFDIR | 0755, NULL))) {
		kfree(sb);
		return -ENOMEM;
	}
	*out = sb;
	return 0;
}

/* tmpfs_kill - unmounted: drop the root, and with it every file. */
static void
tmpfs_kill(struct superblock *sb)
{
	inode_put(sb->root);
	kfree(sb);
}

struct fs_type tmpfs_fs_type = {
	.name = "tmpfs",
	.mount = tmpfs_mount,
	.kill = tmpfs_kill,
};
