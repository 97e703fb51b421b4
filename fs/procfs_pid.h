/*
 * fs/procfs_pid.h: private to /proc/<pid>, which is two files:
 * fs/procfs_pid.c (the directories, links and lookups) and
 * fs/procfs_pid_files.c (reading a process, and the text files).
 */
#pragma once
#include "fs/procfs.h"
#include "kernel/proc.h"

/* pid_visible - whether @p is fully made (a fork's child is in the table
 * before it has a thread) and so shown.  proc_lock held. */
bool	pid_visible(const struct proc *p);

/* pid_find_visible - process @pid if it is shown.  proc_lock held. */
struct proc *pid_find_visible(int pid);

/* pid_live - the same, but not a zombie (which owns no memory or files). */
struct proc *pid_live(int pid);

/* pid_exe_of - a copy of process @pid's program name; "" for a zombie. */
int	pid_exe_of(int pid, char *buf, size_t size);

/* The text files of a process directory (procfs_show_t; @arg is the pid). */
int	pid_show_cmdline(struct procfs_buf *b, void *arg);
int	pid_show_environ(struct procfs_buf *b, void *arg);
int	pid_show_comm(struct procfs_buf *b, void *arg);
int	pid_show_maps(struct procfs_buf *b, void *arg);
int	pid_show_stat(struct procfs_buf *b, void *arg);
int	pid_show_statm(struct procfs_buf *b, void *arg);
int	pid_show_status(struct procfs_buf *b, void *arg);
