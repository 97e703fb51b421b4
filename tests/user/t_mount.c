/*
 * tests/user/t_mount.c: mount and umount2, sethostname, and the sync
 * family.  Mounting and renaming the host are Basalt-only tests: on the
 * Linux build host they need privileges and would change the host itself.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "tests/user/ut.h"

UTEST(sync_family)
{
	int fd, p[2];

	sync();
	CHECK_GE(fd = open("f", O_CREAT | O_RDWR, 0644), 0);
	OK(fsync(fd));
	OK(fdatasync(fd));
	OK(syncfs(fd));
	OK(pipe(p));
	CHECK_ERR(fsync(p[0]), EINVAL);
	CHECK_ERR(fsync(-1), EBADF);
	CHECK_ERR(syncfs(-1), EBADF);
	close(p[0]);
	close(p[1]);
	close(fd);
}

UTEST_BASALT(mount_tmpfs_then_umount)
{
	int fd;

	OK(mkdir("m", 0755));
	OK(mount("none", "m", "tmpfs", 0, NULL));
	CHECK_GE(fd = open("m/f", O_CREAT | O_RDWR, 0644), 0);
	CHECK_ERR(umount2("m", 0), EBUSY);		/* a file is open */
	close(fd);
	CHECK_ERR(mount("none", "m", "tmpfs", 0, NULL), EBUSY);
	CHECK_ERR(rename("m", "moved"), EBUSY);		/* a mount point */
	OK(umount2("m", 0));
	CHECK_ERR(access("m/f", F_OK), ENOENT);		/* the old dir again */
	OK(rmdir("m"));
}

UTEST_BASALT(mount_errors)
{
	OK(mkdir("m", 0755));
	CHECK_ERR(mount("none", "m", "nosuchfs", 0, NULL), ENODEV);
	CHECK_ERR(mount("none", "missing", "tmpfs", 0, NULL), ENOENT);
	CHECK_ERR(mount("none", "m", "tmpfs", MS_RDONLY, NULL), EINVAL);
	CHECK_ERR(mount("none", "m", "tmpfs", MS_BIND, NULL), EINVAL);
	CHECK_ERR(mount("none", "m", NULL, 0, NULL), EINVAL);
	CHECK_ERR(umount2("m", 0), EINVAL);		/* not a mount */
	CHECK_ERR(umount2("/", MNT_DETACH), EINVAL);
	OK(rmdir("m"));
}

UTEST_BASALT(mount_proc_elsewhere)
{
	char buf[64];
	int fd;

	OK(mkdir("p", 0755));
	OK(mount("proc", "p", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL));
	CHECK_GE(fd = open("p/uptime", O_RDONLY), 0);
	CHECK_GE(read(fd, buf, sizeof(buf)), 4);
	close(fd);
	OK(umount2("p", 0));
	OK(rmdir("p"));
}

UTEST_BASALT(sethostname_shows_in_uname)
{
	char long_name[80];
	struct utsname u;

	OK(sethostname("test-host", 9));
	OK(uname(&u));
	CHECK_STREQ(u.nodename, "test-host");
	memset(long_name, 'x', sizeof(long_name));
	CHECK_ERR(sethostname(long_name, 65), EINVAL);
	OK(sethostname("basalt", 6));
}

/* statfs names the filesystem's type as Linux does (proc's magic), gives
 * sizes in blocks, and fstatfs of a pipe answers too. */
UTEST(statfs_proc_root_and_pipe)
{
	struct statfs st;
	int p[2];

	OK(statfs("/proc", &st));
	CHECK_EQ(st.f_type, 0x9fa0);			/* PROC_SUPER_MAGIC */
	OK(statfs(".", &st));
	CHECK(st.f_bsize > 0 && st.f_blocks > 0);
	CHECK(st.f_bfree <= st.f_blocks);
	OK(pipe(p));
	OK(fstatfs(p[0], &st));
	CHECK_EQ(st.f_type, 0x50495045);		/* PIPEFS_MAGIC */
	CHECK_ERR(statfs("missing", &st), ENOENT);
	CHECK_ERR(fstatfs(-1, &st), EBADF);
	close(p[0]);
	close(p[1]);
}
