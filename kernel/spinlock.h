/*
 * kernel/spinlock.h: spinlocks that also keep interrupts off.
 *
 * spin_lock() saves the interrupt flag and disables interrupts, raises the
 * CPU's preemption count, then spins; spin_unlock() undoes all three, so a
 * spinlock section is never interrupted or preempted on its own CPU.  The
 * saved flag lives in the lock (it is held by one CPU at a time).
 * Checks, always on: taking a lock this thread already holds panics
 * ("recursive locking"), and so does sleeping with a spinlock held (see
 * sched.h).  Lock order, where two are nested, is documented at the lock.
 */
#pragma once
#include "kernel/types.h"

struct thread;

struct spinlock {
	volatile uint32_t locked;
	const char	*name;
	struct thread	*owner;		/* NULL before the scheduler runs */
	int		 owner_cpu;	/* -1 when free */
	unsigned long	 saved_flags;	/* interrupt state before spin_lock */
};

#define SPINLOCK_INIT(n) { .locked = 0, .name = (n), .owner = NULL, \
			   .owner_cpu = -1, .saved_flags = 0 }

void	spin_init(struct spinlock *l, const char *name);

/* spin_lock / spin_unlock - see above.  Context: any; never sleeps. */
void	spin_lock(struct spinlock *l);
void	spin_unlock(struct spinlock *l);

/* spin_held - whether this CPU holds @l (for KASSERT). */
bool	spin_held(const struct spinlock *l);
