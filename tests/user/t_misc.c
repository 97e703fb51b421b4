/*
 * tests/user/t_misc.c: uname, clocks and sleeping, sched_yield,
 * getrandom, user and group ids, thread ids, thread-local storage.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "tests/user/ut.h"

#define ARCH_GET_FS 0x1003	/* <asm/prctl.h>, not in musl's headers */

UTEST(uname_fields)
{
	struct utsname u;

	OK(uname(&u));
	CHECK(u.sysname[0] != 0);
	CHECK(u.release[0] != 0);
	CHECK(u.nodename[0] != 0);
	CHECK_STREQ(u.machine, "x86_64");
	if (ut_basalt())
		CHECK_STREQ(u.sysname, "Basalt");
	else
		CHECK_STREQ(u.sysname, "Linux");
}

UTEST(clock_monotonic)
{
	struct timespec a, b, res;

	OK(clock_gettime(CLOCK_MONOTONIC, &a));
	for (int i = 0; i < 1000; i++) {
		OK(clock_gettime(CLOCK_MONOTONIC, &b));
		CHECK(b.tv_nsec >= 0 && b.tv_nsec < 1000000000);
		CHECK(b.tv_sec > a.tv_sec ||
		      (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec));
		a = b;
	}
	OK(clock_getres(CLOCK_MONOTONIC, &res));
	CHECK(res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 10000000);
	CHECK_ERR(clock_gettime((clockid_t)1000, &a), EINVAL);
}

UTEST(clock_realtime)
{
	struct timespec ts;
	struct tm tm;

	OK(clock_gettime(CLOCK_REALTIME, &ts));
	CHECK(ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
	gmtime_r(&ts.tv_sec, &tm);
	CHECK(tm.tm_year + 1900 >= 2024 && tm.tm_year + 1900 < 2100);
}

UTEST(gettimeofday_agrees)
{
	struct timespec ts;
	struct timeval tv;

	OK(clock_gettime(CLOCK_REALTIME, &ts));
	/* musl's gettimeofday() is clock_gettime(); ask the kernel. */
	OK(syscall(SYS_gettimeofday, &tv, NULL));
	CHECK(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	CHECK(tv.tv_sec >= ts.tv_sec && tv.tv_sec <= ts.tv_sec + 2);
	OK(gettimeofday(&tv, NULL));
	CHECK(tv.tv_sec >= ts.tv_sec && tv.tv_sec <= ts.tv_sec + 2);
}

UTEST(nanosleep_duration)
{
	struct timespec req = {0, 20 * 1000 * 1000}, rem = {9, 9};
	int64_t t0 = ut_now_ns(), dt;

	OK(nanosleep(&req, &rem));
	dt = ut_now_ns() - t0;
	CHECK_GE(dt, 20 * 1000 * 1000);
	CHECK_LT(dt, 2000LL * 1000 * 1000);
	req.tv_nsec = 0;
	OK(nanosleep(&req, NULL));
	req.tv_nsec = 1000000000;
	CHECK_ERR(nanosleep(&req, NULL), EINVAL);
	req.tv_nsec = -1;
	CHECK_ERR(nanosleep(&req, NULL), EINVAL);
	req.tv_sec = -1;
	req.tv_nsec = 0;
	CHECK_ERR(nanosleep(&req, NULL), EINVAL);
}

UTEST(clock_nanosleep_abs)
{
	struct timespec t;
	int64_t t0 = ut_now_ns();

	OK(clock_gettime(CLOCK_MONOTONIC, &t));
	t.tv_nsec += 10 * 1000 * 1000;
	if (t.tv_nsec >= 1000000000) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000;
	}
	/* returns the error number itself, not -1 */
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL), 0);
	CHECK_GE(ut_now_ns() - t0, 10 * 1000 * 1000);
}

UTEST(sched_yield_ok)
{
	for (int i = 0; i < 100; i++)
		CHECK_EQ(sched_yield(), 0);
}

UTEST(getrandom_fills)
{
	unsigned char a[64], b[64], zero[64] = {0};

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	CHECK_EQ(getrandom(a, sizeof(a), 0), 64);
	CHECK_EQ(getrandom(b, sizeof(b), GRND_NONBLOCK), 64);
	CHECK(memcmp(a, zero, 64) != 0);
	CHECK(memcmp(a, b, 64) != 0);
	CHECK_EQ(getrandom(a, 0, 0), 0);
	CHECK_ERR(getrandom((void *)8, 16, 0), EFAULT);
	CHECK_ERR(getrandom(a, 16, 0x4000), EINVAL);	/* unknown flag */
}

UTEST(getrandom_large)
{
	static unsigned char buf[1 << 20];
	long n = OK(getrandom(buf, sizeof(buf), 0));
	int zeros = 0;

	CHECK(n > 0 && n <= (long)sizeof(buf));
	for (long i = 0; i < n && i < 4096; i++)
		zeros += buf[i] == 0;
	CHECK_LT(zeros, 64);		/* ~16 expected in 4096 bytes */
}

UTEST(ids)
{
	CHECK_GE(getuid(), 0);
	CHECK_EQ(getuid(), geteuid());
	CHECK_EQ(getgid(), getegid());
	if (ut_basalt()) {
		CHECK_EQ(getuid(), 0);
		CHECK_EQ(getgid(), 0);
	}
}

UTEST(pid_tid)
{
	int tid = (int)syscall(SYS_gettid);

	CHECK(getpid() > 0);
	CHECK(getppid() > 0);
	CHECK_EQ(tid, getpid());	/* one thread: tid == pid */
	CHECK_EQ(syscall(SYS_set_tid_address, &tid), getpid());
	CHECK_EQ(getpid(), getpid());
}

static __thread int tls_value = 42;
static __thread int tls_zero;

UTEST(tls_arch_prctl)
{
	unsigned long fs = 0;

	CHECK_EQ(tls_value, 42);		/* .tdata copied */
	CHECK_EQ(tls_zero, 0);			/* .tbss zeroed */
	tls_value++;
	CHECK_EQ(tls_value, 43);
	/* musl's thread pointer is %fs base, and points to itself. */
	OK(syscall(SYS_arch_prctl, ARCH_GET_FS, &fs));
	CHECK_EQ(fs, (unsigned long)pthread_self());
	CHECK_ERR(syscall(SYS_arch_prctl, 0x9999, &fs), EINVAL);
}
