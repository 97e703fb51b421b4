/*
 * fs/procfs.h: /proc, files generated on read (fs/procfs.c).
 *
 * Every /proc file is a regular file of mode 0444 and size 0 (as on
 * Linux).  Its text is produced by a "show" function when the file is
 * opened, kept with the open file, and produced again when a read starts
 * at offset 0 after something was read (lseek(fd, 0, SEEK_SET) then read:
 * what top and free do).  Writes fail with -EIO, as on Linux.
 *
 * The process work adds /proc/<pid> through a hook (procfs_pid_ops); with
 * none registered, /proc holds only its static files.  It builds the
 * files inside a process directory with procfs_new_file().
 *
 * Locks: the hook is set once at boot and read-only afterwards.  The
 * hook's ops are called with vfs_ns_lock held (they are directory ops).
 */
#pragma once
#include "fs/vfs.h"

struct procfs_buf;		/* text being generated; opaque */

/* A show function: append the file's text to @b; 0 or a negative errno. */
typedef int (*procfs_show_t)(struct procfs_buf *b, void *arg);

/*
 * procfs_printf - append formatted text to @b, growing it as needed.
 * A failure (out of memory, or the text passing its 1 MiB limit) is
 * remembered in @b and makes the open (or the read) fail with it.
 * Context: thread; may sleep.
 */
void	procfs_printf(struct procfs_buf *b, const char *fmt, ...)
	__printf(2, 3);

/*
 * procfs_new_file - a new generated file of @sb whose text is
 * @show(b, @arg): mode S_IFREG | 0444, size 0, with one reference, the
 * caller's; it is freed when the last reference is put (the VFS's rule).
 * Returns 0 with *@out, or -ENOMEM.
 * Context: thread; may sleep.
 */
int	procfs_new_file(struct superblock *sb, procfs_show_t show, void *arg,
			struct inode **out);

/*
 * The per-process directories, supplied by the process work.
 *
 * list:   call @fn(@ctx, pid) for every live pid >= @from, in increasing
 *         order, and stop as soon as @fn returns non-zero.  Returns 0 or
 *         a negative errno (given back to readdir).
 * lookup: the directory inode of @pid in @sb, referenced, in *@out;
 *         returns 0, or -ENOENT when there is no such process.  procfs
 *         sets its inode number, so that readdir and stat agree.  The
 *         directory's own lookup op is also asked for ".." (namei.c):
 *         it answers sb->root.
 * self:   optional: the inode of /proc/self (a symlink to the caller's
 *         pid), referenced, in *@out; 0 or -ENOENT (no process calls).
 *         procfs sets its inode number and lists it in the root.
 */
struct procfs_pid_ops {
	int	(*list)(int from, int (*fn)(void *ctx, int pid), void *ctx);
	int	(*lookup)(struct superblock *sb, int pid, struct inode **out);
	int	(*self)(struct superblock *sb, struct inode **out);
};

/*
 * procfs_register_pid_hook - make the pid directories of /proc come from
 * @ops (both ops are required); NULL removes them again (for the tests).
 * Context: boot, before user space runs, or a test with nothing in /proc
 * open.
 */
void	procfs_register_pid_hook(const struct procfs_pid_ops *ops);

/*
 * procfs_pid_init - register the process directories of fs/procfs_pid.c:
 * /proc/<pid>/{cmdline,comm,cwd,environ,exe,fd/,maps,stat,statm,status}
 * and /proc/self.  Context: boot, after the in-kernel tests (which expect
 * /proc without them, and unregister the hook as they end).
 */
void	procfs_pid_init(void);
