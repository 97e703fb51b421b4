/*
 * kernel/sys_mount.c: mount(2), umount2(2), statfs(2) and fstatfs(2)
 * over the VFS's mount table (fs/vfs.c).  mount makes a new filesystem of a registered type ("tmpfs", "proc",
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
#include "kernel/string.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"

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

/* ---- statfs ------------------------------------------------------------- */

#define TMPFS_MAGIC		0x01021994
#define PROC_SUPER_MAGIC	0x9fa0
#define PIPEFS_MAGIC		0x50495045	/* pipes belong to no mount */
#define NAME_MAX_K		255

/* Linux's struct statfs on x86_64 (120 bytes). */
struct statfs_k {
	int64_t	 f_type, f_bsize;
	uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int32_t	 f_fsid[2];
	int64_t	 f_namelen, f_frsize, f_flags, f_spare[4];
};

/*
 * fill_statfs - the figures of the filesystem @m (NULL: a pipe): a tmpfs (and devtmpfs)
 * may grow until RAM runs out, so its size is the RAM the frame allocator
 * manages and its free space the free frames; proc holds no data.
 */
static void
fill_statfs(const struct mount *m, struct statfs_k *st)
{
	struct pmm_stats ps;
	bool proc = m && strcmp(m->sb->type->name, "proc") == 0;

	*st = (struct statfs_k){ .f_bsize = PAGE_SIZE, .f_frsize = PAGE_SIZE,
				 .f_namelen = NAME_MAX_K };
	if (!m) {
		st->f_type = PIPEFS_MAGIC;
		return;
	}
	st->f_fsid[0] = (int32_t)m->sb->dev;
	st->f_type = proc ? PROC_SUPER_MAGIC : TMPFS_MAGIC;
	if (proc)
		return;
	pmm_get_stats(&ps);
	st->f_blocks = ps.total_frames;
	st->f_bfree = st->f_bavail = ps.free_frames;
}

static long
put_statfs(const struct mount *m, uaddr_t ubuf)
{
	struct statfs_k st;

	fill_statfs(m, &st);
	return copy_to_user(ubuf, &st, sizeof(st)) < 0 ? -EFAULT : 0;
}

/* sys_statfs - statfs(2): the filesystem holding @upath. */
long
sys_statfs(long upath, long ubuf, long a2, long a3, long a4, long a5)
{
	struct path p;
	char *name;
	long err;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if ((err = get_user_path((uaddr_t)upath, false, &name)) < 0)
		return err;
	if ((err = vfs_lookup(&current_proc()->cwd, name, LOOKUP_FOLLOW,
			      &p)) == 0) {
		err = put_statfs(p.mnt, (uaddr_t)ubuf);
		path_put(&p);
	}
	kfree(name);
	return err;
}

/* sys_fstatfs - fstatfs(2): the filesystem of the file at @fd. */
long
sys_fstatfs(long fd, long ubuf, long a2, long a3, long a4, long a5)
{
	struct file *f;
	long err;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if ((err = get_file_raw((int)fd, &f)) < 0)
		return err;
	err = put_statfs(f->mnt, (uaddr_t)ubuf);
	file_put(f);
	return err;
}
