/*
 * drivers/screen.h: private to the screen consoles.
 *
 * drivers/screen.c owns the one screen VT and its cell grid and registers
 * the console; a backend checks the boot framebuffer, takes over the
 * hardware and attaches its struct vt_ops to that VT.  Only one backend is
 * ever active.  Everything here runs once, at boot, on the boot CPU.
 */
#pragma once
#include "drivers/vt.h"

struct boot_framebuffer;

/*
 * fbcon_setup - take over the linear RGB framebuffer @fb (16, 24 or 32
 * bpp, entirely inside the early direct map): blank it and vt_init() @vt
 * on @cells, which has room for @ncells cells, with as many 8x16 text
 * cells as fit on the screen and in @cells.  Returns 0, or -ENODEV if @fb
 * cannot be used.  Draws no text.  Context: boot.
 */
int	fbcon_setup(const struct boot_framebuffer *fb, struct vt *vt,
		    struct vt_cell *cells, size_t ncells);

/*
 * vgacon_setup - take over the VGA colour text buffer at 0xB8000 that @fb
 * (type BOOT_FB_EGA_TEXT) describes, and vt_init() @vt on @cells (room for
 * @ncells).  Returns 0, or -ENODEV if @fb describes no usable text mode.
 * Draws nothing.  Context: boot.
 */
int	vgacon_setup(const struct boot_framebuffer *fb, struct vt *vt,
		     struct vt_cell *cells, size_t ncells);
