/*
 * kernel/wait.c: wait queues (kernel/wait.h).
 */
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/wait.h"

void
wq_init(struct wait_queue *wq, const char *name)
{
	spin_init(&wq->lock, name);
	wq->head = wq->tail = NULL;
}

void
wait_entry_init(struct wait_entry *e)
{
	e->thread = current_thread();
	e->next = NULL;
	e->queued = false;
}

/* wait_prepare - see wait.h.  Context: thread. */
void
wait_prepare(struct wait_queue *wq, struct wait_entry *e)
{
	struct cpu *cpu;

	sched_assert_may_sleep("wait_prepare");
	spin_lock(&wq->lock);
	if (!e->queued) {
		e->next = NULL;
		if (wq->tail)
			wq->tail->next = e;
		else
			wq->head = e;
		wq->tail = e;
		e->queued = true;
	}
	cpu = this_cpu();
	spin_lock(&cpu->rq_lock);
	e->thread->state = THREAD_SLEEPING;
	spin_unlock(&cpu->rq_lock);
	spin_unlock(&wq->lock);
}

/* wait_block - see wait.h.  Context: thread, no spinlock held. */
void
wait_block(void)
{
	struct cpu *cpu = this_cpu();

	spin_lock(&cpu->rq_lock);
	if (cpu->current->state == THREAD_SLEEPING)
		schedule_locked(cpu, true);
	spin_unlock(&cpu->rq_lock);
}

/* unlink - remove @e from @wq.  Context: wq->lock held, @e queued. */
static void
unlink(struct wait_queue *wq, struct wait_entry *e)
{
	struct wait_entry *prev = NULL;

	for (struct wait_entry *w = wq->head; w; prev = w, w = w->next) {
		if (w != e)
			continue;
		if (prev)
			prev->next = w->next;
		else
			wq->head = w->next;
		if (wq->tail == w)
			wq->tail = prev;
		break;
	}
	e->queued = false;
}

/* wait_finish - see wait.h.  Context: thread. */
void
wait_finish(struct wait_queue *wq, struct wait_entry *e)
{
	struct cpu *cpu;

	spin_lock(&wq->lock);
	if (e->queued)
		unlink(wq, e);
	cpu = this_cpu();
	spin_lock(&cpu->rq_lock);
	e->thread->state = THREAD_RUNNABLE;
	spin_unlock(&cpu->rq_lock);
	spin_unlock(&wq->lock);
}

/* wake - pop up to @max entries and make their threads runnable. */
static int
wake(struct wait_queue *wq, int max)
{
	int n = 0;

	spin_lock(&wq->lock);
	while (wq->head && n < max) {
		struct wait_entry *e = wq->head;
		wq->head = e->next;
		if (!wq->head)
			wq->tail = NULL;
		e->queued = false;
		thread_wake(e->thread);
		n++;
	}
	spin_unlock(&wq->lock);
	return n;
}

int
wake_one(struct wait_queue *wq)
{
	return wake(wq, 1);
}

int
wake_all(struct wait_queue *wq)
{
	return wake(wq, 1 << 30);
}

bool
wq_empty(struct wait_queue *wq)
{
	return wq->head == NULL;
}
