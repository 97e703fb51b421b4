/* user/coreutils/text.c: head, tail, wc, tee. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cu.h"

/* open_in - open @name for reading ("-" is stdin). Returns fd or -1. */
static int
open_in(const char *name)
{
	return strcmp(name, "-") ? open(name, O_RDONLY) : 0;
}

/* slurp - read all of @fd into a malloc'd buffer; *@len gets its size. */
static char *
slurp(int fd, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	ssize_t r;

	while (buf && (r = read(fd, buf + n, cap - n)) > 0) {
		n += r;
		if (n == cap) {
			char *bigger = realloc(buf, cap *= 2);
			if (!bigger)
				free(buf);
			buf = bigger;
		}
	}
	*len = n;
	return buf;		/* NULL: out of memory */
}

/*
 * head_stream - the first @n lines (or bytes, @bytes) of @fd, read a chunk
 * at a time and stopping there: head must not wait for the end of a pipe
 * that may never end (yes | head).  Returns 0, or -1 on a read error.
 */
static int
head_stream(int fd, long n, int bytes)
{
	char buf[8192];
	ssize_t r;
	size_t take;

	while (n > 0 && (r = read(fd, buf, sizeof(buf))) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (bytes) {
			take = (size_t)r < (size_t)n ? (size_t)r : (size_t)n;
			n -= (long)take;
		} else {
			for (take = 0; take < (size_t)r && n > 0;)
				if (buf[take++] == '\n')
					n--;
		}
		fwrite(buf, 1, take, stdout);
	}
	return 0;
}

/* parse_count - parse a -n/-c argument; *@sign gets its leading '+' or
 * '-' (or 0). Returns 0 or -1. */
static int
parse_count(const char *s, long *out, int *sign)
{
	char *end;

	*sign = *s == '+' || *s == '-' ? *s : 0;
	*out = strtol(s + (*sign != 0), &end, 10);
	return *s == 0 || *end || *out < 0 ? -1 : 0;
}

static int tail_follow; /* tail -f */

/* head_tail_opts - shared option parsing; returns -1 on a usage error. */
static int
head_tail_opts(int argc, char **argv, const char *opts, long *n, int *bytes,
	       int *sign)
{
	int c;

	*n = 10;
	*bytes = 0;
	*sign = 0;
	/* "-20": the old form of "-n 20", which scripts still use (GNU
	 * accepts it as the first argument) */
	if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' &&
	    argv[1][1] <= '9') {
		const char *d = argv[1] + 1;

		while (*d >= '0' && *d <= '9')
			d++;
		if (*d)	/* GNU's -NUMc and friends are not supported */
			exit(cu_usage("invalid trailing option -- %c", *d));
		*n = strtol(argv[1] + 1, NULL, 10);
		optind = 2;
	}
	while ((c = getopt(argc, argv, opts)) != -1) {
		if (c == '?')
			return -1;
		if (c == 'f')
			tail_follow = 1;
		if (c != 'n' && c != 'c')
			continue;
		*bytes = c == 'c';
		if (parse_count(optarg, n, sign) < 0) {
			cu_err("invalid number of %s: '%s'",
			       *bytes ? "bytes" : "lines", optarg);
			exit(1);
		}
	}
	return 0;
}

/* first_lines - the offset just past the first @n lines of @buf. */
static size_t
first_lines(const char *buf, size_t len, long n)
{
	size_t i;
	long seen = 0;

	for (i = 0; i < len && seen < n; i++)
		if (buf[i] == '\n')
			seen++;
	return i;
}

/* last_lines - the offset where the last @n lines of @buf start (a
 * final line without a newline counts as a line). */
static size_t
last_lines(const char *buf, size_t len, long n)
{
	size_t i = len;
	long seen = 0;

	if (n == 0)
		return len;
	if (i > 0 && buf[i - 1] == '\n')
		i--;
	while (i > 0 && (buf[i - 1] != '\n' || ++seen < n))
		i--;
	return i;
}

/*
 * emit - output the part of @buf that head (!@tail) or tail selects:
 * @n lines or (@bytes) bytes; head -N: all but the last N, tail +N:
 * from the Nth on.
 */
static void
emit(const char *buf, size_t len, long n, int bytes, int tail, int sign)
{
	size_t start = 0, end = len, k = (size_t)n;

	if (!tail && bytes)
		end = sign == '-' ? (len > k ? len - k : 0)
				  : (k < len ? k : len);
	else if (!tail)
		end = sign == '-' ? last_lines(buf, len, n)
				  : first_lines(buf, len, n);
	else if (bytes)
		start = sign == '+' ? (k > 0 ? k - 1 : 0)
				    : (len > k ? len - k : 0);
	else
		start = sign == '+' ? first_lines(buf, len, n > 0 ? n - 1 : 0)
				    : last_lines(buf, len, n);
	if (start < end)
		fwrite(buf + start, 1, end - start, stdout);
}

/* tail_follow_fd - tail -f: copy whatever is appended to @fd, forever,
 * polling once a second (Basalt has no inotify). Does not return. */
static void
tail_follow_fd(int fd)
{
	struct timespec ts = {1, 0};

	for (;;) {
		fflush(stdout);
		if (cu_copy_fd(fd, 1) < 0)
			exit(1);
		nanosleep(&ts, NULL);
	}
}

/* head_tail - common driver for head and tail. */
static int
head_tail(int argc, char **argv, int tail)
{
	long n;
	int bytes, sign, i, fd, rc = 0, many;
	size_t len;
	char *buf;

	const char *opts = tail ? "n:c:qvf" : "n:c:qv";

	if (head_tail_opts(argc, argv, opts, &n, &bytes, &sign) < 0)
		return cu_badopt(opts);
	if (optind >= argc)
		argv[--optind] = "-";
	many = argc - optind > 1;
	for (i = optind; i < argc; i++) {
		if ((fd = open_in(argv[i])) < 0) {
			cu_errno("cannot open '%s' for reading", argv[i]);
			rc = 1;
			continue;
		}
		if (many)
			printf("%s==> %s <==\n", i > optind ? "\n" : "",
			       strcmp(argv[i], "-") ? argv[i]
						    : "standard input");
		if (!tail && sign != '-') {
			if (head_stream(fd, n, bytes) < 0) {
				cu_errno("error reading '%s'", argv[i]);
				rc = 1;
			}
		} else if ((buf = slurp(fd, &len)) == NULL) {
			cu_err("memory exhausted");
			rc = 1;
		} else {
			emit(buf, len, n, bytes, tail, sign);
			free(buf);
		}
		if (tail_follow && i == argc - 1 && fd > 0)
			tail_follow_fd(fd);
		if (fd > 0)
			close(fd);
	}
	return rc;
}

/* cmd_head - first lines (-n N) or bytes (-c N) of files; -n -N / -c -N
 * all but the last N (GNU). */
int
cmd_head(int argc, char **argv)
{
	return head_tail(argc, argv, 0);
}

/* cmd_tail - last lines or bytes (-n N, -n +N from line N, -c N). */
int
cmd_tail(int argc, char **argv)
{
	return head_tail(argc, argv, 1);
}

/* wc_count - count lines, words, bytes of @fd into @c[3]. 0 or -1. */
static int
wc_count(int fd, unsigned long long c[3])
{
	char buf[8192];
	ssize_t n, i;
	int inword = 0;

	c[0] = c[1] = c[2] = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		c[2] += n;
		for (i = 0; i < n; i++) {
			if (buf[i] == '\n')
				c[0]++;
			if (strchr(" \t\n\v\f\r", buf[i]) && buf[i])
				inword = 0;
			else if (!inword) {
				inword = 1;
				c[1]++;
			}
		}
	}
	return n < 0 ? -1 : 0;
}

/* wc_print - print the selected counts with width @w. */
static void
wc_print(unsigned long long c[3], const int sel[3], int w, const char *name)
{
	int i, first = 1;

	for (i = 0; i < 3; i++) {
		if (!sel[i])
			continue;
		printf(first ? "%*llu" : " %*llu", w, c[i]);
		first = 0;
	}
	if (name)
		printf(" %s", name);
	putchar('\n');
}

/*
 * wc_width - GNU's column width: digits of the total size of the regular
 * files among the inputs, at least 7 if any input is not a regular file,
 * and 1 when a single count of a single input is printed.
 */
static int
wc_width(char **names, int n, int nsel)
{
	unsigned long long tot = 0;
	struct stat st;
	int i, w = 1, other = 0;

	for (i = 0; i < n; i++) {
		if (strcmp(names[i], "-") ? stat(names[i], &st) : fstat(0, &st))
			continue;
		if (S_ISREG(st.st_mode))
			tot += st.st_size;
		else
			other = 1;
	}
	for (; tot >= 10; tot /= 10)
		w++;
	if (other && w < 7)
		w = 7;
	return nsel == 1 && n == 1 ? 1 : w;
}

/* cmd_wc - count lines (-l), words (-w), bytes (-c). */
int
cmd_wc(int argc, char **argv)
{
	int c, i, fd, rc = 0, sel[3] = {0, 0, 0}, w;
	unsigned long long cnt[3], tot[3] = {0, 0, 0};

	while ((c = getopt(argc, argv, "lwcm")) != -1) {
		if (c == '?')
			return cu_badopt("lwcm");
		sel[c == 'l' ? 0 : c == 'w' ? 1 : 2] = 1;
	}
	if (!sel[0] && !sel[1] && !sel[2])
		sel[0] = sel[1] = sel[2] = 1;
	if (optind >= argc)
		argv[--optind] = "-";
	w = wc_width(argv + optind, argc - optind, sel[0] + sel[1] + sel[2]);
	for (i = optind; i < argc; i++) {
		if ((fd = open_in(argv[i])) < 0 || wc_count(fd, cnt) < 0) {
			cu_errno("%s", argv[i]);
			rc = 1;
			continue;
		}
		for (c = 0; c < 3; c++)
			tot[c] += cnt[c];
		wc_print(cnt, sel, w, strcmp(argv[i], "-") ? argv[i] : NULL);
		if (fd > 0)
			close(fd);
	}
	if (argc - optind > 1)
		wc_print(tot, sel, w, "total");
	return rc;
}

/* cmd_tee - copy stdin to stdout and to each file; -a append. */
int
cmd_tee(int argc, char **argv)
{
	int c, i, flags = O_WRONLY | O_CREAT | O_TRUNC, rc = 0, nfd = 0;
	int *fds = calloc(argc + 1, sizeof(int));
	char buf[8192];
	ssize_t n;

	while ((c = getopt(argc, argv, "ai")) != -1) {
		if (c == 'a')
			flags = O_WRONLY | O_CREAT | O_APPEND;
		else if (c == '?')
			return cu_badopt("ai");
	}
	fds[nfd++] = 1;
	for (i = optind; i < argc; i++) {
		if ((fds[nfd] = open(argv[i], flags, 0666)) < 0) {
			cu_errno("%s", argv[i]);
			rc = 1;
		} else
			nfd++;
	}
	while ((n = read(0, buf, sizeof(buf))) > 0)
		for (i = 0; i < nfd; i++)
			cu_write_all(fds[i], buf, n);
	free(fds);
	return rc;
}
