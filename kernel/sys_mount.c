/*
 * kernel/sys_mount.c: mount(2) and umount2(2) over the VFS's mount table
 * (fs/vfs.c): a new filesystem of a registered type ("tmpfs", "proc",
 * "devtmpfs", see /proc/filesystems) on an empty, unmounted directory.
 *
 * Partial, and honest about it: the per-mount flags Linux enforces
 * (nosuid, nodev, noexec, noatime) are accepted and not enforced; a
 * read-only mount, remount, bind and move mounts are refused with
 * EINVAL; mount data (options) is ignored.  umount2 takes no flags
 * (lazy and forced unmounts are EINVAL).  Everyone is root, so there is
 * no EPERM.
 */
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/sys.h"
#include "kernel/sys_util.h"
#include "kernel/uaccess.h"
#include "mm/kmalloc.h"

#define MS_RDONLY	0x1
#define MS_NOSUID	0x2
#define MS_NODEV	0x4
#define MS_NOEXEC	0x8
#define MS_NOATIME	0x400
#define MS_NODIRATIME	0x800
#define MS_SILENT	0x8000
#define MS_RELATIME	0x200000
#define MS_MGC_MSK	0xffff0000u	/* the old magic number... */
#define MS_MGC_VAL	0xc0ed0000u	/* ...which is ignored */
#define MS_IGNORED	(MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | \
			 MS_NODIRATIME | MS_SILENT | MS_RELATIME)
#define FSTYPE_MAX	32

/* sys_mount - mount(2): @fstype from @source (may be NULL) on @target. */
long
sys_mount(long usource, long utarget, long utype, long flags, long udata,
	  long a5)
{
	char fstype[FSTYPE_MAX], *source = NULL, *target;
	unsigned long f = (unsigned long)flags;
	long err;

	(void)udata, (void)a5;
	if ((f & MS_MGC_MSK) == MS_MGC_VAL)
		f &= ~(unsigned long)MS_MGC_MSK;
	if (f & ~(unsigned long)MS_IGNORED)
		return -EINVAL;		/* ro, remount, bind, move, propagation */
	if (!utype)
		return -EINVAL;
	if ((err = strncpy_from_user(fstype, (uaddr_t)utype, sizeof(fstype))) < 0)
		return err == -ENAMETOOLONG ? -ENODEV : err;
	if ((err = get_user_path((uaddr_t)usource, true, &source)) < 0)
		return err;
	if ((err = get_user_path((uaddr_t)utarget, false, &target)) == 0) {
		err = vfs_mount(&current_proc()->cwd, *source ? source : "none",
				target, fstype);
		kfree(target);
	}
	kfree(source);
	return err;
}

/* sys_umount2 - umount2(2) with no flags: detach an unused mount. */
long
sys_umount2(long utarget, long flags, long a2, long a3, long a4, long a5)
{
	char *target;
	long err;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if (flags != 0)
		return -EINVAL;
	if ((err = get_user_path((uaddr_t)utarget, false, &target)) < 0)
		return err;
	err = vfs_umount(&current_proc()->cwd, target);
	kfree(target);
	return err;
}
