/*
 * fs/poll.h: waiting for several files at once (fs/poll.c), the engine of
 * poll, ppoll, select and pselect6 (kernel/sys_pipe.c).
 *
 * A file's poll op (fs/vfs.h) answers its readiness now as POLL* bits and,
 * before it looks, calls poll_wait() for every wait queue whose wake-up
 * may change that answer.  The engine calls the ops once with a poll
 * table, which registers the caller on all those queues, and then, while
 * nothing is ready, sleeps until one of them (or the timeout, or a
 * signal) wakes it and asks again with no table.  A wake-up that comes at
 * any point after the registration is never lost.
 *
 * Poll ops are called with the caller already announced as sleeping, so
 * they must not sleep: no mutex, no user memory; spinlocks and racy reads
 * of counters are fine (the answer is re-checked after every wake-up).
 */
#pragma once
#include "kernel/types.h"

struct file;
struct poll_table;
struct wait_queue;

/* A deadline that never comes (poll with a negative timeout). */
#define POLL_FOREVER		UINT64_MAX

/*
 * poll_wait - register the caller on @wq for the poll in progress; a
 * no-op when @pt is NULL (a re-check, or a caller that only asks).  When
 * the table cannot grow, the poll ends with -ENOMEM unless something is
 * ready.  Context: thread, from a poll op; no spinlock held.
 */
void	poll_wait(struct file *f, struct wait_queue *wq, struct poll_table *pt);

/*
 * vfs_poll - the POLL* bits of @f now: its poll op's answer, or
 * POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM (always ready) when it has
 * none.  @pt as for poll_wait.
 * Context: thread; does not sleep (see above).
 */
unsigned int vfs_poll(struct file *f, struct poll_table *pt);

/*
 * A scan asks every file the caller waits for (with vfs_poll(f, @pt)) and
 * returns how many are ready, or a negative errno; 0 means "wait".  It is
 * called with the thread announced as sleeping: it must not sleep either.
 */
typedef int (*poll_scan_fn)(void *ctx, struct poll_table *pt);

/*
 * poll_run - call @scan until it returns non-zero, time_ns() reaches
 * @deadline (POLL_FOREVER: never; a past deadline: scan once), or a
 * signal is pending.  Returns @scan's last non-zero result, 0 on time-out,
 * -EINTR, or -ENOMEM (a poll table could not grow and nothing was ready).
 * Context: thread, no lock held; sleeps.
 */
int	poll_run(poll_scan_fn scan, void *ctx, uint64_t deadline);

/* One file of poll_files: revents is set to what it is ready for. */
struct poll_file {
	struct file	*f;		/* NULL: revents is left as preset */
	unsigned int	 events;	/* POLL* asked for */
	unsigned int	 revents;	/* those of events|POLLERR|POLLHUP */
};

/*
 * poll_files - poll(2) on @n files: wait until one of @pf has a non-zero
 * revents (a NULL file counts with the revents the caller preset, e.g.
 * POLLNVAL), or until @deadline.  Returns the number of entries with a
 * non-zero revents, 0 on time-out, -EINTR or -ENOMEM.
 * Context: thread, no lock held; sleeps.
 */
int	poll_files(struct poll_file *pf, size_t n, uint64_t deadline);
