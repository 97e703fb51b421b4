/*
 * tests/host/htest.h: a minimal unit-test runner for the host tests.
 *
 * HTEST(name) { ... } defines a test and registers it from a constructor;
 * main.c runs every registered test in file and line order and prints one
 * `ok N name` / `not ok N name: reason` line per test.  EXPECT_* record a
 * failure (with file:line and the values) and let the test go on;
 * ASSERT_* also return from the test.
 */
#pragma once
#include <stdint.h>
#include <string.h>

struct htest {
	const char *name;
	void (*fn)(void);
	const char *file;
	int line;
	struct htest *next;
};

/* htest_register - add @t to the list main.c runs (called by HTEST). */
void htest_register(struct htest *t);

/*
 * htest_fail - record a failure of the running test at @file:@line; the
 * first one becomes the reason on its result line, later ones go to stderr.
 */
void htest_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* htest_failed - whether the running test has recorded a failure yet. */
int htest_failed(void);

#define HTEST(name)                                                            \
	static void htest_fn_##name(void);                                     \
	static struct htest htest_##name = {#name, htest_fn_##name, __FILE__,  \
					    __LINE__, NULL};                   \
	__attribute__((constructor)) static void htest_reg_##name(void)        \
	{                                                                      \
		htest_register(&htest_##name);                                 \
	}                                                                      \
	static void htest_fn_##name(void)

/* Integers of any type, compared as 64-bit and shown signed and in hex. */
#define EXPECT_CMP_INT(a, op, b)                                               \
	({                                                                     \
		uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);               \
		int ok_ = a_ op b_;                                            \
		if (!ok_)                                                      \
			htest_fail(__FILE__, __LINE__,                         \
				   "%s %s %s: %lld (%#llx) vs %lld (%#llx)",   \
				   #a, #op, #b, (long long)a_,                 \
				   (unsigned long long)a_, (long long)b_,      \
				   (unsigned long long)b_);                    \
		ok_;                                                           \
	})

#define EXPECT_EQ(a, b) EXPECT_CMP_INT(a, ==, b)
#define EXPECT_NE(a, b) EXPECT_CMP_INT(a, !=, b)

#define EXPECT_TRUE(c)                                                         \
	({                                                                     \
		int ok_ = !!(c);                                               \
		if (!ok_)                                                      \
			htest_fail(__FILE__, __LINE__, "expected %s", #c);     \
		ok_;                                                           \
	})
#define EXPECT_FALSE(c) EXPECT_TRUE(!(c))

#define EXPECT_STREQ(a, b)                                                     \
	({                                                                     \
		const char *a_ = (a), *b_ = (b);                               \
		int ok_ = a_ && b_ && strcmp(a_, b_) == 0;                     \
		if (!ok_)                                                      \
			htest_fail(__FILE__, __LINE__,                         \
				   "%s == %s: \"%s\" vs \"%s\"", #a, #b,       \
				   a_ ? a_ : "(NULL)", b_ ? b_ : "(NULL)");    \
		ok_;                                                           \
	})

#define EXPECT_MEMEQ(a, b, n)                                                  \
	({                                                                     \
		size_t n_ = (n);                                               \
		int ok_ = memcmp((a), (b), n_) == 0;                           \
		if (!ok_)                                                      \
			htest_fail(__FILE__, __LINE__,                         \
				   "%s and %s differ in their %zu bytes", #a,  \
				   #b, n_);                                    \
		ok_;                                                           \
	})

#define ASSERT_EQ(a, b)                                                        \
	do {                                                                   \
		if (!EXPECT_EQ(a, b))                                          \
			return;                                                \
	} while (0)
#define ASSERT_TRUE(c)                                                         \
	do {                                                                   \
		if (!EXPECT_TRUE(c))                                           \
			return;                                                \
	} while (0)
