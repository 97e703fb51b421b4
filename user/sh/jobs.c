/*
 * user/sh/jobs.c: the job table, waiting, and jobs/fg/bg/wait.
 * A job is one pipeline or background command.  With job control
 * (interactive shells) each job has its own process group and the
 * terminal is handed to foreground jobs with tcsetpgrp().
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sh.h"

#define JOB_MAX 64

struct job {
	int id; /* 0: slot free */
	pid_t pgid;
	int n;
	pid_t *pids; /* n entries each, malloc'd */
	int *st;     /* raw wait status */
	char *done;
	int stopped;
	char *text;
};

static struct job jobs[JOB_MAX];
static int curjob; /* id of the most recent job, or 0 */

/* job_init - ignore job-control signals in an interactive shell. */
void
job_init(void)
{
	if (!sh.interactive)
		return;
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	if (sh.jobctl) {
		setpgid(0, 0);
		sh.shpgid = getpgrp();
		tcsetpgrp(0, sh.shpgid);
	}
}

/* status_of - convert a raw wait status into a shell exit status. */
static int
status_of(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	if (WIFSTOPPED(st))
		return 128 + WSTOPSIG(st);
	return 1;
}

/* job_alloc - take a free slot for @n processes; returns it or NULL. */
static struct job *
job_alloc(pid_t *pids, int n, pid_t pgid, const char *text)
{
	int i, id;

	for (id = 1; id <= JOB_MAX; id++) {
		for (i = 0; i < JOB_MAX && jobs[i].id != id; i++)
			;
		if (i == JOB_MAX)
			break;
	}
	for (i = 0; i < JOB_MAX && jobs[i].id; i++)
		;
	if (i == JOB_MAX)
		return NULL;
	memset(&jobs[i], 0, sizeof(jobs[i]));
	jobs[i].id = id;
	jobs[i].pgid = pgid ? pgid : pids[0];
	jobs[i].n = n;
	jobs[i].pids = xmalloc(n * sizeof(pid_t));
	jobs[i].st = xmalloc(n * sizeof(int));
	jobs[i].done = xmalloc(n);
	memcpy(jobs[i].pids, pids, n * sizeof(*pids));
	memset(jobs[i].st, 0, n * sizeof(int));
	memset(jobs[i].done, 0, n);
	jobs[i].text = xstrdup(text ? text : "");
	return &jobs[i];
}

/* job_free - release job slot @j. */
static void
job_free(struct job *j)
{
	if (curjob == j->id)
		curjob = 0;
	free(j->text);
	free(j->pids);
	free(j->st);
	free(j->done);
	j->id = 0;
}

/* job_finished - true if every process of @j has terminated. */
static int
job_finished(struct job *j)
{
	int i;

	for (i = 0; i < j->n; i++)
		if (!j->done[i])
			return 0;
	return 1;
}

/* wait_job - wait for @j to finish or stop; returns its status. */
static int
wait_job(struct job *j)
{
	int i, st;
	pid_t r;

	j->stopped = 0;
	for (i = 0; i < j->n; i++) {
		if (j->done[i])
			continue;
		do
			r = waitpid(j->pids[i], &st, sh.jobctl ? WUNTRACED : 0);
		while (r < 0 && errno == EINTR);
		if (r < 0) {
			j->done[i] = 1;
			continue;
		}
		j->st[i] = st;
		if (WIFSTOPPED(st))
			j->stopped = 1;
		else
			j->done[i] = 1;
	}
	return status_of(j->st[j->n - 1]);
}

/* give_terminal - hand the terminal to @pgid when interactive. */
static void
give_terminal(pid_t pgid)
{
	if (sh.interactive && sh.jobctl)
		tcsetpgrp(0, pgid);
}

/*
 * report_signal - say why foreground job @j died if a signal killed one
 * of its processes ("Segmentation fault (core dumped)"), as dash and
 * bash do.  ^C and broken pipes are what the user expects, so they are
 * left quiet.
 */
static void
report_signal(struct job *j)
{
	int i, st, sig;

	for (i = j->n - 1; i >= 0; i--) {
		st = j->st[i];
		if (!WIFSIGNALED(st))
			continue;
		sig = WTERMSIG(st);
		if (sig == SIGINT || sig == SIGPIPE)
			return;
		fprintf(stderr, "%s%s\n", strsignal(sig),
			WCOREDUMP(st) ? " (core dumped)" : "");
		return;
	}
}

/* fg_wait - wait for foreground job @j and take the terminal back. */
static int
fg_wait(struct job *j)
{
	int st;

	give_terminal(j->pgid);
	st = wait_job(j);
	give_terminal(sh.shpgid);
	if (j->stopped) {
		fprintf(stderr, "\n[%d]+  Stopped  %s\n", j->id, j->text);
		curjob = j->id;
		return st;
	}
	if (sh.interactive && WIFSIGNALED(j->st[j->n - 1]) &&
	    WTERMSIG(j->st[j->n - 1]) == SIGINT)
		fputc('\n', stderr);
	report_signal(j);
	job_free(j);
	return st;
}

/*
 * job_run_fg - wait for the foreground processes @pids (group @pgid).
 * Returns the status of the last one; stopped jobs stay in the table.
 */
int
job_run_fg(pid_t *pids, int n, pid_t pgid, const char *text)
{
	struct job *j;

	if (n == 0)
		return 0;
	j = job_alloc(pids, n, pgid, text);
	if (!j) {
		sh_error("too many jobs");
		return job_wait_pid(pids[n - 1]);
	}
	return fg_wait(j);
}

/* job_add_bg - record background job @pids; returns its job id. */
int
job_add_bg(pid_t *pids, int n, pid_t pgid, const char *text)
{
	struct job *j = job_alloc(pids, n, pgid, text);

	if (!j)
		return 0;
	curjob = j->id;
	if (sh.interactive)
		fprintf(stderr, "[%d] %d\n", j->id, (int)pids[n - 1]);
	return j->id;
}

/* job_wait_pid - wait for one process not (yet) in the table. */
int
job_wait_pid(pid_t pid)
{
	int st;
	pid_t r;
	int i, k;

	for (i = 0; i < JOB_MAX; i++)
		for (k = 0; jobs[i].id && k < jobs[i].n; k++)
			if (jobs[i].pids[k] == pid && jobs[i].done[k])
				return status_of(jobs[i].st[k]);
	do
		r = waitpid(pid, &st, 0);
	while (r < 0 && errno == EINTR);
	return r < 0 ? 127 : status_of(st);
}

/* record - note that process @pid changed state to @st. */
static void
record(pid_t pid, int st)
{
	int i, k;

	for (i = 0; i < JOB_MAX; i++) {
		for (k = 0; jobs[i].id && k < jobs[i].n; k++) {
			if (jobs[i].pids[k] != pid)
				continue;
			jobs[i].st[k] = st;
			if (WIFSTOPPED(st))
				jobs[i].stopped = 1;
			else
				jobs[i].done[k] = 1;
		}
	}
}

/* print_job - print one line of "jobs" output for @j. */
static void
print_job(struct job *j, int lflag)
{
	char state[32];
	int st = status_of(j->st[j->n - 1]);

	if (!job_finished(j))
		strcpy(state, j->stopped ? "Stopped" : "Running");
	else if (st)
		sprintf(state, "Done(%d)", st);
	else
		strcpy(state, "Done");
	if (lflag)
		printf("[%d]%c %d %-10s %s\n", j->id,
		       j->id == curjob ? '+' : ' ', (int)j->pids[j->n - 1],
		       state, j->text);
	else
		printf("[%d]%c %-10s %s\n", j->id, j->id == curjob ? '+' : ' ',
		       state, j->text);
}

/* job_reap - collect finished children; report done jobs if @print. */
void
job_reap(int print)
{
	pid_t pid;
	int st, i;

	while ((pid = waitpid(-1, &st, WNOHANG | WUNTRACED)) > 0)
		record(pid, st);
	if (!print)
		return;
	for (i = 0; i < JOB_MAX; i++) {
		if (jobs[i].id && job_finished(&jobs[i])) {
			print_job(&jobs[i], 0);
			job_free(&jobs[i]);
		}
	}
	fflush(stdout);
}

/* find_job - resolve a job spec (%n, %%, %+, or pid); NULL if none. */
static struct job *
find_job(const char *spec)
{
	int i, id = curjob;
	long pid = 0;

	if (!spec || !strcmp(spec, "%%") || !strcmp(spec, "%+") ||
	    !strcmp(spec, "%"))
		id = curjob;
	else if (spec[0] == '%')
		id = atoi(spec + 1);
	else
		pid = atol(spec);
	for (i = 0; i < JOB_MAX; i++) {
		if (!jobs[i].id)
			continue;
		if (pid ? jobs[i].pids[jobs[i].n - 1] == pid : jobs[i].id == id)
			return &jobs[i];
	}
	if (!pid && !spec)
		for (i = JOB_MAX - 1; i >= 0; i--)
			if (jobs[i].id)
				return &jobs[i];
	return NULL;
}

/* bi_jobs - "jobs [-l]": list jobs, forgetting finished ones. */
static int
bi_jobs(int argc, char **argv)
{
	int i, lflag = argc > 1 && strcmp(argv[1], "-l") == 0;

	job_reap(0);
	for (i = 0; i < JOB_MAX; i++) {
		if (!jobs[i].id)
			continue;
		print_job(&jobs[i], lflag);
		if (job_finished(&jobs[i]))
			job_free(&jobs[i]);
	}
	return 0;
}

/* bi_fgbg - "fg [job]" / "bg [job]": continue a job. */
static int
bi_fgbg(int argc, char **argv)
{
	struct job *j = find_job(argc > 1 ? argv[1] : NULL);
	int fg = argv[0][0] == 'f';

	if (!j) {
		sh_error("%s: no such job", argc > 1 ? argv[1] : "current");
		return 1;
	}
	if (fg)
		printf("%s\n", j->text);
	else
		printf("[%d] %s &\n", j->id, j->text);
	fflush(stdout);
	if (fg)		/* the terminal first: a job woken must find it */
		give_terminal(j->pgid);
	if (sh.jobctl)
		kill(-j->pgid, SIGCONT);
	else
		kill(j->pids[j->n - 1], SIGCONT);
	j->stopped = 0;
	return fg ? fg_wait(j) : 0;
}

/* bi_wait - "wait [job|pid ...]": wait for jobs; returns last status. */
static int
bi_wait(int argc, char **argv)
{
	struct job *j;
	int i, st = 0;

	if (argc == 1) {
		for (i = 0; i < JOB_MAX; i++) {
			if (jobs[i].id && !jobs[i].stopped) {
				wait_job(&jobs[i]);
				job_free(&jobs[i]);
			}
		}
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if ((j = find_job(argv[i]))) {
			st = wait_job(j);
			if (!j->stopped) {
				report_signal(j);
				job_free(j);
			}
		} else {
			st = argv[i][0] == '%' ? 127
					       : job_wait_pid(atol(argv[i]));
		}
	}
	return st;
}

/* kill_sig - parse "-9", "-KILL", "-s KILL" at *@i; returns signal or -1. */
static int
kill_sig(int argc, char **argv, int *i)
{
	const char *s;

	if (*i >= argc || argv[*i][0] != '-')
		return SIGTERM;
	s = argv[(*i)++] + 1;
	if (!strcmp(s, "s") && *i < argc)
		s = argv[(*i)++];
	return trap_sig_number(s);
}

/*
 * kill_list - "kill -l [status ...]": list the signal names, or name
 * the signal of each number (or of an exit status 128+N).
 */
static int
kill_list(int argc, char **argv)
{
	int i, n, st = 0;

	if (argc == 2)
		for (n = 1; n < NSIG; n++)
			if (strcmp(trap_sig_name(n), "?") != 0)
				printf("%s\n", trap_sig_name(n));
	for (i = 2; i < argc; i++) {
		n = atoi(argv[i]);
		n = n > 128 ? n - 128 : n;
		if (n <= 0 || n >= NSIG || !strcmp(trap_sig_name(n), "?")) {
			sh_error("kill: %s: bad signal number", argv[i]);
			st = 1;
			continue;
		}
		printf("%s\n", trap_sig_name(n));
	}
	return st;
}

/* bi_kill - "kill [-SIG] pid|%job ..." or "kill -l [status]". */
static int
bi_kill(int argc, char **argv)
{
	int i = 1, sig, st = 0;
	struct job *j;
	pid_t pid;

	if (argc > 1 && !strcmp(argv[1], "-l"))
		return kill_list(argc, argv);
	sig = kill_sig(argc, argv, &i);
	if (sig < 0 || i >= argc) {
		sh_error("kill: usage: kill [-s sig | -sig] pid|%%job ...");
		return 2;
	}
	for (; i < argc; i++) {
		if (argv[i][0] == '%') {
			if (!(j = find_job(argv[i]))) {
				sh_error("kill: %s: no such job", argv[i]);
				st = 1;
				continue;
			}
			pid = sh.jobctl ? -j->pgid : j->pids[j->n - 1];
		} else {
			pid = atoi(argv[i]);
		}
		if (kill(pid, sig) < 0) {
			sh_error("kill: %s: %s", argv[i], strerror(errno));
			st = 1;
		}
	}
	return st;
}

/* job_builtin - dispatch jobs/fg/bg/wait/kill on argv[0]. */
int
job_builtin(char **argv, int argc)
{
	if (!strcmp(argv[0], "jobs"))
		return bi_jobs(argc, argv);
	if (!strcmp(argv[0], "wait"))
		return bi_wait(argc, argv);
	if (!strcmp(argv[0], "kill"))
		return bi_kill(argc, argv);
	return bi_fgbg(argc, argv);
}
