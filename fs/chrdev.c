/*
 * fs/chrdev.c: the character-device table (fs/chrdev.h).
 * Locks: written only at boot, read-only afterwards.
 */
#include "fs/chrdev.h"
#include "kernel/errno.h"

static struct {
	const char *name;
	const struct file_ops *fops;
} majors[CHRDEV_MAX];

int
chrdev_register(unsigned int major, const char *name,
		const struct file_ops *fops)
{
	if (major == 0 || major >= CHRDEV_MAX || !fops)
		return -EINVAL;
	if (majors[major].fops)
		return -EBUSY;
	majors[major].name = name;
	majors[major].fops = fops;
	return 0;
}

const struct file_ops *
chrdev_fops(dev_t_k dev)
{
	unsigned int major = MAJOR(dev);

	return major < CHRDEV_MAX ? majors[major].fops : NULL;
}

const char *
chrdev_name(unsigned int major)
{
	return major < CHRDEV_MAX ? majors[major].name : NULL;
}
