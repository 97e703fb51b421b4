/* user/coreutils/sys.c: kill, uptime, free, dmesg, df, mount, poweroff,
 * reboot, basalt-info. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include "cu.h"

static const char *const sig_names[] = {
	"HUP",	"INT",	  "QUIT", "ILL",   "TRAP", "ABRT", "BUS",  "FPE",
	"KILL", "USR1",	  "SEGV", "USR2",  "PIPE", "ALRM", "TERM", "STKFLT",
	"CHLD", "CONT",	  "STOP", "TSTP",  "TTIN", "TTOU", "URG",  "XCPU",
	"XFSZ", "VTALRM", "PROF", "WINCH", "POLL", "PWR",  "SYS",
};

/* sig_number - signal number for "9", "KILL" or "SIGKILL"; -1 if none. */
static int
sig_number(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);
	int i;

	if (*s && *end == 0)
		return n >= 0 && n <= 64 ? (int)n : -1;
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (i = 0; i < 31; i++)
		if (strcasecmp(s, sig_names[i]) == 0)
			return i + 1;
	return -1;
}

/* kill_list - kill -l [SIG]: names wrapped at 80 columns, or one lookup
 * (a number, or an exit status above 128, gives the name). */
static int
kill_list(const char *arg)
{
	int i, col = 0, n;

	if (arg) {
		n = sig_number(arg);
		if (isdigit((unsigned char)arg[0]) && atoi(arg) > 128)
			n = atoi(arg) - 128; /* POSIX: the $? of a killed job */
		if (n < 1 || n > 31) {
			cu_err("unknown signal name %s", arg);
			return 1;
		}
		if (isdigit((unsigned char)arg[0]))
			puts(sig_names[n - 1]);
		else
			printf("%d\n", n);
		return 0;
	}
	for (i = 0; i < 31; i++) {
		n = strlen(sig_names[i]);
		if (col && col + 1 + n > 80) {
			putchar('\n');
			col = 0;
		}
		printf(col ? " %s" : "%s", sig_names[i]);
		col += n + (col > 0);
	}
	putchar('\n');
	return 0;
}

/*
 * cmd_kill - send a signal (-SIG, -NUM, -s SIG; default TERM) to pids;
 * -l list.  Only numeric pids (negative: a process group): %JOB operands
 * name the shell's jobs, so only the shell's kill builtin can take them.
 */
int
cmd_kill(int argc, char **argv)
{
	int i = 1, sig = SIGTERM, rc = 0;
	char *end;
	long pid;

	if (argc > 1 && strcmp(argv[1], "-l") == 0)
		return kill_list(argc > 2 ? argv[2] : NULL);
	if (argc == 2 && strcmp(argv[1], "-s") == 0)
		return cu_usage("option requires an argument -- 's'");
	if (argc > 2 && strcmp(argv[1], "-s") == 0) {
		sig = sig_number(argv[2]);
		i = 3;
	} else if (argc > 1 && argv[1][0] == '-' && argv[1][1] &&
		   strcmp(argv[1], "--")) {
		sig = sig_number(argv[1] + 1);
		i = 2;
	}
	if (sig < 0) {
		cu_err("unknown signal name %s",
		       argv[i - 1] + (argv[i - 1][0] == '-'));
		return 1;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i >= argc)
		return cu_usage("not enough arguments");
	for (; i < argc; i++) {
		pid = strtol(argv[i], &end, 10);
		if (*argv[i] == 0 || *end) {
			cu_err("failed to parse argument: '%s'", argv[i]);
			rc = 1;
		} else if (kill(pid, sig) < 0) {
			fprintf(stderr, "%s: (%ld): %s\n", cu_prog, pid,
				strerror(errno));
			rc = 1;
		}
	}
	return rc;
}

/* meminfo - value in KiB of /proc/meminfo field @key, or -1. */
long
meminfo(const char *key)
{
	static char buf[8192];
	char pat[64], *p;

	if (cu_read_file("/proc/meminfo", buf, sizeof(buf)) < 0)
		return -1;
	snprintf(pat, sizeof(pat), "\n%s:", key);
	if (strncmp(buf, pat + 1, strlen(pat + 1)) == 0)
		p = buf + strlen(pat + 1);
	else if ((p = strstr(buf, pat)) != NULL)
		p += strlen(pat);
	else
		return -1;
	return strtol(p, NULL, 10);
}

/* uptime_str - "3 days,  2:03" / "5 min" style text for @secs. */
static void
uptime_str(double secs, char *buf, size_t len)
{
	long s = (long)secs, d = s / 86400, h = s % 86400 / 3600;
	long m = s % 3600 / 60;
	int n = 0;

	if (d)
		n = snprintf(buf, len, "%ld day%s, ", d, d == 1 ? "" : "s");
	if (h)
		snprintf(buf + n, len - n, "%2ld:%02ld", h, m);
	else
		snprintf(buf + n, len - n, "%ld min", m);
}

/* uptime_pretty - procps's "up 1 week, 2 days, 3 hours, 4 minutes"
 * (decades are left out: no Basalt will stay up that long). */
static void
uptime_pretty(long s)
{
	static const struct {
		const char *name;
		long secs, mod;
	} unit[] = {{"year", 31536000, 0},
		    {"week", 604800, 52},
		    {"day", 86400, 7},
		    {"hour", 3600, 24},
		    {"minute", 60, 60}};
	int i, n = 0;
	long v;

	fputs("up", stdout);
	for (i = 0; i < 5; i++) {
		v = s / unit[i].secs;
		if (unit[i].mod)
			v %= unit[i].mod;
		if (v == 0 && !(i == 4 && s < 60 && n == 0))
			continue;
		printf("%s %ld %s%s", n++ ? "," : "", v, unit[i].name,
		       v == 1 ? "" : "s");
	}
	putchar('\n');
}

/* cmd_uptime - time, uptime and load averages (no user count: Basalt
 * keeps no utmp); -p the uptime in words, -s the time it came up. */
int
cmd_uptime(int argc, char **argv)
{
	char buf[256], up[64], now[32];
	double secs, l1 = 0, l5 = 0, l15 = 0;
	time_t t = time(NULL);
	int c, mode = 0;

	while ((c = getopt(argc, argv, "ps")) != -1)
		if ((mode = c) == '?')
			return cu_badopt("ps");
	if (optind < argc)
		return cu_usage("extra operand '%s'", argv[optind]);
	if (cu_read_file("/proc/uptime", buf, sizeof(buf)) < 0) {
		cu_errno("/proc/uptime");
		return 1;
	}
	secs = strtod(buf, NULL);
	if (mode == 'p') {
		uptime_pretty((long)secs);
		return 0;
	}
	if (mode == 's') {
		t -= (time_t)secs;
		strftime(now, sizeof(now), "%Y-%m-%d %H:%M:%S", localtime(&t));
		puts(now);
		return 0;
	}
	if (cu_read_file("/proc/loadavg", buf, sizeof(buf)) >= 0)
		sscanf(buf, "%lf %lf %lf", &l1, &l5, &l15);
	uptime_str(secs, up, sizeof(up));
	strftime(now, sizeof(now), "%H:%M:%S", localtime(&t));
	printf(" %s up %s,  load average: %.2f, %.2f, %.2f\n", now, up, l1, l5,
	       l15);
	return 0;
}

/*
 * free_human - procps 4's -h text for @kib KiB: bytes if they fit in four
 * characters, else the first unit giving at most five ("8.6Mi", "23Gi").
 */
static void
free_human(unsigned long long kib, char *buf, size_t len)
{
	static const char units[] = "KMGTPE";
	double v = (double)kib * 1024;
	int i;

	if (snprintf(buf, len, "%lluB", kib * 1024) <= 4)
		return;
	for (i = 0; units[i]; i++) {
		v /= 1024;
		if (snprintf(buf, len, "%.1f%ci", v, units[i]) <= 5 ||
		    snprintf(buf, len, "%ld%ci", (long)v, units[i]) <= 5)
			return;
	}
}

/* free_row - print one row of free's table: -b bytes (@shift -10), KiB
 * (0), -m MiB (10), -g GiB (20), or -h (@shift < -10). */
static void
free_row(const char *label, const long *v, int n, int shift)
{
	char buf[32];
	int i;

	printf("%-8s", label);
	for (i = 0; i < n; i++) {
		unsigned long long k = v[i] > 0 ? v[i] : 0;
		if (shift < -10)
			free_human(k, buf, sizeof(buf));
		else if (shift < 0)
			snprintf(buf, sizeof(buf), "%llu", k << 10);
		else
			snprintf(buf, sizeof(buf), "%llu", k >> shift);
		printf("%12s", buf);
	}
	putchar('\n');
}

/* free_shift - parse free's options into free_row's @shift. Returns 0,
 * or 1 after a usage error. */
static int
free_shift(int argc, char **argv, int *shift)
{
	int c;

	*shift = 0;
	while ((c = getopt(argc, argv, "bkmgh")) != -1) {
		if (c == '?')
			return cu_badopt("bkmgh");
		*shift = c == 'b'   ? -10
			 : c == 'm' ? 10
			 : c == 'g' ? 20
			 : c == 'h' ? -20
				    : 0;
	}
	if (optind < argc)
		return cu_usage("extra operand '%s'", argv[optind]);
	return 0;
}

/* cmd_free - memory usage from /proc/meminfo, in KiB unless -b -m -g or
 * -h. "used" is total - available, as procps-ng 4 computes it. */
int
cmd_free(int argc, char **argv)
{
	long tot = meminfo("MemTotal"), fr = meminfo("MemFree");
	long buf = meminfo("Buffers"), cache = meminfo("Cached");
	long sh = meminfo("Shmem"), av = meminfo("MemAvailable");
	long sr = meminfo("SReclaimable"), v[6];
	int shift;

	if (free_shift(argc, argv, &shift))
		return 1;
	if (tot < 0) {
		cu_err("cannot read /proc/meminfo");
		return 1;
	}
	cache = (buf > 0 ? buf : 0) + (cache > 0 ? cache : 0) +
		(sr > 0 ? sr : 0);
	v[0] = tot;
	v[1] = av >= 0 ? tot - av : tot - fr - cache; /* procps 4 */
	v[2] = fr;
	v[3] = sh > 0 ? sh : 0;
	v[4] = cache;
	v[5] = av >= 0 ? av : fr;
	printf("%-8s%12s%12s%12s%12s%12s%12s\n", "", "total", "used", "free",
	       "shared", "buff/cache", "available");
	free_row("Mem:", v, 6, shift);
	v[0] = meminfo("SwapTotal");
	v[2] = meminfo("SwapFree");
	v[1] = v[0] > 0 && v[2] >= 0 ? v[0] - v[2] : 0;
	free_row("Swap:", v, 3, shift);
	return 0;
}

/* dmesg_record - print one /dev/kmsg record "pri,seq,usec,flags;text". */
static void
dmesg_record(char *rec)
{
	char *semi = strchr(rec, ';'), *nl;
	unsigned long long usec = 0;
	int at = 0;

	/* Linux's records start "pri,seq,usec,flags;"; Basalt's /dev/kmsg
	 * gives the log as text, whose lines may hold a ';' too */
	if (semi == NULL || sscanf(rec, "%*u,%*u,%llu,%*[^;];%n", &usec,
				   &at) != 1 || rec + at != semi + 1) {
		fputs(rec, stdout);
		return;
	}
	if ((nl = strchr(semi + 1, '\n')) != NULL)
		*nl = 0;
	printf("[%5llu.%06llu] %s\n", usec / 1000000, usec % 1000000, semi + 1);
}

/* cmd_dmesg - print the kernel log: read /dev/kmsg without blocking
 * until EAGAIN or EOF. */
int
cmd_dmesg(int argc, char **argv)
{
	char rec[8192];
	ssize_t n;
	int fd;

	if (getopt(argc, argv, "") != -1)
		return cu_badopt("");
	if (optind < argc)
		return cu_usage("bad usage"); /* util-linux's words */
	if ((fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK)) < 0) {
		cu_errno("cannot open /dev/kmsg");
		return 1;
	}
	for (;;) {
		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue; /* record overwritten: skip ahead */
		if (n <= 0)
			break;
		rec[n] = 0;
		dmesg_record(rec);
	}
	if (n < 0 && errno != EAGAIN) {
		cu_errno("read kernel buffer failed");
		close(fd);
		return 1;
	}
	close(fd);
	return 0;
}

struct mnt {
	char src[256], dir[256], type[64], opts[512];
};

/* mounts_each - call @fn(m, @ctx) for each /proc/mounts line until it
 * returns nonzero. Returns 0, or 1 if /proc/mounts is unreadable. */
static int
mounts_each(int (*fn)(const struct mnt *, void *), void *ctx)
{
	char line[1200];
	struct mnt m;
	FILE *f = fopen("/proc/mounts", "r");

	if (f == NULL) {
		cu_errno("cannot read /proc/mounts");
		return 1;
	}
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%255s %255s %63s %511s", m.src, m.dir, m.type,
			   m.opts) == 4 &&
		    fn(&m, ctx))
			break;
	fclose(f);
	return 0;
}

static int df_human; /* df -h */

/* df_header - print the column titles before the first row (GNU prints
 * none if every FILE operand fails). */
static void
df_header(void)
{
	static int done;

	if (done++)
		return;
	printf("%-14s %9s %9s %9s %4s %s\n", "Filesystem",
	       df_human ? "Size" : "1K-blocks", "Used",
	       df_human ? "Avail" : "Available", "Use%", "Mounted on");
}

/* df_row - print @m's df row; pseudo filesystems (0 blocks) only if
 * @always (a FILE operand on one). Use% is '-' when there is no space.
 * Returns 0, or -1 if statfs failed (errno set). */
static int
df_row(const struct mnt *m, int always)
{
	struct statfs sf;
	unsigned long long v[3], k = 1024, u;
	char b[3][32], pct[8] = "-";
	int i;

	if (statfs(m->dir, &sf) < 0) {
		if (errno != ENOSYS)
			return -1;
		df_header();
		printf("%-14s %9s %9s %9s %4s %s\n", m->src, "-", "-", "-", "-",
		       m->dir);
		return 0;
	}
	if (sf.f_blocks == 0 && !always)
		return 0;
	df_header();
	v[0] = sf.f_blocks * sf.f_bsize;
	v[1] = (sf.f_blocks - sf.f_bfree) * sf.f_bsize;
	v[2] = sf.f_bavail * sf.f_bsize;
	for (i = 0; i < 3; i++)
		if (df_human)
			cu_human(v[i], b[i], 32);
		else
			snprintf(b[i], 32, "%llu", (v[i] + k - 1) / k);
	if ((u = v[1] + v[2]) != 0)
		snprintf(pct, sizeof(pct), "%llu%%", (v[1] * 100 + u - 1) / u);
	printf("%-14s %9s %9s %9s %4s %s\n", m->src, b[0], b[1], b[2], pct,
	       m->dir);
	return 0;
}

/* df_list - mounts_each callback: every mount's row. */
static int
df_list(const struct mnt *m, void *ctx)
{
	(void)ctx;
	df_row(m, 0);
	return 0;
}

struct df_find {
	dev_t dev;
	const char *real; /* the FILE's absolute path, or NULL */
	size_t best;	  /* length of the best mount point so far */
	int found;	  /* 0 none, 1 same device, 2 and a prefix of real */
	struct mnt m;
};

/* df_under - is @path at or below directory @dir? */
static int
df_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return path &&
	       (strcmp(dir, "/") == 0 || (strncmp(path, dir, n) == 0 &&
					  (path[n] == '/' || path[n] == 0)));
}

/* df_match - mounts_each callback: of the mounts of device f->dev, keep
 * the deepest one above f->real (a bind mount elsewhere also matches the
 * device), else the last one listed. */
static int
df_match(const struct mnt *m, void *ctx)
{
	struct df_find *f = ctx;
	struct stat st;
	int under = df_under(f->real, m->dir);

	if (stat(m->dir, &st) < 0 || st.st_dev != f->dev ||
	    (f->found == 2 && (!under || strlen(m->dir) < f->best)))
		return 0;
	f->m = *m;
	f->found = under ? 2 : 1;
	f->best = strlen(m->dir);
	return 0;
}

/* df_file - the row of the filesystem holding @path. Returns 0 or 1. */
static int
df_file(const char *path)
{
	struct df_find f = {0};
	struct stat st;
	char *real;
	int rc;

	if (stat(path, &st) < 0) {
		cu_errno("%s", path);
		return 1;
	}
	f.dev = st.st_dev;
	f.real = real = realpath(path, NULL);
	rc = mounts_each(df_match, &f);
	free(real);
	if (rc)
		return 1;
	if (!f.found) {
		cu_err("%s: cannot find its mount point", path);
		return 1;
	}
	if (df_row(&f.m, 1) < 0) {
		cu_errno("%s", path);
		return 1;
	}
	return 0;
}

/* cmd_df - free space of mounted filesystems (/proc/mounts + statfs), or
 * of those holding the FILE operands; -h human, -k KiB (the default),
 * -P accepted (the format is already one line per filesystem). */
int
cmd_df(int argc, char **argv)
{
	int c, rc = 0;

	while ((c = getopt(argc, argv, "hkP")) != -1) {
		if (c == '?')
			return cu_badopt("hkP");
		df_human = c == 'h' ? 1 : c == 'k' ? 0 : df_human;
	}
	if (optind >= argc) {
		df_header();
		return mounts_each(df_list, NULL);
	}
	for (; optind < argc; optind++)
		rc |= df_file(argv[optind]);
	return rc;
}

/* mount_show - mounts_each callback: "SRC on DIR type TYPE (OPTS)". */
static int
mount_show(const struct mnt *m, void *ctx)
{
	(void)ctx;
	printf("%s on %s type %s (%s)\n", m->src, m->dir, m->type, m->opts);
	return 0;
}

/* cmd_mount - list mounts, or mount -t TYPE [-o DATA] SRC DIR (exit 1
 * on a usage error, 32 if the mount fails, as util-linux). */
int
cmd_mount(int argc, char **argv)
{
	const char *type = NULL, *data = NULL;
	int c;

	while ((c = getopt(argc, argv, "t:o:")) != -1) {
		if (c == 't')
			type = optarg;
		else if (c == 'o')
			data = optarg;
		else
			return cu_badopt("t:o:");
	}
	if (optind >= argc)
		return mounts_each(mount_show, NULL);
	if (optind + 2 != argc || type == NULL)
		return cu_usage("bad usage"); /* util-linux's words */
	if (mount(argv[optind], argv[optind + 1], type, 0, data) < 0) {
		cu_errno("%s on %s", argv[optind], argv[optind + 1]);
		return 32; /* util-linux: "mount failure" */
	}
	return 0;
}

/*
 * power_request - poweroff/reboot [-f].  Without -f, ask init (PID 1) by
 * sending it @sig, the convention of Basalt's init (user/init, BusyBox's
 * too): init stops every process, syncs and calls reboot(2) itself.
 * With -f, sync and call reboot(2) with @how at once.  Options are
 * checked before anything is done.  Returns the exit status: 0 once init
 * has the request, 1 on failure (with -f, success does not return).
 */
static int
power_request(int argc, char **argv, int sig, int how)
{
	int c, force = 0;

	while ((c = getopt(argc, argv, "f")) != -1) {
		if (c != 'f')
			return cu_badopt("f");
		force = 1;
	}
	if (optind < argc)
		return cu_usage("extra operand '%s'", argv[optind]);
	if (force) {
		sync();
		if (reboot(how) < 0)
			cu_errno("reboot");
		return 1;
	}
	if (kill(1, sig) < 0) {
		cu_errno("cannot signal init");
		return 1;
	}
	return 0;
}

/* cmd_poweroff - power the machine off: init does it on SIGUSR2; -f
 * skips init (sync, then reboot(2) with RB_POWER_OFF). */
int
cmd_poweroff(int argc, char **argv)
{
	return power_request(argc, argv, SIGUSR2, RB_POWER_OFF);
}

/* cmd_reboot - restart the machine: init does it on SIGTERM; -f skips
 * init (sync, then reboot(2) with RB_AUTOBOOT). */
int
cmd_reboot(int argc, char **argv)
{
	return power_request(argc, argv, SIGTERM, RB_AUTOBOOT);
}

/* cpu_model - the first "model name" of /proc/cpuinfo into @out. */
static void
cpu_model(char *out, size_t len)
{
	static char buf[16384];
	char *p, *e;
	int n;

	snprintf(out, len, "unknown");
	if (cu_read_file("/proc/cpuinfo", buf, sizeof(buf)) < 0 ||
	    (p = strstr(buf, "model name")) == NULL ||
	    (p = strchr(p, ':')) == NULL)
		return;
	for (p++; *p == ' ' || *p == '\t'; p++)
		;
	e = strchr(p, '\n');
	n = e ? (int)(e - p) : (int)strlen(p);
	snprintf(out, len, "%.*s", n, p);
}

/* cmd_basalt_info - a short system banner: kernel, CPU, memory, uptime. */
int
cmd_basalt_info(int argc, char **argv)
{
	struct utsname u;
	char cpu[256], up[64], buf[128];
	long tot = meminfo("MemTotal"), av = meminfo("MemAvailable");

	if (getopt(argc, argv, "") != -1)
		return cu_badopt("");
	if (optind < argc)
		return cu_usage("extra operand '%s'", argv[optind]);
	uname(&u);
	cpu_model(cpu, sizeof(cpu));
	snprintf(up, sizeof(up), "unknown");
	if (cu_read_file("/proc/uptime", buf, sizeof(buf)) >= 0)
		uptime_str(strtod(buf, NULL), up, sizeof(up));
	printf("  ____                  _ _\n"
	       " | __ )  __ _ ___  __ _| | |_\n"
	       " |  _ \\ / _` / __|/ _` | | __|\n"
	       " | |_) | (_| \\__ \\ (_| | | |_\n"
	       " |____/ \\__,_|___/\\__,_|_|\\__|\n\n");
	printf("  Kernel:  %s %s (%s)\n", u.sysname, u.release, u.machine);
	printf("  Host:    %s\n", u.nodename);
	printf("  CPU:     %s\n", cpu);
	if (tot >= 0)
		printf("  Memory:  %ld MiB total, %ld MiB available\n",
		       tot / 1024, (av >= 0 ? av : meminfo("MemFree")) / 1024);
	else
		printf("  Memory:  unknown\n");
	printf("  Uptime:  %s\n", up);
	return 0;
}
