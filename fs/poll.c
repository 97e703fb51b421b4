/*
 * fs/poll.c: the poll engine (fs/poll.h).
 *
 * The poll table holds one wait-queue entry per poll_wait() call of the
 * first scan, in chunks that never move (the queues link to the entries).
 * Every later scan starts by putting back on its queue each entry that a
 * wake-up took off (wait_prepare), so the caller listens on all of them
 * again before it asks the files.
 *
 * No lost wake-up: a waker first makes its file ready, then takes our
 * entry off its queue and wakes us.  The scan asked the file after the
 * entry was queued, so if the scan saw "not ready", the entry is taken
 * off afterwards.  Before sleeping the engine announces the sleep (the
 * thread's state goes to SLEEPING through an entry on a private queue)
 * and only then looks whether any entry is off its queue: an entry taken
 * off before that look is seen, and a wake-up after it finds the thread
 * announced and makes it runnable, so wait_block() returns at once.  The
 * scan itself may leave the thread runnable (a mutex, e.g. in fd_get):
 * that costs a spurious pass, never a lost wake-up.  The time-out and
 * signals are checked the same way, after the announcement.
 *
 * Locks: none of its own; a poll table belongs to one thread.
 */
#include "fs/poll.h"
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/wait.h"
#include "mm/kmalloc.h"

#define POLL_DEFAULT_MASK	(POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)
#define POLL_CHUNK_ENTRIES	31	/* a chunk fills a 1 KiB slab object */

struct poll_entry {
	struct wait_queue *wq;
	struct wait_entry  we;
};

struct poll_chunk {
	struct poll_chunk *next;
	unsigned int	   used;
	struct poll_entry  entry[POLL_CHUNK_ENTRIES];
};

struct poll_table {
	struct poll_chunk *head, *tail;
	int		   error;	/* -ENOMEM: an entry was lost */
};

/* table_add - a new, unused entry of @pt, or NULL when out of memory. */
static struct poll_entry *
table_add(struct poll_table *pt)
{
	struct poll_chunk *c = pt->tail;

	if (!c || c->used == POLL_CHUNK_ENTRIES) {
		if (!(c = kmalloc(sizeof(*c))))
			return NULL;
		c->next = NULL;
		c->used = 0;
		if (pt->tail)
			pt->tail->next = c;
		else
			pt->head = c;
		pt->tail = c;
	}
	return &c->entry[c->used++];
}

/* poll_wait - see poll.h.  Context: thread, no spinlock held. */
void
poll_wait(struct file *f, struct wait_queue *wq, struct poll_table *pt)
{
	struct poll_entry *e;

	(void)f;
	if (!pt || !wq)
		return;
	if (!(e = table_add(pt))) {
		pt->error = -ENOMEM;
		return;
	}
	e->wq = wq;
	wait_entry_init(&e->we);
	wait_prepare(wq, &e->we);
}

/* table_requeue - put every entry a wake-up took off back on its queue. */
static void
table_requeue(struct poll_table *pt)
{
	for (struct poll_chunk *c = pt->head; c; c = c->next)
		for (unsigned int i = 0; i < c->used; i++)
			wait_prepare(c->entry[i].wq, &c->entry[i].we);
}

/* table_woken - whether a wake-up took an entry off its queue. */
static bool
table_woken(struct poll_table *pt)
{
	for (struct poll_chunk *c = pt->head; c; c = c->next)
		for (unsigned int i = 0; i < c->used; i++)
			if (!__atomic_load_n(&c->entry[i].we.queued,
					     __ATOMIC_ACQUIRE))
				return true;
	return false;
}

/* table_release - take every entry off its queue and free the chunks. */
static void
table_release(struct poll_table *pt)
{
	struct poll_chunk *c, *next;

	for (c = pt->head; c; c = next) {
		for (unsigned int i = 0; i < c->used; i++)
			wait_finish(c->entry[i].wq, &c->entry[i].we);
		next = c->next;
		kfree(c);
	}
	pt->head = pt->tail = NULL;
}

/* vfs_poll - see poll.h.  O_PATH files never get here (the system calls
 * refuse them as bad descriptors). */
unsigned int
vfs_poll(struct file *f, struct poll_table *pt)
{
	if (!f->fops || !f->fops->poll)
		return POLL_DEFAULT_MASK;
	return f->fops->poll(f, pt);
}

/* poll_timeout - the timer of poll_run: wake the polling thread. */
static void
poll_timeout(struct timer *t, void *thread)
{
	(void)t;
	thread_wake(thread);
}

/*
 * poll_stop - after the sleep was announced: whether to stop (*@n then
 * holds the result: 0 on time-out, -EINTR) instead of sleeping.
 */
static bool
poll_stop(uint64_t deadline, int *n)
{
	if (deadline != POLL_FOREVER && time_ns() >= deadline) {
		*n = 0;
		return true;
	}
	if (signal_pending_now()) {
		*n = -EINTR;
		return true;
	}
	return false;
}

/* poll_run - see poll.h.  Context: thread, no lock held; sleeps. */
int
poll_run(poll_scan_fn scan, void *ctx, uint64_t deadline)
{
	struct poll_table pt = { .head = NULL, .tail = NULL, .error = 0 };
	struct wait_queue self_wq;
	struct wait_entry self;
	struct timer tm;
	bool armed = false, wait = deadline > time_ns();
	int n;

	wq_init(&self_wq, "poll");
	wait_entry_init(&self);
	for (bool first = true;; first = false) {
		if (!first)
			table_requeue(&pt);
		/* only the first scan registers, and only if it may wait */
		if ((n = scan(ctx, first && wait ? &pt : NULL)) != 0)
			break;
		wait_prepare(&self_wq, &self);	/* announce the sleep */
		if (poll_stop(deadline, &n))
			break;
		if ((n = pt.error) < 0)
			break;
		if (table_woken(&pt))
			continue;
		if (!armed && deadline != POLL_FOREVER) {
			timer_add(&tm, deadline, poll_timeout,
				  current_thread());
			armed = true;
		}
		wait_block();
	}
	if (armed)
		timer_cancel(&tm);
	wait_finish(&self_wq, &self);
	table_release(&pt);
	return n;
}

/* The files of one poll_files call. */
struct files_scan {
	struct poll_file *pf;
	size_t		  n;
};

/* scan_files - poll_files's scan: revents of every file; how many set. */
static int
scan_files(void *ctx, struct poll_table *pt)
{
	struct files_scan *s = ctx;
	int ready = 0;

	for (size_t i = 0; i < s->n; i++) {
		struct poll_file *p = &s->pf[i];
		if (p->f)
			p->revents = vfs_poll(p->f, pt) &
				     (p->events | POLLERR | POLLHUP);
		if (p->revents)
			ready++;
	}
	return ready;
}

/* poll_files - see poll.h.  Context: thread, no lock held; sleeps. */
int
poll_files(struct poll_file *pf, size_t n, uint64_t deadline)
{
	struct files_scan s = { .pf = pf, .n = n };

	return poll_run(scan_files, &s, deadline);
}
