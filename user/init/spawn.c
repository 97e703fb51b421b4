/*
 * user/init/spawn.c: starting init's children, the terminal shells and
 * /etc/rc.
 *
 * A child gets a clean slate before it runs anything: every signal back
 * to its default action with nothing blocked (init blocks and ignores
 * signals that a shell must see), a session of its own, and a fixed,
 * minimal environment (PID 1 gets only whatever the kernel passed it).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "init.h"

static char *const child_env[] = {
	"HOME=/",    "PATH=/bin:/sbin", "TERM=linux", "SHELL=/bin/sh",
	"USER=root", "LOGNAME=root",	NULL,
};

/* child_reset - default signal actions and an empty signal mask.  The
 * actions go first so that no init handler runs in the child once the
 * mask opens.  The raw system call, because musl's sigaction refuses
 * the signals it reserves (32-34), which init may have inherited
 * ignored and must not pass on. */
static void
child_reset(void)
{
	struct {
		unsigned long handler, flags, restorer, mask;
	} dfl = { 0 };		/* SIG_DFL, no flags, empty mask */
	sigset_t none;

	for (int sig = 1; sig < _NSIG; sig++)	/* KILL, STOP: EINVAL, fine */
		syscall(SYS_rt_sigaction, sig, &dfl, NULL, sizeof(dfl.mask));
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* show_motd - copy /etc/motd, if any, to standard output. */
static void
show_motd(void)
{
	char buf[512];
	ssize_t n;
	int fd = open(MOTD_PATH, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write(1, buf, n) != n)
			break;
	close(fd);
}

/* term_open - make @dev fds 0, 1 and 2 and our controlling terminal.
 * Returns 0, or -1 after reporting why @dev cannot be opened. */
static int
term_open(const char *dev)
{
	int fd = open(dev, O_RDWR);

	if (fd < 0) {
		fprintf(stderr, "init: %s: %s\n", dev, strerror(errno));
		return -1;
	}
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
	/* ENOTTY: not a terminal, or a kernel without sessions on ttys */
	if (ioctl(0, TIOCSCTTY, 0) < 0 && errno != ENOTTY)
		fprintf(stderr, "init: %s: TIOCSCTTY: %s\n", dev,
			strerror(errno));
	return 0;
}

/* term_child - the child side of spawn_term(); never returns.  Exit
 * status 1: the device would not open; 127: the program would not run. */
static void __attribute__((noreturn)) term_child(const struct term *t)
{
	child_reset();
	setsid();
	if (term_open(t->dev) < 0)
		_exit(1);
	show_motd();
	execve(t->path, t->argv, child_env);
	fprintf(stderr, "init: %s: %s\n", t->path, strerror(errno));
	_exit(127);
}

/*
 * spawn_term - start @t's command on its terminal.  Returns the child's
 * pid, or -1 (errno set) if fork failed.  Errors in the child are
 * reported on the terminal, or on init's stderr before it is open, and
 * end the child at once; the caller sees that as a quick exit.
 */
pid_t
spawn_term(const struct term *t)
{
	pid_t pid = fork();

	if (pid == 0)
		term_child(t);
	return pid;
}

/*
 * spawn_rc - start "/bin/sh /etc/rc" on init's own stdin/out/err (the
 * console).  Returns the child's pid, or -1 (errno set).
 */
pid_t
spawn_rc(void)
{
	static char *const argv[] = {"sh", RC_PATH, NULL};
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	child_reset();
	/* Own session and process group: a "kill 0" in rc must not reach
	 * init, which would take SIGTERM as a request to reboot. */
	setsid();
	execve(SHELL_PATH, argv, child_env);
	fprintf(stderr, "init: %s: %s\n", SHELL_PATH, strerror(errno));
	_exit(127);
}
