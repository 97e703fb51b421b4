/*
 * drivers/keymap.c: scancode set 1 to terminal bytes (drivers/keymap.h).
 *
 * Pure code shared with the host unit tests.  A set-1 scancode byte is a
 * key number in bits 0-6 and "released" in bit 7; E0 in front selects a
 * second bank of keys (the grey navigation block, right Ctrl and Alt,
 * keypad Enter and /), and E1 starts the Pause key's two-byte groups,
 * which have no break code of their own.
 */
#include "drivers/keymap.h"

/* Scancode set 1 bytes and key numbers. */
#define SC_ERROR	0x00	/* key detection error or buffer overrun */
#define SC_OVERRUN	0xff
#define SC_EXTENDED	0xe0
#define SC_PAUSE	0xe1	/* Pause: E1 1D 45 E1 9D C5 */
#define SC_PAUSE_LEN	2	/* bytes after each E1 */
#define SC_BREAK	0x80
#define SC_TAB		0x0f
#define SC_ENTER	0x1c	/* E0: keypad Enter */
#define SC_CTRL		0x1d	/* E0: right Ctrl */
#define SC_LSHIFT	0x2a	/* E0: fake shift */
#define SC_SLASH	0x35	/* E0: keypad / */
#define SC_RSHIFT	0x36	/* E0: fake shift */
#define SC_KPSTAR	0x37	/* first key after the main block */
#define SC_ALT		0x38	/* E0: right Alt */
#define SC_CAPS		0x3a
#define SC_F1		0x3b	/* F1-F10 are 0x3b-0x44 */
#define SC_F10		0x44
#define SC_NUM		0x45
#define SC_SCROLL	0x46
#define SC_KP7		0x47	/* keypad 7 (Home) .. keypad . (Delete) */
#define SC_KP5		0x4c
#define SC_KPDOT	0x53
#define SC_F11		0x57
#define SC_F12		0x58

/* struct keymap.mods bits. */
#define KM_MOD_LSHIFT	0x01
#define KM_MOD_RSHIFT	0x02
#define KM_MOD_LCTRL	0x04
#define KM_MOD_RCTRL	0x08
#define KM_MOD_LALT	0x10
#define KM_MOD_RALT	0x20
#define KM_MOD_SHIFT	(KM_MOD_LSHIFT | KM_MOD_RSHIFT)
#define KM_MOD_CTRL	(KM_MOD_LCTRL | KM_MOD_RCTRL)
#define KM_MOD_ALT	(KM_MOD_LALT | KM_MOD_RALT)

#define ESC	'\033'
#define DEL	'\177'
#define CSI	"\033["
#define SS3	"\033O"

/*
 * The US layout, by key number (not E0-prefixed); 0 = no character.
 * Keypad keys carry their digits; Num Lock off turns them into cursor
 * keys (nav_seq).
 */
static const char map_plain[SC_F12 + 1] = {
	/* 0x00 */ 0,    ESC,  '1',  '2',  '3',  '4', '5',  '6',
	/* 0x08 */ '7',  '8',  '9',  '0',  '-',  '=', DEL,  '\t',
	/* 0x10 */ 'q',  'w',  'e',  'r',  't',  'y', 'u',  'i',
	/* 0x18 */ 'o',  'p',  '[',  ']',  '\r', 0,   'a',  's',
	/* 0x20 */ 'd',  'f',  'g',  'h',  'j',  'k', 'l',  ';',
	/* 0x28 */ '\'', '`',  0,    '\\', 'z',  'x', 'c',  'v',
	/* 0x30 */ 'b',  'n',  'm',  ',',  '.',  '/', 0,    '*',
	/* 0x38 */ 0,    ' ',  0,    0,    0,    0,   0,    0,
	/* 0x40 */ 0,    0,    0,    0,    0,    0,   0,    '7',
	/* 0x48 */ '8',  '9',  '-',  '4',  '5',  '6', '+',  '1',
	/* 0x50 */ '2',  '3',  '0',  '.',
};

static const char map_shift[SC_F12 + 1] = {
	/* 0x00 */ 0,    ESC,  '!',  '@',  '#',  '$', '%',  '^',
	/* 0x08 */ '&',  '*',  '(',  ')',  '_',  '+', DEL,  '\t',
	/* 0x10 */ 'Q',  'W',  'E',  'R',  'T',  'Y', 'U',  'I',
	/* 0x18 */ 'O',  'P',  '{',  '}',  '\r', 0,   'A',  'S',
	/* 0x20 */ 'D',  'F',  'G',  'H',  'J',  'K', 'L',  ':',
	/* 0x28 */ '"',  '~',  0,    '|',  'Z',  'X', 'C',  'V',
	/* 0x30 */ 'B',  'N',  'M',  '<',  '>',  '?', 0,    '*',
	/* 0x38 */ 0,    ' ',  0,    0,    0,    0,   0,    0,
	/* 0x40 */ 0,    0,    0,    0,    0,    0,   0,    '7',
	/* 0x48 */ '8',  '9',  '-',  '4',  '5',  '6', '+',  '1',
	/* 0x50 */ '2',  '3',  '0',  '.',
};

/* Keys 0x47-0x53 as cursor keys (E0-prefixed, or keypad with Num Lock off). */
static const char *const nav_seq[SC_KPDOT - SC_KP7 + 1] = {
	CSI "H",  CSI "A", CSI "5~", NULL,	/* Home Up PgUp (keypad -) */
	CSI "D",  NULL,    CSI "C",  NULL,	/* Left (keypad 5) Right (+) */
	CSI "F",  CSI "B", CSI "6~",		/* End Down PgDn */
	CSI "2~", CSI "3~",			/* Insert Delete */
};

/* F1-F12 as xterm sends them. */
static const char *const fkey_seq[12] = {
	SS3 "P",   SS3 "Q",   SS3 "R",   SS3 "S",
	CSI "15~", CSI "17~", CSI "18~", CSI "19~",
	CSI "20~", CSI "21~", CSI "23~", CSI "24~",
};

/* keymap_init - see keymap.h.  Context: pure. */
void
keymap_init(struct keymap *km)
{
	*km = (struct keymap){0};
}

/* put_seq - copy the escape sequence @seq to @out; returns its length. */
static size_t
put_seq(char *out, const char *seq)
{
	size_t n = 0;

	while (seq[n] != '\0' && n < KEYMAP_OUT_MAX) {
		out[n] = seq[n];
		n++;
	}
	return n;
}

/* put_char - @c, after ESC when Alt is held; returns the length. */
static size_t
put_char(const struct keymap *km, char c, char *out)
{
	size_t n = 0;

	if (km->mods & KM_MOD_ALT)
		out[n++] = ESC;
	out[n++] = c;
	return n;
}

/* modifier_bit - the KM_MOD_* bit of key @code (@ext: after E0), or 0. */
static uint8_t
modifier_bit(uint8_t code, bool ext)
{
	if (code == SC_CTRL)
		return ext ? KM_MOD_RCTRL : KM_MOD_LCTRL;
	if (code == SC_ALT)
		return ext ? KM_MOD_RALT : KM_MOD_LALT;
	if (ext)
		return 0;
	if (code == SC_LSHIFT)
		return KM_MOD_LSHIFT;
	if (code == SC_RSHIFT)
		return KM_MOD_RSHIFT;
	return 0;
}

/* lock_bit - the KEYMAP_LED_* bit of lock key @code, or 0. */
static uint8_t
lock_bit(uint8_t code, bool ext)
{
	if (ext)
		return 0;	/* E0 46 is Ctrl+Break, not Scroll Lock */
	if (code == SC_CAPS)
		return KEYMAP_LED_CAPS;
	if (code == SC_NUM)
		return KEYMAP_LED_NUM;
	if (code == SC_SCROLL)
		return KEYMAP_LED_SCROLL;
	return 0;
}

/*
 * lock_key - a lock key went down (@make) or up.  A lock toggles when its
 * key goes down, not on the typematic repeats while it is held.
 */
static void
lock_key(struct keymap *km, uint8_t bit, bool make)
{
	if (!make) {
		km->locks_held &= ~bit;
		return;
	}
	if (km->locks_held & bit)
		return;
	km->locks_held |= bit;
	km->locks ^= bit;
	km->leds_changed = true;
}

/*
 * ctrl_char - what Ctrl with the main-block key whose unshifted character
 * is @base sends; @c (the character without Ctrl) when Ctrl adds nothing.
 */
static char
ctrl_char(char base, char c)
{
	if (base >= 'a' && base <= 'z')
		return base & 0x1f;
	switch (base) {
	case '[':	/* 0x1b */
	case '\\':	/* 0x1c */
	case ']':	/* 0x1d */
		return base & 0x1f;
	case ' ':
	case '2':	/* Ctrl-@ */
		return 0;
	case '6':	/* Ctrl-^ */
		return 0x1e;
	case '-':	/* Ctrl-_ */
	case '/':
		return 0x1f;
	}
	return c;
}

/* key_char - the character of key @code, which has one, under the mods. */
static char
key_char(const struct keymap *km, uint8_t code)
{
	char base = map_plain[code];
	bool shift = (km->mods & KM_MOD_SHIFT) != 0;
	char c;

	if (base >= 'a' && base <= 'z' && (km->locks & KEYMAP_LED_CAPS))
		shift = !shift;
	c = shift ? map_shift[code] : base;
	if ((km->mods & KM_MOD_CTRL) && code < SC_KPSTAR)
		return ctrl_char(base, c);
	return c;
}

/* fkey - the sequence of function key @code, or NULL. */
static const char *
fkey(uint8_t code)
{
	if (code >= SC_F1 && code <= SC_F10)
		return fkey_seq[code - SC_F1];
	if (code == SC_F11 || code == SC_F12)
		return fkey_seq[10 + code - SC_F11];
	return NULL;
}

/* key_plain - a key without E0 went down: its bytes into @out. */
static size_t
key_plain(const struct keymap *km, uint8_t code, char *out)
{
	bool num = (km->locks & KEYMAP_LED_NUM) != 0;
	bool shift = (km->mods & KM_MOD_SHIFT) != 0;
	const char *seq;

	/* Shift inverts Num Lock on the keypad, as on a PC. */
	if (code >= SC_KP7 && code <= SC_KPDOT && num == shift) {
		if ((seq = nav_seq[code - SC_KP7]) != NULL)
			return put_seq(out, seq);
		if (code == SC_KP5)
			return 0;
	}
	if ((seq = fkey(code)) != NULL)
		return put_seq(out, seq);
	if (code == SC_TAB && shift)
		return put_seq(out, CSI "Z");	/* back-tab, as xterm */
	if (code >= sizeof(map_plain) || map_plain[code] == 0)
		return 0;
	return put_char(km, key_char(km, code), out);
}

/* key_extended - an E0-prefixed key went down: its bytes into @out. */
static size_t
key_extended(const struct keymap *km, uint8_t code, char *out)
{
	if (code == SC_ENTER)
		return put_char(km, '\r', out);
	if (code == SC_SLASH)
		return put_char(km, '/', out);
	if (code >= SC_KP7 && code <= SC_KPDOT && nav_seq[code - SC_KP7])
		return put_seq(out, nav_seq[code - SC_KP7]);
	/*
	 * Nothing for the Windows and Menu keys, Print Screen, Ctrl+Break,
	 * and the fake shifts (E0 2A, E0 36) an 8042 sends around grey keys.
	 */
	return 0;
}

/*
 * keymap_feed - see keymap.h.  Writes at most KEYMAP_OUT_MAX bytes to
 * @out.  Context: pure.
 */
size_t
keymap_feed(struct keymap *km, uint8_t sc, char *out)
{
	bool ext, make;
	uint8_t code, bit;

	if (km->skip > 0) {
		km->skip--;
		return 0;
	}
	if (sc == SC_EXTENDED) {
		km->extended = true;
		return 0;
	}
	ext = km->extended;
	km->extended = false;
	if (sc == SC_PAUSE) {
		km->skip = SC_PAUSE_LEN;
		return 0;
	}
	if (sc == SC_ERROR || sc == SC_OVERRUN)
		return 0;
	make = !(sc & SC_BREAK);
	code = sc & ~SC_BREAK;
	if ((bit = modifier_bit(code, ext)) != 0) {
		km->mods = make ? km->mods | bit : km->mods & ~bit;
		return 0;
	}
	if ((bit = lock_bit(code, ext)) != 0) {
		lock_key(km, bit, make);
		return 0;
	}
	if (!make)
		return 0;
	return ext ? key_extended(km, code, out) : key_plain(km, code, out);
}

/* keymap_led_update - see keymap.h.  Context: pure. */
bool
keymap_led_update(struct keymap *km, uint8_t *leds)
{
	if (!km->leds_changed)
		return false;
	km->leds_changed = false;
	*leds = km->locks;
	return true;
}
