/*
 * kernel/systab_fs.c: the table fragment of the file-system families,
 * kernel/sys_file.c and kernel/sys_fs.c (kernel/syscall.c merges the
 * fragments).
 */
#include "kernel/sys.h"
#include "kernel/syscall.h"
#include "kernel/unistd_nr.h"

#define S(fn) ((syscall_fn)(fn))

const syscall_fn systab_fs[SYSCALL_MAX] = {
	/* kernel/sys_file.c */
	[__NR_read] = S(sys_read),
	[__NR_write] = S(sys_write),
	[__NR_pread64] = S(sys_pread64),
	[__NR_pwrite64] = S(sys_pwrite64),
	[__NR_readv] = S(sys_readv),
	[__NR_writev] = S(sys_writev),
	[__NR_preadv] = S(sys_preadv),
	[__NR_pwritev] = S(sys_pwritev),
	[__NR_lseek] = S(sys_lseek),
	[__NR_ioctl] = S(sys_ioctl),
	[__NR_fstat] = S(sys_fstat),
	[__NR_getdents64] = S(sys_getdents64),
	[__NR_open] = S(sys_open),
	[__NR_openat] = S(sys_openat),
	[__NR_creat] = S(sys_creat),
	[__NR_close] = S(sys_close),
	[__NR_dup] = S(sys_dup),
	[__NR_dup2] = S(sys_dup2),
	[__NR_dup3] = S(sys_dup3),
	[__NR_fcntl] = S(sys_fcntl),
	/* kernel/sys_fs.c */
	[__NR_stat] = S(sys_stat),
	[__NR_lstat] = S(sys_lstat),
	[__NR_newfstatat] = S(sys_newfstatat),
	[__NR_statx] = S(sys_statx),
	[__NR_mkdir] = S(sys_mkdir),
	[__NR_mkdirat] = S(sys_mkdirat),
	[__NR_mknod] = S(sys_mknod),
	[__NR_mknodat] = S(sys_mknodat),
	[__NR_rmdir] = S(sys_rmdir),
	[__NR_unlink] = S(sys_unlink),
	[__NR_unlinkat] = S(sys_unlinkat),
	[__NR_rename] = S(sys_rename),
	[__NR_renameat] = S(sys_renameat),
	[__NR_renameat2] = S(sys_renameat2),
	[__NR_link] = S(sys_link),
	[__NR_linkat] = S(sys_linkat),
	[__NR_symlink] = S(sys_symlink),
	[__NR_symlinkat] = S(sys_symlinkat),
	/* kernel/sys_mount.c */
	[__NR_mount] = S(sys_mount),
	[__NR_umount2] = S(sys_umount2),
	[__NR_statfs] = S(sys_statfs),
	[__NR_fstatfs] = S(sys_fstatfs),
	/* kernel/sys_utime.c */
	[__NR_utimensat] = S(sys_utimensat),
	[__NR_futimesat] = S(sys_futimesat),
	[__NR_utimes] = S(sys_utimes),
	[__NR_utime] = S(sys_utime),
	/* kernel/sys_sync.c */
	[__NR_sync] = S(sys_sync),
	[__NR_syncfs] = S(sys_syncfs),
	[__NR_fsync] = S(sys_fsync),
	[__NR_fdatasync] = S(sys_fdatasync),
	[__NR_readlink] = S(sys_readlink),
	[__NR_readlinkat] = S(sys_readlinkat),
	[__NR_access] = S(sys_access),
	[__NR_faccessat] = S(sys_faccessat),
	[__NR_faccessat2] = S(sys_faccessat2),
	[__NR_chmod] = S(sys_chmod),
	[__NR_fchmod] = S(sys_fchmod),
	[__NR_fchmodat] = S(sys_fchmodat),
	[__NR_umask] = S(sys_umask),
	[__NR_truncate] = S(sys_truncate),
	[__NR_ftruncate] = S(sys_ftruncate),
	[__NR_chdir] = S(sys_chdir),
	[__NR_fchdir] = S(sys_fchdir),
	[__NR_getcwd] = S(sys_getcwd),
};
