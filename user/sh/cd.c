/*
 * user/sh/cd.c: the cd and pwd builtins.
 * cd is logical by default (-L): $PWD keeps the path the user typed,
 * symbolic links included, and ".." removes its last component; -P
 * resolves links.  A relative operand may be found through $CDPATH.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sh.h"

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

/* is_dir - true if @path names a directory. */
static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * search_cdpath - find relative @dir under an entry of $CDPATH (an
 * empty entry is the current directory).  POSIX skips the search for
 * operands that start with "/", "." or "..".  Writes the directory to
 * use into @out; returns 1 if a non-empty entry supplied it (so cd must
 * print the new directory), else 0 with @dir copied unchanged.
 */
static int
search_cdpath(const char *dir, char *out, size_t cap)
{
	const char *p = var_get("CDPATH"), *e;
	size_t k;

	snprintf(out, cap, "%s", dir);
	if (!p || dir[0] == '/' || !strcmp(dir, ".") || !strcmp(dir, "..") ||
	    !strncmp(dir, "./", 2) || !strncmp(dir, "../", 3))
		return 0;
	for (;; p = e + 1) {
		if (!(e = strchr(p, ':')))
			e = p + strlen(p);
		k = e - p;
		if (k &&
		    snprintf(out, cap, "%.*s%s%s", (int)k, p,
			     p[k - 1] == '/' ? "" : "/", dir) < (int)cap &&
		    is_dir(out))
			return 1;
		if (!k && is_dir(dir))
			break;
		if (!*e)
			break;
	}
	snprintf(out, cap, "%s", dir);
	return 0;
}

/*
 * cd_options - parse cd's or pwd's -L and -P (the last one wins) into
 * *@phys.  Returns the index of the operand, or -1 after an error.
 */
static int
cd_options(int argc, char **argv, int *phys)
{
	int i;
	const char *p;

	*phys = 0;
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--"))
			return i + 1;
		for (p = argv[i] + 1; *p; p++) {
			if (*p != 'L' && *p != 'P') {
				sh_error("%s: illegal option -%c", argv[0], *p);
				return -1;
			}
			*phys = *p == 'P';
		}
	}
	return i;
}

/*
 * cd_operand - the directory to change to: the operand, $HOME, or
 * $OLDPWD for "-" (then *@print is set).  NULL after an error.
 */
static const char *
cd_operand(const char *arg, int *print)
{
	const char *dir = arg ? arg : var_get("HOME");

	*print = dir && strcmp(dir, "-") == 0;
	if (*print)
		dir = var_get("OLDPWD");
	if (!dir)
		sh_error("cd: %s not set", *print ? "OLDPWD" : "HOME");
	return dir;
}

/*
 * change_dir - chdir to @dir; put the new $PWD into @buf.  Logically
 * unless @phys, falling back to a physical chdir when the logical path
 * does not work (say $PWD is stale).  Returns 0 or -1.
 */
static int
change_dir(const char *dir, int phys, char *buf, size_t cap)
{
	if (!phys && logical_path(dir, buf, cap) == 0 && chdir(buf) == 0)
		return 0;
	if (chdir(dir) < 0)
		return -1;
	if (!getcwd(buf, cap))
		snprintf(buf, cap, "%s", dir);
	return 0;
}

/* builtin_cd - "cd [-L|-P] [dir|-]": change directory, set PWD/OLDPWD. */
int
builtin_cd(int argc, char **argv)
{
	char buf[PATH_MAX], target[PATH_MAX];
	const char *dir;
	int i, phys, print;

	if ((i = cd_options(argc, argv, &phys)) < 0)
		return 2;
	if (!(dir = cd_operand(i < argc ? argv[i] : NULL, &print)))
		return 1;
	if (!*dir)
		return 0; /* cd "" or an empty $HOME: stay, like dash */
	print |= search_cdpath(dir, target, sizeof(target));
	if (change_dir(target, phys, buf, sizeof(buf)) < 0) {
		sh_error("cd: can't cd to %s", dir);
		return 2;
	}
	if (var_get("PWD"))
		var_set("OLDPWD", var_get("PWD"), 0);
	i = var_set("PWD", buf, 0);
	if (print)
		printf("%s\n", buf);
	return i < 0 ? 2 : 0;
}

/* builtin_pwd - "pwd [-L|-P]": print $PWD if it names the working
 * directory (and -P was not given), else the physical path. */
int
builtin_pwd(int argc, char **argv)
{
	const char *pwd = var_get("PWD");
	struct stat a, b;
	char buf[PATH_MAX];
	int phys;

	if (cd_options(argc, argv, &phys) < 0)
		return 2;
	if (!phys && pwd && pwd[0] == '/' && stat(pwd, &a) == 0 &&
	    stat(".", &b) == 0 && a.st_dev == b.st_dev &&
	    a.st_ino == b.st_ino) {
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
