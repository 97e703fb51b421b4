/*
 * user/sh/vars.c: shell variables, aliases and functions.
 * Each is a simple singly linked list; shells hold few of them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

static struct var *vars;
static struct var *aliases;

struct func {
	char *name;
	struct node *body;
	struct func *next;
};
static struct func *funcs;

/* var_find - return the list entry called @name in @list, or NULL. */
static struct var *
var_find(struct var *list, const char *name)
{
	for (; list; list = list->next)
		if (strcmp(list->name, name) == 0)
			return list;
	return NULL;
}

/* var_get - return the value of @name, or NULL if unset. */
const char *
var_get(const char *name)
{
	struct var *v = var_find(vars, name);

	return v ? v->val : NULL;
}

/*
 * list_set - set @name in *@list to @val (NULL: declared but unset);
 * returns the entry.
 */
static struct var *
list_set(struct var **list, const char *name, const char *val)
{
	struct var *v = var_find(*list, name);

	if (!v) {
		v = xmalloc(sizeof(*v));
		memset(v, 0, sizeof(*v));
		v->name = xstrdup(name);
		v->next = *list;
		*list = v;
	} else {
		free(v->val);
	}
	v->val = val ? xstrdup(val) : NULL;
	return v;
}

/* var_hooks - tell the parts of the shell that cache a variable. */
static void
var_hooks(const char *name)
{
	if (strcmp(name, "PATH") == 0)
		hash_clear(); /* POSIX: a new PATH forgets remembered paths */
	else if (strcmp(name, "OPTIND") == 0)
		getopts_reset();
}

/*
 * var_set - assign @val to @name; export it too if @export or set -a.
 * Returns 0, or -1 after "NAME: is read only" if @name is read-only.
 */
int
var_set(const char *name, const char *val, int export)
{
	struct var *v = var_find(vars, name);

	if (v && v->readonly) {
		sh_error("%s: is read only", name);
		return -1;
	}
	v = list_set(&vars, name, val);
	if (export || sh.aflag)
		v->exported = 1;
	var_hooks(name);
	return 0;
}

/* list_unset - remove @name from *@list; returns 0 or -1 if absent. */
static int
list_unset(struct var **list, const char *name)
{
	struct var **pp, *v;

	for (pp = list; (v = *pp); pp = &v->next) {
		if (strcmp(v->name, name) == 0) {
			*pp = v->next;
			free(v->name);
			free(v->val);
			free(v);
			return 0;
		}
	}
	return -1;
}

/*
 * var_unset - remove variable @name and its export attribute.  Returns
 * 0 (also if it was not set), or -1 after an error if it is read-only.
 */
int
var_unset(const char *name)
{
	struct var *v = var_find(vars, name);

	if (v && v->readonly) {
		sh_error("%s: is read only", name);
		return -1;
	}
	list_unset(&vars, name);
	var_hooks(name);
	return 0;
}

/* var_export - mark @name for export; an unset name stays unset. */
void
var_export(const char *name)
{
	struct var *v = var_find(vars, name);

	if (!v)
		v = list_set(&vars, name, NULL);
	v->exported = 1;
}

/* var_readonly - make @name read-only (declaring it if need be). */
void
var_readonly(const char *name)
{
	struct var *v = var_find(vars, name);

	if (!v)
		v = list_set(&vars, name, NULL);
	v->readonly = 1;
}

/* var_is_readonly - true if assigning to @name would fail. */
int
var_is_readonly(const char *name)
{
	struct var *v = var_find(vars, name);

	return v && v->readonly;
}

/*
 * var_assign - perform "NAME=value" (already expanded).  Returns 0, -1
 * if NAME is not a valid name (not reported), -2 if it is read-only
 * (reported).
 */
int
var_assign(const char *asg, int export)
{
	const char *eq = strchr(asg, '=');
	char *name;
	int r;

	if (!eq || !parse_is_name(asg, eq - asg))
		return -1;
	name = xstrndup(asg, eq - asg);
	r = var_set(name, eq + 1, export) < 0 ? -2 : 0;
	free(name);
	return r;
}

/* var_environ - build a malloc'd NULL-terminated environment for execve. */
char **
var_environ(void)
{
	struct var *v;
	char **env;
	int n = 0;

	for (v = vars; v; v = v->next)
		n++;
	env = xmalloc((n + 1) * sizeof(*env));
	n = 0;
	for (v = vars; v; v = v->next) {
		if (!v->exported || !v->val)
			continue;
		env[n] = xmalloc(strlen(v->name) + strlen(v->val) + 2);
		sprintf(env[n++], "%s=%s", v->name, v->val);
	}
	env[n] = NULL;
	return env;
}

/* var_import - load "NAME=value" strings from @envp as exported vars. */
void
var_import(char **envp)
{
	for (; *envp; envp++)
		var_assign(*envp, 1);
}

/*
 * print_quoted - write @s so the shell reads it back as one word: in
 * single quotes, each run of single quotes in double quotes, the way
 * dash shows values ('it'"'"'s').
 */
static void
print_quoted(const char *s)
{
	size_t n;

	do {
		n = strcspn(s, "'");
		printf("'%.*s'", (int)n, s);
		s += n;
		n = strspn(s, "'");
		if (n)
			printf("\"%.*s\"", (int)n, s);
		s += n;
	} while (*s);
}

/* by_name - qsort comparator: struct var pointers by name. */
static int
by_name(const void *a, const void *b)
{
	return strcmp((*(struct var *const *)a)->name,
		      (*(struct var *const *)b)->name);
}

/* sorted - a malloc'd array of @list's entries by name; sets *@n. */
static struct var **
sorted(struct var *list, int *n)
{
	struct var **arr, *v;

	*n = 0;
	for (v = list; v; v = v->next)
		(*n)++;
	arr = xmalloc(*n * sizeof(*arr));
	*n = 0;
	for (v = list; v; v = v->next)
		arr[(*n)++] = v;
	qsort(arr, *n, sizeof(*arr), by_name);
	return arr;
}

/*
 * var_print - list variables by name: all set ones for "set" (VP_SET),
 * or the exported or read-only ones as "export"/"readonly" commands
 * that recreate them (VP_EXPORT, VP_READONLY).
 */
void
var_print(enum vprint which)
{
	static const char *const prefix[] = {[VP_SET] = "",
					     [VP_EXPORT] = "export ",
					     [VP_READONLY] = "readonly "};
	struct var **arr, *v;
	int i, n;

	arr = sorted(vars, &n);
	for (i = 0; i < n; i++) {
		v = arr[i];
		if ((which == VP_SET && !v->val) ||
		    (which == VP_EXPORT && !v->exported) ||
		    (which == VP_READONLY && !v->readonly))
			continue;
		printf("%s%s", prefix[which], v->name);
		if (v->val) {
			putchar('=');
			print_quoted(v->val);
		}
		putchar('\n');
	}
	free(arr);
}

/* alias_get - return the value of alias @name, or NULL. */
char *
alias_get(const char *name)
{
	struct var *a = var_find(aliases, name);

	return a ? a->val : NULL;
}

/* alias_set - define alias @name as @val. */
void
alias_set(const char *name, const char *val)
{
	list_set(&aliases, name, val);
}

/* alias_unset - remove alias @name; returns 0 or -1 if there was none. */
int
alias_unset(const char *name)
{
	if (!name) {
		while (aliases)
			list_unset(&aliases, aliases->name);
		return 0;
	}
	return list_unset(&aliases, name);
}

/* alias_print - print alias @name, or all aliases (by name) if NULL. */
void
alias_print(const char *name)
{
	struct var **arr;
	int i, n;

	arr = sorted(aliases, &n);
	for (i = 0; i < n; i++) {
		if (name && strcmp(arr[i]->name, name) != 0)
			continue;
		printf("%s=", arr[i]->name);
		print_quoted(arr[i]->val);
		putchar('\n');
	}
	free(arr);
}

/* func_get - return the body of function @name, or NULL. */
struct node *
func_get(const char *name)
{
	struct func *f;

	for (f = funcs; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f->body;
	return NULL;
}

/* func_set - define (or redefine) function @name.  Old bodies leak. */
void
func_set(const char *name, struct node *body)
{
	struct func *f;

	for (f = funcs; f; f = f->next) {
		if (strcmp(f->name, name) == 0) {
			f->body = body;
			return;
		}
	}
	f = xmalloc(sizeof(*f));
	f->name = xstrdup(name);
	f->body = body;
	f->next = funcs;
	funcs = f;
}

/* func_unset - forget function @name. */
void
func_unset(const char *name)
{
	struct func **pp, *f;

	for (pp = &funcs; (f = *pp); pp = &f->next) {
		if (strcmp(f->name, name) == 0) {
			*pp = f->next;
			free(f->name);
			free(f);
			return;
		}
	}
}

/* Saved values of variables made local by the running functions. */
struct saved {
	char *name, *val; /* val NULL: was unset */
	int exported;
	struct saved *next;
};
static struct saved *locals;
static int nlocals;

/*
 * var_local - save @name so var_local_pop() restores it later.
 * Returns 0, or -1 after an error if @name is read-only.
 */
int
var_local(const char *name)
{
	struct var *v = var_find(vars, name);
	struct saved *s;

	if (v && v->readonly) {
		sh_error("%s: is read only", name);
		return -1;
	}
	s = xmalloc(sizeof(*s));
	s->name = xstrdup(name);
	s->val = v && v->val ? xstrdup(v->val) : NULL;
	s->exported = v ? v->exported : 0;
	s->next = locals;
	locals = s;
	nlocals++;
	return 0;
}

/* var_local_mark - the current depth of the local-variable stack. */
int
var_local_mark(void)
{
	return nlocals;
}

/*
 * restore - put back the variable saved in @s.  A local made read-only
 * inside the function does not keep the global copy read-only.
 */
static void
restore(struct saved *s)
{
	struct var *v;

	if (!s->val && !s->exported) {
		list_unset(&vars, s->name);
	} else {
		v = list_set(&vars, s->name, s->val);
		v->exported = s->exported;
		v->readonly = 0;
	}
	var_hooks(s->name);
}

/* var_local_pop - restore variables saved since stack depth @mark. */
void
var_local_pop(int mark)
{
	struct saved *s;

	while (nlocals > mark && (s = locals)) {
		locals = s->next;
		nlocals--;
		restore(s);
		free(s->name);
		free(s->val);
		free(s);
	}
}
