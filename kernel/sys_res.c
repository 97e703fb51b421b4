/*
 * kernel/sys_res.c: the resource family: getrusage, times, getrlimit,
 * setrlimit, prlimit64, sysinfo; and the resource limits of a process
 * (rlimit_get, kernel/proc.h).
 *
 * CPU time is not split between user and kernel mode yet: all of it is
 * reported as user time (utime), as wait4's rusage does.
 *
 * Limits are kept per process in struct proc (rlim[], with a bit in
 * rlim_set for each limit that was set; the others are Linux's defaults
 * for root), inherited across fork and exec.  What enforces them:
 * RLIMIT_NOFILE is the descriptor table's max (kernel/fdtable.c), and
 * RLIMIT_AS is checked by brk and mmap (kernel/sys_mem.c).  The others
 * are only stored.  RLIMIT_NPROC in particular stays unenforced: Linux
 * does not apply it to root, and every process is root here.
 */
#include "arch/arch.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/sys.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "mm/pmm.h"
#include "mm/uvm.h"
#include "mm/vmm.h"

#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)
#define RUSAGE_THREAD	1

#define RLIMIT_LOCKS	 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE	 12
#define RLIMIT_NICE	 13
#define RLIMIT_RTPRIO	 14
#define RLIMIT_RTTIME	 15

#define USER_HZ		100		/* AT_CLKTCK: the unit of times() */
#define NR_OPEN		(1u << 20)	/* fs.nr_open: RLIMIT_NOFILE's ceiling */
#define SI_LOAD_SHIFT	16		/* sysinfo's loads: fixed point x 65536 */
#define LOAD_SHIFT	11		/* sched_stats.load_avg: x 2048 */

#define INF		RLIM_INFINITY

/* Linux's limits for root at boot (init_task, plus fs/file.c's nr_open
 * defaults); NPROC and SIGPENDING scale with memory there. */
static const struct rlimit_k rlim_default[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = { INF, INF },
	[RLIMIT_FSIZE] = { INF, INF },
	[RLIMIT_DATA] = { INF, INF },
	[RLIMIT_STACK] = { USER_STACK_SIZE, INF },
	[RLIMIT_CORE] = { 0, INF },
	[RLIMIT_RSS] = { INF, INF },
	[RLIMIT_NPROC] = { PROC_MAX, PROC_MAX },
	[RLIMIT_NOFILE] = { FD_DEFAULT_MAX, 4096 },
	[RLIMIT_MEMLOCK] = { 8u << 20, 8u << 20 },
	[RLIMIT_AS] = { INF, INF },
	[RLIMIT_LOCKS] = { INF, INF },
	[RLIMIT_SIGPENDING] = { PROC_MAX, PROC_MAX },
	[RLIMIT_MSGQUEUE] = { 819200, 819200 },
	[RLIMIT_NICE] = { 0, 0 },
	[RLIMIT_RTPRIO] = { 0, 0 },
	[RLIMIT_RTTIME] = { INF, INF },
};

/* struct rusage (Linux x86_64): two timevals, then 14 longs. */
struct linux_rusage {
	int64_t	 utime_sec, utime_usec, stime_sec, stime_usec;
	int64_t	 maxrss, ixrss, idrss, isrss, minflt, majflt, nswap;
	int64_t	 inblock, oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};
_Static_assert(sizeof(struct linux_rusage) == 144, "struct rusage");

/* struct tms: clock_t (long) ticks of USER_HZ. */
struct linux_tms {
	int64_t	 utime, stime, cutime, cstime;
};

/* struct sysinfo (Linux x86_64). */
struct linux_sysinfo {
	int64_t	 uptime;
	uint64_t loads[3];
	uint64_t totalram, freeram, sharedram, bufferram;
	uint64_t totalswap, freeswap;
	uint16_t procs, pad;
	uint64_t totalhigh, freehigh;
	uint32_t mem_unit;
};
_Static_assert(sizeof(struct linux_sysinfo) == 112, "struct sysinfo");

/* rlimit_get - see proc.h.  Context: any. */
void
rlimit_get(const struct proc *p, unsigned int res, struct rlimit_k *out)
{
	KASSERT(res < RLIM_NLIMITS);
	if (__atomic_load_n(&p->rlim_set, __ATOMIC_ACQUIRE) & (1u << res))
		*out = p->rlim[res];
	else
		*out = rlim_default[res];
}

/*
 * rlimit_set - give @p limit @res = @new (already checked), and apply it
 * where it is enforced.  Context: proc_lock held; @p alive.
 */
static void
rlimit_set(struct proc *p, unsigned int res, const struct rlimit_k *new)
{
	p->rlim[res] = *new;
	__atomic_or_fetch(&p->rlim_set, 1u << res, __ATOMIC_RELEASE);
	if (res == RLIMIT_NOFILE && p->fdt) {
		mutex_lock(&p->fdt->lock);
		p->fdt->max = (unsigned int)new->cur;	/* <= NR_OPEN */
		mutex_unlock(&p->fdt->lock);
	}
}

/*
 * do_prlimit - read (into @old) and/or set (from @new) limit @res of
 * process @pid (0: the caller).  Root may raise hard limits, so the only
 * refusals are Linux's for everyone: -EINVAL (resource, cur > max),
 * -EPERM (RLIMIT_NOFILE above nr_open), -ESRCH.  Context: thread.
 */
static int
do_prlimit(int pid, unsigned int res, const struct rlimit_k *new,
	   struct rlimit_k *old)
{
	struct proc *p;
	int err = 0;

	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	if (new && new->cur > new->max)
		return -EINVAL;
	if (new && res == RLIMIT_NOFILE && new->max > NR_OPEN)
		return -EPERM;
	mutex_lock(&proc_lock);
	p = pid ? proc_find(pid) : current_proc();
	if (!p || p->state != PROC_ALIVE || !p->thread) {
		err = -ESRCH;
	} else {
		if (old)
			rlimit_get(p, res, old);
		if (new)
			rlimit_set(p, res, new);
	}
	mutex_unlock(&proc_lock);
	return err;
}

long
sys_getrlimit(long res, long urlim, long a2, long a3, long a4, long a5)
{
	struct rlimit_k old;
	int err;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if ((err = do_prlimit(0, (unsigned int)res, NULL, &old)) < 0)
		return err;
	return copy_to_user(urlim, &old, sizeof(old));
}

long
sys_setrlimit(long res, long urlim, long a2, long a3, long a4, long a5)
{
	struct rlimit_k new;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if (copy_from_user(&new, urlim, sizeof(new)) < 0)
		return -EFAULT;
	return do_prlimit(0, (unsigned int)res, &new, NULL);
}

/* sys_prlimit64 - getrlimit and setrlimit in one, for any process. */
long
sys_prlimit64(long pid, long res, long unew, long uold, long a4, long a5)
{
	struct rlimit_k new, old;
	int err;

	(void)a4, (void)a5;
	if (unew && copy_from_user(&new, unew, sizeof(new)) < 0)
		return -EFAULT;
	if ((int)pid < 0)
		return -ESRCH;			/* no such pid */
	err = do_prlimit((int)pid, (unsigned int)res, unew ? &new : NULL,
			 uold ? &old : NULL);
	if (err == 0 && uold)
		err = copy_to_user(uold, &old, sizeof(old));
	return err;
}

/* own_cpu_ns - the CPU time of the calling thread, its running slice too. */
static uint64_t
own_cpu_ns(void)
{
	struct thread *t = current_thread();

	return t->cpu_ns + (arch_sched_clock() - t->ran_since);
}

static uint64_t
children_cpu_ns(struct proc *p)
{
	uint64_t ns;

	mutex_lock(&proc_lock);
	ns = p->child_cpu_ns;
	mutex_unlock(&proc_lock);
	return ns;
}

/* sys_getrusage - the caller's (or its waited-for children's) usage. */
long
sys_getrusage(long who, long uru, long a2, long a3, long a4, long a5)
{
	struct linux_rusage ru = { 0 };
	struct thread *t = current_thread();
	struct proc *p = current_proc();
	uint64_t ns;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if (who == RUSAGE_SELF || who == RUSAGE_THREAD) {
		ns = own_cpu_ns();
		ru.maxrss = (int64_t)(p->as->user_pages * (PAGE_SIZE / 1024));
		ru.nvcsw = (int64_t)t->nvcsw;
		ru.nivcsw = (int64_t)t->nivcsw;
	} else if (who == RUSAGE_CHILDREN) {
		ns = children_cpu_ns(p);
	} else {
		return -EINVAL;
	}
	ru.utime_sec = (int64_t)(ns / NSEC_PER_SEC);
	ru.utime_usec = (int64_t)(ns % NSEC_PER_SEC / 1000);
	return copy_to_user(uru, &ru, sizeof(ru));
}

/* sys_times - CPU times in ticks; returns the ticks since boot. */
long
sys_times(long utms, long a1, long a2, long a3, long a4, long a5)
{
	const uint64_t tick = NSEC_PER_SEC / USER_HZ;
	struct linux_tms tms;

	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	if (utms) {
		tms = (struct linux_tms){
			.utime = (int64_t)(own_cpu_ns() / tick),
			.cutime = (int64_t)(children_cpu_ns(current_proc()) /
					    tick),
		};
		if (copy_to_user(utms, &tms, sizeof(tms)) < 0)
			return -EFAULT;
	}
	return (long)(time_ns() / tick);
}

/* sys_sysinfo - uptime, loads, memory and process counts. */
long
sys_sysinfo(long uinfo, long a1, long a2, long a3, long a4, long a5)
{
	struct linux_sysinfo si;
	struct sched_stats st;
	struct pmm_stats pm;
	uint64_t up = time_ns();

	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	memset(&si, 0, sizeof(si));		/* the padding too */
	sched_get_stats(&st);
	pmm_get_stats(&pm);
	si.uptime = (int64_t)(up / NSEC_PER_SEC + (up % NSEC_PER_SEC != 0));
	for (int i = 0; i < 3; i++)
		si.loads[i] = st.load_avg[i] << (SI_LOAD_SHIFT - LOAD_SHIFT);
	si.totalram = (uint64_t)pm.total_frames * PAGE_SIZE;
	si.freeram = (uint64_t)pm.free_frames * PAGE_SIZE;
	si.procs = (uint16_t)MIN(st.threads, 65535u);
	si.mem_unit = 1;
	return copy_to_user(uinfo, &si, sizeof(si));
}
