/*
 * arch/x86_64/rtc.c: the CMOS real-time clock (MC146818-compatible).
 *
 * Read once at boot; the monotonic clock carries the time afterwards.
 * The chip may hold BCD or binary and 12- or 24-hour values (status
 * register B says which).  A read is repeated until two agree, so an
 * update in the middle cannot tear it.  The time is taken as UTC.
 */
#include "arch/arch.h"
#include "arch/x86_64/io.h"
#include "kernel/errno.h"

#define CMOS_INDEX	0x70
#define CMOS_DATA	0x71
#define NMI_DISABLE	0x80
#define REG_SECONDS	0x00
#define REG_MINUTES	0x02
#define REG_HOURS	0x04
#define REG_DAY		0x07
#define REG_MONTH	0x08
#define REG_YEAR	0x09
#define REG_STATUS_A	0x0a
#define REG_STATUS_B	0x0b
#define REG_CENTURY	0x32	/* the usual place; ACPI FADT may say otherwise */
#define STATUS_A_UIP	0x80	/* update in progress */
#define STATUS_B_24H	0x02
#define STATUS_B_BINARY	0x04
#define HOUR_PM		0x80

static uint8_t
cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, NMI_DISABLE | reg);
	return inb(CMOS_DATA);
}

struct raw_rtc {
	uint8_t sec, min, hour, day, month, year, century;
};

/* read_raw - one snapshot, taken when no update is in progress. */
static bool
read_raw(struct raw_rtc *r)
{
	for (int i = 0; i < 100000; i++) {
		if (cmos_read(REG_STATUS_A) & STATUS_A_UIP)
			continue;
		r->sec = cmos_read(REG_SECONDS);
		r->min = cmos_read(REG_MINUTES);
		r->hour = cmos_read(REG_HOURS);
		r->day = cmos_read(REG_DAY);
		r->month = cmos_read(REG_MONTH);
		r->year = cmos_read(REG_YEAR);
		r->century = cmos_read(REG_CENTURY);
		return true;
	}
	return false;
}

static int
bcd(uint8_t v, bool binary)
{
	return binary ? v : (v >> 4) * 10 + (v & 0x0f);
}

/* arch_rtc_read - see arch.h.  Context: boot or process. */
int
arch_rtc_read(struct rtc_time *t)
{
	struct raw_rtc a, b;
	uint8_t status;
	bool binary;
	int century;

	do {
		if (!read_raw(&a) || !read_raw(&b))
			return -EIO;
	} while (a.sec != b.sec || a.min != b.min || a.hour != b.hour ||
		 a.day != b.day || a.month != b.month || a.year != b.year);
	status = cmos_read(REG_STATUS_B);
	binary = status & STATUS_B_BINARY;
	t->second = bcd(a.sec, binary);
	t->minute = bcd(a.min, binary);
	t->hour = bcd(a.hour & ~HOUR_PM, binary);
	if (!(status & STATUS_B_24H) && (a.hour & HOUR_PM))
		t->hour = (t->hour % 12) + 12;
	else if (!(status & STATUS_B_24H) && t->hour == 12)
		t->hour = 0;
	t->day = bcd(a.day, binary);
	t->month = bcd(a.month, binary);
	century = bcd(a.century, binary);
	if (century < 19 || century > 99)	/* no century register */
		century = 20;
	t->year = century * 100 + bcd(a.year, binary);
	return 0;
}
