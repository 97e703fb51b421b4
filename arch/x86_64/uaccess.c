/*
 * arch/x86_64/uaccess.c: the checks and the SMAP window around the copy
 * routines of usercopy.asm (kernel/uaccess.h).
 */
#include "arch/arch.h"
#include "arch/x86_64/cpu.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"

long	x86_copy_user(void *dst, const void *src, size_t n);
long	x86_zero_user(void *dst, size_t n);
long	x86_strncpy_user(char *dst, const char *src, size_t max);

/* stac/clac exist only with SMAP; elsewhere user pages are always open. */
static inline void
open_user(void)
{
	if (x86_cpu.smap)
		__asm__ volatile("stac" ::: "memory");
}

static inline void
close_user(void)
{
	if (x86_cpu.smap)
		__asm__ volatile("clac" ::: "memory");
}

bool
user_range_ok(uaddr_t addr, size_t len)
{
	return addr + len >= addr && addr + len <= USER_TOP;
}

int
copy_from_user(void *dst, uaddr_t src, size_t len)
{
	long err;

	if (!user_range_ok(src, len))
		return -EFAULT;
	open_user();
	err = x86_copy_user(dst, (const void *)src, len);
	close_user();
	return (int)err;
}

int
copy_to_user(uaddr_t dst, const void *src, size_t len)
{
	long err;

	if (!user_range_ok(dst, len))
		return -EFAULT;
	open_user();
	err = x86_copy_user((void *)dst, src, len);
	close_user();
	return (int)err;
}

int
clear_user(uaddr_t dst, size_t len)
{
	long err;

	if (!user_range_ok(dst, len))
		return -EFAULT;
	open_user();
	err = x86_zero_user((void *)dst, len);
	close_user();
	return (int)err;
}

long
strncpy_from_user(char *dst, uaddr_t src, size_t max)
{
	long n;

	if (src >= USER_TOP || max == 0)
		return -EFAULT;
	if (max > USER_TOP - src)
		max = USER_TOP - src;
	open_user();
	n = x86_strncpy_user(dst, (const char *)src, max);
	close_user();
	if (n < 0)
		return n;
	return (size_t)n == max ? -ENAMETOOLONG : n;
}
