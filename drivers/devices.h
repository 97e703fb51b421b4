/*
 * drivers/devices.h: the character-device drivers behind /dev
 * (drivers/devices.c, mem.c, ttydev.c).
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

/* mem_dev_init - MEM_MAJOR: null zero full random urandom kmsg (mem.c). */
void	mem_dev_init(void);

/*
 * ttydev_init - TTY_MAJOR (tty1, ttyS0) and TTYAUX_MAJOR (tty, console),
 * minimal terminals until the TTY layer (ttydev.c).
 */
void	ttydev_init(void);
