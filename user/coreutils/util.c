/* user/coreutils/util.c: helpers shared by the utilities. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cu.h"

/* cu_err - print "prog: MESSAGE" on stderr. */
void
cu_err(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", cu_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* cu_errno - print "prog: MESSAGE: strerror(errno)" on stderr. */
void
cu_errno(const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	fflush(stdout);
	fprintf(stderr, "%s: ", cu_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(e));
}

/* cu_usage - report a usage error GNU-style; returns exit status 1. */
int
cu_usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cu_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", cu_prog);
	return 1;
}

/*
 * cu_badopt - report the option getopt just rejected, GNU-style, given
 * the option string it was called with. Returns exit status 1.
 */
int
cu_badopt(const char *opts)
{
	if (optopt && strchr(opts, optopt))
		return cu_usage("option requires an argument -- '%c'", optopt);
	return cu_usage("invalid option -- '%c'", optopt);
}

/* cu_write_all - write all of @buf to @fd. Returns 0 or -1 (errno set). */
int
cu_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

/* cu_copy_fd - copy @in to @out until EOF. Returns 0, -1 on a read
 * error or -2 on a write error (errno set either way). */
int
cu_copy_fd(int in, int out)
{
	char buf[8192];
	ssize_t n;

	for (;;) {
		n = read(in, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			return 0;
		if (cu_write_all(out, buf, n) < 0)
			return -2;
	}
}

/*
 * cu_human - format @n bytes as ls -h / du -h do: at most three
 * significant characters, rounded up, with a K/M/G/T suffix.
 */
void
cu_human(unsigned long long n, char *buf, size_t len)
{
	static const char units[] = "KMGTPE";
	double v = n;
	int u = -1;

	while (v >= 1024 && u < 5) {
		v /= 1024;
		u++;
	}
	if (u < 0) {
		snprintf(buf, len, "%llu", n);
		return;
	}
	if (v < 10) {
		v = (double)(unsigned long long)(v * 10 + 0.999999) / 10;
		if (v < 10) {
			snprintf(buf, len, "%.1f%c", v, units[u]);
			return;
		}
	}
	v = (double)(unsigned long long)(v + 0.999999);
	if (v >= 1024 && u < 5) {
		snprintf(buf, len, "1.0%c", units[u + 1]);
		return;
	}
	snprintf(buf, len, "%.0f%c", v, units[u]);
}

/* cu_base - the last component of @path (no copy; trailing '/' kept). */
const char *
cu_base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* cu_join - malloc'd "dir/name" (no doubled slash). Exits on ENOMEM. */
char *
cu_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	char *p = malloc(n + strlen(name) + 2);

	if (p == NULL) {
		cu_err("out of memory");
		exit(1);
	}
	if (n > 0 && dir[n - 1] == '/')
		sprintf(p, "%s%s", dir, name);
	else
		sprintf(p, "%s/%s", dir, name);
	return p;
}

/*
 * cu_read_file - read up to @len-1 bytes of @path into @buf, NUL-terminated.
 * Returns the byte count or -1 (errno set).
 */
int
cu_read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, tot = 0;

	if (fd < 0)
		return -1;
	while (tot < (ssize_t)len - 1) {
		n = read(fd, buf + tot, len - 1 - tot);
		if (n <= 0)
			break;
		tot += n;
	}
	close(fd);
	buf[tot] = 0;
	return tot;
}
