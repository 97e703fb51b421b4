/*
 * kernel/sys_pipe.c: pipes and waiting for descriptors: pipe, pipe2,
 * poll, ppoll, select, pselect6.
 *
 * The waiting calls take a reference to every file they watch for the
 * whole call and hand them to the poll engine (fs/poll.h); a descriptor
 * that names no file (or an O_PATH one) is POLLNVAL for poll and -EBADF
 * for select, as in Linux.  Time-outs become an absolute deadline on the
 * monotonic clock; ppoll, select and pselect6 write back the time left,
 * as Linux does, unless the time-out was zero.  Errors come in Linux's
 * order: the time-out, the signal mask, the descriptor count, the arrays.
 * The signal mask of ppoll and pselect6 is installed for the wait and
 * restored when the call returns (signal_mask_for_wait).
 */
#include "fs/pipe.h"
#include "fs/poll.h"
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/sys.h"
#include "kernel/sys_util.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "mm/kmalloc.h"

#define SELECT_MAX	1024			/* FD_SETSIZE */
#define SELECT_WORDS	(SELECT_MAX / 64)
#define TIMEOUT_MAX_SEC	(100ll * 365 * 24 * 3600) /* longer: forever */

/* select's sets, as poll bits (Linux's POLLIN_SET, POLLOUT_SET, POLLEX_SET) */
#define SEL_IN	(POLLIN | POLLRDNORM | POLLHUP | POLLERR)
#define SEL_OUT	(POLLOUT | POLLWRNORM | POLLERR)
#define SEL_EX	POLLPRI

/* struct pollfd, struct timespec and struct timeval of the x86_64 ABI */
struct linux_pollfd {
	int32_t	 fd;
	int16_t	 events;
	int16_t	 revents;
};
_Static_assert(sizeof(struct linux_pollfd) == 8, "struct pollfd");

struct linux_time {
	int64_t	 sec;
	int64_t	 frac;		/* tv_nsec, or tv_usec for a timeval */
};

/* A time-out: when it ends, and whether the time left goes back. */
struct timeout {
	uaddr_t	 u;		/* the user's struct, 0 for none */
	bool	 usec;		/* a timeval, not a timespec */
	uint64_t deadline;	/* time_ns(), or POLL_FOREVER */
};

/* ---- pipe, pipe2 --------------------------------------------------------- */

/*
 * do_pipe2 - a new pipe on the two lowest free descriptors, stored at
 * @ufds as { read end, write end }.  Returns 0, -EMFILE, -ENOMEM or
 * -EFAULT (then no descriptor stays open).
 */
static long
do_pipe2(uaddr_t ufds, int flags)
{
	struct fdtable *fdt = current_fdt();
	bool cloexec = flags & O_CLOEXEC;
	struct file *rd, *wr;
	int fds[2];
	long err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;		/* FIXME: O_DIRECT (packet mode) */
	if ((err = pipe_create((unsigned int)flags, &rd, &wr)) < 0)
		return err;
	if ((err = fds[0] = fd_install(fdt, rd, 0, cloexec)) < 0)
		goto out_put;
	if ((err = fds[1] = fd_install(fdt, wr, 0, cloexec)) < 0)
		goto out_close_rd;
	if (copy_to_user(ufds, fds, sizeof(fds)) == 0)
		return 0;
	err = -EFAULT;
	fd_close(fdt, fds[1]);
	wr = NULL;			/* closed with its descriptor */
out_close_rd:
	fd_close(fdt, fds[0]);
	rd = NULL;
out_put:
	file_put(rd);			/* file_put(NULL) is a no-op */
	file_put(wr);
	return err;
}

/* sys_pipe - pipe(2): 0 or -EMFILE, -ENFILE, -EFAULT. */
long
sys_pipe(long ufds, long a1, long a2, long a3, long a4, long a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return do_pipe2((uaddr_t)ufds, 0);
}

/* sys_pipe2 - pipe2(2): @flags O_CLOEXEC, O_NONBLOCK; others -EINVAL. */
long
sys_pipe2(long ufds, long flags, long a2, long a3, long a4, long a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	return do_pipe2((uaddr_t)ufds, (int)flags);
}

/* ---- time-outs and signal masks ------------------------------------------ */

/* deadline_after - the deadline @sec s + @ns ns from now. */
static uint64_t
deadline_after(int64_t sec, int64_t ns)
{
	if (sec > TIMEOUT_MAX_SEC)
		return POLL_FOREVER;
	return time_ns() + (uint64_t)sec * NSEC_PER_SEC + (uint64_t)ns;
}

/*
 * get_timeout - read the time-out at @u (NULL: none, wait forever); a
 * timeval if @usec.  Linux folds whole seconds of tv_usec into tv_sec.
 * Returns 0, -EFAULT, or -EINVAL (negative, or nanoseconds out of range).
 */
static int
get_timeout(uaddr_t u, bool usec, struct timeout *t)
{
	struct linux_time lt;
	int64_t ns;

	t->u = u;
	t->usec = usec;
	t->deadline = POLL_FOREVER;
	if (!u)
		return 0;
	if (copy_from_user(&lt, u, sizeof(lt)) < 0)
		return -EFAULT;
	ns = lt.frac;
	if (usec) {
		lt.sec += lt.frac / 1000000;
		ns = lt.frac % 1000000 * 1000;
	}
	if (lt.sec < 0 || ns < 0 || ns >= (int64_t)NSEC_PER_SEC)
		return -EINVAL;
	if (lt.sec == 0 && ns == 0)
		t->u = 0;		/* zero: nothing is written back */
	t->deadline = deadline_after(lt.sec, ns);
	return 0;
}

/* put_timeout - write back the time left (Linux ignores a fault here). */
static void
put_timeout(const struct timeout *t)
{
	uint64_t now = time_ns(), left;
	struct linux_time lt;

	if (!t->u || t->deadline == POLL_FOREVER)
		return;
	left = t->deadline > now ? t->deadline - now : 0;
	lt.sec = (int64_t)(left / NSEC_PER_SEC);
	lt.frac = (int64_t)(left % NSEC_PER_SEC);
	if (t->usec)
		lt.frac /= 1000;
	(void)copy_to_user(t->u, &lt, sizeof(lt));
}

/* check_sigmask - ppoll/pselect6's mask: -EINVAL unless @size is 8,
 * -EFAULT; else 0 with the mask in *@mask and *@have set. */
static int
check_sigmask(uaddr_t umask, size_t size, uint64_t *mask, bool *have)
{
	*have = false;
	if (!umask)
		return 0;
	if (size != sizeof(*mask))
		return -EINVAL;
	*have = true;
	return copy_from_user(mask, umask, sizeof(*mask));
}

/* ---- poll, ppoll --------------------------------------------------------- */

/* get_poll_files - the files of @ufd (referenced); a negative fd is
 * ignored (revents 0), a bad one is POLLNVAL. */
static void
get_poll_files(const struct linux_pollfd *ufd, struct poll_file *pf,
	       size_t n)
{
	for (size_t i = 0; i < n; i++) {
		pf[i].f = NULL;
		pf[i].events = (uint16_t)ufd[i].events;
		pf[i].revents = 0;
		if (ufd[i].fd >= 0 && get_file(ufd[i].fd, &pf[i].f) < 0)
			pf[i].revents = POLLNVAL;
	}
}

/*
 * do_poll - poll(2) on the @nfds pollfds at @ufds until @deadline.
 * Returns the number with a non-zero revents (every revents is written
 * back, also on time-out and -EINTR), or -EINVAL (more than RLIMIT_NOFILE),
 * -EFAULT, -ENOMEM, -EINTR.
 */
static long
do_poll(uaddr_t ufds, unsigned long nfds, uint64_t deadline)
{
	size_t bytes = nfds * sizeof(struct linux_pollfd);
	struct linux_pollfd *ufd;
	struct poll_file *pf;
	long n = -ENOMEM;

	if (nfds > current_fdt()->max)
		return -EINVAL;
	ufd = kmalloc(MAX(bytes, (size_t)1));
	pf = kmalloc(MAX(nfds * sizeof(*pf), (size_t)1));
	if (!ufd || !pf)
		goto out_free;
	if ((n = copy_from_user(ufd, ufds, bytes)) < 0)
		goto out_free;
	get_poll_files(ufd, pf, nfds);
	n = poll_files(pf, nfds, deadline);
	for (size_t i = 0; i < nfds; i++) {
		file_put(pf[i].f);
		ufd[i].revents = (int16_t)pf[i].revents;
	}
	if (copy_to_user(ufds, ufd, bytes) < 0)
		n = -EFAULT;
out_free:
	kfree(pf);
	kfree(ufd);
	return n;
}

/* sys_poll - poll(2): @timeout in ms, negative for none. */
long
sys_poll(long ufds, long nfds, long timeout, long a3, long a4, long a5)
{
	uint64_t deadline = POLL_FOREVER;
	int ms = (int)timeout;

	(void)a3, (void)a4, (void)a5;
	if (ms >= 0)
		deadline = deadline_after(ms / 1000, ms % 1000 * 1000000ll);
	return do_poll((uaddr_t)ufds, (unsigned long)(unsigned int)nfds,
		       deadline);
}

/* sys_ppoll - ppoll(2): a timespec time-out (NULL: none) and a signal
 * mask for the wait. */
long
sys_ppoll(long ufds, long nfds, long uts, long umask, long size, long a5)
{
	struct timeout t;
	uint64_t mask;
	bool have;
	long n;

	(void)a5;
	if ((n = get_timeout((uaddr_t)uts, false, &t)) < 0)
		return n;
	if ((n = check_sigmask((uaddr_t)umask, (size_t)size, &mask, &have)) < 0)
		return n;
	if (have)
		signal_mask_for_wait(mask);
	n = do_poll((uaddr_t)ufds, (unsigned long)(unsigned int)nfds,
		    t.deadline);
	put_timeout(&t);
	return n;
}

/* ---- select, pselect6 ---------------------------------------------------- */

/* The state of one select: the sets asked for, the answer, the files. */
struct select_state {
	int		 nfds;
	uaddr_t		 uset[3];		/* read, write, except */
	uint64_t	 in[3][SELECT_WORDS];
	uint64_t	 out[3][SELECT_WORDS];
	struct file	*files[SELECT_MAX];
};

static const unsigned int select_mask[3] = { SEL_IN, SEL_OUT, SEL_EX };

static bool
fd_isset(const uint64_t *set, int fd)
{
	return set[fd / 64] >> (fd % 64) & 1;
}

/* set_bytes - the bytes of an fd_set that select reads and writes. */
static size_t
set_bytes(int nfds)
{
	return (size_t)(nfds + 63) / 64 * sizeof(uint64_t);
}

/* get_sets - copy in the sets; bits at or above nfds are ignored. */
static int
get_sets(struct select_state *st)
{
	int tail = st->nfds % 64;

	for (int k = 0; k < 3; k++) {
		if (!st->uset[k])
			continue;
		if (copy_from_user(st->in[k], st->uset[k],
				   set_bytes(st->nfds)) < 0)
			return -EFAULT;
		if (tail)
			st->in[k][st->nfds / 64] &= (1ull << tail) - 1;
	}
	return 0;
}

/* get_select_files - a reference to every file in a set; -EBADF if one
 * is not open (put_select_files releases those taken). */
static int
get_select_files(struct select_state *st)
{
	for (int fd = 0; fd < st->nfds; fd++) {
		if (!fd_isset(st->in[0], fd) && !fd_isset(st->in[1], fd) &&
		    !fd_isset(st->in[2], fd))
			continue;
		if (get_file(fd, &st->files[fd]) < 0)
			return -EBADF;
	}
	return 0;
}

static void
put_select_files(struct select_state *st)
{
	for (int fd = 0; fd < st->nfds; fd++)
		file_put(st->files[fd]);
}

/* scan_select - select's scan: the out sets; how many bits they have. */
static int
scan_select(void *ctx, struct poll_table *pt)
{
	struct select_state *st = ctx;
	unsigned int mask;
	int ready = 0;

	memset(st->out, 0, sizeof(st->out));
	for (int fd = 0; fd < st->nfds; fd++) {
		if (!st->files[fd])
			continue;
		mask = vfs_poll(st->files[fd], pt);
		for (int k = 0; k < 3; k++) {
			bool asked = fd_isset(st->in[k], fd);
			if (!asked || !(mask & select_mask[k]))
				continue;
			st->out[k][fd / 64] |= 1ull << (fd % 64);
			ready++;
		}
	}
	return ready;
}

/* put_sets - write the answer over the user's sets; 0 or -EFAULT. */
static int
put_sets(struct select_state *st)
{
	for (int k = 0; k < 3; k++)
		if (st->uset[k] && copy_to_user(st->uset[k], st->out[k],
						set_bytes(st->nfds)) < 0)
			return -EFAULT;
	return 0;
}

/*
 * do_select - select(2) on descriptors [0, @nfds) of the sets at
 * @uin, @uout, @uex (each may be NULL) until @deadline.  Like Linux it
 * looks at no descriptor beyond the table (nor beyond FD_SETSIZE).
 * Returns the number of bits set in the answer, or -EINVAL, -EFAULT,
 * -EBADF, -ENOMEM, -EINTR (the sets are then left alone).
 */
static long
do_select(int nfds, uaddr_t uin, uaddr_t uout, uaddr_t uex,
	  uint64_t deadline)
{
	struct select_state *st;
	long n;

	if (nfds < 0)
		return -EINVAL;
	if (!(st = kzalloc(sizeof(*st))))
		return -ENOMEM;
	st->nfds = MIN(nfds, MIN((int)current_fdt()->size, SELECT_MAX));
	st->uset[0] = uin;
	st->uset[1] = uout;
	st->uset[2] = uex;
	if ((n = get_sets(st)) == 0 && (n = get_select_files(st)) == 0) {
		n = poll_run(scan_select, st, deadline);
		if (n >= 0 && put_sets(st) < 0)
			n = -EFAULT;
	}
	put_select_files(st);
	kfree(st);
	return n;
}

/* sys_select - select(2): a timeval time-out (NULL: none), updated. */
long
sys_select(long nfds, long uin, long uout, long uex, long utv, long a5)
{
	struct timeout t;
	long n;

	(void)a5;
	if ((n = get_timeout((uaddr_t)utv, true, &t)) < 0)
		return n;
	n = do_select((int)nfds, (uaddr_t)uin, (uaddr_t)uout, (uaddr_t)uex,
		      t.deadline);
	put_timeout(&t);
	return n;
}

/*
 * sys_pselect6 - pselect6: a timespec time-out (updated) and, at @usig,
 * { const sigset_t *mask; size_t size; } or NULL: the mask for the wait.
 */
long
sys_pselect6(long nfds, long uin, long uout, long uex, long uts, long usig)
{
	struct {
		uint64_t mask;
		uint64_t size;
	} sig = { 0, 0 };
	struct timeout t;
	uint64_t mask;
	bool have;
	long n;

	if ((n = get_timeout((uaddr_t)uts, false, &t)) < 0)
		return n;
	if (usig && copy_from_user(&sig, (uaddr_t)usig, sizeof(sig)) < 0)
		return -EFAULT;
	if ((n = check_sigmask((uaddr_t)sig.mask, (size_t)sig.size, &mask,
			       &have)) < 0)
		return n;
	if (have)
		signal_mask_for_wait(mask);
	n = do_select((int)nfds, (uaddr_t)uin, (uaddr_t)uout, (uaddr_t)uex,
		      t.deadline);
	put_timeout(&t);
	return n;
}
