/*
 * kernel/thread.c: creating, ending, reaping and sleeping threads
 * (kernel/sched.h).
 *
 * A dying thread cannot free the stack it is running on.  It marks itself
 * dead and switches away; the scheduler then puts it on the dead list
 * (sched_note_dead), and a thread with a stack of its own (the idle thread,
 * or anyone calling thread_reap) frees it later.
 */
#include "arch/arch.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "kernel/errno.h"
#include "kernel/time.h"
#include "kernel/wait.h"
#include "mm/kmalloc.h"
#include "mm/vmalloc.h"

static struct spinlock threads_lock = SPINLOCK_INIT("threads");
static struct thread *all_threads;	/* [t] */
static unsigned int nthreads = 1;	/* [t] the boot thread counts */
static int next_tid = 1;		/* [t] */
static struct thread *dead;		/* [rq_lock] */

/* thread_alloc - see sched.h: a thread ready to run, not yet queued. */
struct thread *
thread_alloc(const char *name, void (*fn)(void *), void *arg)
{
	struct thread *t = kzalloc(sizeof(*t));

	if (!t)
		return NULL;
	if (!(t->stack = vmalloc(THREAD_STACK_SIZE))) {
		kfree(t);
		return NULL;
	}
	strlcpy(t->name, name, sizeof(t->name));
	t->stack_top = (uintptr_t)t->stack + THREAD_STACK_SIZE;
	t->entry = fn;
	t->arg = arg;
	t->state = THREAD_RUNNABLE;
	t->saved_sp = arch_thread_stack_init(t->stack_top,
					     (void (*)(void *))fn, arg);
	spin_lock(&threads_lock);
	t->tid = next_tid++;
	t->all_next = all_threads;
	all_threads = t;
	nthreads++;
	spin_unlock(&threads_lock);
	return t;
}

/* thread_start_new - see sched.h.  Context: thread or boot. */
void
thread_start_new(struct thread *t)
{
	struct cpu *cpu = this_cpu();

	spin_lock(&cpu->rq_lock);
	rq_push(cpu, t);
	spin_unlock(&cpu->rq_lock);
}

/* thread_create - see sched.h.  Context: thread or boot. */
struct thread *
thread_create(const char *name, void (*fn)(void *), void *arg)
{
	struct thread *t = thread_alloc(name, fn, arg);

	if (t)
		thread_start_new(t);
	return t;
}

/*
 * thread_start - the first C code of every thread (from x86_thread_start).
 * The thread that switched here holds the run queue lock: release it with
 * interrupts off, then turn them on.
 */
void
thread_start(void (*fn)(void *), void *arg)
{
	struct cpu *cpu = this_cpu();

	cpu->rq_lock.saved_flags = 0;		/* interrupts off */
	spin_unlock(&cpu->rq_lock);
	arch_irq_enable();
	fn(arg);
	thread_exit(0);
}

/* thread_exit - see sched.h.  Never returns. */
void
thread_exit(int code)
{
	struct cpu *cpu = this_cpu();
	struct thread *t = cpu->current;

	if (t == cpu->idle || t->stack == NULL)
		panic("thread_exit: \"%s\" may not exit", t->name);
	spin_lock(&cpu->rq_lock);
	t->exit_code = code;
	t->state = THREAD_DEAD;
	schedule_locked(cpu, true);
	panic("thread_exit: dead thread \"%s\" was scheduled", t->name);
}

/* sched_note_dead - see sched.h.  Context: schedule, rq_lock held. */
void
sched_note_dead(struct cpu *cpu, struct thread *t)
{
	(void)cpu;
	t->rq_next = dead;
	dead = t;
}

bool
sched_has_dead(void)
{
	return dead != NULL;
}

/* unlink_thread - take @t off the list of all threads. */
static void
unlink_thread(struct thread *t)
{
	spin_lock(&threads_lock);
	for (struct thread **p = &all_threads; *p; p = &(*p)->all_next)
		if (*p == t) {
			*p = t->all_next;
			break;
		}
	nthreads--;
	spin_unlock(&threads_lock);
}

/*
 * thread_reap - see sched.h.  The dead list is taken whole under the run
 * queue lock; the threads on it have switched away for good.
 */
void
thread_reap(void)
{
	struct cpu *cpu = this_cpu();
	struct thread *list, *next;

	spin_lock(&cpu->rq_lock);
	list = dead;
	dead = NULL;
	spin_unlock(&cpu->rq_lock);
	for (struct thread *t = list; t; t = next) {
		next = t->rq_next;
		unlink_thread(t);
		arch_thread_user_free(&t->arch);
		vfree(t->stack);
		kfree(t);
	}
}

/* thread_free_unstarted - see sched.h. */
void
thread_free_unstarted(struct thread *t)
{
	unlink_thread(t);
	arch_thread_user_free(&t->arch);
	vfree(t->stack);
	kfree(t);
}

unsigned int
thread_count(void)
{
	return nthreads;
}

static void
sleep_timer_fired(struct timer *tm, void *arg)
{
	(void)tm;
	thread_wake(arg);
}

/* thread_sleep_until - see sched.h.  Context: thread, no spinlock held. */
void
thread_sleep_until(uint64_t deadline)
{
	struct cpu *cpu = this_cpu();
	struct thread *self = cpu->current;
	struct timer tm;

	sched_assert_may_sleep("thread_sleep_until");
	while (time_ns() < deadline) {
		timer_add(&tm, deadline, sleep_timer_fired, self);
		spin_lock(&cpu->rq_lock);
		if (tm.pending) {
			self->state = THREAD_SLEEPING;
			schedule_locked(cpu, true);
		}
		spin_unlock(&cpu->rq_lock);
		timer_cancel(&tm);	/* woken early by someone else */
	}
}

/*
 * thread_sleep_until_intr - thread_sleep_until that a pending signal ends
 * early: returns 0 at the deadline, or -EINTR.  Context: thread.
 */
int
thread_sleep_until_intr(uint64_t deadline)
{
	struct cpu *cpu = this_cpu();
	struct thread *self = cpu->current;
	struct timer tm;
	int err = 0;

	sched_assert_may_sleep("thread_sleep_until_intr");
	while (time_ns() < deadline) {
		timer_add(&tm, deadline, sleep_timer_fired, self);
		spin_lock(&cpu->rq_lock);
		self->state = THREAD_SLEEPING;	/* a signal's wake undoes it */
		if (!tm.pending || signal_pending_now())
			self->state = THREAD_RUNNABLE;
		else
			schedule_locked(cpu, true);
		spin_unlock(&cpu->rq_lock);
		timer_cancel(&tm);
		if (signal_pending_now()) {
			err = -EINTR;
			break;
		}
	}
	return err;
}

void
thread_sleep_ns(uint64_t ns)
{
	thread_sleep_until(time_ns() + ns);
}
