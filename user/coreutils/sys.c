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

/* kill_list - kill -l [SIG]: names wrapped at 80 columns, or one lookup. */
static int
kill_list(const char *arg)
{
	int i, col = 0, n;

	if (arg) {
		if ((n = sig_number(arg)) < 1 || n > 31) {
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

/* cmd_kill - send a signal (-SIG, -s SIG; default TERM) to pids; -l list. */
int
cmd_kill(int argc, char **argv)
{
	int i = 1, sig = SIGTERM, rc = 0;
	char *end;
	long pid;

	if (argc > 1 && strcmp(argv[1], "-l") == 0)
		return kill_list(argc > 2 ? argv[2] : NULL);
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

/* cmd_uptime - time, uptime and load averages (no user count: Basalt
 * keeps no utmp). */
int
cmd_uptime(int argc, char **argv)
{
	char buf[256], up[64], now[16];
	double secs, l1 = 0, l5 = 0, l15 = 0;
	time_t t = time(NULL);

	(void)argc;
	(void)argv;
	if (cu_read_file("/proc/uptime", buf, sizeof(buf)) < 0) {
		cu_errno("/proc/uptime");
		return 1;
	}
	secs = strtod(buf, NULL);
	if (cu_read_file("/proc/loadavg", buf, sizeof(buf)) >= 0)
		sscanf(buf, "%lf %lf %lf", &l1, &l5, &l15);
	uptime_str(secs, up, sizeof(up));
	strftime(now, sizeof(now), "%H:%M:%S", localtime(&t));
	printf(" %s up %s,  load average: %.2f, %.2f, %.2f\n", now, up, l1, l5,
	       l15);
	return 0;
}

/* free_row - print one row of free's table in the chosen unit. */
static void
free_row(const char *label, const long *v, int n, int human)
{
	char buf[32];
	int i;

	printf("%-8s", label);
	for (i = 0; i < n; i++) {
		if (human)
			cu_human((unsigned long long)v[i] * 1024, buf,
				 sizeof(buf));
		else
			snprintf(buf, sizeof(buf), "%ld", v[i]);
		printf("%12s", buf);
	}
	putchar('\n');
}

/* cmd_free - memory usage from /proc/meminfo in KiB; -h human. "used" is
 * total - available, as procps-ng 4 computes it. */
int
cmd_free(int argc, char **argv)
{
	long tot = meminfo("MemTotal"), fr = meminfo("MemFree");
	long buf = meminfo("Buffers"), cache = meminfo("Cached");
	long sh = meminfo("Shmem"), av = meminfo("MemAvailable");
	long sr = meminfo("SReclaimable"), st = meminfo("SwapTotal");
	long sf = meminfo("SwapFree"), v[6];
	int human = argc > 1 && strcmp(argv[1], "-h") == 0;

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
	free_row("Mem:", v, 6, human);
	v[0] = st > 0 ? st : 0;
	v[2] = sf > 0 ? sf : 0;
	v[1] = v[0] - v[2];
	free_row("Swap:", v, 3, human);
	return 0;
}

/* dmesg_record - print one /dev/kmsg record "pri,seq,usec,flags;text". */
static void
dmesg_record(char *rec)
{
	char *semi = strchr(rec, ';'), *nl;
	unsigned long long usec = 0;

	if (semi == NULL) { /* not a kmsg record: show it as it is */
		fputs(rec, stdout);
		return;
	}
	sscanf(rec, "%*u,%*u,%llu", &usec);
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
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);

	(void)argc;
	(void)argv;
	if (fd < 0) {
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

/* mounts_each - call @fn(src, dir, type, opts) for each /proc/mounts line. */
static int
mounts_each(void (*fn)(char *, char *, char *, char *, int), int arg)
{
	char line[1024], src[256], dir[256], type[64], opts[512];
	FILE *f = fopen("/proc/mounts", "r");

	if (f == NULL) {
		cu_errno("cannot read /proc/mounts");
		return 1;
	}
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%255s %255s %63s %511s", src, dir, type,
			   opts) == 4)
			fn(src, dir, type, opts, arg);
	fclose(f);
	return 0;
}

/* df_one - print one df row; pseudo filesystems (0 blocks) are skipped. */
static void
df_one(char *src, char *dir, char *type, char *opts, int human)
{
	struct statfs sf;
	unsigned long long tot, used, avail, k = 1024;
	char b[3][32];
	int i;

	(void)type;
	(void)opts;
	if (statfs(dir, &sf) < 0) {
		if (errno == ENOSYS)
			printf("%-14s %9s %9s %9s %4s %s\n", src, "-", "-", "-",
			       "-", dir);
		return;
	}
	if (sf.f_blocks == 0)
		return;
	tot = sf.f_blocks * sf.f_bsize;
	used = (sf.f_blocks - sf.f_bfree) * sf.f_bsize;
	avail = sf.f_bavail * sf.f_bsize;
	for (i = 0; i < 3; i++) {
		unsigned long long v = i == 0 ? tot : i == 1 ? used : avail;
		if (human)
			cu_human(v, b[i], 32);
		else
			snprintf(b[i], 32, "%llu", (v + k - 1) / k);
	}
	printf("%-14s %9s %9s %9s %3llu%% %s\n", src, b[0], b[1], b[2],
	       used + avail ? (used * 100 + used + avail - 1) / (used + avail)
			    : 0,
	       dir);
}

/* cmd_df - free space of mounted filesystems (/proc/mounts + statfs);
 * -h human. When statfs is missing, rows show '-'. */
int
cmd_df(int argc, char **argv)
{
	int human = argc > 1 && strcmp(argv[1], "-h") == 0;

	printf("%-14s %9s %9s %9s %4s %s\n", "Filesystem",
	       human ? "Size" : "1K-blocks", "Used",
	       human ? "Avail" : "Available", "Use%", "Mounted on");
	return mounts_each(df_one, human);
}

/* mount_show - one "SRC on DIR type TYPE (OPTS)" line. */
static void
mount_show(char *src, char *dir, char *type, char *opts, int arg)
{
	(void)arg;
	printf("%s on %s type %s (%s)\n", src, dir, type, opts);
}

/* cmd_mount - list mounts, or mount -t TYPE [-o DATA] SRC DIR. */
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
		return mounts_each(mount_show, 0);
	if (optind + 2 != argc || type == NULL)
		return cu_usage("usage: mount -t TYPE [-o DATA] SOURCE DIR");
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

	(void)argc;
	(void)argv;
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
