/*
 * kernel/ktest.c: the in-kernel test runner (kernel/ktest.h).
 */
#include "arch/arch.h"
#include "kernel/format.h"
#include "kernel/ktest.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"

extern const struct ktest __ktests_start[], __ktests_end[];

static bool test_failed;
static char fail_reason[256];

/* ktest_fail - see ktest.h.  Context: inside a running test. */
void
ktest_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (test_failed)
		return;
	test_failed = true;
	n = ksnprintf(fail_reason, sizeof(fail_reason), "%s:%d: ", file, line);
	if (n < 0 || (size_t)n >= sizeof(fail_reason))
		return;
	va_start(ap, fmt);
	kvsnprintf(fail_reason + n, sizeof(fail_reason) - n, fmt, ap);
	va_end(ap);
}

/* selected - whether @t is named by @sel ("all" or "a,b,c"). */
static bool
selected(const struct ktest *t, const char *sel)
{
	size_t len = strlen(t->name);

	if (strcmp(sel, "all") == 0)
		return !(t->flags & KTEST_MANUAL);
	for (const char *p = sel; *p; ) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if (n == len && strncmp(p, t->name, n) == 0)
			return true;
		if (n > 0 && p[n - 1] == '*' && n - 1 <= len &&
		    strncmp(p, t->name, n - 1) == 0)	/* "bench_*" */
			return true;
		p += comma ? n + 1 : n;
	}
	return false;
}

/* count_selected - how many tests @sel names. */
static int
count_selected(const char *sel)
{
	int n = 0;

	for (const struct ktest *t = __ktests_start; t < __ktests_end; t++)
		n += selected(t, sel);
	return n;
}

/*
 * run_checked - run @t; a test that leaves fewer free frames than it found
 * fails (the heap's empty slabs are handed back first on both sides).
 */
static void
run_checked(const struct ktest *t)
{
	size_t before;

	kmalloc_trim();
	before = pmm_free_count();
	t->fn();
	kmalloc_trim();
	if (pmm_free_count() != before)
		ktest_fail(__FILE__, __LINE__, "leaked %ld frame(s)",
			   (long)(before - pmm_free_count()));
}

/* ktest_run - see ktest.h.  Never returns. */
void
ktest_run(const char *sel)
{
	int total = count_selected(sel), passed = 0, failed = 0, n = 0;

	pr_info("ktest: running %d tests (test=%s)\n", total, sel);
	if (total == 0)
		pr_err("ktest: no test matches \"%s\" in this kernel\n", sel);
	for (const struct ktest *t = __ktests_start; t < __ktests_end; t++) {
		if (!selected(t, sel))
			continue;
		test_failed = false;
		run_checked(t);
		n++;
		if (test_failed) {
			failed++;
			pr_info("not ok %d %s: %s\n", n, t->name, fail_reason);
		} else {
			passed++;
			pr_info("ok %d %s\n", n, t->name);
		}
	}
	pr_info("ktest: %d passed, %d failed\n", passed, failed);
	arch_debug_exit(failed == 0 && total > 0 ? ARCH_EXIT_PASS :
						   ARCH_EXIT_FAIL);
	arch_halt();
}
