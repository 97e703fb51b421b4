/*
 * kernel/calendar.h: converting between civil dates (proleptic Gregorian,
 * UTC) and seconds since the Unix epoch (kernel/calendar.c).  Pure code,
 * unit-tested on the host.
 */
#pragma once
#include "kernel/types.h"

struct civil_time {
	int year, month, day;		/* month 1..12, day 1..31 */
	int hour, minute, second;
};

/* civil_valid - whether every field is in range (year 1970..9999). */
bool	civil_valid(const struct civil_time *t);

/* civil_to_unix - seconds since 1970-01-01 00:00:00 UTC; -1 if invalid. */
int64_t	civil_to_unix(const struct civil_time *t);

/* unix_to_civil - the date and time of @secs (>= 0) since the epoch. */
void	unix_to_civil(int64_t secs, struct civil_time *t);

/* days_in_month - 28..31 for @month of @year. */
int	days_in_month(int year, int month);
