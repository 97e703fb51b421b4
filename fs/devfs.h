/*
 * fs/devfs.h: /dev (fs/devfs.c).
 *
 * /dev is a tmpfs instance, as Linux's devtmpfs is: devfs_fs_type
 * ("devtmpfs", declared in fs/vfs.h) mounts a fresh tmpfs, and
 * devfs_populate() creates the device nodes of the drivers in the tree
 * (drivers/devices.h) with Linux's numbers and permissions.  Users may
 * add, remove and rename nodes afterwards like in any tmpfs.
 */
#pragma once
#include "drivers/devices.h"	/* dev_drivers_init(): call it first */

/*
 * devfs_populate - create the standard nodes in /dev: null zero full
 * random urandom kmsg tty console tty1 ttyS0.  A node that cannot be
 * made is logged and skipped (an existing one is left alone).
 * Context: boot thread, after /dev is mounted; may sleep.
 */
void	devfs_populate(void);
