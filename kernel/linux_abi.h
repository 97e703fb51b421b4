/*
 * kernel/linux_abi.h: structures and constants of the Linux x86_64
 * system-call ABI used by the file-system calls (kernel/sys_file.c,
 * kernel/sys_fs.c).  Layouts are exactly Linux's: user programs read them
 * byte for byte, so each structure's size is asserted.
 *
 * The O_* flags the VFS itself understands are in fs/vfs.h; the ones here
 * only pass through the system-call layer.
 */
#pragma once
#include "kernel/types.h"

/* *at() directory and flags (linux/fcntl.h). */
#define AT_FDCWD		(-100)
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_EACCESS		0x200	/* faccessat2 */
#define AT_REMOVEDIR		0x200	/* unlinkat */
#define AT_SYMLINK_FOLLOW	0x400	/* linkat */
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000
#define AT_STATX_SYNC_TYPE	0x6000	/* FORCE_SYNC | DONT_SYNC */

/* access modes */
#define F_OK			0
#define X_OK			1
#define W_OK			2
#define R_OK			4

/* fcntl commands and descriptor flags */
#define F_DUPFD			0
#define F_GETFD			1
#define F_SETFD			2
#define F_GETFL			3
#define F_SETFL			4
#define F_DUPFD_CLOEXEC		1030
#define FD_CLOEXEC		1

/* open flags the VFS does not interpret (x86_64 values) */
#define O_DSYNC_ABI		00010000
#define O_ASYNC_ABI		00020000
#define O_DIRECT_ABI		00040000
#define O_LARGEFILE_ABI		00100000	/* forced on by 64-bit Linux */
#define O_NOATIME_ABI		01000000
#define O_TMPFILE_ABI		020000000	/* __O_TMPFILE */

/* generic ioctls (asm-generic/ioctls.h) */
#define FIONREAD		0x541b
#define FIONBIO			0x5421
#define FIONCLEX		0x5450
#define FIOCLEX			0x5451

#define SEEK_MAX		4		/* SEEK_HOLE */
#define UIO_MAXIOV		1024		/* IOV_MAX */
#define MAX_RW_COUNT		0x7ffff000ul	/* INT_MAX & PAGE_MASK */

/* struct iovec */
struct linux_iovec {
	uint64_t	 base;			/* user address */
	uint64_t	 len;
};
_Static_assert(sizeof(struct linux_iovec) == 16, "struct iovec");

/* struct stat as x86_64 lays it out (arch/x86/include/uapi/asm/stat.h). */
struct linux_stat {
	uint64_t	 st_dev;
	uint64_t	 st_ino;
	uint64_t	 st_nlink;
	uint32_t	 st_mode;
	uint32_t	 st_uid;
	uint32_t	 st_gid;
	int32_t		 __pad0;
	uint64_t	 st_rdev;
	int64_t		 st_size;
	int64_t		 st_blksize;
	int64_t		 st_blocks;
	int64_t		 st_atime;
	int64_t		 st_atime_nsec;
	int64_t		 st_mtime;
	int64_t		 st_mtime_nsec;
	int64_t		 st_ctime;
	int64_t		 st_ctime_nsec;
	int64_t		 __reserved[3];
};
_Static_assert(sizeof(struct linux_stat) == 144, "struct stat (x86_64)");

/* statx (linux/stat.h) */
#define STATX_TYPE		0x001
#define STATX_MODE		0x002
#define STATX_NLINK		0x004
#define STATX_UID		0x008
#define STATX_GID		0x010
#define STATX_ATIME		0x020
#define STATX_MTIME		0x040
#define STATX_CTIME		0x080
#define STATX_INO		0x100
#define STATX_SIZE		0x200
#define STATX_BLOCKS		0x400
#define STATX_BASIC_STATS	0x7ff
#define STATX__RESERVED		0x80000000u

struct linux_statx_timestamp {
	int64_t		 tv_sec;
	uint32_t	 tv_nsec;
	int32_t		 __reserved;
};

struct linux_statx {
	uint32_t	 stx_mask;
	uint32_t	 stx_blksize;
	uint64_t	 stx_attributes;
	uint32_t	 stx_nlink;
	uint32_t	 stx_uid;
	uint32_t	 stx_gid;
	uint16_t	 stx_mode;
	uint16_t	 __spare0;
	uint64_t	 stx_ino;
	uint64_t	 stx_size;
	uint64_t	 stx_blocks;
	uint64_t	 stx_attributes_mask;
	struct linux_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t	 stx_rdev_major;
	uint32_t	 stx_rdev_minor;
	uint32_t	 stx_dev_major;
	uint32_t	 stx_dev_minor;
	uint64_t	 stx_mnt_id;
	uint32_t	 stx_dio_mem_align;
	uint32_t	 stx_dio_offset_align;
	uint64_t	 __spare3[12];
};
_Static_assert(sizeof(struct linux_statx) == 256, "struct statx");
_Static_assert(__builtin_offsetof(struct linux_statx, stx_atime) == 0x40,
	       "statx timestamps");
_Static_assert(__builtin_offsetof(struct linux_statx, stx_rdev_major) == 0x80,
	       "statx device numbers");

/* struct linux_dirent64 (getdents64); records are 8-byte aligned. */
struct linux_dirent64 {
	uint64_t	 d_ino;
	int64_t		 d_off;			/* cookie of the next entry */
	uint16_t	 d_reclen;
	uint8_t		 d_type;
	char		 d_name[];
};
_Static_assert(__builtin_offsetof(struct linux_dirent64, d_name) == 19,
	       "struct linux_dirent64");
