/*
 * kernel/cmdline.h: the kernel command line, Linux-style words.
 *
 * Words are separated by spaces; a word is `key=value` or a bare `key`.
 * Double quotes group spaces into a value (key="a b").  Recognised keys:
 *   console=ttyS0|serial|tty0|fb|vga|none   (repeatable; default: all)
 *   loglevel=0..8                            (console threshold, default 7)
 *   init=/path                               (kept for the process work)
 *   test=name                                (selects an in-kernel test)
 *   kmalloc.debug[=1|0|on|off|yes|no]        (heap red zones and poisoning)
 *   noapic[=...]                             (use the 8259 PIC, not the APIC)
 * Unknown keys are kept and logged by the caller, never fatal.
 */
#pragma once
#include "kernel/types.h"

#define CMDLINE_MAX_WORDS	32
#define CMDLINE_KEY_MAX		32
#define CMDLINE_VALUE_MAX	256

enum console_mask {
	CONSOLE_SERIAL = 1 << 0,
	CONSOLE_SCREEN = 1 << 1,	/* framebuffer or VGA text */
};

struct cmdline_word {
	char key[CMDLINE_KEY_MAX];
	char value[CMDLINE_VALUE_MAX];	/* "" for a bare key */
	bool has_value;
};

struct cmdline {
	struct cmdline_word words[CMDLINE_MAX_WORDS];
	size_t	 count;
	bool	 truncated;		/* more words, or a key/value cut short */

	/* Derived settings. */
	unsigned int consoles;		/* enum console_mask bits */
	int	 loglevel;		/* messages below this level are shown */
	char	 init[CMDLINE_VALUE_MAX];
	char	 test[CMDLINE_VALUE_MAX];
	bool	 kmalloc_debug;
	bool	 noapic;
	unsigned int unknown;		/* words whose key is not recognised */
	unsigned int invalid;		/* recognised keys with a bad value */
};

/*
 * cmdline_parse - split @text into words and derive the settings.
 * Never fails: overlong words are cut (and flagged), bad values counted in
 * @out->invalid with the default kept.  Context: pure, any context.
 */
void	cmdline_parse(const char *text, struct cmdline *out);

/* cmdline_known - whether @key is one the kernel understands. */
bool	cmdline_known(const char *key);

/* cmdline_get - the value of the last @key word, or NULL if absent. */
const char *cmdline_get(const struct cmdline *cl, const char *key);

/* The parsed command line of the running kernel, filled by kmain(). */
extern struct cmdline kernel_cmdline;
