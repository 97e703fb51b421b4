/*
 * tests/user/t_errors.c: bad pointers and bad system calls: EFAULT from
 * unmapped, kernel and read-only addresses, ENOSYS for unknown numbers,
 * the registers the `syscall` instruction keeps, and the `int $0x80`
 * entry (Basalt only).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/user/ut.h"

static const char rodata[UT_PAGE] = "read-only data";

UTEST(efault_write)
{
	int fd = OK(open("f", O_CREAT | O_RDWR | O_TRUNC, 0644));
	struct stat st;

	CHECK_ERR(write(fd, ut_ptr(UT_BAD_LOW), 16), EFAULT);
	CHECK_ERR(write(fd, ut_ptr(UT_BAD_KERNEL), 16), EFAULT);
	CHECK_ERR(write(fd, ut_ptr(0x800000000000UL), 16), EFAULT);
	CHECK_ERR(write(fd, ut_ptr(-4096UL), 16), EFAULT);
	OK(fstat(fd, &st));
	CHECK_EQ(st.st_size, 0);		/* nothing written */
	CHECK_EQ(write(fd, ut_ptr(UT_BAD_LOW), 0), 0);	/* nothing to do */
	CHECK_EQ(write(fd, rodata, 16), 16);	/* read-only is readable */
}

UTEST(efault_read)
{
	int fd;

	ut_write_file("f", "0123456789abcdef", 16);
	fd = OK(open("f", O_RDONLY));
	CHECK_ERR(read(fd, ut_ptr(UT_BAD_LOW), 16), EFAULT);
	CHECK_ERR(read(fd, ut_ptr(UT_BAD_KERNEL), 16), EFAULT);
	CHECK_ERR(read(fd, (void *)rodata, 16), EFAULT);	/* no write */
	CHECK_ERR(read(fd, (void *)ut_now_ns, 16), EFAULT);	/* text */
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);	/* offset unmoved */
	CHECK_STREQ(rodata, "read-only data");
}

UTEST(efault_iovec)
{
	char buf[8];
	struct iovec bad_base[2] = {{buf, 4}, {ut_ptr(UT_BAD_KERNEL), 4}};
	int fd = OK(open("f", O_CREAT | O_RDWR | O_TRUNC, 0644));

	CHECK_ERR(writev(fd, ut_ptr(UT_BAD_LOW), 1), EFAULT);
	CHECK_ERR(writev(fd, ut_ptr(UT_BAD_KERNEL), 1), EFAULT);
	CHECK_ERR(readv(fd, ut_ptr(UT_BAD_LOW), 1), EFAULT);
	bad_base[0].iov_len = 0;
	CHECK_ERR(writev(fd, bad_base, 2), EFAULT);
}

UTEST(efault_paths)
{
	struct stat st;

	CHECK_ERR(open(ut_ptr(UT_BAD_LOW), O_RDONLY), EFAULT);
	CHECK_ERR(open(ut_ptr(UT_BAD_KERNEL), O_RDONLY), EFAULT);
	CHECK_ERR(open(ut_ptr(UT_BAD_LOW), O_CREAT | O_WRONLY, 0644), EFAULT);
	CHECK_ERR(stat(ut_ptr(UT_BAD_LOW), &st), EFAULT);
	CHECK_ERR(mkdir(ut_ptr(UT_BAD_KERNEL), 0755), EFAULT);
	CHECK_ERR(unlink(ut_ptr(UT_BAD_LOW)), EFAULT);
	CHECK_ERR(chdir(ut_ptr(UT_BAD_LOW)), EFAULT);
	CHECK_ERR(rename(ut_ptr(UT_BAD_LOW), "x"), EFAULT);
	ut_write_file("f", "x", 1);
	CHECK_ERR(rename("f", ut_ptr(UT_BAD_KERNEL)), EFAULT);
	CHECK_ERR(symlink("f", ut_ptr(UT_BAD_LOW)), EFAULT);
}

UTEST(efault_out_structs)
{
	int fd;

	ut_write_file("f", "x", 1);
	fd = OK(open("f", O_RDONLY));
	/* raw: musl's stat() family fills a kernel struct, then copies */
	CHECK_ERR(syscall(SYS_stat, "f", ut_ptr(UT_BAD_LOW)), EFAULT);
	CHECK_ERR(syscall(SYS_fstat, fd, ut_ptr(UT_BAD_KERNEL)), EFAULT);
	CHECK_ERR(syscall(SYS_fstat, fd, rodata), EFAULT);
	CHECK_ERR(syscall(SYS_newfstatat, AT_FDCWD, "f", ut_ptr(UT_BAD_LOW),
			  0), EFAULT);
	CHECK_ERR(uname(ut_ptr(UT_BAD_LOW)), EFAULT);
	CHECK_ERR(syscall(SYS_getcwd, ut_ptr(UT_BAD_LOW), 4096), EFAULT);
	/* raw: musl's clock_gettime may use the vDSO, which would crash */
	CHECK_ERR(syscall(SYS_clock_gettime, CLOCK_MONOTONIC,
			  ut_ptr(UT_BAD_LOW)), EFAULT);
	CHECK_ERR(syscall(SYS_nanosleep, ut_ptr(UT_BAD_KERNEL), NULL), EFAULT);
	OK(symlink("f", "s"));
	CHECK_ERR(readlink("s", ut_ptr(UT_BAD_LOW), 16), EFAULT);
}

UTEST(efault_wait_status)
{
	int pid = OK(fork());

	if (pid == 0)
		_exit(0);
	CHECK_ERR(waitpid(pid, ut_ptr(UT_BAD_LOW), 0), EFAULT);
	/* Linux reaps the child first and copies the status out after. */
	CHECK_ERR(waitpid(pid, NULL, 0), ECHILD);
}

UTEST(enosys_unknown)
{
	CHECK_ERR(syscall(1000), ENOSYS);
	CHECK_ERR(syscall(100000), ENOSYS);
	CHECK_ERR(syscall(-1L), ENOSYS);
}

/* getpid through the `syscall` instruction; rcx and r11 are clobbered. */
static long
raw_getpid(void)
{
	long ret = SYS_getpid;

	__asm__ volatile("syscall" : "+a"(ret) : : "rcx", "r11", "memory");
	return ret;
}

UTEST(syscall_insn_getpid)
{
	CHECK_EQ(raw_getpid(), getpid());
}

/*
 * The `syscall` instruction keeps every register but rax, rcx and r11.
 * Each one gets a distinct value before getpid and is compared after.
 */
UTEST(syscall_preserves_registers)
{
	unsigned long in[9] = {0x1111111111111111, 0x2222222222222222,
			       0x3333333333333333, 0x4444444444444444,
			       0x5555555555555555, 0x6666666666666666,
			       0x7777777777777777, 0x8888888888888888,
			       0x9999999999999999};
	unsigned long out[9];
	long ret = SYS_getpid;

	__asm__ volatile("mov 0(%[i]), %%rdi\n\tmov 8(%[i]), %%rsi\n\t"
			 "mov 16(%[i]), %%rdx\n\tmov 24(%[i]), %%r10\n\t"
			 "mov 32(%[i]), %%r8\n\tmov 40(%[i]), %%r9\n\t"
			 "mov 48(%[i]), %%r12\n\tmov 56(%[i]), %%r13\n\t"
			 "mov 64(%[i]), %%r14\n\t"
			 "syscall\n\t"
			 "mov %%rdi, 0(%[o])\n\tmov %%rsi, 8(%[o])\n\t"
			 "mov %%rdx, 16(%[o])\n\tmov %%r10, 24(%[o])\n\t"
			 "mov %%r8, 32(%[o])\n\tmov %%r9, 40(%[o])\n\t"
			 "mov %%r12, 48(%[o])\n\tmov %%r13, 56(%[o])\n\t"
			 "mov %%r14, 64(%[o])"
			 : "+a"(ret)
			 : [i] "r"(in), [o] "r"(out)
			 : "rcx", "r11", "rdi", "rsi", "rdx", "r10", "r8", "r9",
			   "r12", "r13", "r14", "memory");
	CHECK_EQ(ret, getpid());
	for (int i = 0; i < 9; i++)
		CHECK_EQ(out[i], in[i]);
}

/*
 * Basalt's `int $0x80` takes the x86_64 numbers and registers; Linux's is
 * the i386 table (20 is getpid there, 39 mkdir), so this is Basalt-only.
 */
UTEST_BASALT(int80_getpid)
{
	long ret = SYS_getpid;

	__asm__ volatile("int $0x80" : "+a"(ret) : : "rcx", "r11", "memory");
	CHECK_EQ(ret, getpid());
	ret = 1000;
	__asm__ volatile("int $0x80" : "+a"(ret) : : "rcx", "r11", "memory");
	CHECK_EQ(ret, -ENOSYS);
}
