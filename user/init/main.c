/*
 * user/init/main.c: Basalt's init, /sbin/init, the first user process.
 *
 * As PID 1 it: makes sure fds 0-2 are open on the console; catches its
 * signals (supervise.c); mounts /proc and /dev unless the kernel already
 * did; sets the hostname from /etc/hostname; runs "/bin/sh /etc/rc" and
 * waits for it; then keeps a shell on every terminal of /etc/inittab
 * (format: inittab.c), reaps every orphan, and shuts down on SIGUSR2
 * (power off), SIGTERM (reboot) or SIGUSR1 (halt) (shutdown.c).
 *
 * PID 1 must never exit (the kernel panics), so from here on every
 * failure is reported on stderr and init carries on.
 *
 * Run with any other pid, init refuses, except for the test mode
 * "init --test-inittab FILE": parse FILE and print what init would start
 * (user/init/tests/run.sh).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include "init.h"

/* console_fds - open the console on whichever of fds 0-2 is closed, so
 * that stdio and the children's inherited fds work.  open() takes the
 * lowest free fd, and the loop fills them in order. */
static void
console_fds(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 &&
		    open(CONSOLE_PATH, O_RDWR | O_NOCTTY) < 0)
			return;
}

/* mounted - true if /proc/mounts (if readable) lists a mount on @dir. */
static int
mounted(const char *dir)
{
	char line[512], mnt[256];
	FILE *f = fopen("/proc/mounts", "r");
	int found = 0;

	if (f == NULL)
		return 0;
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, "%*s %255s", mnt) == 1 &&
			strcmp(mnt, dir) == 0;
	fclose(f);
	return found;
}

/* mount_missing - mount a @type filesystem on @dir unless one is there.
 * The kernel mounts both at boot, so this is only a safety net. */
static void
mount_missing(const char *dir, const char *type)
{
	if (mounted(dir))
		return;
	mkdir(dir, 0755); /* EEXIST is the usual case; mount reports worse */
	if (mount(type, dir, type, 0, NULL) < 0)
		fprintf(stderr, "init: mount %s on %s: %s\n", type, dir,
			strerror(errno));
}

/* set_hostname - the first word of /etc/hostname, if any, becomes the
 * hostname.  ENOSYS (a kernel without sethostname) is not worth a word. */
static void
set_hostname(void)
{
	char buf[HOST_NAME_MAX + 2], *name;
	FILE *f = fopen("/etc/hostname", "r");

	if (f == NULL)
		return;
	if (fgets(buf, sizeof(buf), f)) {
		name = buf + strspn(buf, " \t");
		name[strcspn(name, " \t\r\n")] = 0;
		if (*name && sethostname(name, strlen(name)) < 0 &&
		    errno != ENOSYS)
			fprintf(stderr, "init: sethostname: %s\n",
				strerror(errno));
	}
	fclose(f);
}

/* not_pid1 - main() for any pid but 1: the test mode, or a refusal.
 * Returns the exit status. */
static int
not_pid1(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--test-inittab") == 0) {
		if (argc != 3) {
			fprintf(stderr, "usage: init --test-inittab FILE\n");
			return 2;
		}
		return inittab_test(argv[2]);
	}
	fprintf(stderr, "init: must be run as PID 1\n");
	return 1;
}

/* main - as PID 1, boot and supervise; never returns.  Arguments from
 * the kernel command line are ignored. */
int
main(int argc, char **argv)
{
	static struct term terms[INIT_MAX_TERMS];
	int n, nbad;

	if (getpid() != 1)
		return not_pid1(argc, argv);
	console_fds();
	signals_setup();
	umask(022);
	if (chdir("/") < 0)
		fprintf(stderr, "init: chdir /: %s\n", strerror(errno));
	mount_missing("/proc", "proc");
	mount_missing("/dev", "devtmpfs");
	set_hostname();
	run_rc();
	/* read after rc, which may have written it */
	n = inittab_read(INITTAB_PATH, terms, &nbad, 1);
	supervise(terms, n);
}
