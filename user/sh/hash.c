/*
 * user/sh/hash.c: remembered command locations and the hash builtin.
 * The first $PATH search for a command is remembered so later runs
 * skip it (POSIX "hash").  Assigning PATH forgets everything
 * (vars.c calls hash_clear); an entry whose file has gone is dropped
 * and searched for again rather than failing, as bash's checkhash does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct hashent {
	char *name, *path;
	struct hashent *next;
};
static struct hashent *table;

/* lookup - the entry for @name, or NULL. */
static struct hashent *
lookup(const char *name)
{
	struct hashent *h;

	for (h = table; h; h = h->next)
		if (strcmp(h->name, name) == 0)
			return h;
	return NULL;
}

/* forget - drop the entry for @name, if any. */
static void
forget(const char *name)
{
	struct hashent **pp, *h;

	for (pp = &table; (h = *pp); pp = &h->next) {
		if (strcmp(h->name, name) == 0) {
			*pp = h->next;
			free(h->name);
			free(h->path);
			free(h);
			return;
		}
	}
}

/* hash_clear - forget every remembered location ("hash -r"). */
void
hash_clear(void)
{
	while (table)
		forget(table->name);
}

/* hash_get - the remembered location of @name, or NULL. */
const char *
hash_get(const char *name)
{
	struct hashent *h = lookup(name);

	return h ? h->path : NULL;
}

/*
 * hash_find - where command @name is: its remembered location if that
 * is still executable, else the result of a $PATH search, remembered
 * if executable.  Returns a malloc'd path (maybe of a file that cannot
 * be run, so execve says why) or NULL if there is none.
 */
char *
hash_find(const char *name)
{
	struct hashent *h;
	char *path;

	if (strchr(name, '/'))
		return xstrdup(name);
	if ((h = lookup(name))) {
		if (exec_is_executable(h->path))
			return xstrdup(h->path);
		forget(name);
	}
	path = exec_find_path(name);
	if (path && exec_is_executable(path)) {
		h = xmalloc(sizeof(*h));
		h->name = xstrdup(name);
		h->path = xstrdup(path);
		h->next = table;
		table = h;
	}
	return path;
}

/* by_name - qsort comparator: entries by command name. */
static int
by_name(const void *a, const void *b)
{
	return strcmp((*(struct hashent *const *)a)->name,
		      (*(struct hashent *const *)b)->name);
}

/* print_table - list remembered paths, one a line, by command name. */
static void
print_table(void)
{
	struct hashent **arr, *h;
	int i, n = 0;

	for (h = table; h; h = h->next)
		n++;
	arr = xmalloc(n * sizeof(*arr));
	for (n = 0, h = table; h; h = h->next)
		arr[n++] = h;
	qsort(arr, n, sizeof(*arr), by_name);
	for (i = 0; i < n; i++)
		printf("%s\n", arr[i]->path);
	free(arr);
}

/*
 * builtin_hash - "hash [-r] [name ...]": with no operands list the
 * remembered locations; -r forgets them all; each name is searched for
 * afresh and remembered.  Builtins and functions need no entry.
 * Returns 0, 1 if a name was not found, 2 on a bad option.
 */
int
builtin_hash(int argc, char **argv)
{
	int i = 1, st = 0, sp;
	char *path;

	if (argc > 1 && strcmp(argv[1], "-r") == 0) {
		hash_clear();
		i++;
	} else if (argc > 1 && strcmp(argv[1], "--") == 0) {
		i++;
	} else if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
		sh_error("hash: illegal option %s", argv[1]);
		return 2;
	}
	if (argc == 1)
		print_table();
	for (; i < argc; i++) {
		if (strchr(argv[i], '/') || func_get(argv[i]) ||
		    builtin_find(argv[i], &sp))
			continue;
		forget(argv[i]);
		path = hash_find(argv[i]);
		if (!path || !hash_get(argv[i])) {
			sh_error("hash: %s: not found", argv[i]);
			st = 1;
		}
		free(path);
	}
	return st;
}
