/*
 * user/sh/builtins.c: commands run inside the shell process, and the
 * table of all builtins (the bigger ones live in files of their own).
 * Each builtin takes (argc, argv) and returns an exit status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

/* bi_true - true and ":": do nothing, successfully. */
static int
bi_true(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* bi_false - do nothing, unsuccessfully. */
static int
bi_false(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 1;
}

/* parse_count - the non-negative number @s for builtin @name (exit,
 * shift); -1 after an error. */
static long
parse_count(const char *name, const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (!*s || *end || n < 0) {
		sh_error("%s: %s: bad number", name, s);
		return -1;
	}
	return n;
}

/* bi_exit - "exit [n]"; a bad number is fatal like dash's exit 2. */
static int
bi_exit(int argc, char **argv)
{
	long n = argc > 1 ? parse_count("exit", argv[1]) : sh.status;

	sh_exit(n < 0 ? 2 : n & 255);
}

/*
 * decl_options - skip "-p" or "--" before export's or readonly's
 * operands.  Returns the index of the first operand, or -1 after an
 * error.
 */
static int
decl_options(int argc, char **argv)
{
	if (argc < 2 || argv[1][0] != '-' || !argv[1][1])
		return 1;
	if (!strcmp(argv[1], "-p") || !strcmp(argv[1], "--"))
		return 2;
	sh_error("%s: illegal option %s", argv[0], argv[1]);
	return -1;
}

/*
 * bi_export - "export [-p] [name[=value] ...]" and the same for
 * readonly: give each name the attribute, assigning the value first;
 * with no operands list the variables that have it.  Errors are those
 * of a special builtin, fatal to a non-interactive shell.
 */
static int
bi_export(int argc, char **argv)
{
	int ro = argv[0][0] == 'r', i, r = 0;
	char *eq, *name;

	if ((i = decl_options(argc, argv)) < 0)
		return sh_fail(2);
	if (i >= argc)
		var_print(ro ? VP_READONLY : VP_EXPORT);
	for (; r == 0 && i < argc; i++) {
		eq = strchr(argv[i], '=');
		name = eq ? xstrndup(argv[i], eq - argv[i]) : xstrdup(argv[i]);
		if (!parse_is_name(name, strlen(name))) {
			sh_error("%s: %s: bad variable name", argv[0], name);
			r = -1;
		} else if (!eq || (r = var_set(name, eq + 1, !ro)) == 0) {
			if (ro)
				var_readonly(name);
			else
				var_export(name);
		}
		free(name);
	}
	return r < 0 ? sh_fail(2) : 0;
}

/*
 * bi_unset - "unset [-v|-f] name ...".  Unsetting a read-only variable
 * is an error of a special builtin, fatal to a non-interactive shell.
 */
static int
bi_unset(int argc, char **argv)
{
	int i = 1, fn = 0;

	if (argc > 1 && (!strcmp(argv[1], "-f") || !strcmp(argv[1], "-v"))) {
		fn = argv[1][1] == 'f';
		i++;
	}
	for (; i < argc; i++) {
		if (fn)
			func_unset(argv[i]);
		else if (var_unset(argv[i]) < 0)
			return sh_fail(2);
	}
	return 0;
}

/* bi_echo - "echo [-n] args" with System V escapes, as dash does. */
static int
bi_echo(int argc, char **argv)
{
	int i = 1, nl = 1;

	if (argc > 1 && strcmp(argv[1], "-n") == 0) {
		nl = 0;
		i++;
	}
	for (; i < argc; i++) {
		if (printf_put_b(argv[i]) < 0)
			return 0;
		if (i + 1 < argc)
			putchar(' ');
	}
	if (nl)
		putchar('\n');
	return 0;
}

/* bi_source - ". file [args]": run a script in this shell. */
static int
bi_source(int argc, char **argv)
{
	char *path, **opos = sh.pos;
	int st, onpos = sh.npos;

	if (argc < 2) {
		sh_error("%s: filename argument required", argv[0]);
		return 2;
	}
	path = strchr(argv[1], '/') ? xstrdup(argv[1])
				    : exec_find_path(argv[1]);
	if (!path || access(path, R_OK) < 0) {
		free(path);
		path = xstrdup(argv[1]);
	}
	if (argc > 2) { /* like bash and ksh; dash ignores the args */
		sh.pos = argv + 2;
		sh.npos = argc - 2;
	}
	st = exec_file(path, 1);
	if (argc > 2) {
		sh.pos = opos;
		sh.npos = onpos;
	}
	free(path);
	if (sh.ret) {
		sh.ret = 0; /* "return" ends only the sourced file */
		st = sh.status;
	}
	if (st < 0 && !sh.interactive)
		sh_exit(2);
	return st < 0 ? 2 : st;
}

/* bi_exec - "exec [cmd args]": replace the shell. */
static int
bi_exec(int argc, char **argv)
{
	if (argc < 2)
		return 0;
	fflush(stdout);
	exec_reset_signals();
	exec_external(argv + 1);
}

/* bi_type - "type name...": describe how each name would be run. */
static int
bi_type(int argc, char **argv)
{
	int i, st = 0, sp;
	char *p;

	for (i = 1; i < argc; i++) {
		if (alias_get(argv[i]))
			printf("%s is an alias for %s\n", argv[i],
			       alias_get(argv[i]));
		else if (is_keyword(argv[i]))
			printf("%s is a shell keyword\n", argv[i]);
		else if (func_get(argv[i]))
			printf("%s is a shell function\n", argv[i]);
		else if (builtin_find(argv[i], &sp))
			printf("%s is a %sshell builtin\n", argv[i],
			       sp ? "special " : "");
		else if (hash_get(argv[i]) &&
			 exec_is_executable(hash_get(argv[i])))
			printf("%s is a tracked alias for %s\n", argv[i],
			       hash_get(argv[i]));
		else if ((p = exec_find_path(argv[i])) &&
			 exec_is_executable(p)) {
			printf("%s is %s\n", argv[i], p);
			free(p);
		} else {
			free(p);
			printf("%s: not found\n", argv[i]);
			st = 127;
		}
	}
	return st;
}

/* bi_command - "command -v|-V name": say how @name would be run. */
static int
bi_command(int argc, char **argv)
{
	int i, sp, st = 0;
	char *p;

	if (argc < 3 || (strcmp(argv[1], "-v") && strcmp(argv[1], "-V")))
		return argc < 2 ? 0 : 2;
	if (argv[1][1] == 'V')
		return bi_type(argc - 1, argv + 1);
	for (i = 2; i < argc; i++) {
		if (alias_get(argv[i])) {
			printf("alias %s='%s'\n", argv[i], alias_get(argv[i]));
		} else if (is_keyword(argv[i]) || func_get(argv[i]) ||
			   builtin_find(argv[i], &sp)) {
			printf("%s\n", argv[i]);
		} else if ((p = exec_find_path(argv[i])) &&
			   exec_is_executable(p)) {
			printf("%s\n", p);
			free(p);
		} else {
			free(p);
			st = 127;
		}
	}
	return st;
}

/* bi_alias - "alias [name[=value] ...]". */
static int
bi_alias(int argc, char **argv)
{
	int i, st = 0;
	char *eq, *name;

	if (argc == 1)
		alias_print(NULL);
	for (i = 1; i < argc; i++) {
		if (!(eq = strchr(argv[i], '='))) {
			if (!alias_get(argv[i])) {
				sh_error("alias: %s not found", argv[i]);
				st = 1;
			}
			alias_print(argv[i]);
			continue;
		}
		name = xstrndup(argv[i], eq - argv[i]);
		alias_set(name, eq + 1);
		free(name);
	}
	return st;
}

/* bi_unalias - "unalias [-a] name ...". */
static int
bi_unalias(int argc, char **argv)
{
	int i, st = 0;

	if (argc > 1 && strcmp(argv[1], "-a") == 0)
		return alias_unset(NULL);
	for (i = 1; i < argc; i++) {
		if (alias_unset(argv[i]) < 0) {
			sh_error("unalias: %s not found", argv[i]);
			st = 1;
		}
	}
	return st;
}

/* bi_shift - "shift [n]"; shifting too far is a special builtin's
 * error, fatal to a non-interactive shell (as in dash). */
static int
bi_shift(int argc, char **argv)
{
	long n = argc > 1 ? parse_count("shift", argv[1]) : 1;

	if (n > sh.npos) {
		sh_error("shift: can't shift that many");
		n = -1;
	}
	if (n < 0)
		return sh_fail(2);
	sh.pos += n;
	sh.npos -= n;
	return 0;
}

/* bi_eval - "eval args": run the joined arguments as shell input. */
static int
bi_eval(int argc, char **argv)
{
	size_t len = 1;
	char *s;
	int i, st;

	for (i = 1; i < argc; i++)
		len += strlen(argv[i]) + 1;
	s = xmalloc(len);
	s[0] = 0;
	for (i = 1; i < argc; i++) {
		strcat(s, argv[i]);
		if (i + 1 < argc)
			strcat(s, " ");
	}
	st = exec_string(s);
	free(s);
	return st;
}

/* bi_jump - break/continue/return: set the pending unwind counters. */
static int
bi_jump(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1;

	if (argv[0][0] == 'r') {
		if (argc > 1)
			sh.status = n & 255;
		sh.ret = 1;
		return sh.status;
	}
	if (n < 1)
		n = 1;
	if (n > sh.loopdepth)
		n = sh.loopdepth;
	if (argv[0][0] == 'b')
		sh.brk = n;
	else
		sh.cont = n;
	return 0;
}

/* bi_local - "local name[=value]...": variables restored on return. */
static int
bi_local(int argc, char **argv)
{
	char *eq, *name;
	int i;

	if (!sh.funcdepth) {
		sh_error("local: not in a function");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		eq = strchr(argv[i], '=');
		name = eq ? xstrndup(argv[i], eq - argv[i]) : xstrdup(argv[i]);
		if (var_local(name) < 0) {
			free(name);
			return sh_fail(2);
		}
		if (eq)
			var_set(name, eq + 1, 0);
		free(name);
	}
	return 0;
}

/* bi_jobs - forward jobs/fg/bg/wait to jobs.c. */
static int
bi_jobs(int argc, char **argv)
{
	return job_builtin(argv, argc);
}

/* Every builtin; special ones (POSIX 2.14) keep prefix assignments and
 * make errors fatal.  Sorted by name for readability only. */
static const struct {
	const char *name;
	builtin_fn fn;
	int special;
} builtins[] = {{".", bi_source, 1},
		{":", bi_true, 1},
		{"[", builtin_test, 0},
		{"alias", bi_alias, 0},
		{"bg", bi_jobs, 0},
		{"break", bi_jump, 1},
		{"cd", builtin_cd, 0},
		{"command", bi_command, 0},
		{"continue", bi_jump, 1},
		{"echo", bi_echo, 0},
		{"eval", bi_eval, 1},
		{"exec", bi_exec, 1},
		{"exit", bi_exit, 1},
		{"export", bi_export, 1},
		{"false", bi_false, 0},
		{"fg", bi_jobs, 0},
		{"getopts", builtin_getopts, 0},
		{"hash", builtin_hash, 0},
		{"history", builtin_history, 0},
		{"jobs", bi_jobs, 0},
		{"kill", bi_jobs, 0},
		{"local", bi_local, 0},
		{"printf", builtin_printf, 0},
		{"pwd", builtin_pwd, 0},
		{"read", builtin_read, 0},
		{"readonly", bi_export, 1},
		{"return", bi_jump, 1},
		{"set", builtin_set, 1},
		{"shift", bi_shift, 1},
		{"source", bi_source, 0},
		{"test", builtin_test, 0},
		{"times", builtin_times, 1},
		{"trap", builtin_trap, 1},
		{"true", bi_true, 0},
		{"type", bi_type, 0},
		{"ulimit", builtin_ulimit, 0},
		{"umask", builtin_umask, 0},
		{"unalias", bi_unalias, 0},
		{"unset", bi_unset, 1},
		{"wait", bi_jobs, 0},
		{NULL, NULL, 0}};

/* builtin_name - name of builtin number @i, or NULL past the end. */
const char *
builtin_name(int i)
{
	if (i < 0 || i >= (int)(sizeof(builtins) / sizeof(builtins[0])))
		return NULL;
	return builtins[i].name;
}

/* builtin_find - look up builtin @name; sets *@special.  NULL if none. */
builtin_fn
builtin_find(const char *name, int *special)
{
	int i;

	for (i = 0; builtins[i].name; i++) {
		if (strcmp(builtins[i].name, name) == 0) {
			*special = builtins[i].special;
			return builtins[i].fn;
		}
	}
	return NULL;
}
