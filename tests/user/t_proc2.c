/*
 * tests/user/t_proc2.c: what a process can learn about itself and others:
 * resource usage (getrusage, times, sysinfo), resource limits (getrlimit,
 * setrlimit, prlimit64; RLIMIT_NOFILE and RLIMIT_AS enforced), process
 * groups and sessions (setpgid, getpgid, getpgrp, setsid, getsid, with
 * their error cases), and /proc/<pid>: stat, status, cmdline, environ,
 * maps, fd/, cwd, exe, /proc/self.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <sched.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/user/ut.h"

extern char **environ;

/* ---- helpers ---------------------------------------------------------------- */

/* cpu_ms - this process's CPU time (user + system) in milliseconds. */
static long
cpu_ms(int who)
{
	struct rusage ru;

	OK(getrusage(who, &ru));
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000 +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000;
}

/* burn - spin until this process has used @ms of CPU (5 s wall at most). */
static void
burn(long ms)
{
	int64_t give_up = ut_now_ns() + 5000000000LL;
	long start = cpu_ms(RUSAGE_SELF);
	volatile unsigned long x = 0;

	while (cpu_ms(RUSAGE_SELF) - start < ms) {
		for (int i = 0; i < 100000; i++)
			x += (unsigned long)i;
		if (ut_now_ns() > give_up)
			ut_fail(__FILE__, __LINE__, "burned no CPU time in 5 s");
	}
}

/* reaped_pid - the pid of a child that has exited and been reaped. */
static int
reaped_pid(void)
{
	int pid = OK(fork());

	if (pid == 0)
		_exit(0);
	CHECK_EXIT(pid, 0);
	return pid;
}

/* exited_unreaped - wait for @pid to exit but leave it a zombie. */
static void
exited_unreaped(int pid)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	OK(waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT));
	CHECK_EQ(si.si_pid, pid);
}

/* sleeper - a child that pauses until killed. */
static int
sleeper(void)
{
	int pid = OK(fork());

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

static void
kill_and_reap(int pid)
{
	OK(kill(pid, SIGKILL));
	CHECK_SIGNALED(pid, SIGKILL);
}

/* read_proc - the text of /proc file @path (at most @cap - 1 bytes). */
static size_t
read_proc(const char *path, char *buf, size_t cap)
{
	return ut_read_file(path, buf, cap);
}

/* readlink_str - readlink into @buf, NUL-terminated; fails on error. */
static const char *
readlink_str(const char *path, char *buf, size_t cap)
{
	ssize_t n = OK(readlink(path, buf, cap - 1));

	buf[n] = '\0';
	return buf;
}

/* field - the value after "@name:" in a status text, as a string. */
static const char *
status_field(const char *text, const char *name, char *out, size_t cap)
{
	char key[64];
	const char *p;
	size_t n = 0;

	snprintf(key, sizeof(key), "\n%s:", name);
	if (strncmp(text, key + 1, strlen(key + 1)) == 0)
		p = text + strlen(key + 1);
	else if ((p = strstr(text, key)) != NULL)
		p += strlen(key);
	else
		ut_fail(__FILE__, __LINE__, "no %s: line in status", name);
	while (*p == '\t' || *p == ' ')
		p++;
	while (p[n] && p[n] != '\n' && n < cap - 1) {
		out[n] = p[n];
		n++;
	}
	out[n] = '\0';
	return out;
}

/* my_comm - what the kernel calls this program: argv[0]'s base name. */
static const char *
my_comm(char *buf, size_t cap)
{
	const char *slash = strrchr(program_invocation_name, '/');

	snprintf(buf, cap < 16 ? cap : 16, "%s",
		 slash ? slash + 1 : program_invocation_name);
	return buf;
}

/* ---- resource usage ------------------------------------------------------------ */

UTEST(getrusage_self_and_children_count_cpu)
{
	struct rusage ru;
	long before = cpu_ms(RUSAGE_CHILDREN);
	int pid = OK(fork());

	if (pid == 0) {
		burn(200);
		_exit(0);
	}
	CHECK_EXIT(pid, 0);
	CHECK_GE(cpu_ms(RUSAGE_CHILDREN) - before, 150);
	burn(20);
	CHECK_GE(cpu_ms(RUSAGE_SELF), 20);
	CHECK_GE(cpu_ms(RUSAGE_THREAD), 20);
	OK(getrusage(RUSAGE_SELF, &ru));
	CHECK(ru.ru_maxrss > 0);		/* kB */
	CHECK_ERR(getrusage(7, &ru), EINVAL);
	CHECK_ERR(getrusage(RUSAGE_SELF, ut_ptr(UT_BAD_LOW)), EFAULT);
}

UTEST(times_counts_ticks)
{
	struct tms a, b;
	clock_t t0, t1;
	int pid;

	CHECK_EQ(sysconf(_SC_CLK_TCK), 100);
	t0 = times(&a);
	burn(100);
	t1 = times(&b);
	CHECK_GE(t1 - t0, 5);			/* 50 ms of wall time at least */
	CHECK_GE((b.tms_utime + b.tms_stime) - (a.tms_utime + a.tms_stime), 5);
	pid = OK(fork());
	if (pid == 0) {
		burn(100);
		_exit(0);
	}
	CHECK_EXIT(pid, 0);
	OK(times(&b));
	CHECK_GE(b.tms_cutime + b.tms_cstime, 5);
	CHECK(times(NULL) >= t1);		/* NULL is allowed */
	errno = 0;
	CHECK_EQ(syscall(SYS_times, ut_ptr(UT_BAD_LOW)), -1);
	CHECK_EQ(errno, EFAULT);
}

UTEST(sysinfo_is_sane)
{
	struct sysinfo si;
	char text[128];
	double up;

	OK(sysinfo(&si));
	CHECK(si.mem_unit >= 1);
	CHECK(si.totalram > 0);
	CHECK(si.freeram <= si.totalram);
	CHECK((unsigned long long)si.totalram * si.mem_unit >= 4u << 20);
	CHECK(si.procs >= 1);
	read_proc("/proc/uptime", text, sizeof(text));
	up = strtod(text, NULL);
	CHECK_GE(si.uptime, (long)up - 1);
	CHECK_LT(si.uptime, (long)up + 3);
	CHECK_ERR(sysinfo(ut_ptr(UT_BAD_LOW)), EFAULT);
}

/* ---- resource limits ------------------------------------------------------------ */

UTEST(rlimit_nofile_limits_open)
{
	struct rlimit rl, small;
	int fd, last = -1;

	OK(getrlimit(RLIMIT_NOFILE, &rl));
	CHECK(rl.rlim_cur <= rl.rlim_max);
	small = (struct rlimit){ .rlim_cur = 10, .rlim_max = rl.rlim_max };
	OK(setrlimit(RLIMIT_NOFILE, &small));
	OK(getrlimit(RLIMIT_NOFILE, &rl));
	CHECK_EQ(rl.rlim_cur, 10);
	ut_write_file("f", "x", 1);
	while ((fd = open("f", O_RDONLY)) >= 0) {
		CHECK_LT(fd, 10);
		last = fd;
	}
	CHECK_EQ(errno, EMFILE);
	CHECK_EQ(last, 9);
	CHECK_ERR(dup2(0, 10), EBADF);
	CHECK_ERR(fcntl(0, F_DUPFD, 10), EINVAL);
	OK(close(last));
	CHECK_EQ(OK(open("f", O_RDONLY)), last);
	/* back up: the old limit holds again */
	small.rlim_cur = small.rlim_max < 64 ? small.rlim_max : 64;
	OK(setrlimit(RLIMIT_NOFILE, &small));
	CHECK_EQ(OK(dup2(0, 40)), 40);
}

/* nr_open - the ceiling of RLIMIT_NOFILE: fs.nr_open, 1 << 20 by default. */
static unsigned long
nr_open(void)
{
	char text[32];
	int fd = open("/proc/sys/fs/nr_open", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return 1ul << 20;
	text[n] = '\0';
	return strtoul(text, NULL, 10);
}

UTEST(rlimit_errors)
{
	struct rlimit rl, bad;

	OK(getrlimit(RLIMIT_NOFILE, &rl));
	bad = (struct rlimit){ .rlim_cur = 5, .rlim_max = 4 };
	CHECK_ERR(setrlimit(RLIMIT_NOFILE, &bad), EINVAL);
	bad = (struct rlimit){ .rlim_cur = 1, .rlim_max = nr_open() + 1 };
	CHECK_ERR(setrlimit(RLIMIT_NOFILE, &bad), EPERM);
	CHECK_ERR(getrlimit(99, &rl), EINVAL);
	CHECK_ERR(setrlimit(99, &rl), EINVAL);
	CHECK_ERR(getrlimit(RLIMIT_NOFILE, ut_ptr(UT_BAD_LOW)), EFAULT);
	CHECK_ERR(setrlimit(RLIMIT_NOFILE, ut_ptr(UT_BAD_LOW)), EFAULT);
	OK(getrlimit(RLIMIT_STACK, &rl));
	CHECK(rl.rlim_cur >= 64 * 1024);
	OK(getrlimit(RLIMIT_AS, &rl));		/* present; any value */
}

UTEST(prlimit64_self_other_and_inherited)
{
	struct rlimit old, now, set;
	int pid;

	OK(getrlimit(RLIMIT_CORE, &now));
	OK(syscall(SYS_prlimit64, 0, RLIMIT_CORE, NULL, &old));
	CHECK_EQ(old.rlim_cur, now.rlim_cur);
	CHECK_EQ(old.rlim_max, now.rlim_max);
	set = (struct rlimit){ .rlim_cur = 0, .rlim_max = now.rlim_max };
	OK(syscall(SYS_prlimit64, getpid(), RLIMIT_CORE, &set, &old));
	CHECK_EQ(old.rlim_cur, now.rlim_cur);	/* the old value came back */
	OK(getrlimit(RLIMIT_CORE, &now));
	CHECK_EQ(now.rlim_cur, 0);
	set = (struct rlimit){ .rlim_cur = 20, .rlim_max = 64 };
	OK(setrlimit(RLIMIT_NOFILE, &set));
	pid = OK(fork());
	if (pid == 0) {
		OK(getrlimit(RLIMIT_NOFILE, &now));
		CHECK_EQ(now.rlim_cur, 20);
		CHECK_EQ(now.rlim_max, 64);
		CHECK_ERR(dup2(0, 20), EBADF);
		_exit(0);
	}
	CHECK_EXIT(pid, 0);
	/* another process: a child of ours */
	pid = sleeper();
	set.rlim_cur = 30;
	OK(syscall(SYS_prlimit64, pid, RLIMIT_NOFILE, &set, NULL));
	OK(syscall(SYS_prlimit64, pid, RLIMIT_NOFILE, NULL, &now));
	CHECK_EQ(now.rlim_cur, 30);
	kill_and_reap(pid);
	errno = 0;
	CHECK_EQ(syscall(SYS_prlimit64, reaped_pid(), RLIMIT_NOFILE, NULL, &now),
		 -1);
	CHECK_EQ(errno, ESRCH);
	errno = 0;
	CHECK_EQ(syscall(SYS_prlimit64, 0, 99, NULL, &now), -1);
	CHECK_EQ(errno, EINVAL);
}

UTEST(rlimit_as_limits_mmap_and_brk)
{
	struct rlimit rl = { .rlim_cur = 64u << 20, .rlim_max = RLIM_INFINITY };
	void *p;

	OK(setrlimit(RLIMIT_AS, &rl));
	p = mmap(NULL, 128u << 20, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p == MAP_FAILED && errno == ENOMEM);
	p = mmap(NULL, 1u << 20, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	OK(munmap(p, 1u << 20));
	CHECK(sbrk(128 << 20) == (void *)-1);
	CHECK_EQ(errno, ENOMEM);
}

/* ---- process groups and sessions ----------------------------------------------- */

UTEST(setpgid_errors)
{
	CHECK_ERR(setpgid(0, -1), EINVAL);
	CHECK_ERR(setpgid(getppid(), 0), ESRCH);	/* not a child */
	CHECK_ERR(setpgid(reaped_pid(), 0), ESRCH);
	CHECK_ERR(getpgid(reaped_pid()), ESRCH);
	CHECK_ERR(getsid(reaped_pid()), ESRCH);
	CHECK_ERR(getpgid(-5), ESRCH);
}

UTEST(setpgid_moves_self_and_children)
{
	int pid = OK(fork()), child;

	if (pid == 0) {
		CHECK_EQ(getpgrp(), getpgid(getppid()));	/* inherited */
		OK(setpgid(0, 0));
		CHECK_EQ(getpgrp(), getpid());
		CHECK_EQ(getpgid(0), getpid());
		child = sleeper();
		CHECK_EQ(getpgid(child), getpid());
		OK(setpgid(child, child));		/* a new group */
		CHECK_EQ(getpgid(child), child);
		OK(setpgid(child, getpid()));		/* back into ours */
		CHECK_EQ(getpgid(child), getpid());
		CHECK_EQ(getsid(child), getsid(0));
		kill_and_reap(child);
		_exit(0);
	}
	CHECK_EXIT(pid, 0);
}

UTEST(setpgid_after_exec_is_eacces)
{
	int pid = OK(fork());

	if (pid == 0) {
		char *argv[] = { "true_min", NULL };
		execve(ut_bin("true_min"), argv, environ);
		_exit(99);
	}
	exited_unreaped(pid);
	CHECK_ERR(setpgid(pid, pid), EACCES);
	CHECK_EXIT(pid, 0);
}

UTEST(setpgid_across_sessions_is_eperm)
{
	int leader = OK(fork()), pid;

	if (leader == 0) {
		CHECK_EQ(setsid(), getpid());
		_exit(0);
	}
	exited_unreaped(leader);		/* its group lives on until reaped */
	CHECK_ERR(setpgid(leader, leader), EPERM);	/* another session */
	pid = OK(fork());
	if (pid == 0) {
		/* a group that exists, but in another session */
		CHECK_ERR(setpgid(0, leader), EPERM);
		/* a group that does not exist */
		CHECK_ERR(setpgid(0, reaped_pid()), EPERM);
		_exit(0);
	}
	CHECK_EXIT(pid, 0);
	CHECK_EXIT(leader, 0);
}

UTEST(setsid_rules)
{
	int pid = OK(fork());

	if (pid == 0) {
		int parent_sid = getsid(getppid());

		CHECK_EQ(getsid(0), parent_sid);
		CHECK_EQ(setsid(), getpid());
		CHECK_EQ(getsid(0), getpid());
		CHECK_EQ(getsid(getpid()), getpid());
		CHECK_EQ(getpgrp(), getpid());
		CHECK_NE(getsid(getppid()), getpid());
		CHECK_ERR(setsid(), EPERM);		/* leads a group */
		CHECK_ERR(setpgid(0, 0), EPERM);	/* leads a session */
		_exit(0);
	}
	CHECK_EXIT(pid, 0);
	pid = OK(fork());
	if (pid == 0) {
		OK(setpgid(0, 0));
		CHECK_ERR(setsid(), EPERM);		/* a group leader */
		_exit(0);
	}
	CHECK_EXIT(pid, 0);
}

/* ---- /proc/<pid> --------------------------------------------------------------- */

/* /proc/loadavg: three averages, running/threads, the last pid handed out
 * (system-wide on Linux, so only "a real pid" is checkable here). */
UTEST(proc_loadavg_last_pid)
{
	char text[256];
	double a1, a5, a15;
	int running, threads, last = 0, pid = OK(fork());

	if (pid == 0)
		_exit(0);
	CHECK_EXIT(pid, 0);
	read_proc("/proc/loadavg", text, sizeof(text));
	CHECK_EQ(sscanf(text, "%lf %lf %lf %d/%d %d", &a1, &a5, &a15, &running,
			&threads, &last), 6);
	CHECK(running >= 1 && threads >= running);
	CHECK(last > 1);
}

UTEST(proc_self_stat_fields)
{
	char text[1024], comm[64], want[16], state;
	int pid, ppid, pgrp, sid, fields = 0;
	unsigned long long start, vsize;
	long rss;
	const char *p;

	read_proc("/proc/self/stat", text, sizeof(text));
	CHECK_EQ(sscanf(text, "%d (%63[^)]) %c %d %d %d", &pid, comm, &state,
			&ppid, &pgrp, &sid), 6);
	CHECK_EQ(pid, getpid());
	CHECK_STREQ(comm, my_comm(want, sizeof(want)));
	CHECK_EQ(state, 'R');
	CHECK_EQ(ppid, getppid());
	CHECK_EQ(pgrp, getpgrp());
	CHECK_EQ(sid, getsid(0));
	p = strrchr(text, ')') + 2;
	for (const char *q = p; *q && *q != '\n'; q++)
		fields += *q != ' ' && (q == p || q[-1] == ' ');
	CHECK_EQ(fields + 2, 52);		/* Linux 3.5 and later */
	/* starttime, vsize, rss: fields 22, 23, 24 */
	CHECK_EQ(sscanf(p, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u "
			   "%*u %*d %*d %*d %*d %*d %*d %llu %llu %ld",
			&start, &vsize, &rss), 3);
	CHECK(vsize > 0);
	CHECK(rss > 0);
}

UTEST(proc_self_status_lines)
{
	char text[4096], v[64], want[16], num[16];

	read_proc("/proc/self/status", text, sizeof(text));
	CHECK_STREQ(status_field(text, "Name", v, sizeof(v)),
		    my_comm(want, sizeof(want)));
	snprintf(num, sizeof(num), "%d", getpid());
	CHECK_STREQ(status_field(text, "Pid", v, sizeof(v)), num);
	CHECK_STREQ(status_field(text, "Tgid", v, sizeof(v)), num);
	snprintf(num, sizeof(num), "%d", getppid());
	CHECK_STREQ(status_field(text, "PPid", v, sizeof(v)), num);
	CHECK_STREQ(status_field(text, "State", v, sizeof(v)), "R (running)");
	CHECK_STREQ(status_field(text, "Threads", v, sizeof(v)), "1");
	CHECK(strstr(status_field(text, "VmRSS", v, sizeof(v)), " kB"));
	CHECK(strstr(status_field(text, "VmSize", v, sizeof(v)), " kB"));
	status_field(text, "Uid", v, sizeof(v));
	status_field(text, "Gid", v, sizeof(v));
}

UTEST(proc_self_cmdline_is_argv)
{
	char text[8192];
	size_t n = read_proc("/proc/self/cmdline", text, sizeof(text));

	/* argv[0] (musl keeps the pointer) and the strings after it, as the
	 * kernel placed them on the stack: the file is those bytes */
	CHECK(n > 0 && text[n - 1] == '\0');
	CHECK_STREQ(text, program_invocation_name);
	CHECK_MEMEQ(text, program_invocation_name, n);
	if (environ[0])				/* the environment follows */
		CHECK(environ[0] == program_invocation_name + n);
}

UTEST(proc_self_environ_is_envp)
{
	char text[16384];
	size_t n = read_proc("/proc/self/environ", text, sizeof(text));

	if (!environ[0]) {
		CHECK_EQ(n, 0);
		return;
	}
	CHECK(n > 0);
	CHECK_STREQ(text, environ[0]);
}

/* maps_has - whether some line of @maps has @what in it. */
static int
maps_has(const char *maps, const char *what)
{
	return strstr(maps, what) != NULL;
}

UTEST(proc_self_maps_regions)
{
	static char text[65536];
	char line[128];
	void *rw, *none;

	rw = mmap(NULL, 3 * UT_PAGE, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	none = mmap(NULL, UT_PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		    0);
	CHECK(rw != MAP_FAILED && none != MAP_FAILED);
	read_proc("/proc/self/maps", text, sizeof(text));
	CHECK(maps_has(text, "[stack]"));
	CHECK(maps_has(text, " r-xp "));
	snprintf(line, sizeof(line), "%lx-%lx rw-p 00000000 00:00 0",
		 (unsigned long)rw, (unsigned long)rw + 3 * UT_PAGE);
	CHECK(maps_has(text, line) ||
	      /* Linux may merge it with a neighbour: then it starts inside */
	      strstr(text, "rw-p") != NULL);
	snprintf(line, sizeof(line), "%lx-%lx ---p 00000000 00:00 0 ",
		 (unsigned long)none, (unsigned long)none + UT_PAGE);
	CHECK(maps_has(text, line));
	OK(munmap(none, UT_PAGE));
	read_proc("/proc/self/maps", text, sizeof(text));
	CHECK(!maps_has(text, line));
	OK(munmap(rw, 3 * UT_PAGE));
}

UTEST(proc_self_fd_links)
{
	char want[4096], got[4096], path[64], buf[8];
	struct stat st;
	int fd, dfd, found = 0;
	DIR *d;
	struct dirent *e;

	CHECK(getcwd(want, sizeof(want) - 8) != NULL);
	strcat(want, "/f");
	ut_write_file("f", "hello", 5);
	fd = OK(open("f", O_RDONLY));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	CHECK_STREQ(readlink_str(path, got, sizeof(got)), want);
	OK(lstat(path, &st));
	CHECK(S_ISLNK(st.st_mode));
	CHECK_EQ(st.st_mode & 0777, 0500);	/* open for reading */
	/* following it opens the file */
	dfd = OK(open(path, O_RDONLY));
	CHECK_EQ(OK(read(dfd, buf, sizeof(buf))), 5);
	OK(close(dfd));
	/* fd 0 */
	OK(dup2(fd, 0));
	CHECK_STREQ(readlink_str("/proc/self/fd/0", got, sizeof(got)), want);
	/* a directory */
	dfd = OK(open(".", O_RDONLY | O_DIRECTORY));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", dfd);
	want[strlen(want) - 2] = '\0';
	CHECK_STREQ(readlink_str(path, got, sizeof(got)), want);
	/* the listing */
	CHECK((d = opendir("/proc/self/fd")) != NULL);
	while ((e = readdir(d)) != NULL)
		found += atoi(e->d_name) == fd && e->d_type == DT_LNK;
	closedir(d);
	CHECK_EQ(found, 1);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", 900);
	CHECK_ERR(readlink(path, got, sizeof(got)), ENOENT);
}

UTEST(proc_self_fd_pipe)
{
	int p[2];
	char got[64];

	if (pipe(p) < 0)
		ut_skip("no pipe(): %s", strerror(errno));
	snprintf(got, sizeof(got), "/proc/self/fd/%d", p[0]);
	readlink_str(got, got, sizeof(got));
	CHECK(strncmp(got, "pipe:[", 6) == 0);
	CHECK(got[strlen(got) - 1] == ']');
}

UTEST(proc_self_exe_names_the_program)
{
	char got[4096];
	struct stat a, b;
	size_t n;

	readlink_str("/proc/self/exe", got, sizeof(got));
	n = strlen(got);
	CHECK(got[0] == '/');
	CHECK(n > 7 && strcmp(got + n - 7, "/utests") == 0);
	OK(stat(got, &a));
	OK(stat(ut_bin("utests"), &b));
	CHECK_EQ(a.st_ino, b.st_ino);
	CHECK_EQ(a.st_dev, b.st_dev);
}

UTEST(proc_self_cwd_follows_chdir)
{
	char want[4096], got[4096];

	OK(mkdir("sub", 0755));
	OK(chdir("sub"));
	CHECK(getcwd(want, sizeof(want)) != NULL);
	CHECK_STREQ(readlink_str("/proc/self/cwd", got, sizeof(got)), want);
	OK(chdir("/"));
	CHECK_STREQ(readlink_str("/proc/self/cwd", got, sizeof(got)), "/");
}

UTEST(proc_self_and_pid_dirs)
{
	char name[16], got[64];
	struct stat a, b;
	int self = 0, mine = 0;
	DIR *d;
	struct dirent *e;

	snprintf(name, sizeof(name), "%d", getpid());
	CHECK_STREQ(readlink_str("/proc/self", got, sizeof(got)), name);
	OK(lstat("/proc/self", &a));
	CHECK(S_ISLNK(a.st_mode));
	OK(stat("/proc/self", &a));
	snprintf(got, sizeof(got), "/proc/%d", getpid());
	OK(stat(got, &b));
	CHECK(S_ISDIR(b.st_mode));
	CHECK_EQ(b.st_mode & 07777, 0555);
	CHECK_EQ(a.st_ino, b.st_ino);
	OK(stat("/proc/self/stat", &a));
	CHECK(S_ISREG(a.st_mode));
	CHECK_EQ(a.st_mode & 07777, 0444);
	OK(stat("/proc/self/fd", &a));
	CHECK(S_ISDIR(a.st_mode));
	CHECK_EQ(a.st_mode & 07777, 0500);
	OK(lstat("/proc/self/exe", &a));
	CHECK(S_ISLNK(a.st_mode));
	CHECK_EQ(a.st_mode & 07777, 0777);
	CHECK((d = opendir("/proc")) != NULL);
	while ((e = readdir(d)) != NULL) {
		self += strcmp(e->d_name, "self") == 0;
		mine += strcmp(e->d_name, name) == 0 && e->d_type == DT_DIR;
	}
	closedir(d);
	CHECK_EQ(self, 1);
	CHECK_EQ(mine, 1);
	CHECK_ERR(stat("/proc/self/nonexistent", &a), ENOENT);
}

UTEST(proc_pid_of_a_child)
{
	char path[64], text[1024], got[4096], want[4096];
	int pid = sleeper(), ppid = 0, tries = 0;
	struct stat st;

	while (ut_proc_state(pid) != 'S' && tries++ < 1000)
		sched_yield();
	CHECK_EQ(ut_proc_state(pid), 'S');
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	read_proc(path, text, sizeof(text));
	CHECK_EQ(sscanf(strrchr(text, ')') + 4, "%d", &ppid), 1);
	CHECK_EQ(ppid, getpid());
	snprintf(path, sizeof(path), "/proc/%d/cwd", pid);
	CHECK(getcwd(want, sizeof(want)) != NULL);
	CHECK_STREQ(readlink_str(path, got, sizeof(got)), want);
	OK(kill(pid, SIGKILL));
	exited_unreaped(pid);
	CHECK_EQ(ut_proc_state(pid), 'Z');
	CHECK_SIGNALED(pid, SIGKILL);
	snprintf(path, sizeof(path), "/proc/%d", pid);
	CHECK_ERR(stat(path, &st), ENOENT);
}

/* run_with_stack_limit - exec exec_target using @use KiB of stack under
 * RLIMIT_STACK = @limit KiB; returns the wait status. */
static int
run_with_stack_limit(long limit, long use)
{
	char arg[32], *argv[] = { "exec_target", "stack", arg, NULL };
	char *envp[] = { NULL };
	int st, pid = OK(fork());

	if (pid == 0) {
		struct rlimit rl = { (rlim_t)limit << 10, RLIM_INFINITY };
		if (setrlimit(RLIMIT_STACK, &rl) < 0)
			_exit(90);
		snprintf(arg, sizeof(arg), "%ld", use);
		execve(ut_bin("exec_target"), argv, envp);
		_exit(91);
	}
	OK(waitpid(pid, &st, 0));
	return st;
}

UTEST(rlimit_stack_bounds_the_stack)
{
	int st = run_with_stack_limit(256, 2048);

	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	st = run_with_stack_limit(8192, 2048);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}
