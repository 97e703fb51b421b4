/*
 * kernel/sys_signal.c: the signal family: rt_sigaction, rt_sigprocmask,
 * rt_sigpending, rt_sigsuspend, rt_sigreturn, sigaltstack, kill, tgkill,
 * tkill, pause, alarm, setitimer, getitimer.
 */
#include "arch/arch.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/sys.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"


#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2
#define SA_RESTORER	0x04000000ul
#define SS_ONSTACK	1
#define SS_DISABLE	2
#define MINSIGSTKSZ	2048
#define UNBLOCKABLE	(SIG_BIT(SIGKILL) | SIG_BIT(SIGSTOP))
#define ITIMER_REAL	0

struct sigaction_u {		/* the kernel's struct sigaction, x86_64 */
	uint64_t handler, flags, restorer, mask;
};

long
sys_rt_sigaction(long sig, long uact, long uold, long size, long a4, long a5)
{
	struct sigstate *s = &current_proc()->sig;
	struct sigaction_u act, old;

	(void)a4, (void)a5;
	if (size != 8 || sig < 1 || sig > NSIG_K)
		return -EINVAL;
	if (uact && copy_from_user(&act, uact, sizeof(act)) < 0)
		return -EFAULT;
	if (uact && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	spin_lock(&s->lock);
	old = (struct sigaction_u){ s->act[sig - 1].handler, s->act[sig - 1].flags,
				    s->act[sig - 1].restorer, s->act[sig - 1].mask };
	if (uact) {
		s->act[sig - 1] = (struct k_sigaction){
			.handler = act.handler, .flags = act.flags,
			.restorer = act.restorer, .mask = act.mask & ~UNBLOCKABLE };
		if (act.handler == 1)		/* SIG_IGN discards pending */
			s->pending &= ~SIG_BIT(sig);
	}
	spin_unlock(&s->lock);
	if (uold && copy_to_user(uold, &old, sizeof(old)) < 0)
		return -EFAULT;
	return 0;
}

long
sys_rt_sigprocmask(long how, long uset, long uold, long size, long a4, long a5)
{
	struct sigstate *s = &current_proc()->sig;
	uint64_t set = 0, old;

	(void)a4, (void)a5;
	if (size != 8)
		return -EINVAL;
	if (uset && copy_from_user(&set, uset, 8) < 0)
		return -EFAULT;
	if (uset && how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
		return -EINVAL;
	spin_lock(&s->lock);
	old = s->blocked;
	if (uset) {
		if (how == SIG_BLOCK)
			s->blocked |= set;
		else if (how == SIG_UNBLOCK)
			s->blocked &= ~set;
		else
			s->blocked = set;
		s->blocked &= ~UNBLOCKABLE;
	}
	spin_unlock(&s->lock);
	if (uold && copy_to_user(uold, &old, 8) < 0)
		return -EFAULT;
	return 0;
}

long
sys_rt_sigpending(long uset, long size, long a2, long a3, long a4, long a5)
{
	struct sigstate *s = &current_proc()->sig;
	uint64_t set;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if (size != 8)
		return -EINVAL;
	set = s->pending & s->blocked;
	return copy_to_user(uset, &set, 8);
}

/* sleep_for_signal - until a signal runs a handler: EINTR then; any
 * other signal (ignored by default, a stop and its continue) restarts. */
static long
sleep_for_signal(void)
{
	struct proc *p = current_proc();

	wait_event_interruptible(&p->stop_wait, false);
	return -ERESTARTNOHAND;
}

long
sys_rt_sigsuspend(long uset, long size, long a2, long a3, long a4, long a5)
{
	struct sigstate *s = &current_proc()->sig;
	uint64_t set;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if (size != 8)
		return -EINVAL;
	if (copy_from_user(&set, uset, 8) < 0)
		return -EFAULT;
	(void)s;
	signal_mask_for_wait(set);	/* the handler's frame gets the old mask */
	return sleep_for_signal();
}

long
sys_pause(long a0, long a1, long a2, long a3, long a4, long a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return sleep_for_signal();
}

/* sys_rt_sigreturn - returns the restored rax, so the frame keeps it. */
long
sys_rt_sigreturn(long a0, long a1, long a2, long a3, long a4, long a5)
{
	struct thread *t = current_thread();
	struct sigstate *s = &current_proc()->sig;
	uint64_t mask;

	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	if (arch_sigreturn(t->arch.user_frame, &mask) < 0) {
		s->fault_ip = 0;		/* a bad frame, not an address */
		signal_fault(SIGSEGV, SI_KERNEL, 0);
		return 0;
	}
	spin_lock(&s->lock);
	s->blocked = mask & ~UNBLOCKABLE;
	spin_unlock(&s->lock);
	return arch_syscall_result(t->arch.user_frame);
}

struct stack_u {
	uint64_t sp;
	int32_t	 flags, pad;
	uint64_t size;
};

long
sys_sigaltstack(long uss, long uold, long a2, long a3, long a4, long a5)
{
	struct sigstate *s = &current_proc()->sig;
	uintptr_t sp = arch_user_sp(current_thread()->arch.user_frame);
	bool on = s->alt_size && sp - s->alt_sp < s->alt_size;
	struct stack_u ss, old = { s->alt_sp, s->alt_disabled ? SS_DISABLE :
				   on ? SS_ONSTACK : 0, 0, s->alt_size };

	(void)a2, (void)a3, (void)a4, (void)a5;
	if (uss && copy_from_user(&ss, uss, sizeof(ss)) < 0)
		return -EFAULT;
	if (uss && on)
		return -EPERM;
	if (uss && ss.flags & ~(SS_DISABLE | (1 << 31)))
		return -EINVAL;
	if (uss && !(ss.flags & SS_DISABLE) && ss.size < MINSIGSTKSZ)
		return -ENOMEM;
	if (uold && copy_to_user(uold, &old, sizeof(old)) < 0)
		return -EFAULT;
	if (uss) {
		s->alt_disabled = ss.flags & SS_DISABLE;
		s->alt_sp = s->alt_disabled ? 0 : ss.sp;
		s->alt_size = s->alt_disabled ? 0 : ss.size;
	}
	return 0;
}

/* send_to - post @sig to @p as kill() does. */
static int
send_to(struct proc *p, int sig)
{
	struct proc *self = current_proc();

	return signal_send(p, sig, &(struct ksiginfo){ .signo = sig,
				.code = SI_USER, .pid = self->pid });
}

/* kill_many - every live process of group @pgid (or all but init and
 * the caller for -1).  Context: proc_lock held. */
static long
kill_many(int pgid, int sig)
{
	struct proc *self = current_proc();
	long found = 0, err = 0;

	for (struct proc *p = proc_table(); p; p = p->next) {
		if (p->state != PROC_ALIVE)
			continue;
		if (pgid == -1 ? (p == init_proc || p == self) : p->pgid != pgid)
			continue;
		found++;
		err = send_to(p, sig);
	}
	return found ? err : -ESRCH;
}

long
sys_kill(long pid, long sig, long a2, long a3, long a4, long a5)
{
	struct proc *p;
	long err;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if (sig < 0 || sig > NSIG_K)
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH;
	mutex_lock(&proc_lock);
	if (pid > 0) {
		p = proc_find((int)pid);
		err = p && p->state == PROC_ALIVE ? send_to(p, (int)sig) :
		      p ? 0 : -ESRCH;	/* a zombie accepts, and ignores */
	} else {
		err = kill_many(pid == 0 ? current_proc()->pgid :
				pid == -1 ? -1 : (int)-pid, (int)sig);
	}
	mutex_unlock(&proc_lock);
	return err;
}

/* tgkill / tkill: one thread per process, so the thread id is the pid. */
long
sys_tgkill(long tgid, long tid, long sig, long a3, long a4, long a5)
{
	(void)a3, (void)a4, (void)a5;
	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	if (tgid != tid)
		return -ESRCH;
	return sys_kill(tid, sig, 0, 0, 0, 0);
}

long
sys_tkill(long tid, long sig, long a2, long a3, long a4, long a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	if (tid <= 0)
		return -EINVAL;
	return sys_kill(tid, sig, 0, 0, 0, 0);
}

/* ---- ITIMER_REAL and alarm ---------------------------------------------------- */

struct itimerval_u {
	int64_t int_sec, int_usec, val_sec, val_usec;
};

static void
alarm_fired(struct timer *t, void *arg)
{
	struct proc *p = arg;

	signal_send(p, SIGALRM, NULL);
	if (p->sig.alarm_interval)
		timer_add(t, t->deadline + p->sig.alarm_interval, alarm_fired, p);
}

/* itimer_set - arm (or disarm with 0) ITIMER_REAL; the old value out. */
static void
itimer_set(struct proc *p, uint64_t value, uint64_t interval,
	   uint64_t *old_value, uint64_t *old_interval)
{
	struct sigstate *s = &p->sig;
	uint64_t now = time_ns();

	*old_value = timer_cancel(&s->alarm) && s->alarm.deadline > now ?
		     s->alarm.deadline - now : 0;
	*old_interval = s->alarm_interval;
	s->alarm_interval = interval;
	if (value)
		timer_add(&s->alarm, now + value, alarm_fired, p);
}

long
sys_alarm(long secs, long a1, long a2, long a3, long a4, long a5)
{
	uint64_t left, iv;

	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	itimer_set(current_proc(), (uint64_t)(unsigned int)secs * NSEC_PER_SEC,
		   0, &left, &iv);
	return (long)((left + NSEC_PER_SEC / 2) / NSEC_PER_SEC) +
	       (left && left < NSEC_PER_SEC / 2);
}

static uint64_t
tv_ns(int64_t sec, int64_t usec)
{
	return (uint64_t)sec * NSEC_PER_SEC + (uint64_t)usec * 1000;
}

long
sys_setitimer(long which, long unew, long uold, long a3, long a4, long a5)
{
	struct itimerval_u in, out;
	uint64_t oldv, oldi;

	(void)a3, (void)a4, (void)a5;
	if (which != ITIMER_REAL)
		return -EINVAL;	/* FIXME: virtual and profiling timers */
	if (unew && copy_from_user(&in, unew, sizeof(in)) < 0)
		return -EFAULT;
	if (!unew)
		in = (struct itimerval_u){ 0 };
	if (in.int_sec < 0 || in.val_sec < 0 || in.int_usec < 0 ||
	    in.val_usec < 0 || in.int_usec >= 1000000 || in.val_usec >= 1000000)
		return -EINVAL;
	itimer_set(current_proc(), tv_ns(in.val_sec, in.val_usec),
		   tv_ns(in.int_sec, in.int_usec), &oldv, &oldi);
	out = (struct itimerval_u){ (int64_t)(oldi / NSEC_PER_SEC),
				    (int64_t)(oldi % NSEC_PER_SEC / 1000),
				    (int64_t)(oldv / NSEC_PER_SEC),
				    (int64_t)(oldv % NSEC_PER_SEC / 1000) };
	if (uold && copy_to_user(uold, &out, sizeof(out)) < 0)
		return -EFAULT;
	return 0;
}

long
sys_getitimer(long which, long uval, long a2, long a3, long a4, long a5)
{
	struct sigstate *s = &current_proc()->sig;
	uint64_t now = time_ns(), left;
	struct itimerval_u out;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if (which != ITIMER_REAL)
		return -EINVAL;
	left = s->alarm.pending && s->alarm.deadline > now ?
	       s->alarm.deadline - now : 0;
	out = (struct itimerval_u){ (int64_t)(s->alarm_interval / NSEC_PER_SEC),
				    (int64_t)(s->alarm_interval % NSEC_PER_SEC / 1000),
				    (int64_t)(left / NSEC_PER_SEC),
				    (int64_t)(left % NSEC_PER_SEC / 1000) };
	return copy_to_user(uval, &out, sizeof(out));
}
