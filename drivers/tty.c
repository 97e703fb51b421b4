/*
 * drivers/tty.c: the terminals (drivers/tty.h): a line discipline per
 * terminal, the read/write/poll/ioctl file operations, controlling
 * terminals and job control.
 *
 * Input: the keyboard and serial drivers queue raw bytes (drivers/input.h)
 * and notify us in interrupt context; the notification only wakes the
 * input thread, which feeds the bytes to the line discipline in thread
 * context, because raising SIGINT in a process group needs proc_lock (a
 * mutex).  Echo happens there too, so it is ordered with program output.
 *
 * Locks, in order: proc_lock [t] (session, pgrp, every proc->tty) before
 * tty->lock [l] (a spinlock: the line discipline, the window size) before
 * console_lock (drivers/console.c).  Readers sleep on tty->readers,
 * woken by the input thread, by termios changes and by VTIME's timer.
 */
#include "drivers/console.h"
#include "drivers/devices.h"
#include "drivers/input.h"
#include "drivers/ldisc.h"
#include "drivers/tty.h"
#include "fs/chrdev.h"
#include "fs/poll.h"
#include "kernel/cmdline.h"
#include "kernel/errno.h"
#include "kernel/linux_abi.h"
#include "kernel/panic.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/spinlock.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/wait.h"
#include "mm/kmalloc.h"

#define TTY_MINOR_TTY1		1
#define TTY_MINOR_TTYS0		64
#define TTYAUX_MINOR_TTY	0
#define TTYAUX_MINOR_CONSOLE	1

/* ioctl numbers (asm-generic/ioctls.h) */
#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TCSBRK		0x5409
#define TCXONC		0x540a
#define TCFLSH		0x540b
#define TIOCSCTTY	0x540e
#define TIOCGPGRP	0x540f
#define TIOCSPGRP	0x5410
#define TIOCOUTQ	0x5411
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define TIOCNOTTY	0x5422
#define TIOCGSID	0x5429
#define TCIFLUSH	0
#define TCIOFLUSH	2

#define TTY_TERMIOS_SIZE 36	/* the kernel's struct termios (TCGETS) */
#define VTIME_NS	100000000ull	/* VTIME counts tenths of a second */
/* Output goes to the console a chunk at a time, with the terminal's lock
 * (interrupts off) held for one chunk: 64 bytes are ~5.6 ms of a real
 * 115200-baud line; on the screen a chunk costs at most one repaint
 * however long, and bigger chunks let the VT batch its scrolling. */
#define SERIAL_CHUNK	64
#define SCREEN_CHUNK	2048

struct winsize_k {
	uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

struct tty {
	const char	*name;			/* [I] */
	unsigned int	 minor;			/* [I] of TTY_MAJOR */
	unsigned int	 console;		/* [I] CONSOLE_* output goes to */
	enum input_source src;			/* [I] */
	struct spinlock	 lock;
	struct ldisc	 ld;			/* [l] */
	struct winsize_k ws;			/* [l] */
	uint32_t	 raised;		/* [l] signals typed, not yet sent */
	struct wait_queue readers;
	struct mutex	 write_lock;		/* one write(2) at a time */
	int		 session;		/* [t] sid, 0: nobody's */
	int		 pgrp;			/* [t] foreground group, 0: none */
	uint32_t	 hangups;		/* [atomic] sessions hung up */
	size_t		 chunk;			/* [I] output bytes per lock */
	char		 out[2 * SCREEN_CHUNK];	/* [write_lock] ONLCR doubles */
};

/* An open terminal: files opened before a hangup are dead (Linux's
 * hung_up_tty_fops): reads give 0, writes and ioctls EIO. */
struct tty_file {
	struct tty	*t;
	uint32_t	 gen;			/* t->hangups at open */
	bool		 console;		/* /dev/console: never hung up */
};

static struct tty ttys[] = {
	{ .name = "tty1", .minor = TTY_MINOR_TTY1, .console = CONSOLE_SCREEN,
	  .src = INPUT_KEYBOARD, .chunk = SCREEN_CHUNK },
	{ .name = "ttyS0", .minor = TTY_MINOR_TTYS0,
	  .console = CONSOLE_SERIAL, .src = INPUT_SERIAL,
	  .chunk = SERIAL_CHUNK },
};

static struct wait_queue input_wq = WAIT_QUEUE_INIT("tty input");
static uint64_t input_kicks;			/* [atomic] */
static struct tty *console_tty;			/* [I] /dev/console */

static const struct file_ops tty_fops;

/* ---- the line discipline's callbacks --------------------------------- */

static void
tty_echo(void *ctx, const char *s, size_t len)
{
	struct tty *t = ctx;

	console_write_raw(t->console, s, len);
}

/* Called with t->lock held: remember the signal, the input thread sends
 * it once the lock is dropped. */
static void
tty_raise(void *ctx, int sig)
{
	struct tty *t = ctx;

	t->raised |= 1u << sig;
}

static const struct ldisc_ops tty_ldisc_ops = {
	.echo	= tty_echo,
	.signal	= tty_raise,
};

/* ---- open files ---------------------------------------------------------- */

static struct tty *
tty_file(const struct file *f)
{
	return ((struct tty_file *)f->priv)->t;
}

/* hung_up - whether @f was opened before its terminal's last hangup. */
static bool
hung_up(const struct file *f)
{
	const struct tty_file *tf = f->priv;

	return !tf->console &&
	       __atomic_load_n(&tf->t->hangups, __ATOMIC_ACQUIRE) != tf->gen;
}

/* ---- input ------------------------------------------------------------- */

/* Interrupt context: only wake the input thread. */
static void
tty_input_notify(enum input_source src)
{
	(void)src;
	__atomic_add_fetch(&input_kicks, 1, __ATOMIC_RELEASE);
	wake_all(&input_wq);
}

/* send_raised - deliver the signals typed on @t to its foreground group. */
static void
send_raised(struct tty *t, uint32_t sigs)
{
	mutex_lock(&proc_lock);
	for (int sig = 1; sig < 32; sig++)
		if ((sigs & (1u << sig)) && t->pgrp > 0)
			signal_pgrp(t->pgrp, sig);
	mutex_unlock(&proc_lock);
}

/* drain - feed what @t's source has queued to its line discipline. */
static void
drain(struct tty *t)
{
	char buf[64];
	uint32_t sigs;
	size_t n;

	while ((n = input_read(t->src, buf, sizeof(buf))) > 0) {
		spin_lock(&t->lock);
		for (size_t i = 0; i < n; i++)
			ldisc_input(&t->ld, (uint8_t)buf[i]);
		sigs = t->raised;
		t->raised = 0;
		spin_unlock(&t->lock);
		wake_all(&t->readers);
		if (sigs)
			send_raised(t, sigs);
	}
}

static void
input_thread(void *arg)
{
	uint64_t seen = 0;

	(void)arg;
	for (;;) {
		wait_event(&input_wq, __atomic_load_n(&input_kicks,
					__ATOMIC_ACQUIRE) != seen);
		seen = __atomic_load_n(&input_kicks, __ATOMIC_ACQUIRE);
		for (size_t i = 0; i < ARRAY_SIZE(ttys); i++)
			drain(&ttys[i]);
	}
}

/* ---- job control ------------------------------------------------------- */

/*
 * job_check - may the caller, on terminal @t, do what @sig guards (SIGTTIN:
 * read; SIGTTOU: write with TOSTOP, change settings)?  0 if so; otherwise
 * the caller's group is sent @sig and the call restarts after it
 * (-ERESTARTSYS), or fails with -EIO where a stop could never end.
 */
static int
job_check(struct tty *t, int sig)
{
	struct proc *self = current_proc();
	int r = 0;

	if (!self)
		return 0;
	mutex_lock(&proc_lock);
	if (self->tty != t || t->pgrp <= 0 || self->pgid == t->pgrp)
		goto out;
	if (signal_ignored_or_blocked(self, sig))
		r = sig == SIGTTIN ? -EIO : 0;
	else if (proc_pgrp_orphaned(self->pgid))
		r = -EIO;
	else {
		signal_pgrp(self->pgid, sig);
		r = -ERESTARTSYS;
	}
out:
	mutex_unlock(&proc_lock);
	return r;
}

/* ---- read ---------------------------------------------------------------- */

static void
vtime_expired(struct timer *tm, void *arg)
{
	struct tty *t = arg;

	(void)tm;
	wake_all(&t->readers);
}

/* enough - whether a read of @len may return now (see tty_read). */
static bool
enough(struct tty *t, size_t len, uint64_t deadline)
{
	const struct ldisc *ld = &t->ld;
	size_t vmin = ld->t.c_cc[VMIN];

	if (ld->t.c_lflag & ICANON)
		return ld->nlines > 0;
	if (deadline && time_ns() >= deadline)
		return true;
	return ld->rlen >= MAX(MIN(vmin, len), (size_t)1);
}

/*
 * read_deadline - when a non-canonical read must return whatever it has
 * (0: no limit; 1: at once).  VMIN 0 counts VTIME from the start of the
 * read; VMIN > 0 from the last byte received (@have: the bytes there at
 * the last look).  Context: t->lock held.
 */
static uint64_t
read_deadline(struct tty *t, uint64_t deadline, size_t have)
{
	const struct termios_k *tio = &t->ld.t;
	uint64_t vtime = tio->c_cc[VTIME] * VTIME_NS;

	if (tio->c_lflag & ICANON)
		return 0;
	if (tio->c_cc[VMIN] == 0)
		return vtime == 0 ? 1 : deadline ? deadline : time_ns() + vtime;
	if (vtime && t->ld.rlen > have)
		return time_ns() + vtime;
	return deadline;
}

/*
 * tty_read - canonical mode: one line (or end of file: 0).  Otherwise
 * VMIN and VTIME as POSIX says: VMIN bytes (capped at @len); with VTIME
 * too, until VTIME tenths of a second pass without a new byte once one
 * has come; VMIN 0: whatever is there, after waiting at most VTIME.
 */
static ssize_t
tty_read(struct file *f, void *buf, size_t len, uint64_t *pos)
{
	struct tty *t = tty_file(f);
	struct timer tm = { 0 };
	uint64_t deadline = 0;
	size_t have = 0;
	ssize_t r;
	bool eof, armed = false;

	(void)pos;
	if (hung_up(f))
		return 0;
	if ((r = job_check(t, SIGTTIN)) < 0)
		return r;
	if (len == 0)
		return 0;
	for (;;) {
		spin_lock(&t->lock);
		deadline = read_deadline(t, deadline, have);
		have = t->ld.rlen;
		if (enough(t, len, deadline)) {
			r = (ssize_t)ldisc_read(&t->ld, buf, len, &eof);
			spin_unlock(&t->lock);
			break;
		}
		spin_unlock(&t->lock);
		if (f->flags & O_NONBLOCK) {
			r = -EAGAIN;
			break;
		}
		/* FIXME(SMP): an on-stack timer is safe while the tick runs
		 * on this CPU with timer_cancel() excluding it; with other
		 * CPUs running timers, cancel must wait for a running one. */
		if (armed)
			timer_cancel(&tm);
		if ((armed = deadline > 1))
			timer_add(&tm, deadline, vtime_expired, t);
		r = wait_event_interruptible(&t->readers,
			enough(t, len, deadline) || t->ld.rlen != have ||
			hung_up(f));
		if (r < 0)
			break;
		if (hung_up(f)) {
			r = 0;
			break;
		}
	}
	if (armed)
		timer_cancel(&tm);
	return r;
}

/* ---- write --------------------------------------------------------------- */

/*
 * emit - @len bytes of a program's output, through the output flags.
 * The terminal's lock (interrupts off) is held one chunk at a time, so
 * that a long write to a slow line lets ticks and typed keys in; the
 * write lock keeps two writers' bytes apart.  Context: thread.
 */
static void
emit(struct tty *t, const char *s, size_t len, bool everywhere)
{
	unsigned int kinds = everywhere ? console_selected() : t->console;
	size_t chunk = everywhere ? SERIAL_CHUNK : t->chunk, used, n;

	mutex_lock(&t->write_lock);
	while (len > 0) {
		spin_lock(&t->lock);
		n = ldisc_output(&t->ld, s, MIN(len, chunk), t->out,
				 2 * chunk, &used);
		console_write_raw(kinds, t->out, n);
		spin_unlock(&t->lock);
		s += used;
		len -= used;
	}
	mutex_unlock(&t->write_lock);
}

/* is_console - /dev/console, whose output every selected console shows */
static bool
is_console(uint64_t rdev)
{
	return MAJOR(rdev) == TTYAUX_MAJOR &&
	       MINOR(rdev) == TTYAUX_MINOR_CONSOLE;
}

static ssize_t
tty_write(struct file *f, const void *buf, size_t len, uint64_t *pos)
{
	struct tty *t = tty_file(f);
	int r;

	(void)pos;
	if (hung_up(f))
		return -EIO;
	if ((t->ld.t.c_lflag & TOSTOP) && (r = job_check(t, SIGTTOU)) < 0)
		return r;
	emit(t, buf, len, ((struct tty_file *)f->priv)->console);
	return (ssize_t)len;
}

static unsigned int
tty_poll(struct file *f, struct poll_table *pt)
{
	struct tty *t = tty_file(f);
	bool readable;

	if (hung_up(f))
		return POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM | POLLERR |
		       POLLHUP;
	poll_wait(f, &t->readers, pt);
	spin_lock(&t->lock);
	readable = ldisc_readable(&t->ld);
	spin_unlock(&t->lock);
	return POLLOUT | POLLWRNORM | (readable ? POLLIN | POLLRDNORM : 0);
}

/* ---- sessions ---------------------------------------------------------- */

/* hangup - end session @sid's hold on @t: @also_cont wakes a stopped
 * foreground group too (TIOCNOTTY; a leader that exits sends only
 * SIGHUP, as Linux).  Files open on @t die, readers wake.  Context:
 * proc_lock held. */
static void
hangup(struct tty *t, int sid, bool also_cont)
{
	if (t->session != sid)
		return;
	if (t->pgrp > 0) {
		signal_pgrp(t->pgrp, SIGHUP);
		if (also_cont)
			signal_pgrp(t->pgrp, SIGCONT);
	}
	for (struct proc *p = proc_table(); p; p = p->next)
		if (p->sid == sid && p->tty == t)
			p->tty = NULL;
	t->session = 0;
	t->pgrp = 0;
	spin_lock(&t->lock);
	ldisc_flush(&t->ld);
	spin_unlock(&t->lock);
	__atomic_add_fetch(&t->hangups, 1, __ATOMIC_RELEASE);
	wake_all(&t->readers);
}

/* tty_session_ended - see tty.h.  Context: proc_lock held. */
void
tty_session_ended(struct tty *t, int sid)
{
	hangup(t, sid, false);
}

uint64_t
tty_devnum(const struct tty *t)
{
	return MKDEV(TTY_MAJOR, t->minor);
}

int
tty_fg_pgrp(const struct tty *t)
{
	return t->pgrp > 0 ? t->pgrp : -1;
}

/* make_ctty - @t becomes the controlling terminal of the caller's session
 * (the caller leads it).  Context: proc_lock held. */
static void
make_ctty(struct tty *t, struct proc *self)
{
	t->session = self->sid;
	t->pgrp = self->pgid;
	self->tty = t;
}

/* set_ctty - TIOCSCTTY: @steal takes @t from another session. */
static int
set_ctty(struct tty *t, bool steal)
{
	struct proc *self = current_proc();
	int r = 0;

	mutex_lock(&proc_lock);
	if (self->sid == self->pid && self->tty == t)
		goto out;
	if (self->sid != self->pid || self->tty) {
		r = -EPERM;
		goto out;
	}
	if (t->session && t->session != self->sid) {
		if (!steal) {
			r = -EPERM;
			goto out;
		}
		for (struct proc *p = proc_table(); p; p = p->next)
			if (p->tty == t)
				p->tty = NULL;
	}
	make_ctty(t, self);
out:
	mutex_unlock(&proc_lock);
	return r;
}

/* give_up_ctty - TIOCNOTTY: a leader hangs its session up; others just
 * lose the terminal. */
static int
give_up_ctty(struct tty *t)
{
	struct proc *self = current_proc();
	int r = 0;

	mutex_lock(&proc_lock);
	if (self->tty != t)
		r = -ENOTTY;
	else if (self->sid == self->pid)
		hangup(t, self->sid, true);
	else
		self->tty = NULL;
	mutex_unlock(&proc_lock);
	return r;
}

/* pgrp_in_session - whether group @pgid has a live member in @sid. */
static bool
pgrp_in_session(int pgid, int sid, bool *exists)
{
	*exists = false;
	for (struct proc *p = proc_table(); p; p = p->next) {
		if (p->pgid != pgid || p->state != PROC_ALIVE)
			continue;
		*exists = true;
		if (p->sid == sid)
			return true;
	}
	return false;
}

/* set_pgrp - TIOCSPGRP. */
static int
set_pgrp(struct tty *t, unsigned long arg)
{
	struct proc *self = current_proc();
	int pgid, r;
	bool exists;

	if ((r = job_check(t, SIGTTOU)) < 0)
		return r;
	mutex_lock(&proc_lock);	/* a mutex: the user copy may fault */
	if (self->tty != t || t->session != self->sid)
		r = -ENOTTY;
	else if (copy_from_user(&pgid, arg, sizeof(pgid)) < 0)
		r = -EFAULT;
	else if (pgid < 0)
		r = -EINVAL;
	else if (!pgrp_in_session(pgid, self->sid, &exists))
		r = exists ? -EPERM : -ESRCH;
	else
		t->pgrp = pgid;
	mutex_unlock(&proc_lock);
	return r;
}

/* get_id - TIOCGPGRP (@sid false) or TIOCGSID of the caller's terminal. */
static int
get_id(struct tty *t, unsigned long arg, bool sid)
{
	struct proc *self = current_proc();
	int id, r = 0;

	mutex_lock(&proc_lock);
	if (self->tty != t)
		r = -ENOTTY;
	id = sid ? t->session : t->pgrp;
	mutex_unlock(&proc_lock);
	if (r == 0 && copy_to_user(arg, &id, sizeof(id)) < 0)
		r = -EFAULT;
	return r;
}

/* ---- settings ---------------------------------------------------------- */

static int
get_termios(struct tty *t, unsigned long arg)
{
	struct termios_k tio;

	spin_lock(&t->lock);
	tio = t->ld.t;
	spin_unlock(&t->lock);
	return copy_to_user(arg, &tio, TTY_TERMIOS_SIZE) < 0 ? -EFAULT : 0;
}

/* set_termios - TCSETS*: TCSETSF also drops unread input.  Output is
 * written synchronously, so TCSETSW has nothing to wait for. */
static int
set_termios(struct tty *t, unsigned long cmd, unsigned long arg)
{
	struct termios_k tio;
	int r;

	if ((r = job_check(t, SIGTTOU)) < 0)
		return r;
	if (copy_from_user(&tio, arg, TTY_TERMIOS_SIZE) < 0)
		return -EFAULT;
	spin_lock(&t->lock);
	if (cmd == TCSETSF)
		ldisc_flush(&t->ld);
	ldisc_set(&t->ld, &tio);
	spin_unlock(&t->lock);
	wake_all(&t->readers);
	return 0;
}

/* set_winsize - TIOCSWINSZ: the foreground group hears of a change. */
static int
set_winsize(struct tty *t, unsigned long arg)
{
	struct winsize_k ws;
	bool changed;

	if (copy_from_user(&ws, arg, sizeof(ws)) < 0)
		return -EFAULT;
	spin_lock(&t->lock);
	changed = memcmp(&ws, &t->ws, sizeof(ws)) != 0;
	t->ws = ws;
	spin_unlock(&t->lock);
	if (changed) {
		mutex_lock(&proc_lock);
		if (t->pgrp > 0)
			signal_pgrp(t->pgrp, SIGWINCH);
		mutex_unlock(&proc_lock);
	}
	return 0;
}

static int
put_int(unsigned long arg, int v)
{
	return copy_to_user(arg, &v, sizeof(v)) < 0 ? -EFAULT : 0;
}

static int
tty_ioctl(struct file *f, unsigned long cmd, unsigned long arg)
{
	struct tty *t = tty_file(f);
	struct winsize_k ws;
	size_t n;
	int r;

	if (hung_up(f))
		return -EIO;
	switch (cmd) {
	case TCGETS:
		return get_termios(t, arg);
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return set_termios(t, cmd, arg);
	case TIOCGWINSZ:
		spin_lock(&t->lock);
		ws = t->ws;
		spin_unlock(&t->lock);
		return copy_to_user(arg, &ws, sizeof(ws)) < 0 ? -EFAULT : 0;
	case TIOCSWINSZ:
		return set_winsize(t, arg);
	case TIOCGPGRP:
		return get_id(t, arg, false);
	case TIOCGSID:
		return get_id(t, arg, true);
	case TIOCSPGRP:
		return set_pgrp(t, arg);
	case TIOCSCTTY:
		return set_ctty(t, arg == 1);
	case TIOCNOTTY:
		return give_up_ctty(t);
	case FIONREAD:
		spin_lock(&t->lock);
		n = t->ld.rlen;
		spin_unlock(&t->lock);
		return put_int(arg, (int)n);
	case TIOCOUTQ:
		return put_int(arg, 0);		/* output is synchronous */
	case TCFLSH:
		if ((r = job_check(t, SIGTTOU)) < 0)
			return r;
		if (arg > TCIOFLUSH)
			return -EINVAL;
		if (arg == TCIFLUSH || arg == TCIOFLUSH) {
			spin_lock(&t->lock);
			ldisc_flush(&t->ld);
			spin_unlock(&t->lock);
		}
		return 0;
	case TCSBRK:		/* tcdrain(); a break is not sent */
		return job_check(t, SIGTTOU);
	case TCXONC:		/* flow control: output never stops */
		return 0;
	default:
		return -ENOTTY;
	}
}

/* ---- open ---------------------------------------------------------------- */

/* tty_of - the terminal device @rdev names for the caller, or NULL. */
static struct tty *
tty_of(uint64_t rdev)
{
	struct proc *self = current_proc();
	struct tty *t = NULL;

	if (is_console(rdev))
		return console_tty;
	if (MAJOR(rdev) == TTYAUX_MAJOR) {
		if (MINOR(rdev) != TTYAUX_MINOR_TTY || !self)
			return NULL;
		mutex_lock(&proc_lock);
		t = self->tty;
		mutex_unlock(&proc_lock);
		return t;
	}
	for (size_t i = 0; i < ARRAY_SIZE(ttys); i++)
		if (ttys[i].minor == MINOR(rdev))
			return &ttys[i];
	return NULL;
}

/* tty_open - a session leader without a terminal that opens one nobody
 * controls (without O_NOCTTY) gets it as its controlling terminal. */
static int
tty_open(struct inode *ino, struct file *f)
{
	struct proc *self = current_proc();
	struct tty *t = tty_of(ino->rdev);

	struct tty_file *tf;

	if (!t)
		return -ENXIO;
	if (!(tf = kmalloc(sizeof(*tf))))
		return -ENOMEM;
	tf->t = t;
	tf->gen = __atomic_load_n(&t->hangups, __ATOMIC_ACQUIRE);
	tf->console = is_console(ino->rdev);
	f->fops = &tty_fops;
	f->priv = tf;
	if (!self || (f->flags & O_NOCTTY) || MAJOR(ino->rdev) == TTYAUX_MAJOR)
		return 0;
	mutex_lock(&proc_lock);
	if (self->sid == self->pid && !self->tty && !t->session)
		make_ctty(t, self);
	mutex_unlock(&proc_lock);
	return 0;
}

static void
tty_release(struct file *f)
{
	kfree(f->priv);
}

static const struct file_ops tty_fops = {
	.open	= tty_open,
	.release = tty_release,
	.read	= tty_read,
	.write	= tty_write,
	.poll	= tty_poll,
	.ioctl	= tty_ioctl,
	/* .llseek NULL: -ESPIPE, as for a terminal */
};

/* ---- set-up ------------------------------------------------------------ */

static void
tty_setup(struct tty *t)
{
	unsigned int cols = 80, rows = 24;

	spin_init(&t->lock, t->name);
	wq_init(&t->readers, t->name);
	mutex_init(&t->write_lock, t->name);
	ldisc_init(&t->ld, &tty_ldisc_ops, t);
	if (t->console == CONSOLE_SCREEN)
		screen_size(&cols, &rows);
	t->ws = (struct winsize_k){ .ws_row = (uint16_t)rows,
				    .ws_col = (uint16_t)cols };
	input_set_notify(t->src, tty_input_notify);
}

/* tty_init - see tty.h. */
void
tty_init(void)
{
	int err;

	for (size_t i = 0; i < ARRAY_SIZE(ttys); i++)
		tty_setup(&ttys[i]);
	/* /dev/console: the serial line if the log goes there and a UART
	 * answered, else the screen (as Linux: the last console= wins) */
	console_tty = (console_selected() & CONSOLE_SERIAL) &&
		      serial_present() ? &ttys[1] : &ttys[0];
	if ((err = chrdev_register(TTY_MAJOR, "tty", &tty_fops)) < 0 ||
	    (err = chrdev_register(TTYAUX_MAJOR, "ttyaux", &tty_fops)) < 0)
		panic("tty_init: chrdev_register: %d", err);
	if (!thread_create("tty input", input_thread, NULL))
		panic("tty_init: cannot start the input thread");
}
