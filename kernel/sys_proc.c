/*
 * kernel/sys_proc.c: the process family: fork, vfork, clone, execve, exit,
 * exit_group, wait4, waitid, and the identity calls.
 */
#include "arch/arch.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/sys.h"
#include "kernel/uaccess.h"
#include "mm/kmalloc.h"

#define CLONE_VM	0x00000100
#define CLONE_FS	0x00000200
#define CLONE_FILES	0x00000400
#define CLONE_SIGHAND	0x00000800
#define CLONE_VFORK	0x00004000
#define CLONE_THREAD	0x00010000
#define CSIGNAL		0x000000ff

#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002
#define WEXITED		0x00000004
#define WCONTINUED	0x00000008
#define WNOWAIT		0x01000000
#define P_ALL		0
#define P_PID		1
#define P_PGID		2
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3

long
sys_fork(long a0, long a1, long a2, long a3, long a4, long a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return proc_fork(false, false, 0);
}

long
sys_vfork(long a0, long a1, long a2, long a3, long a4, long a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return proc_fork(true, true, 0);
}

/*
 * sys_clone - the flags musl's fork, vfork and posix_spawn use: a new
 * process, with its memory shared (CLONE_VM) or copied, the parent waiting
 * (CLONE_VFORK), a new stack.  Threads (CLONE_THREAD) are not there yet.
 */
long
sys_clone(long flags, long stack, long ptid, long ctid, long tls, long a5)
{
	unsigned long f = (unsigned long)flags;

	(void)ptid, (void)ctid, (void)tls, (void)a5;
	if (f & (CLONE_THREAD | CLONE_SIGHAND))
		return -ENOSYS;	/* FIXME: threads come with a later issue */
	if ((f & CSIGNAL) != SIGCHLD && (f & CSIGNAL) != 0)
		return -EINVAL;
	if (f & ~(CSIGNAL | CLONE_VM | CLONE_VFORK | CLONE_FS | CLONE_FILES))
		return -EINVAL;
	if ((f & CLONE_VM) && !stack && !(f & CLONE_VFORK))
		return -EINVAL;	/* two processes on one stack */
	return proc_fork(f & CLONE_VM, f & CLONE_VFORK, (uintptr_t)stack);
}

/* free_strings - a vector made by copy_strings. */
static void
free_strings(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		kfree(v[i]);
	kfree(v);
}

/*
 * copy_strings - a kernel copy of a user string vector (argv, envp).
 * *@total accumulates the bytes; past ARG_MAX_BYTES it is -E2BIG.
 */
static int
copy_strings(uaddr_t uv, char ***out, size_t *total)
{
	size_t n = 0, cap = 16;
	char **v = kzalloc(cap * sizeof(char *));
	uint64_t ptr;
	int err = 0;

	while (v && uv && (err = copy_from_user(&ptr, uv + n * 8, 8)) == 0 &&
	       ptr) {
		char *s = kmalloc(ARG_STRLEN_MAX);
		long len = s ? strncpy_from_user(s, ptr, ARG_STRLEN_MAX) : -ENOMEM;
		if (len < 0 || (*total += len + 1 + 8) > ARG_MAX_BYTES) {
			kfree(s);
			err = len == -ENAMETOOLONG || len >= 0 ? -E2BIG : (int)len;
			break;
		}
		if (n + 2 > cap) {
			char **w = krealloc(v, (cap *= 2) * sizeof(char *));
			if (!w) {
				kfree(s);
				err = -ENOMEM;
				break;
			}
			v = w;
		}
		v[n++] = krealloc(s, len + 1);
		v[n] = NULL;
	}
	if (!v || err) {
		free_strings(v);
		return v ? err : -ENOMEM;
	}
	*out = v;
	return 0;
}

/* exec_done - the new program starts when this system call returns. */
static void
exec_done(uintptr_t entry, uintptr_t sp)
{
	struct thread *t = current_thread();
	struct proc *p = current_proc();

	arch_user_frame_reset(t->arch.user_frame, entry, sp);
	t->arch.force_iret = true;
	mutex_lock(&proc_lock);
	proc_vfork_release(p);		/* the parent has its memory back */
	mutex_unlock(&proc_lock);
}

/* add_empty_arg - make an empty vector {"", NULL}. */
static int
add_empty_arg(char ***v)
{
	char **w = krealloc(*v, 2 * sizeof(char *));

	if (!w || !(w[0] = kzalloc(1))) {
		if (w)
			*v = w;
		return -ENOMEM;
	}
	w[1] = NULL;
	*v = w;
	return 0;
}

long
sys_execve(long upath, long uargv, long uenvp, long a3, long a4, long a5)
{
	char *path = kmalloc(PATH_MAX), **argv = NULL, **envp = NULL;
	size_t total = 0;
	uintptr_t entry, sp;
	long err;

	(void)a3, (void)a4, (void)a5;
	if (!path)
		return -ENOMEM;
	err = strncpy_from_user(path, upath, PATH_MAX);
	if (err >= 0 && path[0] == '\0')
		err = -ENOENT;
	if (err >= 0 && (err = copy_strings(uargv, &argv, &total)) == 0)
		err = copy_strings(uenvp, &envp, &total);
	if (err >= 0 && !argv[0])	/* Linux: an empty argv becomes {""} */
		err = add_empty_arg(&argv);
	if (err >= 0 && (err = do_execve(path, argv, envp, &entry, &sp)) == 0)
		exec_done(entry, sp);
	free_strings(argv);
	free_strings(envp);
	kfree(path);
	return err;
}

long
sys_exit(long code, long a1, long a2, long a3, long a4, long a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	proc_exit(W_EXITCODE(code));
}

long
sys_exit_group(long code, long a1, long a2, long a3, long a4, long a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	proc_exit(W_EXITCODE(code));
}

/* struct rusage (Linux x86_64): two timevals, then 14 longs. */
struct rusage_k {
	int64_t utime_sec, utime_usec, stime_sec, stime_usec;
	int64_t rest[14];
};

static int
put_rusage(uaddr_t ur, uint64_t cpu_ns)
{
	struct rusage_k ru = { 0 };

	if (!ur)
		return 0;
	ru.utime_sec = (int64_t)(cpu_ns / 1000000000);
	ru.utime_usec = (int64_t)(cpu_ns % 1000000000 / 1000);
	return copy_to_user(ur, &ru, sizeof(ru));
}

long
sys_wait4(long pid, long ustatus, long options, long urusage, long a4, long a5)
{
	int status = 0;
	uint64_t cpu = 0;
	long r;

	(void)a4, (void)a5;
	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | 0x40000000 |
			0x80000000 | 0x20000000))
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH;
	r = proc_wait((int)pid, &status, &cpu,
		      (int)(options & (WNOHANG | WUNTRACED | WCONTINUED)) |
			      WEXITED);
	if (r > 0 && ustatus && copy_to_user(ustatus, &status, 4) < 0)
		return -EFAULT;
	if (r > 0 && put_rusage(urusage, cpu) < 0)
		return -EFAULT;
	return r;
}

/* siginfo_t as waitid fills it (x86_64 offsets). */
struct siginfo_k {
	int32_t signo, errno_, code, pad;
	int32_t pid, uid, status, pad2;
	uint8_t rest[96];
};

long
sys_waitid(long idtype, long id, long uinfo, long options, long urusage,
	   long a5)
{
	struct siginfo_k si = { 0 };
	int status = 0, pid;
	uint64_t cpu = 0;
	long r;

	(void)a5;
	if (!(options & WEXITED) || (options & ~(WNOHANG | WEXITED | WNOWAIT |
						 WUNTRACED | WCONTINUED)))
		return -EINVAL;
	if (idtype == P_ALL)
		pid = -1;
	else if (idtype == P_PID && id > 0)
		pid = (int)id;
	else if (idtype == P_PGID && id >= 0)
		pid = id ? -(int)id : 0;
	else
		return -EINVAL;
	r = proc_wait(pid, &status, &cpu, (int)options);
	if (r < 0)
		return r;
	if (r > 0) {
		si.signo = SIGCHLD;
		si.pid = (int32_t)r;
		if (status == 0xffff) {
			si.code = 6;			/* CLD_CONTINUED */
			si.status = SIGCONT;
		} else if ((status & 0xff) == 0x7f) {
			si.code = 5;			/* CLD_STOPPED */
			si.status = (status >> 8) & 0xff;
		} else {
			si.code = (status & 0x7f) == 0 ? CLD_EXITED :
				  (status & W_COREDUMP) ? CLD_DUMPED : CLD_KILLED;
			si.status = (status & 0x7f) == 0 ? (status >> 8) & 0xff :
							   status & 0x7f;
		}
	}
	if (uinfo && copy_to_user(uinfo, &si, sizeof(si)) < 0)
		return -EFAULT;
	return put_rusage(urusage, cpu) < 0 ? -EFAULT : 0;
}

long
sys_getpid(long a0, long a1, long a2, long a3, long a4, long a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return current_proc()->pid;
}

long
sys_gettid(long a0, long a1, long a2, long a3, long a4, long a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return current_proc()->pid;	/* one thread per process */
}

long
sys_getppid(long a0, long a1, long a2, long a3, long a4, long a5)
{
	struct proc *p = current_proc();

	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return p->parent ? p->parent->pid : 0;
}

/* getuid, geteuid, getgid, getegid: everyone is root for now. */
long
sys_getuid(long a0, long a1, long a2, long a3, long a4, long a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return 0;
}

long
sys_set_tid_address(long uaddr, long a1, long a2, long a3, long a4, long a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	current_proc()->clear_child_tid = (uintptr_t)uaddr;
	return current_proc()->pid;
}
