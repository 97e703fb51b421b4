/*
 * kernel/exit.c: ending a process and waiting for one (kernel/proc.h).
 *
 * An exiting process gives back its memory, files and directory at once,
 * hands its children to PID 1, and stays as a zombie holding only its
 * wait status until its parent collects it.
 */
#include "arch/arch.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "mm/kmalloc.h"
#include "mm/uvm.h"
#include "mm/vmm.h"

extern struct mutex proc_lock;
extern struct proc *init_proc;
extern bool init_exit_reports;
void	proc_unlink(struct proc *p);

/* release_resources - everything but the zombie's table entry. */
static void
release_resources(struct proc *p)
{
	struct addrspace *as = p->as;

	as_switch(&kernel_as);			/* off the memory we free */
	p->as = NULL;
	p->thread->as = NULL;
	if (as)
		as_put(as);
	fdt_free(p->fdt);
	p->fdt = NULL;
	path_put(&p->cwd);
}

/* child_event - tell @parent's waiters that a child changed state. */
static void
child_event(struct proc *parent)
{
	__atomic_add_fetch(&parent->child_events, 1, __ATOMIC_RELEASE);
	wake_all(&parent->child_exit);
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
	}
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

/* proc_exit - see proc.h.  Context: the exiting process's thread. */
void
proc_exit(int status)
{
	struct proc *p = current_proc();

	if (p == init_proc)
		init_died(status);
	release_resources(p);
	arch_thread_user_free(&p->thread->arch);
	mutex_lock(&proc_lock);
	reparent_children(p);
	p->wait_status = status;
	p->child_cpu_ns += p->thread->cpu_ns;
	p->state = PROC_ZOMBIE;
	if (__atomic_exchange_n(&p->vfork_pending, false, __ATOMIC_RELEASE))
		wake_all(&p->vfork_done);
	child_event(p->parent);
	mutex_unlock(&proc_lock);
	thread_exit(status);
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
find_zombie(struct proc *parent, int pid, bool *any)
{
	*any = false;
	for (struct proc *c = parent->children; c; c = c->sibling) {
		if (!matches(c, pid, parent))
			continue;
		*any = true;
		if (c->state == PROC_ZOMBIE)
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

/* try_wait - one look for a zombie; 1 with it in *@out, 0, or -ECHILD. */
static int
try_wait(struct proc *self, int pid, bool nowait, struct proc **out)
{
	bool any;
	int r;

	mutex_lock(&proc_lock);
	*out = find_zombie(self, pid, &any);
	r = *out ? 1 : any ? 0 : -ECHILD;
	if (*out && !nowait)
		reap(self, *out);
	mutex_unlock(&proc_lock);
	return r;
}

/* proc_wait - see proc.h.  Context: a process's system call. */
long
proc_wait(int pid, int *status, uint64_t *cpu_ns, bool nohang, bool nowait)
{
	struct proc *self = current_proc(), *z;
	long r;
	int found;

	for (;;) {
		/* Sample the event count first: an exit after the look below
		 * changes it, so the sleep cannot miss it (and the condition
		 * takes no lock: a sleeping condition must not sleep). */
		uint64_t seen = __atomic_load_n(&self->child_events,
						__ATOMIC_ACQUIRE);
		if ((found = try_wait(self, pid, nowait, &z)) != 0 || nohang)
			break;
		wait_event(&self->child_exit,
			   __atomic_load_n(&self->child_events,
					   __ATOMIC_ACQUIRE) != seen);
	}
	if (found <= 0)
		return found;
	*status = z->wait_status;
	*cpu_ns = z->child_cpu_ns;
	r = z->pid;
	if (!nowait)
		kfree(z);
	return r;
}
