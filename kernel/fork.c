/*
 * kernel/fork.c: fork, vfork and the clone flags musl uses (proc.h).
 */
#include "arch/arch.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/syscall.h"
#include "mm/kmalloc.h"
#include "mm/uvm.h"

struct proc *proc_alloc(int *err);
void	proc_unlink(struct proc *p);

/* child_resources - memory, files, cwd of the child, from @parent. */
static int
child_resources(struct proc *child, struct proc *parent, bool share_vm)
{
	if (share_vm) {
		child->as = parent->as;
		as_get(child->as);
	} else if (!(child->as = as_fork(parent->as))) {
		return -ENOMEM;
	}
	if (!(child->fdt = fdt_copy(parent->fdt)))
		return -ENOMEM;
	child->cwd = parent->cwd;
	path_get(&child->cwd);
	child->umask = parent->umask;
	child->brk_start = parent->brk_start;
	child->brk = parent->brk;
	signal_fork(child, parent);
	memcpy(child->comm, parent->comm, sizeof(child->comm));
	/* the same program and strings; did_exec stays false (setpgid) */
	child->arg_start = parent->arg_start;
	child->arg_end = parent->arg_end;
	child->env_start = parent->env_start;
	child->env_end = parent->env_end;
	memcpy(child->exe, parent->exe, sizeof(child->exe));
	mutex_lock(&proc_lock);	/* the child is in the table already */
	child->pgid = parent->pgid;
	child->sid = parent->sid;
	child->tty = parent->tty;	/* a hangup of the session sees it */
	memcpy(child->rlim, parent->rlim, sizeof(child->rlim));
	child->rlim_set = parent->rlim_set;
	mutex_unlock(&proc_lock);
	return 0;
}

/* child_thread - the child's thread, returning 0 from the system call. */
static int
child_thread(struct proc *child, struct thread *pt, uintptr_t stack)
{
	struct thread *t = thread_alloc(child->comm, NULL, NULL);

	if (!t)
		return -ENOMEM;
	if (arch_thread_user_init(&t->arch) < 0) {
		thread_free_unstarted(t);
		return -ENOMEM;
	}
	arch_thread_user_copy(&t->arch, &pt->arch);
	t->saved_sp = arch_fork_stack_init(t->stack_top, pt->arch.user_frame,
					   stack);
	t->owner = child;
	t->as = child->as;
	child->thread = t;
	return 0;
}

/* undo_child - release what a half-made child holds. */
static void
undo_child(struct proc *child)
{
	if (child->fdt)
		fdt_free(child->fdt);
	if (child->cwd.inode)
		path_put(&child->cwd);
	if (child->as)
		as_put(child->as);
	mutex_lock(&proc_lock);
	proc_unlink(child);
	mutex_unlock(&proc_lock);
	kfree(child);
}

/* proc_fork - see proc.h.  Context: a process's system call. */
long
proc_fork(bool share_vm, bool vfork, uintptr_t child_stack)
{
	struct proc *parent = current_proc(), *child;
	int err = 0, pid;

	mutex_lock(&proc_lock);
	child = proc_alloc(&err);
	mutex_unlock(&proc_lock);
	if (!child)
		return err;
	if ((err = child_resources(child, parent, share_vm)) < 0 ||
	    (err = child_thread(child, current_thread(), child_stack)) < 0) {
		undo_child(child);
		return err;
	}
	mutex_lock(&proc_lock);
	child->parent = parent;
	child->sibling = parent->children;
	parent->children = child;
	child->vfork_parent = vfork ? parent : NULL;
	parent->vfork_waiting = vfork;
	pid = child->pid;
	mutex_unlock(&proc_lock);
	thread_start_new(child->thread);
	if (vfork)	/* until the child execs or exits: it uses our memory */
		wait_event(&parent->vfork_done,
			   !__atomic_load_n(&parent->vfork_waiting,
					    __ATOMIC_ACQUIRE));
	return pid;
}

/* proc_vfork_release - see proc.h.  Context: proc_lock held. */
void
proc_vfork_release(struct proc *p)
{
	struct proc *parent = p->vfork_parent;

	if (!parent)
		return;
	p->vfork_parent = NULL;
	__atomic_store_n(&parent->vfork_waiting, false, __ATOMIC_RELEASE);
	wake_all(&parent->vfork_done);
}
