/*
 * kernel/sync.c: mutexes, semaphores and condition variables
 * (kernel/sync.h).  Each is a small state word under a spinlock plus a
 * wait queue; wait_event() (wait.h) provides the no-lost-wake-up sleep.
 */
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/sync.h"

void
mutex_init(struct mutex *m, const char *name)
{
	spin_init(&m->lock, name);
	m->owner = NULL;
	wq_init(&m->waiters, name);
	m->name = name;
}

/* mutex_trylock - take @m if free.  Context: thread. */
bool
mutex_trylock(struct mutex *m)
{
	struct thread *self = current_thread();
	bool got;

	spin_lock(&m->lock);
	if (m->owner == self)
		panic("mutex_lock: recursive locking of \"%s\"", m->name);
	got = m->owner == NULL;
	if (got)
		m->owner = self;
	spin_unlock(&m->lock);
	return got;
}

/* mutex_lock - take @m, sleeping while another thread holds it. */
void
mutex_lock(struct mutex *m)
{
	sched_assert_may_sleep("mutex_lock");
	wait_event(&m->waiters, mutex_trylock(m));
}

/* mutex_unlock - release @m and wake one waiter.  Context: thread. */
void
mutex_unlock(struct mutex *m)
{
	spin_lock(&m->lock);
	if (m->owner != current_thread())
		panic("mutex_unlock: \"%s\" is not held by \"%s\"", m->name,
		      current_thread()->name);
	m->owner = NULL;
	spin_unlock(&m->lock);
	wake_one(&m->waiters);
}

bool
mutex_held(const struct mutex *m)
{
	return m->owner == current_thread();
}

void
sem_init(struct semaphore *s, long count)
{
	spin_init(&s->lock, "semaphore");
	s->count = count;
	wq_init(&s->waiters, "semaphore");
}

bool
sem_trydown(struct semaphore *s)
{
	bool got;

	spin_lock(&s->lock);
	got = s->count > 0;
	if (got)
		s->count--;
	spin_unlock(&s->lock);
	return got;
}

void
sem_down(struct semaphore *s)
{
	sched_assert_may_sleep("sem_down");
	wait_event(&s->waiters, sem_trydown(s));
}

void
sem_up(struct semaphore *s)
{
	spin_lock(&s->lock);
	s->count++;
	spin_unlock(&s->lock);
	wake_one(&s->waiters);
}

void
cond_init(struct condvar *cv)
{
	wq_init(&cv->waiters, "condvar");
	cv->seq = 0;
}

/* seq_now - the signal count, read under the queue lock. */
static uint64_t
seq_now(struct condvar *cv)
{
	uint64_t s;

	spin_lock(&cv->waiters.lock);
	s = cv->seq;
	spin_unlock(&cv->waiters.lock);
	return s;
}

/*
 * cond_wait - see sync.h.  The sequence number is read while @m is still
 * held, so a signal sent after the caller checked its condition (which
 * needs @m) is never missed.
 */
void
cond_wait(struct condvar *cv, struct mutex *m)
{
	uint64_t seq = seq_now(cv);

	mutex_unlock(m);
	wait_event(&cv->waiters, seq_now(cv) != seq);
	mutex_lock(m);
}

void
cond_signal(struct condvar *cv)
{
	spin_lock(&cv->waiters.lock);
	cv->seq++;
	spin_unlock(&cv->waiters.lock);
	wake_one(&cv->waiters);
}

void
cond_broadcast(struct condvar *cv)
{
	spin_lock(&cv->waiters.lock);
	cv->seq++;
	spin_unlock(&cv->waiters.lock);
	wake_all(&cv->waiters);
}

