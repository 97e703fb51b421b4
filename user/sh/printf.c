/*
 * user/sh/printf.c: the printf builtin.  Each conversion is handed to
 * the C library's printf with the argument converted to the right type;
 * the format is reused while arguments remain, as POSIX requires.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct pf {
	char **av;
	int ac, i;
	int err;
};

/* next_arg - the next argument, or "" when they have run out. */
static const char *
next_arg(struct pf *p)
{
	return p->i < p->ac ? p->av[p->i++] : "";
}

/* num_arg - the next argument as an integer ('c' gives a char code). */
static long long
num_arg(struct pf *p)
{
	const char *s = next_arg(p);
	char *end;
	long long v;

	if (*s == '\'' || *s == '"')
		return (unsigned char)s[1];
	errno = 0;
	v = strtoll(s, &end, 0);
	if (*s && (*end || errno)) {
		sh_error("printf: %s: invalid number", s);
		p->err = 1;
	}
	return v;
}

/* escape - print the escape at @s (after '\'); returns chars used, -1 on \c. */
static int
escape(const char *s)
{
	static const char from[] = "abefnrtv\\\"'",
			  to[] = "\a\b\033\f\n\r\t\v\\\"'";
	const char *k = *s ? strchr(from, *s) : NULL;
	int c = 0, n = 0;

	if (k) {
		putchar(to[k - from]);
		return 1;
	}
	if (*s == 'c')
		return -1;
	if (*s >= '0' && *s <= '7') {
		for (; n < 3 && s[n] >= '0' && s[n] <= '7'; n++)
			c = c * 8 + s[n] - '0';
		putchar(c);
		return n;
	}
	putchar('\\');
	return 0;
}

/*
 * printf_put_b - print @s interpreting backslash escapes as printf %b and
 * echo do (\0nnn octal).  Returns 0, or -1 if \c ended the output.
 */
int
printf_put_b(const char *s)
{
	int n;

	for (; *s; s++) {
		if (*s != '\\') {
			putchar(*s);
			continue;
		}
		if (s[1] == '0')
			s++; /* %b takes \0nnn */
		if ((n = escape(s + 1)) < 0)
			return -1;
		s += n;
	}
	return 0;
}

/* conversion - print one %-spec @spec (length @n) ending in @conv. */
static int
conversion(struct pf *p, const char *spec, size_t n, char conv)
{
	char fmt[64];

	if (n > 40)
		n = 40;
	if (conv == 'b')
		return printf_put_b(next_arg(p));
	if (conv == 's' || conv == 'c') {
		snprintf(fmt, sizeof(fmt), "%.*s%c", (int)n, spec, conv);
		if (conv == 'c')
			printf(fmt, *next_arg(p));
		else
			printf(fmt, next_arg(p));
		return 0;
	}
	snprintf(fmt, sizeof(fmt), "%.*sll%c", (int)n, spec, conv);
	printf(fmt, num_arg(p));
	return 0;
}

/* format_once - print @f once; returns -1 to stop (\c or error). */
static int
format_once(struct pf *p, const char *f)
{
	size_t n;
	int k;

	for (; *f; f++) {
		if (*f == '\\' && f[1] == 'c') {
			putchar('\\'); /* like dash: \c only in %b */
		} else if (*f == '\\') {
			if ((k = escape(f + 1)) < 0)
				return -1;
			f += k;
		} else if (*f != '%') {
			putchar(*f);
		} else if (f[1] == '%') {
			putchar('%');
			f++;
		} else {
			n = 1 + strspn(f + 1, "-+ #0123456789.");
			if (!f[n] || !strchr("diouxXcsb", f[n])) {
				sh_error("printf: %%%c: invalid directive",
					 f[n]);
				return -1;
			}
			if (conversion(p, f, n, f[n]) < 0)
				return -1;
			f += n;
		}
	}
	return 0;
}

/* builtin_printf - "printf format [args]"; returns 0, or 1 on errors. */
int
builtin_printf(int argc, char **argv)
{
	struct pf p = {argv + 2, argc - 2, 0, 0};
	int used;

	if (argc < 2) {
		sh_error("printf: usage: printf format [arg ...]");
		return 2;
	}
	do {
		used = p.i;
		if (format_once(&p, argv[1]) < 0)
			return 1;
	} while (p.i < p.ac && p.i > used);
	return p.err;
}
