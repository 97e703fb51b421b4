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

/* list_set - set @name in *@list to @val; returns the entry. */
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
	v->val = xstrdup(val);
	return v;
}

/* var_set - assign @val to @name; export it too if @export. */
void
var_set(const char *name, const char *val, int export)
{
	struct var *v = list_set(&vars, name, val);

	if (export)
		v->exported = 1;
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

/* var_unset - remove variable @name (no error if it was not set). */
void
var_unset(const char *name)
{
	list_unset(&vars, name);
}

/* var_export - mark @name for export, creating it empty if needed. */
void
var_export(const char *name)
{
	struct var *v = var_find(vars, name);

	if (!v)
		v = list_set(&vars, name, "");
	v->exported = 1;
}

/* var_assign - perform "NAME=value" (already expanded); returns 0 or -1. */
int
var_assign(const char *asg, int export)
{
	const char *eq = strchr(asg, '=');
	char *name;

	if (!eq || !parse_is_name(asg, eq - asg))
		return -1;
	name = xstrndup(asg, eq - asg);
	var_set(name, eq + 1, export);
	free(name);
	return 0;
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
		if (!v->exported)
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

/* print_quoted - write @s single-quoted so the shell can read it back. */
static void
print_quoted(const char *s)
{
	putchar('\'');
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*s);
	}
	putchar('\'');
}

/* var_print - list variables (only exported ones if @exported_only). */
void
var_print(int exported_only)
{
	struct var *v;

	for (v = vars; v; v = v->next) {
		if (exported_only && !v->exported)
			continue;
		printf("%s%s=", exported_only ? "export " : "", v->name);
		print_quoted(v->val);
		putchar('\n');
	}
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

/* alias_print - print alias @name, or all aliases if @name is NULL. */
void
alias_print(const char *name)
{
	struct var *a;

	for (a = aliases; a; a = a->next) {
		if (name && strcmp(a->name, name) != 0)
			continue;
		printf("%s=", a->name);
		print_quoted(a->val);
		putchar('\n');
	}
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

/* var_local - save @name so var_local_pop() restores it later. */
void
var_local(const char *name)
{
	struct saved *s = xmalloc(sizeof(*s));
	struct var *v = var_find(vars, name);

	s->name = xstrdup(name);
	s->val = v ? xstrdup(v->val) : NULL;
	s->exported = v ? v->exported : 0;
	s->next = locals;
	locals = s;
	nlocals++;
}

/* var_local_mark - the current depth of the local-variable stack. */
int
var_local_mark(void)
{
	return nlocals;
}

/* var_local_pop - restore variables saved since stack depth @mark. */
void
var_local_pop(int mark)
{
	struct saved *s;

	while (nlocals > mark && (s = locals)) {
		locals = s->next;
		nlocals--;
		if (s->val)
			var_set(s->name, s->val, s->exported);
		else
			var_unset(s->name);
		free(s->name);
		free(s->val);
		free(s);
	}
}
