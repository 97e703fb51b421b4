/*
 * kernel/types.h: the integer types every Basalt file uses.
 *
 * Only compiler-provided freestanding headers are included, so the pure
 * parts of the kernel (format, cmdline, mb2, ...) also build for the host
 * unit tests.
 */
#pragma once
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t paddr_t;	/* physical address */
typedef uint64_t vaddr_t;	/* kernel virtual address */
typedef uint64_t uaddr_t;	/* user virtual address (never dereferenced) */

#ifndef __ssize_t_defined
typedef long ssize_t;
#define __ssize_t_defined
#endif

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)	(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))

#define __noreturn	__attribute__((noreturn))
#define __packed	__attribute__((packed))
#define __unused	__attribute__((unused))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define __section(s)	__attribute__((section(s)))
#define __used		__attribute__((used))
