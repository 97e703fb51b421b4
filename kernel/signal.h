/*
 * kernel/signal.h: POSIX signals with Linux's numbers and structures
 * (kernel/signal.c, kernel/sys_signal.c).
 *
 * A signal sent to a process is recorded in its pending set; it is acted
 * on when the process next returns to user mode (after a system call, an
 * interrupt or a fault): ignored, default action (terminate, core,
 * stop, continue), or a handler run on the user stack (or the alternate
 * stack) with a Linux rt_sigframe, undone by rt_sigreturn.  Blocking calls
 * that sleep interruptibly return -EINTR when a signal arrives (or restart
 * with SA_RESTART).
 *
 * Locks: [s] sig_lock of the process (a spinlock: signals are sent from
 * interrupt context too).
 */
#pragma once
#include "kernel/types.h"

#define NSIG_K		64

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31

#define SIG_BIT(sig)	(1ull << ((sig) - 1))

/* si_code values */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_TKILL	(-6)
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2

struct proc;

/* What the kernel knows about one pending signal (siginfo's essentials). */
struct ksiginfo {
	int	 signo, code, errno_;
	int	 pid, uid;		/* sender (SI_USER, SIGCHLD) */
	int	 status;		/* SIGCHLD */
	uintptr_t addr;			/* faults */
};

/*
 * signal_send - post @sig to @p (0 just checks @p exists).  SIGKILL and
 * SIGCONT also wake a stopped process.  Returns 0 or -EINVAL.
 * Context: any, including interrupts.
 */
int	signal_send(struct proc *p, int sig, const struct ksiginfo *info);

/*
 * signal_pgrp - post @sig from the kernel to every live member of process
 * group @pgid.  Returns how many there were.  Context: proc_lock held.
 */
int	signal_pgrp(int pgid, int sig);

/* signal_ignored_or_blocked - whether @p ignores or blocks @sig (the
 * terminal's job-control checks). */
bool	signal_ignored_or_blocked(struct proc *p, int sig);

/* signal_send_current - post @sig to the calling process (SIGPIPE...). */
int	signal_send_current(int sig);

/* signal_pending_now - see kernel/wait.h. */
bool	signal_pending_now(void);

/*
 * signal_deliver - on the way back to user mode with @frame (the trap
 * frame): act on the pending, unblocked signals.  May not return (the
 * process terminates).  Context: the process's thread, interrupts on.
 */
void	signal_deliver(void *frame);
void	signal_deliver_nr(void *frame, long nr);

/* signal_fault - a fault the process must get as @sig at @addr. */
void	signal_fault(int sig, int code, uintptr_t addr);

/*
 * signal_mask_for_wait - install @mask for the rest of this system call
 * (ppoll, pselect6, rt_sigsuspend); the old mask comes back when the call
 * returns to user mode, after any handler it lets in has run.
 */
void	signal_mask_for_wait(uint64_t mask);

/* signal_fork / signal_exec - the signal state of a child / after exec. */
void	signal_fork(struct proc *child, const struct proc *parent);
void	signal_exec(struct proc *p);
