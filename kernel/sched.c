/*
 * kernel/sched.c: the per-CPU run queue and round-robin scheduling
 * (kernel/sched.h).
 *
 * The run queue lock is held across arch_switch(): the thread that takes
 * it is not the one that releases it.  So that each thread gets its own
 * interrupt state back, schedule_locked() keeps the saved flags on its own
 * stack and puts them back into the lock when it resumes; a new thread
 * starts in thread_start() (thread.c), which releases the lock itself.
 */
#include "arch/arch.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "mm/vmm.h"

#define LOAD_FIXED_1	2048		/* 1.0 in the load average's fixed point */
#define LOAD_INTERVAL	(5 * HZ)	/* update every 5 s, as Linux */
static const uint64_t load_exp[3] = { 1884, 2014, 2037 };  /* 1, 5, 15 min */

static struct cpu cpus[1];
static struct thread boot_thread = {
	.tid = 0, .name = "kmain", .state = THREAD_RUNNABLE,
	.slice_left = SCHED_SLICE_TICKS,
};
static uint64_t load_avg[3];		/* [r] */
static unsigned int load_countdown = LOAD_INTERVAL;

struct thread *sched_boot_thread(void);

_Static_assert(offsetof(struct cpu, kstack_top) == 8,
	       "syscall.asm reads the kernel stack at %gs:8");
_Static_assert(offsetof(struct cpu, user_rsp) == 16,
	       "syscall.asm keeps the user rsp at %gs:16");

struct cpu *
this_cpu(void)
{
	return arch_cpu_local();
}

struct thread *
sched_boot_thread(void)
{
	return &boot_thread;
}

/* sched_early_init - see sched.h.  Context: boot, interrupts off. */
void
sched_early_init(void)
{
	struct cpu *cpu = &cpus[0];

	cpu->self = cpu;
	cpu->id = 0;
	spin_init(&cpu->rq_lock, "run queue");
	cpu->current = &boot_thread;
	arch_cpu_local_init(cpu);
}

/* rq_push / rq_pop - the FIFO.  Context: rq_lock held. */
void
rq_push(struct cpu *cpu, struct thread *t)
{
	t->rq_next = NULL;
	if (cpu->rq_tail)
		cpu->rq_tail->rq_next = t;
	else
		cpu->rq_head = t;
	cpu->rq_tail = t;
	t->on_rq = true;
	cpu->rq_len++;
}

static struct thread *
rq_pop(struct cpu *cpu)
{
	struct thread *t = cpu->rq_head;

	if (!t)
		return NULL;
	cpu->rq_head = t->rq_next;
	if (!cpu->rq_head)
		cpu->rq_tail = NULL;
	t->on_rq = false;
	cpu->rq_len--;
	return t;
}

/* account_switch - CPU time and switch counts, at the moment of a switch. */
static void
account_switch(struct cpu *cpu, struct thread *prev, struct thread *next,
	       bool voluntary)
{
	uint64_t now = arch_sched_clock();

	if (prev == cpu->idle)
		cpu->idle_ns += now - prev->ran_since;
	prev->cpu_ns += now - prev->ran_since;
	next->ran_since = now;
	if (voluntary)
		prev->nvcsw++;
	else
		prev->nivcsw++;
	cpu->switches++;
}

/*
 * pick_next - the thread to run after @prev.  A preempted thread goes back
 * in the queue whatever its state: it may be between announcing that it
 * will sleep and sleeping, and only it can finish that.
 */
static struct thread *
pick_next(struct cpu *cpu, struct thread *prev, bool voluntary)
{
	struct thread *next;

	if (prev != cpu->idle && !prev->on_rq && prev->state != THREAD_DEAD &&
	    (prev->state == THREAD_RUNNABLE || !voluntary))
		rq_push(cpu, prev);
	next = rq_pop(cpu);
	return next ? next : cpu->idle;
}

/* schedule_locked - see sched.h.  Context: thread, rq_lock held. */
void
schedule_locked(struct cpu *cpu, bool voluntary)
{
	struct thread *prev = cpu->current, *next;
	unsigned long my_flags;

	KASSERT(spin_held(&cpu->rq_lock));
	if (cpu->spinlocks_held != 1)
		panic("schedule: called with %u spinlocks held",
		      cpu->spinlocks_held);
	next = pick_next(cpu, prev, voluntary);
	cpu->need_resched = false;
	next->slice_left = SCHED_SLICE_TICKS;
	if (next == prev)
		return;
	account_switch(cpu, prev, next, voluntary);
	if (prev->state == THREAD_DEAD)
		sched_note_dead(cpu, prev);
	cpu->current = next;
	if (next->as != prev->as)
		as_switch(next->as ? next->as : &kernel_as);
	arch_set_kernel_stack(next->stack_top);
	cpu->kstack_top = next->stack_top;
	arch_thread_switch(&prev->arch, &next->arch);
	my_flags = cpu->rq_lock.saved_flags;
	arch_switch(&prev->saved_sp, next->saved_sp);
	cpu = this_cpu();		/* the same CPU today; not with SMP */
	cpu->rq_lock.saved_flags = my_flags;
}

/* sched_tick - see sched.h.  Context: interrupt, interrupts off. */
void
sched_tick(void)
{
	struct cpu *cpu = this_cpu();
	struct thread *t = cpu->current;

	if (t == cpu->idle) {
		if (cpu->rq_len)
			cpu->need_resched = true;
	} else if (t->slice_left > 0 && --t->slice_left == 0) {
		cpu->need_resched = cpu->rq_len > 0;
		if (!cpu->need_resched)
			t->slice_left = SCHED_SLICE_TICKS;
	}
	if (--load_countdown == 0) {
		uint64_t n = cpu->rq_len + (t != cpu->idle);
		load_countdown = LOAD_INTERVAL;
		for (int i = 0; i < 3; i++)
			load_avg[i] = (load_avg[i] * load_exp[i] +
				       n * LOAD_FIXED_1 * (LOAD_FIXED_1 - load_exp[i])) /
				      LOAD_FIXED_1;
	}
}

/* sched_preempt_point - see sched.h.  Context: interrupt return path. */
void
sched_preempt_point(void)
{
	struct cpu *cpu = this_cpu();

	if (!cpu->need_resched || cpu->preempt_count != 0 || !cpu->idle)
		return;
	spin_lock(&cpu->rq_lock);
	schedule_locked(cpu, false);
	spin_unlock(&cpu->rq_lock);
}

/* thread_yield - see sched.h.  Context: thread. */
void
thread_yield(void)
{
	struct cpu *cpu = this_cpu();

	spin_lock(&cpu->rq_lock);
	schedule_locked(cpu, true);
	spin_unlock(&cpu->rq_lock);
}

/* thread_wake - see sched.h.  Context: any. */
bool
thread_wake(struct thread *t)
{
	struct cpu *cpu = this_cpu();
	bool woke = false;

	spin_lock(&cpu->rq_lock);
	if (t->state == THREAD_SLEEPING) {
		t->state = THREAD_RUNNABLE;
		t->woken_tick = time_ticks();
		if (!t->on_rq && t != cpu->current)
			rq_push(cpu, t);
		if (cpu->current == cpu->idle)
			cpu->need_resched = true;
		woke = true;
	}
	spin_unlock(&cpu->rq_lock);
	return woke;
}

/* sched_assert_may_sleep - see sched.h. */
void
sched_assert_may_sleep(const char *who)
{
	struct cpu *cpu = this_cpu();

	if (cpu->spinlocks_held)
		panic("%s: sleeping while holding %u spinlock(s)", who,
		      cpu->spinlocks_held);
	if (cpu->current == cpu->idle)
		panic("%s: the idle thread may not sleep", who);
}

/* idle_loop - run when nothing else can; halts until the next interrupt. */
static void
idle_loop(void *arg)
{
	struct cpu *cpu = this_cpu();

	(void)arg;
	for (;;) {
		if (sched_has_dead())
			thread_reap();
		arch_irq_disable();
		if (cpu->rq_len) {
			arch_irq_enable();
			thread_yield();
			continue;
		}
		arch_wait_for_interrupt();	/* sti; hlt: no lost wake-up */
	}
}

/* sched_init - see sched.h.  Context: boot. */
void
sched_init(void)
{
	struct cpu *cpu = this_cpu();
	struct thread *idle = thread_alloc("idle", idle_loop, NULL);

	if (!idle)
		panic("sched_init: cannot create the idle thread");
	spin_lock(&cpu->rq_lock);		/* it never sits in the queue */
	cpu->idle = idle;
	boot_thread.ran_since = arch_sched_clock();
	spin_unlock(&cpu->rq_lock);
}

/* sched_get_stats - see sched.h.  Context: any. */
void
sched_get_stats(struct sched_stats *st)
{
	struct cpu *cpu = this_cpu();

	spin_lock(&cpu->rq_lock);
	st->threads = thread_count();
	st->runnable = cpu->rq_len + (cpu->current != cpu->idle);
	st->switches = cpu->switches;
	for (int i = 0; i < 3; i++)
		st->load_avg[i] = load_avg[i];
	spin_unlock(&cpu->rq_lock);
}
