/*
 * fs/procfs_pid.c: the process directories of /proc (fs/procfs.h):
 * /proc/<pid>/{cmdline,comm,cwd,environ,exe,fd/,maps,stat,statm,status}
 * and /proc/self, in Linux's formats so that ps, top and friends parse
 * them.  This file has the directories, links and lookups; the text
 * files are fs/procfs_pid_files.c.
 *
 * Every lookup makes a fresh inode (freed with its last reference) that
 * remembers only a pid (and a descriptor number): what it shows is read
 * from the process when a file is opened or a link is read, so a
 * directory held open outlives its process harmlessly (-ESRCH, -ENOENT).
 * Inode numbers are fixed per (pid, entry) so that readdir and stat
 * agree, as getcwd and find need.  FIXME: a pid reused while a directory
 * is held open shows the new process, where Linux shows nothing.
 *
 * Locks: proc_lock while a process's fields are copied out (taken after
 * vfs_ns_lock: the directory ops run under it); the address space, open
 * files and cwd are referenced under proc_lock and used after it, so that
 * no VFS lookup runs with proc_lock held.  Exit and chdir swap as/fdt/cwd
 * under proc_lock too (kernel/exit.c, kernel/sys_fs.c), so a reference
 * taken here is never to something being freed.
 */
#include "arch/arch.h"
#include "drivers/tty.h"
#include "fs/d_path.h"
#include "fs/procfs.h"
#include "fs/procfs_pid.h"
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/format.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "mm/kmalloc.h"
#include "mm/uvm.h"
#include "mm/vmm.h"

#define LINK_MAX_LEN	PATH_MAX

/* Inode numbers: pid directories are procfs.c's PROCFS_PID_INO. */
#define PID_DIR_INO(pid)	((1ull << 32) + (uint64_t)(pid))
#define ENTRY_INO(pid, i)	((1ull << 48) | ((uint64_t)(pid) << 24) | (i))
#define FD_INO(pid, fd)		((2ull << 48) | ((uint64_t)(pid) << 24) | (fd))

enum node_kind {
	NODE_PID_DIR,
	NODE_FD_DIR,
	NODE_SELF,			/* /proc/self -> "<pid>" */
	NODE_CWD,
	NODE_EXE,
	NODE_FD,			/* fd/<n> */
};

/* inode->priv of the directories and links made here */
struct pid_node {
	enum node_kind	 kind;
	int		 pid;
	int		 fd;
};

static const struct inode_ops pid_dir_iops, fd_dir_iops, link_iops;

/* ---- the entries of a process directory ------------------------------------- */

static const struct pid_entry {
	const char	*name;
	mode_t_k	 mode;
	procfs_show_t	 show;		/* files */
	enum node_kind	 kind;		/* links and directories */
} pid_entries[] = {
	{ "cmdline", S_IFREG | 0444, pid_show_cmdline, 0 },
	{ "comm", S_IFREG | 0644, pid_show_comm, 0 },
	{ "cwd", S_IFLNK | 0777, NULL, NODE_CWD },
	{ "environ", S_IFREG | 0400, pid_show_environ, 0 },
	{ "exe", S_IFLNK | 0777, NULL, NODE_EXE },
	{ "fd", S_IFDIR | 0500, NULL, NODE_FD_DIR },
	{ "maps", S_IFREG | 0444, pid_show_maps, 0 },
	{ "stat", S_IFREG | 0444, pid_show_stat, 0 },
	{ "statm", S_IFREG | 0444, pid_show_statm, 0 },
	{ "status", S_IFREG | 0444, pid_show_status, 0 },
};

/* new_node - a directory or link inode of kind @kind for @pid (@fd). */
static int
new_node(struct superblock *sb, mode_t_k mode, enum node_kind kind, int pid,
	 int fd, struct inode **out)
{
	struct pid_node *n = kmalloc(sizeof(*n));
	struct inode *ino;

	if (!n)
		return -ENOMEM;
	if (!(ino = inode_new(sb, mode))) {
		kfree(n);
		return -ENOMEM;
	}
	*n = (struct pid_node){ .kind = kind, .pid = pid, .fd = fd };
	ino->priv = n;
	if (S_ISDIR(mode)) {
		ino->iops = kind == NODE_PID_DIR ? &pid_dir_iops : &fd_dir_iops;
		ino->nlink = kind == NODE_PID_DIR ? 3 : 2;	/* ., .., fd/ */
	} else {
		ino->iops = &link_iops;
	}
	*out = ino;
	return 0;
}

/* node_evict - the inode and its pid_node go with the last reference. */
static void
node_evict(struct inode *ino)
{
	kfree(ino->priv);
	kfree(ino);
}

static int
node_pid(const struct inode *ino)
{
	return ((const struct pid_node *)ino->priv)->pid;
}

/* exists - whether process @pid can be shown. */
static bool
exists(int pid)
{
	bool yes;

	mutex_lock(&proc_lock);
	yes = pid_find_visible(pid) != NULL;
	mutex_unlock(&proc_lock);
	return yes;
}

/* pid_dir_new - the directory of @pid (for the root's lookup and fd/..). */
static int
pid_dir_new(struct superblock *sb, int pid, struct inode **out)
{
	int err;

	if (!exists(pid))
		return -ENOENT;
	if ((err = new_node(sb, S_IFDIR | 0555, NODE_PID_DIR, pid, -1, out)) == 0)
		(*out)->ino = PID_DIR_INO(pid);
	return err;
}

/* entry_new - the inode of entry @i of @pid's directory. */
static int
entry_new(struct superblock *sb, int pid, size_t i, struct inode **out)
{
	const struct pid_entry *e = &pid_entries[i];
	int err;

	if (e->show) {
		err = procfs_new_file(sb, e->show, (void *)(intptr_t)pid, out);
		if (err == 0)
			(*out)->mode = e->mode;
	} else {
		err = new_node(sb, e->mode, e->kind, pid, -1, out);
	}
	if (err == 0)
		(*out)->ino = ENTRY_INO(pid, i);
	return err;
}

/* Directory op, vfs_ns_lock held: an entry of a process directory. */
static int
pid_dir_lookup(struct inode *dir, const char *name, size_t len,
	       struct inode **out)
{
	int pid = node_pid(dir);

	if (len == 2 && name[0] == '.' && name[1] == '.') {
		inode_get(dir->sb->root);
		*out = dir->sb->root;
		return 0;
	}
	if (!exists(pid))
		return -ENOENT;
	for (size_t i = 0; i < ARRAY_SIZE(pid_entries); i++)
		if (strlen(pid_entries[i].name) == len &&
		    memcmp(pid_entries[i].name, name, len) == 0)
			return entry_new(dir->sb, pid, i, out);
	return -ENOENT;
}

/* Directory op: ".", "..", then the entries; the cookie is the index. */
static int
pid_dir_readdir(struct inode *dir, uint64_t *pos, filldir_t fill, void *ctx)
{
	int pid = node_pid(dir);
	const struct pid_entry *e;

	if (*pos == 0 && fill(ctx, ".", 1, dir->ino, DT_DIR))
		return 0;
	if (*pos == 0)
		*pos = 1;
	if (*pos == 1 && fill(ctx, "..", 2, dir->sb->root->ino, DT_DIR))
		return 0;
	if (*pos == 1)
		*pos = 2;
	if (!exists(pid))
		return 0;			/* gone: an empty directory */
	for (; *pos - 2 < ARRAY_SIZE(pid_entries); ++*pos) {
		e = &pid_entries[*pos - 2];
		if (fill(ctx, e->name, strlen(e->name), ENTRY_INO(pid, *pos - 2),
			 mode_to_dtype(e->mode)))
			return 0;
	}
	return 0;
}

static const struct inode_ops pid_dir_iops = {
	.lookup		= pid_dir_lookup,
	.readdir	= pid_dir_readdir,
	.evict		= node_evict,
	/* namespace ops NULL: -EPERM, as Linux's for /proc/<pid> */
};

/* ---- fd/ ------------------------------------------------------------------------- */

/* fd_file - a reference to open file @fd of process @pid.  0, -ENOENT. */
static int
fd_file(int pid, int fd, struct file **out)
{
	struct proc *p;
	int err = -ENOENT;

	mutex_lock(&proc_lock);
	if ((p = pid_live(pid)) != NULL && p->fdt && fd_get(p->fdt, fd, out) == 0)
		err = 0;
	mutex_unlock(&proc_lock);
	return err;
}

/* next_fd - the lowest open descriptor >= @from of @pid, or -1. */
static int
next_fd(int pid, unsigned int from)
{
	struct proc *p;
	int fd = -1;

	mutex_lock(&proc_lock);
	if ((p = pid_live(pid)) != NULL && p->fdt) {
		mutex_lock(&p->fdt->lock);
		for (unsigned int i = from; i < p->fdt->size && fd < 0; i++)
			if (p->fdt->files[i])
				fd = (int)i;
		mutex_unlock(&p->fdt->lock);
	}
	mutex_unlock(&proc_lock);
	return fd;
}

/* fd_mode - a descriptor link's mode says how the file is open (Linux):
 * r-x for reading, -wx for writing, neither for O_PATH. */
static mode_t_k
fd_mode(const struct file *f)
{
	unsigned int acc = f->flags & O_ACCMODE;
	mode_t_k mode = S_IFLNK;

	if (f->flags & O_PATH)
		return mode;
	if (acc != O_WRONLY)
		mode |= 0500;
	if (acc != O_RDONLY)
		mode |= 0300;
	return mode;
}

/* parse_fd - a descriptor number as fd/ names it; -1 if not one. */
static int
parse_fd(const char *name, size_t len)
{
	int fd = 0;

	if (len == 0 || len > 9 || (name[0] == '0' && len > 1))
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		fd = fd * 10 + (name[i] - '0');
	}
	return fd;
}

static int
fd_dir_lookup(struct inode *dir, const char *name, size_t len,
	      struct inode **out)
{
	int pid = node_pid(dir), fd, err;
	struct file *f;

	if (len == 2 && name[0] == '.' && name[1] == '.')
		return pid_dir_new(dir->sb, pid, out);
	if ((fd = parse_fd(name, len)) < 0 || fd_file(pid, fd, &f) < 0)
		return -ENOENT;
	err = new_node(dir->sb, fd_mode(f), NODE_FD, pid, fd, out);
	file_put(f);
	if (err == 0)
		(*out)->ino = FD_INO(pid, fd);
	return err;
}

/* Directory op: ".", "..", then the open descriptors; cookie fd + 2. */
static int
fd_dir_readdir(struct inode *dir, uint64_t *pos, filldir_t fill, void *ctx)
{
	int pid = node_pid(dir), fd, n;
	char name[12];

	if (*pos == 0 && fill(ctx, ".", 1, dir->ino, DT_DIR))
		return 0;
	if (*pos == 0)
		*pos = 1;
	if (*pos == 1 && fill(ctx, "..", 2, PID_DIR_INO(pid), DT_DIR))
		return 0;
	if (*pos == 1)
		*pos = 2;
	while (*pos - 2 < INT32_MAX && (fd = next_fd(pid, *pos - 2)) >= 0) {
		n = ksnprintf(name, sizeof(name), "%d", fd);
		if (fill(ctx, name, (size_t)n, FD_INO(pid, fd), DT_LNK))
			return 0;
		*pos = (uint64_t)fd + 3;
	}
	return 0;
}

static const struct inode_ops fd_dir_iops = {
	.lookup		= fd_dir_lookup,
	.readdir	= fd_dir_readdir,
	.evict		= node_evict,
};

/* ---- the links ---------------------------------------------------------------- */

/* cwd_name - the name of process @pid's current directory. */
static int
cwd_name(int pid, char *buf, size_t size)
{
	struct path cwd = { 0 };
	struct proc *p;
	int err;

	mutex_lock(&proc_lock);
	if ((p = pid_live(pid)) != NULL && p->cwd.inode) {
		cwd = p->cwd;
		path_get(&cwd);
	}
	mutex_unlock(&proc_lock);
	if (!cwd.inode)
		return -ENOENT;
	err = d_path(&cwd, buf, size);
	path_put(&cwd);
	return err;
}

/* fd_name - the name of open file @fd of process @pid. */
static int
fd_name(int pid, int fd, char *buf, size_t size)
{
	struct file *f;
	int err;

	if ((err = fd_file(pid, fd, &f)) < 0)
		return err;
	err = file_path(f, buf, size);
	file_put(f);
	return err;
}

/* link_target - the text of link @n into @buf.  Its length or -errno. */
static int
link_target(const struct pid_node *n, char *buf, size_t size)
{
	struct proc *self = current_proc();
	int err;

	switch (n->kind) {
	case NODE_SELF:
		return self ? ksnprintf(buf, size, "%d", self->pid) : -ENOENT;
	case NODE_CWD:
		return cwd_name(n->pid, buf, size);
	case NODE_EXE:
		if ((err = pid_exe_of(n->pid, buf, size)) < 0)
			return err;
		return buf[0] ? (int)strlen(buf) : -ENOENT;
	case NODE_FD:
		return fd_name(n->pid, n->fd, buf, size);
	default:
		return -EINVAL;
	}
}

/* Link op: copies at most @len bytes, no NUL.  vfs_ns_lock may be held
 * (a lookup following the link) or not (readlink). */
static ssize_t
link_readlink(struct inode *ino, char *buf, size_t len)
{
	char *text = kmalloc(LINK_MAX_LEN);
	ssize_t n;

	if (!text)
		return -ENOMEM;
	if ((n = link_target(ino->priv, text, LINK_MAX_LEN)) >= 0) {
		n = (ssize_t)MIN((size_t)n, len);
		memcpy(buf, text, (size_t)n);
	}
	kfree(text);
	return n;
}

static const struct inode_ops link_iops = {
	.readlink	= link_readlink,
	.evict		= node_evict,
};

/* ---- the hook ------------------------------------------------------------------- */

/* Hook op: every visible pid >= @from, in increasing order. */
static int
pid_list(int from, int (*fn)(void *ctx, int pid), void *ctx)
{
	unsigned int n = 0, cap, i;
	int *pids;

	mutex_lock(&proc_lock);
	cap = proc_count();
	if (!(pids = kmalloc((cap + 1) * sizeof(*pids)))) {
		mutex_unlock(&proc_lock);
		return -ENOMEM;
	}
	for (struct proc *p = proc_table(); p && n < cap; p = p->next) {
		if (p->pid < from || !pid_visible(p))
			continue;
		/* insertion sort: at most PROC_MAX pids */
		for (i = n++; i > 0 && pids[i - 1] > p->pid; i--)
			pids[i] = pids[i - 1];
		pids[i] = p->pid;
	}
	mutex_unlock(&proc_lock);
	for (i = 0; i < n && !fn(ctx, pids[i]); i++)
		;
	kfree(pids);
	return 0;
}

/* Hook op: /proc/self, a link whose text is the reader's pid. */
static int
self_new(struct superblock *sb, struct inode **out)
{
	if (!current_proc())
		return -ENOENT;
	return new_node(sb, S_IFLNK | 0777, NODE_SELF, 0, -1, out);
}

static const struct procfs_pid_ops pid_ops = {
	.list	= pid_list,
	.lookup	= pid_dir_new,
	.self	= self_new,
};

/* procfs_pid_init - see procfs.h.  Context: boot. */
void
procfs_pid_init(void)
{
	procfs_register_pid_hook(&pid_ops);
}
