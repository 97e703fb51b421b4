/*
 * fs/procfs.c: /proc, files generated on read (fs/procfs.h).
 *
 * The root directory and one inode per static file are made at mount and
 * live until the filesystem is killed.  Opening a file runs its show
 * function into a kmalloc'd buffer that grows by doubling (up to
 * PROCFS_TEXT_MAX) and stays with the open file; reads copy from it.
 * The formats are Linux's, so that the usual tools parse them.
 *
 * Locks: an open file's text is guarded by its own mutex (pread may run
 * beside read); everything else is fixed after mount, or read from other
 * subsystems through their own locked interfaces.
 */
#include "arch/arch.h"
#include "fs/procfs.h"
#include "fs/vfs.h"
#include "kernel/bootinfo.h"
#include "kernel/errno.h"
#include "kernel/format.h"
#include "kernel/irq.h"
#include "kernel/panic.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "kernel/version.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"

#define PROCFS_TEXT_MIN	1024		/* first buffer of a text */
#define PROCFS_TEXT_MAX	(1024 * 1024)	/* longest text: -EFBIG beyond */

/* Root readdir cookies: ".", "..", the static files, then the pids. */
#define COOKIE_FILES	2
#define COOKIE_PIDS	(1ull << 32)
/* Inode numbers of pid directories, above any that inode_new hands out. */
#define PROCFS_PID_INO(pid)	((1ull << 32) + (uint64_t)(pid))
#define PROCFS_SELF_INO		PROCFS_PID_INO(0)	/* no process 0 */
#define COOKIE_SELF		(COOKIE_FILES + ARRAY_SIZE(root_files))

#define USER_HZ		100		/* /proc/stat's unit of time */
#define LOAD_SHIFT	11		/* sched_stats.load_avg is x 2048 */

#if defined(__clang__)
#define PROCFS_CC	"clang version " __clang_version__
#else
#define PROCFS_CC	"gcc version " __VERSION__
#endif

struct procfs_buf {
	char	*data;
	size_t	 len;			/* bytes of text */
	size_t	 cap;			/* bytes at data, > len (for the NUL) */
	int	 err;			/* the first failure, or 0 */
};

/* inode->priv of a generated file */
struct procfs_node {
	procfs_show_t	 show;
	void		*arg;
};

/* file->priv of an open generated file */
struct procfs_text {
	struct mutex	 lock;
	struct procfs_buf buf;		/* [lock] */
	bool		 served;	/* [lock] some of it was read */
};

static const struct procfs_pid_ops *pid_ops;	/* set at boot */

/* ---- building text ------------------------------------------------------- */

/* procfs_reserve - room for @need more bytes and a NUL; 0 or b->err. */
static int
procfs_reserve(struct procfs_buf *b, size_t need)
{
	size_t cap = b->cap;
	char *data;

	if (b->err)
		return b->err;
	if (need < b->cap - b->len)
		return 0;
	if (need >= PROCFS_TEXT_MAX - b->len)
		return b->err = -EFBIG;
	while (need >= cap - b->len)
		cap *= 2;
	cap = MIN(cap, (size_t)PROCFS_TEXT_MAX);
	if (!(data = krealloc(b->data, cap)))
		return b->err = -ENOMEM;
	b->data = data;
	b->cap = cap;
	return 0;
}

/* procfs_printf - see procfs.h.  Context: thread (a show function). */
void
procfs_printf(struct procfs_buf *b, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	if (b->err)
		return;
	va_start(ap, fmt);
	n = (size_t)kvsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n >= b->cap - b->len) {
		if (procfs_reserve(b, n) < 0)
			return;
		va_start(ap, fmt);
		kvsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += n;
}

static void
procfs_write_bytes(struct procfs_buf *b, const char *s, size_t n)
{
	if (procfs_reserve(b, n) < 0)
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
}

/* The escaping of /proc/mounts: blank, tab, newline, backslash as \ooo. */
static void
procfs_write_escaped(struct procfs_buf *b, const char *s)
{
	static const char special[] = " \t\n\\";
	size_t n;

	while (*s) {
		for (n = 0; s[n] && !strchr(special, s[n]); n++)
			;
		procfs_write_bytes(b, s, n);
		if (!s[n])
			break;
		procfs_printf(b, "\\%03o", (unsigned char)s[n]);
		s += n + 1;
	}
}

/* ---- the files ----------------------------------------------------------- */

static int
show_cmdline(struct procfs_buf *b, void *arg)
{
	(void)arg;
	procfs_printf(b, "%s\n", boot_info.cmdline);
	return 0;
}

/* The running CPU's block; FIXME: one block per CPU when others run. */
static int
show_cpuinfo(struct procfs_buf *b, void *arg)
{
	size_t n;

	(void)arg;
	while ((n = arch_cpuinfo(b->data + b->len, b->cap - b->len)) >=
	       b->cap - b->len)
		if (procfs_reserve(b, n) < 0)
			return b->err;
	b->len += n;
	return 0;
}

static void
filesystems_one(const struct fs_type *t, void *ctx)
{
	/* every filesystem so far is "nodev": it needs no block device */
	procfs_printf(ctx, "nodev\t%s\n", t->name);
}

static int
show_filesystems(struct procfs_buf *b, void *arg)
{
	(void)arg;
	vfs_for_each_fs_type(filesystems_one, b);
	return 0;
}

/*
 * The local APIC timer's ticks: the ticks that did not come through IRQ 0
 * (the PIT, which drives the tick on machines without a local APIC).
 */
static uint64_t
local_timer_count(void)
{
	uint64_t ticks = time_ticks(), pit = irq_count(0);

	return ticks > pit ? ticks - pit : 0;
}

/* The chip column is one word on Linux: IO-APIC, or XT-PIC for an 8259. */
static const char *
irq_chip_label(void)
{
	return strncmp(arch_irq_controller(), "I/O APIC", 8) == 0 ? "IO-APIC"
								   : "XT-PIC";
}

static int
show_interrupts(struct procfs_buf *b, void *arg)
{
	const char *chip = irq_chip_label(), *name;
	uint64_t count;

	(void)arg;
	procfs_printf(b, "%11sCPU%-8d\n", "", 0);
	for (unsigned int irq = 0; irq < IRQ_MAX; irq++) {
		name = irq_name(irq);
		count = irq_count(irq);
		if (!name && count == 0)
			continue;
		procfs_printf(b, "%3u: %10lu  %8s%s%s\n", irq, count, chip,
			      name ? "  " : "", name ? name : "");
	}
	procfs_printf(b, "LOC: %10lu   Local timer interrupts\n",
		      local_timer_count());
	return 0;
}

/* One load average, rounded to hundredths as Linux rounds it. */
static void
loadavg_one(struct procfs_buf *b, uint64_t avg)
{
	uint64_t one = 1ull << LOAD_SHIFT;

	avg += one / 200;
	procfs_printf(b, "%lu.%02lu ", avg >> LOAD_SHIFT,
		      ((avg & (one - 1)) * 100) >> LOAD_SHIFT);
}

static int
show_loadavg(struct procfs_buf *b, void *arg)
{
	struct sched_stats st;

	(void)arg;
	sched_get_stats(&st);
	for (int i = 0; i < 3; i++)
		loadavg_one(b, st.load_avg[i]);
	procfs_printf(b, "%u/%u %d\n", st.runnable, st.threads,
		      proc_last_pid());
	return 0;
}

static int
show_meminfo(struct procfs_buf *b, void *arg)
{
	struct pmm_stats pm;
	struct kmalloc_stats km;
	const uint64_t kib = PAGE_SIZE / 1024;

	(void)arg;
	pmm_get_stats(&pm);
	kmalloc_get_stats(&km);
	const struct {
		const char *name;
		uint64_t kb;
	} lines[] = {
		{ "MemTotal:", pm.total_frames * kib },
		{ "MemFree:", pm.free_frames * kib },
		{ "MemAvailable:", pm.free_frames * kib }, /* no caches yet */
		{ "Buffers:", 0 },
		{ "Cached:", 0 },
		{ "SwapCached:", 0 },
		{ "SwapTotal:", 0 },
		{ "SwapFree:", 0 },
		{ "Shmem:", 0 },
		{ "KReclaimable:", 0 },
		{ "Slab:", km.slab_pages * kib },
		{ "SReclaimable:", 0 },
		{ "SUnreclaim:", km.slab_pages * kib },
		{ "VmallocTotal:", VMALLOC_SIZE / 1024 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(lines); i++)
		procfs_printf(b, "%-16s%8lu kB\n", lines[i].name, lines[i].kb);
	return 0;
}

static void
mounts_one(const struct mount *m, void *ctx)
{
	procfs_write_escaped(ctx, m->source[0] ? m->source : "none");
	procfs_write_bytes(ctx, " ", 1);
	procfs_write_escaped(ctx, m->where);
	procfs_printf(ctx, " %s rw 0 0\n", m->sb->type->name);
}

static int
show_mounts(struct procfs_buf *b, void *arg)
{
	(void)arg;
	vfs_for_each_mount(mounts_one, b);
	return 0;
}

/* Time since boot and idle time (summed over CPUs), in nanoseconds. */
static void
cpu_times(uint64_t *up, uint64_t *idle)
{
	*up = time_ns();
	*idle = MIN(this_cpu()->idle_ns, *up);	/* two clocks: keep it sane */
}

static int
show_stat(struct procfs_buf *b, void *arg)
{
	const uint64_t sec = NSEC_PER_SEC, tick = sec / USER_HZ;
	struct sched_stats st;
	uint64_t up, idle, total = local_timer_count();

	(void)arg;
	cpu_times(&up, &idle);
	sched_get_stats(&st);
	/* user nice system idle iowait irq softirq steal guest guest_nice:
	 * all busy time is the kernel's until there is user space */
	procfs_printf(b, "cpu  0 0 %lu %lu 0 0 0 0 0 0\n",
		      (up - idle) / tick, idle / tick);
	procfs_printf(b, "cpu0 0 0 %lu %lu 0 0 0 0 0 0\n",
		      (up - idle) / tick, idle / tick);
	for (unsigned int irq = 0; irq < IRQ_MAX; irq++)
		total += irq_count(irq);
	procfs_printf(b, "intr %lu", total);
	for (unsigned int irq = 0; irq < IRQ_MAX; irq++)
		procfs_printf(b, " %lu", irq_count(irq));
	/* no "processes" line (forks since boot) until there is a fork */
	procfs_printf(b, "\nctxt %lu\nbtime %lu\nprocs_running %u\n"
			 "procs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n",
		      st.switches, (time_realtime_ns() - up) / sec,
		      st.runnable);
	return 0;
}

static int
show_uptime(struct procfs_buf *b, void *arg)
{
	const uint64_t sec = NSEC_PER_SEC, cs = sec / 100;
	uint64_t up, idle;

	(void)arg;
	cpu_times(&up, &idle);
	procfs_printf(b, "%lu.%02lu %lu.%02lu\n", up / sec, up % sec / cs,
		      idle / sec, idle % sec / cs);
	return 0;
}

/* No build date or host: the same tree always builds the same kernel. */
static int
show_version(struct procfs_buf *b, void *arg)
{
	(void)arg;
	procfs_printf(b, "%s version %s (%s) #1 SMP\n", BASALT_NAME,
		      BASALT_VERSION, PROCFS_CC);
	return 0;
}

/* The static files of the root, in readdir order. */
static const struct {
	const char	*name;
	procfs_show_t	 show;
} root_files[] = {
	{ "cmdline", show_cmdline },
	{ "cpuinfo", show_cpuinfo },
	{ "filesystems", show_filesystems },
	{ "interrupts", show_interrupts },
	{ "loadavg", show_loadavg },
	{ "meminfo", show_meminfo },
	{ "mounts", show_mounts },
	{ "stat", show_stat },
	{ "uptime", show_uptime },
	{ "version", show_version },
};

/* sb->priv */
struct procfs_sb {
	struct inode	*files[ARRAY_SIZE(root_files)];	/* [I] */
};

/* ---- open files ---------------------------------------------------------- */

/* procfs_generate - a fresh text of @ino in *@b; 0 or -errno (b empty). */
static int
procfs_generate(struct inode *ino, struct procfs_buf *b)
{
	const struct procfs_node *node = ino->priv;
	int err;

	*b = (struct procfs_buf){ .cap = PROCFS_TEXT_MIN };
	if (!(b->data = kmalloc(b->cap)))
		return -ENOMEM;
	if ((err = node->show(b, node->arg)) >= 0)
		err = b->err;
	if (err < 0) {
		kfree(b->data);
		*b = (struct procfs_buf){ 0 };
	}
	return err;
}

/* Replace the text of @t by a new one; the old stays on failure. */
static int
procfs_regenerate(struct inode *ino, struct procfs_text *t)
{
	struct procfs_buf fresh;
	int err;

	if ((err = procfs_generate(ino, &fresh)) < 0)
		return err;
	kfree(t->buf.data);
	t->buf = fresh;
	t->served = false;
	return 0;
}

/*
 * Write opens succeed, as they do for root on Linux (the permission bits
 * are the VFS's business); the writes themselves fail.
 */
static int
procfs_open(struct inode *ino, struct file *f)
{
	struct procfs_text *t;
	int err;

	if (!(t = kzalloc(sizeof(*t))))
		return -ENOMEM;
	mutex_init(&t->lock, "procfs_text");
	if ((err = procfs_generate(ino, &t->buf)) < 0) {
		kfree(t);
		return err;
	}
	f->priv = t;
	return 0;
}

/* A read from offset 0 after an earlier read regenerates, as seq_file. */
static ssize_t
procfs_read(struct file *f, void *buf, size_t len, uint64_t *pos)
{
	struct procfs_text *t = f->priv;
	ssize_t n = 0;

	mutex_lock(&t->lock);
	if (*pos == 0 && t->served)
		n = procfs_regenerate(f->inode, t);
	if (n == 0 && *pos < t->buf.len) {
		n = (ssize_t)MIN(len, t->buf.len - *pos);
		memcpy(buf, t->buf.data + *pos, n);
		*pos += n;
		t->served = true;
	}
	mutex_unlock(&t->lock);
	return n;
}

static ssize_t
procfs_write(struct file *f, const void *buf, size_t len, uint64_t *pos)
{
	(void)f, (void)buf, (void)len, (void)pos;
	return -EIO;		/* Linux's, for a /proc file without a write */
}

/* As Linux's seq_lseek: SEEK_SET and SEEK_CUR to any offset >= 0. */
static int64_t
procfs_llseek(struct file *f, int64_t off, int whence)
{
	if (whence == SEEK_CUR) {
		if (off > 0 && f->pos > (uint64_t)(INT64_MAX - off))
			return -EINVAL;
		off += (int64_t)f->pos;
	} else if (whence != SEEK_SET) {
		return -EINVAL;
	}
	if (off < 0)
		return -EINVAL;
	f->pos = (uint64_t)off;
	return off;
}

static void
procfs_release(struct file *f)
{
	struct procfs_text *t = f->priv;

	kfree(t->buf.data);
	kfree(t);
	f->priv = NULL;
}

static const struct file_ops procfs_file_fops = {
	.open		= procfs_open,
	.read		= procfs_read,
	.write		= procfs_write,
	.llseek		= procfs_llseek,
	.release	= procfs_release,
	/* .ioctl NULL: -ENOTTY; .poll NULL: always ready; .mmap: -ENODEV */
};

/* ---- inodes -------------------------------------------------------------- */

/*
 * Linux keeps mode, owner and times; truncation succeeds and changes
 * nothing (so `: > /proc/meminfo` opens and only its write fails).
 */
static int
procfs_setattr(struct inode *ino, const struct iattr *attr)
{
	if (attr->valid & ATTR_MODE)
		ino->mode = (ino->mode & S_IFMT) | (attr->mode & 07777);
	if (attr->valid & ATTR_UID)
		ino->uid = attr->uid;
	if (attr->valid & ATTR_GID)
		ino->gid = attr->gid;
	if (attr->valid & ATTR_ATIME)
		ino->atime = attr->atime;
	if (attr->valid & ATTR_MTIME)
		ino->mtime = attr->mtime;
	if (attr->valid & ATTR_CTIME)
		ino->ctime = attr->ctime;
	return 0;
}

/* The inode memory is the filesystem's to free (vfs.h, evict). */
static void
procfs_evict(struct inode *ino)
{
	kfree(ino->priv);
	kfree(ino);
}

static const struct inode_ops procfs_file_iops = {
	.setattr	= procfs_setattr,
	.evict		= procfs_evict,
};

/* procfs_new_file - see procfs.h.  Context: thread; may sleep. */
int
procfs_new_file(struct superblock *sb, procfs_show_t show, void *arg,
		struct inode **out)
{
	struct procfs_node *node;
	struct inode *ino;

	if (!(node = kmalloc(sizeof(*node))))
		return -ENOMEM;
	if (!(ino = inode_new(sb, S_IFREG | 0444))) {
		kfree(node);
		return -ENOMEM;
	}
	*node = (struct procfs_node){ .show = show, .arg = arg };
	ino->iops = &procfs_file_iops;
	ino->fops = &procfs_file_fops;
	ino->priv = node;
	*out = ino;
	return 0;
}

/* ---- the root directory -------------------------------------------------- */

/* A pid as /proc names it: decimal, no sign, no leading zero.  -1 if not. */
static int
procfs_parse_pid(const char *name, size_t len)
{
	int pid = 0;

	if (len == 0 || len > 9 || (name[0] == '0' && len > 1))
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		pid = pid * 10 + (name[i] - '0');
	}
	return pid;
}

static int
procfs_root_lookup(struct inode *dir, const char *name, size_t len,
		   struct inode **out)
{
	struct procfs_sb *ps = dir->sb->priv;
	int pid, err;

	if (len == 2 && name[0] == '.' && name[1] == '.') {
		inode_get(dir);		/* the VFS asks; above / is itself */
		*out = dir;
		return 0;
	}
	for (size_t i = 0; i < ARRAY_SIZE(root_files); i++) {
		if (strlen(root_files[i].name) == len &&
		    memcmp(root_files[i].name, name, len) == 0) {
			inode_get(ps->files[i]);
			*out = ps->files[i];
			return 0;
		}
	}
	if (pid_ops && pid_ops->self && len == 4 && memcmp(name, "self", 4) == 0) {
		if ((err = pid_ops->self(dir->sb, out)) == 0)
			(*out)->ino = PROCFS_SELF_INO;
		return err;
	}
	if (!pid_ops || (pid = procfs_parse_pid(name, len)) < 0)
		return -ENOENT;
	if ((err = pid_ops->lookup(dir->sb, pid, out)) == 0)
		(*out)->ino = PROCFS_PID_INO(pid);
	return err;
}

/*
 * Nothing can be created in /proc.  Linux fails in the lookup that comes
 * first, so these answer -ENOENT where the VFS default would be -EPERM.
 */
static int
procfs_no_mknod(struct inode *dir, const char *name, size_t len,
		mode_t_k mode, dev_t_k rdev, struct inode **out)
{
	(void)dir, (void)name, (void)len, (void)mode, (void)rdev, (void)out;
	return -ENOENT;
}

static int
procfs_no_mkdir(struct inode *dir, const char *name, size_t len,
		mode_t_k mode, struct inode **out)
{
	(void)dir, (void)name, (void)len, (void)mode, (void)out;
	return -ENOENT;
}

static int
procfs_no_symlink(struct inode *dir, const char *name, size_t len,
		  const char *target, struct inode **out)
{
	(void)dir, (void)name, (void)len, (void)target, (void)out;
	return -ENOENT;
}

static int
procfs_no_link(struct inode *old, struct inode *dir, const char *name,
	       size_t len)
{
	(void)old, (void)dir, (void)name, (void)len;
	return -ENOENT;
}

/* Entry @pos (< COOKIE_FILES + the static files); @fill's verdict. */
static int
procfs_fill_static(struct inode *dir, uint64_t pos, filldir_t fill, void *ctx)
{
	struct procfs_sb *ps = dir->sb->priv;
	const char *name;

	if (pos < COOKIE_FILES)		/* "." then ".." */
		return fill(ctx, "..", pos + 1, dir->ino, DT_DIR);
	name = root_files[pos - COOKIE_FILES].name;
	return fill(ctx, name, strlen(name), ps->files[pos - COOKIE_FILES]->ino,
		    DT_REG);
}

struct pid_fill {
	filldir_t	 fill;
	void		*ctx;
	uint64_t	*pos;
};

static int
procfs_fill_pid(void *arg, int pid)
{
	struct pid_fill *pf = arg;
	char name[12];
	int n;

	if (pid < 0)
		return 0;
	n = ksnprintf(name, sizeof(name), "%d", pid);
	if (pf->fill(pf->ctx, name, (size_t)n, PROCFS_PID_INO(pid), DT_DIR))
		return 1;
	*pf->pos = COOKIE_PIDS + (uint64_t)pid + 1;
	return 0;
}

static int
procfs_root_readdir(struct inode *dir, uint64_t *pos, filldir_t fill,
		    void *ctx)
{
	struct pid_fill pf = { .fill = fill, .ctx = ctx, .pos = pos };

	for (; *pos < COOKIE_SELF; ++*pos)
		if (procfs_fill_static(dir, *pos, fill, ctx))
			return 0;
	if (*pos == COOKIE_SELF && pid_ops && pid_ops->self &&
	    fill(ctx, "self", 4, PROCFS_SELF_INO, DT_LNK))
		return 0;
	if (*pos < COOKIE_PIDS)
		*pos = COOKIE_PIDS;
	if (!pid_ops || *pos - COOKIE_PIDS > INT32_MAX)
		return 0;
	return pid_ops->list((int)(*pos - COOKIE_PIDS), procfs_fill_pid, &pf);
}

static const struct inode_ops procfs_root_iops = {
	.lookup		= procfs_root_lookup,
	.mknod		= procfs_no_mknod,
	.mkdir		= procfs_no_mkdir,
	.symlink	= procfs_no_symlink,
	.link		= procfs_no_link,
	.readdir	= procfs_root_readdir,
	.setattr	= procfs_setattr,
	.evict		= procfs_evict,
	/* unlink, rmdir, rename, readlink NULL: -EPERM, -EINVAL */
};

/* procfs_register_pid_hook - see procfs.h.  Context: boot or a test. */
void
procfs_register_pid_hook(const struct procfs_pid_ops *ops)
{
	KASSERT(!ops || (ops->list && ops->lookup));
	pid_ops = ops;
}

/* ---- the filesystem ------------------------------------------------------ */

/* Drops the references taken at mount: the inodes go with the last one. */
static void
procfs_kill(struct superblock *sb)
{
	struct procfs_sb *ps = sb->priv;

	for (size_t i = 0; ps && i < ARRAY_SIZE(ps->files); i++)
		inode_put(ps->files[i]);
	inode_put(sb->root);
	kfree(ps);
	kfree(sb);
}

static int
procfs_mount(const char *source, struct superblock **out)
{
	struct superblock *sb;
	struct procfs_sb *ps;
	int err = -ENOMEM;

	(void)source;
	if (!(sb = kzalloc(sizeof(*sb))))
		return -ENOMEM;
	sb->type = &procfs_fs_type;		/* the root gets inode 1 */
	if (!(sb->priv = ps = kzalloc(sizeof(*ps))))
		goto out_kill;
	if (!(sb->root = inode_new(sb, S_IFDIR | 0555)))
		goto out_kill;
	sb->root->nlink = 2;
	sb->root->iops = &procfs_root_iops;
	/* fops NULL: lseek on the directory is the VFS's (rewinddir) */
	for (size_t i = 0; i < ARRAY_SIZE(root_files); i++)
		if ((err = procfs_new_file(sb, root_files[i].show, NULL,
					   &ps->files[i])) < 0)
			goto out_kill;
	*out = sb;
	return 0;
out_kill:
	procfs_kill(sb);
	return err;
}

/* Named "proc" as on Linux: mount -t proc, and /proc/mounts shows it. */
struct fs_type procfs_fs_type = {
	.name	= "proc",
	.mount	= procfs_mount,
	.kill	= procfs_kill,
};
