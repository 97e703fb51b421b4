/*
 * user/init/supervise.c: init's event loop: signals, reaping, /etc/rc
 * and respawning the terminal shells.
 *
 * Waiting without races.  SIGCHLD and the three shutdown signals stay
 * blocked except inside wait_event(), whose ppoll() unblocks them and
 * sleeps in one atomic step, and whose handlers only record what came.
 * A signal that arrives while the loop is reaping or forking therefore
 * stays pending and makes the next ppoll() return at once.  A blocking
 * waitpid() that a handler interrupts with EINTR would be racy: a signal
 * landing just before the call is missed, and init sleeps on until some
 * child happens to exit.  sigsuspend() is race-free as well but has no
 * time-out, which the respawn back-off needs.
 *
 * Shutdown signals (BusyBox's convention; sysvinit uses telinit instead):
 * SIGUSR2 power off, SIGTERM reboot, SIGUSR1 halt.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "init.h"

#define FAST_EXIT_MS	1000 /* an exit this soon after start is "fast" */
#define FAST_EXIT_LIMIT 5    /* fast exits in a row before backing off */
#define BACKOFF_MS	5000 /* pause before the next respawn */
#define FORK_RETRY_MS	1000 /* pause after fork() failed */

static volatile sig_atomic_t down_sig; /* last shutdown signal, 0: none */
static sigset_t wait_mask;	       /* the mask inside wait_event() */

/* now_ms - monotonic time in milliseconds. */
long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* on_signal - the only handler: note a shutdown request.  SIGCHLD needs
 * a handler too (its default action, ignore, would not wake ppoll). */
static void
on_signal(int sig)
{
	if (sig != SIGCHLD)
		down_sig = sig;
}

/*
 * signals_setup - block and catch SIGCHLD, SIGTERM, SIGUSR1, SIGUSR2;
 * ignore the signals a terminal or a stray kill could send.  Linux never
 * delivers to PID 1 a signal it has no handler for; a kernel that did
 * would end init (and panic) on the default action of SIGINT or SIGHUP.
 */
void
signals_setup(void)
{
	static const int caught[] = {SIGCHLD, SIGTERM, SIGUSR1, SIGUSR2};
	static const int ignored[] = {SIGHUP,  SIGINT,	SIGQUIT, SIGPIPE,
				      SIGTSTP, SIGTTIN, SIGTTOU, SIGALRM};
	struct sigaction sa;
	sigset_t block;
	unsigned int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	for (i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++)
		sigaction(ignored[i], &sa, NULL);
	sigemptyset(&block);
	for (i = 0; i < sizeof(caught) / sizeof(caught[0]); i++)
		sigaddset(&block, caught[i]);
	sigprocmask(SIG_BLOCK, &block, &wait_mask);
	sa.sa_handler = on_signal;
	sigfillset(&sa.sa_mask);
	for (i = 0; i < sizeof(caught) / sizeof(caught[0]); i++) {
		sigaction(caught[i], &sa, NULL);
		sigdelset(&wait_mask, caught[i]);
	}
}

/* wait_event - sleep until a caught signal arrives or until the
 * now_ms() time @deadline (-1: no deadline), whichever is first. */
void
wait_event(long long deadline)
{
	struct timespec ts, *tp = NULL;
	long long left;

	if (deadline >= 0) {
		left = deadline - now_ms();
		if (left < 0)
			left = 0;
		ts.tv_sec = left / 1000;
		ts.tv_nsec = left % 1000 * 1000000;
		tp = &ts;
	}
	ppoll(NULL, 0, tp, &wait_mask); /* EINTR: a handler ran */
}

/* reap_one - collect one ended child without waiting.  Returns its pid
 * with *@status set, 0 if children remain but none has ended, or -1
 * (errno ECHILD) if there are no children at all. */
pid_t
reap_one(int *status)
{
	pid_t pid;

	do
		pid = waitpid(-1, status, WNOHANG);
	while (pid < 0 && errno == EINTR);
	return pid;
}

/* check_shutdown - begin the shutdown if a signal asked for one. */
static void
check_shutdown(void)
{
	if (down_sig)
		shutdown_system(down_sig);
}

/* wait_child - reap children until @pid ends, its wait status then in
 * *@st.  Returns 0, or -1 if @pid is not (or no longer) our child.  A
 * shutdown request ends the wait, and init. */
static int
wait_child(pid_t pid, int *st)
{
	pid_t got;

	for (;;) {
		while ((got = reap_one(st)) > 0)
			if (got == pid)
				return 0;
		if (got < 0)
			return -1;
		check_shutdown();
		wait_event(-1);
	}
}

/* run_rc - run /etc/rc, if readable, and wait for it; report a failure. */
void
run_rc(void)
{
	pid_t pid;
	int st;

	if (access(RC_PATH, R_OK) < 0)
		return;
	if ((pid = spawn_rc()) < 0) {
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
		return;
	}
	if (wait_child(pid, &st) < 0)
		return;
	if (WIFSIGNALED(st))
		fprintf(stderr, "init: %s killed by signal %d\n", RC_PATH,
			WTERMSIG(st));
	else if (WEXITSTATUS(st))
		fprintf(stderr, "init: %s exited with status %d\n", RC_PATH,
			WEXITSTATUS(st));
}

/* term_exited - account for the end of @t's child at @now: after
 * FAST_EXIT_LIMIT quick exits in a row, hold the respawn back. */
static void
term_exited(struct term *t, long long now)
{
	t->pid = 0;
	if (now - t->started >= FAST_EXIT_MS) {
		t->fast_exits = 0;
		return;
	}
	if (++t->fast_exits < FAST_EXIT_LIMIT)
		return;
	fprintf(stderr, "init: %s: respawning too fast; waiting %d seconds\n",
		t->dev, BACKOFF_MS / 1000);
	t->fast_exits = 0;
	t->not_before = now + BACKOFF_MS;
}

/* reap_all - collect every ended child; the terminals' shells are
 * marked for respawn, anything else (orphans, rc's leftovers) just goes. */
static void
reap_all(struct term *terms, int n)
{
	pid_t pid;
	int st, i;

	while ((pid = reap_one(&st)) > 0)
		for (i = 0; i < n; i++)
			if (terms[i].pid == pid)
				term_exited(&terms[i], now_ms());
}

/* start_due - start every terminal that has no shell and is not held
 * back.  Returns the earliest hold-back deadline, or -1 if none. */
static long long
start_due(struct term *terms, int n)
{
	long long now = now_ms(), next = -1;
	struct term *t;

	for (t = terms; t < terms + n; t++) {
		if (t->pid == 0 && now >= t->not_before) {
			t->started = now;
			if ((t->pid = spawn_term(t)) < 0) {
				fprintf(stderr, "init: fork: %s\n",
					strerror(errno));
				t->pid = 0;
				t->not_before = now + FORK_RETRY_MS;
			}
		}
		if (t->pid == 0 && (next < 0 || t->not_before < next))
			next = t->not_before;
	}
	return next;
}

/* supervise - init's main loop: keep a shell on every terminal of
 * @terms[@n], reap everything, and shut down when asked.  The order of
 * the steps matters only for speed: a signal is never lost (see above). */
void
supervise(struct term *terms, int n)
{
	for (;;) {
		reap_all(terms, n);
		check_shutdown();
		wait_event(start_due(terms, n));
	}
}
