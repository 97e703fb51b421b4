/*
 * tests/user/ut_internal.h: state shared by the runner (utests.c) and the
 * helpers of the tests (ut.c); the tests themselves use only ut.h.
 */
#pragma once
#include <limits.h>

extern char ut_bindir[PATH_MAX];	/* where exec_target etc. live */
extern char ut_test_dir[PATH_MAX];	/* the running test's directory */
extern char ut_result_path[PATH_MAX];	/* where a failure is appended */
extern int ut_verbose_flag;		/* -v */

/* ut_memfree_kb - MemFree from /proc/meminfo in kB, or -1. */
long	ut_memfree_kb(void);
