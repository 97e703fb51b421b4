/*
 * user/init/init.h: shared declarations of Basalt's /sbin/init (PID 1).
 *
 * init is single-threaded.  Its shutdown and child signals are blocked
 * at all times except inside wait_event() (supervise.c), so no handler
 * ever interrupts the code below; the handlers only record a flag.
 */
#pragma once
#include <sys/types.h>

#define INIT_MAX_TERMS 8   /* terminals one inittab may list */
#define INIT_MAX_ARGS  16  /* words of one command, program included */
#define INIT_LINE_MAX  256 /* longest inittab line, newline excluded */

#define INITTAB_PATH "/etc/inittab"
#define RC_PATH	     "/etc/rc"
#define MOTD_PATH    "/etc/motd"
#define SHELL_PATH   "/bin/sh"
#define CONSOLE_PATH "/dev/console"

/*
 * One terminal of the inittab and its respawn state.  argv points into
 * the entry's own buffers, so entries live in one array and are never
 * copied.
 */
struct term {
	int lineno;		       /* inittab line; 0: the fallback */
	char dev[INIT_LINE_MAX + 8];   /* absolute device path */
	char words[INIT_LINE_MAX + 1]; /* command, split in place */
	char arg0[INIT_LINE_MAX + 2];  /* "-NAME" for a login shell */
	const char *path;	       /* program to execute (in words) */
	char *argv[INIT_MAX_ARGS + 1];
	pid_t pid;	      /* running child, 0 if none */
	long long started;    /* now_ms() when pid was forked */
	int fast_exits;	      /* exits in a row within 1 s */
	long long not_before; /* no respawn before this now_ms() */
};

/* inittab.c */
int inittab_read(const char *file, struct term *terms, int *nbad,
		 int quiet_missing);
int inittab_test(const char *file);

/* spawn.c */
pid_t spawn_term(const struct term *t);
pid_t spawn_rc(void);

/* supervise.c */
long long now_ms(void);
void signals_setup(void);
void wait_event(long long deadline);
pid_t reap_one(int *status);
void run_rc(void);
void supervise(struct term *terms, int n) __attribute__((noreturn));

/* shutdown.c */
void shutdown_system(int sig) __attribute__((noreturn));
