/*
 * user/sh/resource.c: builtins about the shell process's resources:
 * ulimit (getrlimit/setrlimit), umask (octal and symbolic modes) and
 * times.  They must run in the shell so that the children it starts
 * inherit the result.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <unistd.h>
#include "sh.h"

/* The limits ulimit knows, with dash's letters, units and names. */
static const struct limit {
	char opt;
	int res;
	rlim_t unit; /* bytes per unit shown; 1 for counts and seconds */
	const char *name;
} limits[] = {{'t', RLIMIT_CPU, 1, "time(seconds)"},
	      {'f', RLIMIT_FSIZE, 512, "file(blocks)"},
	      {'d', RLIMIT_DATA, 1024, "data(kbytes)"},
	      {'s', RLIMIT_STACK, 1024, "stack(kbytes)"},
	      {'c', RLIMIT_CORE, 512, "coredump(blocks)"},
	      {'m', RLIMIT_RSS, 1024, "memory(kbytes)"},
	      {'l', RLIMIT_MEMLOCK, 1024, "locked memory(kbytes)"},
	      {'p', RLIMIT_NPROC, 1, "process"},
	      {'n', RLIMIT_NOFILE, 1, "nofiles"},
	      {'v', RLIMIT_AS, 1024, "vmemory(kbytes)"},
	      {'w', RLIMIT_LOCKS, 1, "locks"},
	      {'r', RLIMIT_RTPRIO, 1, "rtprio"},
	      {0, 0, 0, NULL}};

#define LIM_SOFT 1
#define LIM_HARD 2

/* find_limit - the table entry for option letter @c, or NULL. */
static const struct limit *
find_limit(char c)
{
	const struct limit *l;

	for (l = limits; l->name; l++)
		if (l->opt == c)
			return l;
	return NULL;
}

/* show_limit - print limit @l (hard if @which has LIM_HARD), after its
 * name if @named.  Returns 0, or 1 if it cannot be read. */
static int
show_limit(const struct limit *l, int which, int named)
{
	struct rlimit rl;
	rlim_t v;

	if (getrlimit(l->res, &rl) < 0) {
		sh_error("ulimit: %s", strerror(errno));
		return 1;
	}
	v = (which & LIM_HARD) ? rl.rlim_max : rl.rlim_cur;
	if (named)
		printf("%-20s ", l->name);
	if (v == RLIM_INFINITY)
		printf("unlimited\n");
	else
		printf("%llu\n", (unsigned long long)(v / l->unit));
	return 0;
}

/* set_limit - set limit @l (soft, hard or both, per @which) to @val
 * ("unlimited" or a number of units).  Returns 0, 1 or 2 on errors. */
static int
set_limit(const struct limit *l, int which, const char *val)
{
	struct rlimit rl;
	unsigned long long n;
	rlim_t v = RLIM_INFINITY;
	char *end;

	if (strcmp(val, "unlimited") != 0) {
		errno = 0;
		n = strtoull(val, &end, 10);
		if (!*val || *end || errno || val[0] == '-' ||
		    n > RLIM_INFINITY / l->unit) {
			sh_error("ulimit: %s: bad number", val);
			return 2;
		}
		v = (rlim_t)n * l->unit;
	}
	if (getrlimit(l->res, &rl) < 0)
		rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
	if (which & LIM_SOFT)
		rl.rlim_cur = v;
	if (which & LIM_HARD)
		rl.rlim_max = v;
	if (setrlimit(l->res, &rl) < 0) {
		sh_error("ulimit: error setting limit (%s)", strerror(errno));
		return 2;
	}
	return 0;
}

/*
 * builtin_ulimit - "ulimit [-H|-S] [-a | -tfdscmlpnvwr [value]]":
 * show or set a resource limit of the shell and its future children
 * (default -f).  Setting changes both limits unless -H or -S is given;
 * showing shows the soft one unless -H.
 */
int
builtin_ulimit(int argc, char **argv)
{
	const struct limit *l = find_limit('f');
	int i, which = 0, all = 0;
	const char *p;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (p = argv[i] + 1; *p; p++) {
			if (*p == 'H' || *p == 'S')
				which |= *p == 'H' ? LIM_HARD : LIM_SOFT;
			else if (*p == 'a')
				all = 1;
			else if (!(l = find_limit(*p))) {
				sh_error("ulimit: illegal option -%c", *p);
				return 2;
			}
		}
	}
	if (all) {
		for (l = limits; l->name; l++)
			show_limit(l, which, 1);
		return 0;
	}
	if (i < argc)
		return set_limit(l, which ? which : LIM_SOFT | LIM_HARD,
				 argv[i]);
	return show_limit(l, which, 0);
}

/* show_mask - print umask @m as "u=rwx,g=rx,o=rx" (what it allows). */
static void
show_mask(mode_t m)
{
	static const char who[] = "ugo";
	int k, shift;

	for (k = 0; k < 3; k++) {
		shift = 6 - 3 * k;
		printf("%s%c=%s%s%s", k ? "," : "", who[k],
		       (~m >> shift) & 4 ? "r" : "",
		       (~m >> shift) & 2 ? "w" : "",
		       (~m >> shift) & 1 ? "x" : "");
	}
	putchar('\n');
}

/* who_bits - the permission bits of the classes in "ugoa" text at *@s
 * (all of them if none), advancing *@s past it. */
static mode_t
who_bits(const char **s)
{
	mode_t who = 0;

	for (;; ++*s) {
		if (**s == 'u')
			who |= 0700;
		else if (**s == 'g')
			who |= 0070;
		else if (**s == 'o')
			who |= 0007;
		else if (**s == 'a')
			who |= 0777;
		else
			return who ? who : 0777;
	}
}

/* perm_bits - the permissions "rwx" (or a class to copy, "u" "g" "o")
 * at *@s, given current permissions @perm; advances *@s. */
static mode_t
perm_bits(const char **s, mode_t perm)
{
	mode_t bits = 0, c;

	if (**s && strchr("ugo", **s)) {
		c = **s == 'u' ? (perm >> 6) : **s == 'g' ? (perm >> 3) : perm;
		++*s;
		return (c & 7) * 0111;
	}
	for (; **s && strchr("rwxXst", **s); ++*s) {
		if (**s == 'r')
			bits |= 0444;
		else if (**s == 'w')
			bits |= 0222;
		else if (**s == 'x' || **s == 'X')
			bits |= 0111;
	}
	return bits; /* s and t mean nothing in a umask */
}

/*
 * parse_symbolic - apply chmod-style clauses ("u=rwx,g-w,o=") to the
 * permissions that umask @m allows.  Returns the new mask, or -1 if
 * @s is malformed.
 */
static long
parse_symbolic(const char *s, mode_t m)
{
	mode_t perm = ~m & 0777, who, bits;
	char op;

	for (;;) {
		who = who_bits(&s);
		if (!*s || !strchr("+-=", *s))
			return -1;
		while (*s && strchr("+-=", *s)) {
			op = *s++;
			bits = perm_bits(&s, perm) & who;
			if (op == '+')
				perm |= bits;
			else if (op == '-')
				perm &= ~bits;
			else
				perm = (perm & ~who) | bits;
		}
		if (!*s)
			return ~perm & 0777;
		if (*s++ != ',')
			return -1;
	}
}

/*
 * builtin_umask - "umask [-S] [mode]": show the file creation mask (in
 * octal, or symbolically with -S) or set it from an octal or symbolic
 * mode.  Returns 0, or 2 for a bad mode as dash does.
 */
int
builtin_umask(int argc, char **argv)
{
	mode_t m = umask(022);
	int i = 1, sym = argc > 1 && strcmp(argv[1], "-S") == 0;
	long v;
	char *end;

	umask(m);
	i += sym;
	if (i >= argc) {
		if (sym)
			show_mask(m);
		else
			printf("%04o\n", (unsigned)m);
		return 0;
	}
	if (argv[i][0] >= '0' && argv[i][0] <= '9') {
		v = strtol(argv[i], &end, 8);
		if (*end || v > 0777)
			v = -1;
	} else {
		v = parse_symbolic(argv[i], m);
	}
	if (v < 0) {
		sh_error("umask: %s: bad mode", argv[i]);
		return 2;
	}
	umask((mode_t)v);
	return 0;
}

/* show_ticks - print a tick count as "XmY.YYYYYYs". */
static void
show_ticks(clock_t t, long hz, char end)
{
	double s = (double)t / hz;
	long min = (long)(s / 60);

	printf("%ldm%.6fs%c", min, s - 60.0 * min, end);
}

/* builtin_times - "times": user and system CPU time of the shell, then
 * of its finished children. */
int
builtin_times(int argc, char **argv)
{
	struct tms t;
	long hz = sysconf(_SC_CLK_TCK);

	(void)argc;
	(void)argv;
	if (hz <= 0)
		hz = 100;
	times(&t);
	show_ticks(t.tms_utime, hz, ' ');
	show_ticks(t.tms_stime, hz, '\n');
	show_ticks(t.tms_cutime, hz, ' ');
	show_ticks(t.tms_cstime, hz, '\n');
	return 0;
}
