/*
 * kernel/uaccess.h: the only way the kernel touches user memory.
 *
 * Each routine checks that the user range lies wholly below USER_TOP
 * (a kernel address from a program is -EFAULT, never followed) and
 * recovers from a fault on an unmapped or protected page through the
 * exception fixup table, returning -EFAULT.  With SMAP on, any other
 * kernel access to user pages faults.  Context: thread (may fault in
 * pages, and so may sleep, once demand paging exists).
 */
#pragma once
#include "kernel/types.h"

int	copy_from_user(void *dst, uaddr_t src, size_t len);
int	copy_to_user(uaddr_t dst, const void *src, size_t len);
int	clear_user(uaddr_t dst, size_t len);

/*
 * strncpy_from_user - copy a NUL-terminated string of at most @max - 1
 * characters into @dst.  Returns its length, -ENAMETOOLONG when no NUL
 * came within @max bytes (@dst then holds no string), or -EFAULT.
 */
long	strncpy_from_user(char *dst, uaddr_t src, size_t max);

/* user_range_ok - whether [@addr, @addr + @len) is a user range. */
bool	user_range_ok(uaddr_t addr, size_t len);
