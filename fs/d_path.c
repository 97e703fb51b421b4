/*
 * fs/d_path.c: the absolute name of a file (fs/d_path.h).
 *
 * A name is built right to left in the caller's buffer: the file's own
 * name first, then each directory above it, as getcwd does.  A directory
 * finds its name in its parent (reached through its ".." lookup) by
 * scanning the parent's entries for its inode number; the root of a
 * mount continues from the directory it is mounted on.  A non-directory
 * has no ".." to follow, so its filesystem is searched from the root of
 * its mount for an entry with its inode number (depth-first, at most
 * SEARCH_DEPTH levels, one batch of subdirectory names per level on the
 * heap so that the kernel stack stays small).
 *
 * kernel/sys_util.c's path_to_name (getcwd) does the directory walk with
 * vfs_lookup and vfs_readdir, which take vfs_ns_lock; the walk here calls
 * the directory ops itself so that /proc's readlink op, which the VFS
 * calls with the lock held, can use it.  FIXME: path_to_name could become
 * a call to d_path.
 *
 * Locks: vfs_ns_lock over every step (held by the caller or taken here).
 */
#include "fs/d_path.h"
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/format.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"

extern struct mutex vfs_ns_lock;

#define SEARCH_DEPTH	32		/* directory levels searched */
#define BATCH_BYTES	2048		/* subdirectory names per readdir pass */

/* A name being built from its end: the text is buf[pos .. size - 1). */
struct rname {
	char	*buf;
	size_t	 pos;
};

/* What find_child looks for in a directory, and what it found. */
struct child_search {
	uint64_t ino;
	size_t	 len;
	bool	 found;
	char	 name[NAME_MAX + 1];
};

/* ns_enter - take vfs_ns_lock unless this thread holds it; whether it did. */
static bool
ns_enter(void)
{
	if (mutex_held(&vfs_ns_lock))
		return false;
	mutex_lock(&vfs_ns_lock);
	return true;
}

static void
ns_leave(bool taken)
{
	if (taken)
		mutex_unlock(&vfs_ns_lock);
}

static bool
is_dot_name(const char *name, size_t len)
{
	return name[0] == '.' && (len == 1 || (len == 2 && name[1] == '.'));
}

/* prepend - put @len bytes of @s before the name; -ENAMETOOLONG. */
static int
prepend(struct rname *r, const char *s, size_t len)
{
	if (r->pos < len)
		return -ENAMETOOLONG;
	r->pos -= len;
	memcpy(r->buf + r->pos, s, len);
	return 0;
}

/* prepend_name - put "/" @name before the name. */
static int
prepend_name(struct rname *r, const char *name, size_t len)
{
	int err = prepend(r, name, len);

	return err ? err : prepend(r, "/", 1);
}

/* match_ino - readdir callback: stop at the entry (not . or ..) for s->ino. */
static int
match_ino(void *ctx, const char *name, size_t len, uint64_t ino,
	  unsigned int d_type)
{
	struct child_search *s = ctx;

	(void)d_type;
	if (ino != s->ino || len > NAME_MAX || is_dot_name(name, len))
		return 0;
	memcpy(s->name, name, len);
	s->name[len] = '\0';
	s->len = len;
	s->found = true;
	return 1;
}

/* find_child - the name of inode @ino in directory @dir, into @s.
 * Returns 0, -ENOENT or the readdir op's error.  vfs_ns_lock held. */
static int
find_child(struct inode *dir, uint64_t ino, struct child_search *s)
{
	uint64_t pos = 0;
	int err;

	if (!dir->iops || !dir->iops->readdir)
		return -ENOENT;
	s->ino = ino;
	s->found = false;
	if ((err = dir->iops->readdir(dir, &pos, match_ino, s)) < 0)
		return err;
	return s->found ? 0 : -ENOENT;
}

/*
 * up_one - move directory @cur up one step: from the root of a mount to
 * the directory it is mounted on (no name), or to its parent, prepending
 * its name found there.  @cur stays referenced.  vfs_ns_lock held.
 */
static int
up_one(struct path *cur, struct rname *r, struct child_search *s)
{
	struct mount *m = cur->mnt;
	struct inode *parent;
	int err;

	if (cur->inode == m->root) {
		inode_put(cur->inode);
		cur->mnt = m->parent;
		cur->inode = m->mountpoint;
		inode_get(cur->inode);
		return 0;
	}
	if (cur->inode->nlink == 0 || !cur->inode->iops ||
	    !cur->inode->iops->lookup)
		return -ENOENT;			/* removed: it has no name */
	if ((err = cur->inode->iops->lookup(cur->inode, "..", 2, &parent)) < 0)
		return err;
	if (parent == cur->inode)
		err = -ENOENT;			/* a root that is no mount's */
	else if ((err = find_child(parent, cur->inode->ino, s)) == 0)
		err = prepend_name(r, s->name, s->len);
	inode_put(cur->inode);
	cur->inode = parent;
	return err;
}

/* walk_up - prepend the name of directory @p.  vfs_ns_lock held. */
static int
walk_up(const struct path *p, struct rname *r)
{
	struct child_search *s = kmalloc(sizeof(*s));
	struct path cur = *p;
	int err = 0;

	if (!s)
		return -ENOMEM;
	inode_get(cur.inode);
	while (err == 0 && (cur.inode != cur.mnt->root || cur.mnt->parent))
		err = up_one(&cur, r, s);
	inode_put(cur.inode);
	kfree(s);
	return err;
}

/* ---- searching a filesystem for a non-directory --------------------------- */

struct search {
	uint64_t ino;			/* the inode looked for */
	bool	 found;
	size_t	 len;			/* of rel */
	char	 rel[PATH_MAX];		/* "/a/b" from the mount root down */
};

/* One readdir pass over a directory: its subdirectories' names. */
struct batch {
	struct search *s;
	char	*names;			/* NUL-separated */
	size_t	 used;
	bool	 full;			/* more entries left for another pass */
};

/* rel_push - append "/" @name to the search's path; false if too long. */
static bool
rel_push(struct search *s, const char *name, size_t len)
{
	if (s->len + 1 + len >= sizeof(s->rel))
		return false;
	s->rel[s->len++] = '/';
	memcpy(s->rel + s->len, name, len);
	s->len += len;
	s->rel[s->len] = '\0';
	return true;
}

/* batch_fill - readdir callback: the target ends the search; directories
 * are kept for the descent.  Context: vfs_ns_lock held. */
static int
batch_fill(void *ctx, const char *name, size_t len, uint64_t ino,
	   unsigned int d_type)
{
	struct batch *b = ctx;

	if (is_dot_name(name, len))
		return 0;
	if (ino == b->s->ino && d_type != DT_DIR) {
		b->s->found = rel_push(b->s, name, len);
		return 1;
	}
	if (d_type != DT_DIR && d_type != DT_UNKNOWN)
		return 0;
	if (b->used + len + 1 > BATCH_BYTES) {
		b->full = true;			/* left for the next pass */
		return 1;
	}
	memcpy(b->names + b->used, name, len);
	b->names[b->used + len] = '\0';
	b->used += len + 1;
	return 0;
}

static int search_dir(struct search *s, struct inode *dir, int depth);

/* descend - search each directory of @b below @dir. */
static int
descend(struct search *s, struct inode *dir, struct batch *b, int depth)
{
	struct inode *child;
	size_t len, keep = s->len;
	int err = 0;

	for (char *n = b->names; n < b->names + b->used; n += len + 1) {
		len = strlen(n);
		if (dir->iops->lookup(dir, n, len, &child) < 0)
			continue;
		/* a directory with a filesystem on it hides its own entries */
		if (S_ISDIR(child->mode) && !child->mounted &&
		    rel_push(s, n, len)) {
			err = search_dir(s, child, depth + 1);
			if (!s->found) {
				s->len = keep;
				s->rel[keep] = '\0';
			}
		}
		inode_put(child);
		if (err < 0 || s->found)
			break;
	}
	return err;
}

/* search_dir - look for s->ino at and below @dir.  vfs_ns_lock held. */
static int
search_dir(struct search *s, struct inode *dir, int depth)
{
	struct batch b = { .s = s };
	uint64_t pos = 0;
	int err = 0;

	if (depth > SEARCH_DEPTH || !dir->iops || !dir->iops->readdir ||
	    !dir->iops->lookup)
		return 0;
	if (!(b.names = kmalloc(BATCH_BYTES)))
		return -ENOMEM;
	do {
		b.used = 0;
		b.full = false;
		if ((err = dir->iops->readdir(dir, &pos, batch_fill, &b)) < 0 ||
		    s->found)
			break;
		err = descend(s, dir, &b, depth);
	} while (err == 0 && !s->found && b.full);
	kfree(b.names);
	return err;
}

/* search_name - prepend the name of non-directory @p.  vfs_ns_lock held. */
static int
search_name(const struct path *p, struct rname *r)
{
	struct path root = { .mnt = p->mnt, .inode = p->mnt->root };
	struct search *s;
	int err;

	if (p->inode->nlink == 0)
		return -ENOENT;			/* unlinked: no name left */
	if (!(s = kmalloc(sizeof(*s))))
		return -ENOMEM;
	s->ino = p->inode->ino;
	s->found = false;
	s->len = 0;
	err = search_dir(s, root.inode, 0);
	if (err == 0 && !s->found)
		err = -ENOENT;
	if (err == 0)
		err = prepend(r, s->rel, s->len);
	kfree(s);
	return err ? err : walk_up(&root, r);
}

/* finish - move the name to the start of @buf; its length. */
static int
finish(struct rname *r, size_t size)
{
	if (r->pos == size - 1)
		r->buf[--r->pos] = '/';		/* the root itself */
	memmove(r->buf, r->buf + r->pos, size - r->pos);
	return (int)(size - 1 - r->pos);
}

/* d_path - see d_path.h.  Context: thread; vfs_ns_lock held or not. */
int
d_path(const struct path *p, char *buf, size_t size)
{
	struct rname r = { .buf = buf, .pos = size - 1 };
	bool taken;
	int err;

	if (size < 2)
		return -ENAMETOOLONG;
	buf[size - 1] = '\0';
	taken = ns_enter();
	if (S_ISDIR(p->inode->mode))
		err = walk_up(p, &r);
	else
		err = search_name(p, &r);
	ns_leave(taken);
	return err < 0 ? err : finish(&r, size);
}

/*
 * hint_dir - the directory part of @name resolved from @cwd into *@dir,
 * its last component's offset into *@base.  -ENOENT when @name has no
 * usable last component.
 */
static int
hint_dir(const struct path *cwd, const char *name, struct path *dir,
	 size_t *base)
{
	const char *slash = NULL;
	size_t dlen;
	char *d;
	int err;

	for (const char *c = name; *c; c++)
		if (*c == '/')
			slash = c;
	dlen = slash ? (size_t)(slash - name) : 0;
	*base = slash ? dlen + 1 : 0;
	if (name[*base] == '\0' || dlen >= PATH_MAX)
		return -ENOENT;
	if (!(d = kmalloc(dlen + 2)))
		return -ENOMEM;
	if (!slash)
		strlcpy(d, ".", 2);
	else if (dlen == 0)
		strlcpy(d, "/", 2);
	else
		strlcpy(d, name, dlen + 1);
	err = vfs_lookup(cwd, d, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, dir);
	kfree(d);
	return err;
}

/* in_dir - whether @name in directory @dir is @p.  vfs_ns_lock held. */
static bool
in_dir(const struct path *dir, const char *name, const struct path *p)
{
	struct inode *child;
	bool same;

	if (dir->mnt != p->mnt || !dir->inode->iops ||
	    !dir->inode->iops->lookup ||
	    dir->inode->iops->lookup(dir->inode, name, strlen(name), &child) < 0)
		return false;
	same = child->sb == p->inode->sb && child->ino == p->inode->ino;
	inode_put(child);
	return same;
}

/* d_path_hint - see d_path.h.  Context: thread; vfs_ns_lock not held. */
int
d_path_hint(const struct path *p, const struct path *cwd, const char *name,
	    char *buf, size_t size)
{
	struct rname r = { .buf = buf, .pos = size - 1 };
	struct path dir;
	size_t base;
	int err = -ENOENT;

	if (S_ISDIR(p->inode->mode) || size < 2 ||
	    hint_dir(cwd, name, &dir, &base) < 0)
		return d_path(p, buf, size);
	buf[size - 1] = '\0';
	mutex_lock(&vfs_ns_lock);
	if (in_dir(&dir, name + base, p) &&
	    (err = prepend_name(&r, name + base, strlen(name + base))) == 0)
		err = walk_up(&dir, &r);
	mutex_unlock(&vfs_ns_lock);
	path_put(&dir);
	if (err == -ENOENT)		/* not there: a symlink, or renamed */
		return d_path(p, buf, size);
	return err < 0 ? err : finish(&r, size);
}

/* file_path - see d_path.h.  Context: thread; vfs_ns_lock held or not. */
int
file_path(struct file *f, char *buf, size_t size)
{
	struct path p = { .mnt = f->mnt, .inode = f->inode };
	mode_t_k type = f->inode->mode & S_IFMT;
	int n;

	if (f->mnt && (n = d_path(&p, buf, size)) != -ENOENT)
		return n;
	if (f->mnt)		/* Linux says "/old/name (deleted)" */
		n = ksnprintf(buf, size, "(deleted)");
	else
		n = ksnprintf(buf, size, "%s:[%lu]",
			      type == S_IFIFO	  ? "pipe"
			      : type == S_IFSOCK ? "socket"
						 : "anon_inode",
			      (unsigned long)f->inode->ino);
	return (size_t)n < size ? n : -ENAMETOOLONG;
}
