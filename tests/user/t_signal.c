/*
 * tests/user/t_signal.c: signals: handlers and their siginfo, sigreturn
 * restoring every register, masks, stop and continue, EINTR and restart,
 * faults turned into signals, alarm, sigaltstack.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ut.h"

static volatile sig_atomic_t hits, last_sig, last_code, last_pid;
static void *volatile last_addr;

static void
record(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	hits++;
	last_sig = sig;
	last_code = si->si_code;
	last_pid = si->si_pid;
	last_addr = si->si_addr;
}

static void
on(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	OK(sigaction(sig, &sa, NULL));
}

UTEST(signal_handler_gets_siginfo)
{
	hits = 0;
	on(SIGUSR1, record, 0);
	OK(kill(getpid(), SIGUSR1));
	CHECK_EQ(hits, 1);
	CHECK_EQ(last_sig, SIGUSR1);
	CHECK_EQ(last_code, SI_USER);
	CHECK_EQ(last_pid, getpid());
}

UTEST(signal_masked_then_delivered_on_unmask)
{
	sigset_t set, pending;

	hits = 0;
	on(SIGUSR2, record, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	OK(sigprocmask(SIG_BLOCK, &set, NULL));
	OK(raise(SIGUSR2));
	CHECK_EQ(hits, 0);
	OK(sigpending(&pending));
	CHECK(sigismember(&pending, SIGUSR2));
	OK(sigprocmask(SIG_UNBLOCK, &set, NULL));
	CHECK_EQ(hits, 1);
}

UTEST(signal_kill_errors)
{
	CHECK_ERR(kill(getpid(), 65), EINVAL);
	CHECK_ERR(kill(-99999, SIGUSR1), ESRCH);
	OK(kill(getpid(), 0));
	CHECK_ERR(sigaction(SIGKILL, &(struct sigaction){ .sa_handler = SIG_IGN },
			    NULL), EINVAL);
}

/* The handler scribbles on caller-saved registers (nothing restores
 * those but sigreturn); the interrupted code keeps values in them across
 * the kill system call that raises the signal, and checksums them. */
static void
clobber(int sig)
{
	(void)sig;
	__asm__ volatile("mov $1, %%r8; mov $2, %%r9; mov $3, %%r10; "
			 "mov $4, %%rdx"
			 ::: "r8", "r9", "r10", "rdx");
}

UTEST(signal_sigreturn_restores_registers)
{
	uint64_t sum = 0;

	signal(SIGUSR1, clobber);
	for (int i = 0; i < 2000; i++) {
		uint64_t a = (uint64_t)i * 3, b = a + 7, c = a ^ 0x55, d = a << 3;
		__asm__ volatile("mov %1, %%r8; mov %2, %%r9; mov %3, %%r10; "
				 "mov %4, %%rdx; mov $39, %%eax; syscall; "
				 "mov %%eax, %%edi; mov $62, %%eax; "
				 "mov $10, %%esi; syscall; "
				 "mov %%r8, %0; add %%r9, %0; add %%r10, %0; "
				 "add %%rdx, %0"
				 : "=&r"(a)
				 : "r"(a), "r"(b), "r"(c), "r"(d)
				 : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9",
				   "r10", "r11", "memory");
		sum += a;
	}
	/* sum over i of 3i + 3i+7 + (3i^0x55) + (3i<<3) */
	uint64_t want = 0;
	for (int i = 0; i < 2000; i++) {
		uint64_t a = (uint64_t)i * 3;
		want += a + (a + 7) + (a ^ 0x55) + (a << 3);
	}
	CHECK_EQ(sum, want);
}

static sigjmp_buf fault_jmp;

static void
fault_handler(int sig, siginfo_t *si, void *uc)
{
	record(sig, si, uc);
	siglongjmp(fault_jmp, 1);
}

UTEST(signal_segv_handler_sees_address)
{
	static volatile uintptr_t where = 0x10;	/* hidden from the compiler */
	volatile int *bad = (volatile int *)where;

	hits = 0;
	on(SIGSEGV, fault_handler, SA_NODEFER);
	if (sigsetjmp(fault_jmp, 1) == 0)
		(void)*bad;
	CHECK_EQ(hits, 1);
	CHECK_EQ(last_sig, SIGSEGV);
	CHECK_EQ((uintptr_t)last_addr, 0x10);
}

UTEST(signal_stop_and_continue_reported)
{
	int st, pid = OK(fork());

	if (pid == 0) {
		for (;;)
			pause();
	}
	OK(kill(pid, SIGSTOP));
	CHECK_EQ(waitpid(pid, &st, WUNTRACED), pid);
	CHECK(WIFSTOPPED(st));
	CHECK_EQ(WSTOPSIG(st), SIGSTOP);
	OK(kill(pid, SIGCONT));
	CHECK_EQ(waitpid(pid, &st, WCONTINUED), pid);
	CHECK(WIFCONTINUED(st));
	OK(kill(pid, SIGTERM));
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WTERMSIG(st), SIGTERM);
}

/* The parent hears of a stop and of a continue by SIGCHLD, with si_code. */
UTEST(signal_sigchld_on_stop_and_continue)
{
	sigset_t chld, old, pend;
	int st, pid;

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	on(SIGCHLD, record, 0);
	OK(sigprocmask(SIG_BLOCK, &chld, &old));
	pid = OK(fork());
	if (pid == 0) {
		for (;;)
			pause();
	}
	OK(kill(pid, SIGSTOP));
	CHECK_EQ(waitpid(pid, &st, WUNTRACED), pid);
	CHECK(WIFSTOPPED(st));
	OK(sigpending(&pend));
	CHECK(sigismember(&pend, SIGCHLD));
	CHECK_ERR(sigsuspend(&old), EINTR);	/* runs record() */
	CHECK_EQ(last_code, CLD_STOPPED);
	CHECK_EQ(last_pid, pid);
	OK(kill(pid, SIGCONT));
	CHECK_EQ(waitpid(pid, &st, WCONTINUED), pid);
	CHECK(WIFCONTINUED(st));
	/* The SIGCHLD may follow the wait's report (Linux, too, sends it
	 * when the child runs again): wait for it rather than peek. */
	CHECK_ERR(sigsuspend(&old), EINTR);
	CHECK_EQ(last_code, CLD_CONTINUED);
	OK(kill(pid, SIGKILL));
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFSIGNALED(st));
}

static void
nothing(int sig)
{
	(void)sig;
}

/* A read blocked on a pipe: EINTR without SA_RESTART. */
UTEST(signal_interrupts_blocking_read)
{
	int p[2];
	char c;
	struct sigaction sa = { .sa_handler = nothing };

	if (pipe(p) < 0 && errno == ENOSYS)
		ut_skip("no pipe");
	OK(sigaction(SIGALRM, &sa, NULL));
	OK(alarm(1));
	CHECK_ERR(read(p[0], &c, 1), EINTR);
	close(p[0]);
	close(p[1]);
}

/* With SA_RESTART the interrupted read goes on and gets the data. */
UTEST(signal_restart_blocking_read)
{
	int p[2], pid;
	char c = 0;
	struct sigaction sa = { .sa_handler = nothing, .sa_flags = SA_RESTART };

	if (pipe(p) < 0 && errno == ENOSYS)
		ut_skip("no pipe");
	OK(sigaction(SIGALRM, &sa, NULL));
	pid = OK(fork());
	if (pid == 0) {
		usleep(1500000);		/* after the alarm */
		(void)!write(p[1], "x", 1);
		_exit(0);
	}
	close(p[1]);
	OK(alarm(1));
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(c, 'x');
	OK(waitpid(pid, NULL, 0));
}

UTEST(signal_alarm_wakes_pause)
{
	struct sigaction sa = { .sa_handler = nothing };

	OK(sigaction(SIGALRM, &sa, NULL));
	OK(alarm(1));		/* replaces the runner's watchdog alarm */
	CHECK_ERR(pause(), EINTR);
	CHECK_EQ(alarm(0), 0);	/* it fired: nothing left */
}

/*
 * pause() and sigsuspend() return only when a handler runs: a SIGCONT
 * (default action, nothing to do) leaves them asleep, and so do a stop
 * and its continue.  SIGUSR1 stays blocked until sigsuspend, so that it
 * cannot slip in before the sleep.
 */
UTEST(signal_suspend_ignores_default_sigcont)
{
	sigset_t usr1, none;
	int fds[2], pid;
	char c;

	OK(pipe(fds));
	pid = OK(fork());
	if (pid == 0) {
		on(SIGUSR1, record, 0);
		hits = 0;
		sigemptyset(&none);
		sigemptyset(&usr1);
		sigaddset(&usr1, SIGUSR1);
		sigprocmask(SIG_BLOCK, &usr1, NULL);
		close(fds[0]);
		if (write(fds[1], "r", 1) != 1)
			_exit(3);
		if (sigsuspend(&none) != -1 || errno != EINTR)
			_exit(2);
		_exit(hits == 1 && last_sig == SIGUSR1 ? 0 : 1);
	}
	close(fds[1]);
	CHECK_EQ(read(fds[0], &c, 1), 1);
	ut_wait_sleeping(pid);			/* in sigsuspend */
	OK(kill(pid, SIGCONT));
	ut_wait_sleeping(pid);			/* still, or again */
	OK(kill(pid, SIGSTOP));
	OK(kill(pid, SIGCONT));
	ut_wait_sleeping(pid);
	OK(kill(pid, SIGUSR1));
	CHECK_EXIT(pid, 0);
	close(fds[0]);
}

static volatile uintptr_t handler_sp;

static void
note_stack(int sig)
{
	volatile int here;

	(void)sig;
	handler_sp = (uintptr_t)&here;
}

UTEST(signal_sigaltstack)
{
	static char stack[65536];
	stack_t ss = { .ss_sp = stack, .ss_size = sizeof(stack) };
	struct sigaction sa = { .sa_handler = note_stack, .sa_flags = SA_ONSTACK };

	OK(sigaltstack(&ss, NULL));
	OK(sigaction(SIGUSR1, &sa, NULL));
	OK(raise(SIGUSR1));
	CHECK(handler_sp >= (uintptr_t)stack &&
	      handler_sp < (uintptr_t)stack + sizeof(stack));
}

UTEST(signal_sigchld_ignored_reaps)
{
	int pid;

	signal(SIGCHLD, SIG_IGN);
	pid = OK(fork());
	if (pid == 0)
		_exit(0);
	CHECK_ERR(waitpid(pid, NULL, 0), ECHILD);
	signal(SIGCHLD, SIG_DFL);
}

UTEST(signal_suspend_waits_for_unblocked)
{
	sigset_t block, wait;

	hits = 0;
	on(SIGUSR1, record, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	OK(sigprocmask(SIG_BLOCK, &block, NULL));
	OK(kill(getpid(), SIGUSR1));
	CHECK_EQ(hits, 0);
	sigemptyset(&wait);
	CHECK_ERR(sigsuspend(&wait), EINTR);
	CHECK_EQ(hits, 1);
	OK(sigprocmask(SIG_BLOCK, NULL, &wait));	/* mask restored */
	CHECK(sigismember(&wait, SIGUSR1));
}

/* ppoll's mask lets a blocked signal in for the wait only. */
UTEST(signal_ppoll_mask_for_the_wait)
{
	sigset_t block, during;
	struct pollfd pfd;
	int p[2];

	if (pipe(p) < 0 && errno == ENOSYS)
		ut_skip("no pipe");
	hits = 0;
	on(SIGUSR1, record, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	OK(sigprocmask(SIG_BLOCK, &block, NULL));
	OK(kill(getpid(), SIGUSR1));
	CHECK_EQ(hits, 0);
	pfd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	sigemptyset(&during);
	CHECK_ERR(ppoll(&pfd, 1, NULL, &during), EINTR);
	CHECK_EQ(hits, 1);
	OK(sigprocmask(SIG_BLOCK, NULL, &during));
	CHECK(sigismember(&during, SIGUSR1));		/* restored */
	close(p[0]);
	close(p[1]);
}

/* kill(-pgrp) reaches every member; waitpid(-pgrp) collects them. */
UTEST(signal_kill_process_group_and_wait_for_it)
{
	int pids[2], st, reaped = 0;

	for (int i = 0; i < 2; i++) {
		pids[i] = OK(fork());
		if (pids[i] == 0) {
			for (;;)
				pause();
		}
		OK(setpgid(pids[i], pids[0]));
	}
	OK(kill(-pids[0], SIGTERM));
	while (reaped < 2) {
		int pid = OK(waitpid(-pids[0], &st, 0));
		CHECK(pid == pids[0] || pid == pids[1]);
		CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
		reaped++;
	}
	CHECK_ERR(waitpid(-pids[0], &st, WNOHANG), ECHILD);
}

/*
 * A stopped process whose group becomes orphaned gets SIGHUP and
 * SIGCONT, and so does not stay stopped forever.  In a session of its own
 * (so that no process of this test's session keeps the group attached),
 * a group leader forks a member that stops itself, then exits; the member
 * dies of SIGHUP, which the test sees as end-of-file on a pipe.
 */
UTEST(signal_orphaned_stopped_group_gets_sighup)
{
	int p[2], pid, st;
	char c;

	if (pipe(p) < 0 && errno == ENOSYS)
		ut_skip("no pipe");
	pid = OK(fork());
	if (pid == 0) {				/* B: a new session */
		OK(setsid());
		if (OK(fork()) == 0) {		/* A: a new group in it */
			OK(setpgid(0, 0));
			if (OK(fork()) == 0) {	/* M: stops, holds p[1] */
				close(p[0]);
				raise(SIGSTOP);
				for (;;)
					pause();
			}
			close(p[1]);
			usleep(200000);		/* let M stop first */
			_exit(0);
		}
		close(p[1]);
		while (wait(&st) > 0)
			;
		_exit(0);
	}
	close(p[1]);
	OK(waitpid(pid, &st, 0));
	alarm(10);
	CHECK_EQ(read(p[0], &c, 1), 0);		/* M is gone */
	alarm(0);
	close(p[0]);
}

/* A handled signal ends nanosleep early with EINTR and the time left. */
UTEST(signal_interrupts_nanosleep)
{
	struct sigaction sa = { .sa_handler = nothing };
	struct timespec req = { 5, 0 }, rem = { 0, 0 };

	OK(sigaction(SIGALRM, &sa, NULL));
	OK(alarm(1));
	CHECK_ERR(nanosleep(&req, &rem), EINTR);
	CHECK(rem.tv_sec >= 2 && rem.tv_sec <= 4);
}
