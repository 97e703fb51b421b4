/*
 * tests/host/keymap_test.c: the scancode set 1 decoder (drivers/keymap.c).
 *
 * Scancodes are fed as an 8042 with translation delivers them; the bytes
 * produced are compared with what a US xterm keyboard sends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/keymap.h"
#include "tests/host/htest.h"

#define BREAK	0x80
#define E0	0xe0
#define LSHIFT	0x2a
#define RSHIFT	0x36
#define CTRL	0x1d
#define ALT	0x38
#define CAPS	0x3a
#define NUM	0x45

/* Everything @n scancodes produce, concatenated (a static buffer). */
static const char *
feed_n(struct keymap *km, const uint8_t *sc, size_t n, size_t *lenp)
{
	static char buf[256];
	size_t len = 0;

	for (size_t i = 0; i < n; i++) {
		char out[KEYMAP_OUT_MAX];
		size_t got = keymap_feed(km, sc[i], out);

		if (!EXPECT_TRUE(got <= KEYMAP_OUT_MAX) ||
		    !EXPECT_TRUE(len + got < sizeof(buf)))
			break;
		memcpy(buf + len, out, got);
		len += got;
	}
	buf[len] = '\0';
	if (lenp)
		*lenp = len;
	return buf;
}

#define SC(...)	(const uint8_t[]){__VA_ARGS__}
#define FEED(km, ...)                                                          \
	feed_n((km), SC(__VA_ARGS__), sizeof(SC(__VA_ARGS__)), NULL)

/* A press and release of key @code (without E0). */
static const char *
tap(struct keymap *km, uint8_t code)
{
	return FEED(km, code, code | BREAK);
}

/* A press and release of E0-prefixed key @code. */
static const char *
tap_e0(struct keymap *km, uint8_t code)
{
	return FEED(km, E0, code, E0, code | BREAK);
}

static struct keymap
fresh(void)
{
	struct keymap km;

	keymap_init(&km);
	return km;
}

/* The main block: scancode, plain and shifted character. */
static const struct {
	uint8_t sc;
	char plain, shifted;
} us_keys[] = {
	{0x02, '1', '!'},  {0x03, '2', '@'},  {0x04, '3', '#'},
	{0x05, '4', '$'},  {0x06, '5', '%'},  {0x07, '6', '^'},
	{0x08, '7', '&'},  {0x09, '8', '*'},  {0x0a, '9', '('},
	{0x0b, '0', ')'},  {0x0c, '-', '_'},  {0x0d, '=', '+'},
	{0x10, 'q', 'Q'},  {0x11, 'w', 'W'},  {0x12, 'e', 'E'},
	{0x13, 'r', 'R'},  {0x14, 't', 'T'},  {0x15, 'y', 'Y'},
	{0x16, 'u', 'U'},  {0x17, 'i', 'I'},  {0x18, 'o', 'O'},
	{0x19, 'p', 'P'},  {0x1a, '[', '{'},  {0x1b, ']', '}'},
	{0x1e, 'a', 'A'},  {0x1f, 's', 'S'},  {0x20, 'd', 'D'},
	{0x21, 'f', 'F'},  {0x22, 'g', 'G'},  {0x23, 'h', 'H'},
	{0x24, 'j', 'J'},  {0x25, 'k', 'K'},  {0x26, 'l', 'L'},
	{0x27, ';', ':'},  {0x28, '\'', '"'}, {0x29, '`', '~'},
	{0x2b, '\\', '|'}, {0x2c, 'z', 'Z'},  {0x2d, 'x', 'X'},
	{0x2e, 'c', 'C'},  {0x2f, 'v', 'V'},  {0x30, 'b', 'B'},
	{0x31, 'n', 'N'},  {0x32, 'm', 'M'},  {0x33, ',', '<'},
	{0x34, '.', '>'},  {0x35, '/', '?'},  {0x39, ' ', ' '},
};

HTEST(keymap_letters)
{
	struct keymap km = fresh();

	EXPECT_STREQ(tap(&km, 0x1e), "a");
	EXPECT_STREQ(tap(&km, 0x2c), "z");
	EXPECT_STREQ(FEED(&km, 0x23, 0x23, 0x23, 0xa3), "hhh");	/* repeat */
	EXPECT_STREQ(FEED(&km, LSHIFT, 0x23, 0x17, LSHIFT | BREAK, 0x17),
		     "HIi");
}

HTEST(keymap_us_layout_plain_and_shifted)
{
	for (size_t i = 0; i < sizeof(us_keys) / sizeof(us_keys[0]); i++) {
		struct keymap km = fresh();
		uint8_t sc = us_keys[i].sc;
		char want[2] = {us_keys[i].plain, '\0'};

		if (!EXPECT_STREQ(tap(&km, sc), want))
			fprintf(stderr, "#   scancode 0x%02x\n", sc);
		want[0] = us_keys[i].shifted;
		if (!EXPECT_STREQ(FEED(&km, RSHIFT, sc, RSHIFT | BREAK), want))
			fprintf(stderr, "#   shifted 0x%02x\n", sc);
	}
}

HTEST(keymap_either_shift_holds)
{
	struct keymap km = fresh();

	/* Both down, left up: still shifted; right up too: not. */
	EXPECT_STREQ(FEED(&km, LSHIFT, RSHIFT, LSHIFT | BREAK, 0x1e), "A");
	EXPECT_STREQ(FEED(&km, RSHIFT | BREAK, 0x1e), "a");
}

HTEST(keymap_special_keys)
{
	struct keymap km = fresh();

	EXPECT_STREQ(tap(&km, 0x1c), "\r");		/* Enter */
	EXPECT_STREQ(tap(&km, 0x0e), "\177");		/* Backspace */
	EXPECT_STREQ(tap(&km, 0x0f), "\t");		/* Tab */
	EXPECT_STREQ(tap(&km, 0x01), "\033");		/* Escape */
	EXPECT_STREQ(FEED(&km, LSHIFT, 0x0f, LSHIFT | BREAK), "\033[Z");
	EXPECT_STREQ(tap_e0(&km, 0x1c), "\r");		/* keypad Enter */
	EXPECT_STREQ(tap_e0(&km, 0x35), "/");		/* keypad / */
	EXPECT_STREQ(tap(&km, 0x37), "*");		/* keypad * */
	EXPECT_STREQ(tap(&km, 0x4a), "-");		/* keypad - */
	EXPECT_STREQ(tap(&km, 0x4e), "+");		/* keypad + */
}

HTEST(keymap_caps_lock_letters_only)
{
	struct keymap km = fresh();
	uint8_t leds = 0xff;

	EXPECT_FALSE(keymap_led_update(&km, &leds));
	EXPECT_STREQ(tap(&km, CAPS), "");
	EXPECT_TRUE(keymap_led_update(&km, &leds));
	EXPECT_EQ(leds, KEYMAP_LED_CAPS);
	EXPECT_FALSE(keymap_led_update(&km, &leds));	/* reported once */
	EXPECT_STREQ(FEED(&km, 0x1e, 0x02, 0x1a, 0x27), "A1[;");
	/* Shift inverts Caps Lock for letters, shifts the rest as usual. */
	EXPECT_STREQ(FEED(&km, LSHIFT, 0x1e, 0x02, 0x1a, LSHIFT | BREAK),
		     "a!{");
	EXPECT_STREQ(tap(&km, CAPS), "");
	EXPECT_TRUE(keymap_led_update(&km, &leds));
	EXPECT_EQ(leds, 0);
	EXPECT_STREQ(tap(&km, 0x1e), "a");
}

HTEST(keymap_caps_lock_repeat_toggles_once)
{
	struct keymap km = fresh();
	uint8_t leds;

	/* Held down, the key repeats its make code: one toggle only. */
	EXPECT_STREQ(FEED(&km, CAPS, CAPS, CAPS, CAPS, CAPS | BREAK), "");
	EXPECT_TRUE(keymap_led_update(&km, &leds));
	EXPECT_EQ(leds, KEYMAP_LED_CAPS);
	EXPECT_STREQ(tap(&km, 0x2d), "X");
}

HTEST(keymap_ctrl_c_both_ctrls)
{
	struct keymap km = fresh();

	EXPECT_STREQ(FEED(&km, CTRL, 0x2e, CTRL | BREAK), "\003");
	EXPECT_STREQ(FEED(&km, E0, CTRL, 0x2e, E0, CTRL | BREAK), "\003");
	EXPECT_STREQ(tap(&km, 0x2e), "c");		/* released */
	/* Left held while right goes down and up: still Ctrl. */
	EXPECT_STREQ(FEED(&km, CTRL, E0, CTRL, E0, CTRL | BREAK, 0x2e),
		     "\003");
	EXPECT_STREQ(FEED(&km, CTRL | BREAK, 0x2e), "c");
	/* Shift does not change a control character. */
	EXPECT_STREQ(FEED(&km, CTRL, LSHIFT, 0x1e, 0x1a, 0x2c), "\001\033\032");
}

HTEST(keymap_ctrl_punctuation)
{
	struct keymap km = fresh();
	size_t len;

	EXPECT_STREQ(FEED(&km, CTRL, 0x1a, 0x2b, 0x1b), "\033\034\035");
	EXPECT_STREQ(FEED(&km, 0x07, 0x0c, 0x35), "\036\037\037");
	feed_n(&km, SC(0x39, 0x03), 2, &len);		/* Ctrl-Space, Ctrl-@ */
	EXPECT_EQ(len, 2);
	EXPECT_STREQ(FEED(&km, 0x02), "1");		/* nothing for Ctrl */
}

HTEST(keymap_alt_prefixes_escape)
{
	struct keymap km = fresh();

	EXPECT_STREQ(FEED(&km, ALT, 0x2d, ALT | BREAK), "\033x");
	EXPECT_STREQ(FEED(&km, E0, ALT, 0x2d, E0, ALT | BREAK), "\033x");
	EXPECT_STREQ(FEED(&km, E0, ALT, ALT, ALT | BREAK, 0x2d), "\033x");
	EXPECT_STREQ(FEED(&km, E0, ALT | BREAK, 0x2d), "x");
	EXPECT_STREQ(FEED(&km, ALT, LSHIFT, 0x2d), "\033X");
	EXPECT_STREQ(FEED(&km, CTRL, 0x2e), "\033\003");	/* Ctrl-Alt-c */
	EXPECT_STREQ(FEED(&km, ALT | BREAK, CTRL | BREAK, LSHIFT | BREAK,
			  0x2d), "x");
}

HTEST(keymap_extended_keys)
{
	static const struct {
		uint8_t sc;
		const char *seq;
	} keys[] = {
		{0x48, "\033[A"},  {0x50, "\033[B"},  {0x4d, "\033[C"},
		{0x4b, "\033[D"},  {0x47, "\033[H"},  {0x4f, "\033[F"},
		{0x49, "\033[5~"}, {0x51, "\033[6~"}, {0x52, "\033[2~"},
		{0x53, "\033[3~"},
	};

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		struct keymap km = fresh();

		if (!EXPECT_STREQ(tap_e0(&km, keys[i].sc), keys[i].seq))
			fprintf(stderr, "#   E0 0x%02x\n", keys[i].sc);
	}
}

HTEST(keymap_function_keys)
{
	static const char *const seq[12] = {
		"\033OP",   "\033OQ",   "\033OR",   "\033OS",
		"\033[15~", "\033[17~", "\033[18~", "\033[19~",
		"\033[20~", "\033[21~", "\033[23~", "\033[24~",
	};
	static const uint8_t sc[12] = {
		0x3b, 0x3c, 0x3d, 0x3e, 0x3f, 0x40,
		0x41, 0x42, 0x43, 0x44, 0x57, 0x58,
	};
	struct keymap km = fresh();

	for (int i = 0; i < 12; i++)
		if (!EXPECT_STREQ(tap(&km, sc[i]), seq[i]))
			fprintf(stderr, "#   F%d\n", i + 1);
}

HTEST(keymap_num_lock_keypad)
{
	struct keymap km = fresh();
	uint8_t leds;

	EXPECT_STREQ(FEED(&km, 0x48, 0x4f, 0x53, 0x4c), "\033[A\033[F\033[3~");
	EXPECT_STREQ(tap(&km, NUM), "");
	EXPECT_TRUE(keymap_led_update(&km, &leds));
	EXPECT_EQ(leds, KEYMAP_LED_NUM);
	EXPECT_STREQ(FEED(&km, 0x47, 0x48, 0x4c, 0x52, 0x53), "7850.");
	/* Shift inverts Num Lock; the grey keys are never digits. */
	EXPECT_STREQ(FEED(&km, LSHIFT, 0x48, LSHIFT | BREAK), "\033[A");
	EXPECT_STREQ(tap_e0(&km, 0x48), "\033[A");
	/* Caps and Num Lock combine in the LED mask. */
	EXPECT_STREQ(tap(&km, CAPS), "");
	EXPECT_TRUE(keymap_led_update(&km, &leds));
	EXPECT_EQ(leds, KEYMAP_LED_NUM | KEYMAP_LED_CAPS);
}

HTEST(keymap_break_codes_produce_nothing)
{
	struct keymap km = fresh();

	for (int sc = 0x81; sc <= 0xff; sc++) {
		if (sc == E0 || sc == 0xe1)
			continue;
		if (!EXPECT_STREQ(FEED(&km, (uint8_t)sc), ""))
			fprintf(stderr, "#   0x%02x\n", sc);
		if (!EXPECT_STREQ(FEED(&km, E0, (uint8_t)sc), ""))
			fprintf(stderr, "#   E0 0x%02x\n", sc);
	}
	EXPECT_STREQ(tap(&km, 0x1e), "a");	/* no modifier left stuck */
}

HTEST(keymap_fake_shifts_ignored)
{
	struct keymap km = fresh();

	/* Num Lock on: the 8042 wraps grey Up in a fake shift release... */
	EXPECT_STREQ(FEED(&km, E0, 0xaa, E0, 0x48, E0, 0xc8, E0, 0x2a),
		     "\033[A");
	EXPECT_STREQ(tap(&km, 0x1e), "a");
	/* ... and Print Screen in a fake shift press. */
	EXPECT_STREQ(FEED(&km, E0, 0x2a, E0, 0x37, E0, 0xb7, E0, 0xaa), "");
	EXPECT_STREQ(FEED(&km, E0, 0x36, 0x1e, E0, 0xb6), "a");
	/* A real shift held through it stays held. */
	EXPECT_STREQ(FEED(&km, LSHIFT, E0, 0xaa, E0, 0x47, E0, 0x2a, 0x1e),
		     "\033[HA");
}

HTEST(keymap_pause_ignored)
{
	struct keymap km = fresh();

	EXPECT_STREQ(FEED(&km, 0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5), "");
	EXPECT_STREQ(tap(&km, 0x2e), "c");	/* Ctrl was not pressed */
	EXPECT_FALSE(keymap_led_update(&km, &(uint8_t){0}));	/* nor Num */
	/* Ctrl+Pause (Break) is E0 46 E0 C6: nothing either. */
	EXPECT_STREQ(FEED(&km, CTRL, E0, 0x46, E0, 0xc6, CTRL | BREAK), "");
	EXPECT_FALSE(keymap_led_update(&km, &(uint8_t){0}));
}

HTEST(keymap_error_bytes_reset_prefix)
{
	struct keymap km = fresh();

	EXPECT_STREQ(FEED(&km, E0, 0x00, 0x48), "\033[A");	/* keypad 8 */
	EXPECT_STREQ(tap(&km, NUM), "");
	EXPECT_STREQ(FEED(&km, E0, 0xff, 0x48), "8");
	EXPECT_STREQ(FEED(&km, 0xfa, 0xfe, 0xee, 0x1e), "a");	/* replies */
}

/* A small xorshift generator, so a failure repeats. */
static uint32_t
next_random(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

HTEST(keymap_random_bytes_stay_in_bounds)
{
	struct keymap km = fresh();
	char *out = malloc(KEYMAP_OUT_MAX);	/* ASan: exactly the limit */
	uint32_t seed = 0x2545f491u;
	size_t max_seen = 0;

	ASSERT_TRUE(out != NULL);
	for (int i = 0; i < 2000000; i++) {
		uint32_t r = next_random(&seed);
		/* Half of the bytes prefixes, modifiers and locks. */
		static const uint8_t hot[] = {E0, 0xe1, LSHIFT, CTRL, ALT,
					      CAPS, NUM, 0x46, 0x00, 0xff};
		uint8_t sc = (r >> 8) & 1 ? (uint8_t)r :
					    hot[(r >> 16) % sizeof(hot)] |
						    ((r >> 24) & BREAK);
		size_t n = keymap_feed(&km, sc, out);

		if (!EXPECT_TRUE(n <= KEYMAP_OUT_MAX))
			break;
		max_seen = n > max_seen ? n : max_seen;
	}
	EXPECT_TRUE(max_seen >= 5);	/* the streams reached long sequences */
	free(out);
}
