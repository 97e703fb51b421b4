/*
 * user/init/shutdown.c: taking the system down.
 *
 * The sequence: announce it on the console; SIGTERM to every process
 * (and SIGCONT, or a stopped job could not act on it); reap for up to
 * TERM_WAIT_MS so that programs can finish cleanly; SIGKILL to whatever
 * is left and reap again; sync; reboot(2).  Nothing is respawned: this
 * never returns to the main loop.  The waits poll with short naps
 * instead of timing signals, since SIGCHLD stays blocked here and exact
 * timing does not matter.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <time.h>
#include <unistd.h>
#include "init.h"

#define TERM_WAIT_MS 2000     /* grace time after SIGTERM */
#define KILL_WAIT_MS 1000     /* after SIGKILL: only in-kernel sleeps */
#define NAP_NS	     50000000 /* 50 ms between polls */

/* What each shutdown signal asks for (see supervise.c). */
static const struct {
	int sig;
	int cmd; /* reboot(2) command */
	const char *what;
} kinds[] = {
	{SIGUSR2, RB_POWER_OFF, "poweroff"},
	{SIGTERM, RB_AUTOBOOT, "reboot"},
	{SIGUSR1, RB_HALT_SYSTEM, "halt"},
};

/* console_say - write @msg on the console, or on stderr without one.
 * A failed write is not reported: there is nowhere else to say it. */
static void
console_say(const char *msg)
{
	int fd = open(CONSOLE_PATH, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	ssize_t n = write(fd >= 0 ? fd : 2, msg, strlen(msg));

	(void)n;
	if (fd >= 0)
		close(fd);
}

/* reap_for - reap children until none is left or @ms have passed. */
static void
reap_for(long long ms)
{
	struct timespec nap = {0, NAP_NS};
	long long end = now_ms() + ms;
	pid_t got;
	int st;

	for (;;) {
		while ((got = reap_one(&st)) > 0)
			;
		if (got < 0 || now_ms() >= end)
			return;
		nanosleep(&nap, NULL);
	}
}

/* halt_here - what is left when reboot(2) fails: idle, reaping. */
static void __attribute__((noreturn)) halt_here(void)
{
	int st;

	for (;;) {
		while (reap_one(&st) > 0)
			;
		wait_event(-1);
	}
}

/*
 * shutdown_system - end every process, then power off, reboot or halt
 * as shutdown signal @sig asks.  Never returns: if reboot(2) fails,
 * init reports it and idles.
 */
void
shutdown_system(int sig)
{
	char msg[80];
	unsigned int i = 0;

	/* an unknown signal (none is caught) would mean halt: the safe end */
	while (i < sizeof(kinds) / sizeof(kinds[0]) - 1 && kinds[i].sig != sig)
		i++;
	snprintf(msg, sizeof(msg), "init: the system is going down for %s\n",
		 kinds[i].what);
	console_say(msg);
	kill(-1, SIGTERM);
	kill(-1, SIGCONT);
	reap_for(TERM_WAIT_MS);
	kill(-1, SIGKILL);
	reap_for(KILL_WAIT_MS);
	sync();
	reboot(kinds[i].cmd);
	fprintf(stderr, "init: reboot: %s\n", strerror(errno));
	halt_here();
}
