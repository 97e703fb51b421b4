/* user/coreutils/sort.c: sort (-r -n -u -k -t), uniq (-c -d -u), cut (-d -f -c
 * -b -s). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cu.h"

struct sline {
	char *s;
	size_t idx; /* input order: -u keeps the first of equal lines */
};

struct lines {
	struct sline *v;
	size_t n, cap;
};

static int sort_num, sort_rev, sort_uniq;

/* lines_add - append a malloc'd line. */
static void
lines_add(struct lines *l, char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap * 2 + 64;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		if (l->v == NULL) {
			cu_err("out of memory");
			exit(2);
		}
	}
	l->v[l->n].s = s;
	l->v[l->n].idx = l->n;
	l->n++;
}

/* lines_read - read every line of @f (newline stripped) into @l. */
static void
lines_read(FILE *f, struct lines *l)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, f)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[n - 1] = 0;
		lines_add(l, strdup(line));
	}
	free(line);
}

static int sort_kbeg, sort_kend; /* -k fields, 1-based; 0: none */
static int sort_tab = -1;	 /* -t separator; -1: blank runs */

/*
 * sort_field - start of field @n (1-based) of @s. Without -t a field
 * includes the blanks before it, as in GNU sort without -b.
 */
static const char *
sort_field(const char *s, int n)
{
	const char *t;

	while (--n > 0 && *s) {
		if (sort_tab >= 0) {
			if ((t = strchr(s, sort_tab)) == NULL)
				return s + strlen(s);
			s = t + 1;
			continue;
		}
		s += strspn(s, " \t");
		s += strcspn(s, " \t");
	}
	return s;
}

/* sort_span - the -k key of @s as [*@b, *@e). */
static void
sort_span(const char *s, const char **b, const char **e)
{
	const char *t;

	*b = sort_kbeg ? sort_field(s, sort_kbeg) : s;
	if (sort_kend == 0) {
		*e = *b + strlen(*b);
		return;
	}
	t = sort_field(s, sort_kend);
	if (sort_tab >= 0)
		t += strcspn(t, (char[]){(char)sort_tab, 0});
	else
		t += strspn(t, " \t") + strcspn(t + strspn(t, " \t"), " \t");
	*e = t > *b ? t : *b;
}

/* sort_key - compare by the chosen key only (0 means "equal keys"). */
static int
sort_key(const char *a, const char *b)
{
	const char *ab, *ae, *bb, *be;
	size_t la, lb;
	double x, y;
	int c;

	sort_span(a, &ab, &ae);
	sort_span(b, &bb, &be);
	if (sort_num) {
		x = strtod(ab, NULL);
		y = strtod(bb, NULL);
		return x < y ? -1 : x > y;
	}
	la = ae - ab;
	lb = be - bb;
	c = memcmp(ab, bb, la < lb ? la : lb);
	return c ? c : (la > lb) - (la < lb);
}

/* sort_keyopt - parse -k N[,M] (trailing 'n'/'r' letters set those
 * options for the whole sort). Returns 0 or -1. */
static int
sort_keyopt(const char *s)
{
	char *end;

	sort_kbeg = strtol(s, &end, 10);
	for (; *end == 'n' || *end == 'r'; end++)
		*(*end == 'n' ? &sort_num : &sort_rev) = 1;
	if (*end == ',') {
		sort_kend = strtol(end + 1, &end, 10);
		for (; *end == 'n' || *end == 'r'; end++)
			*(*end == 'n' ? &sort_num : &sort_rev) = 1;
	}
	return sort_kbeg < 1 || *end || (sort_kend && sort_kend < sort_kbeg)
		       ? -1
		       : 0;
}

/*
 * sort_cmp - qsort order: the key, then whole-line bytes as GNU's last
 * resort. With -u there is no last resort (GNU prints the first of each
 * run of equal keys), so ties keep the input order instead.
 */
static int
sort_cmp(const void *pa, const void *pb)
{
	const struct sline *a = pa, *b = pb;
	int c = sort_key(a->s, b->s);

	if (c == 0 && !sort_uniq && (sort_num || sort_kbeg))
		c = strcmp(a->s, b->s);
	if (c == 0)
		return (a->idx > b->idx) - (a->idx < b->idx);
	return sort_rev ? -c : c;
}

/* cmd_sort - sort lines of the files (or stdin). Exit 2 on errors. */
int
cmd_sort(int argc, char **argv)
{
	struct lines l = {0};
	int c, i;
	FILE *f;
	size_t k;

	cu_fail = 2;
	while ((c = getopt(argc, argv, "rnuk:t:")) != -1) {
		if (c == 'k' && sort_keyopt(optarg) < 0) {
			cu_err("%sinvalid field specification '%s'",
			       sort_kbeg == 0 ? "field number is zero: " : "",
			       optarg);
			return 2;
		} else if (c == 't')
			sort_tab = (unsigned char)optarg[0];
		else if (c == 'k')
			continue;
		else if (c == 'r')
			sort_rev = 1;
		else if (c == 'n')
			sort_num = 1;
		else if (c == 'u')
			sort_uniq = 1;
		else {
			cu_badopt("rnuk:t:");
			return 2;
		}
	}
	if (optind >= argc)
		argv[--optind] = "-";
	for (i = optind; i < argc; i++) {
		f = strcmp(argv[i], "-") ? fopen(argv[i], "r") : stdin;
		if (f == NULL) {
			cu_errno("cannot read: %s", argv[i]);
			return 2;
		}
		lines_read(f, &l);
		if (f != stdin)
			fclose(f);
	}
	qsort(l.v, l.n, sizeof(*l.v), sort_cmp);
	for (k = 0; k < l.n; k++)
		if (!sort_uniq || k == 0 || sort_key(l.v[k - 1].s, l.v[k].s))
			puts(l.v[k].s);
	return 0;
}

/* uniq_flush - print a group of @count copies of @line per the options. */
static void
uniq_flush(FILE *out, const char *line, long count, int cnt, int dup, int uni)
{
	if ((dup && count < 2) || (uni && count > 1))
		return;
	if (cnt)
		fprintf(out, "%7ld %s\n", count, line);
	else
		fprintf(out, "%s\n", line);
}

/* cmd_uniq - collapse adjacent equal lines; -c count, -d dups, -u unique. */
int
cmd_uniq(int argc, char **argv)
{
	int c, cnt = 0, dup = 0, uni = 0;
	FILE *in = stdin, *out = stdout;
	char *line = NULL, *prev = NULL;
	size_t cap = 0;
	ssize_t n;
	long count = 0;

	while ((c = getopt(argc, argv, "cdu")) != -1) {
		if (c == '?')
			return cu_badopt("cdu");
		cnt |= c == 'c';
		dup |= c == 'd';
		uni |= c == 'u';
	}
	if (optind < argc && strcmp(argv[optind], "-") &&
	    (in = fopen(argv[optind], "r")) == NULL) {
		cu_errno("%s", argv[optind]);
		return 1;
	}
	if (optind + 1 < argc && (out = fopen(argv[optind + 1], "w")) == NULL) {
		cu_errno("%s", argv[optind + 1]);
		return 1;
	}
	while ((n = getline(&line, &cap, in)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[n - 1] = 0;
		if (prev && strcmp(prev, line) == 0) {
			count++;
			continue;
		}
		if (prev)
			uniq_flush(out, prev, count, cnt, dup, uni);
		free(prev);
		prev = strdup(line);
		count = 1;
	}
	if (prev)
		uniq_flush(out, prev, count, cnt, dup, uni);
	return 0;
}

/* cut_num - parse the number at *@s (advancing it) into *@v; 0, or -1
 * after GNU's complaint about what is there instead. */
static int
cut_num(const char **s, long *v, int fields)
{
	char *end;

	*v = strtol(*s, &end, 10);
	if (**s < '0' || **s > '9') {
		cu_usage(fields ? "invalid field value '%.*s'"
				: "invalid byte/character position '%.*s'",
			 (int)strcspn(*s, ","), *s);
		return -1;
	}
	*s = end;
	return 0;
}

/* cut_item - parse one LIST item at *@s ("N", "N-M", "-M", "N-"; empty
 * gives 0) into [*@a, *@b]. Returns 0, or -1 after a usage error. */
static int
cut_item(const char **s, long *a, long *b, int max, int fields)
{
	*a = 1;
	*b = max;
	if (**s == ',' || **s == 0) {
		*a = 0; /* reported as "numbered from 1", as GNU does */
		return 0;
	}
	if (**s == '-' && ((*s)[1] == ',' || (*s)[1] == 0)) {
		cu_usage("invalid range with no endpoint: -");
		return -1;
	}
	if (**s != '-') {
		if (cut_num(s, a, fields) < 0)
			return -1;
		*b = *a;
	}
	if (**s != '-')
		return 0;
	(*s)++;
	*b = max;
	return **s && **s != ',' ? cut_num(s, b, fields) : 0;
}

/*
 * cut_list - parse LIST ("N,N-M,-M,N-") into the 1-based selection @sel
 * (@fields: -f, else -b/-c, for the messages). Returns 0, or -1 after
 * a usage error worded as GNU words it.
 */
static int
cut_list(const char *s, char *sel, int max, int fields)
{
	const char *msg = NULL;
	long a, b;

	do {
		if (cut_item(&s, &a, &b, max, fields) < 0)
			return -1;
		if (*s == '-')
			msg = fields ? "invalid field range"
				     : "invalid byte or character range";
		else if (*s && *s != ',') /* a stray character: say which */
			return cut_num(&s, &a, fields);
		else if (a < 1)
			msg = fields ? "fields are numbered from 1"
				     : "byte/character positions are numbered "
				       "from 1";
		else if (b < a)
			msg = "invalid decreasing range";
		if (msg) {
			cu_usage("%s", msg);
			return -1;
		}
		for (; a <= b && a < max; a++)
			sel[a] = 1;
	} while (*s++ == ',');
	return 0;
}

/* cut_fields - print the selected @delim-separated fields of @line. */
static void
cut_fields(const char *line, const char *sel, int max, char delim, int only)
{
	int f = 1, first = 1;
	const char *p = line, *e;

	if (strchr(line, delim) == NULL) {
		if (!only)
			puts(line);
		return;
	}
	for (;; f++) {
		e = strchr(p, delim);
		if (f < max && sel[f]) {
			if (!first)
				putchar(delim);
			fwrite(p, 1, e ? (size_t)(e - p) : strlen(p), stdout);
			first = 0;
		}
		if (e == NULL)
			break;
		p = e + 1;
	}
	putchar('\n');
}

/* cut_chars - print the selected characters (bytes) of @line. */
static void
cut_chars(const char *line, const char *sel, int max)
{
	int i;

	for (i = 0; line[i]; i++)
		if (i + 1 < max && sel[i + 1])
			putchar(line[i]);
	putchar('\n');
}

/* cut_file - apply the selection to every line of @f. */
static void
cut_file(FILE *f, const char *sel, int max, int fields, char delim, int only)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, f)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[n - 1] = 0;
		if (fields)
			cut_fields(line, sel, max, delim, only);
		else
			cut_chars(line, sel, max);
	}
	free(line);
}

/* cmd_cut - select fields (-f, -d DELIM, -s) or characters (-c/-b). */
int
cmd_cut(int argc, char **argv)
{
	enum { MAX = 4096 };
	static char sel[MAX];
	const char *list = NULL;
	int c, i, fields = 0, only = 0, rc = 0;
	char delim = '\t';
	FILE *f;

	while ((c = getopt(argc, argv, "b:c:f:d:s")) != -1) {
		if (c == 'b' || c == 'c' || c == 'f') {
			list = optarg;
			fields = c == 'f';
		} else if (c == 'd')
			delim = optarg[0];
		else if (c == 's')
			only = 1;
		else
			return cu_badopt("b:c:f:d:s");
	}
	if (list == NULL)
		return cu_usage("you must specify a list of bytes, characters, "
				"or fields");
	if (cut_list(list, sel, MAX, fields) < 0)
		return 1;
	if (optind >= argc)
		argv[--optind] = "-";
	for (i = optind; i < argc; i++) {
		f = strcmp(argv[i], "-") ? fopen(argv[i], "r") : stdin;
		if (f == NULL) {
			cu_errno("%s", argv[i]);
			rc = 1;
			continue;
		}
		cut_file(f, sel, MAX, fields, delim, only);
		if (f != stdin)
			fclose(f);
	}
	return rc;
}
