/*
 * user/sh/exec.c: evaluating parse trees.
 * exec_node() returns a command's exit status and also stores it in
 * sh.status.  @nofork means the caller is a child that will exit
 * afterwards, so a final external command may exec directly.
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sh.h"

static int exec_compound(struct node *n, int nofork);
static void exec_path(char *path, char **argv) __attribute__((noreturn));

/* exec_reset_signals - restore default dispositions in a child. */
void
exec_reset_signals(void)
{
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGTSTP, SIG_DFL);
	signal(SIGTTIN, SIG_DFL);
	signal(SIGTTOU, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
}

/* fork_child - fork; in the child, join @pgid (0: new group) if job control. */
static pid_t
fork_child(pid_t pgid, int fg)
{
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) < 0) {
		sh_error("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (sh.jobctl) {
			setpgid(0, pgid);
			if (fg && sh.interactive)
				tcsetpgrp(0, pgid ? pgid : getpid());
			exec_reset_signals();
		}
		sh.subshell = 1;
		sh.jobctl = 0;
		sh.interactive = 0;
		trap_reset_child();
	} else if (sh.jobctl) {
		setpgid(pid, pgid ? pgid : pid);
	}
	return pid;
}

/*
 * exec_is_executable - true if @path is a regular file we may execute.
 * Falls back to the mode bits if the kernel lacks access(2) (ENOSYS).
 */
int
exec_is_executable(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return 0;
	if (access(path, X_OK) == 0)
		return 1;
	return errno == ENOSYS && (st.st_mode & 0111);
}

/*
 * exec_find_path - locate command @name on $PATH.  Returns a malloc'd
 * path (maybe not executable, so execve reports why) or NULL.
 */
char *
exec_find_path(const char *name)
{
	const char *path = var_get("PATH"), *p, *e;
	char *cand, *found = NULL;
	struct stat st;

	if (strchr(name, '/'))
		return xstrdup(name);
	if (!path)
		path = "/bin:/usr/bin";
	for (p = path;; p = e + 1) {
		e = strchr(p, ':');
		if (!e)
			e = p + strlen(p);
		cand = xmalloc((e - p) + strlen(name) + 3);
		sprintf(cand, "%.*s%s%s", (int)(e - p), e == p ? "." : p, "/",
			name);
		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode)) {
			if (exec_is_executable(cand)) {
				free(found);
				return cand;
			}
			if (!found)
				found = cand;
			else
				free(cand);
		} else {
			free(cand);
		}
		if (!*e)
			return found;
	}
}

/*
 * exec_path - replace this process by command @argv found at @path
 * (NULL: not found).  Exits 127 if there is no such command, 126 if
 * it cannot be run; a file execve rejects as not a binary is run as a
 * shell script, as POSIX wants.
 */
static void
exec_path(char *path, char **argv)
{
	int err;

	if (!path) {
		sh_error("%s: not found", argv[0]);
		sh_exit(127);
	}
	execve(path, argv, var_environ());
	err = errno;
	if (err == ENOEXEC) {
		sh.arg0 = path;
		for (sh.npos = 0; argv[sh.npos + 1]; sh.npos++)
			;
		sh.pos = argv + 1;
		err = exec_file(path, 1);
		sh_exit(err < 0 ? 126 : err);
	}
	if (err == ENOENT) {
		sh_error("%s: not found", argv[0]);
		sh_exit(127);
	}
	sh_error("%s: %s", argv[0], strerror(err));
	sh_exit(126);
}

/* exec_external - replace this process by external command @argv. */
void
exec_external(char **argv)
{
	exec_path(hash_find(argv[0]), argv);
}

/* xtrace - print the expanded command for set -x. */
static void
xtrace(char **argv, int argc)
{
	const char *ps4 = var_get("PS4");
	int i;

	fputs(ps4 ? ps4 : "+ ", stderr);
	for (i = 0; i < argc; i++)
		fprintf(stderr, "%s%s", i ? " " : "", argv[i]);
	fputc('\n', stderr);
}

/*
 * do_assigns - expand and perform a command's assignments.  Returns 0,
 * or -1 after an error (a read-only variable).
 */
static int
do_assigns(struct node *n, int export)
{
	int i, r;
	char *v;

	for (i = 0; i < n->nassigns; i++) {
		v = expand_assign(n->assigns[i]);
		r = var_assign(v, export);
		free(v);
		if (r < 0)
			return -1;
	}
	return 0;
}

/*
 * save_assigns - make a command's assignments temporary: save each
 * variable for var_local_pop().  Returns 0, or -1 after an error if
 * one is read-only.
 */
static int
save_assigns(struct node *n)
{
	char *name;
	int i, r = 0;

	for (i = 0; r == 0 && i < n->nassigns; i++) {
		name = xstrndup(n->assigns[i], strcspn(n->assigns[i], "="));
		r = var_local(name);
		free(name);
	}
	return r;
}

/* assigns_readonly - true (after an error) if one of a command's
 * assignments names a read-only variable. */
static int
assigns_readonly(struct node *n)
{
	char *name;
	int i, ro = 0;

	for (i = 0; !ro && i < n->nassigns; i++) {
		name = xstrndup(n->assigns[i], strcspn(n->assigns[i], "="));
		if ((ro = var_is_readonly(name)))
			sh_error("%s: is read only", name);
		free(name);
	}
	return ro;
}

/* run_func - call shell function @body with arguments @argv. */
static int
run_func(struct node *body, char **argv, int argc)
{
	char **opos = sh.pos;
	int onpos = sh.npos, st, mark = var_local_mark();

	sh.pos = argv + 1;
	sh.npos = argc - 1;
	sh.funcdepth++;
	st = exec_node(body, 0);
	sh.funcdepth--;
	if (sh.ret) {
		sh.ret = 0;
		st = sh.status;
	}
	var_local_pop(mark);
	sh.pos = opos;
	sh.npos = onpos;
	return st;
}

/*
 * run_inproc - run a builtin or function in the shell itself.  As POSIX
 * orders it, redirections come before assignments, which last only for
 * this command unless @special.
 */
static int
run_inproc(struct node *n, builtin_fn bi, struct node *fn, char **argv,
	   int argc, int special)
{
	int save[64], nsave = 0, st, mark = var_local_mark();
	int keep = bi && argc == 1 && strcmp(argv[0], "exec") == 0;

	if (redir_apply(n->redirs, keep ? NULL : save, &nsave) < 0) {
		redir_restore(save, nsave);
		/* POSIX: fatal for special builtins */
		return special ? sh_fail(2) : 2;
	}
	if ((!special && save_assigns(n) < 0) || do_assigns(n, 0) < 0)
		st = sh_fail(2);
	else
		st = bi ? bi(argc, argv) : run_func(fn, argv, argc);
	fflush(stdout);
	fflush(stderr);
	redir_restore(save, nsave);
	if (!special && n->nassigns)
		var_local_pop(mark);
	return st;
}

/*
 * run_external - fork (unless @nofork) and exec an external command.
 * The PATH search happens in the parent so that hash remembers it,
 * unless assignments (maybe to PATH) come first.
 */
static int
run_external(struct node *n, char **argv, int nofork)
{
	char *path = NULL;
	pid_t pid;

	if (assigns_readonly(n))
		return sh_fail(2);
	if (!n->nassigns)
		path = hash_find(argv[0]);
	if ((pid = nofork ? 0 : fork_child(0, 1)) < 0) {
		free(path);
		return 2;
	}
	if (pid == 0) {
		if (redir_apply(n->redirs, NULL, NULL) < 0)
			sh_exit(2);
		do_assigns(n, 1);
		exec_path(n->nassigns ? hash_find(argv[0]) : path, argv);
	}
	free(path);
	return job_run_fg(&pid, 1, sh.jobctl ? pid : 0,
			  n->text ? n->text : argv[0]);
}

/* exec_assign_only - a command with no words: assignments + redirs. */
static int
exec_assign_only(struct node *n, int nsubst)
{
	int save[64], nsave = 0, st;

	if (redir_apply(n->redirs, save, &nsave) < 0)
		st = 2;
	else if (do_assigns(n, 0) < 0)
		st = sh_fail(2);
	else
		st = sh.nsubst != nsubst ? sh.status : 0;
	redir_restore(save, nsave);
	return st;
}

/* exec_simple - run a simple command. */
static int
exec_simple(struct node *n, int nofork)
{
	char **argv;
	int argc, special, st, skip;
	builtin_fn bi;
	struct node *fn;
	int nsubst = sh.nsubst;

	argc = expand_words(n->words, n->nwords, &argv);
	if (argc == 0) {
		free(argv);
		return exec_assign_only(n, nsubst);
	}
	if (sh.xflag)
		xtrace(argv, argc);
	for (skip = 0; skip + 1 < argc && !strcmp(argv[skip], "command") &&
		       argv[skip + 1][0] != '-';
	     skip++)
		; /* "command name": bypass functions */
	fn = skip ? NULL : func_get(argv[0]);
	special = 0;
	bi = fn ? NULL : builtin_find(argv[skip], &special);
	if (fn || bi)
		st = run_inproc(n, bi, fn, argv + skip, argc - skip, special);
	else
		st = run_external(n, argv + skip, nofork);
	strlist_free(argv, argc);
	return st;
}

/* pipe_child - in a pipeline child: wire up @prev and @p, run @c. */
static void
pipe_child(struct node *c, int prev, int p[2])
{
	if (prev >= 0) {
		dup2(prev, 0);
		close(prev);
	}
	if (c->next) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
	}
	sh_exit(exec_node(c, 1));
}

/* exec_pipeline - run the commands chained from @n->a concurrently. */
static int
exec_pipeline(struct node *n)
{
	pid_t *pids = NULL, pgid = 0, pid;
	int np = 0, prev = -1, p[2], st;
	struct node *c;

	for (c = n->a; c; c = c->next) {
		if (c->next && pipe(p) < 0) {
			sh_error("pipe: %s", strerror(errno));
			break;
		}
		if ((pid = fork_child(pgid, 1)) == 0)
			pipe_child(c, prev, p);
		if (pid < 0) {
			if (c->next) {
				close(p[0]);
				close(p[1]);
			}
			break;
		}
		if (!pgid && sh.jobctl)
			pgid = pid;
		pids = xrealloc(pids, (np + 1) * sizeof(*pids));
		pids[np++] = pid;
		if (prev >= 0)
			close(prev);
		prev = -1;
		if (c->next) {
			close(p[1]);
			prev = p[0];
		}
	}
	if (prev >= 0)
		close(prev);
	st = job_run_fg(pids, np, pgid, n->text);
	free(pids);
	return st;
}

/* exec_bg - run @n->a asynchronously as a background job. */
static int
exec_bg(struct node *n)
{
	pid_t pid = fork_child(0, 0);
	int fd;

	if (pid < 0)
		return 2;
	if (pid == 0) {
		if (!sh.jobctl) {
			signal(SIGINT, SIG_IGN);
			signal(SIGQUIT, SIG_IGN);
			if ((fd = open("/dev/null", O_RDONLY)) >= 0) {
				dup2(fd, 0);
				if (fd)
					close(fd);
			}
		}
		sh_exit(exec_node(n->a, 1));
	}
	sh.lastbg = pid;
	job_add_bg(&pid, 1, sh.jobctl ? pid : 0, n->text);
	return 0;
}

/* exec_cond - evaluate @n as a condition (set -e does not apply). */
static int
exec_cond(struct node *n)
{
	int st;

	sh.conddepth++;
	st = exec_node(n, 0);
	sh.conddepth--;
	return st;
}

/* pending_jump - true while break/continue/return unwinds. */
static int
pending_jump(void)
{
	return sh.brk || sh.cont || sh.ret;
}

/*
 * loop_leaves - after a loop body: whether break, continue N (N > 1) or
 * return ends this loop.  A break or continue aimed here is used up.
 */
static int
loop_leaves(void)
{
	if (sh.brk) {
		sh.brk--;
		return 1;
	}
	if (sh.cont)
		return --sh.cont != 0;
	return sh.ret != 0;
}

/* exec_loop - run while/until loop @n. */
static int
exec_loop(struct node *n)
{
	int st = 0, c;

	sh.loopdepth++;
	for (;;) {
		c = exec_cond(n->a);
		if (pending_jump())
			break;
		if ((n->type == N_WHILE) != (c == 0))
			break;
		st = exec_node(n->b, 0);
		if (loop_leaves())
			break;
	}
	sh.loopdepth--;
	return st;
}

/* exec_for - run for loop @n. */
static int
exec_for(struct node *n)
{
	char **list = sh.pos;
	int cnt = sh.npos, i, st = 0;

	if (n->forin)
		cnt = expand_words(n->words, n->nwords, &list);
	sh.loopdepth++;
	for (i = 0; i < cnt; i++) {
		if (var_set(n->name, list[i], 0) < 0) {
			st = sh_fail(2);
			break;
		}
		st = exec_node(n->b, 0);
		if (loop_leaves())
			break;
	}
	sh.loopdepth--;
	if (n->forin)
		strlist_free(list, cnt);
	return st;
}

/* exec_case - run the first case item whose pattern matches. */
static int
exec_case(struct node *n)
{
	char *word = expand_str(n->name, 0), *pat;
	struct caseitem *ci;
	int i, m;

	for (ci = n->cases; ci; ci = ci->next) {
		for (i = 0; i < ci->npats; i++) {
			pat = expand_pattern(ci->pats[i]);
			m = fnmatch(pat, word, 0) == 0;
			free(pat);
			if (m) {
				free(word);
				return ci->body ? exec_node(ci->body, 0) : 0;
			}
		}
	}
	free(word);
	return 0;
}

/* exec_subshell - run @n->a in a forked copy of the shell. */
static int
exec_subshell(struct node *n, int nofork)
{
	pid_t pid;

	if (nofork)
		return exec_node(n->a, 0);
	if ((pid = fork_child(0, 1)) < 0)
		return 2;
	if (pid == 0)
		sh_exit(exec_node(n->a, 0));
	return job_run_fg(&pid, 1, sh.jobctl ? pid : 0, n->text);
}

/* exec_compound - dispatch on node type (redirections done by caller). */
static int
exec_compound(struct node *n, int nofork)
{
	int st;

	switch (n->type) {
	case N_SEQ:
		st = exec_node(n->a, 0);
		return pending_jump() ? st : exec_node(n->b, nofork);
	case N_AND:
	case N_OR:
		st = exec_cond(n->a);
		if (pending_jump() || (n->type == N_AND) != (st == 0))
			return st;
		return exec_node(n->b, nofork);
	case N_NOT:
		return !exec_cond(n->a);
	case N_IF:
		st = exec_cond(n->a);
		if (pending_jump())
			return st;
		if (st == 0)
			return exec_node(n->b, nofork);
		return n->c ? exec_node(n->c, nofork) : 0;
	case N_WHILE:
	case N_UNTIL:
		return exec_loop(n);
	case N_FOR:
		return exec_for(n);
	case N_CASE:
		return exec_case(n);
	case N_GROUP:
		return exec_node(n->a, nofork);
	case N_SUBSHELL:
		return exec_subshell(n, nofork);
	case N_FUNC:
		func_set(n->name, n->a);
		return 0;
	case N_BG:
		return exec_bg(n);
	case N_PIPE:
		return exec_pipeline(n);
	case N_CMD:
		return exec_simple(n, nofork);
	}
	return 0;
}

/* exec_node - evaluate tree @n; returns (and records) its status. */
int
exec_node(struct node *n, int nofork)
{
	int save[64], nsave = 0, st;

	if (!n)
		return sh.status = 0;
	if (n->type != N_CMD && n->type != N_FUNC && n->redirs) {
		if (redir_apply(n->redirs, save, &nsave) < 0)
			st = 2;
		else
			st = exec_compound(n, 0);
		fflush(stdout);
		redir_restore(save, nsave);
	} else {
		st = exec_compound(n, nofork);
	}
	sh.status = st;
	trap_run_pending();
	if (sh.eflag && st && !sh.conddepth &&
	    (n->type == N_CMD || n->type == N_PIPE || n->type == N_SUBSHELL))
		sh_exit(st);
	return st;
}

/*
 * run_text - parse and run every command in @s; returns last status.
 * @echo: show each command's text on stderr under set -v (input that
 * is read from a script, not eval or -c strings).
 */
static int
run_text(const char *s, int echo)
{
	struct lexer l;
	struct node *n;
	int r, st = 0;
	size_t start;

	lex_init(&l, s, 1);
	for (;;) {
		start = l.pos;
		r = parse_command(&l, &n);
		if (echo && sh.vflag && r != 1)
			fwrite(l.s + start, 1, l.pos - start, stderr);
		if (r == 1)
			break;
		if (r < 0) {
			st = sh.status = 2;
			break;
		}
		if (n && !(sh.nflag && sh.interactive != 1))
			st = exec_node(n, 0);
		if (pending_jump())
			break;
	}
	free(l.s);
	free(l.word);
	return st;
}

/* exec_string - parse and run every command in @s; returns last status. */
int
exec_string(const char *s)
{
	return run_text(s, 0);
}

/* read_all - read all of @fd into a malloc'd string, or NULL. */
static char *
read_all(int fd)
{
	size_t len = 0, cap = 4096;
	char *buf = xmalloc(cap);
	ssize_t r;

	for (;;) {
		if (len + 1 >= cap)
			buf = xrealloc(buf, cap *= 2);
		r = read(fd, buf + len, cap - len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += r;
	}
	buf[len] = 0;
	return buf;
}

/* exec_file - run script @path; returns its status, -1 if unreadable. */
int
exec_file(const char *path, int mustexist)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), st;
	char *text;

	if (fd < 0) {
		if (mustexist)
			sh_error("cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	text = read_all(fd);
	close(fd);
	st = run_text(text, 1);
	free(text);
	return st;
}

/*
 * exec_cmdsubst - run @src in a child with stdout captured into *@out
 * (trailing newlines removed).  Returns the child's exit status.
 */
int
exec_cmdsubst(const char *src, char **out)
{
	int p[2], st;
	pid_t pid;
	size_t n;

	if (pipe(p) < 0) {
		*out = xstrdup("");
		return 2;
	}
	fflush(stdout);
	if ((pid = fork()) == 0) {
		if (sh.interactive)
			exec_reset_signals();
		sh.subshell = 1;
		sh.jobctl = sh.interactive = 0;
		trap_reset_child();
		close(p[0]);
		dup2(p[1], 1);
		close(p[1]);
		sh_exit(exec_string(src));
	}
	close(p[1]);
	*out = read_all(p[0]);
	close(p[0]);
	st = job_wait_pid(pid);
	n = strlen(*out);
	while (n && (*out)[n - 1] == '\n')
		(*out)[--n] = 0;
	return st;
}
