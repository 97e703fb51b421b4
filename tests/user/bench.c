/*
 * tests/user/bench.c: system-call micro-benchmarks.
 *
 *	bench [-t MS] [NAME...]
 *
 * Prints one machine-readable line per benchmark,
 *	BENCH name=getpid_syscall ns_per_op=123.4 iters=N
 * measured with CLOCK_MONOTONIC; the iteration count doubles until one
 * round takes at least MS milliseconds (default 200).  A benchmark that
 * cannot run here prints `# name: skipped: why` instead.  Never asserts
 * anything about speed; exits 1 only if a benchmark failed to run.
 *
 *	getpid_syscall		getpid through the `syscall` instruction
 *	getpid_int80		getpid through `int $0x80` with the x86_64
 *				numbers (Basalt only: Linux's int 0x80 is
 *				the i386 table)
 *	fork_exit_wait		fork, child _exit(0), waitpid
 *	fork_execve_wait	fork, child execve(true_min), waitpid
 */
#define _GNU_SOURCE
#include <fnmatch.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct bench {
	const char *name;
	int	  (*fn)(long iters);	/* returns 0, or -1 if it failed */
	int	    basalt_only;
};

static char true_min[PATH_MAX + 16];

static int64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int
bench_getpid_syscall(long iters)
{
	for (long i = 0; i < iters; i++) {
		long ret = SYS_getpid;

		__asm__ volatile("syscall"
				 : "+a"(ret)
				 :
				 : "rcx", "r11", "memory");
	}
	return 0;
}

static int
bench_getpid_int80(long iters)
{
	for (long i = 0; i < iters; i++) {
		long ret = SYS_getpid;

		__asm__ volatile("int $0x80"
				 : "+a"(ret)
				 :
				 : "rcx", "r11", "memory");
	}
	return 0;
}

static int
bench_fork_exit_wait(long iters)
{
	for (long i = 0; i < iters; i++) {
		int st, pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid < 0 || waitpid(pid, &st, 0) != pid || st != 0)
			return -1;
	}
	return 0;
}

static int
bench_fork_execve_wait(long iters)
{
	char *argv[] = {"true_min", NULL}, *envp[] = {NULL};

	for (long i = 0; i < iters; i++) {
		int st, pid = fork();

		if (pid == 0) {
			execve(true_min, argv, envp);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &st, 0) != pid || st != 0)
			return -1;
	}
	return 0;
}

static const struct bench benches[] = {
	{"getpid_syscall", bench_getpid_syscall, 0},
	{"getpid_int80", bench_getpid_int80, 1},
	{"fork_exit_wait", bench_fork_exit_wait, 0},
	{"fork_execve_wait", bench_fork_execve_wait, 0},
};

/* Runs @b with doubling counts until a round lasts @min_ns; reports it. */
static int
run_bench(const struct bench *b, int64_t min_ns)
{
	int64_t t0, dt = 0;
	long n = 1;

	if (b->fn(1) < 0)	/* warm up, and fail early */
		goto fail;
	for (;;) {
		t0 = now_ns();
		if (b->fn(n) < 0)
			goto fail;
		dt = now_ns() - t0;
		if (dt >= min_ns || n >= LONG_MAX / 2)
			break;
		n *= 2;
	}
	printf("BENCH name=%s ns_per_op=%.1f iters=%ld\n", b->name,
	       (double)dt / n, n);
	return 0;
fail:
	printf("# %s: failed to run\n", b->name);
	return -1;
}

/* Puts the path of true_min, next to argv[0] or in /bin, in true_min[]. */
static void
find_true_min(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');

	if (slash)
		snprintf(true_min, sizeof(true_min), "%.*s/true_min",
			 (int)(slash - argv0), argv0);
	else
		snprintf(true_min, sizeof(true_min), "/bin/true_min");
}

static int
wanted(const char *name, char **pats, int npats)
{
	for (int i = 0; i < npats; i++)
		if (fnmatch(pats[i], name, 0) == 0)
			return 1;
	return npats == 0;
}

int
main(int argc, char **argv)
{
	struct utsname u;
	int64_t min_ns = 200 * 1000000LL;
	int basalt, opt, bad = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((opt = getopt(argc, argv, "t:")) != -1) {
		if (opt != 't') {
			fprintf(stderr, "usage: bench [-t MS] [NAME...]\n");
			return 2;
		}
		min_ns = atol(optarg) * 1000000LL;
	}
	basalt = uname(&u) == 0 && strcmp(u.sysname, "Basalt") == 0;
	find_true_min(argv[0]);
	for (size_t i = 0; i < sizeof(benches) / sizeof(benches[0]); i++) {
		const struct bench *b = &benches[i];

		if (!wanted(b->name, argv + optind, argc - optind))
			continue;
		if (b->basalt_only && !basalt)
			printf("# %s: skipped: Basalt only\n", b->name);
		else if (run_bench(b, min_ns) < 0)
			bad = 1;
	}
	return bad;
}
