/*
 * user/sh/getopts.c: the getopts builtin (POSIX).
 * $OPTIND is the index of the next argument to examine.  Inside a
 * group such as "-ab" the shell also has to know which letter comes
 * next; that offset lives here and is forgotten whenever OPTIND is
 * assigned (vars.c calls getopts_reset), so "OPTIND=1" starts over.
 * Like dash, $OPTIND already points past a group while its letters
 * are still being returned.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

static size_t letter; /* offset of the next letter in the current group,
			 or 0 if none is in progress */

/* The arguments being parsed and where getopts stands in them. */
struct gstate {
	char **args;
	int nargs;
	long ind; /* $OPTIND: 1-based index of the next argument */
	const char *optstring;
	int silent; /* optstring starts with ':' */
};

/* getopts_reset - OPTIND was assigned: start at a group's beginning. */
void
getopts_reset(void)
{
	letter = 0;
}

/* read_optind - $OPTIND as a number, 1 if it is unset or not >= 1. */
static long
read_optind(void)
{
	const char *v = var_get("OPTIND");
	char *end;
	long n;

	if (!v)
		return 1;
	n = strtol(v, &end, 10);
	return (*end || n < 1) ? 1 : n;
}

/*
 * next_letter - the next option letter, advancing g->ind past a new
 * group; 0 at the end of the options (a non-option, "-" or "--").
 * Sets *@group to the argument the letter came from.
 */
static char
next_letter(struct gstate *g, const char **group)
{
	const char *a;

	if (letter && (g->ind < 2 || g->ind - 2 >= g->nargs ||
		       letter >= strlen(g->args[g->ind - 2])))
		letter = 0; /* OPTIND or the arguments changed under us */
	if (!letter) {
		if (g->ind > g->nargs)
			return 0;
		a = g->args[g->ind - 1];
		if (a[0] != '-' || a[1] == 0)
			return 0;
		g->ind++;
		if (strcmp(a, "--") == 0)
			return 0;
		letter = 1;
	}
	*group = g->args[g->ind - 2];
	return (*group)[letter++];
}

/* set_result - store @c in the caller's variable and OPTARG (@arg,
 * NULL to unset it; untouched if @keep).  Returns 0 or -1. */
static int
set_result(const char *name, char c, const char *arg, int keep)
{
	char s[2] = {c, 0};

	if (!keep && (arg ? var_set("OPTARG", arg, 0) : var_unset("OPTARG")))
		return -1;
	return var_set(name, s, 0);
}

/*
 * take_arg - the option letter @c needs an argument: the rest of
 * @group, else the next argument.  Returns the character to store
 * (@c, or '?' / ':' if it is missing) and sets *@arg.
 */
static char
take_arg(struct gstate *g, const char *group, char c, const char **arg)
{
	static char s[2];

	if (group[letter]) {
		*arg = group + letter;
		letter = 0;
		return c;
	}
	letter = 0;
	if (g->ind <= g->nargs) {
		*arg = g->args[g->ind++ - 1];
		return c;
	}
	s[0] = c;
	*arg = g->silent ? s : NULL;
	if (!g->silent)
		fprintf(stderr, "%s: option requires an argument -- %c\n",
			sh.arg0, c);
	return g->silent ? ':' : '?';
}

/*
 * parse_one - examine the next option.  Returns the character for the
 * caller's variable and sets *@arg for OPTARG; returns 0 at the end.
 */
static char
parse_one(struct gstate *g, const char **arg)
{
	static char s[2];
	const char *group, *spec;
	char c = next_letter(g, &group);

	if (!c)
		return 0;
	spec = c == ':' ? NULL : strchr(g->optstring, c);
	if (spec && spec[1] == ':')
		return take_arg(g, group, c, arg);
	if (!group[letter])
		letter = 0; /* that was the group's last letter */
	*arg = "";
	if (spec)
		return c;
	s[0] = c;
	*arg = g->silent ? s : NULL;
	if (!g->silent)
		fprintf(stderr, "%s: illegal option -- %c\n", sh.arg0, c);
	return '?';
}

/*
 * builtin_getopts - "getopts optstring name [arg ...]": parse the next
 * option of the arguments (default: the positional parameters) into
 * $name, $OPTARG and $OPTIND.  Returns 0, 1 at the end of the options,
 * 2 on a usage error.
 */
int
builtin_getopts(int argc, char **argv)
{
	struct gstate g = {sh.pos, sh.npos, read_optind(), NULL, 0};
	const char *arg = NULL;
	char num[32], c;
	size_t keep;

	if (argc < 3) {
		sh_error("getopts: usage: getopts optstring name [arg ...]");
		return 2;
	}
	if (argc > 3) {
		g.args = argv + 3;
		g.nargs = argc - 3;
	}
	g.optstring = argv[1] + (argv[1][0] == ':');
	g.silent = argv[1][0] == ':';
	c = parse_one(&g, &arg);
	keep = letter;
	snprintf(num, sizeof(num), "%ld", g.ind);
	if (var_set("OPTIND", num, 0) < 0)
		return 2;
	letter = keep; /* the assignment just reset it */
	if (set_result(argv[2], c ? c : '?', arg, !c) < 0)
		return 2;
	return c ? 0 : 1;
}
