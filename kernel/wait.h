/*
 * kernel/wait.h: wait queues (kernel/wait.c).
 *
 * A thread waits for a condition with wait_event(wq, cond): it announces
 * itself (state SLEEPING, on the queue), then tests the condition, and only
 * then sleeps.  A waker changes the condition first and then calls
 * wake_one/wake_all, which makes queued threads runnable.  Whatever the
 * interleaving, the waiter either sees the condition true or is made
 * runnable before it sleeps: no lost wake-ups.
 *
 * Locks: [w] wq->lock (the list of waiters); it nests inside no other
 * lock except the run queue lock, which it precedes.
 */
#pragma once
#include "kernel/spinlock.h"
#include "kernel/types.h"

struct thread;

struct wait_queue {
	struct spinlock lock;
	struct thread	*head, *tail;	/* [w] */
};

#define WAIT_QUEUE_INIT(n) { .lock = SPINLOCK_INIT(n), .head = NULL, \
			     .tail = NULL }

void	wq_init(struct wait_queue *wq, const char *name);

/* wait_prepare - queue the caller and mark it sleeping (not yet asleep). */
void	wait_prepare(struct wait_queue *wq);

/* wait_block - sleep unless a wake-up came since wait_prepare. */
void	wait_block(void);

/* wait_finish - leave the queue (if still on it) and be runnable. */
void	wait_finish(struct wait_queue *wq);

/*
 * wait_event - sleep until @cond is true.  @cond is evaluated with no
 * lock held; it must be safe to evaluate repeatedly.  Context: thread,
 * no spinlock held.
 */
#define wait_event(wq, cond)                                                 \
	do {                                                                 \
		for (;;) {                                                   \
			wait_prepare(wq);                                    \
			if (cond)                                            \
				break;                                       \
			wait_block();                                        \
		}                                                            \
		wait_finish(wq);                                             \
	} while (0)

/* wake_one / wake_all - wake the first / every waiter.  Context: any.
 * Return how many threads were woken. */
int	wake_one(struct wait_queue *wq);
int	wake_all(struct wait_queue *wq);

/* wq_empty - whether nobody waits (a hint: it may change at once). */
bool	wq_empty(struct wait_queue *wq);
