/*
 * drivers/ps2kbd.h: the PS/2 keyboard behind an 8042 controller
 * (drivers/ps2kbd.c).  Keys are decoded by drivers/keymap.c and queued
 * on INPUT_KEYBOARD (drivers/input.h).
 */
#pragma once

/*
 * ps2kbd_init - test the 8042 controller and its first port, reset the
 * keyboard, turn on scancode translation (the keyboard's set 2 arrives as
 * set 1) and take IRQ 1.  Every wait is bounded, so a machine without an
 * 8042 costs a fraction of a second, not a hang.  Returns 0; -ENODEV when
 * there is no controller or no keyboard; -EIO when the keyboard refuses a
 * command; or irq_register()'s error.  Context: boot, interrupts off,
 * after the interrupt controllers are up.
 */
int	ps2kbd_init(void);
