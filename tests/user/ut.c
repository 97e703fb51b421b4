/*
 * tests/user/ut.c: the checks and helpers the tests use (ut.h).
 * They run in the test's child (or a grandchild): a failure is appended to
 * the result file the runner named, and the process exits.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/user/ut.h"
#include "tests/user/ut_internal.h"

char ut_bindir[PATH_MAX] = "/bin";
char ut_test_dir[PATH_MAX];
char ut_result_path[PATH_MAX];
int ut_verbose_flag;

/* Appends @msg and a newline to the result file (or stderr). */
static void
record(const char *msg)
{
	char line[1100];
	int fd = open(ut_result_path, O_WRONLY | O_APPEND);
	int n = snprintf(line, sizeof(line), "%s\n", msg);

	if (n > (int)sizeof(line) - 1)
		n = sizeof(line) - 1;
	if (fd < 0 || write(fd, line, n) != n)
		(void)!write(2, line, n);
	if (fd >= 0)
		close(fd);
}

void
ut_fail(const char *file, int line, const char *fmt, ...)
{
	char msg[1000];
	int n = snprintf(msg, sizeof(msg), "%s:%d: ", file, line);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
	va_end(ap);
	record(msg);
	_exit(1);
}

void
ut_skip(const char *fmt, ...)
{
	char msg[1000] = "SKIP ";
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg + 5, sizeof(msg) - 5, fmt, ap);
	va_end(ap);
	record(msg);
	_exit(UT_SKIP_STATUS);
}

long
ut_ok_(long ret, const char *file, int line, const char *expr)
{
	int e = errno;

	if (ret < 0)
		ut_fail(file, line, "%s: returned %ld, errno %d (%s)", expr,
			ret, e, strerror(e));
	return ret;
}

void
ut_err_(long ret, int err, const char *file, int line, const char *expr,
	const char *errname)
{
	int e = errno;

	if (ret == -1 && e == err)
		return;
	if (ret == -1)
		ut_fail(file, line, "%s: expected %s, got errno %d (%s)", expr,
			errname, e, strerror(e));
	ut_fail(file, line, "%s: expected -1 with %s, got %ld", expr,
		errname, ret);
}

int
ut_basalt(void)
{
	static int cached = -1;
	struct utsname u;

	if (cached < 0)
		cached = uname(&u) == 0 && strcmp(u.sysname, "Basalt") == 0;
	return cached;
}

int
ut_verbose(void)
{
	return ut_verbose_flag;
}

const char *
ut_dir(void)
{
	return ut_test_dir;
}

const char *
ut_bin(const char *name)
{
	static char path[PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s", ut_bindir, name);
	return path;
}

void
ut_write_file(const char *path, const void *data, size_t len)
{
	int fd = OK(open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644));

	CHECK_EQ(write(fd, data, len), (long)len);
	OK(close(fd));
}

size_t
ut_read_file(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		ut_fail(__FILE__, __LINE__, "open %s: %s", path,
			strerror(errno));
	while (len + 1 < cap && (n = read(fd, buf + len, cap - 1 - len)) > 0)
		len += n;
	buf[len] = 0;
	close(fd);
	return len;
}

void
ut_copy_file(const char *from, const char *to, unsigned int mode)
{
	char buf[8192];
	int in = open(from, O_RDONLY);
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, mode);
	ssize_t n;

	if (in < 0 || out < 0)
		ut_fail(__FILE__, __LINE__, "copy %s to %s: %s", from, to,
			strerror(errno));
	while ((n = read(in, buf, sizeof(buf))) > 0)
		CHECK_EQ(write(out, buf, n), n);
	CHECK_EQ(n, 0);
	OK(fchmod(out, mode));
	close(in);
	OK(close(out));
}

int
ut_wait(int pid)
{
	int status = 0;
	long r;

	while ((r = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	if (r != pid)
		ut_fail(__FILE__, __LINE__, "waitpid(%d) returned %ld: %s",
			pid, r, strerror(errno));
	return status;
}

void
ut_check_exit_(int pid, int code, const char *file, int line)
{
	int st = ut_wait(pid);

	if (WIFSIGNALED(st))
		ut_fail(file, line, "child killed by signal %d (%s), expected "
			"exit %d", WTERMSIG(st), strsignal(WTERMSIG(st)), code);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != code)
		ut_fail(file, line, "child status %#x, expected exit %d", st,
			code);
}

void
ut_check_signaled_(int pid, int sig, const char *file, int line)
{
	int st = ut_wait(pid);

	if (WIFEXITED(st))
		ut_fail(file, line, "child exited with %d, expected signal %d "
			"(%s)", WEXITSTATUS(st), sig, strsignal(sig));
	if (!WIFSIGNALED(st) || WTERMSIG(st) != sig)
		ut_fail(file, line, "child status %#x, expected signal %d (%s)",
			st, sig, strsignal(sig));
}

void
ut_no_core(void)
{
	struct rlimit none = {0, 0};

	setrlimit(RLIMIT_CORE, &none);	/* may be ENOSYS: no cores anyway */
}

void *
ut_ptr(unsigned long addr)
{
	void *volatile p = (void *)addr;

	return p;
}

int64_t
ut_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

long
ut_memfree_kb(void)
{
	char buf[4096], *p;
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = strstr(buf, "MemFree:");
	return p ? strtol(p + 8, NULL, 10) : -1;
}

char
ut_proc_state(int pid)
{
	char path[64], text[1024];

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	ut_read_file(path, text, sizeof(text));
	return strrchr(text, ')')[2];
}

void
ut_wait_sleeping(int pid)
{
	char state = ut_proc_state(pid);

	for (int tries = 0; tries < 100000 && state != 'S' && state != 'Z';
	     tries++) {
		sched_yield();
		state = ut_proc_state(pid);
	}
	CHECK_EQ(state, 'S');
}
