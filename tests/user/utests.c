/*
 * tests/user/utests.c: the runner of the user-space system-call tests.
 *
 *	utests [-v] [-l] [NAME...]
 *
 * Runs every test (or those whose name matches a NAME, a shell pattern) in
 * a forked child inside a scratch directory (mkdtemp under /tmp, removed
 * afterwards), and prints one `ok N name` / `not ok N name: reason` line
 * per test, then `N passed, M failed`.  Exits 0 if nothing failed, 1 if
 * something did, 2 on a usage error.  -v adds timings (and, in Basalt, the
 * MemFree change of each test); -l lists the tests.
 *
 * The runner first closes every inherited descriptor above 2.  A child
 * starts in <scratch>/<name> with umask 022 and an alarm of UTESTS_TIMEOUT
 * seconds; it reports a failure by appending its reason to
 * <scratch>/<name>.result and exiting 1 (ut.c), a skip by exiting 77 (the
 * line then ends in `# SKIP why`); its exit status decides.
 *
 * Inside Basalt the runner also compares MemFree (/proc/meminfo) before
 * and after the whole run, once every child is reaped and the scratch
 * directory removed: a drop beyond UTESTS_LEAK_KB (default 128) kB fails
 * the last test, leak_check.  On Linux MemFree moves with every other
 * process, so the check is skipped there.
 *
 * Environment: UTESTS_BINDIR (where exec_target etc. are; default: the
 * directory of argv[0], else /bin), UTESTS_TIMEOUT (seconds per test,
 * default 60), UTESTS_LEAK_KB.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/user/ut.h"
#include "tests/user/ut_internal.h"

#define MAX_TESTS	1024
#define LEAK_KB_DEFAULT 128
#define TIMEOUT_DEFAULT 60

extern const struct utest *const __start_utests[];
extern const struct utest *const __stop_utests[];

static const struct utest *tests[MAX_TESTS];
static int ntests;
static char scratch[PATH_MAX];
static int passed, failed, number;

/* Orders tests by source file, then by line: the same on every build. */
static int
by_place(const void *a, const void *b)
{
	const struct utest *x = *(const struct utest *const *)a;
	const struct utest *y = *(const struct utest *const *)b;
	int c = strcmp(x->file, y->file);

	return c ? c : x->line - y->line;
}

/* Fills tests[] from the "utests" section; returns -1 on a duplicate. */
static int
collect_tests(void)
{
	const struct utest *const *p;

	for (p = __start_utests; p < __stop_utests && ntests < MAX_TESTS; p++)
		tests[ntests++] = *p;
	qsort(tests, ntests, sizeof(tests[0]), by_place);
	for (int i = 0; i < ntests; i++)
		for (int j = 0; j < i; j++)
			if (strcmp(tests[i]->name, tests[j]->name) == 0) {
				fprintf(stderr, "utests: test %s defined "
					"twice\n", tests[i]->name);
				return -1;
			}
	return 0;
}

/* Returns whether @t is selected by the patterns @pats (all if none). */
static int
selected(const struct utest *t, char **pats, int npats)
{
	if (npats == 0)
		return 1;
	for (int i = 0; i < npats; i++)
		if (fnmatch(pats[i], t->name, 0) == 0)
			return 1;
	return 0;
}

/* Returns the integer in environment variable @name, or @def. */
static long
env_long(const char *name, long def)
{
	const char *v = getenv(name);

	return v && *v ? strtol(v, NULL, 10) : def;
}

/* Sets ut_bindir from UTESTS_BINDIR or argv[0]'s directory (absolute). */
static void
find_bindir(const char *argv0)
{
	const char *env = getenv("UTESTS_BINDIR");
	const char *slash = strrchr(argv0, '/');
	char cwd[PATH_MAX];
	int len;

	if (env && *env) {
		snprintf(ut_bindir, sizeof(ut_bindir), "%s", env);
		return;
	}
	if (!slash) {
		snprintf(ut_bindir, sizeof(ut_bindir), "/bin");
		return;
	}
	while (argv0[0] == '.' && argv0[1] == '/')
		argv0 += 2;
	len = slash >= argv0 ? slash - argv0 : 0;
	if (argv0[0] == '/')
		snprintf(ut_bindir, sizeof(ut_bindir), "%.*s", len, argv0);
	else if (getcwd(cwd, sizeof(cwd)) && len > 0)
		snprintf(ut_bindir, sizeof(ut_bindir), "%s/%.*s", cwd, len,
			 argv0);
	else if (getcwd(cwd, sizeof(cwd)))
		snprintf(ut_bindir, sizeof(ut_bindir), "%s", cwd);
}

/* Makes the scratch directory under /tmp; returns 0 or -1. */
static int
make_scratch(void)
{
	if (mkdir("/tmp", 01777) < 0 && errno != EEXIST) {
		perror("utests: mkdir /tmp");
		return -1;
	}
	snprintf(scratch, sizeof(scratch), "/tmp/utests.XXXXXX");
	if (!mkdtemp(scratch)) {
		perror("utests: mkdtemp /tmp/utests.XXXXXX");
		return -1;
	}
	return 0;
}

static int
remove_entry(const char *path, const struct stat *st, int flag,
	     struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	if (remove(path) < 0)
		fprintf(stderr, "utests: remove %s: %s\n", path,
			strerror(errno));
	return 0;
}

/* Removes the tree at @path, if there is one. */
static void
remove_tree(const char *path)
{
	struct stat st;

	if (lstat(path, &st) == 0)
		nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Reads the result file @path into @buf, newlines turned into " / ". */
static void
read_reason(const char *path, char *buf, size_t cap)
{
	char raw[1024];
	ssize_t n = 0;
	size_t o = 0;
	int fd = open(path, O_RDONLY);

	buf[0] = 0;
	if (fd >= 0) {
		n = read(fd, raw, sizeof(raw) - 1);
		close(fd);
	}
	for (ssize_t i = 0; i < n && o + 4 < cap; i++) {
		if (raw[i] != '\n')
			buf[o++] = raw[i];
		else if (i + 1 < n)
			o += snprintf(buf + o, cap - o, " / ");
	}
	buf[o] = 0;
}

/* The child: runs @t in its directory; never returns. */
static void __attribute__((noreturn))
child_main(const struct utest *t)
{
	if (chdir(ut_test_dir) < 0)
		ut_fail(__FILE__, __LINE__, "chdir %s: %s", ut_test_dir,
			strerror(errno));
	umask(022);
	alarm(env_long("UTESTS_TIMEOUT", TIMEOUT_DEFAULT));
	t->fn();
	_exit(0);
}

/* Prints the result line of a test and counts it. */
static void
report(const char *name, int ok, const char *why)
{
	number++;
	if (ok)
		passed++;
	else
		failed++;
	printf("%s %d %s%s%s\n", ok ? "ok" : "not ok", number, name,
	       why && *why ? (ok ? " # " : ": ") : "", why ? why : "");
}

/* Turns a child's wait status and result file into a result line. */
static void
judge(const struct utest *t, int status, const char *reason)
{
	char why[1200];
	int sig;

	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !*reason) {
		report(t->name, 1, NULL);
	} else if (WIFEXITED(status) && WEXITSTATUS(status) == UT_SKIP_STATUS) {
		snprintf(why, sizeof(why), "%s", reason);
		report(t->name, 1, why);
	} else if (WIFEXITED(status)) {
		if (!*reason)
			snprintf(why, sizeof(why), "exited with status %d",
				 WEXITSTATUS(status));
		else if (WEXITSTATUS(status) != 1)
			snprintf(why, sizeof(why), "%s (status %d)", reason,
				 WEXITSTATUS(status));
		else
			snprintf(why, sizeof(why), "%s", reason);
		report(t->name, 0, why);
	} else {
		sig = WTERMSIG(status);
		snprintf(why, sizeof(why), "%s%skilled by signal %d (%s)%s",
			 reason, *reason ? " / " : "", sig, strsignal(sig),
			 sig == SIGALRM ? ": timeout" : "");
		report(t->name, 0, why);
	}
}

/* Prints the time a test took and, in Basalt, its MemFree change. */
static void
print_verbose(const char *name, int64_t start, long kb_before)
{
	long kb = kb_before >= 0 ? ut_memfree_kb() : -1;

	printf("# %s: %lld ms", name,
	       (long long)((ut_now_ns() - start) / 1000000));
	if (kb >= 0)
		printf(", MemFree %+ld kB", kb - kb_before);
	printf("\n");
}

/* Runs one test in a forked child and reports it. */
static void
run_test(const struct utest *t)
{
	char reason[1100];
	int fd, status = 0, pid;
	long kb = ut_basalt() ? ut_memfree_kb() : -1;
	int64_t start = ut_now_ns();

	snprintf(ut_test_dir, sizeof(ut_test_dir), "%s/%s", scratch, t->name);
	snprintf(ut_result_path, sizeof(ut_result_path), "%s/%s.result",
		 scratch, t->name);
	if ((t->flags & UT_BASALT_ONLY) && !ut_basalt()) {
		report(t->name, 1, "SKIP host: Basalt-only behaviour");
		return;
	}
	fd = open(ut_result_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || mkdir(ut_test_dir, 0755) < 0) {
		snprintf(reason, sizeof(reason), "runner: cannot create %s: "
			 "%s", fd < 0 ? ut_result_path : ut_test_dir,
			 strerror(errno));
		report(t->name, 0, reason);
		if (fd >= 0)
			close(fd);
		return;
	}
	close(fd);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0)
		child_main(t);
	if (pid < 0) {
		snprintf(reason, sizeof(reason), "runner: fork: %s",
			 strerror(errno));
		report(t->name, 0, reason);
	} else {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		read_reason(ut_result_path, reason, sizeof(reason));
		judge(t, status, reason);
	}
	remove_tree(ut_test_dir);
	unlink(ut_result_path);
	if (ut_verbose())
		print_verbose(t->name, start, kb);
}

/*
 * The leak check: MemFree must be back within the tolerance.  Orphaned
 * grandchildren are reaped by init in its own time, so a shortfall is
 * re-measured a few times before it counts.
 */
static void
leak_check(long before)
{
	long tol = env_long("UTESTS_LEAK_KB", LEAK_KB_DEFAULT), after = -1;
	struct timespec pause = {0, 50 * 1000 * 1000};
	char why[200];

	if (!ut_basalt()) {
		printf("leak check: skipped on the host (MemFree counts every "
		       "process)\n");
		report("leak_check", 1, "SKIP host: MemFree is system-wide");
		return;
	}
	if (before < 0) {
		printf("leak check: skipped: no MemFree in /proc/meminfo\n");
		report("leak_check", 1, "SKIP no /proc/meminfo");
		return;
	}
	for (int i = 0; i < 20; i++) {
		after = ut_memfree_kb();
		if (after < 0 || before - after <= tol)
			break;
		nanosleep(&pause, NULL);
	}
	snprintf(why, sizeof(why), "MemFree %ld kB before, %ld kB after "
		 "(tolerance %ld kB)", before, after, tol);
	printf("leak check: %s: %s\n", why,
	       after >= 0 && before - after <= tol ? "ok" : "LEAK");
	report("leak_check", after >= 0 && before - after <= tol,
	       after >= 0 && before - after <= tol ? NULL : why);
}

static int
usage(void)
{
	fprintf(stderr, "usage: utests [-v] [-l] [NAME...]\n");
	return 2;
}

/* Lists the tests, one per line, with the Basalt-only ones marked. */
static int
list_tests(void)
{
	for (int i = 0; i < ntests; i++)
		printf("%s%s\n", tests[i]->name,
		       tests[i]->flags & UT_BASALT_ONLY ? " (Basalt only)" :
							  "");
	return 0;
}

/* Returns 0 if every NAME matches a test, else complains and returns -1. */
static int
check_patterns(char **pats, int npats)
{
	for (int i = 0; i < npats; i++) {
		int hit = 0;

		for (int j = 0; j < ntests; j++)
			hit |= fnmatch(pats[i], tests[j]->name, 0) == 0;
		if (!hit) {
			fprintf(stderr, "utests: no test matches %s (see "
				"utests -l)\n", pats[i]);
			return -1;
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct utsname u;
	int opt, list = 0;
	long kb_before;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((opt = getopt(argc, argv, "vl")) != -1) {
		if (opt == 'v')
			ut_verbose_flag = 1;
		else if (opt == 'l')
			list = 1;
		else
			return usage();
	}
	if (collect_tests() < 0)
		return 2;
	if (list)
		return list_tests();
	if (check_patterns(argv + optind, argc - optind) < 0)
		return 2;
	find_bindir(argv[0]);
	for (int fd = 3; fd < 1024; fd++)	/* tests count on 0-2 only */
		close(fd);
	kb_before = ut_basalt() ? ut_memfree_kb() : -1;
	if (make_scratch() < 0)
		return 1;
	if (uname(&u) == 0)
		printf("# utests: %s %s %s, scratch %s, programs in %s\n",
		       u.sysname, u.release, u.machine, scratch, ut_bindir);
	for (int i = 0; i < ntests; i++)
		if (selected(tests[i], argv + optind, argc - optind))
			run_test(tests[i]);
	remove_tree(scratch);
	leak_check(kb_before);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
