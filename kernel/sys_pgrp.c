/*
 * kernel/sys_pgrp.c: the process-group and session family: setpgid,
 * getpgid, getpgrp, setsid, getsid, with Linux's rules (POSIX's job
 * control model).  A process starts in its parent's group and session;
 * PID 1 leads group and session 1.
 *
 * Pids are pid_t (int) in Linux's prototypes, so the arguments are
 * truncated to 32 bits as Linux's are.  A zombie still belongs to its
 * group and session until it is reaped, as on Linux.
 *
 * Locks: proc_lock over every look at the table and every change of
 * pgid/sid ([t] fields).
 */
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/sys.h"

/* find - process @pid as these calls see it (made, maybe a zombie), or
 * NULL.  Context: proc_lock held. */
static struct proc *
find(int pid)
{
	struct proc *p = pid > 0 ? proc_find(pid) : NULL;

	return p && (p->state == PROC_ZOMBIE || p->thread) ? p : NULL;
}

/* group_in_session - whether some process of group @pgid is in session
 * @sid.  Context: proc_lock held. */
static bool
group_in_session(int pgid, int sid)
{
	for (struct proc *p = proc_table(); p; p = p->next)
		if (p->pgid == pgid && p->sid == sid &&
		    (p->state == PROC_ZOMBIE || p->thread))
			return true;
	return false;
}

/*
 * setpgid_locked - move @pid (the caller or a child of it) into group
 * @pgid, in the order of Linux's checks.  Context: proc_lock held.
 */
static int
setpgid_locked(struct proc *self, int pid, int pgid)
{
	struct proc *p = find(pid);

	if (!p)
		return -ESRCH;
	if (p->parent == self) {
		if (p->sid != self->sid)
			return -EPERM;
		if (p->did_exec)
			return -EACCES;
	} else if (p != self) {
		return -ESRCH;
	}
	if (p->sid == p->pid)
		return -EPERM;			/* a session leader stays */
	if (pgid != p->pid && !group_in_session(pgid, self->sid))
		return -EPERM;
	p->pgid = pgid;
	return 0;
}

/*
 * sys_setpgid - put process @pid (0: the caller) in group @pgid (0: the
 * one numbered @pid, made if need be).  0, -EINVAL, -ESRCH, -EPERM,
 * -EACCES (a child that has exec'd).
 */
long
sys_setpgid(long pid, long pgid, long a2, long a3, long a4, long a5)
{
	struct proc *self = current_proc();
	int id = (int)pid, group = (int)pgid, err;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if (group < 0)
		return -EINVAL;
	mutex_lock(&proc_lock);
	if (id == 0)
		id = self->pid;
	err = setpgid_locked(self, id, group ? group : id);
	mutex_unlock(&proc_lock);
	return err;
}

/* id_of - the group (@sid false) or session of @pid (0: the caller). */
static long
id_of(long pid, bool sid)
{
	struct proc *p;
	long r;

	mutex_lock(&proc_lock);
	p = (int)pid == 0 ? current_proc() : find((int)pid);
	r = !p ? -ESRCH : sid ? p->sid : p->pgid;
	mutex_unlock(&proc_lock);
	return r;
}

long
sys_getpgid(long pid, long a1, long a2, long a3, long a4, long a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return id_of(pid, false);
}

long
sys_getpgrp(long a0, long a1, long a2, long a3, long a4, long a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return id_of(0, false);
}

long
sys_getsid(long pid, long a1, long a2, long a3, long a4, long a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return id_of(pid, true);
}

/*
 * sys_setsid - make the caller the leader of a new session and of a new
 * group, both numbered by its pid, with no controlling terminal; -EPERM
 * if a group with that number exists (the caller leads one).
 */
long
sys_setsid(long a0, long a1, long a2, long a3, long a4, long a5)
{
	struct proc *self = current_proc();
	long r = self->pid;

	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	mutex_lock(&proc_lock);
	for (struct proc *p = proc_table(); p && r > 0; p = p->next)
		if (p->pgid == self->pid)
			r = -EPERM;
	if (r > 0) {
		self->sid = self->pgid = self->pid;
		self->tty = NULL;
	}
	mutex_unlock(&proc_lock);
	return r;
}
