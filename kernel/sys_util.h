/*
 * kernel/sys_util.h: helpers shared by the file-system system calls
 * (kernel/sys_util.c; used by kernel/sys_file.c and kernel/sys_fs.c).
 *
 * Every helper that hands back a path or a file hands it back referenced:
 * the caller releases it with path_put() / file_put() / put_at().
 * Context: thread (system call); all may sleep.
 */
#pragma once
#include "fs/vfs.h"
#include "kernel/types.h"

struct kstat;

/* The bounce buffer of the read/write family: one VFS call per chunk. */
#define IO_CHUNK (64u * 1024)

/*
 * get_user_path - copy the NUL-terminated name at @upath into a new
 * PATH_MAX kernel buffer *@out (kfree it).  With @allow_empty an empty
 * name, or a NULL @upath, gives "" (AT_EMPTY_PATH).  Returns 0, -EFAULT,
 * -ENAMETOOLONG, -ENOENT (empty) or -ENOMEM.
 */
int get_user_path(uaddr_t upath, bool allow_empty, char **out);

/*
 * get_file - the open file at @fd, refusing O_PATH descriptors as the
 * calls that do I/O must (-EBADF).  get_file_raw accepts them (fstat,
 * fchdir, dirfds).  Returns 0 or -EBADF.
 */
int get_file(int fd, struct file **out);
int get_file_raw(int fd, struct file **out);

/*
 * fd_path - the current directory for AT_FDCWD, else what @fd is open
 * on (any file type).  resolve_dirfd - the same, but the result must be a
 * directory (-ENOTDIR).  Both return 0 or -EBADF.
 */
int fd_path(int dirfd, struct path *out);
int resolve_dirfd(int dirfd, struct path *out);

/*
 * resolve_at - the directory @name is relative to: any base for an
 * absolute @name (@dirfd is then ignored, as Linux ignores it), else
 * resolve_dirfd(@dirfd).
 */
int resolve_at(int dirfd, const char *name, struct path *out);

/*
 * get_at - the common first step of the *at() calls: copy in @upath
 * (empty: -ENOENT) and resolve its base directory.  put_at releases both.
 */
int get_at(int dirfd, uaddr_t upath, struct path *base, char **name);
void put_at(struct path *base, char *name);

/*
 * path_to_name - the absolute name of directory @p, found by walking ".."
 * to the root and looking each directory up by inode number in its
 * parent (crossing mount points).  Writes it NUL-terminated to @buf of
 * @size bytes and returns its length, or -ENOENT (a removed directory),
 * -ENAMETOOLONG (does not fit), -ENOMEM, or a VFS error.
 */
int path_to_name(const struct path *p, char *buf, size_t size);

/* put_user_kstat - @st as a Linux x86_64 struct stat at @ustat. */
int put_user_kstat(uaddr_t ustat, const struct kstat *st);
