/*
 * kernel/ktest.h: in-kernel unit tests (shared/STYLE.md R13).
 *
 * A test is a function declared with KTEST(name); the macro also places a
 * {name, fn} entry in the .ktests section, so there is no list to keep.
 * Test files live in tests/kernel/ and are linked only into the test
 * kernel (build/kernel-test.elf).  test=all on the command line runs every
 * test not marked manual; test=a,b runs the named ones; test=bench_* runs
 * every test whose name starts with bench_ (the benchmarks, `make bench`).  Results go to the
 * serial log as `ok N name` / `not ok N name: reason`, then
 * `ktest: N passed, M failed`, and the verdict goes to QEMU (isa-debug-exit).
 */
#pragma once
#include "kernel/types.h"

#define KTEST_MANUAL	1	/* only run when named (e.g. it panics) */

/*
 * The entries are placed one after another by the linker, so their size
 * must be a multiple of their alignment: GCC aligns a 24-byte static object
 * to 16, which would leave holes.  32/32 leaves none.
 */
struct ktest {
	const char *name;
	void	  (*fn)(void);
	unsigned int flags;
} __attribute__((aligned(32)));

#define KTEST_F(tname, tflags)                                               \
	static void ktest_##tname(void);                                     \
	static const struct ktest ktest_entry_##tname __used                 \
		__section(".ktests") = {                                     \
			.name = #tname,                                      \
			.fn = ktest_##tname,                                 \
			.flags = (tflags),                                   \
	};                                                                   \
	static void ktest_##tname(void)

#define KTEST(tname) KTEST_F(tname, 0)

/* ktest_fail - record a failure of the running test (the first one wins). */
void	ktest_fail(const char *file, int line, const char *fmt, ...)
	__printf(3, 4);

#define KEXPECT(cond)                                                        \
	do {                                                                 \
		if (!(cond))                                                 \
			ktest_fail(__FILE__, __LINE__, "expected %s", #cond); \
	} while (0)

#define KEXPECT_EQ(a, b)                                                     \
	do {                                                                 \
		uint64_t ka_ = (uint64_t)(a), kb_ = (uint64_t)(b);           \
		if (ka_ != kb_)                                              \
			ktest_fail(__FILE__, __LINE__,                       \
				   "%s == %s: 0x%lx != 0x%lx", #a, #b,       \
				   (unsigned long)ka_, (unsigned long)kb_);  \
	} while (0)

#define KEXPECT_STREQ(a, b)                                                  \
	do {                                                                 \
		const char *ka_ = (a), *kb_ = (b);                           \
		if (strcmp(ka_, kb_) != 0)                                   \
			ktest_fail(__FILE__, __LINE__,                       \
				   "%s == %s: \"%s\" != \"%s\"", #a, #b, ka_, \
				   kb_);                                     \
	} while (0)

/*
 * ktest_run - run the tests that @selection names ("all" or a comma list),
 * report, and end the QEMU run with the verdict.  Never returns.
 * Context: boot, after every subsystem the tests use is up.
 */
void	ktest_run(const char *selection) __noreturn;
