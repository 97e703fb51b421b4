/* user/coreutils/main.c: multi-call entry point; dispatches on the name
 * the binary was invoked as, or on argv[1] when invoked as "coreutils". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cu.h"

const char *cu_prog = "coreutils";
int cu_fail = 1;

#define CU_ENTRY(n) {#n, cmd_##n},
static const struct cu_cmd cu_table[] = {CU_CMDS(CU_ENTRY)};

/*
 * cu_lookup - find the utility called @name ("basalt-info" is spelled
 * with an underscore in C). Returns NULL if there is none.
 */
static const struct cu_cmd *
cu_lookup(const char *name)
{
	char key[64];
	size_t i;

	snprintf(key, sizeof(key), "%s", name);
	for (i = 0; key[i]; i++)
		if (key[i] == '-')
			key[i] = '_';
	for (i = 0; i < sizeof(cu_table) / sizeof(cu_table[0]); i++)
		if (strcmp(cu_table[i].name, key) == 0)
			return &cu_table[i];
	return NULL;
}

/* list_cmds - print every utility name, one a line, as build.sh expects. */
static int
list_cmds(void)
{
	size_t i;
	char name[64];

	for (i = 0; i < sizeof(cu_table) / sizeof(cu_table[0]); i++) {
		snprintf(name, sizeof(name), "%s", cu_table[i].name);
		if (strcmp(name, "basalt_info") == 0)
			strcpy(name, "basalt-info");
		puts(name);
	}
	return 0;
}

/*
 * cu_close_stdout - atexit handler: a utility whose output could not be
 * written must say so and fail (GNU's close_stdout), e.g. "echo hi >
 * /dev/full" exits 1 with "echo: write error: No space left on device".
 * Exits with cu_fail, which grep, sort, ls, env and tty set to their own
 * failure status.
 */
static void
cu_close_stdout(void)
{
	int e = fflush(stdout) ? errno : 0;

	if (e == 0 && !ferror(stdout))
		return;
	if (e)
		fprintf(stderr, "%s: write error: %s\n", cu_prog, strerror(e));
	else
		fprintf(stderr, "%s: write error\n", cu_prog);
	_exit(cu_fail);
}

/*
 * main - run the utility named by argv[0] (or argv[1] under the name
 * "coreutils") and exit with its status; 127 if there is no such utility.
 */
int
main(int argc, char **argv)
{
	const struct cu_cmd *c;
	const char *name = argc > 0 ? cu_base(argv[0]) : "coreutils";

	if (strcmp(name, "coreutils") == 0) {
		if (argc < 2) {
			fprintf(stderr, "usage: coreutils NAME [ARG]...\n");
			return 1;
		}
		if (strcmp(argv[1], "--list") == 0)
			return list_cmds();
		argc--;
		argv++;
		name = argv[0];
	}
	c = cu_lookup(name);
	if (c == NULL) {
		fprintf(stderr, "coreutils: %s: applet not found\n", name);
		return 127;
	}
	cu_prog = name;
	/* Decide stdout's buffering now: musl otherwise decides at the first
	 * flush, a newline's, whose failure (and errno) would be long gone
	 * by the time cu_close_stdout looks. */
	setvbuf(stdout, NULL, isatty(1) ? _IOLBF : _IOFBF, 0);
	atexit(cu_close_stdout);
	opterr = 0; /* utilities report bad options GNU-style */
	return c->fn(argc, argv);
}
