/* user/coreutils/ps.c: ps from /proc/<pid>/stat and cmdline: default
 * (own tty), -e/-A, -f, -ef, aux. */
#include <dirent.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cu.h"

struct ps_proc {
	int pid, ppid, tty;
	char state;
	char comm[64];
	char cmd[512];
	unsigned long long ticks, start, vsize;
	long rss;
	uid_t uid;
};

enum { PS_DEFAULT, PS_FULL, PS_BSD };

/* ps_read - fill @p from /proc/@pid. Returns 0, or -1 if it vanished. */
static int
ps_read(int pid, struct ps_proc *p)
{
	char path[64], buf[1024], *s;
	unsigned long long ut, st;
	struct stat sb;
	int n, i;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (cu_read_file(path, buf, sizeof(buf)) <= 0 ||
	    (s = strrchr(buf, ')')) == NULL || strchr(buf, '(') == NULL ||
	    stat(path, &sb) < 0)
		return -1;
	memset(p, 0, sizeof(*p));
	ut = st = 0;
	p->pid = pid;
	p->uid = sb.st_uid;
	*s = 0;
	snprintf(p->comm, sizeof(p->comm), "%s", strchr(buf, '(') + 1);
	if (sscanf(s + 2,
		   "%c %d %*d %*d %d %*d %*u %*u %*u %*u %*u %llu %llu"
		   " %*d %*d %*d %*d %*d %*d %llu %llu %ld",
		   &p->state, &p->ppid, &p->tty, &ut, &st, &p->start, &p->vsize,
		   &p->rss) < 2) /* Basalt may fill only the first fields */
		return -1;
	p->ticks = ut + st;
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	n = cu_read_file(path, p->cmd, sizeof(p->cmd));
	for (i = 0; i < n - 1; i++)
		if (p->cmd[i] == 0)
			p->cmd[i] = ' ';
	if (n <= 0)
		snprintf(p->cmd, sizeof(p->cmd), "[%s]", p->comm);
	return 0;
}

/* ps_tty - name of terminal device number @tty ("?" if none). */
static void
ps_tty(int tty, char *buf, size_t len)
{
	int maj = (tty >> 8) & 0xfff,
	    min = (tty & 0xff) | ((tty >> 12) & 0xfff00);

	if (tty == 0)
		snprintf(buf, len, "?");
	else if (maj == 136)
		snprintf(buf, len, "pts/%d", min);
	else if (maj == 4 && min < 64)
		snprintf(buf, len, "tty%d", min);
	else if (maj == 4)
		snprintf(buf, len, "ttyS%d", min - 64);
	else
		snprintf(buf, len, "%d,%d", maj, min);
}

/* ps_user - user name for @uid, or the number. */
static void
ps_user(uid_t uid, char *buf, size_t len)
{
	struct passwd *pw = getpwuid(uid);

	if (pw)
		snprintf(buf, len, "%s", pw->pw_name);
	else
		snprintf(buf, len, "%u", (unsigned)uid);
}

/* ps_stime - start time "HH:MM" (today) or "MonDD" into @buf. */
static void
ps_stime(unsigned long long start, char *buf, size_t len)
{
	char up[64];
	long hz = sysconf(_SC_CLK_TCK);
	time_t now = time(NULL), t;

	if (cu_read_file("/proc/uptime", up, sizeof(up)) < 0)
		up[0] = 0;
	t = now - (time_t)strtod(up, NULL) + (time_t)(start / hz);
	strftime(buf, len, now - t < 86400 ? "%H:%M" : "%b%d", localtime(&t));
}

/* ps_print - print one process line in @fmt. */
static void
ps_print(const struct ps_proc *p, int fmt)
{
	char tty[32], user[64], st[16];
	unsigned long long s = p->ticks / sysconf(_SC_CLK_TCK);
	long mem = meminfo("MemTotal"), pg = sysconf(_SC_PAGESIZE) / 1024;

	ps_tty(p->tty, tty, sizeof(tty));
	ps_user(p->uid, user, sizeof(user));
	ps_stime(p->start, st, sizeof(st));
	if (fmt == PS_DEFAULT)
		printf("%7d %-8s %02llu:%02llu:%02llu %s\n", p->pid, tty,
		       s / 3600, s / 60 % 60, s % 60, p->comm);
	else if (fmt == PS_FULL)
		printf("%-8s %7d %7d  0 %-5s %-8s %02llu:%02llu:%02llu %s\n",
		       user, p->pid, p->ppid, st, tty, s / 3600, s / 60 % 60,
		       s % 60, p->cmd);
	else
		printf("%-8s %7d  0.0 %4.1f %6llu %5ld %-8s %-4c %-5s "
		       "%3llu:%02llu %s\n",
		       user, p->pid, mem > 0 ? 100.0 * p->rss * pg / mem : 0.0,
		       p->vsize / 1024, p->rss * pg, tty, p->state, st, s / 60,
		       s % 60, p->cmd);
}

/* ps_pid_cmp - qsort order by pid. */
static int
ps_pid_cmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* ps_pids - the sorted pids in /proc; *@n gets the count. NULL on error. */
static int *
ps_pids(int *n)
{
	int cap = 256, *pids;
	struct dirent *d;
	DIR *dir;

	if ((dir = opendir("/proc")) == NULL) {
		cu_errno("/proc");
		return NULL;
	}
	pids = malloc(cap * sizeof(int));
	for (*n = 0; pids && (d = readdir(dir)) != NULL;) {
		if (d->d_name[0] < '1' || d->d_name[0] > '9')
			continue;
		if (*n == cap)
			pids = realloc(pids, (cap *= 2) * sizeof(int));
		if (pids)
			pids[(*n)++] = atoi(d->d_name);
	}
	closedir(dir);
	if (pids)
		qsort(pids, *n, sizeof(int), ps_pid_cmp);
	return pids;
}

/* ps_header - the column titles for @fmt. */
static void
ps_header(int fmt)
{
	if (fmt == PS_DEFAULT)
		printf("%7s %-8s %8s %s\n", "PID", "TTY", "TIME", "CMD");
	else if (fmt == PS_FULL)
		printf("%-8s %7s %7s  C %-5s %-8s %8s %s\n", "UID", "PID",
		       "PPID", "STIME", "TTY", "TIME", "CMD");
	else
		printf("%-8s %7s %4s %4s %6s %5s %-8s %-4s %-5s %6s %s\n",
		       "USER", "PID", "%CPU", "%MEM", "VSZ", "RSS", "TTY",
		       "STAT", "START", "TIME", "COMMAND");
}

/* ps_usage - procps's complaint about an option it does not know (we
 * know fewer). Returns exit status 1. */
static int
ps_usage(const char *what)
{
	fprintf(stderr,
		"error: unsupported %s\n\nUsage:\n ps [options]\n\n"
		" Try 'ps --help <simple|list|output|threads|misc|all>'\n"
		"  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n"
		"\nFor more details see ps(1).\n",
		what);
	return 1;
}

/* ps_opts - parse the arguments: SysV -e -A -f, BSD a u x (as in "aux").
 * Sets *@all and *@fmt. Returns 0, or 1 after a usage error. */
static int
ps_opts(int argc, char **argv, int *all, int *fmt)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i] + (argv[i][0] == '-');
		if (argv[i][0] == '-' && (!*a || a[strspn(a, "eAf")]))
			return ps_usage("SysV option");
		if (argv[i][0] != '-' && (!*a || a[strspn(a, "aux")]))
			return ps_usage("option (BSD syntax)");
		*all |= strpbrk(a, "eAax") != NULL;
		if (argv[i][0] == '-' && strchr(a, 'f'))
			*fmt = PS_FULL;
		if (argv[i][0] != '-' && strchr(a, 'u'))
			*fmt = PS_BSD;
	}
	return 0;
}

/* cmd_ps - list processes. Without options only those on our terminal
 * and with our uid; -e/-A/a/x all; -f full; BSD "u" (aux) user format. */
int
cmd_ps(int argc, char **argv)
{
	int i, n, all = 0, fmt = PS_DEFAULT, *pids;
	struct ps_proc self, p;

	if (ps_opts(argc, argv, &all, &fmt))
		return 1;
	if ((pids = ps_pids(&n)) == NULL)
		return 1;
	if (ps_read(getpid(), &self) < 0)
		self.tty = 0;
	ps_header(fmt);
	for (i = 0; i < n; i++)
		if (ps_read(pids[i], &p) == 0 &&
		    (all || (p.tty == self.tty && p.uid == geteuid())))
			ps_print(&p, fmt);
	free(pids);
	return 0;
}
