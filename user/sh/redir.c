/*
 * user/sh/redir.c: applying and undoing I/O redirections.
 * Builtins run in the shell process, so their redirections are undone
 * afterwards from descriptors saved at 10 and above (close-on-exec).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sh.h"

#define REDIR_MAX 32 /* saved descriptor pairs per command */

/*
 * save_copy - duplicate @fd to a descriptor >= 10 that is closed on exec;
 * returns it, or -1 if @fd is not open.  Falls back to plainer calls
 * when the kernel lacks some fcntl commands.
 */
static int
save_copy(int fd)
{
	int c = fcntl(fd, F_DUPFD_CLOEXEC, 10);

	if (c < 0 && errno != EBADF && (c = fcntl(fd, F_DUPFD, 10)) < 0 &&
	    errno != EBADF)
		c = dup(fd);
	if (c >= 0)
		fcntl(c, F_SETFD, FD_CLOEXEC);
	return c;
}

/* save_fd - remember the current state of @fd in @save. */
static void
save_fd(int fd, int save[], int *nsave)
{
	int i;

	if (!save || *nsave >= REDIR_MAX)
		return;
	for (i = 0; i < *nsave; i++)
		if (save[2 * i] == fd)
			return;
	save[2 * *nsave] = fd;
	save[2 * *nsave + 1] = save_copy(fd);
	(*nsave)++;
}

/* heredoc_fd - return a read descriptor yielding @text, or -1. */
static int
heredoc_fd(const char *text)
{
	size_t len = strlen(text);
	int p[2];
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	if (len <= 4096) {
		if (write(p[1], text, len) < 0)
			len = 0;
		close(p[1]);
		return p[0];
	}
	/* Too big for the pipe buffer: a grandchild writes it, so nobody
	 * has to wait for the writer (init adopts and reaps it). */
	if ((pid = fork()) == 0) {
		close(p[0]);
		if (fork() != 0)
			_exit(0);
		signal(SIGPIPE, SIG_DFL);
		if (write(p[1], text, len) < 0)
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return p[0];
}

/*
 * open_noclobber - open @path for ">" under set -C: create it, but do
 * not truncate an existing regular file (devices such as /dev/null are
 * still fine).  Returns fd, or -1 with errno set.
 */
static int
open_noclobber(const char *path)
{
	struct stat st;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);

	if (fd >= 0 || errno != EEXIST)
		return fd;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return open(path, O_WRONLY | O_CLOEXEC);
	errno = EEXIST;
	return -1;
}

/* open_target - open the source descriptor for @r; returns fd or -1. */
static int
open_target(struct redir *r, const char *w)
{
	static const int flags[] = {
		[R_IN] = O_RDONLY,
		[R_OUT] = O_WRONLY | O_CREAT | O_TRUNC,
		[R_CLOBBER] = O_WRONLY | O_CREAT | O_TRUNC,
		[R_APP] = O_WRONLY | O_CREAT | O_APPEND,
		[R_RDWR] = O_RDWR | O_CREAT,
	};
	char *body;
	int fd;

	if (r->op == R_HERE) {
		if (r->quoted || !r->body)
			return heredoc_fd(r->body ? r->body : "");
		body = expand_str(r->body, 1);
		fd = heredoc_fd(body);
		free(body);
		return fd;
	}
	if (r->op == R_OUT && sh.Cflag)
		fd = open_noclobber(w);
	else
		fd = open(w, flags[r->op] | O_CLOEXEC, 0666);
	if (fd < 0)
		sh_error("cannot %s %s: %s", r->op == R_IN ? "open" : "create",
			 w, strerror(errno));
	return fd;
}

/* apply_dup - handle <&N, >&N and <&- ; returns 0 or -1. */
static int
apply_dup(struct redir *r, const char *w)
{
	char *end;
	long n;

	if (strcmp(w, "-") == 0) {
		close(r->fd);
		return 0;
	}
	n = strtol(w, &end, 10);
	if (!*w || *end || n < 0 || n > 1023 ||
	    (n != r->fd && dup2(n, r->fd) < 0)) {
		sh_error("%s: bad file descriptor", w);
		return -1;
	}
	return 0;
}

/* apply_one - perform redirection @r; returns 0 or -1 (reported). */
static int
apply_one(struct redir *r, int save[], int *nsave)
{
	char *w = r->op == R_HERE ? NULL : expand_str(r->word, 0);
	int fd, err = 0;

	save_fd(r->fd, save, nsave);
	if (r->op == R_DUPIN || r->op == R_DUPOUT) {
		err = apply_dup(r, w);
	} else if ((fd = open_target(r, w)) < 0) {
		err = -1;
	} else if (fd != r->fd) {
		if (dup2(fd, r->fd) < 0)
			err = -1;
		close(fd);
	} else {
		fcntl(fd, F_SETFD, 0);
	}
	free(w);
	return err;
}

/*
 * redir_apply - apply the chain @r in order.  If @save is non-NULL the
 * old descriptors are recorded there for redir_restore().
 * Returns 0, or -1 after reporting an error.
 */
int
redir_apply(struct redir *r, int save[], int *nsave)
{
	for (; r; r = r->next)
		if (apply_one(r, save, nsave) < 0)
			return -1;
	return 0;
}

/* redir_restore - undo redirections recorded by redir_apply(). */
void
redir_restore(int save[], int nsave)
{
	int i;

	for (i = nsave - 1; i >= 0; i--) {
		int fd = save[2 * i], old = save[2 * i + 1];

		if (old < 0) {
			close(fd);
		} else {
			dup2(old, fd);
			close(old);
		}
	}
}
