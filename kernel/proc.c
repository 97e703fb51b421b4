/*
 * kernel/proc.c: the process table, PID 1, fatal faults (kernel/proc.h).
 * fork is in kernel/fork.c, exit and wait in kernel/exit.c, execve in
 * kernel/exec.c.
 */
#include "arch/arch.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "mm/kmalloc.h"
#include "mm/uvm.h"
#include "mm/vmm.h"

struct mutex proc_lock;				/* see proc.h */
static struct proc *procs;			/* [t] */
static unsigned int nprocs;			/* [t] */
static int last_pid;				/* [t] */
struct proc *init_proc;				/* [I] PID 1 */
bool init_exit_reports;				/* [I] test mode */

struct proc *
current_proc(void)
{
	return current_thread()->owner;
}

void
proc_init(void)
{
	mutex_init(&proc_lock, "process table");
}

unsigned int
proc_count(void)
{
	return nprocs;
}

struct proc *
proc_table(void)
{
	return procs;
}

/* proc_find - see proc.h.  Context: proc_lock held. */
struct proc *
proc_find(int pid)
{
	for (struct proc *p = procs; p; p = p->next)
		if (p->pid == pid)
			return p;
	return NULL;
}

void
proc_for_each(void (*fn)(struct proc *p, void *ctx), void *ctx)
{
	mutex_lock(&proc_lock);
	for (struct proc *p = procs; p; p = p->next)
		fn(p, ctx);
	mutex_unlock(&proc_lock);
}

/*
 * proc_alloc - a process structure with the next free pid, in the table.
 * Returns NULL with -EAGAIN (PROC_MAX reached) or -ENOMEM in *@err.
 * Context: proc_lock held.
 */
struct proc *
proc_alloc(int *err)
{
	struct proc *p;

	if (nprocs >= PROC_MAX) {
		*err = -EAGAIN;
		return NULL;
	}
	if (!(p = kzalloc(sizeof(*p)))) {
		*err = -ENOMEM;
		return NULL;
	}
	do {				/* pids wrap at 32768, as Linux's default */
		last_pid = last_pid >= 32767 ? 2 : last_pid + 1;
	} while (proc_find(last_pid));
	p->pid = last_pid;
	p->state = PROC_ALIVE;
	wq_init(&p->child_exit, "child exit");
	wq_init(&p->vfork_done, "vfork");
	wq_init(&p->stop_wait, "stopped");
	spin_init(&p->sig.lock, "signals");
	p->start_ns = time_ns();
	p->next = procs;
	procs = p;
	nprocs++;
	return p;
}

/* proc_unlink - take @p out of the table.  Context: proc_lock held. */
void
proc_unlink(struct proc *p)
{
	for (struct proc **link = &procs; *link; link = &(*link)->next)
		if (*link == p) {
			*link = p->next;
			nprocs--;
			return;
		}
}

struct init_args {
	char	*path;
	char	**argv, **envp;
};

/* open_console - fds 0, 1, 2 of PID 1 on /dev/console. */
static int
open_console(struct proc *p)
{
	struct file *f;
	int err = vfs_open(&p->cwd, "/dev/console", O_RDWR, 0, &f);

	if (err < 0)
		return err;
	for (int fd = 0; fd < 3; fd++) {
		file_get(f);
		fd_install(p->fdt, f, fd, false);
	}
	file_put(f);
	return 0;
}

/* init_main - PID 1's kernel thread: exec the init program, enter it. */
static void
init_main(void *arg)
{
	struct init_args *a = arg;
	struct proc *p = current_proc();
	uintptr_t entry, sp;
	int err;

	if ((err = open_console(p)) < 0)
		pr_warn("init: no /dev/console (%d); starting without fds\n",
			err);
	if (arch_thread_user_init(&current_thread()->arch) < 0)
		panic("init_main: out of memory starting %s", a->path);
	err = do_execve(a->path, a->argv, a->envp, &entry, &sp);
	if (err < 0)
		panic("init_main: cannot run init %s (error %d%s); see "
		      "init= on the kernel command line", a->path, err,
		      err == -ENOENT ? ": no such file" :
		      err == -ENOEXEC ? ": not a static x86_64 executable" : "");
	pr_info("init: started %s as PID 1\n", a->path);
	arch_enter_user(entry, sp);
}

/* proc_start_init - see proc.h.  Context: boot thread. */
void
proc_start_init(const char *path, char *const argv[], char *const envp[],
		bool report_exit)
{
	static struct init_args args;
	struct proc *p;
	int err = 0;

	mutex_lock(&proc_lock);
	last_pid = 0;
	p = proc_alloc(&err);
	mutex_unlock(&proc_lock);
	if (!p || !(p->fdt = fdt_new()))
		panic("proc_start_init: out of memory (%d)", err);
	vfs_root(&p->cwd);
	p->umask = 022;
	p->pgid = p->sid = p->pid;
	strlcpy(p->comm, "init", sizeof(p->comm));
	args = (struct init_args){ (char *)path, (char **)argv, (char **)envp };
	init_proc = p;
	init_exit_reports = report_exit;
	if (!(p->thread = thread_alloc("init", init_main, &args)))
		panic("proc_start_init: cannot create PID 1's thread");
	p->thread->owner = p;
	thread_start_new(p->thread);
}

/*
 * proc_fatal_fault - see proc.h: the fault becomes signal @sig, which
 * the process may handle; delivery happens on the way back to user mode.
 */
void
proc_fatal_fault(int sig, uintptr_t addr, uintptr_t ip)
{
	if (!current_proc())
		panic("proc_fatal_fault: signal %d in a kernel thread at 0x%lx",
		      sig, (unsigned long)ip);
	current_proc()->sig.fault_ip = ip;	/* for the kill message */
	signal_fault(sig, sig == SIGSEGV ? SEGV_MAPERR : SI_KERNEL, addr);
}

/* proc_last_pid - see proc.h.  A racy read is fine: it is a statistic. */
int
proc_last_pid(void)
{
	return __atomic_load_n(&last_pid, __ATOMIC_RELAXED);
}
