/*
 * tests/kernel/sched_test.c: threads, the scheduler and synchronisation.
 *
 * Timing tolerances (TCG shares the host): sleeping threads must run within
 * two ticks of the tick that woke them, and four CPU-bound threads must
 * each get between half and 1.5 times a quarter of the CPU over one second.
 */
#include "arch/arch.h"
#include "kernel/format.h"
#include "kernel/ktest.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/sync.h"
#include "kernel/time.h"
#include "kernel/wait.h"
#include "mm/kmalloc.h"

/*
 * reap_until - wait until only @threads threads exist (the others have
 * exited and been reaped), so the runner's leak check sees their stacks
 * back.
 */
static void
reap_until(unsigned int threads)
{
	while (thread_count() > threads) {
		thread_yield();
		thread_reap();
	}
}

/* ---- eight threads, one mutex, a million increments -------------------- */

#define COUNTERS	8
#define INCREMENTS	125000

static struct mutex count_lock;
static struct semaphore done;
static volatile uint64_t counter;

static void
increment(void *arg)
{
	(void)arg;
	for (int i = 0; i < INCREMENTS; i++) {
		mutex_lock(&count_lock);
		uint64_t c = counter;	/* a wide window for a lost update */
		for (volatile int d = 0; d < 10; d++)
			;
		counter = c + 1;
		mutex_unlock(&count_lock);
	}
	sem_up(&done);
}

KTEST(mutex_eight_threads_million_increments)
{
	unsigned int base = thread_count();

	mutex_init(&count_lock, "count");
	sem_init(&done, 0);
	counter = 0;
	for (int i = 0; i < COUNTERS; i++)
		KEXPECT(thread_create("incr", increment, NULL) != NULL);
	for (int i = 0; i < COUNTERS; i++)
		sem_down(&done);
	KEXPECT_EQ(counter, COUNTERS * INCREMENTS);
	reap_until(base);
}

/* ---- producer and consumer through a bounded queue --------------------- */

#define ITEMS		1000000
#define QUEUE_LEN	64

static struct {
	struct spinlock lock;
	uint32_t items[QUEUE_LEN];
	unsigned int head, count;		/* [lock] */
	struct wait_queue not_full, not_empty;
	uint64_t bad, sum;
} q;

static unsigned int
queue_count(void)
{
	unsigned int n;

	spin_lock(&q.lock);
	n = q.count;
	spin_unlock(&q.lock);
	return n;
}

static void
produce(void *arg)
{
	(void)arg;
	for (uint32_t i = 0; i < ITEMS; i++) {
		wait_event(&q.not_full, queue_count() < QUEUE_LEN);
		spin_lock(&q.lock);
		q.items[(q.head + q.count) % QUEUE_LEN] = i;
		q.count++;
		spin_unlock(&q.lock);
		wake_one(&q.not_empty);
	}
	sem_up(&done);
}

static void
consume(void *arg)
{
	(void)arg;
	for (uint32_t expect = 0; expect < ITEMS; expect++) {
		uint32_t item;
		wait_event(&q.not_empty, queue_count() > 0);
		spin_lock(&q.lock);
		item = q.items[q.head];
		q.head = (q.head + 1) % QUEUE_LEN;
		q.count--;
		spin_unlock(&q.lock);
		wake_one(&q.not_full);
		q.bad += item != expect;	/* lost, duplicated, reordered */
		q.sum += item;
	}
	sem_up(&done);
}

KTEST(wait_queue_producer_consumer_million_items)
{
	unsigned int base = thread_count();

	spin_init(&q.lock, "queue");
	wq_init(&q.not_full, "not full");
	wq_init(&q.not_empty, "not empty");
	q.head = q.count = 0;
	q.bad = q.sum = 0;
	sem_init(&done, 0);
	KEXPECT(thread_create("consumer", consume, NULL) != NULL);
	KEXPECT(thread_create("producer", produce, NULL) != NULL);
	sem_down(&done);
	sem_down(&done);
	KEXPECT_EQ(q.bad, 0);
	KEXPECT_EQ(q.sum, (uint64_t)ITEMS * (ITEMS - 1) / 2);
	KEXPECT_EQ(q.count, 0);
	reap_until(base);
}

/* ---- sleeping ------------------------------------------------------------ */

struct sleeper {
	uint64_t ns;			/* how long to sleep */
	uint64_t deadline, woke_ns, late_ticks;
};

static void
sleep_and_measure(void *arg)
{
	struct sleeper *s = arg;

	s->deadline = time_ns() + s->ns;
	thread_sleep_until(s->deadline);
	s->woke_ns = time_ns();
	s->late_ticks = time_ticks() - current_thread()->woken_tick;
	sem_up(&done);
}

KTEST(sleepers_wake_within_two_ticks)
{
	struct sleeper s[6] = { { .ns = 5000000 }, { .ns = 1000000 },
				{ .ns = 20000000 }, { .ns = 3000000 },
				{ .ns = 50000000 }, { .ns = 7000000 } };
	unsigned int base = thread_count();

	sem_init(&done, 0);
	for (int i = 0; i < 6; i++)
		KEXPECT(thread_create("sleeper", sleep_and_measure, &s[i]));
	for (int i = 0; i < 6; i++)
		sem_down(&done);
	for (int i = 0; i < 6; i++) {
		KEXPECT(s[i].woke_ns >= s[i].deadline);
		KEXPECT(s[i].late_ticks <= 2);
	}
	reap_until(base);
}

/* ---- fairness -------------------------------------------------------------- */

static volatile bool stop_spinning;

struct spinner {
	uint64_t cpu_ns, nivcsw;
};

static void
spin_until_stopped(void *arg)
{
	struct spinner *s = arg;
	struct thread *self = current_thread();

	while (!stop_spinning)
		;
	s->cpu_ns = self->cpu_ns + (arch_sched_clock() - self->ran_since);
	s->nivcsw = self->nivcsw;
	sem_up(&done);
}

KTEST(four_cpu_bound_threads_share_fairly)
{
	struct spinner s[4] = { { .cpu_ns = 0 } };
	uint64_t total = 0;
	unsigned int base = thread_count();

	stop_spinning = false;
	sem_init(&done, 0);
	for (int i = 0; i < 4; i++)
		KEXPECT(thread_create("spinner", spin_until_stopped, &s[i]));
	thread_sleep_ns(NSEC_PER_SEC);
	stop_spinning = true;
	for (int i = 0; i < 4; i++)
		sem_down(&done);
	for (int i = 0; i < 4; i++)
		total += s[i].cpu_ns;
	for (int i = 0; i < 4; i++) {
		/* within half and 1.5 times a fair quarter: CPU time is
		 * read from the clock, and under TCG on a loaded host a
		 * stalled vCPU bills its stall to whoever runs (one case
		 * saw 131%); starving or hogging still shows as 0% / 400% */
		KEXPECT(s[i].cpu_ns * 4 * 2 >= total * 1);
		KEXPECT(s[i].cpu_ns * 4 * 2 <= total * 3);
		KEXPECT(s[i].nivcsw > 0);		/* really preempted */
	}
	KEXPECT(total >= NSEC_PER_SEC / 2);
	reap_until(base);
}

/* ---- creation and reaping do not leak ----------------------------------- */

static void
do_nothing(void *arg)
{
	(void)arg;
	sem_up(&done);
}

KTEST(thousand_threads_leave_no_trace)
{
	struct kmalloc_stats before, after;
	unsigned int threads = thread_count();

	kmalloc_get_stats(&before);
	sem_init(&done, 0);
	for (int i = 0; i < 1000; i++) {
		if (!thread_create("short", do_nothing, NULL)) {
			ktest_fail(__FILE__, __LINE__, "create %d failed", i);
			break;
		}
		if (i % 50 == 49) {		/* keep a bounded number alive */
			for (int j = 0; j < 50; j++)
				sem_down(&done);
			thread_yield();
			thread_reap();
		}
	}
	reap_until(threads);
	kmalloc_trim();
	kmalloc_get_stats(&after);
	KEXPECT_EQ(after.bytes_in_use, before.bytes_in_use);
	KEXPECT_EQ(thread_count(), threads);
}

/* ---- checks that must panic (manual) ----------------------------------- */

KTEST_F(mutex_recursive_panics, KTEST_MANUAL)
{
	static struct mutex m;

	mutex_init(&m, "twice");
	mutex_lock(&m);
	mutex_lock(&m);
	ktest_fail(__FILE__, __LINE__, "recursive mutex_lock returned");
}

KTEST_F(sleep_in_spinlock_panics, KTEST_MANUAL)
{
	static struct spinlock l = SPINLOCK_INIT("held");

	spin_lock(&l);
	thread_sleep_ns(1000000);
	ktest_fail(__FILE__, __LINE__, "slept holding a spinlock");
}

/* ---- benchmark: the cost of a switch between two kernel threads -------- */

#define PINGS	20000
static volatile bool bench_stop;

static void
yield_forever(void *arg)
{
	(void)arg;
	while (!bench_stop)
		thread_yield();
	sem_up(&done);
}

KTEST_F(bench_kthread_switch, KTEST_MANUAL)
{
	uint64_t t0, c0, ns, cycles;
	unsigned int base = thread_count();

	bench_stop = false;
	sem_init(&done, 0);
	KEXPECT(thread_create("pong", yield_forever, NULL) != NULL);
	thread_yield();
	c0 = arch_cycles();
	t0 = time_ns();
	for (int i = 0; i < PINGS; i++)
		thread_yield();		/* each: a switch there and one back */
	ns = time_ns() - t0;
	cycles = arch_cycles() - c0;
	bench_stop = true;
	sem_down(&done);
	reap_until(base);
	pr_info("BENCH name=kthread_switch ns_per_op=%lu cycles_per_op=%lu\n",
		(unsigned long)(ns / (2 * PINGS)),
		(unsigned long)(cycles / (2 * PINGS)));
}
