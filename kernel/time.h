/*
 * kernel/time.h: clocks and timer callbacks (kernel/time.c).
 *
 * time_ns() is monotonic nanoseconds since boot (the best source the arch
 * has: invariant TSC, HPET, or ticks).  The wall clock is the RTC read at
 * boot carried forward by the monotonic clock.  Timers run a callback in
 * interrupt context at the first tick at or after their deadline; the
 * scheduler's sleeps are built on them.
 */
#pragma once
#include "kernel/types.h"

#define NSEC_PER_SEC	1000000000ull
#define NSEC_PER_TICK	(NSEC_PER_SEC / HZ)

struct timer {
	uint64_t deadline;		/* [i] time_ns() value */
	void	(*fn)(struct timer *t, void *arg);
	void	*arg;
	struct timer *next;		/* [i] pending list, sorted */
	bool	 pending;		/* [i] */
};
/* Locks: [i] changed only with interrupts off. */

/* time_init - calibrate, start the tick, read the RTC.  Context: boot. */
void	time_init(void);

/* time_ns - monotonic nanoseconds since boot.  Context: any. */
uint64_t time_ns(void);

/* time_ticks - timer interrupts since time_init.  Context: any. */
uint64_t time_ticks(void);

/* time_realtime_ns - nanoseconds since the Unix epoch (UTC). */
uint64_t time_realtime_ns(void);

/*
 * timer_add - run @fn(@t, @arg) once time_ns() >= @deadline_ns (at the
 * next tick if it has passed already).  @t must not be pending.
 * Context: any; never sleeps.
 */
void	timer_add(struct timer *t, uint64_t deadline_ns,
		  void (*fn)(struct timer *t, void *arg), void *arg);

/* timer_cancel - remove @t if pending; returns whether it was. */
bool	timer_cancel(struct timer *t);

/* time_delay_ns - busy-wait (for drivers' short hardware delays). */
void	time_delay_ns(uint64_t ns);
