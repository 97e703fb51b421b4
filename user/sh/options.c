/*
 * user/sh/options.c: the shell's options (set -e, set -o errexit, sh
 * -x ...), $-, and the set builtin.  One table maps each option letter
 * to its long name and the flag in struct shstate that holds it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

/* In dash's order (set -o lists them so; $- has them backwards). */
static const struct option {
	char letter; /* 0: only a -o name */
	const char *name;
	int *flag;
} options[] = {
	{'e', "errexit", &sh.eflag},	 {'f', "noglob", &sh.fflag},
	{0, "ignoreeof", &sh.ignoreeof}, {'m', "monitor", &sh.jobctl},
	{'n', "noexec", &sh.nflag},	 {'x', "xtrace", &sh.xflag},
	{'v', "verbose", &sh.vflag},	 {'C', "noclobber", &sh.Cflag},
	{'a', "allexport", &sh.aflag},	 {'b', "notify", &sh.bflag},
	{'u', "nounset", &sh.uflag},	 {0, NULL, NULL},
};
#define NOPTIONS (sizeof(options) / sizeof(options[0]) - 1)

/* find_option - the table entry for letter @c or long @name; or NULL. */
static const struct option *
find_option(char c, const char *name)
{
	const struct option *o;

	for (o = options; o->name; o++)
		if (name ? strcmp(o->name, name) == 0 : o->letter == c)
			return o;
	return NULL;
}

/* turn - set option @o on or off. */
static void
turn(const struct option *o, int on)
{
	/* Job control needs a terminal to hand over; without one, -m is
	 * accepted and ignored, as in dash. */
	if (o->flag == &sh.jobctl && sh.interactive != 1)
		on = 0;
	*o->flag = on;
}

/*
 * option_set - turn option letter @c (or long option @name if non-NULL)
 * on or off.  Returns 0, or -1 if there is no such option (not
 * reported).
 */
int
option_set(char c, const char *name, int on)
{
	const struct option *o = find_option(c, name);

	if (!o)
		return -1;
	turn(o, on);
	return 0;
}

/* option_letters - write the value of $- into @buf (at least 32
 * bytes): the letters of the options that are on, plus i when
 * interactive, in the order dash gives them (its table backwards). */
void
option_letters(char *buf)
{
	const struct option *o;
	int n = 0;

	for (o = options + NOPTIONS - 1; o >= options; o--) {
		if (o->flag == &sh.fflag && sh.interactive == 1)
			buf[n++] = 'i';
		if (o->letter && *o->flag)
			buf[n++] = o->letter;
	}
	buf[n] = 0;
}

/* print_options - "set -o" (a table) or "set +o" (commands that
 * restore the current settings). */
static void
print_options(int plus)
{
	const struct option *o;

	if (!plus)
		printf("Current option settings\n");
	for (o = options; o->name; o++) {
		if (plus)
			printf("set %co %s\n", *o->flag ? '-' : '+', o->name);
		else
			printf("%-16s%s\n", o->name, *o->flag ? "on" : "off");
	}
}

/* set_positional - replace $1... with @argv[0..@argc). */
static void
set_positional(char **argv, int argc)
{
	char **v = xmalloc((argc + 1) * sizeof(*v));
	int i;

	for (i = 0; i < argc; i++)
		v[i] = xstrdup(argv[i]);
	v[argc] = NULL;
	sh.pos = v;
	sh.npos = argc;
}

/*
 * set_word - apply one option word @argv[*@i] ("-ex", "+o name", "-o").
 * Advances *@i past any -o operand.  Returns 0, or 2 after an error.
 */
static int
set_word(char **argv, int argc, int *i)
{
	const char *p, *w = argv[*i];
	int on = w[0] == '-';

	for (p = w + 1; *p; p++) {
		if (*p != 'o') {
			if (option_set(*p, NULL, on) == 0)
				continue;
			sh_error("set: illegal option %c%c", w[0], *p);
			return 2;
		}
		if (*i + 1 >= argc || argv[*i + 1][0] == '-' ||
		    argv[*i + 1][0] == '+') {
			print_options(!on);
			continue;
		}
		if (option_set(0, argv[++*i], on) < 0) {
			sh_error("set: %s: bad option name", argv[*i]);
			return 2;
		}
	}
	return 0;
}

/*
 * builtin_set - "set [-abCefmnuvx] [-o name] [+...] [--] [arg ...]":
 * with no operands, list the variables.  A bad option is an error of a
 * special builtin, fatal to a non-interactive shell.
 */
int
builtin_set(int argc, char **argv)
{
	int i;

	if (argc == 1) {
		var_print(VP_SET);
		return 0;
	}
	for (i = 1; i < argc && (argv[i][0] == '-' || argv[i][0] == '+'); i++) {
		if (!strcmp(argv[i], "--") || !strcmp(argv[i], "-")) {
			if (argv[i][1] == 0) /* "set -": turn off -x and -v */
				sh.xflag = sh.vflag = 0;
			i++;
			break;
		}
		if (set_word(argv, argc, &i))
			return sh_fail(2);
	}
	if (i < argc || !strcmp(argv[i - 1], "--"))
		set_positional(argv + i, argc - i);
	return 0;
}
