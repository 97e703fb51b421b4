/*
 * tests/user/t_proc.c: processes: fork (copies, copy-on-write), exit,
 * the wait family (wait4/waitpid/waitid, WNOHANG, ECHILD), the status
 * encoding of exits and of deaths by a fault, orphans, a bounded fork bomb,
 * vfork.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/user/ut.h"

static int data_var = 1;		/* .data */
static int bss_var;			/* .bss */

UTEST(fork_copies_memory)
{
	int stack_var = 3;
	int *heap = malloc(64 * sizeof(int));
	int pid;

	CHECK(heap != NULL);
	heap[0] = 4;
	bss_var = 2;
	pid = OK(fork());
	if (pid == 0) {
		CHECK_EQ(data_var, 1);
		CHECK_EQ(bss_var, 2);
		CHECK_EQ(stack_var, 3);
		CHECK_EQ(heap[0], 4);
		data_var = bss_var = stack_var = heap[0] = -1;
		CHECK_EQ(data_var + bss_var + stack_var + heap[0], -4);
		_exit(0);
	}
	CHECK_EXIT(pid, 0);
	/* The child's writes went to its own copies. */
	CHECK_EQ(data_var, 1);
	CHECK_EQ(bss_var, 2);
	CHECK_EQ(stack_var, 3);
	CHECK_EQ(heap[0], 4);
}

UTEST(fork_parent_writes_after)
{
	static volatile int shared_before = 10;
	int pid = OK(fork());

	if (pid == 0) {
		/* Whatever the parent does now, we keep the fork-time copy. */
		for (int i = 0; i < 1000; i++)
			sched_yield();
		CHECK_EQ(shared_before, 10);
		_exit(0);
	}
	shared_before = 20;
	CHECK_EXIT(pid, 0);
	CHECK_EQ(shared_before, 20);
}

static volatile int vfork_mark;

/* vfork: the child runs in our memory and we sleep until it exits. */
UTEST(vfork_borrows_memory)
{
	int pid;

	vfork_mark = 0;
	pid = vfork();
	if (pid == 0) {
		vfork_mark = 1;			/* seen by the parent */
		_exit(7);
	}
	CHECK(pid > 0);
	CHECK_EQ(vfork_mark, 1);
	CHECK_EXIT(pid, 7);
}

/*
 * With SIGCHLD ignored a vfork child is freed the moment it exits, while
 * its parent is still being woken: nothing of the child may be touched.
 */
UTEST(vfork_child_autoreaped)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;

	OK(sigaction(SIGCHLD, &ign, &old));
	for (int i = 0; i < 50; i++) {
		int pid = vfork();
		if (pid == 0)
			_exit(0);
		CHECK(pid > 0);
	}
	CHECK_ERR(wait(NULL), ECHILD);
	OK(sigaction(SIGCHLD, &old, NULL));
}

UTEST(fork_ids)
{
	int parent = getpid();
	int pid = OK(fork());

	if (pid == 0) {
		CHECK_EQ(getppid(), parent);
		CHECK_NE(getpid(), parent);
		_exit(0);
	}
	CHECK(pid > 0 && pid != parent);
	CHECK_EXIT(pid, 0);
}

UTEST(fork_exit_wait_1000)
{
	for (int i = 0; i < 1000; i++) {
		int st, pid = fork();

		if (pid == 0)
			_exit(i & 0xff);
		OK(pid);
		CHECK_EQ(waitpid(pid, &st, 0), pid);
		CHECK(WIFEXITED(st));
		CHECK_EQ(WEXITSTATUS(st), i & 0xff);
	}
	CHECK_ERR(wait(NULL), ECHILD);
}

UTEST(exit_status_encoding)
{
	static const int codes[] = {0, 1, 42, 255, 256, 257, -1};
	int st;

	for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		int pid = OK(fork());

		if (pid == 0)
			_exit(codes[i]);
		CHECK_EQ(waitpid(pid, &st, 0), pid);
		CHECK(WIFEXITED(st));
		CHECK(!WIFSIGNALED(st));
		CHECK_EQ(WEXITSTATUS(st), codes[i] & 0xff);
		CHECK_EQ(st, (codes[i] & 0xff) << 8);	/* the raw encoding */
	}
}

static int atexit_ran;
static void
on_exit_handler(void)
{
	_exit(atexit_ran ? 0 : 9);
}

UTEST(exit_runs_atexit)
{
	int pid = OK(fork());

	if (pid == 0) {
		atexit_ran = 1;
		atexit(on_exit_handler);
		exit(5);		/* the handler _exits(0) first */
	}
	CHECK_EXIT(pid, 0);
}

/* Forks a child that runs @fault; it must be killed by @sig. */
static void
expect_fault(void (*fault)(void), int sig)
{
	int pid = OK(fork());

	if (pid == 0) {
		ut_no_core();
		fault();
		_exit(0);
	}
	CHECK_SIGNALED(pid, sig);
}

static void
null_read(void)
{
	volatile int *volatile p = NULL;

	(void)*p;
}

static void
rodata_write(void)
{
	static const char ro[16] = "read-only";
	char *volatile p = (char *)ro;

	p[0] = 'w';
}

static void
kernel_read(void)
{
	volatile char *volatile p = (char *)0xffffffff80000000UL;

	(void)*p;
}

static void
undefined_insn(void)
{
	__asm__ volatile("ud2");
}

static void
divide_by_zero(void)
{
	volatile int zero = 0, x = 1;

	x /= zero;
}

static void
breakpoint(void)
{
	__asm__ volatile("int3");
}

static void
privileged_insn(void)
{
	__asm__ volatile("hlt");	/* #GP at CPL 3 */
}

UTEST(fault_null_sigsegv)
{
	expect_fault(null_read, SIGSEGV);
}

UTEST(fault_rodata_write_sigsegv)
{
	expect_fault(rodata_write, SIGSEGV);
}

UTEST(fault_kernel_address_sigsegv)
{
	expect_fault(kernel_read, SIGSEGV);
}

UTEST(fault_ud2_sigill)
{
	expect_fault(undefined_insn, SIGILL);
}

UTEST(fault_div0_sigfpe)
{
	expect_fault(divide_by_zero, SIGFPE);
}

UTEST(fault_int3_sigtrap)
{
	expect_fault(breakpoint, SIGTRAP);
}

UTEST(fault_hlt_sigsegv)
{
	expect_fault(privileged_insn, SIGSEGV);
}

/*
 * A child that runs until the file "go" appears in the current directory
 * (at most 10 s), then exits with @code: no pipes or signals needed.
 */
static int
spawn_waiter(int code)
{
	int pid = OK(fork());

	if (pid == 0) {
		int64_t end = ut_now_ns() + 10LL * 1000 * 1000 * 1000;

		while (access("go", F_OK) != 0)
			if (sched_yield(), ut_now_ns() > end)
				_exit(99);
		_exit(code);
	}
	return pid;
}

UTEST(waitpid_wnohang)
{
	int st = -1, pid = spawn_waiter(7);

	CHECK_EQ(waitpid(pid, &st, WNOHANG), 0);	/* still running */
	CHECK_EQ(waitpid(-1, &st, WNOHANG), 0);
	ut_write_file("go", "", 0);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 7);
	CHECK_ERR(waitpid(pid, &st, WNOHANG), ECHILD);	/* reaped */
	CHECK_ERR(waitpid(-1, &st, WNOHANG), ECHILD);
}

UTEST(wait_any_child)
{
	int pids[3], seen = 0, st;

	for (int i = 0; i < 3; i++) {
		pids[i] = OK(fork());
		if (pids[i] == 0)
			_exit(10 + i);
	}
	for (int n = 0; n < 3; n++) {
		int pid = OK(wait(&st));

		CHECK(WIFEXITED(st));
		for (int i = 0; i < 3; i++)
			if (pids[i] == pid) {
				CHECK_EQ(WEXITSTATUS(st), 10 + i);
				seen |= 1 << i;
			}
	}
	CHECK_EQ(seen, 7);
	CHECK_ERR(wait(&st), ECHILD);
}

UTEST(wait4_rusage)
{
	struct rusage ru;
	int st, pid = OK(fork());

	if (pid == 0)
		_exit(3);
	CHECK_EQ(wait4(pid, &st, 0, &ru), pid);
	CHECK_EQ(WEXITSTATUS(st), 3);
	CHECK_ERR(wait4(pid, &st, 0, &ru), ECHILD);
	CHECK_ERR(wait4(-1, &st, 0x10, NULL), EINVAL);	/* unknown */
}

UTEST(wait_not_my_child)
{
	int st, pid = OK(fork());

	if (pid == 0)
		_exit(0);
	CHECK_ERR(waitpid(getpid(), &st, 0), ECHILD);	/* myself */
	CHECK_ERR(waitpid(1, &st, 0), ECHILD);		/* init */
	CHECK_EXIT(pid, 0);
	CHECK_ERR(waitpid(pid, &st, 0), ECHILD);
	CHECK_ERR(waitpid(-1, NULL, 0), ECHILD);
}

UTEST(waitid_exited)
{
	siginfo_t si;
	int pid = OK(fork());

	if (pid == 0)
		_exit(5);
	memset(&si, 0, sizeof(si));
	OK(waitid(P_PID, pid, &si, WEXITED));
	CHECK_EQ(si.si_pid, pid);
	CHECK_EQ(si.si_signo, SIGCHLD);
	CHECK_EQ(si.si_code, CLD_EXITED);
	CHECK_EQ(si.si_status, 5);
	CHECK_ERR(waitid(P_PID, pid, &si, WEXITED), ECHILD);
	CHECK_ERR(waitid(P_ALL, 0, &si, 0), EINVAL);	/* no WEXITED */
	CHECK_ERR(waitid(P_ALL, 0, &si, WEXITED), ECHILD);
}

UTEST(waitid_wnohang_and_nowait)
{
	siginfo_t si;
	int pid = spawn_waiter(6);

	memset(&si, 0xff, sizeof(si));
	OK(waitid(P_ALL, 0, &si, WEXITED | WNOHANG));
	CHECK_EQ(si.si_pid, 0);			/* nothing yet */
	ut_write_file("go", "", 0);
	OK(waitid(P_PID, pid, &si, WEXITED | WNOWAIT));
	CHECK_EQ(si.si_pid, pid);
	CHECK_EQ(si.si_status, 6);
	CHECK_EXIT(pid, 6);			/* WNOWAIT left it */
}

UTEST(waitid_killed_by_fault)
{
	siginfo_t si;
	int pid = OK(fork());

	if (pid == 0) {
		ut_no_core();
		null_read();
		_exit(0);
	}
	OK(waitid(P_PID, pid, &si, WEXITED));
	CHECK(si.si_code == CLD_KILLED || si.si_code == CLD_DUMPED);
	CHECK_EQ(si.si_status, SIGSEGV);
}

UTEST(kill_child)
{
	int pid = spawn_waiter(0);

	if (kill(pid, SIGKILL) < 0 && errno == ENOSYS) {
		ut_write_file("go", "", 0);
		CHECK_EXIT(pid, 0);
		ut_skip("kill: ENOSYS");
	}
	CHECK_SIGNALED(pid, SIGKILL);
	CHECK_ERR(kill(pid, 0), ESRCH);		/* reaped: gone */
	OK(kill(getpid(), 0));
}

UTEST(orphan_reparented)
{
	char buf[32] = {0};
	int child = OK(fork());

	if (child == 0) {
		int me = getpid();

		if (OK(fork()) == 0) {
			int64_t end = ut_now_ns() + 5LL * 1000 * 1000 * 1000;
			char line[32];

			while (getppid() == me && ut_now_ns() < end)
				sched_yield();
			snprintf(line, sizeof(line), "%d", getppid());
			ut_write_file("ppid.tmp", line, strlen(line));
			OK(rename("ppid.tmp", "ppid"));
			_exit(0);
		}
		_exit(0);			/* leaves the grandchild */
	}
	CHECK_EXIT(child, 0);
	for (int64_t end = ut_now_ns() + 6LL * 1000 * 1000 * 1000;
	     access("ppid", F_OK) != 0 && ut_now_ns() < end;)
		sched_yield();
	ut_read_file("ppid", buf, sizeof(buf));
	CHECK(atoi(buf) > 0);
	CHECK_NE(atoi(buf), child);		/* adopted by init */
	CHECK_ERR(wait(NULL), ECHILD);		/* not ours to reap */
}

/*
 * On Linux, as root, RLIMIT_NPROC binds only after dropping to an unused
 * uid: the bomb then hits EAGAIN after a few dozen processes and cannot
 * hurt the host.  Inside Basalt it forks until the kernel refuses.
 */
static void
limit_bomb_on_linux(void)
{
	struct rlimit rl = {40, 40};

	if (ut_basalt())
		return;
	OK(setrlimit(RLIMIT_NPROC, &rl));
	if (geteuid() == 0)
		OK(setuid(48879));		/* 0xbeef: nobody uses it */
}

UTEST(fork_bomb_bounded)
{
	int pid = OK(fork());

	if (pid == 0) {
		int n = 0, st, err = 0;

		limit_bomb_on_linux();
		while (n < 2000) {
			int c = fork();

			if (c == 0)
				_exit(1);	/* a zombie until reaped */
			if (c < 0) {
				err = errno;
				break;
			}
			n++;
		}
		CHECK(n == 2000 || err == EAGAIN || err == ENOMEM);
		for (int i = 0; i < n; i++) {
			CHECK(wait(&st) > 0);
			CHECK_EQ(WEXITSTATUS(st), 1);
		}
		CHECK_ERR(wait(&st), ECHILD);
		if (n > 0 && n < 2000 && (pid = OK(fork())) == 0)
			_exit(0);		/* forking works again */
		if (n > 0 && n < 2000)
			CHECK_EXIT(pid, 0);
		_exit(0);
	}
	CHECK_EXIT(pid, 0);
}
