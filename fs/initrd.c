/*
 * fs/initrd.c: unpack the initial RAM disk into the root (fs/initrd.h).
 *
 * Every name comes from fs/cpio.c already normalised (relative, no ".."
 * component) and is resolved from the root, so nothing lands outside it.
 * As Linux's initramfs does, a non-directory replaces whatever
 * non-directory had its name (it is unlinked first: a regular file is
 * never written through an existing symlink), and an existing directory
 * is kept and gets the entry's mode.  A parent missing from the archive
 * is created with mode 0755.
 *
 * Hard links: newc gives every name of a multiply-linked file its own
 * entry with the same (device, inode) pair, and GNU cpio puts the data on
 * the last one.  The first name is created as a file and remembered; each
 * later one is linked to it with vfs_link() and, if it carries data,
 * writes it through the new name (so every name sees it).  If the link
 * fails, the entry becomes a separate copy (logged).
 *
 * A directory's mode and times are set after the whole archive, because
 * creating its contents would change its times and a read-only mode could
 * get in the way.
 */
#include "arch/arch.h"
#include "fs/chrdev.h"
#include "fs/cpio.h"
#include "fs/initrd.h"
#include "fs/vfs.h"
#include "kernel/bootinfo.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"

#define INITRD_SHOW_MAX 80 /* bytes of a name quoted in a message */

/* What is set on a name once it exists. */
struct initrd_attr {
	uint32_t mode, uid, gid, mtime;
};

/* A name remembered for later: a hard link's first name or a directory. */
struct initrd_name {
	struct initrd_name *next;
	uint32_t ino, devmajor, devminor; /* hard links */
	struct initrd_attr attr;	  /* directories */
	char name[];
};

struct initrd_ctx {
	struct path root;
	struct initrd_stats *st;
	struct initrd_name *links; /* first names of hard-linked files */
	struct initrd_name *dirs;  /* directories, attributes pending */
	char prefix[PATH_MAX];	   /* parents being created */
	char target[PATH_MAX];	   /* a symlink's target */
};

/* Copy @len bytes of @name into @buf (INITRD_SHOW_MAX + 4) printably. */
static const char *
initrd_show(char *buf, const char *name, size_t len)
{
	size_t n = MIN(len, (size_t)INITRD_SHOW_MAX);

	for (size_t i = 0; i < n; i++)
		buf[i] = name[i] >= 0x20 && name[i] < 0x7f ? name[i] : '?';
	strlcpy(buf + n, len > n ? "..." : "", 4);
	return buf;
}

/* Why fs/cpio.c rejected an entry (or @stopped: the archive), for the log. */
static const char *
initrd_reason(int err, bool stopped)
{
	switch (err) {
	case -EPERM:
		return "a \"..\" component would leave the root";
	case -ENAMETOOLONG:
		return "name too long";
	case -EBADMSG:
		return "checksum mismatch";
	case -EOVERFLOW:
		return "runs past the end of the archive";
	default:
		return stopped ? "bad magic or hex digit in a header"
			       : "malformed name";
	}
}

/* Log entry @e (as stored) with @what and error @err. */
static void
initrd_warn(const struct cpio_entry *e, const char *what, int err)
{
	char buf[INITRD_SHOW_MAX + 4];
	size_t len = e->raw_len;

	if (len > 0 && e->raw_name[len - 1] == '\0')
		len--;
	pr_warn("initrd: skipping \"%s\" (offset %zu): %s (%d)\n",
		initrd_show(buf, e->raw_name, len), e->offset, what, err);
}

/* Remember @name with @e's identity and attributes; -ENOMEM. */
static int
initrd_remember(struct initrd_name **list, const char *name,
		const struct cpio_entry *e)
{
	size_t len = strlen(name);
	struct initrd_name *n = kmalloc(sizeof(*n) + len + 1);

	if (n == NULL)
		return -ENOMEM;
	n->ino = e->ino;
	n->devmajor = e->devmajor;
	n->devminor = e->devminor;
	n->attr = (struct initrd_attr){e->mode, e->uid, e->gid, e->mtime};
	memcpy(n->name, name, len + 1);
	n->next = *list;
	*list = n;
	return 0;
}

/* Free every name on @list. */
static void
initrd_forget(struct initrd_name **list)
{
	struct initrd_name *n;

	while ((n = *list) != NULL) {
		*list = n->next;
		kfree(n);
	}
}

/* The first name of the file @e is another link of, or NULL. */
static const struct initrd_name *
initrd_find_link(const struct initrd_ctx *c, const struct cpio_entry *e)
{
	for (const struct initrd_name *n = c->links; n; n = n->next)
		if (n->ino == e->ino && n->devmajor == e->devmajor &&
		    n->devminor == e->devminor)
			return n;
	return NULL;
}

/* Create the missing parent directories of @name (mode 0755). */
static int
initrd_parents(struct initrd_ctx *c, const char *name)
{
	size_t len = strlcpy(c->prefix, name, sizeof(c->prefix));
	int err;

	for (size_t i = 1; i < len; i++) {
		if (c->prefix[i] != '/' || c->prefix[i - 1] == '/')
			continue;
		c->prefix[i] = '\0';
		err = vfs_mkdir(&c->root, c->prefix, 0755);
		c->prefix[i] = '/';
		if (err < 0 && err != -EEXIST)
			return err;
	}
	return 0;
}

/* Set mode (not on symlinks), owner and times of @name from @a. */
static int
initrd_apply(struct initrd_ctx *c, const char *name,
	     const struct initrd_attr *a)
{
	struct iattr ia = {.uid = a->uid, .gid = a->gid};
	struct path p;
	int err;

	if (!S_ISLNK(a->mode) &&
	    (err = vfs_chmod(&c->root, name, a->mode & 07777)) < 0)
		return err;
	if ((err = vfs_lookup(&c->root, name, 0, &p)) < 0)
		return err;
	ia.valid = ATTR_UID | ATTR_GID | ATTR_ATIME | ATTR_MTIME | ATTR_CTIME;
	ia.atime.tv_sec = ia.mtime.tv_sec = ia.ctime.tv_sec = a->mtime;
	err = vfs_setattr(p.inode, &ia);
	path_put(&p);
	return err;
}

/*
 * Make directory @e, writable by its owner until its own mode is set at
 * the end; an existing directory is kept.
 */
static int
initrd_mkdir(struct initrd_ctx *c, const struct cpio_entry *e)
{
	mode_t_k mode = (e->mode & 07777) | 0700;
	struct kstat ks;
	int err = vfs_mkdir(&c->root, e->name, mode);

	if (err != -EEXIST)
		return err;
	if ((err = vfs_stat(&c->root, e->name, 0, &ks)) < 0)
		return err;
	if (S_ISDIR(ks.mode))
		return 0;
	if ((err = vfs_unlink(&c->root, e->name)) < 0)
		return err;
	return vfs_mkdir(&c->root, e->name, mode);
}

/* Write @e's data to its name, opened with @flags. */
static int
initrd_write(struct initrd_ctx *c, const struct cpio_entry *e, int flags)
{
	struct file *f;
	size_t done = 0;
	ssize_t n = 0;
	int err;

	if ((err = vfs_open(&c->root, e->name, flags, e->mode & 07777, &f)) < 0)
		return err;
	while (done < e->size) {
		if ((n = vfs_write(f, e->data + done, e->size - done)) <= 0)
			break;
		done += (size_t)n;
	}
	file_put(f);
	if (done < e->size)
		return n < 0 ? (int)n : -EIO;
	c->st->bytes += e->size;
	return 0;
}

/* A regular file: a new file, or a further name of a hard-linked one. */
static int
initrd_file(struct initrd_ctx *c, const struct cpio_entry *e)
{
	const int create = O_WRONLY | O_CREAT | O_TRUNC;
	const struct initrd_name *first = NULL;
	int err, lerr = 0;

	if (e->nlink > 1 && (first = initrd_find_link(c, e)) != NULL) {
		if ((lerr = vfs_link(&c->root, first->name, e->name)) == 0)
			return e->size ? initrd_write(c, e, O_WRONLY | O_TRUNC)
				       : 0;
	}
	if ((err = initrd_write(c, e, create)) < 0)
		return err;
	if (first != NULL)
		pr_warn("initrd: cannot link \"%s\" to \"%s\" (%d): made a "
			"separate copy\n",
			e->name, first->name, lerr);
	else if (e->nlink > 1 && initrd_remember(&c->links, e->name, e) < 0)
		pr_warn("initrd: out of memory: later links to \"%s\" will be "
			"copies\n",
			e->name);
	return 0;
}

/* A symlink: the entry's data is its target. */
static int
initrd_symlink(struct initrd_ctx *c, const struct cpio_entry *e)
{
	if (e->size == 0 || strnlen((const char *)e->data, e->size) < e->size)
		return -EINVAL;
	if (e->size >= sizeof(c->target))
		return -ENAMETOOLONG;
	memcpy(c->target, e->data, e->size);
	c->target[e->size] = '\0';
	return vfs_symlink(&c->root, c->target, e->name);
}

/* Create the object of entry @e once (no parent creation). */
static int
initrd_create_once(struct initrd_ctx *c, const struct cpio_entry *e)
{
	switch (e->mode & S_IFMT) {
	case S_IFDIR:
		return initrd_mkdir(c, e);
	case S_IFREG:
		return initrd_file(c, e);
	case S_IFLNK:
		return initrd_symlink(c, e);
	case S_IFCHR:
	case S_IFBLK:
		return vfs_mknod(&c->root, e->name, e->mode,
				 MKDEV(e->rdevmajor, e->rdevminor));
	case S_IFIFO:
	case S_IFSOCK:
		return vfs_mknod(&c->root, e->name, e->mode, 0);
	default:
		return -EINVAL;
	}
}

/* Create entry @e, its missing parents too; a non-directory replaces. */
static int
initrd_create(struct initrd_ctx *c, const struct cpio_entry *e)
{
	int err;

	if (!S_ISDIR(e->mode))
		vfs_unlink(&c->root, e->name); /* -ENOENT as a rule */
	err = initrd_create_once(c, e);
	if (err == -ENOENT && initrd_parents(c, e->name) == 0)
		err = initrd_create_once(c, e);
	return err;
}

/* Count a created entry @e in the statistics. */
static void
initrd_count(struct initrd_stats *st, uint32_t mode)
{
	if (S_ISREG(mode))
		st->files++;
	else if (S_ISDIR(mode))
		st->dirs++;
	else if (S_ISLNK(mode))
		st->symlinks++;
	else
		st->nodes++;
}

/* Whether @mode has a file type this kernel can create. */
static bool
initrd_known_type(uint32_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR:
	case S_IFREG:
	case S_IFLNK:
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		return true;
	default:
		return false;
	}
}

/* Unpack well-formed entry @e; returns 0 or why it was skipped. */
static int
initrd_entry(struct initrd_ctx *c, const struct cpio_entry *e)
{
	struct initrd_attr a = {e->mode, e->uid, e->gid, e->mtime};
	int err;

	if (!initrd_known_type(e->mode)) {
		initrd_warn(e, "unknown file type", -EINVAL);
		return -EINVAL;
	}
	if ((err = initrd_create(c, e)) < 0) {
		initrd_warn(e, "cannot create it", err);
		return err;
	}
	initrd_count(c->st, e->mode);
	if (S_ISDIR(e->mode))
		err = initrd_remember(&c->dirs, e->name, e);
	else
		err = initrd_apply(c, e->name, &a);
	if (err < 0)
		pr_warn("initrd: \"%s\": cannot set mode and times (%d)\n",
			e->name, err);
	return 0;
}

/*
 * Set the pending attributes of the directories in archive order (the
 * list is newest first; a repeated directory's last entry wins), then
 * free both lists.
 */
static void
initrd_finish(struct initrd_ctx *c)
{
	struct initrd_name *n, *ordered = NULL;
	int err;

	while ((n = c->dirs) != NULL) {
		c->dirs = n->next;
		n->next = ordered;
		ordered = n;
	}
	c->dirs = ordered;
	for (n = c->dirs; n; n = n->next)
		if ((err = initrd_apply(c, n->name, &n->attr)) < 0)
			pr_warn("initrd: \"%s\": cannot set mode and times "
				"(%d)\n",
				n->name, err);
	initrd_forget(&c->dirs);
	initrd_forget(&c->links);
}

/* Walk the archive; returns 0 or the error that stopped the walk. */
static int
initrd_walk(struct initrd_ctx *c, const void *archive, size_t len)
{
	struct cpio_iter it;
	struct cpio_entry e;
	int rc;

	cpio_init(&it, archive, len);
	while ((rc = cpio_next(&it, &e)) != 0) {
		if (cpio_stopped(&it)) {
			pr_warn("initrd: broken archive at offset %zu: %s "
				"(%d); unpacking stopped\n",
				e.offset, initrd_reason(rc, true), rc);
			break;
		}
		c->st->entries++;
		if (rc < 0)
			initrd_warn(&e, initrd_reason(rc, false), rc);
		if (rc < 0 || initrd_entry(c, &e) < 0)
			c->st->skipped++;
	}
	c->st->complete = it.trailer;
	if (!it.trailer && it.error == 0)
		pr_warn("initrd: the archive has no trailer: it may be "
			"truncated\n");
	return it.error;
}

/* initrd_unpack - see initrd.h.  Context: thread; sleeps. */
int
initrd_unpack(const void *archive, size_t len, struct initrd_stats *st)
{
	struct initrd_ctx *c = kzalloc(sizeof(*c));
	int err;

	memset(st, 0, sizeof(*st));
	if (c == NULL) {
		pr_err("initrd: out of memory: not unpacked\n");
		return -ENOMEM;
	}
	c->st = st;
	vfs_root(&c->root);
	err = initrd_walk(c, archive, len);
	initrd_finish(c);
	path_put(&c->root);
	kfree(c);
	pr_info("initrd: %zu entries (%zu files, %zu directories, %zu "
		"symlinks, %lu bytes), %zu skipped\n",
		st->entries, st->files, st->dirs, st->symlinks,
		(unsigned long)st->bytes, st->skipped);
	return err;
}

/* The boot module holding the initrd: "initrd" by name, else the first. */
static const struct boot_module *
initrd_module(void)
{
	for (size_t i = 0; i < boot_info.module_count; i++)
		if (strcmp(boot_info.modules[i].cmdline, "initrd") == 0)
			return &boot_info.modules[i];
	return boot_info.module_count ? &boot_info.modules[0] : NULL;
}

/* initrd_init - see initrd.h.  Context: boot thread; sleeps. */
void
initrd_init(void)
{
	const struct boot_module *m = initrd_module();
	struct initrd_stats st;
	size_t freed;

	if (m == NULL) {
		pr_info("initrd: no boot module: the root stays empty\n");
		return;
	}
	if (m->end > pmm_phys_end()) {
		pr_warn("initrd: module 0x%lx-0x%lx is not in RAM: ignored\n",
			(unsigned long)m->start, (unsigned long)m->end);
		return;
	}
	initrd_unpack(phys_to_virt(m->start), m->end - m->start, &st);
	freed = pmm_release_boot_range(m->start, m->end);
	pr_info("initrd: %zu KiB of module memory given back\n",
		freed * (PAGE_SIZE / 1024));
}
