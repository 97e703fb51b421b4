/*
 * kernel/wait.h: wait queues (kernel/wait.c).
 *
 * A thread waits for a condition with wait_event(wq, cond): it puts an
 * entry for itself on the queue and announces that it will sleep, then
 * tests the condition, and only then sleeps.  A waker changes the
 * condition first and then calls wake_one/wake_all, which makes queued
 * threads runnable.  Whatever the interleaving, the waiter either sees the
 * condition true or is made runnable before it sleeps: no lost wake-ups.
 * A thread may sit on several queues at once, one entry each (poll).
 *
 * The condition must not sleep (no mutex inside it): the thread has
 * already announced it is going to sleep when it is evaluated.
 *
 * Locks: [w] wq->lock (the list of entries); it precedes the run-queue
 * lock and nests inside no other lock.
 */
#pragma once
#include "kernel/spinlock.h"
#include "kernel/types.h"

struct thread;

struct wait_entry {
	struct thread	  *thread;	/* [I] who waits */
	struct wait_entry *next;	/* [w] */
	bool		   queued;	/* [w] on the list */
};

struct wait_queue {
	struct spinlock	   lock;
	struct wait_entry *head, *tail;	/* [w] */
};

#define WAIT_QUEUE_INIT(n) { .lock = SPINLOCK_INIT(n), .head = NULL, \
			     .tail = NULL }

void	wq_init(struct wait_queue *wq, const char *name);

/* wait_entry_init - an entry for the calling thread. */
void	wait_entry_init(struct wait_entry *e);

/* wait_prepare - queue @e (if not queued) and mark the caller sleeping. */
void	wait_prepare(struct wait_queue *wq, struct wait_entry *e);

/* wait_block - sleep unless a wake-up came since wait_prepare. */
void	wait_block(void);

/* wait_finish - take @e off the queue (if still on it); be runnable. */
void	wait_finish(struct wait_queue *wq, struct wait_entry *e);

/* signal_pending_now - a handled or fatal signal waits (kernel/signal.c). */
bool	signal_pending_now(void);

/*
 * wait_event - sleep until @cond is true.  Context: thread, no spinlock
 * held.  wait_event_interruptible - the same, but a pending signal ends
 * the wait early: it evaluates to 0, or -ERESTARTSYS, which the signal
 * code turns into -EINTR or a restart of the call (SA_RESTART).
 */
#define wait_event(wq, cond)                                                 \
	do {                                                                 \
		struct wait_entry we_;                                       \
		wait_entry_init(&we_);                                       \
		for (;;) {                                                   \
			wait_prepare(wq, &we_);                              \
			if (cond)                                            \
				break;                                       \
			wait_block();                                        \
		}                                                            \
		wait_finish(wq, &we_);                                       \
	} while (0)

#define wait_event_interruptible(wq, cond)                                   \
	({                                                                   \
		struct wait_entry we_;                                       \
		int wr_ = 0;                                                 \
		wait_entry_init(&we_);                                       \
		for (;;) {                                                   \
			wait_prepare(wq, &we_);                              \
			if (cond)                                            \
				break;                                       \
			if (signal_pending_now()) {                          \
				wr_ = -512; /* -ERESTARTSYS */               \
				break;                                       \
			}                                                    \
			wait_block();                                        \
		}                                                            \
		wait_finish(wq, &we_);                                       \
		wr_;                                                         \
	})

/* wake_one / wake_all - wake the first / every waiter.  Context: any.
 * Return how many threads were woken. */
int	wake_one(struct wait_queue *wq);
int	wake_all(struct wait_queue *wq);

/* wq_empty - whether nobody waits (a hint: it may change at once). */
bool	wq_empty(struct wait_queue *wq);
