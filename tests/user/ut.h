/*
 * tests/user/ut.h: the framework of the user-space system-call tests
 * (shared/STYLE.md R13 (b), R14 (d)).
 *
 * UTEST(name) { ... } defines a test; the macro also puts a pointer to its
 * entry in the "utests" section, so there is no list to keep.  utests.c
 * runs every test in a forked child, in its own directory under the scratch
 * directory, and prints `ok N name` / `not ok N name: reason`.
 *
 * The checks below end the test at the first failure: they append the
 * reason (file:line, the expression and the values) to the test's result
 * file and _exit(1).  A check that fails in a grandchild does the same, so
 * its reason reaches the runner too.  The result travels through a file,
 * not a pipe, because the first Basalt that runs this may have no pipe().
 *
 * Every program is built with `musl-gcc -static` and must pass on Linux as
 * well as in Basalt: a test that fails on the Linux build host is a wrong
 * test.  UTEST_BASALT marks a test whose expectation differs on Linux by
 * design (it is reported as `ok N name # SKIP host` there).
 */
#pragma once
#include <errno.h>
#include <stdint.h>
#include <string.h>

#define UT_BASALT_ONLY	1	/* Basalt-only behaviour: skipped on Linux */
#define UT_SKIP_STATUS	77	/* exit status of a child that skipped */
#define UT_PAGE		4096

struct utest {
	const char *name;
	void	  (*fn)(void);
	const char *file;
	int	    line;
	unsigned int flags;
};

/* A section of pointers: 8-byte entries leave no alignment holes. */
#define UTEST_F(tname, tflags)                                               \
	static void ut_fn_##tname(void);                                     \
	static const struct utest ut_entry_##tname = {                       \
		.name = #tname,                                              \
		.fn = ut_fn_##tname,                                         \
		.file = __FILE__,                                            \
		.line = __LINE__,                                            \
		.flags = (tflags),                                           \
	};                                                                   \
	static const struct utest *const ut_ptr_##tname                      \
		__attribute__((used, section("utests"))) = &ut_entry_##tname; \
	static void ut_fn_##tname(void)

#define UTEST(tname)	    UTEST_F(tname, 0)
#define UTEST_BASALT(tname) UTEST_F(tname, UT_BASALT_ONLY)

/* ut_fail - record why the running test failed and _exit(1). */
void	ut_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));

/* ut_skip - record why the running test cannot run here; exit 77. */
void	ut_skip(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

/* ut_ok_ - return @ret, or fail if it is negative (a failed call). */
long	ut_ok_(long ret, const char *file, int line, const char *expr);

/* ut_err_ - fail unless @ret is -1 and errno is @err. */
void	ut_err_(long ret, int err, const char *file, int line,
		const char *expr, const char *errname);

/* Fail unless cond holds. */
#define CHECK(cond)                                                          \
	do {                                                                 \
		if (!(cond))                                                 \
			ut_fail(__FILE__, __LINE__, "expected %s", #cond);   \
	} while (0)

/* Integers of any type, compared as 64-bit and shown signed and in hex. */
#define CHECK_CMP(a, op, b)                                                  \
	do {                                                                 \
		long long ua_ = (long long)(a), ub_ = (long long)(b);        \
		if (!(ua_ op ub_))                                           \
			ut_fail(__FILE__, __LINE__,                          \
				"%s %s %s: %lld (%#llx) vs %lld (%#llx)",    \
				#a, #op, #b, ua_, ua_, ub_, ub_);            \
	} while (0)

#define CHECK_EQ(a, b) CHECK_CMP(a, ==, b)
#define CHECK_NE(a, b) CHECK_CMP(a, !=, b)
#define CHECK_GE(a, b) CHECK_CMP(a, >=, b)
#define CHECK_LT(a, b) CHECK_CMP(a, <, b)

#define CHECK_STREQ(a, b)                                                    \
	do {                                                                 \
		const char *sa_ = (a), *sb_ = (b);                           \
		if (!sa_ || !sb_ || strcmp(sa_, sb_) != 0)                   \
			ut_fail(__FILE__, __LINE__,                          \
				"%s == %s: \"%s\" vs \"%s\"", #a, #b,        \
				sa_ ? sa_ : "(NULL)", sb_ ? sb_ : "(NULL)"); \
	} while (0)

#define CHECK_MEMEQ(a, b, n) CHECK(memcmp((a), (b), (n)) == 0)

/* OK(call): the call's result, or fail with errno if it returned < 0. */
#define OK(call) ut_ok_((long)(call), __FILE__, __LINE__, #call)

/* CHECK_ERR(call, EXXX): the call must fail with -1 and errno EXXX. */
#define CHECK_ERR(call, err)                                                 \
	do {                                                                 \
		errno = 0;                                                   \
		ut_err_((long)(call), (err), __FILE__, __LINE__, #call,      \
			#err);                                               \
	} while (0)

/* ut_basalt - whether we run inside Basalt (uname().sysname). */
int	ut_basalt(void);

/* ut_verbose - whether the runner was given -v. */
int	ut_verbose(void);

/*
 * ut_dir - the running test's own directory (absolute); it is the current
 * directory when the test starts and is removed after it.
 */
const char *ut_dir(void);

/*
 * ut_bin - the absolute path of the test program @name (exec_target,
 * true_min, ...): next to utests, or in /bin.  Returns a static buffer.
 */
const char *ut_bin(const char *name);

/* ut_write_file - create or truncate @path (mode 0644) holding @data. */
void	ut_write_file(const char *path, const void *data, size_t len);

/*
 * ut_read_file - read at most @cap - 1 bytes of @path into @buf and
 * NUL-terminate it.  Returns the length; fails the test on error.
 */
size_t	ut_read_file(const char *path, char *buf, size_t cap);

/* ut_copy_file - copy @from to @to with mode @mode; fails on error. */
void	ut_copy_file(const char *from, const char *to, unsigned int mode);

/*
 * ut_wait - wait for child @pid and return its status; fails the test
 * if waitpid does not return @pid.
 */
int	ut_wait(int pid);

/* CHECK_EXIT(pid, code): wait for child @pid; it must exit with @code. */
#define CHECK_EXIT(pid, code) ut_check_exit_((pid), (code), __FILE__, __LINE__)

/* CHECK_SIGNALED(pid, sig): wait for child @pid; @sig must kill it. */
#define CHECK_SIGNALED(pid, sig)                                             \
	ut_check_signaled_((pid), (sig), __FILE__, __LINE__)

void	ut_check_exit_(int pid, int code, const char *file, int line);
void	ut_check_signaled_(int pid, int sig, const char *file, int line);

/* ut_no_core - no core file (and no slow dump) for a planned crash. */
void	ut_no_core(void);

/* Addresses no user pointer may use: unmapped page 0, the kernel image. */
#define UT_BAD_LOW    8UL
#define UT_BAD_KERNEL 0xffffffff80000000UL

/*
 * ut_ptr - @addr as a pointer the compiler cannot see through, so that
 * handing a bad address to a system call draws no warning.
 */
void   *ut_ptr(unsigned long addr);

/* ut_proc_state - the state letter of process @pid (/proc/PID/stat). */
char	ut_proc_state(int pid);

/* ut_wait_sleeping - wait (yielding) until @pid sleeps ('S'); fails the
 * test if it never does. */
void	ut_wait_sleeping(int pid);

/* ut_now_ns - CLOCK_MONOTONIC in nanoseconds. */
int64_t	ut_now_ns(void);
