/*
 * fs/procfs_pid.c: the process directories of /proc (fs/procfs.h):
 * /proc/<pid>/{cmdline,comm,cwd,environ,exe,fd/,maps,stat,statm,status}
 * and /proc/self, in Linux's formats so that ps, top and friends parse
 * them.
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
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/format.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "mm/kmalloc.h"
#include "mm/uvm.h"
#include "mm/vmm.h"

extern struct mutex proc_lock;

#define USER_HZ		100		/* AT_CLKTCK: the unit of stat's times */
#define NS_PER_USER_TICK (NSEC_PER_SEC / USER_HZ)
#define STRINGS_MAX	(512u * 1024)	/* of cmdline/environ shown */
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

/* ---- reading a process ------------------------------------------------------ */

/* What the text files show of a process, copied under proc_lock. */
struct snap {
	int		 pid, ppid, pgid, sid;
	int		 tty_nr, tpgid;		/* controlling terminal */
	char		 comm[PROC_COMM_MAX];
	char		 state;			/* R S T Z */
	uint32_t	 umask;
	uint64_t	 cpu_ns, child_cpu_ns, start_ns;
	uint64_t	 nvcsw, nivcsw;
	int		 exit_code;
	uintptr_t	 arg_start, arg_end, env_start, env_end, brk_start;
	uint64_t	 sig_pending, sig_blocked, sig_ignored, sig_caught;
	unsigned int	 fd_size;
	uint64_t	 rss_max;
	struct addrspace *as;			/* referenced, or NULL */
};

/* visible - whether @p is fully made (a fork's child is in the table
 * before it has a thread) and so shown.  proc_lock held. */
static bool
visible(const struct proc *p)
{
	return p->state == PROC_ZOMBIE || p->thread;
}

/* find_visible - process @pid if it is shown.  proc_lock held. */
static struct proc *
find_visible(int pid)
{
	struct proc *p = proc_find(pid);

	return p && visible(p) ? p : NULL;
}

/* live - the same, but not a zombie (which owns no memory or files). */
static struct proc *
live(int pid)
{
	struct proc *p = find_visible(pid);

	return p && p->state == PROC_ALIVE ? p : NULL;
}

/* state_of - Linux's state letter for @p.  proc_lock held. */
static char
state_of(const struct proc *p)
{
	if (p->state == PROC_ZOMBIE)
		return 'Z';
	if (p->stopped)
		return 'T';
	return p->thread->state == THREAD_SLEEPING ? 'S' : 'R';
}

/* signal sets: ignored (SIG_IGN) and caught (a handler) */
static void
snap_signals(const struct proc *p, struct snap *s)
{
	s->sig_pending = p->sig.pending;
	s->sig_blocked = p->sig.blocked;
	for (int i = 0; i < NSIG_K; i++) {
		if (p->sig.act[i].handler == 1)
			s->sig_ignored |= 1ull << i;
		else if (p->sig.act[i].handler > 1)
			s->sig_caught |= 1ull << i;
	}
}

/* snap_alive - the fields only a live process has.  proc_lock held. */
static void
snap_alive(struct proc *p, struct snap *s, bool want_as)
{
	struct thread *t = p->thread;
	struct rlimit_k rss;

	s->cpu_ns = t->cpu_ns;
	if (t == current_thread())		/* its running slice too */
		s->cpu_ns += arch_sched_clock() - t->ran_since;
	s->nvcsw = t->nvcsw;
	s->nivcsw = t->nivcsw;
	s->child_cpu_ns = p->child_cpu_ns;
	snap_signals(p, s);
	s->fd_size = p->fdt ? p->fdt->size : 0;
	rlimit_get(p, RLIMIT_RSS, &rss);
	s->rss_max = rss.cur;
	if (want_as && p->as) {
		as_get(p->as);
		s->as = p->as;
	}
}

/*
 * snap_take - a copy of what /proc shows of process @pid, with its
 * address space referenced if @want_as (as_put it).  0 or -ESRCH.
 * Context: thread; takes proc_lock.
 */
static int
snap_take(int pid, struct snap *s, bool want_as)
{
	struct proc *p;

	*s = (struct snap){ .pid = pid };
	mutex_lock(&proc_lock);
	if (!(p = find_visible(pid))) {
		mutex_unlock(&proc_lock);
		return -ESRCH;
	}
	s->ppid = p->parent ? p->parent->pid : 0;
	s->pgid = p->pgid;
	s->sid = p->sid;
	s->tty_nr = p->tty ? (int)tty_devnum(p->tty) : 0;
	s->tpgid = p->tty ? tty_fg_pgrp(p->tty) : -1;
	memcpy(s->comm, p->comm, sizeof(s->comm));
	s->comm[sizeof(s->comm) - 1] = '\0';
	s->state = state_of(p);
	s->umask = p->umask;
	s->start_ns = p->start_ns;
	s->arg_start = p->arg_start;
	s->arg_end = p->arg_end;
	s->env_start = p->env_start;
	s->env_end = p->env_end;
	s->brk_start = p->brk_start;
	if (p->state == PROC_ALIVE)
		snap_alive(p, s, want_as);
	else		/* exit folded its own time into child_cpu_ns */
		s->cpu_ns = p->child_cpu_ns, s->exit_code = p->wait_status;
	mutex_unlock(&proc_lock);
	return 0;
}

static void
snap_put(struct snap *s)
{
	if (s->as)
		as_put(s->as);
	s->as = NULL;
}

/* Sizes of an address space, in bytes. */
struct usage {
	uint64_t total, rss, text, data, stack;
	uintptr_t code_start, code_end, data_start, data_end;
};

/* usage_of - the sizes of @as.  Context: takes as->lock. */
static void
usage_of(struct addrspace *as, struct usage *u)
{
	*u = (struct usage){ 0 };
	if (!as)
		return;
	mutex_lock(&as->lock);
	for (struct vma *v = as->vmas; v; v = v->next) {
		uint64_t len = v->end - v->start;
		u->total += len;
		if (v->flags & VMA_STACK) {
			u->stack += len;
		} else if (v->prot & VM_EXEC) {
			u->text += len;
			u->code_start = u->code_start ? u->code_start : v->start;
			u->code_end = v->end;
		} else if (v->prot & VM_WRITE) {
			u->data += len;
			if (!(v->flags & (VMA_ANON | VMA_HEAP)) && !u->data_start) {
				u->data_start = v->start;	/* the ELF's */
				u->data_end = v->end;
			}
		}
	}
	u->rss = (uint64_t)as->user_pages * PAGE_SIZE;
	mutex_unlock(&as->lock);
}

static uint64_t
ticks(uint64_t ns)
{
	return ns / NS_PER_USER_TICK;
}

/* ---- the text files ----------------------------------------------------------- */

/* emit_bytes - append @n bytes that may contain NULs. */
static void
emit_bytes(struct procfs_buf *b, const char *s, size_t n)
{
	while (n > 0) {
		size_t k = strnlen(s, n);
		if (k > 0)
			procfs_printf(b, "%.*s", (int)k, s);
		if (k < n) {
			procfs_printf(b, "%c", '\0');
			k++;
		}
		s += k;
		n -= k;
	}
}

/* show_strings - the bytes of [@start, @end) in the process's memory. */
static int
show_strings(struct procfs_buf *b, struct addrspace *as, uintptr_t start,
	     uintptr_t end)
{
	size_t len = end > start ? MIN(end - start, (size_t)STRINGS_MAX) : 0;
	char *chunk;
	int err = 0;

	if (!as || len == 0)
		return 0;
	if (!(chunk = kmalloc(PAGE_SIZE)))
		return -ENOMEM;
	for (size_t off = 0, n; off < len && err == 0; off += n) {
		n = MIN(len - off, (size_t)PAGE_SIZE);
		if ((err = as_read_user(as, start + off, chunk, n)) == 0)
			emit_bytes(b, chunk, n);
	}
	kfree(chunk);
	return err == -EFAULT ? 0 : err;	/* unmapped since: stop there */
}

/* cmdline: the argument strings, NUL-separated, as the program has them. */
static int
show_cmdline(struct procfs_buf *b, void *arg)
{
	struct snap s;
	int err;

	if ((err = snap_take((int)(intptr_t)arg, &s, true)) < 0)
		return err;
	err = show_strings(b, s.as, s.arg_start, s.arg_end);
	snap_put(&s);
	return err;
}

static int
show_environ(struct procfs_buf *b, void *arg)
{
	struct snap s;
	int err;

	if ((err = snap_take((int)(intptr_t)arg, &s, true)) < 0)
		return err;
	err = show_strings(b, s.as, s.env_start, s.env_end);
	snap_put(&s);
	return err;
}

static int
show_comm(struct procfs_buf *b, void *arg)
{
	struct snap s;
	int err;

	if ((err = snap_take((int)(intptr_t)arg, &s, false)) < 0)
		return err;
	procfs_printf(b, "%s\n", s.comm);
	return 0;
}

/* maps_name - what maps shows after a region: [stack], [heap], the
 * program for its ELF segments, nothing for anonymous memory. */
static const char *
maps_name(const struct vma *v, const char *exe)
{
	if (v->flags & VMA_STACK)
		return "[stack]";
	if (v->flags & VMA_HEAP)
		return "[heap]";
	return (v->flags & VMA_ANON) || !exe[0] ? NULL : exe;
}

/* maps_line - one region, as Linux's show_map_vma: the name starts in
 * column 74 (the header padded to 72, then a blank). */
static void
maps_line(struct procfs_buf *b, const struct vma *v, const char *exe)
{
	bool none = v->flags & VMA_NOACCESS;
	const char *name = maps_name(v, exe);
	char head[96];
	int n;

	n = ksnprintf(head, sizeof(head), "%08lx-%08lx %c%c%c%c %08x %02x:%02x %u ",
		      (unsigned long)v->start, (unsigned long)v->end,
		      none ? '-' : 'r',
		      !none && (v->prot & VM_WRITE) ? 'w' : '-',
		      !none && (v->prot & VM_EXEC) ? 'x' : '-',
		      (v->flags & VMA_SHARED) ? 's' : 'p', 0, 0, 0, 0);
	if (name)
		procfs_printf(b, "%s%*s %s\n", head, n < 72 ? 72 - n : 0, "",
			      name);
	else
		procfs_printf(b, "%s\n", head);
}

/* exe_of - a copy of process @pid's program name; "" for a zombie. */
static int
exe_of(int pid, char *buf, size_t size)
{
	struct proc *p;
	int err = -ESRCH;

	buf[0] = '\0';
	mutex_lock(&proc_lock);
	if ((p = find_visible(pid)) != NULL) {
		if (p->state == PROC_ALIVE)
			strlcpy(buf, p->exe, size);
		err = 0;
	}
	mutex_unlock(&proc_lock);
	return err;
}

static int
show_maps(struct procfs_buf *b, void *arg)
{
	int pid = (int)(intptr_t)arg;
	char *exe = kmalloc(sizeof(((struct proc *)0)->exe));
	struct snap s;
	int err;

	if (!exe)
		return -ENOMEM;
	if ((err = exe_of(pid, exe, sizeof(((struct proc *)0)->exe))) == 0 &&
	    (err = snap_take(pid, &s, true)) == 0) {
		if (s.as) {
			mutex_lock(&s.as->lock);
			for (struct vma *v = s.as->vmas; v; v = v->next)
				maps_line(b, v, exe);
			mutex_unlock(&s.as->lock);
		}
		snap_put(&s);
	}
	kfree(exe);
	return err;
}

/* stat: one line, the fields of Linux's do_task_stat in order. */
static int
show_stat(struct procfs_buf *b, void *arg)
{
	struct snap s;
	struct usage u;
	int err;

	if ((err = snap_take((int)(intptr_t)arg, &s, true)) < 0)
		return err;
	usage_of(s.as, &u);
	procfs_printf(b, "%d (%s) %c %d %d %d %d %d 0 0 0 0 0 ", s.pid, s.comm,
		      s.state, s.ppid, s.pgid, s.sid, s.tty_nr, s.tpgid);
	/* utime stime cutime cstime priority nice threads itrealvalue */
	procfs_printf(b, "%lu 0 %lu 0 20 0 1 0 ", ticks(s.cpu_ns),
		      ticks(s.child_cpu_ns));
	procfs_printf(b, "%lu %lu %lu %lu ", ticks(s.start_ns), u.total,
		      u.rss / PAGE_SIZE, s.rss_max);
	/* start/end code, start stack, esp, eip, the four signal sets,
	 * wchan nswap cnswap exit_signal processor rt_priority policy
	 * blkio_ticks guest_time cguest_time */
	procfs_printf(b, "%lu %lu 0 0 0 %lu %lu %lu %lu 0 0 0 17 0 0 0 0 0 0 ",
		      u.code_start, u.code_end, s.sig_pending, s.sig_blocked,
		      s.sig_ignored, s.sig_caught);
	procfs_printf(b, "%lu %lu %lu %lu %lu %lu %lu %d\n", u.data_start,
		      u.data_end, s.brk_start, s.arg_start, s.arg_end,
		      s.env_start, s.env_end, s.exit_code);
	snap_put(&s);
	return 0;
}

/* statm: sizes in pages: size resident shared text lib data dt. */
static int
show_statm(struct procfs_buf *b, void *arg)
{
	struct snap s;
	struct usage u;
	int err;

	if ((err = snap_take((int)(intptr_t)arg, &s, true)) < 0)
		return err;
	usage_of(s.as, &u);
	procfs_printf(b, "%lu %lu 0 %lu 0 %lu 0\n", u.total / PAGE_SIZE,
		      u.rss / PAGE_SIZE, u.text / PAGE_SIZE,
		      (u.data + u.stack) / PAGE_SIZE);
	snap_put(&s);
	return 0;
}

static const char *
state_name(char state)
{
	switch (state) {
	case 'R':	return "R (running)";
	case 'S':	return "S (sleeping)";
	case 'T':	return "T (stopped)";
	default:	return "Z (zombie)";
	}
}

/* The Vm* lines: a zombie has no memory and shows none. */
static void
status_memory(struct procfs_buf *b, const struct usage *u)
{
	const struct {
		const char *name;
		uint64_t bytes;
	} lines[] = {
		{ "VmPeak", u->total }, { "VmSize", u->total },
		{ "VmLck", 0 },		{ "VmPin", 0 },
		{ "VmHWM", u->rss },	{ "VmRSS", u->rss },
		{ "RssAnon", u->rss },	{ "RssFile", 0 },
		{ "RssShmem", 0 },	{ "VmData", u->data },
		{ "VmStk", u->stack },	{ "VmExe", u->text },
		{ "VmLib", 0 },		{ "VmPTE", 0 },
		{ "VmSwap", 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++)
		procfs_printf(b, "%s:\t%8lu kB\n", lines[i].name,
			      lines[i].bytes / 1024);
}

static int
show_status(struct procfs_buf *b, void *arg)
{
	struct snap s;
	struct usage u;
	int err;

	if ((err = snap_take((int)(intptr_t)arg, &s, true)) < 0)
		return err;
	procfs_printf(b, "Name:\t%s\nUmask:\t%04o\nState:\t%s\n", s.comm,
		      s.umask, state_name(s.state));
	procfs_printf(b, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n"
			 "TracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n"
			 "FDSize:\t%u\nGroups:\t\n",
		      s.pid, s.pid, s.ppid, s.fd_size);
	procfs_printf(b, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n",
		      s.pid, s.pid, s.pgid, s.sid);
	if (s.as) {
		usage_of(s.as, &u);
		status_memory(b, &u);
	}
	procfs_printf(b, "Threads:\t1\nSigQ:\t0/%u\nSigPnd:\t%016lx\n"
			 "ShdPnd:\t%016lx\nSigBlk:\t%016lx\nSigIgn:\t%016lx\n"
			 "SigCgt:\t%016lx\n",
		      PROC_MAX, 0ul, s.sig_pending, s.sig_blocked,
		      s.sig_ignored, s.sig_caught);
	procfs_printf(b, "CapInh:\t%016x\nCapPrm:\t%016lx\nCapEff:\t%016lx\n"
			 "CapBnd:\t%016lx\nCapAmb:\t%016x\nNoNewPrivs:\t0\n"
			 "Seccomp:\t0\nCpus_allowed:\t1\n"
			 "Cpus_allowed_list:\t0\n",
		      0, 0x1fffffffffful, 0x1fffffffffful, 0x1fffffffffful, 0);
	procfs_printf(b, "voluntary_ctxt_switches:\t%lu\n"
			 "nonvoluntary_ctxt_switches:\t%lu\n",
		      s.nvcsw, s.nivcsw);
	snap_put(&s);
	return 0;
}

/* ---- the entries of a process directory ------------------------------------- */

static const struct pid_entry {
	const char	*name;
	mode_t_k	 mode;
	procfs_show_t	 show;		/* files */
	enum node_kind	 kind;		/* links and directories */
} pid_entries[] = {
	{ "cmdline", S_IFREG | 0444, show_cmdline, 0 },
	{ "comm", S_IFREG | 0644, show_comm, 0 },
	{ "cwd", S_IFLNK | 0777, NULL, NODE_CWD },
	{ "environ", S_IFREG | 0400, show_environ, 0 },
	{ "exe", S_IFLNK | 0777, NULL, NODE_EXE },
	{ "fd", S_IFDIR | 0500, NULL, NODE_FD_DIR },
	{ "maps", S_IFREG | 0444, show_maps, 0 },
	{ "stat", S_IFREG | 0444, show_stat, 0 },
	{ "statm", S_IFREG | 0444, show_statm, 0 },
	{ "status", S_IFREG | 0444, show_status, 0 },
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
	yes = find_visible(pid) != NULL;
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
	if ((p = live(pid)) != NULL && p->fdt && fd_get(p->fdt, fd, out) == 0)
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
	if ((p = live(pid)) != NULL && p->fdt) {
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
	if ((p = live(pid)) != NULL && p->cwd.inode) {
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
		if ((err = exe_of(n->pid, buf, size)) < 0)
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
		if (p->pid < from || !visible(p))
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
