/*
 * kernel/cmdline.c: split the kernel command line into words and derive the
 * settings the kernel understands (consoles, log level, init, test).
 *
 * Quoting follows Linux: a double quote toggles quoting and is dropped, so
 * key="a b", "key=a b" and key=a" "b all give key `key` and value `a b`.
 * A word splits at its first '=' (quoted or not).  Nothing here fails: too
 * many words or overlong keys and values are cut and flagged.
 * Context: pure, no allocation, any context.
 */
#include "kernel/cmdline.h"
#include "kernel/string.h"

#define CMDLINE_DEFAULT_CONSOLES (CONSOLE_SERIAL | CONSOLE_SCREEN)
#define CMDLINE_DEFAULT_LOGLEVEL 7 /* LOG_INFO (6) and below shown */
#define CMDLINE_DEFAULT_INIT	 "/sbin/init"

/* State carried from word to word while the settings are derived. */
struct cmdline_state {
	bool console_seen; /* a valid console= word replaced the default */
};

struct console_name {
	const char *name;
	unsigned int mask;
};

static const struct console_name console_names[] = {
	{.name = "ttyS0", .mask = CONSOLE_SERIAL},
	{.name = "serial", .mask = CONSOLE_SERIAL},
	{.name = "tty0", .mask = CONSOLE_SCREEN},
	{.name = "tty1", .mask = CONSOLE_SCREEN},
	{.name = "fb", .mask = CONSOLE_SCREEN},
	{.name = "vga", .mask = CONSOLE_SCREEN},
	{.name = "screen", .mask = CONSOLE_SCREEN},
	{.name = "none", .mask = 0},
};

static const char *const known_keys[] = {
	"console",
	"loglevel",
	"init",
	"test",
	"kmalloc.debug",
	"noapic",
};

static bool
cmdline_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Append @c to @s (@len used of @max bytes); sets *@cut if it is full. */
static void
cmdline_append(char *s, size_t *len, size_t max, char c, bool *cut)
{
	if (*len + 1 < max)
		s[(*len)++] = c;
	else
		*cut = true;
}

/*
 * Copy the word starting at @p into @w; returns the first character after
 * it.  Sets *@cut if the key or the value did not fit.
 */
static const char *
cmdline_scan_word(const char *p, struct cmdline_word *w, bool *cut)
{
	size_t klen = 0, vlen = 0;
	bool quoted = false;

	memset(w, 0, sizeof(*w));
	for (; *p != '\0' && (quoted || !cmdline_is_space(*p)); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '=' && !w->has_value)
			w->has_value = true;
		else if (w->has_value)
			cmdline_append(w->value, &vlen, sizeof(w->value), *p,
				       cut);
		else
			cmdline_append(w->key, &klen, sizeof(w->key), *p, cut);
	}
	return p;
}

/* Parse @s as a whole decimal number in [0, 8]; returns it or -1.
 * 8 shows every level, debug included (as Linux). */
static int
cmdline_parse_loglevel(const char *s)
{
	if (s[0] < '0' || s[0] > '8' || s[1] != '\0')
		return -1;
	return s[0] - '0';
}

/*
 * The console mask named by @value ("ttyS0" or "ttyS0,115200n8": Linux
 * options after the comma are accepted and ignored); -1 if unknown.
 */
static int
cmdline_console_mask(const char *value)
{
	const char *comma = strchr(value, ',');
	size_t len = comma ? (size_t)(comma - value) : strlen(value);

	for (size_t i = 0; i < ARRAY_SIZE(console_names); i++) {
		const char *name = console_names[i].name;

		if (strlen(name) == len && strncmp(name, value, len) == 0)
			return (int)console_names[i].mask;
	}
	return -1;
}

/* Apply a console= word: the first valid one replaces the default mask. */
static bool
cmdline_apply_console(struct cmdline *cl, struct cmdline_state *st,
		      const char *value)
{
	int mask = cmdline_console_mask(value);

	if (mask < 0)
		return false;
	if (!st->console_seen)
		cl->consoles = 0;
	st->console_seen = true;
	cl->consoles |= (unsigned int)mask;
	return true;
}

/*
 * A boolean option: bare (on), or =1/=0, =on/=off, =yes/=no.  Returns
 * false for any other value.
 */
static bool
cmdline_apply_flag(bool *flag, const struct cmdline_word *w, bool cut)
{
	static const char *const on[] = { "1", "on", "yes" };
	static const char *const off[] = { "0", "off", "no" };

	if (cut)
		return false;
	if (!w->has_value) {
		*flag = true;
		return true;
	}
	for (size_t i = 0; i < ARRAY_SIZE(on); i++) {
		if (strcmp(w->value, on[i]) == 0 || strcmp(w->value, off[i]) == 0) {
			*flag = strcmp(w->value, on[i]) == 0;
			return true;
		}
	}
	return false;
}

/*
 * Derive settings from word @w; @cut says whether it was cut short, which
 * makes the value of a recognised key invalid.
 */
static void
cmdline_apply(struct cmdline *cl, struct cmdline_state *st,
	      const struct cmdline_word *w, bool cut)
{
	bool ok = w->has_value && !cut;
	int level;

	if (!cmdline_known(w->key)) {
		cl->unknown++;
		return;
	}
	if (strcmp(w->key, "kmalloc.debug") == 0) {
		ok = cmdline_apply_flag(&cl->kmalloc_debug, w, cut);
	} else if (strcmp(w->key, "noapic") == 0) {
		ok = cmdline_apply_flag(&cl->noapic, w, cut);
	} else if (ok && strcmp(w->key, "console") == 0) {
		ok = cmdline_apply_console(cl, st, w->value);
	} else if (ok && strcmp(w->key, "loglevel") == 0) {
		level = cmdline_parse_loglevel(w->value);
		ok = level >= 0;
		if (ok)
			cl->loglevel = level;
	} else if (ok && strcmp(w->key, "init") == 0) {
		ok = w->value[0] != '\0';
		if (ok)
			strlcpy(cl->init, w->value, sizeof(cl->init));
	} else if (ok && strcmp(w->key, "test") == 0) {
		strlcpy(cl->test, w->value, sizeof(cl->test));
	}
	if (!ok)
		cl->invalid++;
}

/*
 * cmdline_parse - split @text (NULL counts as empty) into @out->words and
 * derive the settings; see cmdline.h.  Context: pure, any context.
 */
void
cmdline_parse(const char *text, struct cmdline *out)
{
	struct cmdline_state st = {.console_seen = false};
	struct cmdline_word w;
	const char *p = text ? text : "";
	bool cut;

	memset(out, 0, sizeof(*out));
	out->consoles = CMDLINE_DEFAULT_CONSOLES;
	out->loglevel = CMDLINE_DEFAULT_LOGLEVEL;
	strlcpy(out->init, CMDLINE_DEFAULT_INIT, sizeof(out->init));
	for (;;) {
		while (cmdline_is_space(*p))
			p++;
		if (*p == '\0')
			break;
		cut = false;
		p = cmdline_scan_word(p, &w, &cut);
		if (w.key[0] == '\0' && !w.has_value)
			continue; /* only quotes, e.g. "" */
		if (out->count == CMDLINE_MAX_WORDS) {
			out->truncated = true;
			break;
		}
		out->words[out->count++] = w;
		out->truncated |= cut;
		cmdline_apply(out, &st, &w, cut);
	}
}

/*
 * cmdline_known - whether @key is one the kernel understands.
 * Context: pure, any context.
 */
bool
cmdline_known(const char *key)
{
	for (size_t i = 0; i < ARRAY_SIZE(known_keys); i++)
		if (strcmp(key, known_keys[i]) == 0)
			return true;
	return false;
}

/*
 * cmdline_get - the value of the last @key word in @cl ("" for a bare
 * key), or NULL if there is none.  Context: pure, any context.
 */
const char *
cmdline_get(const struct cmdline *cl, const char *key)
{
	for (size_t i = cl->count; i > 0; i--)
		if (strcmp(cl->words[i - 1].key, key) == 0)
			return cl->words[i - 1].value;
	return NULL;
}
