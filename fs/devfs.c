/*
 * fs/devfs.c: /dev as a tmpfs (fs/devfs.h).
 *
 * devfs_fs_type is a thin alias of tmpfs_fs_type under the name
 * "devtmpfs" (what Linux shows in /proc/mounts); the nodes come from
 * devfs_populate(), not from drivers registering, so a driver without
 * a node here is reached only through mknod.
 */
#include "fs/chrdev.h"
#include "fs/devfs.h"
#include "kernel/errno.h"
#include "kernel/printk.h"

/* The nodes, as Linux numbers them; modes as devtmpfs + udev leave them. */
static const struct {
	const char	*path;
	mode_t_k	 perm;
	unsigned int	 major, minor;
} devfs_nodes[] = {
	{ "/dev/null",		0666, MEM_MAJOR,	3 },
	{ "/dev/zero",		0666, MEM_MAJOR,	5 },
	{ "/dev/full",		0666, MEM_MAJOR,	7 },
	{ "/dev/random",	0666, MEM_MAJOR,	8 },
	{ "/dev/urandom",	0666, MEM_MAJOR,	9 },
	{ "/dev/kmsg",		0644, MEM_MAJOR,	11 },
	{ "/dev/tty",		0666, TTYAUX_MAJOR,	0 },
	{ "/dev/console",	0600, TTYAUX_MAJOR,	1 },
	{ "/dev/tty1",		0620, TTY_MAJOR,	1 },
	{ "/dev/ttyS0",		0660, TTY_MAJOR,	64 },
	{ "/dev/vcs",		0620, VCS_MAJOR,	0 },
	{ "/dev/vcs1",		0620, VCS_MAJOR,	1 },
};

/* devfs_mount - a new tmpfs, reported as devtmpfs. */
static int
devfs_mount(const char *source, struct superblock **out)
{
	int err = tmpfs_fs_type.mount(source, out);

	if (err == 0)
		(*out)->type = &devfs_fs_type;
	return err;
}

/* devfs_kill - tmpfs's teardown, when it has one. */
static void
devfs_kill(struct superblock *sb)
{
	if (tmpfs_fs_type.kill)
		tmpfs_fs_type.kill(sb);
}

struct fs_type devfs_fs_type = {
	.name	= "devtmpfs",
	.mount	= devfs_mount,
	.kill	= devfs_kill,
};

/* devfs_populate - see devfs.h.  Context: boot thread; may sleep. */
void
devfs_populate(void)
{
	struct path root;
	int err;

	vfs_root(&root);
	for (size_t i = 0; i < ARRAY_SIZE(devfs_nodes); i++) {
		err = vfs_mknod(&root, devfs_nodes[i].path,
				S_IFCHR | devfs_nodes[i].perm,
				MKDEV(devfs_nodes[i].major,
				      devfs_nodes[i].minor));
		if (err < 0 && err != -EEXIST)
			pr_warn("devfs: cannot create %s: %d\n",
				devfs_nodes[i].path, err);
	}
	path_put(&root);
}
