/*
 * tests/host/main.c: run the host unit tests registered with HTEST().
 *
 * Output on stdout: one `ok N name` or `not ok N name: reason` line per
 * test, then `host: N passed, M failed`; exit status 1 if any failed.
 * Arguments, if given, select the tests whose name contains one of them.
 * Extra failures of a test beyond the first go to stderr.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/host/htest.h"

static struct htest *tests;
static size_t ntests;

static char reason[512];   /* first failure of the running test */
static unsigned int nfail; /* failures of the running test */

/* htest_register - see htest.h.  Runs from constructors, before main(). */
void
htest_register(struct htest *t)
{
	t->next = tests;
	tests = t;
	ntests++;
}

/* htest_fail - see htest.h.  Only called while a test runs. */
void
htest_fail(const char *file, int line, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* The result must stay one line: blank out control characters. */
	for (char *p = msg; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	if (nfail++ == 0)
		snprintf(reason, sizeof(reason), "%s:%d: %s", file, line, msg);
	else
		fprintf(stderr, "#   also %s:%d: %s\n", file, line, msg);
}

/* htest_failed - see htest.h; 1 if the running test has failed. */
int
htest_failed(void)
{
	return nfail != 0;
}

/* Order by file, then line, so the numbering is stable between builds. */
static int
htest_order(const void *a, const void *b)
{
	const struct htest *x = *(const struct htest *const *)a;
	const struct htest *y = *(const struct htest *const *)b;
	int c = strcmp(x->file, y->file);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int
htest_selected(const struct htest *t, int argc, char **argv)
{
	if (argc < 2)
		return 1;
	for (int i = 1; i < argc; i++)
		if (strstr(t->name, argv[i]))
			return 1;
	return 0;
}

/* main - run the selected tests; returns 1 if any failed, else 0. */
int
main(int argc, char **argv)
{
	struct htest **list = calloc(ntests ? ntests : 1, sizeof(*list));
	unsigned int passed = 0, failed = 0, n = 0;
	size_t i = 0;

	if (list == NULL)
		return 2;
	for (struct htest *t = tests; t; t = t->next)
		list[i++] = t;
	qsort(list, ntests, sizeof(*list), htest_order);
	for (i = 0; i < ntests; i++) {
		if (!htest_selected(list[i], argc, argv))
			continue;
		nfail = 0;
		list[i]->fn();
		fflush(stderr);
		if (nfail == 0) {
			printf("ok %u %s\n", ++n, list[i]->name);
			passed++;
		} else {
			printf("not ok %u %s: %s%s\n", ++n, list[i]->name,
			       reason, nfail > 1 ? " (and more)" : "");
			failed++;
		}
		fflush(stdout);
	}
	free(list);
	printf("host: %u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}

/*
 * Make undefined behaviour fatal: UBSan only prints by default, and a
 * report nobody reads is no test.  Read by the sanitizer runtime at start.
 */
const char *
__ubsan_default_options(void)
{
	return "halt_on_error=1:print_stacktrace=1";
}
