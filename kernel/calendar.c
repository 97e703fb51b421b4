/*
 * kernel/calendar.c: civil dates <-> Unix seconds (kernel/calendar.h).
 *
 * Days are counted with the usual era arithmetic: a 400-year era has
 * 146097 days, and shifting the year to start in March puts the leap day
 * last, so the day of the year is a simple formula of the month.
 */
#include "kernel/calendar.h"

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	return days[month - 1] + (month == 2 && leap(year));
}

bool
civil_valid(const struct civil_time *t)
{
	return t->year >= 1970 && t->year <= 9999 && t->month >= 1 &&
	       t->month <= 12 && t->day >= 1 &&
	       t->day <= days_in_month(t->year, t->month) && t->hour >= 0 &&
	       t->hour < 24 && t->minute >= 0 && t->minute < 60 &&
	       t->second >= 0 && t->second < 60;
}

/* days_from_civil - days since 1970-01-01 of y-m-d (y >= 1). */
static int64_t
days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;				/* [0, 399] */
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;	/* [0, 365] */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* [0, 146096] */
	return era * 146097 + doe - 719468;
}

int64_t
civil_to_unix(const struct civil_time *t)
{
	if (!civil_valid(t))
		return -1;
	return days_from_civil(t->year, t->month, t->day) * 86400 +
	       t->hour * 3600 + t->minute * 60 + t->second;
}

void
unix_to_civil(int64_t secs, struct civil_time *t)
{
	int64_t days = secs / 86400, rem = secs % 86400;
	int64_t z = days + 719468, era = z / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	t->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	t->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	t->year = (int)(yoe + era * 400 + (t->month <= 2));
	t->hour = (int)(rem / 3600);
	t->minute = (int)(rem % 3600 / 60);
	t->second = (int)(rem % 60);
}
