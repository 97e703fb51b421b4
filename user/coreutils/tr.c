/* user/coreutils/tr.c: tr (ranges, escapes, [:classes:], -d, -s, -c). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cu.h"

/* tr_class - append the members of [:NAME:] to @out. Returns count or -1. */
static int
tr_class(const char *name, size_t len, unsigned char *out)
{
	static const struct {
		const char *name;
		int (*fn)(int);
	} cl[] = {
		{"alpha", isalpha}, {"digit", isdigit}, {"alnum", isalnum},
		{"upper", isupper}, {"lower", islower}, {"space", isspace},
		{"blank", isblank}, {"punct", ispunct}, {"xdigit", isxdigit},
		{"print", isprint}, {"cntrl", iscntrl}, {"graph", isgraph},
	};
	size_t i;
	int c, n = 0;

	for (i = 0; i < sizeof(cl) / sizeof(cl[0]); i++) {
		if (strlen(cl[i].name) != len || strncmp(cl[i].name, name, len))
			continue;
		for (c = 0; c < 256; c++)
			if (cl[i].fn(c))
				out[n++] = c;
		return n;
	}
	return -1;
}

/* tr_char - decode one (possibly escaped) char at *@s, advancing it. */
static unsigned char
tr_char(const char **s)
{
	static const char from[] = "abfnrtv\\", to[] = "\a\b\f\n\r\t\v\\";
	const char *p = *s;
	int v = 0, i;

	if (*p != '\\' || p[1] == 0) {
		*s = p + 1;
		return *p;
	}
	p++;
	if (*p >= '0' && *p <= '7') {
		for (i = 0; i < 3 && *p >= '0' && *p <= '7'; i++, p++)
			v = v * 8 + (*p - '0');
		*s = p;
		return v;
	}
	*s = p + 1;
	return strchr(from, *p) ? to[strchr(from, *p) - from] : *p;
}

/* tr_expand - expand set @s into @out (up to 4096). Returns length or -1. */
static int
tr_expand(const char *s, unsigned char *out)
{
	int n = 0, k;
	unsigned char a, b;
	const char *e;

	while (*s && n < 3800) {
		if (s[0] == '[' && s[1] == ':' && (e = strstr(s + 2, ":]"))) {
			if ((k = tr_class(s + 2, e - s - 2, out + n)) < 0)
				return -1;
			n += k;
			s = e + 2;
			continue;
		}
		a = tr_char(&s);
		if (s[0] == '-' && s[1]) {
			s++;
			b = tr_char(&s);
			if (b < a)
				return -2;
			for (k = a; k <= b; k++)
				out[n++] = k;
		} else
			out[n++] = a;
	}
	return n;
}

/* tr_run - filter stdin to stdout through the tables. */
static void
tr_run(const int *map, const char *del, const char *sq)
{
	int c, last = -1;

	while ((c = getchar()) != EOF) {
		if (del[c])
			continue;
		c = map[c];
		if (sq[c] && c == last)
			continue;
		last = c;
		putchar(c);
	}
}

/* cmd_tr - translate (SET1 SET2), delete (-d SET1), squeeze (-s). */
int
cmd_tr(int argc, char **argv)
{
	static unsigned char s1[4096], s2[4096];
	int c, i, n1, n2 = 0, del = 0, sqz = 0, comp = 0, map[256];
	char dtab[256] = {0}, stab[256] = {0}, in1[256] = {0};

	while ((c = getopt(argc, argv, "dsc")) != -1) {
		if (c == '?')
			return cu_badopt("dsc");
		del |= c == 'd';
		sqz |= c == 's';
		comp |= c == 'c';
	}
	if (optind >= argc)
		return cu_usage("missing operand");
	if (!del && !sqz && optind + 1 >= argc)
		return cu_usage("missing operand after '%s'\n"
				"Two strings must be given when translating.",
				argv[optind]);
	if ((n1 = tr_expand(argv[optind], s1)) < 0 ||
	    (optind + 1 < argc && (n2 = tr_expand(argv[optind + 1], s2)) < 0)) {
		cu_err("invalid set");
		return 1;
	}
	for (i = 0; i < n1; i++)
		in1[s1[i]] = 1;
	if (comp)
		for (n1 = 0, i = 0; i < 256; i++)
			if (!in1[i])
				s1[n1++] = i;
	for (i = 0; i < 256; i++)
		map[i] = i;
	for (i = 0; i < n1; i++) {
		if (del)
			dtab[s1[i]] = 1;
		else if (n2 > 0)
			map[s1[i]] = s2[i < n2 ? i : n2 - 1];
	}
	/* -s squeezes SET2 when one is given, else SET1. */
	for (i = 0; sqz && i < (n2 > 0 ? n2 : n1); i++)
		stab[n2 > 0 ? s2[i] : s1[i]] = 1;
	tr_run(map, dtab, stab);
	return 0;
}
