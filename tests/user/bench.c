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
 *	pipe_64k		64 KiB write + read through a pipe between
 *				two processes (ns per 64 KiB)
 *	pipe_pingpong		one byte there and back between two
 *				processes over two pipes (two switches)
 *	page_fault_anon		first touch of an anonymous page (the
 *				mapping made once per 256 pages)
 *	signal_roundtrip	raise a signal, run its handler, sigreturn
 *	screen_write_4k		4 KiB of text lines written to /dev/tty1:
 *				the terminal layer, the VT and the
 *				framebuffer, scrolling (ns per 4 KiB;
 *				Basalt only: the host's tty1 is its own)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
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

/* A child that echoes bytes (ping-pong) or drains 64 KiB blocks. */
static int
pipe_child(int in, int out, size_t block, long iters)
{
	static char buf[65536];

	for (long i = 0; i < iters; i++) {
		size_t got = 0;
		while (got < block) {
			ssize_t n = read(in, buf, block - got);
			if (n <= 0)
				return -1;
			got += (size_t)n;
		}
		if (out >= 0 && write(out, buf, block) != (ssize_t)block)
			return -1;
	}
	return 0;
}

/* pipe_run - @iters blocks of @block bytes to a child, echoed if @echo. */
static int
pipe_run(long iters, size_t block, int echo)
{
	static char buf[65536];
	int to[2], from[2], st, pid, ok = 0;

	if (pipe(to) < 0 || pipe(from) < 0)
		return -1;
	if ((pid = fork()) == 0)
		_exit(pipe_child(to[0], echo ? from[1] : -1, block, iters) ? 1 : 0);
	for (long i = 0; i < iters && ok == 0; i++) {
		if (write(to[1], buf, block) != (ssize_t)block)
			ok = -1;
		if (echo && read(from[0], buf, block) != (ssize_t)block)
			ok = -1;
	}
	close(to[0]);
	close(to[1]);
	close(from[0]);
	close(from[1]);
	if (pid < 0 || waitpid(pid, &st, 0) != pid || st != 0)
		return -1;
	return ok;
}

static int
bench_pipe_64k(long iters)
{
	return pipe_run(iters, 65536, 0);
}

static int
bench_pipe_pingpong(long iters)
{
	return pipe_run(iters, 1, 1);
}

static int
bench_page_fault_anon(long iters)
{
	const long chunk = 256;

	for (long done = 0; done < iters; done += chunk) {
		long n = iters - done < chunk ? iters - done : chunk;
		char *p = mmap(NULL, (size_t)n * 4096, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return -1;
		for (long i = 0; i < n; i++)
			p[i * 4096] = 1;
		munmap(p, (size_t)n * 4096);
	}
	return 0;
}

static volatile sig_atomic_t caught;

static void
on_usr1(int sig)
{
	(void)sig;
	caught++;
}

static int
bench_signal_roundtrip(long iters)
{
	signal(SIGUSR1, on_usr1);
	for (long i = 0; i < iters; i++)
		raise(SIGUSR1);
	signal(SIGUSR1, SIG_DFL);
	return caught > 0 ? 0 : -1;
}

static int
bench_screen_write_4k(long iters)
{
	static char text[4096];
	int fd = open("/dev/tty1", O_WRONLY | O_NOCTTY);

	if (fd < 0)
		return -1;
	for (size_t i = 0; i < sizeof(text); i++)	/* 80-column lines */
		text[i] = i % 80 == 79 ? '\n' : 'a' + (char)(i % 26);
	for (long i = 0; i < iters; i++)
		if (write(fd, text, sizeof(text)) != (ssize_t)sizeof(text)) {
			close(fd);
			return -1;
		}
	close(fd);
	return 0;
}

static const struct bench benches[] = {
	{"getpid_syscall", bench_getpid_syscall, 0},
	{"getpid_int80", bench_getpid_int80, 1},
	{"fork_exit_wait", bench_fork_exit_wait, 0},
	{"fork_execve_wait", bench_fork_execve_wait, 0},
	{"pipe_64k", bench_pipe_64k, 0},
	{"pipe_pingpong", bench_pipe_pingpong, 0},
	{"page_fault_anon", bench_page_fault_anon, 0},
	{"signal_roundtrip", bench_signal_roundtrip, 0},
	{"screen_write_4k", bench_screen_write_4k, 1},
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
