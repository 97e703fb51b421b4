/*
 * drivers/tty.h: terminals (drivers/tty.c).
 *
 * Two terminals, each a line discipline (drivers/ldisc.h) between one
 * input source and one kind of console:
 *
 *   device        number   input            output
 *   /dev/tty1     4:1      PS/2 keyboard    the screen (fbcon or vgacon)
 *   /dev/ttyS0    4:64     COM1             COM1
 *   /dev/console  5:1      the primary terminal (ttyS0 when the serial
 *                          console is selected, else tty1); its output
 *                          goes to every console selected for the log
 *   /dev/tty      5:0      the caller's controlling terminal (ENXIO: none)
 *
 * Sessions and job control follow POSIX and Linux: a session leader gets
 * a controlling terminal with TIOCSCTTY (or by opening one without
 * O_NOCTTY while it has none); the terminal's foreground process group
 * (TIOCSPGRP) gets the signals typed (^C ^\ ^Z) and may read; a
 * background reader gets SIGTTIN, a background writer SIGTTOU when
 * TOSTOP is set, a background TCSETS/TIOCSPGRP SIGTTOU.  When the
 * session leader exits, the foreground group gets SIGHUP and SIGCONT and
 * the terminal is free for the next session.
 */
#pragma once
#include "kernel/types.h"

struct tty;

/*
 * tty_init - set up the terminals, register TTY_MAJOR and TTYAUX_MAJOR and
 * start the input thread.  Panics if a major is taken.  Context: boot,
 * after sched_init(), before anything opens a terminal.
 */
void	tty_init(void);

/*
 * tty_session_ended - the leader of session @sid, whose controlling
 * terminal is @t, is exiting: SIGHUP and SIGCONT to the foreground group,
 * and no process of the session keeps @t.  Context: proc_lock held.
 */
void	tty_session_ended(struct tty *t, int sid);

/* tty_devnum - @t's device number (for /proc/<pid>/stat's tty_nr). */
uint64_t tty_devnum(const struct tty *t);

/* tty_fg_pgrp - @t's foreground process group, or -1 (tpgid).
 * Context: proc_lock held. */
int	tty_fg_pgrp(const struct tty *t);
