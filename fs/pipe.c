/*
 * fs/pipe.c: pipes and FIFOs (fs/pipe.h).
 *
 * The ring: head and tail count the bytes ever written and read, so
 * head - tail bytes are buffered and the next one to read is at
 * tail % PIPE_SIZE.  Its PIPE_SIZE / PAGE_SIZE pages are allocated when a
 * write first reaches them and freed with the pipe.
 *
 * A pipe belongs to the files attached to it (p->files): the two ends of
 * an anonymous pipe, or the files open on a FIFO; the last one released
 * frees it.  Its inode points at it meanwhile (inode->pipe), so that the
 * next opener of a FIFO finds it.  Each open file keeps its pipe in
 * f->priv.
 *
 * Locks: [A] pipe_attach_lock, a spinlock over every inode->pipe and
 * p->files; [p] p->lock, a mutex over the ring and the counts.  They are
 * never held together.  Fields marked [p, racy] are also read without the
 * lock by poll and by the wait conditions, which must not sleep; every
 * such answer is re-checked under the lock or after the next wake-up.
 */
#include "arch/arch.h"
#include "fs/pipe.h"
#include "fs/poll.h"
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/linux_abi.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/spinlock.h"
#include "kernel/string.h"
#include "kernel/uaccess.h"
#include "kernel/wait.h"
#include "mm/kmalloc.h"

#define PIPE_PAGES	(PIPE_SIZE / PAGE_SIZE)

/* st_dev of pipe(2) inodes: an anonymous device number (0:255) that no
 * mount takes (theirs count up from 0:1). */
#define PIPEFS_DEV	0xffu

struct pipe {
	struct mutex	 lock;
	uint8_t		*page[PIPE_PAGES];	/* [p] NULL until written */
	uint64_t	 head, tail;		/* [p, racy] bytes in, out */
	unsigned int	 readers, writers;	/* [p, racy] files attached */
	unsigned int	 r_opens, w_opens;	/* [p, racy] opens so far */
	unsigned int	 files;			/* [A] files attached */
	struct inode	*inode;			/* [I] whose pipe it is */
	struct wait_queue rd_wait;		/* readers wait for bytes */
	struct wait_queue wr_wait;		/* writers wait for room */
};

static struct spinlock pipe_attach_lock = SPINLOCK_INIT("pipe attach");

static const struct fs_type pipefs_type = { .name = "pipefs" };
static struct superblock pipefs_sb = { .type = &pipefs_type,
				       .dev = PIPEFS_DEV };

/* ---- counts read without the lock ---------------------------------------- */

/* pipe_used - the bytes buffered (a hint without p->lock, never more than
 * PIPE_SIZE).  tail is read first: head can only have grown since. */
static size_t
pipe_used(struct pipe *p)
{
	uint64_t tail = __atomic_load_n(&p->tail, __ATOMIC_ACQUIRE);
	uint64_t head = __atomic_load_n(&p->head, __ATOMIC_ACQUIRE);

	return (size_t)MIN(head - tail, (uint64_t)PIPE_SIZE);
}

static unsigned int
load_count(const unsigned int *c)
{
	return __atomic_load_n(c, __ATOMIC_ACQUIRE);
}

static void
add_count(unsigned int *c, int delta)
{
	__atomic_add_fetch(c, (unsigned int)delta, __ATOMIC_RELEASE);
}

/* pipe_readable - a read would not wait: bytes, or no writer (EOF). */
static bool
pipe_readable(struct pipe *p)
{
	return pipe_used(p) > 0 || load_count(&p->writers) == 0;
}

/* pipe_writable - a write needing @need bytes of room would not wait. */
static bool
pipe_writable(struct pipe *p, size_t need)
{
	return PIPE_SIZE - pipe_used(p) >= need ||
	       load_count(&p->readers) == 0;
}

/* ---- the ring ------------------------------------------------------------ */

/* ring_at - where stream byte @pos lives; *@span gets how many of the
 * next @n bytes follow it in the same page. */
static uint8_t *
ring_at(struct pipe *p, uint64_t pos, size_t n, size_t *span)
{
	size_t off = (size_t)(pos % PIPE_SIZE);

	*span = MIN(n, PAGE_SIZE - off % PAGE_SIZE);
	return p->page[off / PAGE_SIZE] + off % PAGE_SIZE;
}

/* ring_reserve - allocate the pages of stream bytes [head, head + @n).
 * Returns 0 or -ENOMEM.  Context: p->lock held. */
static int
ring_reserve(struct pipe *p, size_t n)
{
	for (uint64_t pos = p->head; pos < p->head + n;
	     pos = ALIGN_DOWN(pos, PAGE_SIZE) + PAGE_SIZE) {
		size_t i = (size_t)(pos % PIPE_SIZE) / PAGE_SIZE;
		if (!p->page[i] && !(p->page[i] = kmalloc(PAGE_SIZE)))
			return -ENOMEM;
	}
	return 0;
}

/* pipe_take - move min(@len, buffered) bytes to @buf; returns how many.
 * Context: p->lock held. */
static size_t
pipe_take(struct pipe *p, uint8_t *buf, size_t len)
{
	size_t n = MIN(len, (size_t)(p->head - p->tail)), done, span;
	const uint8_t *src;

	for (done = 0; done < n; done += span) {
		src = ring_at(p, p->tail + done, n - done, &span);
		memcpy(buf + done, src, span);
	}
	__atomic_store_n(&p->tail, p->tail + n, __ATOMIC_RELEASE);
	return n;
}

/* pipe_put - append min(@len, room) bytes of @buf; returns how many, or
 * -ENOMEM (then nothing was appended).  Context: p->lock held. */
static ssize_t
pipe_put(struct pipe *p, const uint8_t *buf, size_t len)
{
	size_t n = MIN(len, PIPE_SIZE - (size_t)(p->head - p->tail)), done;
	size_t span;
	uint8_t *dst;

	if (ring_reserve(p, n) < 0)
		return -ENOMEM;
	for (done = 0; done < n; done += span) {
		dst = ring_at(p, p->head + done, n - done, &span);
		memcpy(dst, buf + done, span);
	}
	__atomic_store_n(&p->head, p->head + n, __ATOMIC_RELEASE);
	return (ssize_t)n;
}

/* ---- life cycle ---------------------------------------------------------- */

static struct pipe *
pipe_alloc(struct inode *ino)
{
	struct pipe *p = kzalloc(sizeof(*p));

	if (!p)
		return NULL;
	mutex_init(&p->lock, "pipe");
	wq_init(&p->rd_wait, "pipe readers");
	wq_init(&p->wr_wait, "pipe writers");
	p->inode = ino;
	return p;
}

static void
pipe_free(struct pipe *p)
{
	for (size_t i = 0; i < PIPE_PAGES; i++)
		kfree(p->page[i]);
	kfree(p);
}

/*
 * pipe_get - the pipe of @ino, made if it has none, with one more file
 * attached.  Returns 0 or -ENOMEM.  Context: thread; no lock held.
 */
static int
pipe_get(struct inode *ino, struct pipe **out)
{
	struct pipe *p, *fresh;

	spin_lock(&pipe_attach_lock);
	if ((p = ino->pipe))
		p->files++;
	spin_unlock(&pipe_attach_lock);
	if (p) {
		*out = p;
		return 0;
	}
	if (!(fresh = pipe_alloc(ino)))	/* kmalloc never under a spinlock */
		return -ENOMEM;
	spin_lock(&pipe_attach_lock);
	if (!(p = ino->pipe))
		p = ino->pipe = fresh;
	p->files++;
	spin_unlock(&pipe_attach_lock);
	if (p != fresh)			/* another opener was quicker */
		pipe_free(fresh);
	*out = p;
	return 0;
}

/* pipe_unget - undo pipe_get; the last file frees the pipe and takes it
 * off its inode.  Context: thread; no lock held. */
static void
pipe_unget(struct pipe *p)
{
	bool last;

	spin_lock(&pipe_attach_lock);
	if ((last = --p->files == 0))
		p->inode->pipe = NULL;
	spin_unlock(&pipe_attach_lock);
	if (last)
		pipe_free(p);
}

/*
 * count_open - count an open with access mode @acc and wake whoever waits
 * for a partner.  Returns how many opens of the other side there were so
 * far (the counter an O_RDONLY / O_WRONLY FIFO open waits to see move).
 * Context: p->lock held.
 */
static unsigned int
count_open(struct pipe *p, unsigned int acc)
{
	if (acc != O_WRONLY) {
		add_count(&p->readers, 1);
		add_count(&p->r_opens, 1);
	}
	if (acc != O_RDONLY) {
		add_count(&p->writers, 1);
		add_count(&p->w_opens, 1);
	}
	wake_all(&p->rd_wait);
	wake_all(&p->wr_wait);
	return acc == O_RDONLY ? p->w_opens : p->r_opens;
}

/*
 * pipe_attach - attach @f, opened on @ino, to the inode's pipe (made if
 * needed) as a reader and/or writer: f->priv is the pipe.  *@seen: see
 * count_open.  With @fifo, O_WRONLY | O_NONBLOCK and no reader is -ENXIO.
 * Returns 0 or -ENOMEM, -ENXIO.  Context: thread; may sleep.
 */
static int
pipe_attach(struct inode *ino, struct file *f, bool fifo, unsigned int *seen)
{
	unsigned int acc = f->flags & O_ACCMODE;
	bool nonblock = f->flags & O_NONBLOCK;
	struct pipe *p;
	int err;

	if ((err = pipe_get(ino, &p)) < 0)
		return err;
	mutex_lock(&p->lock);
	if (fifo && acc == O_WRONLY && nonblock && !p->readers) {
		err = -ENXIO;
	} else {
		/* see pipe_poll: a FIFO reader that need not wait for a
		 * writer sees POLLHUP only once one came */
		f->pos = fifo && acc == O_RDONLY && nonblock && !p->writers ?
				 p->w_opens : 0;
		*seen = count_open(p, acc);
		f->priv = p;
	}
	mutex_unlock(&p->lock);
	if (err < 0)
		pipe_unget(p);
	return err;
}

/* pipe_detach - undo pipe_attach for access mode @acc; wakes the other
 * side (it may see EOF or EPIPE now).  Context: thread; may sleep. */
static void
pipe_detach(struct pipe *p, unsigned int acc)
{
	mutex_lock(&p->lock);
	if (acc != O_WRONLY)
		add_count(&p->readers, -1);
	if (acc != O_RDONLY)
		add_count(&p->writers, -1);
	wake_all(&p->rd_wait);
	wake_all(&p->wr_wait);
	mutex_unlock(&p->lock);
	pipe_unget(p);
}

/* ---- file operations ----------------------------------------------------- */

/* pipe_read - see pipe.h: bytes read, 0 at EOF, -EAGAIN, -EINTR. */
static ssize_t
pipe_read(struct file *f, void *buf, size_t len, uint64_t *pos)
{
	struct pipe *p = f->priv;
	bool eof;
	size_t n;
	int err;

	(void)pos;
	if (len == 0)
		return 0;
	for (;;) {
		mutex_lock(&p->lock);
		n = pipe_take(p, buf, len);
		eof = p->writers == 0;
		if (n > 0)
			wake_all(&p->wr_wait);
		mutex_unlock(&p->lock);
		if (n > 0)
			return (ssize_t)n;
		if (eof)
			return 0;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(&p->rd_wait, pipe_readable(p));
		if (err < 0)
			return err;
	}
}

/* raise_sigpipe - SIGPIPE for a write to a pipe nobody reads.  Kernel
 * threads (the in-kernel tests) have no process to send it to. */
static void
raise_sigpipe(void)
{
	if (current_proc())
		signal_send_current(SIGPIPE);
}

/*
 * pipe_write - see pipe.h: bytes written (all of them unless O_NONBLOCK
 * or a signal cut it short), or -EPIPE, -EAGAIN, -EINTR, -ENOMEM when
 * none were.  A write of at most PIPE_BUF bytes waits for room for all.
 */
static ssize_t
pipe_write(struct file *f, const void *buf, size_t len, uint64_t *pos)
{
	struct pipe *p = f->priv;
	size_t done = 0, need = len <= PIPE_BUF ? len : 1;
	ssize_t n = 0;

	(void)pos;
	mutex_lock(&p->lock);
	while (done < len) {
		if (p->readers == 0) {
			raise_sigpipe();
			n = -EPIPE;
			break;
		}
		if (PIPE_SIZE - (size_t)(p->head - p->tail) >= need) {
			n = pipe_put(p, (const uint8_t *)buf + done,
				     len - done);
			if (n < 0)
				break;
			done += (size_t)n;
			wake_all(&p->rd_wait);
			continue;
		}
		if (f->flags & O_NONBLOCK) {
			n = -EAGAIN;
			break;
		}
		mutex_unlock(&p->lock);
		n = wait_event_interruptible(&p->wr_wait,
					     pipe_writable(p, need));
		mutex_lock(&p->lock);
		if (n < 0)
			break;
	}
	mutex_unlock(&p->lock);
	return done ? (ssize_t)done : n;
}

/*
 * pipe_poll - readable (POLLIN) when bytes are buffered, hung up (POLLHUP)
 * when the writers are gone, writable (POLLOUT) when PIPE_BUF bytes fit,
 * POLLERR on the write side when the readers are gone.  A FIFO reader
 * opened with O_NONBLOCK before any writer sees no POLLHUP until a writer
 * has come (Linux): f->pos, unused by pipes (they have no position),
 * holds the writer opens it saw (pipe_attach), else 0.
 */
static unsigned int
pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe *p = f->priv;
	unsigned int acc = f->flags & O_ACCMODE, mask = 0;

	if (acc != O_WRONLY)
		poll_wait(f, &p->rd_wait, pt);
	if (acc != O_RDONLY)
		poll_wait(f, &p->wr_wait, pt);
	if (acc != O_WRONLY) {
		if (pipe_used(p) > 0)
			mask |= POLLIN | POLLRDNORM;
		if (load_count(&p->writers) == 0 &&
		    load_count(&p->w_opens) != (unsigned int)f->pos)
			mask |= POLLHUP;
	}
	if (acc != O_RDONLY) {
		if (PIPE_SIZE - pipe_used(p) >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (load_count(&p->readers) == 0)
			mask |= POLLERR;
	}
	return mask;
}

/* pipe_ioctl - FIONREAD: the bytes buffered; else -ENOTTY. */
static int
pipe_ioctl(struct file *f, unsigned long cmd, unsigned long arg)
{
	int n;

	if (cmd != FIONREAD)
		return -ENOTTY;
	n = (int)pipe_used(f->priv);
	return copy_to_user((uaddr_t)arg, &n, sizeof(n));
}

static void
pipe_release(struct file *f)
{
	pipe_detach(f->priv, f->flags & O_ACCMODE);
}

/* pipe_open - an end of an anonymous pipe: attach, never wait. */
static int
pipe_open(struct inode *ino, struct file *f)
{
	unsigned int seen;

	return pipe_attach(ino, f, false, &seen);
}

/* fifo_wait_partner - the wait of a blocking FIFO open (see pipe.h) for
 * the other side to open after @seen of its opens.  0 or -EINTR. */
static int
fifo_wait_partner(struct pipe *p, unsigned int flags, unsigned int seen)
{
	unsigned int acc = flags & O_ACCMODE;

	if (acc == O_RDWR || (flags & O_NONBLOCK))
		return 0;
	if (acc == O_RDONLY)
		return wait_event_interruptible(
			&p->rd_wait, load_count(&p->writers) > 0 ||
					     load_count(&p->w_opens) != seen);
	return wait_event_interruptible(
		&p->wr_wait, load_count(&p->readers) > 0 ||
				     load_count(&p->r_opens) != seen);
}

/* fifo_open - see fifo_fops in pipe.h.  0 or -ENOMEM, -ENXIO, -EINTR. */
static int
fifo_open(struct inode *ino, struct file *f)
{
	unsigned int seen;
	int err;

	if ((err = pipe_attach(ino, f, true, &seen)) < 0)
		return err;
	if ((err = fifo_wait_partner(f->priv, f->flags, seen)) < 0)
		pipe_detach(f->priv, f->flags & O_ACCMODE);
	return err;
}

/* The ends of pipe(2): fs/file.c's access-mode checks keep the read end
 * from writing and the write end from reading (-EBADF). */
static const struct file_ops pipe_fops = {
	.open		= pipe_open,
	.read		= pipe_read,
	.write		= pipe_write,
	.poll		= pipe_poll,
	.ioctl		= pipe_ioctl,
	.release	= pipe_release,
	/* .llseek NULL: vfs_lseek answers -ESPIPE for S_IFIFO */
};

const struct file_ops fifo_fops = {
	.open		= fifo_open,
	.read		= pipe_read,
	.write		= pipe_write,
	.poll		= pipe_poll,
	.ioctl		= pipe_ioctl,
	.release	= pipe_release,
};

/* pipe_create - see pipe.h.  Context: thread; may sleep. */
int
pipe_create(unsigned int flags, struct file **rd, struct file **wr)
{
	struct inode *ino = inode_new(&pipefs_sb, S_IFIFO | 0600);
	int err;

	if (!ino)
		return -ENOMEM;
	ino->fops = &pipe_fops;
	flags &= O_NONBLOCK;
	err = file_open_inode(NULL, ino, (int)(O_RDONLY | flags), rd);
	if (err == 0 &&
	    (err = file_open_inode(NULL, ino, (int)(O_WRONLY | flags), wr)) < 0)
		file_put(*rd);
	inode_put(ino);			/* the files hold it now */
	return err;
}
