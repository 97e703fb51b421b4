/*
 * fs/namei.c: path resolution and the operations on names (fs/vfs.h).
 *
 * The walk is iterative: a symlink met on the way is expanded in place
 * (its target followed by the rest of the name) in one PATH_MAX buffer,
 * so forty nested links cost no kernel stack.  ".." at the root of a
 * mount continues from the directory it is mounted on; a directory with a
 * filesystem mounted on it continues at that filesystem's root.
 *
 * Locks: every operation runs under vfs_ns_lock (fs/vfs.c): lookups, and
 * the directory ops of the filesystems, see a namespace that holds still.
 */
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"

extern struct mutex vfs_ns_lock;

struct walk {
	struct path cur;		/* referenced */
	char	*buf;			/* the rest of the name, PATH_MAX + 1 */
	char	*p;
	int	 links;
	int	 flags;
};

/* walk_start - begin at @cwd, or at the root for an absolute @name. */
static int
walk_start(struct walk *w, const struct path *cwd, const char *name, int flags)
{
	size_t len = strnlen(name, PATH_MAX);

	if (len == 0)
		return -ENOENT;
	if (len >= PATH_MAX)
		return -ENAMETOOLONG;
	if (!(w->buf = kmalloc(PATH_MAX + 1)))
		return -ENOMEM;
	memcpy(w->buf, name, len + 1);
	w->p = w->buf;
	w->links = 0;
	w->flags = flags;
	if (name[0] == '/') {
		vfs_root(&w->cur);
	} else {
		w->cur = *cwd;
		path_get(cwd);
	}
	return 0;
}

static void
walk_end(struct walk *w)
{
	kfree(w->buf);
	if (w->cur.inode)
		path_put(&w->cur);
}

/* go_up - "..": stays at /, leaves a mount through its mount point. */
static int
go_up(struct walk *w)
{
	struct inode *parent;
	int err;

	while (w->cur.inode == w->cur.mnt->root) {
		struct mount *m = w->cur.mnt;
		if (!m->parent)
			return 0;		/* "/.." is "/" */
		inode_put(w->cur.inode);
		w->cur.mnt = m->parent;
		w->cur.inode = m->mountpoint;
		inode_get(w->cur.inode);
	}
	if ((err = w->cur.inode->iops->lookup(w->cur.inode, "..", 2,
					      &parent)) < 0)
		return err;
	inode_put(w->cur.inode);
	w->cur.inode = parent;
	return 0;
}

/* go_down - enter @child of the current directory, crossing mounts. */
static void
go_down(struct walk *w, struct inode *child)
{
	inode_put(w->cur.inode);
	while (child->mounted) {
		struct mount *m = child->mounted;
		inode_put(child);
		child = m->root;
		inode_get(child);
		w->cur.mnt = m;
	}
	w->cur.inode = child;
}

/*
 * expand_link - replace the walked part by the target of @link: the buffer
 * becomes "target/rest".  An absolute target restarts at the root.
 */
static int
expand_link(struct walk *w, struct inode *link, const char *rest)
{
	size_t restlen = strlen(rest), n;
	char *next;
	ssize_t len;

	if (++w->links > SYMLOOP_MAX)
		return -ELOOP;
	if (!link->iops->readlink)
		return -EINVAL;
	if (!(next = kmalloc(PATH_MAX + 1)))
		return -ENOMEM;
	len = link->iops->readlink(link, next, PATH_MAX);
	n = len < 0 ? 0 : (size_t)len;
	if (len <= 0 || n + 1 + restlen >= PATH_MAX) {
		kfree(next);
		return len < 0 ? (int)len : len == 0 ? -ENOENT : -ENAMETOOLONG;
	}
	if (restlen > 0)			/* "target" + "/rest" */
		next[n++] = '/';
	memcpy(next + n, rest, restlen + 1);
	if (next[0] == '/') {
		path_put(&w->cur);
		vfs_root(&w->cur);
	}
	kfree(w->buf);
	w->buf = w->p = next;
	return 0;
}

/* next_component - the next name in the buffer; NULL at the end. */
static const char *
next_component(struct walk *w, size_t *len, bool *last, bool *slash)
{
	const char *name, *q;

	while (*w->p == '/')
		w->p++;
	if (*w->p == '\0')
		return NULL;
	name = w->p;
	while (*w->p && *w->p != '/')
		w->p++;
	*len = (size_t)(w->p - name);
	for (q = w->p; *q == '/'; q++)
		;
	*last = *q == '\0';
	*slash = *w->p == '/';
	return name;
}

/*
 * step - resolve one component @name (not the last one when @parent_only).
 * Returns 0, or -errno.
 */
static int
step(struct walk *w, const char *name, size_t len, bool last, bool slash)
{
	struct inode *dir = w->cur.inode, *child;
	int err;

	if (!S_ISDIR(dir->mode))
		return -ENOTDIR;
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (len == 1 && name[0] == '.')
		return 0;
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return go_up(w);
	if (!dir->iops || !dir->iops->lookup)
		return -ENOTDIR;
	if ((err = dir->iops->lookup(dir, name, len, &child)) < 0)
		return err;
	if (S_ISLNK(child->mode) &&
	    (!last || slash || (w->flags & LOOKUP_FOLLOW))) {
		err = expand_link(w, child, w->p);
		inode_put(child);
		return err;
	}
	go_down(w, child);
	return 0;
}

/* walk_all - resolve every component; the result is in w->cur. */
static int
walk_all(struct walk *w)
{
	const char *name;
	size_t len;
	bool last, slash, trailing = false;
	int err;

	while ((name = next_component(w, &len, &last, &slash)) != NULL) {
		if ((err = step(w, name, len, last, slash)) < 0)
			return err;
		trailing = last && slash;
	}
	if ((trailing || (w->flags & LOOKUP_DIRECTORY)) &&
	    !S_ISDIR(w->cur.inode->mode))
		return -ENOTDIR;
	return 0;
}

/* vfs_lookup - see vfs.h.  Context: thread; takes vfs_ns_lock. */
int
vfs_lookup(const struct path *cwd, const char *name, int flags,
	   struct path *out)
{
	struct walk w;
	int err;

	if ((err = walk_start(&w, cwd, name, flags)) < 0)
		return err;
	mutex_lock(&vfs_ns_lock);
	err = walk_all(&w);
	mutex_unlock(&vfs_ns_lock);
	if (err == 0) {
		*out = w.cur;
		w.cur.inode = NULL;
	}
	walk_end(&w);
	return err;
}

/*
 * struct parent - where a name will be created or removed: the directory
 * (referenced), and the last component copied out.
 */
struct parent {
	struct path dir;
	char	 name[NAME_MAX + 1];
	size_t	 len;
	bool	 slash;			/* the name ended in '/' */
};

/*
 * lookup_parent - resolve all but the last component of @name.  Called
 * with vfs_ns_lock held.  "." and ".." as the last component are
 * returned as they are (each operation decides what they mean).
 */
static int
lookup_parent(const struct path *cwd, const char *name, struct parent *pa)
{
	struct walk w;
	const char *comp;
	size_t len;
	bool last, slash;
	int err;

	if ((err = walk_start(&w, cwd, name, LOOKUP_FOLLOW)) < 0)
		return err;
	for (;;) {
		if (!(comp = next_component(&w, &len, &last, &slash))) {
			err = -EEXIST;		/* "/" itself */
			break;
		}
		if (last) {
			err = len > NAME_MAX ? -ENAMETOOLONG :
			      !S_ISDIR(w.cur.inode->mode) ? -ENOTDIR : 0;
			memcpy(pa->name, comp, MIN(len, (size_t)NAME_MAX));
			pa->name[MIN(len, (size_t)NAME_MAX)] = '\0';
			pa->len = len;
			pa->slash = slash;
			break;
		}
		if ((err = step(&w, comp, len, false, slash)) < 0)
			break;
	}
	if (err == 0) {
		pa->dir = w.cur;
		w.cur.inode = NULL;
	}
	walk_end(&w);
	return err;
}

static bool
is_dot(const struct parent *pa)
{
	return pa->len == 1 && pa->name[0] == '.';
}

static bool
is_dotdot(const struct parent *pa)
{
	return pa->len == 2 && pa->name[0] == '.' && pa->name[1] == '.';
}

/* lookup_child - the existing entry @pa names (crossing no mount). */
static int
lookup_child(struct parent *pa, struct inode **out)
{
	struct inode *dir = pa->dir.inode;

	if (!dir->iops || !dir->iops->lookup)
		return -ENOTDIR;
	return dir->iops->lookup(dir, pa->name, pa->len, out);
}

/* create_in - the shared body of mknod, mkdir and symlink. */
static int
create_in(const struct path *cwd, const char *name, mode_t_k mode,
	  dev_t_k rdev, const char *target)
{
	struct parent pa;
	struct inode *dir, *ino = NULL;
	int err;

	mutex_lock(&vfs_ns_lock);
	if ((err = lookup_parent(cwd, name, &pa)) < 0)
		goto out;
	dir = pa.dir.inode;
	if (is_dot(&pa) || is_dotdot(&pa) || lookup_child(&pa, &ino) == 0)
		err = -EEXIST;
	else if (pa.slash && !S_ISDIR(mode))
		err = -ENOENT;		/* "file/" names a directory */
	else if (S_ISDIR(mode))
		err = dir->iops->mkdir ? dir->iops->mkdir(dir, pa.name, pa.len,
							   mode, &ino) : -EPERM;
	else if (S_ISLNK(mode))
		err = dir->iops->symlink ? dir->iops->symlink(dir, pa.name,
							       pa.len, target,
							       &ino) : -EPERM;
	else
		err = dir->iops->mknod ? dir->iops->mknod(dir, pa.name, pa.len,
							   mode, rdev, &ino) :
					 -EPERM;
	inode_put(ino);
	path_put(&pa.dir);
out:
	mutex_unlock(&vfs_ns_lock);
	return err;
}

int
vfs_mknod(const struct path *cwd, const char *name, mode_t_k mode,
	  dev_t_k rdev)
{
	if (S_ISDIR(mode) || S_ISLNK(mode) || (mode & S_IFMT) == 0)
		return -EINVAL;
	return create_in(cwd, name, mode, rdev, NULL);
}

int
vfs_mkdir(const struct path *cwd, const char *name, mode_t_k mode)
{
	return create_in(cwd, name, S_IFDIR | (mode & 07777), 0, NULL);
}

int
vfs_symlink(const struct path *cwd, const char *target, const char *linkname)
{
	size_t len = strnlen(target, PATH_MAX);

	if (len == 0)
		return -ENOENT;
	if (len >= PATH_MAX)
		return -ENAMETOOLONG;
	return create_in(cwd, linkname, S_IFLNK | 0777, 0, target);
}

/* remove_entry - the shared body of unlink and rmdir. */
static int
remove_entry(const struct path *cwd, const char *name, bool dir_wanted)
{
	struct parent pa;
	struct inode *dir, *victim;
	int err;

	mutex_lock(&vfs_ns_lock);
	if ((err = lookup_parent(cwd, name, &pa)) < 0)
		goto out;
	dir = pa.dir.inode;
	if (is_dot(&pa) || is_dotdot(&pa)) {
		err = !dir_wanted ? -EISDIR : is_dot(&pa) ? -EINVAL : -ENOTEMPTY;
	} else if ((err = lookup_child(&pa, &victim)) == 0) {
		if (S_ISDIR(victim->mode) != dir_wanted)
			err = dir_wanted ? -ENOTDIR : -EISDIR;
		else if (victim->mounted)
			err = -EBUSY;
		else if (pa.slash && !S_ISDIR(victim->mode))
			err = -ENOTDIR;
		else if (dir_wanted)
			err = dir->iops->rmdir ? dir->iops->rmdir(dir, pa.name,
								   pa.len) : -EPERM;
		else
			err = dir->iops->unlink ? dir->iops->unlink(dir, pa.name,
								     pa.len) : -EPERM;
		inode_put(victim);
	}
	path_put(&pa.dir);
out:
	mutex_unlock(&vfs_ns_lock);
	return err;
}

int
vfs_unlink(const struct path *cwd, const char *name)
{
	return remove_entry(cwd, name, false);
}

int
vfs_rmdir(const struct path *cwd, const char *name)
{
	return remove_entry(cwd, name, true);
}

/* is_ancestor - whether directory @a is @b or above it (same fs). */
static bool
is_ancestor(struct inode *a, struct inode *b)
{
	struct inode *cur = b, *up = NULL;
	bool found = false;

	inode_get(cur);
	for (int depth = 0; depth < 4096; depth++) {
		if (cur == a) {
			found = true;
			break;
		}
		up = NULL;
		if (cur->iops->lookup(cur, "..", 2, &up) < 0 || up == cur) {
			inode_put(up);
			break;
		}
		inode_put(cur);
		cur = up;
	}
	inode_put(cur);
	return found;
}

/* rename_checks - the POSIX errors of rename, before the filesystem's op. */
static int
rename_checks(struct parent *from, struct parent *to, unsigned int flags)
{
	struct inode *src, *dst = NULL;
	int err;

	if (from->dir.mnt != to->dir.mnt)
		return -EXDEV;
	if (is_dot(from) || is_dotdot(from) || is_dot(to) || is_dotdot(to))
		return -EBUSY;
	if ((err = lookup_child(from, &src)) < 0)
		return err;
	if (src->mounted) {		/* a mount point stays where it is */
		inode_put(src);
		return -EBUSY;
	}
	if (lookup_child(to, &dst) == 0) {
		if (flags & RENAME_NOREPLACE)
			err = -EEXIST;
		else if (S_ISDIR(src->mode) && !S_ISDIR(dst->mode))
			err = -ENOTDIR;
		else if (!S_ISDIR(src->mode) && S_ISDIR(dst->mode))
			err = -EISDIR;
		else if (dst->mounted)
			err = -EBUSY;
	} else if (flags & RENAME_EXCHANGE) {
		err = -ENOENT;
	}
	if (!err && S_ISDIR(src->mode) && is_ancestor(src, to->dir.inode))
		err = -EINVAL;		/* into itself or below */
	if (!err && !S_ISDIR(src->mode) && (from->slash || to->slash))
		err = -ENOTDIR;
	inode_put(dst);
	inode_put(src);
	return err;
}

/* vfs_rename - see vfs.h.  Context: thread. */
int
vfs_rename(const struct path *cwd, const char *oldname, const char *newname,
	   unsigned int flags)
{
	struct parent *from = kmalloc(2 * sizeof(*from)), *to = from + 1;
	struct inode *odir;
	int err;

	if (!from)
		return -ENOMEM;
	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE) ||
	    (flags & RENAME_NOREPLACE && flags & RENAME_EXCHANGE)) {
		kfree(from);
		return -EINVAL;
	}
	mutex_lock(&vfs_ns_lock);
	if ((err = lookup_parent(cwd, oldname, from)) < 0)
		goto out;
	if ((err = lookup_parent(cwd, newname, to)) == 0) {
		odir = from->dir.inode;
		if ((err = rename_checks(from, to, flags)) == 0)
			err = odir->iops->rename ?
			      odir->iops->rename(odir, from->name, from->len,
						 to->dir.inode, to->name, to->len,
						 flags) : -EPERM;
		path_put(&to->dir);
	}
	path_put(&from->dir);
out:
	mutex_unlock(&vfs_ns_lock);
	kfree(from);
	return err;
}

/* vfs_link - see vfs.h: a hard link @newname to @oldname (not followed). */
int
vfs_link(const struct path *cwd, const char *oldname, const char *newname)
{
	struct path old;
	struct parent pa;
	struct inode *dir, *exists;
	int err;

	if ((err = vfs_lookup(cwd, oldname, 0, &old)) < 0)
		return err;
	mutex_lock(&vfs_ns_lock);
	if ((err = lookup_parent(cwd, newname, &pa)) < 0)
		goto out;
	dir = pa.dir.inode;
	if (S_ISDIR(old.inode->mode))
		err = -EPERM;
	else if (pa.dir.mnt != old.mnt)
		err = -EXDEV;
	else if (is_dot(&pa) || is_dotdot(&pa))
		err = -EEXIST;
	else if (lookup_child(&pa, &exists) == 0) {
		inode_put(exists);
		err = -EEXIST;
	} else
		err = dir->iops->link ? dir->iops->link(old.inode, dir, pa.name,
							 pa.len) : -EPERM;
	path_put(&pa.dir);
out:
	mutex_unlock(&vfs_ns_lock);
	path_put(&old);
	return err;
}

/* vfs_readlink - see vfs.h: -EINVAL when @name is not a symlink. */
ssize_t
vfs_readlink(const struct path *cwd, const char *name, char *buf, size_t len)
{
	struct path p;
	ssize_t n;
	int err;

	if ((err = vfs_lookup(cwd, name, 0, &p)) < 0)
		return err;
	if (!S_ISLNK(p.inode->mode) || !p.inode->iops->readlink)
		n = -EINVAL;
	else
		n = p.inode->iops->readlink(p.inode, buf, len);
	path_put(&p);
	return n;
}
