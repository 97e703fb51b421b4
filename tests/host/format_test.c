/*
 * tests/host/format_test.c: kvsnprintf() against the host's vsnprintf().
 *
 * Every comparison runs at every buffer size from 0 to the full length + 2,
 * each time into a heap block of exactly that size, so AddressSanitizer
 * catches any byte written past it; the return value must always be the
 * full length and the stored prefix must match the host's output.
 * Conversions where Basalt deliberately differs from glibc (%p, NULL %s,
 * unknown conversions, huge widths) are checked against fixed strings.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/format.h"
#include "tests/host/htest.h"

static unsigned long comparisons; /* to show the tables really ran */

/* Format once with @ap into an exact-size heap block and check it. */
static int
check_one(const char *file, int line, const char *fmt, const char *ref,
	  int reflen, size_t size, va_list ap)
{
	char *buf = size ? malloc(size) : NULL;
	size_t keep;
	int n, ok = 1;

	if (size)
		memset(buf, 0x5a, size);
	n = kvsnprintf(buf, size, fmt, ap);
	comparisons++;
	if (n != reflen) {
		htest_fail(file, line, "\"%s\" size %zu: returned %d, host %d",
			   fmt, size, n, reflen);
		ok = 0;
	} else if (size > 0) {
		keep = (size_t)reflen < size ? (size_t)reflen : size - 1;
		if (memcmp(buf, ref, keep) != 0 || buf[keep] != '\0') {
			htest_fail(file, line,
				   "\"%s\" size %zu: got \"%.*s\", host \"%s\"",
				   fmt, size, (int)keep, buf, ref);
			ok = 0;
		}
	}
	free(buf);
	return ok;
}

/*
 * Compare kvsnprintf() with the host's vsnprintf() for @fmt at every
 * buffer size; reports at most one failure per call.  (nonnull keeps
 * GCC 12 from warning about a NULL format on a path UBSan's checks add.)
 */
static __attribute__((format(printf, 3, 4), nonnull(3))) void
check_fmt(const char *file, int line, const char *fmt, ...)
{
	va_list ap, aq;
	char *ref;
	int reflen;

	va_start(ap, fmt);
	va_copy(aq, ap);
	reflen = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	ref = malloc((size_t)reflen + 1);
	va_copy(aq, ap);
	vsnprintf(ref, (size_t)reflen + 1, fmt, aq);
	va_end(aq);
	for (size_t size = 0; size <= (size_t)reflen + 2; size++) {
		va_copy(aq, ap);
		int ok = check_one(file, line, fmt, ref, reflen, size, aq);
		va_end(aq);
		if (!ok)
			break;
	}
	free(ref);
	va_end(ap);
}

#define CHECK(...) check_fmt(__FILE__, __LINE__, __VA_ARGS__)

/*
 * CHECK for formats GCC's format checking rejects or warns about although
 * C defines them (or glibc and Basalt agree on them): the format goes
 * through a volatile variable so the compiler cannot see it.
 */
#define CHECK_HIDDEN(fmt, ...)                                                 \
	do {                                                                   \
		const char *volatile f_ = (fmt);                               \
		check_fmt(__FILE__, __LINE__, f_, ##__VA_ARGS__);              \
	} while (0)

/*
 * The same function without the format attribute, for calls GCC would
 * reject (NULL %s, unknown conversions, widths beyond INT_MAX).
 */
static int (*volatile ksnprintf_unchecked)(char *, size_t, const char *,
					   ...) = ksnprintf;

/* Format into a roomy buffer and compare with @want. */
#define EXPECT_FMT_WITH(fn, want, ...)                                         \
	do {                                                                   \
		char b_[256];                                                  \
		int n_ = fn(b_, sizeof(b_), __VA_ARGS__);                      \
		EXPECT_STREQ(b_, want);                                        \
		EXPECT_EQ(n_, (int)strlen(want));                              \
	} while (0)
#define EXPECT_FMT(want, ...) EXPECT_FMT_WITH(ksnprintf, want, __VA_ARGS__)
#define EXPECT_FMT_RAW(want, ...)                                              \
	EXPECT_FMT_WITH(ksnprintf_unchecked, want, __VA_ARGS__)

static const long long s64_values[] = {
	0,
	1,
	-1,
	7,
	-7,
	8,
	9,
	10,
	15,
	16,
	42,
	-42,
	99,
	100,
	255,
	256,
	4095,
	32767,
	-32768,
	65535,
	2147483647,
	-2147483647 - 1,
	4294967295LL,
	4294967296LL,
	1234567890123LL,
	-1234567890123LL,
	0x7edcba9876543210LL,
	INT64_MAX,
	INT64_MIN,
	INT64_MIN + 1,
	INT64_MAX - 1,
};

static const char *const s64_formats[] = {
	"%lld",	      "%lli",	  "%llu",      "%llx",	    "%llX",
	"%llo",	      "%ld",	  "%li",       "%lu",	    "%lx",
	"%lo",	      "%1lld",	  "%5lld",     "%20lld",    "%25lld",
	"%-25lld|",   "%025lld",  "%+lld",     "% lld",	    "%+ lld",
	"% +lld",     "%+025lld", "% 025lld",  "%-+25lld|", "%.0lld",
	"%.1lld",     "%.5lld",	  "%.25lld",   "%30.25lld", "%-30.25lld|",
	"%030.25lld", "%+.25lld", "%#llx",     "%#llX",	    "%#llo",
	"%#25llx",    "%#025llx", "%#-25llx|", "%#.0llx",   "%#.0llo",
	"%.0llo",     "%#.30llo", "%#.3llo",   "%025llu",   "%-5llu|",
	"%+llu",      "% llu",	  "%+llx",     "% llo",	    "%#lld",
	"%020.0lld",  "%-0lld",	  "%0-20lld|", "%llx%llx",  "[%lld]",
	"%#22llo",
};

HTEST(format_s64_table)
{
	unsigned long before = comparisons;

	for (size_t f = 0; f < ARRAY_SIZE(s64_formats); f++)
		for (size_t v = 0; v < ARRAY_SIZE(s64_values); v++)
			CHECK(s64_formats[f], s64_values[v], s64_values[v]);
	EXPECT_TRUE(comparisons - before > 10000);
}

static const int int_values[] = {
	0,     1,      -1,	9,	 10,	      -10,   100,
	127,   128,    -128,	-129,	 255,	      256,   300,
	-300,  32767,  32768,	-32768,	 -32769,      65535, 65536,
	70000, -70000, INT_MAX, INT_MIN, INT_MIN + 1,
};

static const char *const int_formats[] = {
	"%d",	   "%i",	"%u",	  "%x",	   "%X",    "%o",    "%hhd",
	"%hhi",	   "%hhu",	"%hhx",	  "%hho",  "%hd",   "%hu",   "%hx",
	"%ho",	   "%5d",	"%-5d|",  "%05d",  "%+d",   "% d",   "%.3d",
	"%8.3d",   "%-8.3d|",	"%08.3d", "%#x",   "%#o",   "%#08x", "%#.4X",
	"%+hhd",   "% 06hd",	"%12u",	  "%.12u", "%+.0d", "% .0d", "%#.0x",
	"%-#12o|", "%hhx%hx%x",
};

HTEST(format_int_table)
{
	for (size_t f = 0; f < ARRAY_SIZE(int_formats); f++)
		for (size_t v = 0; v < ARRAY_SIZE(int_values); v++)
			CHECK(int_formats[f], int_values[v], int_values[v],
			      int_values[v]);
}

HTEST(format_size_and_ptrdiff)
{
	static const size_t sizes[] = {
		0, 1, 4096, SIZE_MAX, SIZE_MAX / 2, (size_t)1 << 63};
	static const ptrdiff_t diffs[] = {0,	       -1,	    1,
					  PTRDIFF_MAX, PTRDIFF_MIN, -4096};

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		CHECK("%zu %zx %zX %zo", sizes[i], sizes[i], sizes[i],
		      sizes[i]);
		CHECK("%zd|%-22zu|%022zx", (ssize_t)sizes[i], sizes[i],
		      sizes[i]);
	}
	for (size_t i = 0; i < ARRAY_SIZE(diffs); i++) {
		CHECK("%td %+td %20td %-20td|", diffs[i], diffs[i], diffs[i],
		      diffs[i]);
		CHECK("%tx %to", (size_t)diffs[i], (size_t)diffs[i]);
	}
	CHECK("%llu %llx", (unsigned long long)UINT64_MAX,
	      (unsigned long long)UINT64_MAX);
	CHECK("%lu %#lo %#lX", (unsigned long)UINT64_MAX,
	      (unsigned long)UINT64_MAX, (unsigned long)UINT64_MAX);
}

static const char *const str_values[] = {
	"",
	"a",
	"hello",
	"hello, world",
	"tab\there",
	"0123456789abcdef",
	"a string that is rather longer than any of the widths used here",
};

static const char *const str_formats[] = {
	"%s",	"[%s]",	  "%10s",   "%-10s|",	"%.0s",	 "%.1s",
	"%.5s", "%.100s", "%10.3s", "%-10.3s|", "%010s", "%+s",
	"% s",	"%#s",	  "%1s",    "%70s",	"%s%s",	 "x%sy%s",
};

HTEST(format_string_table)
{
	for (size_t f = 0; f < ARRAY_SIZE(str_formats); f++)
		for (size_t v = 0; v < ARRAY_SIZE(str_values); v++)
			CHECK(str_formats[f], str_values[v], str_values[v]);
}

HTEST(format_chars)
{
	for (int c = 1; c < 256; c++)
		CHECK("%c", c);
	CHECK_HIDDEN("%5c|%-5c|%05c", 'a', 'b', 'c');
	CHECK("a%cb", 0); /* a NUL is output and counted */
	CHECK("%3c", 0);
	CHECK("%c%c%c", 'x', 'y', 'z');
}

HTEST(format_star_width_and_precision)
{
	for (int w = -25; w <= 25; w++) {
		for (int p = -3; p <= 22; p++) {
			CHECK("%*.*d|", w, p, -12345);
			CHECK("%*.*llx|", w, p, 0xfeedULL);
			CHECK("%-*.*u|", w, p, 0u);
			CHECK_HIDDEN("%0*.*d|", w, p, 77);
			CHECK("%*.*s|", w, p, "star");
		}
		CHECK("%*d|%*s|", w, w, w, "s");
		CHECK("%0*lld|", w, (long long)INT64_MIN);
	}
	CHECK("%.*s", 3, "abcdef");
	CHECK("%*c", 4, 'q');
}

HTEST(format_literals_and_percent)
{
	CHECK("plain text, no conversions");
	CHECK("%%");
	CHECK("100%% sure");
	CHECK("%%d %d %%", 5);
	/* glibc agrees, but ASan's printf interceptor complains about it. */
	EXPECT_FMT_RAW("%|", "%5%|");
	EXPECT_FMT_RAW("%|", "%-05%|");
	CHECK("%s=%d (%x) [%-6s] %c%%", "key", -3, 255u, "v", '!');
	CHECK("%s", "");
	CHECK_HIDDEN("");
}

HTEST(format_size_zero_returns_length)
{
	char canary[4] = "xyz";

	EXPECT_EQ(ksnprintf(NULL, 0, "%lld", (long long)INT64_MIN), 20);
	EXPECT_EQ(ksnprintf(canary, 0, "%s", "abcdef"), 6);
	EXPECT_STREQ(canary, "xyz");
	EXPECT_EQ(ksnprintf(canary, 1, "%s", "abcdef"), 6);
	EXPECT_EQ(canary[0], '\0');
	EXPECT_EQ(canary[1], 'y');
}

HTEST(format_int64_extremes)
{
	EXPECT_FMT("-9223372036854775808", "%lld", (long long)INT64_MIN);
	EXPECT_FMT("9223372036854775807", "%lld", (long long)INT64_MAX);
	EXPECT_FMT("18446744073709551615", "%llu",
		   (unsigned long long)UINT64_MAX);
	EXPECT_FMT("ffffffffffffffff", "%llx", (unsigned long long)UINT64_MAX);
	EXPECT_FMT("1777777777777777777777", "%llo",
		   (unsigned long long)UINT64_MAX);
	EXPECT_FMT("01777777777777777777777", "%#llo",
		   (unsigned long long)UINT64_MAX);
	EXPECT_FMT("-0009223372036854775808", "%023lld", (long long)INT64_MIN);
	EXPECT_FMT("-128", "%hhd", 128);
	EXPECT_FMT("0", "%hhu", 256);
	EXPECT_FMT("-32768", "%hd", 32768);
}

HTEST(format_pointer)
{
	EXPECT_FMT("0x0000000000000000", "%p", NULL);
	EXPECT_FMT("0x0000000000001234", "%p", (void *)0x1234);
	EXPECT_FMT("0xffffffff80000000", "%p", (void *)0xffffffff80000000ul);
	EXPECT_FMT("0xffffffffffffffff", "%p", (void *)UINTPTR_MAX);
	EXPECT_FMT("  0x00000000000000ab", "%20p", (void *)0xab);
	EXPECT_FMT("0x00000000000000ab  |", "%-20p|", (void *)0xab);
	EXPECT_FMT("0x00000000000000ab", "%5p", (void *)0xab);
	EXPECT_FMT("[0x0000000000000001]", "[%p]", (void *)1);
}

HTEST(format_null_string)
{
	EXPECT_FMT_RAW("(null)", "%s", (char *)NULL);
	EXPECT_FMT_RAW("  (null)", "%8s", (char *)NULL);
	EXPECT_FMT_RAW("(null)  |", "%-8s|", (char *)NULL);
	EXPECT_FMT_RAW("(nu", "%.3s", (char *)NULL);
	EXPECT_FMT_RAW("", "%.0s", (char *)NULL);
}

/* Precision bounds the read: the bytes need no NUL (ASan checks). */
HTEST(format_precision_reads_no_further)
{
	char *s = malloc(3);

	memcpy(s, "abc", 3);
	EXPECT_FMT("abc", "%.3s", s);
	EXPECT_FMT("ab", "%.2s", s);
	EXPECT_FMT("   abc", "%6.3s", s);
	EXPECT_FMT("abc", "%.*s", 3, s);
	free(s);
}

/* The format attribute would reject these, so they go through a variable. */
HTEST(format_unknown_conversions_copied)
{
	const char *fmt;

	fmt = "%y";
	EXPECT_FMT("%y", fmt, 0);
	fmt = "a%qb";
	EXPECT_FMT("a%qb", fmt, 0);
	fmt = "%-08.3lk|%d";
	EXPECT_FMT("%-08.3lk|5", fmt, 5);
	fmt = "trailing %";
	EXPECT_FMT("trailing %", fmt, 0);
	fmt = "%5";
	EXPECT_FMT("%5", fmt, 0);
	fmt = "%ll";
	EXPECT_FMT("%ll", fmt, 0);
	fmt = "%n%d"; /* %n must never write anywhere */
	EXPECT_FMT("%n7", fmt, 7);
	fmt = "%Lf";
	EXPECT_FMT("%Lf", fmt, 0);
	fmt = "%jd %d";
	EXPECT_FMT("%jd 1", fmt, 1);
}

HTEST(format_huge_width_is_cheap_and_safe)
{
	char buf[16];
	const char *fmt;
	int n;

	n = ksnprintf(buf, sizeof(buf), "%1000000000d", 1);
	EXPECT_EQ(n, 1000000000);
	EXPECT_STREQ(buf, "               ");
	n = ksnprintf(buf, sizeof(buf), "%-*d", 2000000000, 7);
	EXPECT_EQ(n, 2000000000);
	EXPECT_STREQ(buf, "7              ");
	n = ksnprintf(buf, sizeof(buf), "%.*d", 1000000, 7);
	EXPECT_EQ(n, 1000000);
	EXPECT_STREQ(buf, "000000000000000");
	/* Beyond INT_MAX: the width saturates and the count is clamped. */
	fmt = "%99999999999999999999d";
	n = ksnprintf_unchecked(buf, sizeof(buf), fmt, 1);
	EXPECT_EQ(n, INT_MAX);
	EXPECT_EQ(strlen(buf), sizeof(buf) - 1);
	n = ksnprintf_unchecked(buf, sizeof(buf), "%*d", INT_MIN, 3);
	EXPECT_EQ(n, INT_MAX);
	EXPECT_EQ(buf[0], '3');
}

static int
call_kvsnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* kvsnprintf() must leave its va_list usable: it works on a copy. */
HTEST(format_va_list_entry)
{
	char buf[32];

	EXPECT_EQ(call_kvsnprintf(buf, sizeof(buf), "%d-%s-%c", 12, "ab", 'z'),
		  7);
	EXPECT_STREQ(buf, "12-ab-z");
}

HTEST(format_many_arguments)
{
	CHECK("%d %d %d %d %d %d %d %d %d %d %s %lld %x %c", 1, 2, 3, 4, 5, 6,
	      7, 8, 9, 10, "eleven", (long long)INT64_MIN, 0xdeadu, 'Z');
}
