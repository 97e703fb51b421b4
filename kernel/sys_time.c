/*
 * kernel/sys_time.c: the time family: clock_gettime, clock_getres,
 * gettimeofday, nanosleep, clock_nanosleep, sched_yield.
 */
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/sys.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID	3
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7
#define TIMER_ABSTIME		1

struct timespec_u {
	int64_t tv_sec, tv_nsec;
};

/* clock_now - nanoseconds on clock @id, or -EINVAL. */
static int64_t
clock_now(long id)
{
	struct thread *t = current_thread();

	switch (id) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		return (int64_t)time_realtime_ns();
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		return (int64_t)time_ns();
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		return (int64_t)(t->cpu_ns + (arch_sched_clock() - t->ran_since));
	default:
		return -EINVAL;
	}
}

static int
put_timespec(uaddr_t u, int64_t ns)
{
	struct timespec_u ts = { ns / (int64_t)NSEC_PER_SEC,
				 ns % (int64_t)NSEC_PER_SEC };

	return copy_to_user(u, &ts, sizeof(ts));
}

/* get_timespec - a valid user timespec as nanoseconds, or -errno. */
static int
get_timespec(uaddr_t u, int64_t *ns)
{
	struct timespec_u ts;

	if (copy_from_user(&ts, u, sizeof(ts)) < 0)
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (int64_t)NSEC_PER_SEC)
		return -EINVAL;
	*ns = ts.tv_sec > INT64_MAX / (int64_t)NSEC_PER_SEC - 1 ? INT64_MAX :
	      ts.tv_sec * (int64_t)NSEC_PER_SEC + ts.tv_nsec;
	return 0;
}

long
sys_clock_gettime(long id, long uts, long a2, long a3, long a4, long a5)
{
	int64_t ns = clock_now(id);

	(void)a2, (void)a3, (void)a4, (void)a5;
	if (ns < 0)
		return ns;
	return put_timespec(uts, ns);
}

long
sys_clock_getres(long id, long uts, long a2, long a3, long a4, long a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	if (clock_now(id) < 0)
		return -EINVAL;
	return uts ? put_timespec(uts, 1) : 0;	/* ns resolution */
}

long
sys_gettimeofday(long utv, long utz, long a2, long a3, long a4, long a5)
{
	uint64_t ns = time_realtime_ns();
	int64_t tv[2] = { (int64_t)(ns / NSEC_PER_SEC),
			  (int64_t)(ns % NSEC_PER_SEC / 1000) };
	int32_t tz[2] = { 0, 0 };		/* UTC, no DST */

	(void)a2, (void)a3, (void)a4, (void)a5;
	if (utv && copy_to_user(utv, tv, sizeof(tv)) < 0)
		return -EFAULT;
	if (utz && copy_to_user(utz, tz, sizeof(tz)) < 0)
		return -EFAULT;
	return 0;
}

/*
 * sleep_until - sleep on the monotonic clock until @deadline; a signal
 * ends it with -EINTR and, if @urem, the time left written there.
 */
static long
sleep_until(uint64_t deadline, uaddr_t urem)
{
	uint64_t now;

	if (thread_sleep_until_intr(deadline) == 0)
		return 0;
	now = time_ns();
	if (urem && put_timespec(urem, deadline > now ? (int64_t)(deadline - now)
						       : 0) < 0)
		return -EFAULT;
	return -EINTR;
}

long
sys_nanosleep(long ureq, long urem, long a2, long a3, long a4, long a5)
{
	int64_t ns;
	int err;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if ((err = get_timespec(ureq, &ns)) < 0)
		return err;
	return sleep_until(time_ns() + (uint64_t)ns, (uaddr_t)urem);
}

long
sys_clock_nanosleep(long id, long flags, long ureq, long urem, long a4, long a5)
{
	int64_t ns, now = clock_now(id);
	int err;

	(void)a4, (void)a5;
	if (now < 0 || id == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	if ((err = get_timespec(ureq, &ns)) < 0)
		return err;
	if (flags & TIMER_ABSTIME) {
		ns = ns > now ? ns - now : 0;
		urem = 0;		/* Linux writes no remainder then */
	}
	return sleep_until(time_ns() + (uint64_t)ns, (uaddr_t)urem);
}

long
sys_sched_yield(long a0, long a1, long a2, long a3, long a4, long a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	thread_yield();
	return 0;
}
