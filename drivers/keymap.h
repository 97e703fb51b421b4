/*
 * drivers/keymap.h: scancode set 1 to terminal bytes (drivers/keymap.c).
 *
 * A pure decoder, shared by the PS/2 keyboard driver and the host unit
 * tests.  It is fed the bytes an 8042 delivers with translation on (scancode
 * set 1), one at a time, and produces what a US-layout VT100/xterm keyboard
 * sends: characters, control characters (Ctrl-C = 0x03), ESC + key for Alt,
 * and escape sequences for the special keys (Up = ESC [ A, Delete =
 * ESC [ 3 ~, F1 = ESC O P, F5 = ESC [ 1 5 ~).  Enter sends '\r' and
 * Backspace 0x7f, as the Linux console does.
 *
 * It tracks the E0 prefix, both Shift, Ctrl and Alt keys, and Caps, Num
 * and Scroll Lock.  The E1 (Pause) sequence and the fake shifts an 8042
 * wraps around some extended keys (E0 2A, E0 36) are ignored.
 *
 * Context: pure; one struct keymap per keyboard, not shared.
 */
#pragma once
#include "kernel/types.h"

#define KEYMAP_OUT_MAX	8	/* bytes one scancode byte can produce */

/* Lock states, with the bits of the keyboard's Set LEDs (0xED) command. */
#define KEYMAP_LED_SCROLL	0x01
#define KEYMAP_LED_NUM		0x02
#define KEYMAP_LED_CAPS		0x04

struct keymap {
	uint8_t	mods;		/* KM_MOD_* (keymap.c): modifiers held */
	uint8_t	locks;		/* KEYMAP_LED_*: lock states */
	uint8_t	locks_held;	/* KEYMAP_LED_*: lock keys held down */
	uint8_t	skip;		/* bytes left of an E1 sequence */
	bool	extended;	/* the last byte was E0 */
	bool	leds_changed;	/* locks changed since keymap_led_update() */
};

/* keymap_init - no key held, every lock off (as after a keyboard reset). */
void	keymap_init(struct keymap *km);

/*
 * keymap_feed - decode the scancode byte @sc.  Writes the bytes the key
 * sends, at most KEYMAP_OUT_MAX, to @out and returns how many: 0 for a
 * prefix, a key release, a modifier or lock key, or an unknown key.
 */
size_t	keymap_feed(struct keymap *km, uint8_t sc, char *out);

/*
 * keymap_led_update - whether the lock states changed since the last call;
 * if so, stores them (KEYMAP_LED_* bits) in *@leds.
 */
bool	keymap_led_update(struct keymap *km, uint8_t *leds);
