/*
 * kernel/signal.c: sending, and acting on, signals (kernel/signal.h).
 *
 * One pending instance per signal number (standard signals; real-time
 * queueing is not there yet).  Delivery happens on the way back to user
 * mode, in signal_deliver(): the lowest pending unblocked signal first.
 */
#include "arch/arch.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/string.h"

#define SIG_DFL		0
#define SIG_IGN		1
#define SA_NOCLDSTOP	0x00000001ul
#define SA_NOCLDWAIT	0x00000002ul
#define SA_SIGINFO	0x00000004ul
#define SA_RESTART	0x10000000ul
#define SA_NODEFER	0x40000000ul
#define SA_RESETHAND	0x80000000ul
#define UNBLOCKABLE	(SIG_BIT(SIGKILL) | SIG_BIT(SIGSTOP))
#define STOP_SIGS	(SIG_BIT(SIGSTOP) | SIG_BIT(SIGTSTP) | \
			 SIG_BIT(SIGTTIN) | SIG_BIT(SIGTTOU))
#define IGNORED_SIGS	(SIG_BIT(SIGCHLD) | SIG_BIT(SIGCONT) | \
			 SIG_BIT(SIGURG) | SIG_BIT(SIGWINCH))
#define CORE_SIGS	(SIG_BIT(SIGQUIT) | SIG_BIT(SIGILL) | SIG_BIT(SIGTRAP) | \
			 SIG_BIT(SIGABRT) | SIG_BIT(SIGBUS) | SIG_BIT(SIGFPE) | \
			 SIG_BIT(SIGSEGV) | SIG_BIT(SIGXCPU) | \
			 SIG_BIT(SIGXFSZ) | SIG_BIT(SIGSYS))

static bool
valid(int sig)
{
	return sig >= 1 && sig <= NSIG_K;
}

/* ignored - whether posting @sig to @p would do nothing. */
static bool
ignored(const struct proc *p, int sig)
{
	uintptr_t h = p->sig.act[sig - 1].handler;

	if (sig == SIGKILL || sig == SIGSTOP)
		return false;
	return h == SIG_IGN || (h == SIG_DFL && (SIG_BIT(sig) & IGNORED_SIGS));
}

/* end_stop - SIGKILL and SIGCONT end a stop: true if @p was stopped.
 * Context: p->sig.lock held (do_stop decides under it too). */
static bool
end_stop(struct proc *p, int sig)
{
	if (!p->stopped || (sig != SIGKILL && sig != SIGCONT))
		return false;
	p->stopped = false;
	if (sig == SIGCONT)
		p->cont_report = true;
	return true;
}

/* wake_target - make @p's thread notice: out of an interruptible sleep,
 * or (@unstopped) out of a stop. */
static void
wake_target(struct proc *p, bool unstopped)
{
	if (unstopped)
		wake_all(&p->stop_wait);
	if (p->thread)
		thread_wake(p->thread);
}

/*
 * unkillable - PID 1 takes only the signals it has a handler for (Linux's
 * SIGNAL_UNKILLABLE): a default action would end or stop the system.  A
 * fault is the exception (@forced): init then dies, and the kernel says
 * so.  A blocked signal stays pending (init may install a handler before
 * unblocking it); signal_deliver_nr drops it if it is still default.
 * Context: p->sig.lock held.
 */
static bool
unkillable(const struct proc *p, int sig, bool forced)
{
	return p == init_proc && !forced &&
	       p->sig.act[sig - 1].handler == SIG_DFL &&
	       !(p->sig.blocked & SIG_BIT(sig));
}

/* post - signal_send, or a fault's signal that must land (@forced). */
static int
post(struct proc *p, int sig, const struct ksiginfo *info, bool forced)
{
	struct sigstate *s = &p->sig;
	bool unstopped;

	if (sig == 0)
		return 0;
	if (!valid(sig))
		return -EINVAL;
	if (p->state != PROC_ALIVE)
		return 0;
	spin_lock(&s->lock);
	if (unkillable(p, sig, forced)) {
		spin_unlock(&s->lock);
		return 0;
	}
	if (sig == SIGCONT)		/* continuing cancels pending stops */
		s->pending &= ~STOP_SIGS;
	if (SIG_BIT(sig) & STOP_SIGS)
		s->pending &= ~SIG_BIT(SIGCONT);
	if (forced)
		s->forced |= SIG_BIT(sig);
	if (!ignored(p, sig) || sig == SIGCONT) {
		s->pending |= SIG_BIT(sig);
		s->info[sig - 1] = info ? *info :
			(struct ksiginfo){ .signo = sig, .code = SI_KERNEL };
		s->info[sig - 1].signo = sig;
	}
	unstopped = end_stop(p, sig);
	spin_unlock(&s->lock);
	wake_target(p, unstopped);
	return 0;
}

/* take_forced - whether @sig was posted by a fault; forgets it. */
static bool
take_forced(struct proc *p, int sig)
{
	bool forced;

	spin_lock(&p->sig.lock);
	forced = p->sig.forced & SIG_BIT(sig);
	p->sig.forced &= ~SIG_BIT(sig);
	spin_unlock(&p->sig.lock);
	return forced;
}

/* signal_send - see signal.h.  Context: any. */
int
signal_send(struct proc *p, int sig, const struct ksiginfo *info)
{
	return post(p, sig, info, false);
}

/* signal_pgrp - see signal.h. */
int
signal_pgrp(int pgid, int sig)
{
	int n = 0;

	for (struct proc *p = proc_table(); p; p = p->next) {
		if (p->pgid != pgid || p->state != PROC_ALIVE)
			continue;
		signal_send(p, sig, NULL);
		n++;
	}
	return n;
}

/* signal_ignored_or_blocked - see signal.h. */
bool
signal_ignored_or_blocked(struct proc *p, int sig)
{
	bool r;

	spin_lock(&p->sig.lock);
	r = ignored(p, sig) || (p->sig.blocked & SIG_BIT(sig));
	spin_unlock(&p->sig.lock);
	return r;
}

int
signal_send_current(int sig)
{
	return signal_send(current_proc(), sig, NULL);
}

/* signal_pending_now - see wait.h.  Lock-free: a racing send also wakes. */
bool
signal_pending_now(void)
{
	struct proc *p = current_proc();

	if (!p)
		return false;
	return (__atomic_load_n(&p->sig.pending, __ATOMIC_ACQUIRE) &
		~(p->sig.blocked & ~UNBLOCKABLE)) != 0;
}

/* take_signal - dequeue the lowest deliverable signal; 0 when none. */
static int
take_signal(struct proc *p, struct ksiginfo *info)
{
	struct sigstate *s = &p->sig;
	uint64_t ready;
	int sig = 0;

	spin_lock(&s->lock);
	ready = s->pending & ~(s->blocked & ~UNBLOCKABLE);
	if (ready) {
		sig = __builtin_ctzll(ready) + 1;
		s->pending &= ~SIG_BIT(sig);
		*info = s->info[sig - 1];
	}
	spin_unlock(&s->lock);
	return sig;
}

#define CLD_STOPPED_K	5
#define CLD_CONTINUED_K	6

/* tell_parent - SIGCHLD with @code (unless SA_NOCLDSTOP) and a wake-up
 * for the waiters of @p's parent.  Context: proc_lock held. */
static void
tell_parent(struct proc *p, int code, int status)
{
	struct proc *parent = p->parent;

	if (!parent)
		return;
	if (!(parent->sig.act[SIGCHLD - 1].flags & SA_NOCLDSTOP))
		signal_send(parent, SIGCHLD, &(struct ksiginfo){
			.signo = SIGCHLD, .code = code,
			.pid = p->pid, .status = status });
	__atomic_add_fetch(&parent->child_events, 1, __ATOMIC_RELEASE);
	wake_all(&parent->child_exit);
}

/*
 * do_stop - the default action of a stop signal: sleep until SIGCONT.
 * The continue is reported from here, by the continued process itself:
 * the sender may be an interrupt handler that cannot take proc_lock.
 */
static void
do_stop(struct proc *p, int sig)
{
	struct sigstate *s = &p->sig;
	bool continued;

	/* Decide under the signal lock, which post() holds while it marks a
	 * SIGCONT pending: one posted since the stop signal was taken (which
	 * saw no stopped process to wake) cancels the stop here. */
	mutex_lock(&proc_lock);
	spin_lock(&s->lock);
	continued = s->pending & (SIG_BIT(SIGCONT) | SIG_BIT(SIGKILL));
	if (!continued)
		p->stopped = true;
	spin_unlock(&s->lock);
	if (continued) {
		mutex_unlock(&proc_lock);
		return;
	}
	p->stop_report = (sig << 8) | 0x7f;
	tell_parent(p, CLD_STOPPED_K, sig);
	mutex_unlock(&proc_lock);
	wait_event(&p->stop_wait, !p->stopped ||
		   (p->sig.pending & SIG_BIT(SIGKILL)));
	if (p->sig.pending & SIG_BIT(SIGKILL))
		return;				/* exiting: no continue */
	/* SIGCONT ended the stop (the parent may already have consumed
	 * cont_report by waitpid(WCONTINUED): do not test it here). */
	mutex_lock(&proc_lock);
	p->stop_report = 0;
	tell_parent(p, CLD_CONTINUED_K, SIGCONT);
	mutex_unlock(&proc_lock);
}

/* default_action - what SIG_DFL does with @sig. */
static void
default_action(struct proc *p, int sig, const struct ksiginfo *info,
	       bool forced)
{
	uint64_t bit = SIG_BIT(sig);

	if (bit & IGNORED_SIGS)
		return;
	if (bit & STOP_SIGS) {
		do_stop(p, sig);
		return;
	}
	if ((bit & CORE_SIGS) && forced)	/* a fault: say where */
		pr_info("%s[%d]: killed by signal %d (address 0x%lx, "
			"ip 0x%lx)\n", p->comm, p->pid, sig,
			(unsigned long)info->addr,
			(unsigned long)p->sig.fault_ip);
	else if (bit & CORE_SIGS)
		pr_info("%s[%d]: killed by signal %d (sent by pid %d)\n",
			p->comm, p->pid, sig, info->pid);
	/* No core file is written (there is no core-dump writer yet), so
	 * the status does not claim one: as Linux with its default core
	 * limit of 0.  W_COREDUMP is for the day there is one. */
	proc_exit(W_SIGNALED(sig));
}

/*
 * restart_or_eintr - a system call interrupted by a signal whose handler
 * is @ka (NULL: none runs).  -ERESTARTSYS: run it again, or fail with
 * EINTR when a handler without SA_RESTART runs.  -ERESTARTNOHAND: run it
 * again unless a handler runs.
 */
static void
restart_or_eintr(void *frame, long nr, const struct k_sigaction *ka)
{
	long result = nr < 0 ? 0 : arch_syscall_result(frame);
	bool handler = ka && ka->handler > SIG_IGN;

	if (result != -ERESTARTSYS && result != -ERESTARTNOHAND)
		return;
	if (handler && (result == -ERESTARTNOHAND || !(ka->flags & SA_RESTART)))
		arch_syscall_set_result(frame, -EINTR);
	else
		arch_syscall_restart(frame, nr);
}

/* run_handler - push the handler's frame; update the mask. */
static void
run_handler(struct proc *p, void *frame, int sig, struct ksiginfo *info)
{
	struct sigstate *s = &p->sig;
	struct k_sigaction ka;
	uint64_t old;

	spin_lock(&s->lock);
	ka = s->act[sig - 1];
	old = s->restore_saved ? s->saved_mask : s->blocked;
	s->restore_saved = false;
	s->blocked |= ka.mask | ((ka.flags & SA_NODEFER) ? 0 : SIG_BIT(sig));
	s->blocked &= ~UNBLOCKABLE;
	if (ka.flags & SA_RESETHAND)
		s->act[sig - 1].handler = SIG_DFL;
	spin_unlock(&s->lock);
	if (arch_signal_setup(frame, info, &ka, s, old) < 0) {
		pr_info("%s[%d]: cannot push the frame for signal %d\n",
			p->comm, p->pid, sig);
		proc_exit(W_SIGNALED(SIGSEGV));
	}
}

/* signal_deliver_nr - signal_deliver for a frame whose system call was
 * @nr (-1: not a system call), so that it can be restarted. */
void
signal_deliver_nr(void *frame, long nr)
{
	struct proc *p = current_proc();
	struct ksiginfo info;
	int sig;

	while (p && (sig = take_signal(p, &info)) != 0) {
		struct k_sigaction ka = p->sig.act[sig - 1];
		bool forced = take_forced(p, sig);
		if (sig != SIGKILL && sig != SIGSTOP && ka.handler == SIG_IGN)
			continue;
		if (p == init_proc && ka.handler == SIG_DFL && !forced)
			continue;		/* unkillable: see post() */
		if (sig == SIGKILL || sig == SIGSTOP || ka.handler == SIG_DFL) {
			default_action(p, sig, &info, forced);
			continue;
		}
		restart_or_eintr(frame, nr, &ka);
		run_handler(p, frame, sig, &info);
		return;			/* one frame at a time */
	}
	restart_or_eintr(frame, nr, NULL);
	if (p && p->sig.restore_saved) {	/* sigsuspend ended without handler */
		p->sig.blocked = p->sig.saved_mask;
		p->sig.restore_saved = false;
	}
}

void
signal_deliver(void *frame)
{
	signal_deliver_nr(frame, -1);
}

/*
 * signal_fault - see signal.h.  A fault signal that is blocked or ignored
 * cannot be held back (the instruction would fault again): as Linux does,
 * the default action is forced.
 */
void
signal_fault(int sig, int code, uintptr_t addr)
{
	struct proc *p = current_proc();
	struct sigstate *s = &p->sig;

	spin_lock(&s->lock);
	if ((s->blocked & SIG_BIT(sig)) || s->act[sig - 1].handler == SIG_IGN) {
		s->blocked &= ~SIG_BIT(sig);
		s->act[sig - 1].handler = SIG_DFL;
	}
	spin_unlock(&s->lock);
	post(p, sig, &(struct ksiginfo){ .signo = sig, .code = code,
					 .addr = addr }, true);
}

/* signal_mask_for_wait - see signal.h.  Context: a system call. */
void
signal_mask_for_wait(uint64_t mask)
{
	struct sigstate *s = &current_proc()->sig;

	spin_lock(&s->lock);
	if (!s->restore_saved)
		s->saved_mask = s->blocked;
	s->restore_saved = true;
	s->blocked = mask & ~(SIG_BIT(SIGKILL) | SIG_BIT(SIGSTOP));
	spin_unlock(&s->lock);
}

/* signal_fork - see signal.h: actions, mask and stack are inherited. */
void
signal_fork(struct proc *child, const struct proc *parent)
{
	spin_init(&child->sig.lock, "signals");
	memcpy(child->sig.act, parent->sig.act, sizeof(child->sig.act));
	child->sig.blocked = parent->sig.blocked;
	child->sig.alt_sp = parent->sig.alt_sp;
	child->sig.alt_size = parent->sig.alt_size;
	child->sig.alt_disabled = parent->sig.alt_disabled;
	wq_init(&child->stop_wait, "stopped");
}

/* signal_exec - see signal.h: handlers reset to default, the rest kept. */
void
signal_exec(struct proc *p)
{
	spin_lock(&p->sig.lock);
	for (int i = 0; i < NSIG_K; i++)
		if (p->sig.act[i].handler > SIG_IGN)
			p->sig.act[i] = (struct k_sigaction){ 0 };
	p->sig.alt_sp = 0;
	p->sig.alt_size = 0;
	spin_unlock(&p->sig.lock);
}
