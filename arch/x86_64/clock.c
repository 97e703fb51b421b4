/*
 * arch/x86_64/clock.c: calibration, the monotonic clock and the tick.
 *
 * The PIT (1.193182 MHz, a fixed crystal) is the reference: a 10 ms
 * one-shot on channel 2 (gated through port 0x61, no interrupt needed)
 * measures the TSC and the local APIC timer.  The monotonic clock reads
 * the TSC when it is invariant (constant rate in every power state), else
 * the HPET main counter, else it counts ticks.  The tick comes from the
 * local APIC timer in periodic mode, or from PIT channel 0 on IRQ 0 when
 * there is no APIC.
 */
#include "arch/arch.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/io.h"
#include "arch/x86_64/x86irq.h"
#include "drivers/acpi.h"
#include "kernel/format.h"
#include "kernel/irq.h"
#include "kernel/panic.h"
#include "kernel/printk.h"

#define PIT_HZ		1193182u
#define PIT_CH0		0x40
#define PIT_CH2		0x42
#define PIT_MODE	0x43
#define PIT_GATE	0x61		/* bit 0 gate ch2, bit 1 speaker, bit 5 out */
#define CALIBRATE_MS	10
#define CALIBRATE_ROUNDS 3

#define HPET_CAP	0x000		/* bits 63:32 period in femtoseconds */
#define HPET_CONFIG	0x010
#define HPET_COUNTER	0x0f0
#define HPET_ENABLE	1ull

enum clock_kind { CLOCK_TICKS, CLOCK_TSC, CLOCK_HPET };

static enum clock_kind clock_kind;
static uint64_t tsc_hz, tsc_start;
static uint64_t tsc_mult;		/* ns = (cycles * tsc_mult) >> 32 */
static volatile uint64_t *hpet;
static uint64_t hpet_fs, hpet_start;	/* femtoseconds per count */
static uint64_t hpet_mult;		/* ns = (counts * hpet_mult) >> 32 */
static volatile uint64_t ticks;
static void (*tick_fn)(void);
static const char *timer_name = "none";
static const char *calibration_ref = "none";

static bool hpet_setup(void);

/*
 * pit_wait_start/pit_wait_done - run channel 2 in mode 0 for @ms
 * milliseconds; the output bit of port 0x61 goes high when it is done.
 */
static void
pit_oneshot_start(unsigned int ms)
{
	uint16_t count = (uint16_t)(PIT_HZ * ms / 1000);

	outb(PIT_GATE, (inb(PIT_GATE) & ~0x02) | 0x01);	/* gate on, no beep */
	outb(PIT_MODE, 0xb0);		/* channel 2, lo/hi byte, mode 0 */
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);
}

static bool
pit_oneshot_done(void)
{
	return inb(PIT_GATE) & 0x20;
}

/*
 * pit_wait / hpet_wait - busy-wait CALIBRATE_MS on a reference clock.
 * Return false when the reference never gets there (a missing PIT: some
 * recent PCs gate it off).
 */
static bool
pit_wait(void)
{
	pit_oneshot_start(CALIBRATE_MS);
	for (uint32_t spins = 0; spins < 10000000; spins++)
		if (pit_oneshot_done())
			return true;
	return false;
}

static bool
hpet_wait(void)
{
	uint64_t start = hpet[HPET_COUNTER / 8];
	uint64_t counts = CALIBRATE_MS * 1000000000000ull / hpet_fs;

	for (uint32_t spins = 0; spins < 100000000; spins++)
		if (hpet[HPET_COUNTER / 8] - start >= counts)
			return true;
	return false;
}

/*
 * measure - TSC cycles and LAPIC timer counts (if @lapic) while @wait
 * waits CALIBRATE_MS.  Returns false if the wait failed.
 */
static bool
measure(bool (*wait)(void), bool lapic, uint64_t *cycles, uint32_t *apic_counts)
{
	uint64_t t0;

	if (lapic)
		x86_lapic_timer_start(0xffffffff, VEC_LAPIC_TIMER, false);
	t0 = x86_rdtsc();
	if (!wait())
		return false;
	*cycles = x86_rdtsc() - t0;
	if (lapic) {
		*apic_counts = 0xffffffff - x86_lapic_timer_current();
		x86_lapic_timer_stop();
	}
	return true;
}

/*
 * calibrate - the smallest of a few rounds (an interruption only adds),
 * against the PIT, else the HPET.  Returns the reference's name.
 */
static const char *
calibrate(bool lapic, uint64_t *cycles, uint32_t *apic_counts)
{
	bool (*wait)(void) = pit_wait;
	const char *ref = "PIT";
	uint64_t c;
	uint32_t a = 0;

	*cycles = UINT64_MAX;
	*apic_counts = UINT32_MAX;
	for (int i = 0; i < CALIBRATE_ROUNDS; i++) {
		if (!measure(wait, lapic, &c, &a)) {
			if (wait == hpet_wait || !hpet_setup())
				panic("calibrate: neither the PIT nor an HPET "
				      "counts time");
			wait = hpet_wait;
			ref = "HPET";
			i = -1;
			continue;
		}
		*cycles = MIN(*cycles, c);
		*apic_counts = MIN(*apic_counts, a);
	}
	return ref;
}

static bool
tsc_invariant(void)
{
	uint32_t a, b, c, d;

	x86_cpuid(0x80000000, 0, &a, &b, &c, &d);
	if (a < 0x80000007)
		return false;
	x86_cpuid(0x80000007, 0, &a, &b, &c, &d);
	return d & (1u << 8);
}

/* hpet_setup - start the HPET main counter; false when unusable. */
static bool
hpet_setup(void)
{
	if (!acpi.has_hpet || acpi.hpet_addr == 0 ||
	    acpi.hpet_addr >= EARLY_DIRECT_MAP_SIZE)
		return false;
	hpet = phys_to_virt(acpi.hpet_addr);
	hpet_fs = hpet[HPET_CAP / 8] >> 32;
	if (hpet_fs == 0 || hpet_fs > 100000000)	/* spec: <= 100 ns */
		return false;
	hpet_mult = (hpet_fs << 32) / 1000000;
	hpet[HPET_CONFIG / 8] |= HPET_ENABLE;
	hpet_start = hpet[HPET_COUNTER / 8];
	return true;
}

static void
choose_clock(void)
{
	if (tsc_invariant()) {
		clock_kind = CLOCK_TSC;
	} else if (hpet_setup()) {
		clock_kind = CLOCK_HPET;
	} else {
		clock_kind = CLOCK_TICKS;
	}
}

/* x86_timer_interrupt - one tick.  Context: interrupt. */
void
x86_timer_interrupt(void)
{
	ticks++;
	if (tick_fn)
		tick_fn();
}

static void
pit_tick(unsigned int irq, void *arg)
{
	(void)irq, (void)arg;
	x86_timer_interrupt();
}

/* start_pit_tick - PIT channel 0, mode 2 (rate generator), at HZ on IRQ 0. */
static void
start_pit_tick(void)
{
	uint16_t divisor = (uint16_t)((PIT_HZ + HZ / 2) / HZ);

	outb(PIT_MODE, 0x34);		/* channel 0, lo/hi byte, mode 2 */
	outb(PIT_CH0, divisor & 0xff);
	outb(PIT_CH0, divisor >> 8);
	if (irq_register(0, "timer", pit_tick, NULL) < 0)
		panic("start_pit_tick: cannot register IRQ 0");
	timer_name = "PIT";
}

/* arch_time_init - see arch.h.  Context: boot, interrupts off. */
void
arch_time_init(void (*tick)(void))
{
	uint64_t cycles;
	uint32_t apic_counts;
	bool lapic = x86_apic_mode();

	calibration_ref = calibrate(lapic, &cycles, &apic_counts);
	tsc_hz = cycles * (1000 / CALIBRATE_MS);
	tsc_mult = (1000000000ull << 32) / tsc_hz;
	tsc_start = x86_rdtsc();
	choose_clock();
	tick_fn = tick;
	if (lapic && apic_counts > 0) {
		uint32_t per_tick = apic_counts * (1000 / CALIBRATE_MS) / HZ;
		x86_lapic_timer_start(per_tick, VEC_LAPIC_TIMER, true);
		timer_name = "local APIC timer";
	} else {
		start_pit_tick();
	}
}

/* arch_clock_ns - see arch.h.  Context: any. */
uint64_t
arch_clock_ns(void)
{
	switch (clock_kind) {
	case CLOCK_TSC:
		return (uint64_t)(((unsigned __int128)(x86_rdtsc() - tsc_start) *
				   tsc_mult) >> 32);
	case CLOCK_HPET:
		return (uint64_t)(((unsigned __int128)(hpet[HPET_COUNTER / 8] -
						       hpet_start) *
				   hpet_mult) >> 32);
	default:
		return ticks * (1000000000ull / HZ);
	}
}

uint64_t
arch_sched_clock(void)
{
	return (uint64_t)(((unsigned __int128)(x86_rdtsc() - tsc_start) *
			   tsc_mult) >> 32);
}

const char *
arch_clock_source(void)
{
	return clock_kind == CLOCK_TSC	? "invariant TSC" :
	       clock_kind == CLOCK_HPET ? "HPET" :
					  "timer ticks";
}

/* arch_timer_source - "local APIC timer (calibrated against the PIT)". */
const char *
arch_timer_source(void)
{
	static char buf[64];

	ksnprintf(buf, sizeof(buf), "%s, calibrated against the %s",
		  timer_name, calibration_ref);
	return buf;
}

uint64_t
arch_tsc_hz(void)
{
	return tsc_hz;
}
