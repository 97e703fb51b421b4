/*
 * tests/kernel/time_test.c: interrupts and time.
 *
 * Timing is asserted only where the issue asks for it, with a tolerance
 * wide enough for an emulator sharing its host (TCG): the tick rate within
 * 25% of HZ over 200 ms of TSC time, timers late by at most 50 ms.
 */
#include "arch/arch.h"
#include "arch/x86_64/io.h"
#include "kernel/calendar.h"
#include "kernel/irq.h"
#include "kernel/ktest.h"
#include "kernel/time.h"

/* rate_ok - one 200 ms window: ticks within 25% of HZ against the TSC. */
static bool
rate_ok(uint64_t hz)
{
	uint64_t t0, c0, ticks, cycles;

	arch_wait_for_interrupt();		/* start just after a tick */
	c0 = time_ticks();
	t0 = arch_cycles();
	while ((cycles = arch_cycles() - t0) < hz / 5)
		arch_wait_for_interrupt();
	ticks = time_ticks() - c0;
	/* expected ticks = cycles * HZ / hz */
	return ticks * hz * 4 >= cycles * HZ * 3 &&
	       ticks * hz * 4 <= cycles * HZ * 5;
}

/*
 * The tick rate is within 25% of HZ in at least one of five windows: an
 * emulator whose host is busy loses ticks now and then (QEMU does not
 * replay a periodic timer's missed periods), and a test must not fail
 * for the host's load; a wrong calibration fails every window.
 */
KTEST(timer_ticks_at_hz)
{
	uint64_t hz = arch_tsc_hz();
	bool ok = false;

	KEXPECT(hz > 0);
	for (int i = 0; i < 5 && !ok && hz; i++)
		ok = rate_ok(hz);
	KEXPECT(ok);
}

KTEST(monotonic_clock_never_goes_back)
{
	uint64_t prev = time_ns(), now, backwards = 0;

	for (int i = 0; i < 1000000; i++) {
		now = time_ns();
		backwards += now < prev;
		prev = now;
	}
	KEXPECT_EQ(backwards, 0);
	KEXPECT(prev > 0);
}

KTEST(wall_clock_is_plausible)
{
	struct rtc_time r;
	struct civil_time c;
	uint64_t now = time_realtime_ns() / NSEC_PER_SEC;

	KEXPECT_EQ(arch_rtc_read(&r), 0);
	c = (struct civil_time){ r.year, r.month, r.day,
				 r.hour, r.minute, r.second };
	KEXPECT(civil_valid(&c));
	KEXPECT(r.year >= 2024 && r.year < 2100);
	/* 2024-01-01 .. 2100-01-01 */
	KEXPECT(now >= 1704067200ull && now < 4102444800ull);
}

static void
mark_fired(struct timer *t, void *arg)
{
	*(uint64_t *)arg = time_ns();
	(void)t;
}

KTEST(timer_callback_fires_after_deadline)
{
	struct timer t, never;
	volatile uint64_t fired = 0;
	uint64_t deadline = time_ns() + 20000000;	/* 20 ms */

	timer_add(&t, deadline, mark_fired, (void *)&fired);
	timer_add(&never, time_ns() + 3600 * NSEC_PER_SEC, mark_fired, NULL);
	for (uint64_t start = time_ticks(); !fired &&
	     time_ticks() - start < 2 * HZ; )
		arch_wait_for_interrupt();
	KEXPECT(fired >= deadline);
	KEXPECT(fired - deadline < 50000000);
	KEXPECT(!t.pending);
	KEXPECT(timer_cancel(&never));
	KEXPECT(!timer_cancel(&never));
}

/*
 * The CMOS RTC's periodic interrupt (IRQ 8) is a real device interrupt the
 * test can switch on: status A rate 6 = 1024 Hz, status B bit 6 enables
 * it, and reading status C acknowledges each one.
 */
static volatile unsigned int rtc_irqs;

static uint8_t
cmos(uint8_t reg)
{
	outb(0x70, 0x80 | reg);
	return inb(0x71);
}

static void
cmos_set(uint8_t reg, uint8_t v)
{
	outb(0x70, 0x80 | reg);
	outb(0x71, v);
}

static void
rtc_irq(unsigned int irq, void *arg)
{
	(void)irq, (void)arg;
	cmos(0x0c);
	rtc_irqs++;
}

KTEST(irq_handler_runs_and_is_counted)
{
	uint64_t before = irq_count(8), start;
	uint8_t a = cmos(0x0a), b = cmos(0x0b);

	rtc_irqs = 0;
	KEXPECT_EQ(irq_register(8, "rtc-test", rtc_irq, NULL), 0);
	cmos_set(0x0a, (a & 0xf0) | 6);
	cmos_set(0x0b, b | 0x40);
	cmos(0x0c);
	for (start = time_ticks(); rtc_irqs < 10 && time_ticks() - start < HZ;)
		arch_wait_for_interrupt();
	cmos_set(0x0b, b);
	cmos_set(0x0a, a);
	KEXPECT_EQ(irq_free(8, rtc_irq, NULL), 0);
	KEXPECT(rtc_irqs >= 10);
	KEXPECT_EQ(irq_count(8) - before, rtc_irqs);
	KEXPECT_EQ(irq_free(8, rtc_irq, NULL), -2);	/* -ENOENT */
}
