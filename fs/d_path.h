/*
 * fs/d_path.h: the absolute name of a file (fs/d_path.c), for
 * /proc/<pid>/fd, cwd and exe.
 *
 * The VFS keeps no names beside its inodes, so a name is found again: a
 * directory by walking ".." to the root and looking each step up in its
 * parent by inode number (crossing mount points), any other file by
 * searching its filesystem for the inode, or first in a directory the
 * caller expects it in.  A file with several hard links gets one of them.
 *
 * Every function here may be called with vfs_ns_lock held (from a
 * directory or readlink op) or without it (then it takes the lock).
 * Context: thread; may sleep.
 */
#pragma once
#include "fs/vfs.h"

/*
 * d_path - the absolute name of @p, NUL-terminated in @buf of @size
 * bytes.  Returns its length, or -ENOENT (removed, or not found),
 * -ENAMETOOLONG (does not fit), -ENOMEM, or a VFS error.
 */
int	d_path(const struct path *p, char *buf, size_t size);

/*
 * d_path_hint - d_path, trying first the directory part of @name (as
 * resolved from @cwd) for a non-directory: exec knows the name it opened,
 * which spares a search of the filesystem.  Context: vfs_ns_lock NOT held.
 */
int	d_path_hint(const struct path *p, const struct path *cwd,
		    const char *name, char *buf, size_t size);

/*
 * file_path - what readlink(/proc/<pid>/fd/N) says of open file @f: its
 * d_path, or "pipe:[ino]" / "socket:[ino]" / "anon_inode:[ino]" for a
 * file outside every mount, as Linux.  Returns the length or -errno.
 */
int	file_path(struct file *f, char *buf, size_t size);
