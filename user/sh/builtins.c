/*
 * user/sh/builtins.c: commands run inside the shell process.
 * Each builtin takes (argc, argv) and returns an exit status.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

/*
 * logical_path - join @dir onto $PWD textually and fold "." and ".."
 * into @out (cd -L semantics).  Returns 0, or -1 if no usable $PWD.
 */
static int
logical_path(const char *dir, char *out, size_t cap)
{
	const char *pwd = var_get("PWD"), *p, *e;
	size_t len, k;

	if (dir[0] != '/' && (!pwd || pwd[0] != '/'))
		return -1;
	snprintf(out, cap, "%s", dir[0] == '/' ? "" : pwd);
	len = strlen(out);
	for (p = dir; *p; p = *e ? e + 1 : e) {
		e = strchr(p, '/');
		if (!e)
			e = p + strlen(p);
		k = e - p;
		if (k == 0 || (k == 1 && p[0] == '.'))
			continue;
		if (k == 2 && p[0] == '.' && p[1] == '.') {
			while (len > 0 && out[--len] != '/')
				;
			out[len] = 0;
			continue;
		}
		if (len + k + 2 > cap)
			return -1;
		out[len++] = '/';
		memcpy(out + len, p, k);
		out[len += k] = 0;
	}
	if (!len)
		strcpy(out, "/");
	return 0;
}

/* cd_target - resolve the operand of cd (HOME, -); NULL after an error. */
static const char *
cd_target(int argc, char **argv, int *dash)
{
	const char *dir = argc > 1 ? argv[1] : var_get("HOME");

	*dash = dir && strcmp(dir, "-") == 0;
	if (*dash)
		dir = var_get("OLDPWD");
	if (!dir || !*dir)
		sh_error("cd: %s not set", *dash ? "OLDPWD" : "HOME");
	return dir && *dir ? dir : NULL;
}

/* bi_cd - "cd [dir|-]": change directory (logically), set PWD/OLDPWD. */
static int
bi_cd(int argc, char **argv)
{
	char buf[PATH_MAX];
	const char *dir;
	int dash;

	if (!(dir = cd_target(argc, argv, &dash)))
		return 1;
	if (logical_path(dir, buf, sizeof(buf)) < 0 || chdir(buf) < 0) {
		if (chdir(dir) < 0) {
			sh_error("cd: can't cd to %s", dir);
			return 2;
		}
		if (!getcwd(buf, sizeof(buf)))
			snprintf(buf, sizeof(buf), "%s", dir);
	}
	if (var_get("PWD"))
		var_set("OLDPWD", var_get("PWD"), 0);
	var_set("PWD", buf, 0);
	if (dash)
		printf("%s\n", buf);
	return 0;
}

/* bi_pwd - print $PWD if it names the working directory, else getcwd. */
static int
bi_pwd(int argc, char **argv)
{
	const char *pwd = var_get("PWD");
	struct stat a, b;
	char buf[PATH_MAX];

	(void)argc;
	(void)argv;
	if (pwd && pwd[0] == '/' && stat(pwd, &a) == 0 && stat(".", &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
		printf("%s\n", pwd);
		return 0;
	}
	if (!getcwd(buf, sizeof(buf))) {
		sh_error("pwd: %s", strerror(errno));
		return 1;
	}
	printf("%s\n", buf);
	return 0;
}

/* bi_exit - "exit [n]". */
static int
bi_exit(int argc, char **argv)
{
	sh_exit(argc > 1 ? atoi(argv[1]) & 255 : sh.status);
}

/* bi_export - "export [-p] [name[=value] ...]". */
static int
bi_export(int argc, char **argv)
{
	int i;

	if (argc == 1 || strcmp(argv[1], "-p") == 0) {
		var_print(1);
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if (strchr(argv[i], '=')) {
			if (var_assign(argv[i], 1) < 0)
				sh_error("export: %s: bad variable name",
					 argv[i]);
		} else {
			var_export(argv[i]);
		}
	}
	return 0;
}

/* bi_unset - "unset [-v|-f] name ...". */
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
		else
			var_unset(argv[i]);
	}
	return 0;
}

/* set_flag - turn option letter @c on or off; returns 0 or -1. */
static int
set_flag(char c, int on)
{
	switch (c) {
	case 'e':
		sh.eflag = on;
		return 0;
	case 'x':
		sh.xflag = on;
		return 0;
	case 'f':
		sh.fflag = on;
		return 0;
	case 'u':
		sh.uflag = on;
		return 0;
	case 'n':
		sh.nflag = on;
		return 0;
	case 'm':
		sh.jobctl = on && sh.interactive;
		return 0;
	}
	return -1;
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

/* bi_set - "set [-ex...] [+ex...] [--] [args]". */
static int
bi_set(int argc, char **argv)
{
	int i = 1;
	const char *p;

	if (argc == 1) {
		var_print(0);
		return 0;
	}
	for (; i < argc && (argv[i][0] == '-' || argv[i][0] == '+'); i++) {
		if (!strcmp(argv[i], "--") || !strcmp(argv[i], "-")) {
			i++;
			break;
		}
		if (!strcmp(argv[i] + 1, "o") && i + 1 < argc) {
			i++; /* -o name: accepted, mostly ignored */
			if (!strcmp(argv[i], "errexit"))
				sh.eflag = argv[i - 1][0] == '-';
			continue;
		}
		for (p = argv[i] + 1; *p; p++) {
			if (set_flag(*p, argv[i][0] == '-') < 0) {
				sh_error("set: illegal option -%c", *p);
				return 2;
			}
		}
	}
	if (i < argc || (i > 1 && !strcmp(argv[i - 1], "--")))
		set_positional(argv + i, argc - i);
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
	char *path;
	int st;

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
	st = exec_file(path, 1);
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

/* bi_shift - "shift [n]". */
static int
bi_shift(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1;

	if (n < 0 || n > sh.npos) {
		sh_error("shift: can't shift that many");
		return 1;
	}
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

/* bi_read - "read [-r] [-p prompt] name...": read a line, split on IFS. */
static int
bi_read(int argc, char **argv)
{
	char buf[4096], c, *p, *rest;
	const char *ifs = var_get("IFS") ? var_get("IFS") : " \t\n";
	int i = 1, raw = 0, n = 0, got;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "-r")) {
			raw = 1;
		} else if (!strcmp(argv[i], "-p") && i + 1 < argc) {
			fputs(argv[++i], stderr); /* prompt */
			fflush(stderr);
		} else {
			break;
		}
	}
	while ((got = read(0, &c, 1)) == 1 && c != '\n' && n < 4095) {
		if (c == '\\' && !raw && read(0, &c, 1) == 1 && c == '\n')
			continue;
		buf[n++] = c;
	}
	buf[n] = 0;
	for (p = buf; *p && strchr(ifs, *p) && isspace((unsigned char)*p); p++)
		;
	for (; i < argc; i++) {
		if (i + 1 == argc) {
			rest = p + strlen(p);
			while (rest > p && strchr(ifs, rest[-1]))
				*--rest = 0;
			var_set(argv[i], p, 0);
			break;
		}
		rest = p + strcspn(p, ifs);
		if (*rest)
			*rest++ = 0;
		var_set(argv[i], p, 0);
		for (p = rest; *p && strchr(ifs, *p); p++)
			;
	}
	return got == 1 || n ? 0 : 1;
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
		var_local(name);
		if (eq)
			var_set(name, eq + 1, 0);
		free(name);
	}
	return 0;
}

/* bi_umask - "umask [mode]" with an octal mode. */
static int
bi_umask(int argc, char **argv)
{
	mode_t m = umask(022);
	char *end;
	long v;

	if (argc < 2) {
		umask(m);
		printf("%04o\n", (unsigned)m);
		return 0;
	}
	v = strtol(argv[1], &end, 8);
	if (*end || v < 0 || v > 0777) {
		umask(m);
		sh_error("umask: %s: only octal modes are supported", argv[1]);
		return 1;
	}
	umask((mode_t)v);
	return 0;
}

/* bi_jobs - forward jobs/fg/bg/wait to jobs.c. */
static int
bi_jobs(int argc, char **argv)
{
	return job_builtin(argv, argc);
}

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
		{"cd", bi_cd, 0},
		{"command", bi_command, 0},
		{"continue", bi_jump, 1},
		{"echo", bi_echo, 0},
		{"eval", bi_eval, 1},
		{"exec", bi_exec, 1},
		{"exit", bi_exit, 1},
		{"export", bi_export, 1},
		{"false", bi_false, 0},
		{"fg", bi_jobs, 0},
		{"jobs", bi_jobs, 0},
		{"kill", bi_jobs, 0},
		{"local", bi_local, 0},
		{"umask", bi_umask, 0},
		{"printf", builtin_printf, 0},
		{"pwd", bi_pwd, 0},
		{"read", bi_read, 0},
		{"return", bi_jump, 1},
		{"set", bi_set, 1},
		{"shift", bi_shift, 1},
		{"source", bi_source, 0},
		{"test", builtin_test, 0},
		{"trap", builtin_trap, 1},
		{"true", bi_true, 0},
		{"type", bi_type, 0},
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
