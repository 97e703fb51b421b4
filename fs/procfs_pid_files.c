/*
 * fs/procfs_pid_files.c: reading a process for /proc/<pid> (a snapshot
 * of its fields under proc_lock, its memory usage) and the text files
 * cmdline, comm, environ, maps, stat, statm and status, in Linux's
 * formats.  The directories and links are fs/procfs_pid.c; the locking
 * rules are in its header comment.
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

#include "fs/procfs_pid.h"

#define USER_HZ		100		/* AT_CLKTCK: the unit of stat's times */
#define NS_PER_USER_TICK (NSEC_PER_SEC / USER_HZ)
#define STRINGS_MAX	(512u * 1024)	/* of cmdline/environ shown */

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

/* pid_visible - whether @p is fully made (a fork's child is in the table
 * before it has a thread) and so shown.  proc_lock held. */
bool
pid_visible(const struct proc *p)
{
	return p->state == PROC_ZOMBIE || p->thread;
}

/* pid_find_visible - process @pid if it is shown.  proc_lock held. */
struct proc *
pid_find_visible(int pid)
{
	struct proc *p = proc_find(pid);

	return p && pid_visible(p) ? p : NULL;
}

/* pid_live - the same, but not a zombie (which owns no memory or files). */
struct proc *
pid_live(int pid)
{
	struct proc *p = pid_find_visible(pid);

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
	if (!(p = pid_find_visible(pid))) {
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

/* show_area - the argument (@env false) or environment strings,
 * NUL-separated, as the program has them in its memory. */
static int
show_area(struct procfs_buf *b, void *arg, bool env)
{
	struct snap s;
	int err;

	if ((err = snap_take((int)(intptr_t)arg, &s, true)) < 0)
		return err;
	err = env ? show_strings(b, s.as, s.env_start, s.env_end)
		  : show_strings(b, s.as, s.arg_start, s.arg_end);
	snap_put(&s);
	return err;
}

int
pid_show_cmdline(struct procfs_buf *b, void *arg)
{
	return show_area(b, arg, false);
}

int
pid_show_environ(struct procfs_buf *b, void *arg)
{
	return show_area(b, arg, true);
}

int
pid_show_comm(struct procfs_buf *b, void *arg)
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

/* pid_exe_of - a copy of process @pid's program name; "" for a zombie. */
int
pid_exe_of(int pid, char *buf, size_t size)
{
	struct proc *p;
	int err = -ESRCH;

	buf[0] = '\0';
	mutex_lock(&proc_lock);
	if ((p = pid_find_visible(pid)) != NULL) {
		if (p->state == PROC_ALIVE)
			strlcpy(buf, p->exe, size);
		err = 0;
	}
	mutex_unlock(&proc_lock);
	return err;
}

int
pid_show_maps(struct procfs_buf *b, void *arg)
{
	int pid = (int)(intptr_t)arg;
	char *exe = kmalloc(sizeof(((struct proc *)0)->exe));
	struct snap s;
	int err;

	if (!exe)
		return -ENOMEM;
	if ((err = pid_exe_of(pid, exe, sizeof(((struct proc *)0)->exe))) == 0 &&
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
int
pid_show_stat(struct procfs_buf *b, void *arg)
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
int
pid_show_statm(struct procfs_buf *b, void *arg)
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

int
pid_show_status(struct procfs_buf *b, void *arg)
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

