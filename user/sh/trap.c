/*
 * user/sh/trap.c: the trap builtin.  Signal handlers only mark the
 * signal pending; trap_run_pending() runs the actions between commands,
 * so no shell code runs in signal context.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

static char *traps[NSIG]; /* action per signal; [0] is EXIT */
static volatile sig_atomic_t pending[NSIG];
static volatile sig_atomic_t anypending;

/* Signal names without "SIG", shared with kill (jobs.c). */
static const struct {
	const char *name;
	int sig;
} signames[] = {
	{"EXIT", 0},	   {"HUP", SIGHUP},	  {"INT", SIGINT},
	{"QUIT", SIGQUIT}, {"ILL", SIGILL},	  {"TRAP", SIGTRAP},
	{"ABRT", SIGABRT}, {"BUS", SIGBUS},	  {"FPE", SIGFPE},
	{"KILL", SIGKILL}, {"USR1", SIGUSR1},	  {"SEGV", SIGSEGV},
	{"USR2", SIGUSR2}, {"PIPE", SIGPIPE},	  {"ALRM", SIGALRM},
	{"TERM", SIGTERM}, {"STKFLT", SIGSTKFLT}, {"CHLD", SIGCHLD},
	{"CONT", SIGCONT}, {"STOP", SIGSTOP},	  {"TSTP", SIGTSTP},
	{"TTIN", SIGTTIN}, {"TTOU", SIGTTOU},	  {"URG", SIGURG},
	{"XCPU", SIGXCPU}, {"XFSZ", SIGXFSZ},	  {"VTALRM", SIGVTALRM},
	{"PROF", SIGPROF}, {"WINCH", SIGWINCH},	  {"IO", SIGIO},
	{"PWR", SIGPWR},   {"SYS", SIGSYS},	  {NULL, 0},
};

/* on_signal - async handler: remember that @sig arrived. */
static void
on_signal(int sig)
{
	pending[sig] = 1;
	anypending = 1;
}

/*
 * trap_sig_number - parse a signal name ("TERM", "SIGTERM", "EXIT") or
 * number; returns it, or -1 if it is neither.
 */
int
trap_sig_number(const char *s)
{
	char *end;
	long n;
	int i;

	if (!strncmp(s, "SIG", 3))
		s += 3;
	for (i = 0; signames[i].name; i++)
		if (!strcmp(s, signames[i].name))
			return signames[i].sig;
	n = strtol(s, &end, 10);
	return (*s && !*end && n >= 0 && n < NSIG) ? (int)n : -1;
}

/* trap_sig_name - the name of signal @sig without "SIG", or "?". */
const char *
trap_sig_name(int sig)
{
	int i;

	for (i = 0; signames[i].name; i++)
		if (signames[i].sig == sig)
			return signames[i].name;
	return "?";
}

/* set_trap - install @action ("-" default, "" ignore) for @sig. */
static void
set_trap(int sig, const char *action)
{
	free(traps[sig]);
	traps[sig] = NULL;
	if (strcmp(action, "-") != 0)
		traps[sig] = xstrdup(action);
	if (sig == 0)
		return;
	if (!traps[sig])
		signal(sig,
		       (sh.interactive && (sig == SIGINT || sig == SIGQUIT))
			       ? SIG_IGN
			       : SIG_DFL);
	else
		signal(sig, *action ? on_signal : SIG_IGN);
}

/* list_traps - print every trap in re-readable form. */
static void
list_traps(void)
{
	int i;

	for (i = 0; i < NSIG; i++)
		if (traps[i])
			printf("trap -- '%s' %s\n", traps[i], trap_sig_name(i));
}

/* builtin_trap - "trap [action sig...]"; returns 0, or 1 on a bad signal. */
int
builtin_trap(int argc, char **argv)
{
	int i = 1, sig, st = 0;
	const char *action;

	if (argc == 1) {
		list_traps();
		return 0;
	}
	if (!strcmp(argv[1], "--"))
		i++;
	if (i >= argc)
		return 0;
	action = argv[i];
	if (trap_sig_number(action) >= 0 && i + 1 == argc)
		action = "-"; /* "trap SIG": reset it */
	else
		i++;
	for (; i < argc; i++) {
		if ((sig = trap_sig_number(argv[i])) < 0 || sig == SIGKILL) {
			sh_error("trap: %s: bad trap", argv[i]);
			st = 1;
			continue;
		}
		set_trap(sig, action);
	}
	return st;
}

/* trap_run_pending - run actions for signals that arrived. */
void
trap_run_pending(void)
{
	int i, st = sh.status;

	if (!anypending)
		return;
	anypending = 0;
	for (i = 1; i < NSIG; i++) {
		if (!pending[i])
			continue;
		pending[i] = 0;
		if (traps[i] && *traps[i])
			exec_string(traps[i]);
	}
	sh.status = st;
}

/* trap_run_exit - run (once) the EXIT trap, if any. */
void
trap_run_exit(void)
{
	char *action = traps[0];

	if (!action)
		return;
	traps[0] = NULL;
	exec_string(action);
	free(action);
}

/* trap_reset_child - in a new subshell, caught signals revert to default. */
void
trap_reset_child(void)
{
	int i;

	for (i = 0; i < NSIG; i++) {
		if (!traps[i])
			continue;
		if (i && *traps[i])
			signal(i, SIG_DFL);
		if (*traps[i] || !i) {
			free(traps[i]);
			traps[i] = NULL;
		}
	}
}
