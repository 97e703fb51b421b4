/*
 * tests/user/t_mem.c: memory: brk (through the raw system call: musl's
 * sbrk() refuses any increment but 0, its malloc owning the break),
 * anonymous mmap, munmap, mprotect, and musl's malloc, which needs them.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/user/ut.h"

#define MIB (1024 * 1024UL)

/* The break: brk(0) asks, brk(x) sets and returns the new (or old) one. */
static unsigned long
brk_sys(unsigned long addr)
{
	return (unsigned long)syscall(SYS_brk, addr);
}

/* Forks a child that touches @p; it must die of SIGSEGV. */
static void
expect_segv_on_write(volatile char *p)
{
	int pid = OK(fork());

	if (pid == 0) {
		ut_no_core();
		*p = 1;
		_exit(0);
	}
	CHECK_SIGNALED(pid, SIGSEGV);
}

UTEST(brk_grow_shrink)
{
	unsigned long cur = brk_sys(0), top;
	volatile char *p = (volatile char *)cur;

	CHECK_NE(cur, 0);
	CHECK_EQ(brk_sys(0), cur);			/* stable */
	CHECK_EQ(brk_sys(cur + MIB), cur + MIB);
	for (unsigned long i = 0; i < MIB; i += UT_PAGE) {
		CHECK_EQ(p[i], 0);			/* fresh and zeroed */
		p[i] = (char)(i >> 12);
	}
	CHECK_EQ(p[MIB - 1], 0);
	p[MIB - 1] = 7;
	CHECK_EQ(p[UT_PAGE * 3], 3);
	CHECK_EQ(brk_sys(cur + MIB / 2), cur + MIB / 2);
	expect_segv_on_write(p + MIB - 1);		/* given back */
	CHECK_EQ(p[UT_PAGE * 3], 3);			/* the rest kept */
	CHECK_EQ(brk_sys(cur + MIB), cur + MIB);
	CHECK_EQ(p[MIB - 1], 0);			/* zero again */
	top = brk_sys(cur);
	CHECK_EQ(top, cur);
}

UTEST(brk_refuses)
{
	unsigned long cur = brk_sys(0);

	/* Failure returns the current break, never -1 (as brk(2) says). */
	CHECK_EQ(brk_sys(0x900000000000UL), cur);	/* past user space */
	CHECK_EQ(brk_sys(0xffffffff80000000UL), cur);	/* kernel space */
	CHECK_EQ(brk_sys(UT_PAGE), cur);		/* below the start */
	CHECK_EQ(brk_sys(0), cur);
}

UTEST(brk_survives_fork)
{
	unsigned long cur = brk_sys(0);
	volatile char *p = (volatile char *)cur;
	int pid;

	CHECK_EQ(brk_sys(cur + 8 * UT_PAGE), cur + 8 * UT_PAGE);
	p[0] = 'P';
	pid = OK(fork());
	if (pid == 0) {
		CHECK_EQ(brk_sys(0), cur + 8 * UT_PAGE);
		CHECK_EQ(p[0], 'P');
		p[0] = 'C';				/* copy-on-write */
		CHECK_EQ(brk_sys(cur + 16 * UT_PAGE), cur + 16 * UT_PAGE);
		p[15 * UT_PAGE] = 1;
		_exit(0);
	}
	CHECK_EXIT(pid, 0);
	CHECK_EQ(p[0], 'P');
	CHECK_EQ(brk_sys(0), cur + 8 * UT_PAGE);
}

UTEST(mmap_anonymous)
{
	size_t len = 64 * UT_PAGE;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	CHECK_EQ((unsigned long)p % UT_PAGE, 0);
	for (size_t i = 0; i < len; i += UT_PAGE)
		CHECK_EQ(p[i], 0);
	memset(p, 0xa5, len);
	OK(munmap(p + 16 * UT_PAGE, 16 * UT_PAGE));	/* a hole */
	CHECK_EQ((unsigned char)p[15 * UT_PAGE], 0xa5);
	CHECK_EQ((unsigned char)p[32 * UT_PAGE], 0xa5);
	expect_segv_on_write(p + 16 * UT_PAGE);
	OK(munmap(p, len));				/* hole included */
	expect_segv_on_write(p);
	CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) ==
	      MAP_FAILED && errno == EINVAL);
	CHECK_ERR(munmap(p + 1, UT_PAGE), EINVAL);
}

UTEST(mprotect_readonly)
{
	char *p = mmap(NULL, 2 * UT_PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	p[0] = 1;
	OK(mprotect(p, UT_PAGE, PROT_READ));
	CHECK_EQ(p[0], 1);				/* still readable */
	expect_segv_on_write(p);
	p[UT_PAGE] = 2;					/* other page: RW */
	OK(mprotect(p, UT_PAGE, PROT_READ | PROT_WRITE));
	p[0] = 3;
	/* musl's mprotect() rounds the range; the kernel does not. */
	CHECK_ERR(syscall(SYS_mprotect, p + 1, UT_PAGE, PROT_READ), EINVAL);
}

/* Forks a child that reads @p; it must die of SIGSEGV. */
static void
expect_segv_on_read(volatile char *p)
{
	int pid = OK(fork());

	if (pid == 0) {
		ut_no_core();
		_exit(*p);
	}
	CHECK_SIGNALED(pid, SIGSEGV);
}

/* PROT_NONE denies every access but keeps the data for mprotect back. */
UTEST(mprotect_none_keeps_data)
{
	char *p = mmap(NULL, UT_PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	p[7] = 42;
	OK(mprotect(p, UT_PAGE, PROT_NONE));
	expect_segv_on_read(p);
	expect_segv_on_write(p);
	CHECK_ERR(write(1, p, 1), EFAULT);
	OK(mprotect(p, UT_PAGE, PROT_READ | PROT_WRITE));
	CHECK_EQ(p[7], 42);
	OK(munmap(p, UT_PAGE));
}

/*
 * A page read-only at fork and made writable afterwards is still shared
 * with the child: the first write must copy it, not write through.
 */
UTEST(cow_survives_mprotect)
{
	char *p = mmap(NULL, UT_PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fds[2], pid;
	char c = 0;

	CHECK(p != MAP_FAILED);
	p[0] = 'a';
	OK(mprotect(p, UT_PAGE, PROT_READ));
	OK(pipe(fds));
	pid = OK(fork());
	if (pid == 0) {
		close(fds[1]);
		if (read(fds[0], &c, 1) != 1)	/* wait for the parent's write */
			_exit(2);
		_exit(p[0] == 'a' ? 0 : 1);
	}
	close(fds[0]);
	OK(mprotect(p, UT_PAGE, PROT_READ | PROT_WRITE));
	p[0] = 'b';
	CHECK_EQ(write(fds[1], "x", 1), 1);
	close(fds[1]);
	CHECK_EXIT(pid, 0);
	CHECK_EQ(p[0], 'b');
	OK(munmap(p, UT_PAGE));
}

UTEST(malloc_small_and_large)
{
	enum { N = 2000 };
	char *small[N], *big;

	for (int i = 0; i < N; i++) {
		small[i] = malloc(16 + i % 200);
		CHECK(small[i] != NULL);
		memset(small[i], i & 0xff, 16);
	}
	big = malloc(8 * MIB);			/* musl: its own mmap */
	CHECK(big != NULL);
	memset(big, 0x33, 8 * MIB);
	for (int i = 0; i < N; i++) {
		CHECK_EQ((unsigned char)small[i][15], i & 0xff);
		free(small[i]);
	}
	CHECK_EQ(big[8 * MIB - 1], 0x33);
	free(big);
	big = calloc(1, 3 * MIB);
	CHECK(big != NULL);
	CHECK_EQ(big[3 * MIB - 1], 0);
	free(big);
}

UTEST(stack_grows)
{
	/* 1 MiB of stack below main's frame: the kernel extends it. */
	volatile char buf[1024 * 1024];

	buf[0] = 1;
	buf[sizeof(buf) - 1] = 2;
	for (size_t i = 0; i < sizeof(buf); i += UT_PAGE)
		buf[i] = (char)i;
	CHECK_EQ(buf[UT_PAGE], (char)UT_PAGE);
}

UTEST(mmap_shared_anonymous_visible_across_fork)
{
	volatile int *shared = mmap(NULL, UT_PAGE * 4, PROT_READ | PROT_WRITE,
				    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int pid;

	CHECK(shared != MAP_FAILED);
	shared[0] = 1;
	pid = OK(fork());
	if (pid == 0) {
		shared[0] = 42;
		shared[UT_PAGE / sizeof(int)] = 7;	/* page 2, untouched */
		_exit(0);
	}
	OK(waitpid(pid, NULL, 0));
	CHECK_EQ(shared[0], 42);
	CHECK_EQ(shared[UT_PAGE / sizeof(int)], 7);
	OK(munmap((void *)shared, UT_PAGE * 4));
}

UTEST(mmap_private_file_reads_contents)
{
	char data[6000];
	int fd;
	char *map;

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)('a' + i % 26);
	ut_write_file("f", data, sizeof(data));
	fd = OK(open("f", O_RDONLY));
	map = mmap(NULL, sizeof(data), PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(map != MAP_FAILED);
	CHECK_MEMEQ(map, data, sizeof(data));
	CHECK_EQ(map[sizeof(data)], 0);		/* the rest of the page */
	OK(munmap(map, sizeof(data)));
	close(fd);
}

UTEST(madvise_dontneed_zeroes_private_pages)
{
	char *p = mmap(NULL, UT_PAGE * 2, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	p[0] = 'x';
	p[UT_PAGE] = 'y';
	OK(madvise(p, UT_PAGE * 2, MADV_DONTNEED));
	CHECK_EQ(p[0], 0);
	CHECK_EQ(p[UT_PAGE], 0);
	OK(munmap(p, UT_PAGE * 2));
}

/*
 * A child that maps and touches memory until something gives: in Basalt
 * the whole machine's memory (the child ends with ENOMEM from mmap, or is
 * killed when a page cannot be found); on the Linux host RLIMIT_AS keeps
 * it to 256 MiB.  The parent must be told, and the system must carry on.
 */
UTEST(memory_exhaustion_in_child_leaves_system_up)
{
	int st, pid = OK(fork());
	char *again;

	if (pid == 0) {
		if (!ut_basalt()) {
			struct rlimit rl = { 256 << 20, 256 << 20 };
			OK(setrlimit(RLIMIT_AS, &rl));
		}
		for (;;) {
			char *p = mmap(NULL, 16 << 20, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (p == MAP_FAILED)
				_exit(errno == ENOMEM ? 0 : 1);
			for (size_t i = 0; i < (16u << 20); i += UT_PAGE)
				p[i] = 1;
		}
	}
	OK(waitpid(pid, &st, 0));
	CHECK((WIFEXITED(st) && WEXITSTATUS(st) == 0) ||
	      (WIFSIGNALED(st) && (WTERMSIG(st) == SIGKILL ||
				   WTERMSIG(st) == SIGSEGV ||
				   WTERMSIG(st) == SIGBUS)));
	again = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);	/* still works */
	CHECK(again != MAP_FAILED);
	again[0] = 1;
	OK(munmap(again, 1 << 20));
}

/* Two mappings placed by the kernel are not adjacent: a guard gap. */
UTEST(mmap_leaves_guard_gaps)
{
	char *a = mmap(NULL, UT_PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *b = mmap(NULL, UT_PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(a != MAP_FAILED && b != MAP_FAILED);
	if (ut_basalt())		/* Linux packs them; Basalt keeps a gap */
		CHECK(b + UT_PAGE != a && a + UT_PAGE != b);
	OK(munmap(a, UT_PAGE));
	OK(munmap(b, UT_PAGE));
}

static volatile char *volatile expect_segv_target;

/* A crash with no core limit reports no core dump (WCOREDUMP clear), on
 * Linux because RLIMIT_CORE is 0, in Basalt because none is written. */
UTEST(segv_status_reports_no_core_dump)
{
	int pid = OK(fork()), st;

	if (pid == 0) {
		ut_no_core();
		expect_segv_target = (volatile char *)16;
		*expect_segv_target = 1;
		_exit(0);
	}
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	CHECK(!WCOREDUMP(st));
}
