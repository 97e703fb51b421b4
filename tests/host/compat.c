/*
 * tests/host/compat.c: what the kernel's string.h promises but an older
 * host libc lacks.  glibc gained strlcpy only in 2.38.  The definition is
 * weak so that a strong one linked into the tests wins; where libc has one
 * too, this one is used and behaves identically.
 */
#include "kernel/string.h"

/*
 * strlcpy - copy @src into @dst (@size bytes), terminated if @size > 0.
 * Returns strlen(@src), so a result >= @size means it was truncated.
 */
__attribute__((weak)) size_t
strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);
	size_t n;

	if (size == 0)
		return len;
	n = len < size - 1 ? len : size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
	return len;
}
