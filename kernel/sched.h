/*
 * kernel/sched.h: threads, CPUs and the round-robin scheduler
 * (kernel/thread.c, kernel/sched.c).
 *
 * Every thread has a kernel stack from vmalloc (so an overflow hits a guard
 * page), a saved stack pointer while it is not running, and a state.  Each
 * CPU has a FIFO run queue; the running thread gets SCHED_SLICE_TICKS
 * ticks, then the tick sets need_resched and the thread is preempted on
 * the way out of the interrupt (if it is not in a spinlock section).
 * Only CPU 0 schedules for now; the per-CPU structure is reached through
 * the GS base so that SMP needs no change of interface.
 *
 * Locks: [r] cpu->rq_lock (run queue and every thread's state),
 * [I] immutable after creation, [c] only the thread itself or its CPU with
 * interrupts off, [t] threads_lock (the list of all threads).
 * Order: threads_lock before rq_lock.
 */
#pragma once
#include "arch/arch.h"
#include "kernel/spinlock.h"
#include "kernel/time.h"
#include "kernel/types.h"

#define THREAD_NAME_MAX		16
#define THREAD_STACK_SIZE	(16 * 1024)
#define SCHED_SLICE_TICKS	(10 * HZ / 1000)	/* 10 ms */

enum thread_state {
	THREAD_RUNNABLE,	/* on a run queue, or running */
	THREAD_SLEEPING,	/* on a wait queue or a timer */
	THREAD_DEAD,		/* exited; waiting to be reaped */
};

struct thread {
	int		 tid;			/* [I] */
	char		 name[THREAD_NAME_MAX];	/* [I] */
	enum thread_state state;		/* [r] */
	uintptr_t	 saved_sp;		/* [c] while switched out */
	void		*stack;			/* [I] vmalloc'd */
	uintptr_t	 stack_top;		/* [I] */
	void		*owner;			/* [I] the process, later */
	struct addrspace *as;			/* [c] NULL: kernel only */
	void	       (*entry)(void *);	/* [I] */
	void		*arg;			/* [I] */
	int		 exit_code;		/* [r] */
	unsigned int	 slice_left;		/* [c] ticks */

	/* accounting */
	uint64_t	 cpu_ns;		/* [c] time spent running */
	uint64_t	 ran_since;		/* [c] arch_sched_clock() at switch-in */
	uint64_t	 nvcsw, nivcsw;		/* [c] voluntary, involuntary */
	uint64_t	 woken_tick;		/* [r] time_ticks() at last wake */

	struct thread	*rq_next;		/* [r] run queue link */
	struct thread	*all_next;		/* [t] every thread */
	bool		 on_rq;			/* [r] */
	struct arch_thread arch;		/* [c] user-mode machine state */
};

struct cpu {
	struct cpu	*self;			/* [I] %gs:0 points here */
	/* Used by the syscall entry in assembly: offsets 8 and 16. */
	uintptr_t	 kstack_top;		/* [c] the running thread's */
	uintptr_t	 user_rsp;		/* [c] scratch during entry */
	int		 id;			/* [I] */
	struct thread	*current;		/* [c] */
	struct thread	*idle;			/* [I] */
	struct spinlock	 rq_lock;
	struct thread	*rq_head, *rq_tail;	/* [r] FIFO of runnable threads */
	unsigned int	 rq_len;		/* [r] */
	unsigned int	 preempt_count;		/* [c] > 0: no preemption */
	unsigned int	 spinlocks_held;	/* [c] sleeping with any panics */
	bool		 need_resched;		/* [c] */
	uint64_t	 switches;		/* [c] */
	uint64_t	 idle_ns;		/* [c] */
};

/* this_cpu - the running CPU's structure.  Context: any. */
struct cpu *this_cpu(void);

/* current_thread - the running thread.  Context: any. */
static inline struct thread *
current_thread(void)
{
	return this_cpu()->current;
}

/*
 * sched_early_init - CPU 0's structure, reachable through this_cpu(), with
 * the boot code as its current thread ("kmain", tid 0).  Spinlocks work
 * from here on.  Context: boot, right after arch_init.
 */
void	sched_early_init(void);

/*
 * sched_init - the idle thread; scheduling starts.  Context: boot, after
 * mm_init, before time_init (whose tick drives preemption).
 */
void	sched_init(void);

/*
 * thread_create - a new runnable thread running @fn(@arg), named @name.
 * Returns it, or NULL when out of memory.  It runs until @fn returns or it
 * calls thread_exit(); its stack and structure are freed after it dies.
 * Context: may be called from threads; not from interrupts.
 */
struct thread *thread_create(const char *name, void (*fn)(void *), void *arg);

/* thread_exit - end the calling thread.  Never returns. */
void	thread_exit(int code) __noreturn;

/* thread_yield - go to the back of the run queue (a voluntary switch). */
void	thread_yield(void);

/*
 * thread_sleep_until / thread_sleep_ns - sleep until time_ns() >= @deadline
 * (woken from the timer at the first tick after it).  Context: thread;
 * must not hold a spinlock.
 */
void	thread_sleep_until(uint64_t deadline);
int	thread_sleep_until_intr(uint64_t deadline);	/* 0 or -EINTR */
void	thread_sleep_ns(uint64_t ns);

/*
 * schedule - switch to the next runnable thread.  The caller has set its
 * own state (RUNNABLE to yield, SLEEPING to block, DEAD to exit) under
 * rq_lock, which it still holds: schedule() releases it across the switch.
 * Context: thread, rq_lock held, no other spinlock.
 */
void	schedule_locked(struct cpu *cpu, bool voluntary);

/* thread_wake - make @t runnable if it sleeps.  Returns whether it did.
 * Context: any, including interrupts. */
bool	thread_wake(struct thread *t);

/* sched_tick - the tick's part: slices and accounting.  Context: interrupt. */
void	sched_tick(void);

/* sched_preempt_point - switch if the tick asked for it.  Called by the
 * arch on the way out of an interrupt that interrupted a thread with
 * interrupts on.  Context: interrupt return path. */
void	sched_preempt_point(void);

/* sched_assert_may_sleep - panic when sleeping is not allowed here. */
void	sched_assert_may_sleep(const char *who);

struct sched_stats {
	unsigned int threads;		/* alive (not dead) */
	unsigned int runnable;		/* on the run queue, plus running */
	uint64_t switches;
	uint64_t load_avg[3];		/* 1, 5, 15 min, fixed point x 2048 */
};
void	sched_get_stats(struct sched_stats *st);

/* thread_count - threads that exist, dead-but-unreaped included. */
unsigned int thread_count(void);

/* thread_reap - free the threads that have died.  Context: thread. */
void	thread_reap(void);

/* thread_start_new - queue a thread made by thread_alloc (fork, PID 1). */
void	thread_start_new(struct thread *t);

/* thread_free_unstarted - free a thread_alloc'd thread never started. */
void	thread_free_unstarted(struct thread *t);

/* Between sched.c and thread.c only. */
struct thread *thread_alloc(const char *name, void (*fn)(void *), void *arg);
void	sched_note_dead(struct cpu *cpu, struct thread *t);	/* rq_lock held */
bool	sched_has_dead(void);
void	rq_push(struct cpu *cpu, struct thread *t);		/* rq_lock held */
void	thread_start(void (*fn)(void *), void *arg) __noreturn;
