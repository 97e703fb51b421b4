/*
 * kernel/proc.h: processes (kernel/proc.c, kernel/fork.c, kernel/exit.c,
 * kernel/exec.c) and their file-descriptor tables (kernel/fdtable.c).
 *
 * A process is one thread (for now) plus what it owns: an address space,
 * a descriptor table, a working directory, a umask, a program break.  It
 * is created by fork/clone or, for PID 1, by the kernel; it ends with
 * exit (or a fatal fault) as a zombie until its parent waits for it.
 * Orphans are re-parented to PID 1.
 *
 * Locks: [t] proc_lock, a mutex over the process tree and table;
 * [I] immutable; [s] only the process itself (its own thread).
 * Order: proc_lock before anything a process owns.
 */
#pragma once
#include "fs/vfs.h"
#include "kernel/sched.h"
#include "kernel/types.h"
#include "kernel/signal.h"
#include "kernel/sync.h"
#include "kernel/wait.h"

#define PROC_MAX	1024		/* processes at once; then EAGAIN */
#define FD_DEFAULT_MAX	1024		/* RLIMIT_NOFILE's default */
#define PROC_COMM_MAX	16

struct addrspace;
struct tty;

/* Resource limits (getrlimit, kernel/sys_res.c); Linux's numbering. */
#define RLIMIT_CPU	0
#define RLIMIT_FSIZE	1
#define RLIMIT_DATA	2
#define RLIMIT_STACK	3
#define RLIMIT_CORE	4
#define RLIMIT_RSS	5
#define RLIMIT_NPROC	6
#define RLIMIT_NOFILE	7
#define RLIMIT_MEMLOCK	8
#define RLIMIT_AS	9
#define RLIM_NLIMITS	16
#define RLIM_INFINITY	(~0ull)

struct rlimit_k {
	uint64_t	 cur, max;		/* struct rlimit / rlimit64 */
};

/* The signal state of a process (kernel/signal.c).  Locks: [g] sig_lock. */
struct k_sigaction {
	uintptr_t handler;		/* SIG_DFL 0, SIG_IGN 1, or a function */
	uint64_t  flags;		/* SA_* */
	uintptr_t restorer;
	uint64_t  mask;
};

struct sigstate {
	struct spinlock	 lock;
	uint64_t	 pending;		/* [g] */
	uint64_t	 blocked;		/* [g] the (only) thread's mask */
	uint64_t	 forced;		/* [g] pending faults' signals */
	uintptr_t	 fault_ip;		/* where the last fault was */
	struct ksiginfo	 info[NSIG_K];		/* [g] of each pending signal */
	struct k_sigaction act[NSIG_K];		/* [g] */
	uintptr_t	 alt_sp;		/* [g] sigaltstack */
	size_t		 alt_size;
	bool		 alt_disabled;
	uint64_t	 saved_mask;		/* [g] rt_sigsuspend's */
	bool		 restore_saved;		/* [g] */
	struct timer	 alarm;			/* ITIMER_REAL */
	uint64_t	 alarm_interval;	/* [g] ns, 0: one-shot */
};

struct fdtable {
	struct mutex	 lock;
	unsigned int	 size;			/* slots in files[] */
	struct file	**files;		/* NULL: free slot */
	uint8_t		*cloexec;		/* one flag per slot */
	unsigned int	 max;			/* RLIMIT_NOFILE */
};

enum proc_state {
	PROC_ALIVE,
	PROC_ZOMBIE,				/* exited, not yet waited for */
};

struct proc {
	int		 pid;			/* [I] */
	enum proc_state	 state;			/* [t] */
	int		 wait_status;		/* [t] Linux wait encoding */
	struct proc	*parent;		/* [t] */
	struct proc	*children;		/* [t] first child */
	struct proc	*sibling;		/* [t] next child of parent */
	struct proc	*next;			/* [t] the process table */
	struct thread	*thread;		/* [I] the only thread */
	struct addrspace *as;			/* [s] */
	struct fdtable	*fdt;			/* [s] */
	struct path	 cwd;			/* [s] */
	uint32_t	 umask;			/* [s] */
	uintptr_t	 brk_start, brk;	/* [s] the program break */
	uintptr_t	 clear_child_tid;	/* [s] set_tid_address */
	char		 comm[PROC_COMM_MAX];	/* [s] program name */
	int		 pgid, sid;		/* [t] (signals work) */
	struct tty	*tty;			/* [t] controlling terminal */
	struct wait_queue child_exit;		/* parents wait here */
	uint64_t	 child_events;		/* [atomic] bumped on each */
	/* vfork: the parent sleeps on its own queue and flag, so that a
	 * child that is freed at once (SIGCHLD ignored) leaves nothing the
	 * parent still reads.  The parent, asleep, cannot exit meanwhile. */
	struct wait_queue vfork_done;		/* this process waits here */
	bool		 vfork_waiting;		/* [t] in vfork, memory lent */
	struct proc	*vfork_parent;		/* [t] whom to release, or NULL */
	uint64_t	 start_ns;		/* [I] */
	uint64_t	 child_cpu_ns;		/* [t] of waited-for children */
	struct sigstate	 sig;
	bool		 stopped;		/* [g] by SIGSTOP and friends */
	int		 stop_report;		/* [t] status for WUNTRACED, or 0 */
	bool		 cont_report;		/* [t] for WCONTINUED */
	struct wait_queue stop_wait;		/* a stopped process sleeps */

	/* [s] for /proc/<pid>, set by exec (under [t], as /proc reads them) */
	uintptr_t	 arg_start, arg_end;	/* [t] argv strings in its memory */
	uintptr_t	 env_start, env_end;	/* [t] envp strings, just above */
	char		 exe[256];		/* [t] the program's absolute name */
	bool		 did_exec;		/* [t] since fork (setpgid EACCES) */
	/* limits (kernel/sys_res.c), inherited by fork */
	struct rlimit_k	 rlim[RLIM_NLIMITS];	/* [t] valid where rlim_set has */
	uint32_t	 rlim_set;		/* [t] a bit: else the default */
};

/* current_proc - the process of the running thread, or NULL (kernel). */
struct proc *current_proc(void);

/* proc_init - the process table.  Context: boot. */
void	proc_init(void);

/*
 * proc_start_init - create PID 1 running @path with @argv and @envp
 * (NULL-terminated), with fds 0, 1, 2 on /dev/console.  If it cannot be
 * started the kernel panics saying why, as Linux does.  If @report_exit,
 * PID 1's exit status becomes the QEMU test verdict instead of a panic.
 */
void	proc_start_init(const char *path, char *const argv[],
			char *const envp[], bool report_exit);

/* init_proc - PID 1, once it exists (kernel/proc.c). */
extern struct proc *init_proc;

/* proc_lock - the [t] lock above (kernel/proc.c). */
extern struct mutex proc_lock;

/* proc_last_pid - the pid handed out most recently (0: none yet). */
int	proc_last_pid(void);

/* proc_pgrp_orphaned - whether group @pgid is orphaned in POSIX's sense
 * (no member has a parent in another group of the same session).
 * Context: proc_lock held. */
bool	proc_pgrp_orphaned(int pgid);

/* proc_count - processes that exist (zombies included). */
unsigned int proc_count(void);

/* proc_for_each - call @fn for every process with proc_lock held. */
void	proc_for_each(void (*fn)(struct proc *p, void *ctx), void *ctx);

/* proc_table - the first process of the table.  Context: proc_lock held. */
struct proc *proc_table(void);

/* proc_find - the process @pid, or NULL.  Context: proc_lock held. */
struct proc *proc_find(int pid);

/*
 * proc_fork - a copy of the calling process (copy-on-write memory, shared
 * open files, same cwd); with @share_vm (CLONE_VM) the memory is shared
 * and, with @vfork, the caller sleeps until the child execs or exits.
 * The child returns 0 from the system call on @child_stack if non-zero.
 * Returns the child's pid or -EAGAIN, -ENOMEM.
 */
long	proc_fork(bool share_vm, bool vfork, uintptr_t child_stack);

/* proc_vfork_release - if a vfork parent waits for @p, let it go: @p has
 * exec'd or is exiting.  Context: proc_lock held (the parent cannot be
 * freed until the wake-up is done). */
void	proc_vfork_release(struct proc *p);

/*
 * proc_exit - end the calling process with wait status @status (see
 * W_EXITCODE / W_SIGNALED below).  Never returns.
 */
void	proc_exit(int status) __noreturn;

#define W_EXITCODE(code)	(((code) & 0xff) << 8)
#define W_SIGNALED(sig)		((sig) & 0x7f)
#define W_COREDUMP		0x80

/*
 * proc_fatal_fault - a user fault the memory manager cannot resolve:
 * post @sig (SIGSEGV, SIGILL, ...) with the fault address; it is acted on
 * when the process returns to user mode (a handler, or death).
 */
void	proc_fatal_fault(int sig, uintptr_t addr, uintptr_t ip);

/* proc_wait options: Linux's W* bits. */
#define WNOHANG_K	0x00000001
#define WUNTRACED_K	0x00000002
#define WEXITED_K	0x00000004
#define WCONTINUED_K	0x00000008
#define WNOWAIT_K	0x01000000

/*
 * proc_wait - wait4/waitid's core: a child matching @pid (-1: any, > 0:
 * that one, 0 / < -1: a process group) that exited (WEXITED_K), stopped
 * (WUNTRACED_K) or continued (WCONTINUED_K); a zombie is reaped unless
 * WNOWAIT_K.  Returns its pid (status in *@status, CPU time in *@cpu_ns),
 * 0 with WNOHANG_K when none is ready, -ECHILD, or -ERESTARTSYS.
 */
long	proc_wait(int pid, int *status, uint64_t *cpu_ns, int options);

/*
 * rlimit_get (kernel/sys_res.c) - process @p's limit @res (< RLIM_NLIMITS): the one set by
 * setrlimit/prlimit64 (inherited across fork and exec), else Linux's
 * default for root.  Context: any; reads [t] fields without proc_lock
 * (each is one 64-bit word: a racing prlimit64 gives the old or new).
 */
void	rlimit_get(const struct proc *p, unsigned int res, struct rlimit_k *out);

/* ---- exec (kernel/exec.c) -------------------------------------------------- */

#define ARG_MAX_BYTES	(2u << 20)	/* argv + envp strings, as Linux's 2 MiB */
#define ARG_STRLEN_MAX	(32 * 4096)	/* one string, MAX_ARG_STRLEN */

/*
 * do_execve - replace the calling process's program with @path.  The
 * arguments are kernel copies.  On success the process's memory is the
 * new program's, and *@entry / *@sp say where it starts; on failure the
 * old program is untouched.  Returns 0, -ENOENT, -EACCES, -ENOEXEC,
 * -E2BIG, -ENOMEM, -ELOOP...
 */
int	do_execve(const char *path, char *const argv[], char *const envp[],
		  uintptr_t *entry, uintptr_t *sp);

/* ---- descriptors (kernel/fdtable.c) ------------------------------------------ */

struct fdtable *fdt_new(void);
/* fdt_copy - a new table sharing every open file of @src (fork). */
struct fdtable *fdt_copy(struct fdtable *src);
/* fdt_free - close everything and free the table. */
void	fdt_free(struct fdtable *fdt);
/* fdt_close_on_exec - close the descriptors marked close-on-exec. */
void	fdt_close_on_exec(struct fdtable *fdt);

/*
 * fd_install - put @f in the lowest free slot >= @min; takes the caller's
 * reference.  Returns the descriptor, or -EMFILE (then @f is untouched).
 */
int	fd_install(struct fdtable *fdt, struct file *f, int min, bool cloexec);
/* fd_install_at - put @f at @fd, closing what was there (dup2). */
int	fd_install_at(struct fdtable *fdt, struct file *f, int fd, bool cloexec);
/* fd_get - a new reference to the file at @fd, or -EBADF. */
int	fd_get(struct fdtable *fdt, int fd, struct file **out);
/* fd_close - close @fd.  0 or -EBADF. */
int	fd_close(struct fdtable *fdt, int fd);
int	fd_get_cloexec(struct fdtable *fdt, int fd);	/* 0/1 or -EBADF */
int	fd_set_cloexec(struct fdtable *fdt, int fd, bool on);

/* The current process's table, for the system calls. */
static inline struct fdtable *
current_fdt(void)
{
	return current_proc()->fdt;
}
