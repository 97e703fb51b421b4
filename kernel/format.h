/*
 * kernel/format.h: printf-style formatting into a buffer (kernel/format.c).
 *
 * Conversions: %d %i %u %x %X %o %p %s %c %%; length modifiers hh h l ll z t;
 * flags '-' (left align), '0' (zero pad), ' ', '+', '#'; a field width and a
 * precision, either of which may be '*'.  %p prints 0x and 16 hex digits.
 * An unknown conversion is copied through literally.  A NULL %s prints
 * "(null)".  Context: pure, reentrant, any context.
 */
#pragma once
#include "kernel/types.h"

/*
 * kvsnprintf - format into @buf of @size bytes, always NUL-terminated when
 * @size > 0.  Returns the length the full output would have had (as C99
 * vsnprintf does), so a result >= @size means it was truncated.
 */
int	kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int	ksnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
