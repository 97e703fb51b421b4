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

/* queued - whether @t is on @wq.  Context: wq->lock held. */
static bool
queued(struct wait_queue *wq, struct thread *t)
{
	for (struct thread *w = wq->head; w; w = w->wq_next)
		if (w == t)
			return true;
	return false;
}

/* wait_prepare - see wait.h.  Context: thread. */
void
wait_prepare(struct wait_queue *wq)
{
	struct cpu *cpu;
	struct thread *self;

	sched_assert_may_sleep("wait_prepare");
	spin_lock(&wq->lock);
	cpu = this_cpu();
	self = cpu->current;
	if (!queued(wq, self)) {
		self->wq_next = NULL;
		if (wq->tail)
			wq->tail->wq_next = self;
		else
			wq->head = self;
		wq->tail = self;
	}
	spin_lock(&cpu->rq_lock);
	self->state = THREAD_SLEEPING;
	self->waiting_on = wq;
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

/* unlink - remove @t from @wq if there.  Context: wq->lock held. */
static void
unlink(struct wait_queue *wq, struct thread *t)
{
	struct thread *prev = NULL;

	for (struct thread *w = wq->head; w; prev = w, w = w->wq_next) {
		if (w != t)
			continue;
		if (prev)
			prev->wq_next = w->wq_next;
		else
			wq->head = w->wq_next;
		if (wq->tail == w)
			wq->tail = prev;
		return;
	}
}

/* wait_finish - see wait.h.  Context: thread. */
void
wait_finish(struct wait_queue *wq)
{
	struct cpu *cpu;
	struct thread *self;

	spin_lock(&wq->lock);
	cpu = this_cpu();
	self = cpu->current;
	unlink(wq, self);
	spin_lock(&cpu->rq_lock);
	self->state = THREAD_RUNNABLE;
	self->waiting_on = NULL;
	spin_unlock(&cpu->rq_lock);
	spin_unlock(&wq->lock);
}

/* wake - pop up to @max waiters and make them runnable. */
static int
wake(struct wait_queue *wq, int max)
{
	int n = 0;

	spin_lock(&wq->lock);
	while (wq->head && n < max) {
		struct thread *t = wq->head;
		wq->head = t->wq_next;
		if (!wq->head)
			wq->tail = NULL;
		t->wq_next = NULL;
		thread_wake(t);
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
