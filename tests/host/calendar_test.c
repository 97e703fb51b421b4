/*
 * tests/host/calendar_test.c: civil dates <-> Unix seconds, checked
 * against the host C library's timegm/gmtime_r.
 */
#define _GNU_SOURCE
#include <time.h>

#include "kernel/calendar.h"
#include "tests/host/htest.h"

HTEST(calendar_epoch_and_known_dates)
{
	struct civil_time t = { 1970, 1, 1, 0, 0, 0 };

	EXPECT_EQ(civil_to_unix(&t), 0);
	t = (struct civil_time){ 2000, 2, 29, 12, 34, 56 };
	EXPECT_EQ(civil_to_unix(&t), 951827696);
	t = (struct civil_time){ 2038, 1, 19, 3, 14, 8 };
	EXPECT_EQ(civil_to_unix(&t), 2147483648ll);
	t = (struct civil_time){ 2100, 3, 1, 0, 0, 0 };
	EXPECT_EQ(civil_to_unix(&t), 4107542400ll);
}

HTEST(calendar_rejects_impossible_dates)
{
	static const struct civil_time bad[] = {
		{ 1969, 12, 31, 23, 59, 59 }, { 2023, 2, 29, 0, 0, 0 },
		{ 2100, 2, 29, 0, 0, 0 },     { 2024, 13, 1, 0, 0, 0 },
		{ 2024, 0, 1, 0, 0, 0 },      { 2024, 4, 31, 0, 0, 0 },
		{ 2024, 1, 1, 24, 0, 0 },     { 2024, 1, 1, 0, 60, 0 },
		{ 2024, 1, 1, 0, 0, 60 },     { 2024, 1, 0, 0, 0, 0 },
		{ 10000, 1, 1, 0, 0, 0 },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_TRUE(!civil_valid(&bad[i]));
		EXPECT_EQ(civil_to_unix(&bad[i]), -1);
	}
	EXPECT_EQ(days_in_month(2000, 2), 29);
	EXPECT_EQ(days_in_month(1900, 2), 28);
	EXPECT_EQ(days_in_month(2024, 13), 0);
}

/* Every day from 1970 to 2400 (and a time of day) round-trips like libc. */
HTEST(calendar_matches_libc_over_four_centuries)
{
	int mismatches = 0;

	for (int64_t s = 0; s < 13569465600ll; s += 86400 + 3661) {
		struct civil_time c;
		struct tm tm;
		time_t tt = (time_t)s;

		unix_to_civil(s, &c);
		gmtime_r(&tt, &tm);
		mismatches += c.year != tm.tm_year + 1900 ||
			      c.month != tm.tm_mon + 1 || c.day != tm.tm_mday ||
			      c.hour != tm.tm_hour || c.minute != tm.tm_min ||
			      c.second != tm.tm_sec || civil_to_unix(&c) != s;
	}
	EXPECT_EQ(mismatches, 0);
}
