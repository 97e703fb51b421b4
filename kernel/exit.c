/*
 * kernel/exit.c: ending a process and waiting for one (kernel/proc.h).
 *
 * An exiting process gives back its memory, files and directory at once,
 * hands its children to PID 1, and stays as a zombie holding only its
 * wait status until its parent collects it.
 */
#include "arch/arch.h"
#include "drivers/tty.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "kernel/proc.h"
#include "mm/kmalloc.h"
#include "mm/uvm.h"
#include "mm/vmm.h"

extern bool init_exit_reports;
void	proc_unlink(struct proc *p);

/*
 * release_resources - everything but the zombie's table entry.  The
 * fields are cleared under proc_lock, so that /proc readers (which take
 * their references under it) never see a half-freed object; the freeing
 * itself happens after, without the lock.
 */
static void
release_resources(struct proc *p)
{
	struct addrspace *as;
	struct fdtable *fdt;
	struct path cwd;

	/* Off the memory we free: the scheduler reloads thread->as on every
	 * switch back to us, so clear it before anything can sleep. */
	p->thread->as = NULL;
	as_switch(&kernel_as);
	mutex_lock(&proc_lock);
	as = p->as;
	fdt = p->fdt;
	cwd = p->cwd;
	p->as = NULL;
	p->fdt = NULL;
	p->cwd.inode = NULL;
	mutex_unlock(&proc_lock);
	if (as)
		as_put(as);
	fdt_free(fdt);
	path_put(&cwd);
}

static void reap(struct proc *parent, struct proc *c);

/* child_event - tell @parent's waiters that a child changed state. */
static void
child_event(struct proc *parent)
{
	__atomic_add_fetch(&parent->child_events, 1, __ATOMIC_RELEASE);
	wake_all(&parent->child_exit);
}

/*
 * orphaned - whether process group @pgid has no member with a parent in
 * the same session but another group (POSIX's definition), ignoring the
 * exiting @gone.  Context: proc_lock held.
 */
static bool
orphaned(int pgid, const struct proc *gone)
{
	bool any = false;

	for (struct proc *p = proc_table(); p; p = p->next) {
		if (p->pgid != pgid || p == gone || p->state != PROC_ALIVE)
			continue;
		any = true;
		if (p->parent && p->parent != gone &&
		    p->parent->pgid != pgid && p->parent->sid == p->sid)
			return false;
	}
	return any;
}

/* proc_pgrp_orphaned - see proc.h. */
bool
proc_pgrp_orphaned(int pgid)
{
	return orphaned(pgid, NULL);
}

/* hup_if_orphaned - a newly orphaned group with stopped members gets
 * SIGHUP then SIGCONT, so they are not stopped forever.  proc_lock held. */
static void
hup_if_orphaned(int pgid, const struct proc *gone)
{
	bool stopped = false;

	if (!orphaned(pgid, gone))
		return;
	for (struct proc *p = proc_table(); p; p = p->next)
		stopped |= p->pgid == pgid && p->stopped;
	if (!stopped)
		return;
	for (struct proc *p = proc_table(); p; p = p->next) {
		if (p->pgid != pgid || p == gone)
			continue;
		signal_send(p, SIGHUP, NULL);
		signal_send(p, SIGCONT, NULL);
	}
}

/* reparent_children - orphans go to PID 1.  Context: proc_lock held. */
static void
reparent_children(struct proc *p)
{
	bool zombies = false;

	while (p->children) {
		struct proc *c = p->children;
		p->children = c->sibling;
		c->parent = init_proc;
		c->sibling = init_proc->children;
		init_proc->children = c;
		zombies |= c->state == PROC_ZOMBIE;
		if (c->pgid != p->pgid && c->sid == p->sid)
			hup_if_orphaned(c->pgid, p);
	}
	hup_if_orphaned(p->pgid, p);
	if (zombies)
		child_event(init_proc);
}

/* init_died - PID 1 exited: the machine has nothing left to do. */
static void __noreturn
init_died(int status)
{
	int code = (status >> 8) & 0xff;

	if (init_exit_reports) {
		pr_info("init: exited with status %d%s\n", code,
			(status & 0x7f) ? " (killed by a signal)" : "");
		arch_debug_exit(status == 0 ? ARCH_EXIT_PASS : ARCH_EXIT_FAIL);
	}
	panic("init_died: attempted to kill init! exit status 0x%x", status);
}

/*
 * notify_parent - SIGCHLD and a wake-up for the parent of dying @p; a
 * parent that ignores SIGCHLD (or set SA_NOCLDWAIT) gets no zombie: @p is
 * reaped at once (returns true: the caller frees it after the lock).
 * Context: proc_lock held.
 */
static bool
notify_parent(struct proc *p, int status)
{
	struct proc *parent = p->parent;
	const struct k_sigaction *ka = &parent->sig.act[SIGCHLD - 1];
	bool killed = (status & 0x7f) != 0;

	signal_send(parent, SIGCHLD, &(struct ksiginfo){
		.signo = SIGCHLD, .code = killed ? 2 : 1,	/* CLD_* */
		.pid = p->pid, .status = killed ? status & 0x7f :
						  (status >> 8) & 0xff });
	child_event(parent);
	if (ka->handler != 1 /* SIG_IGN */ && !(ka->flags & 0x2 /* NOCLDWAIT */))
		return false;
	reap(parent, p);
	return true;
}

/* proc_exit - see proc.h.  Context: the exiting process's thread. */
void
proc_exit(int status)
{
	struct proc *p = current_proc();
	bool gone;

	if (p == init_proc)
		init_died(status);
	timer_cancel(&p->sig.alarm);
	release_resources(p);
	arch_thread_user_free(&p->thread->arch);
	mutex_lock(&proc_lock);
	if (p->tty && p->sid == p->pid)
		tty_session_ended(p->tty, p->sid);
	reparent_children(p);
	p->wait_status = status;
	p->child_cpu_ns += p->thread->cpu_ns +	/* with the running slice */
			   (arch_sched_clock() - p->thread->ran_since);
	p->state = PROC_ZOMBIE;
	proc_vfork_release(p);
	gone = notify_parent(p, status);
	mutex_unlock(&proc_lock);
	if (gone)
		kfree(p);		/* nobody will wait for it */
	thread_exit(status);
}

/* reportable - whether child @c has something for a wait with @options:
 * it exited, stopped (WUNTRACED) or continued (WCONTINUED). */
static bool
reportable(const struct proc *c, int options)
{
	if (c->state == PROC_ZOMBIE)
		return options & WEXITED_K;
	if ((options & WUNTRACED_K) && c->stop_report)
		return true;
	return (options & WCONTINUED_K) && c->cont_report;
}

/* matches - whether child @c is one that wait(@pid) asks for. */
static bool
matches(const struct proc *c, int pid, const struct proc *parent)
{
	if (pid > 0)
		return c->pid == pid;
	if (pid == 0)
		return c->pgid == parent->pgid;
	if (pid < -1)
		return c->pgid == -pid;
	return true;
}

/*
 * find_zombie - a zombie child matching @pid; *@any says whether any child
 * matches at all.  Context: proc_lock held.
 */
static struct proc *
find_zombie(struct proc *parent, int pid, int options, bool *any)
{
	*any = false;
	for (struct proc *c = parent->children; c; c = c->sibling) {
		if (!matches(c, pid, parent))
			continue;
		*any = true;
		if (reportable(c, options))
			return c;
	}
	return NULL;
}

/* reap - remove zombie @c from its parent and the table, free it. */
static void
reap(struct proc *parent, struct proc *c)
{
	for (struct proc **link = &parent->children; *link;
	     link = &(*link)->sibling)
		if (*link == c) {
			*link = c->sibling;
			break;
		}
	proc_unlink(c);
	parent->child_cpu_ns += c->child_cpu_ns;
}

/*
 * try_wait - one look for a child to report; 1 with its pid and status
 * in *@pid_out and *@status, 0, or -ECHILD.  A zombie is reaped (freed into
 * *@dead for the caller) unless WNOWAIT; a stop or continue report is
 * consumed.
 */
static int
try_wait(struct proc *self, int pid, int options, int *pid_out, int *status,
	 uint64_t *cpu_ns, struct proc **dead)
{
	bool any, nowait = options & WNOWAIT_K;
	struct proc *c;
	int r;

	mutex_lock(&proc_lock);
	c = find_zombie(self, pid, options, &any);
	r = c ? 1 : any ? 0 : -ECHILD;
	if (c) {
		*pid_out = c->pid;
		*cpu_ns = c->child_cpu_ns;
		if (c->state == PROC_ZOMBIE) {
			*status = c->wait_status;
			if (!nowait) {
				reap(self, c);
				*dead = c;
			}
		} else if ((options & WUNTRACED_K) && c->stop_report) {
			*status = c->stop_report;
			if (!nowait)
				c->stop_report = 0;
		} else {
			*status = 0xffff;		/* WIFCONTINUED */
			if (!nowait)
				c->cont_report = false;
		}
	}
	mutex_unlock(&proc_lock);
	return r;
}

/* proc_wait - see proc.h.  Context: a process's system call. */
long
proc_wait(int pid, int *status, uint64_t *cpu_ns, int options)
{
	struct proc *self = current_proc(), *dead = NULL;
	int found, child = 0;

	for (;;) {
		/* Sample the event count first: an exit after the look below
		 * changes it, so the sleep cannot miss it (and the condition
		 * takes no lock: a sleeping condition must not sleep). */
		uint64_t seen = __atomic_load_n(&self->child_events,
						__ATOMIC_ACQUIRE);
		found = try_wait(self, pid, options, &child, status, cpu_ns,
				 &dead);
		if (found != 0 || (options & WNOHANG_K))
			break;
		if (wait_event_interruptible(&self->child_exit,
			   __atomic_load_n(&self->child_events,
					   __ATOMIC_ACQUIRE) != seen) < 0)
			return -ERESTARTSYS;
	}
	kfree(dead);
	return found <= 0 ? found : child;
}
