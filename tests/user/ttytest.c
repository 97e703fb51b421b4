/*
 * tests/user/ttytest.c: the terminal layer seen from a program, run from
 * the shell on a terminal (its stdin is the controlling terminal and its
 * group the foreground).  A driver types on the terminal when asked:
 *
 *   "TTYTEST: type a line"  "one two^Wthree<DEL>E<CR>"
 *   "TTYTEST: raw"          "xyz"
 *   "TTYTEST: eof"          "^D"
 *   "TTYTEST: intr"         "^C"
 *
 * and the program checks what reads return, then job control (SIGTTIN,
 * SIGTTOU, EIO, the ioctls' errors), and prints one line per check and
 * "TTYTEST: N passed, M failed" last.  The same binary passes on Linux
 * under a pseudo-terminal (tests/run_tests.py runs it there too), so a
 * difference from Linux is a failure.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static int passed, failed;

#define CHECK(cond)                                                          \
	do {                                                                 \
		if (cond) {                                                  \
			passed++;                                            \
		} else {                                                     \
			failed++;                                            \
			printf("TTYTEST: FAIL line %d: %s (errno %d)\n",     \
			       __LINE__, #cond, errno);                      \
		}                                                            \
	} while (0)

static struct termios saved;

/* ask - tell the driver what to type next. */
static void
ask(const char *what)
{
	printf("TTYTEST: %s\n", what);
	fflush(stdout);
}

static void
check_settings(void)
{
	struct termios t;
	struct winsize ws;

	CHECK(isatty(0));
	CHECK(tcgetattr(0, &t) == 0);
	CHECK((t.c_lflag & (ICANON | ECHO | ISIG)) == (ICANON | ECHO | ISIG));
	CHECK(t.c_cc[VINTR] == 3 && t.c_cc[VEOF] == 4 && t.c_cc[VSUSP] == 26);
	CHECK(ioctl(0, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0);
	CHECK(tcgetpgrp(0) == getpgrp());
	CHECK(tcgetsid(0) == getsid(0));
	CHECK(ioctl(1, TCGETS, &t) == 0);
}

/* check_canonical - erase and word erase act on the line being typed. */
static void
check_canonical(void)
{
	char buf[64] = "";
	ssize_t n;

	ask("type a line");
	n = read(0, buf, sizeof(buf) - 1);
	CHECK(n == 10 && memcmp(buf, "one threE\n", 10) == 0);
	if (n != 10)
		printf("TTYTEST: read %zd bytes: \"%s\"\n", n, buf);
}

/* check_raw - VMIN 3: the read waits for three bytes, nothing echoed. */
static void
check_raw(void)
{
	struct termios t = saved;
	char buf[16];
	ssize_t n;

	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 3;
	t.c_cc[VTIME] = 0;
	CHECK(tcsetattr(0, TCSANOW, &t) == 0);
	ask("raw");
	n = read(0, buf, sizeof(buf));
	CHECK(n == 3 && memcmp(buf, "xyz", 3) == 0);
	/* VMIN 0, VTIME 1: nothing typed, so 0 after a tenth of a second */
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 1;
	CHECK(tcsetattr(0, TCSANOW, &t) == 0);
	CHECK(read(0, buf, sizeof(buf)) == 0);
	CHECK(tcsetattr(0, TCSAFLUSH, &saved) == 0);
}

static void
check_eof(void)
{
	char buf[16];

	ask("eof");
	CHECK(read(0, buf, sizeof(buf)) == 0);
}

static volatile sig_atomic_t got_int;

static void
on_int(int sig)
{
	(void)sig;
	got_int = 1;
}

/* check_intr - ^C sends SIGINT to the foreground group: read -> EINTR. */
static void
check_intr(void)
{
	struct sigaction sa = { .sa_handler = on_int };	/* no SA_RESTART */
	char buf[16];

	sigaction(SIGINT, &sa, NULL);
	ask("intr");
	errno = 0;
	CHECK(read(0, buf, sizeof(buf)) == -1 && errno == EINTR);
	CHECK(got_int == 1);
	signal(SIGINT, SIG_DFL);
}

/* in_background - fork a child in a new (background) group running @fn;
 * returns its wait status after it stopped or exited. */
static int
in_background(void (*fn)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		setpgid(0, 0);
		fn();
		_exit(0);
	}
	setpgid(pid, pid);
	waitpid(pid, &status, WUNTRACED);
	if (WIFSTOPPED(status)) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	return status;
}

static void
bg_read(void)
{
	char c;

	read(0, &c, 1);
}

static void
bg_write(void)
{
	write(1, "TTYTEST: background write got through\n", 38);
}

static void
bg_tcsetattr(void)
{
	tcsetattr(0, TCSANOW, &saved);
}

/* bg_read_ignoring - SIGTTIN ignored: the read fails with EIO. */
static void
bg_read_ignoring(void)
{
	char c;

	signal(SIGTTIN, SIG_IGN);
	_exit(read(0, &c, 1) == -1 && errno == EIO ? 0 : 1);
}

/* bg_write_ignoring - SIGTTOU ignored: the write goes through. */
static void
bg_write_ignoring(void)
{
	signal(SIGTTOU, SIG_IGN);
	_exit(write(1, "", 0) == 0 ? 0 : 1);
}

static void
check_job_control(void)
{
	struct termios t = saved;
	int st;

	st = in_background(bg_read);
	CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTIN);
	st = in_background(bg_read_ignoring);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	st = in_background(bg_tcsetattr);
	CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTOU);
	t.c_lflag |= TOSTOP;
	CHECK(tcsetattr(0, TCSANOW, &t) == 0);
	st = in_background(bg_write);
	CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTOU);
	st = in_background(bg_write_ignoring);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(tcsetattr(0, TCSANOW, &saved) == 0);
}

/* check_ioctl_errors - what only a session leader or a member may do. */
static void
check_ioctl_errors(void)
{
	pid_t none = 0x7ffffff0;

	errno = 0;
	CHECK(ioctl(0, TIOCSCTTY, 0) == -1 && errno == EPERM);	/* no leader */
	errno = 0;
	CHECK(tcsetpgrp(0, none) == -1 && errno == ESRCH);
	errno = 0;
	CHECK(tcsetpgrp(0, -1) == -1 && errno == EINVAL);
	errno = 0;
	CHECK(ioctl(0, 0x54ff, 0) == -1 && errno == ENOTTY);
	CHECK(tcsetpgrp(0, getpgrp()) == 0);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (tcgetattr(0, &saved) < 0) {
		printf("TTYTEST: stdin is not a terminal\n");
		return 2;
	}
	check_settings();
	check_canonical();
	check_raw();
	check_eof();
	check_intr();
	check_job_control();
	check_ioctl_errors();
	tcsetattr(0, TCSANOW, &saved);
	printf("TTYTEST: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
