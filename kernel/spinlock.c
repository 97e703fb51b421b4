/*
 * kernel/spinlock.c: spinlocks (kernel/spinlock.h).
 */
#include "arch/arch.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/spinlock.h"

void
spin_init(struct spinlock *l, const char *name)
{
	*l = (struct spinlock)SPINLOCK_INIT(name);
}

/* spin_lock - see spinlock.h.  Context: any; never sleeps. */
void
spin_lock(struct spinlock *l)
{
	unsigned long flags = arch_irq_save();
	struct cpu *cpu = this_cpu();

	if (l->locked && l->owner_cpu == cpu->id)
		panic("spin_lock: recursive locking of \"%s\"", l->name);
	cpu->preempt_count++;
	cpu->spinlocks_held++;
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		arch_cpu_relax();
	l->owner = cpu->current;
	l->owner_cpu = cpu->id;
	l->saved_flags = flags;
}

/* spin_unlock - see spinlock.h.  Context: any; never sleeps. */
void
spin_unlock(struct spinlock *l)
{
	struct cpu *cpu = this_cpu();
	unsigned long flags = l->saved_flags;

	if (!l->locked || l->owner_cpu != cpu->id)
		panic("spin_unlock: \"%s\" is not held by this CPU", l->name);
	l->owner = NULL;
	l->owner_cpu = -1;
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
	cpu->spinlocks_held--;
	cpu->preempt_count--;
	arch_irq_restore(flags);
}

bool
spin_held(const struct spinlock *l)
{
	return l->locked && l->owner_cpu == this_cpu()->id;
}
