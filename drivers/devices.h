/*
 * drivers/devices.h: the character-device drivers behind /dev
 * (drivers/devices.c, mem.c, tty.c, vcs.c).
 *
 * Boot order: dev_drivers_init() registers the majors (and seeds the
 * CSPRNG); devfs_populate() (fs/devfs.h) then creates the nodes once
 * /dev is mounted.  Opening a node before its driver registered fails
 * with -ENXIO.
 */
#pragma once

/*
 * dev_drivers_init - seed the CSPRNG (crng_init) and register MEM_MAJOR,
 * TTY_MAJOR and TTYAUX_MAJOR.  Context: boot, after random_init() and
 * sched_init(); before anything opens a device.
 */
void	dev_drivers_init(void);

/* vcs_dev_init - major 7: the screen's text, /dev/vcs and vcs1 (vcs.c). */
void	vcs_dev_init(void);

/* mem_dev_init - MEM_MAJOR: null zero full random urandom kmsg (mem.c). */
void	mem_dev_init(void);

