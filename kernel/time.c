/*
 * kernel/time.c: monotonic and wall clocks, the tick, timers (time.h).
 */
#include "arch/arch.h"
#include "kernel/calendar.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/time.h"

static struct timer *pending;		/* [i] sorted by deadline */
static uint64_t boot_epoch_ns;		/* wall clock at time_ns() == 0 */
static volatile uint64_t tick_count;

uint64_t
time_ns(void)
{
	return arch_clock_ns();
}

uint64_t
time_ticks(void)
{
	return tick_count;
}

uint64_t
time_realtime_ns(void)
{
	return boot_epoch_ns + time_ns();
}

/* run_expired - pop and run every timer whose deadline has passed. */
static void
run_expired(void)
{
	uint64_t now = time_ns();

	while (pending && pending->deadline <= now) {
		struct timer *t = pending;
		pending = t->next;
		t->pending = false;
		t->fn(t, t->arg);
	}
}

/* time_tick - the tick handler.  Context: interrupt, interrupts off. */
static void
time_tick(void)
{
	tick_count++;
	run_expired();
	sched_tick();
}

/* timer_add - see time.h.  Context: any; never sleeps. */
void
timer_add(struct timer *t, uint64_t deadline_ns,
	  void (*fn)(struct timer *t, void *arg), void *arg)
{
	unsigned long flags = arch_irq_save();
	struct timer **link = &pending;

	t->deadline = deadline_ns;
	t->fn = fn;
	t->arg = arg;
	while (*link && (*link)->deadline <= deadline_ns)
		link = &(*link)->next;
	t->next = *link;
	*link = t;
	t->pending = true;
	arch_irq_restore(flags);
}

/* timer_cancel - see time.h.  Context: any; never sleeps. */
bool
timer_cancel(struct timer *t)
{
	unsigned long flags = arch_irq_save();
	bool was = t->pending;

	for (struct timer **link = &pending; was && *link; link = &(*link)->next)
		if (*link == t) {
			*link = t->next;
			t->pending = false;
			break;
		}
	arch_irq_restore(flags);
	return was;
}

void
time_delay_ns(uint64_t ns)
{
	uint64_t end = time_ns() + ns;

	while (time_ns() < end)
		arch_cpu_relax();
}

/* read_wall_clock - the RTC as Unix time, logged; 0 if unreadable. */
static void
read_wall_clock(void)
{
	struct rtc_time r;
	struct civil_time c;
	int64_t secs;

	if (arch_rtc_read(&r) < 0) {
		pr_warn("time: the real-time clock does not answer\n");
		return;
	}
	c = (struct civil_time){ r.year, r.month, r.day,
				 r.hour, r.minute, r.second };
	if ((secs = civil_to_unix(&c)) < 0) {
		pr_warn("time: the real-time clock holds an impossible date "
			"%04d-%02d-%02d %02d:%02d:%02d\n", r.year, r.month,
			r.day, r.hour, r.minute, r.second);
		return;
	}
	boot_epoch_ns = (uint64_t)secs * NSEC_PER_SEC - time_ns();
	pr_info("time: wall clock %04d-%02d-%02d %02d:%02d:%02d UTC\n",
		c.year, c.month, c.day, c.hour, c.minute, c.second);
}

/* time_init - see time.h.  Context: boot, interrupts off. */
void
time_init(void)
{
	uint64_t hz;

	arch_time_init(time_tick);
	log_set_clock(time_ns);
	hz = arch_tsc_hz();
	pr_info("time: tick %u Hz from the %s; clock: %s; TSC %lu.%03lu MHz\n",
		HZ, arch_timer_source(), arch_clock_source(),
		(unsigned long)(hz / 1000000), (unsigned long)(hz / 1000 % 1000));
	read_wall_clock();
}
