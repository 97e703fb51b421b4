/*
 * kernel/sync.h: sleeping locks built on wait queues (kernel/sync.c).
 *
 * mutex: one owner at a time, released by its owner; taking it twice in
 * the same thread panics ("recursive locking"), as does unlocking a mutex
 * another thread holds.  semaphore: a counter; down() sleeps at zero.
 * condvar: wait(cv, m) releases @m and sleeps until signalled, then takes
 * @m again; callers re-check their condition in a loop (as with POSIX).
 * All may sleep: never call them from interrupts or with a spinlock held.
 *
 * Locks: [m] the primitive's own spinlock.
 */
#pragma once
#include "kernel/spinlock.h"
#include "kernel/wait.h"

struct thread;

struct mutex {
	struct spinlock	 lock;
	struct thread	*owner;		/* [m] NULL when free */
	struct wait_queue waiters;
	const char	*name;
};

struct semaphore {
	struct spinlock	 lock;
	long		 count;		/* [m] */
	struct wait_queue waiters;
};

struct condvar {
	struct wait_queue waiters;
	uint64_t	 seq;		/* [waiters.lock] signals so far */
};

void	mutex_init(struct mutex *m, const char *name);
void	mutex_lock(struct mutex *m);
bool	mutex_trylock(struct mutex *m);
void	mutex_unlock(struct mutex *m);
bool	mutex_held(const struct mutex *m);	/* by the calling thread */

void	sem_init(struct semaphore *s, long count);
void	sem_down(struct semaphore *s);
bool	sem_trydown(struct semaphore *s);
void	sem_up(struct semaphore *s);

void	cond_init(struct condvar *cv);
void	cond_wait(struct condvar *cv, struct mutex *m);
void	cond_signal(struct condvar *cv);
void	cond_broadcast(struct condvar *cv);
