/*
 * tests/host/cmdline_test.c: cmdline_parse() on ordinary, odd and hostile
 * command lines.  The struct is large, so each test uses a static one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/cmdline.h"
#include "tests/host/htest.h"

static struct cmdline cl;

/* Check the defaults that hold when a line says nothing about them. */
#define EXPECT_DEFAULTS(c)                                                     \
	do {                                                                   \
		EXPECT_EQ((c)->consoles, CONSOLE_SERIAL | CONSOLE_SCREEN);     \
		EXPECT_EQ((c)->loglevel, 7);                                   \
		EXPECT_STREQ((c)->init, "/sbin/init");                         \
		EXPECT_STREQ((c)->test, "");                                   \
	} while (0)

HTEST(cmdline_empty_and_null)
{
	cmdline_parse("", &cl);
	EXPECT_EQ(cl.count, 0);
	EXPECT_FALSE(cl.truncated);
	EXPECT_EQ(cl.unknown, 0);
	EXPECT_EQ(cl.invalid, 0);
	EXPECT_DEFAULTS(&cl);
	cmdline_parse(NULL, &cl);
	EXPECT_EQ(cl.count, 0);
	EXPECT_DEFAULTS(&cl);
	cmdline_parse(" \t \n\r  ", &cl);
	EXPECT_EQ(cl.count, 0);
	EXPECT_DEFAULTS(&cl);
}

HTEST(cmdline_parse_clears_previous_result)
{
	cmdline_parse("console=none loglevel=1 init=/x test=t foo", &cl);
	cmdline_parse("", &cl);
	EXPECT_EQ(cl.count, 0);
	EXPECT_EQ(cl.unknown, 0);
	EXPECT_DEFAULTS(&cl);
}

HTEST(cmdline_words_and_bare_keys)
{
	cmdline_parse("  quiet  root=/dev/sda1\tro splash=   x=y=z ", &cl);
	ASSERT_EQ(cl.count, 5);
	EXPECT_STREQ(cl.words[0].key, "quiet");
	EXPECT_FALSE(cl.words[0].has_value);
	EXPECT_STREQ(cl.words[0].value, "");
	EXPECT_STREQ(cl.words[1].key, "root");
	EXPECT_STREQ(cl.words[1].value, "/dev/sda1");
	EXPECT_TRUE(cl.words[1].has_value);
	EXPECT_STREQ(cl.words[2].key, "ro");
	EXPECT_STREQ(cl.words[3].key, "splash");
	EXPECT_TRUE(cl.words[3].has_value); /* "splash=" has an empty value */
	EXPECT_STREQ(cl.words[3].value, "");
	EXPECT_STREQ(cl.words[4].key, "x");
	EXPECT_STREQ(cl.words[4].value, "y=z"); /* split at the first '=' */
	EXPECT_EQ(cl.unknown, 5);
	EXPECT_EQ(cl.invalid, 0);
	EXPECT_FALSE(cl.truncated);
	EXPECT_DEFAULTS(&cl);
}

HTEST(cmdline_quotes)
{
	cmdline_parse(
		"a=\"x y\" \"b=p q\" c=1\" \"2 \"\" d=\"\" e=\"unterminated "
		"rest of line",
		&cl);
	ASSERT_EQ(cl.count, 5);
	EXPECT_STREQ(cl.words[0].key, "a");
	EXPECT_STREQ(cl.words[0].value, "x y");
	EXPECT_STREQ(cl.words[1].key, "b");
	EXPECT_STREQ(cl.words[1].value, "p q");
	EXPECT_STREQ(cl.words[2].key, "c");
	EXPECT_STREQ(cl.words[2].value, "1 2");
	EXPECT_STREQ(cl.words[3].key, "d"); /* lone "" is dropped */
	EXPECT_TRUE(cl.words[3].has_value);
	EXPECT_STREQ(cl.words[3].value, "");
	EXPECT_STREQ(cl.words[4].key, "e");
	EXPECT_STREQ(cl.words[4].value, "unterminated rest of line");
}

HTEST(cmdline_quoted_init_and_test)
{
	cmdline_parse("init=\"/bin/my shell\" test=\"pmm basic\"", &cl);
	EXPECT_STREQ(cl.init, "/bin/my shell");
	EXPECT_STREQ(cl.test, "pmm basic");
	EXPECT_EQ(cl.unknown, 0);
	EXPECT_EQ(cl.invalid, 0);
}

HTEST(cmdline_console_names)
{
	static const struct {
		const char *line;
		unsigned int mask;
	} cases[] = {
		{"console=ttyS0", CONSOLE_SERIAL},
		{"console=serial", CONSOLE_SERIAL},
		{"console=tty0", CONSOLE_SCREEN},
		{"console=tty1", CONSOLE_SCREEN},
		{"console=fb", CONSOLE_SCREEN},
		{"console=vga", CONSOLE_SCREEN},
		{"console=screen", CONSOLE_SCREEN},
		{"console=none", 0},
		{"console=ttyS0,115200", CONSOLE_SERIAL},
		{"console=ttyS0,115200n8", CONSOLE_SERIAL},
		{"console=tty0 console=ttyS0,9600",
		 CONSOLE_SERIAL | CONSOLE_SCREEN},
		{"console=none console=fb", CONSOLE_SCREEN},
		{"console=fb console=none", CONSOLE_SCREEN},
		{"console=ttyS0 console=ttyS0", CONSOLE_SERIAL},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		cmdline_parse(cases[i].line, &cl);
		if (!EXPECT_EQ(cl.consoles, cases[i].mask))
			fprintf(stderr, "#   line: %s\n", cases[i].line);
		EXPECT_EQ(cl.invalid, 0);
		EXPECT_EQ(cl.unknown, 0);
	}
}

HTEST(cmdline_bad_console_keeps_default)
{
	static const char *const lines[] = {
		"console=ttyS1",   "console=",	     "console",
		"console=TTYS0",   "console=ttyS0x", "console=ttyS",
		"console=,115200", "console=\"\"",   "console=nonexistent,1",
	};

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
		cmdline_parse(lines[i], &cl);
		if (!EXPECT_EQ(cl.invalid, 1))
			fprintf(stderr, "#   line: %s\n", lines[i]);
		EXPECT_EQ(cl.consoles, CONSOLE_SERIAL | CONSOLE_SCREEN);
	}
	/* A bad word next to a good one: the good one still counts. */
	cmdline_parse("console=bogus console=ttyS0", &cl);
	EXPECT_EQ(cl.consoles, CONSOLE_SERIAL);
	EXPECT_EQ(cl.invalid, 1);
}

HTEST(cmdline_loglevel)
{
	char line[32];

	for (int level = 0; level <= 8; level++) {
		snprintf(line, sizeof(line), "loglevel=%d", level);
		cmdline_parse(line, &cl);
		EXPECT_EQ(cl.loglevel, level);
		EXPECT_EQ(cl.invalid, 0);
	}
	cmdline_parse("loglevel=3 loglevel=5", &cl); /* the last one wins */
	EXPECT_EQ(cl.loglevel, 5);
}

HTEST(cmdline_bad_loglevel_keeps_default)
{
	static const char *const lines[] = {
		"loglevel=9",  "loglevel=-1",  "loglevel=",
		"loglevel",    "loglevel=07",  "loglevel=1x",
		"loglevel=x",  "loglevel=+3",  "loglevel=99999999999999999999",
		"loglevel= 3", "loglevel=3.5",
	};

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
		cmdline_parse(lines[i], &cl);
		if (!EXPECT_EQ(cl.loglevel, 7))
			fprintf(stderr, "#   line: %s\n", lines[i]);
	}
	cmdline_parse("loglevel=2 loglevel=9", &cl);
	EXPECT_EQ(cl.loglevel, 2); /* a bad later word keeps the earlier */
	EXPECT_EQ(cl.invalid, 1);
	cmdline_parse("loglevel=\"3 \"", &cl);
	EXPECT_EQ(cl.loglevel, 7);
	EXPECT_EQ(cl.invalid, 1);
}

HTEST(cmdline_init_and_test)
{
	cmdline_parse("init=/bin/sh test=vfs", &cl);
	EXPECT_STREQ(cl.init, "/bin/sh");
	EXPECT_STREQ(cl.test, "vfs");
	EXPECT_EQ(cl.invalid, 0);
	cmdline_parse("init= init", &cl); /* empty and bare: both bad */
	EXPECT_STREQ(cl.init, "/sbin/init");
	EXPECT_EQ(cl.invalid, 2);
	cmdline_parse("test=a test=", &cl); /* test= clears the selection */
	EXPECT_STREQ(cl.test, "");
	EXPECT_EQ(cl.invalid, 0);
	cmdline_parse("test", &cl);
	EXPECT_STREQ(cl.test, "");
	EXPECT_EQ(cl.invalid, 1);
}

HTEST(cmdline_unknown_keys_counted)
{
	cmdline_parse("foo bar=1 Console=ttyS0 LOGLEVEL=1 =x init=/i", &cl);
	EXPECT_EQ(cl.count, 6);
	EXPECT_EQ(cl.unknown, 5); /* keys are case-sensitive */
	EXPECT_EQ(cl.invalid, 0);
	EXPECT_STREQ(cl.words[4].key, "");
	EXPECT_STREQ(cl.words[4].value, "x");
	EXPECT_EQ(cl.consoles, CONSOLE_SERIAL | CONSOLE_SCREEN);
	EXPECT_EQ(cl.loglevel, 7);
	EXPECT_STREQ(cl.init, "/i");
}

HTEST(cmdline_known)
{
	EXPECT_TRUE(cmdline_known("console"));
	EXPECT_TRUE(cmdline_known("loglevel"));
	EXPECT_TRUE(cmdline_known("init"));
	EXPECT_TRUE(cmdline_known("test"));
	EXPECT_FALSE(cmdline_known(""));
	EXPECT_FALSE(cmdline_known("consol"));
	EXPECT_FALSE(cmdline_known("consoles"));
	EXPECT_FALSE(cmdline_known("Test"));
}

HTEST(cmdline_get)
{
	cmdline_parse("a=1 b a=2 c=", &cl);
	EXPECT_STREQ(cmdline_get(&cl, "a"), "2"); /* the last one */
	EXPECT_STREQ(cmdline_get(&cl, "b"), "");
	EXPECT_STREQ(cmdline_get(&cl, "c"), "");
	EXPECT_TRUE(cmdline_get(&cl, "d") == NULL);
	EXPECT_TRUE(cmdline_get(&cl, "") == NULL);
	cmdline_parse(NULL, &cl);
	EXPECT_TRUE(cmdline_get(&cl, "a") == NULL);
}

HTEST(cmdline_more_than_max_words)
{
	char line[CMDLINE_MAX_WORDS * 8 + 64];
	size_t len = 0;

	for (int i = 0; i < CMDLINE_MAX_WORDS; i++)
		len += (size_t)snprintf(line + len, sizeof(line) - len, "w%d ",
					i);
	snprintf(line + len, sizeof(line) - len, "loglevel=1 init=/late");
	cmdline_parse(line, &cl);
	EXPECT_EQ(cl.count, CMDLINE_MAX_WORDS);
	EXPECT_TRUE(cl.truncated);
	EXPECT_STREQ(cl.words[CMDLINE_MAX_WORDS - 1].key, "w31");
	EXPECT_EQ(cl.loglevel, 7); /* words past the limit are ignored */
	EXPECT_STREQ(cl.init, "/sbin/init");
	EXPECT_EQ(cl.unknown, CMDLINE_MAX_WORDS);

	/* Exactly the limit, then only blanks and empty quotes: not cut. */
	line[len] = '\0';
	strcat(line, " \"\" \"\"  ");
	cmdline_parse(line, &cl);
	EXPECT_EQ(cl.count, CMDLINE_MAX_WORDS);
	EXPECT_FALSE(cl.truncated);
}

HTEST(cmdline_overlong_key_and_value)
{
	static char line[4096];
	char want[CMDLINE_VALUE_MAX];

	memset(line, 'k', 100);
	strcpy(line + 100, "=v next");
	cmdline_parse(line, &cl);
	ASSERT_EQ(cl.count, 2);
	EXPECT_TRUE(cl.truncated);
	EXPECT_EQ(strlen(cl.words[0].key), CMDLINE_KEY_MAX - 1);
	EXPECT_STREQ(cl.words[0].value, "v");
	EXPECT_STREQ(cl.words[1].key, "next");

	strcpy(line, "init=/");
	memset(line + 6, 'p', 3000);
	strcpy(line + 3006, " test=after");
	cmdline_parse(line, &cl);
	ASSERT_EQ(cl.count, 2);
	EXPECT_TRUE(cl.truncated);
	EXPECT_EQ(strlen(cl.words[0].value), CMDLINE_VALUE_MAX - 1);
	EXPECT_STREQ(cl.init, "/sbin/init"); /* a cut path is not used */
	EXPECT_EQ(cl.invalid, 1);
	EXPECT_STREQ(cl.test, "after");

	/* A value of exactly the maximum length is not cut. */
	want[0] = '/';
	memset(want + 1, 'q', sizeof(want) - 2);
	want[sizeof(want) - 1] = '\0';
	snprintf(line, sizeof(line), "init=%s", want);
	cmdline_parse(line, &cl);
	EXPECT_FALSE(cl.truncated);
	EXPECT_STREQ(cl.init, want);
}

/* A heap copy with no slack, so ASan sees any read past the NUL. */
HTEST(cmdline_reads_no_further_than_nul)
{
	static const char *const lines[] = {
		"a", "a=", "\"", "a=\"", "=", "console=ttyS0,", "x y z \"",
	};

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
		size_t n = strlen(lines[i]) + 1;
		char *s = malloc(n);

		memcpy(s, lines[i], n);
		cmdline_parse(s, &cl);
		free(s);
	}
	cmdline_parse("\"", &cl);
	EXPECT_EQ(cl.count, 0);
}

/* Bytes outside ASCII and control characters are kept as they are. */
HTEST(cmdline_odd_bytes)
{
	cmdline_parse("k\x01=\xff\xfe v=\x7f", &cl);
	ASSERT_EQ(cl.count, 2);
	EXPECT_STREQ(cl.words[0].key, "k\x01");
	EXPECT_STREQ(cl.words[0].value, "\xff\xfe");
	EXPECT_STREQ(cl.words[1].value, "\x7f");
}

HTEST(cmdline_typical_grub_line)
{
	cmdline_parse("/boot/basalt.elf console=ttyS0,115200 console=tty0 "
		      "loglevel=4 test=all",
		      &cl);
	EXPECT_EQ(cl.count, 5);
	EXPECT_EQ(cl.consoles, CONSOLE_SERIAL | CONSOLE_SCREEN);
	EXPECT_EQ(cl.loglevel, 4);
	EXPECT_STREQ(cl.test, "all");
	EXPECT_EQ(cl.unknown, 1); /* an image path, as some loaders pass */
	EXPECT_EQ(cl.invalid, 0);
	EXPECT_FALSE(cl.truncated);
}

HTEST(cmdline_flag_option)
{
	cmdline_parse("kmalloc.debug", &cl);
	EXPECT_TRUE(cl.kmalloc_debug);
	EXPECT_EQ(cl.invalid, 0);
	cmdline_parse("kmalloc.debug=off", &cl);
	EXPECT_TRUE(!cl.kmalloc_debug);
	EXPECT_EQ(cl.invalid, 0);
	cmdline_parse("kmalloc.debug=yes kmalloc.debug=0", &cl);
	EXPECT_TRUE(!cl.kmalloc_debug);
	cmdline_parse("kmalloc.debug=maybe", &cl);
	EXPECT_TRUE(!cl.kmalloc_debug);
	EXPECT_EQ(cl.invalid, 1);
	cmdline_parse("", &cl);
	EXPECT_TRUE(!cl.kmalloc_debug);
}
