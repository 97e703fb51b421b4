/*
 * user/sh/expand.c: word expansion.
 * A raw word is walked once into a buffer of characters, each tagged
 * with flags saying whether it was quoted and whether it came from an
 * unquoted expansion (and so is subject to field splitting).  Then the
 * buffer is split into fields and pathname-expanded with glob(3).
 */
#include <ctype.h>
#include <fnmatch.h>
#include <glob.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

#define F_Q 1  /* quoted: never split or globbed */
#define F_X 2  /* result of an unquoted expansion: split on IFS */
#define F_B 4  /* forced field break ("$@") */
#define F_S 8  /* soft field break (unquoted $@ $*): no empty fields */
#define F_E 16 /* no character: quotes began here, so a field exists */

/* Context of the text walked; X_DQW: the word of "${v-word}". */
enum xmode { X_NONE, X_DQ, X_HERE, X_DQW };

struct xb {
	char *s;
	unsigned char *f;
	size_t n, cap;
	int assign; /* value of an assignment: ~ also after ':' */
};

static void walk(struct xb *b, const char *s, size_t n, enum xmode m);

/* strlist_free - free vector @v and its @n strings. */
void
strlist_free(char **v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* strlist_add - append @s to the growable vector *@v of length *@n. */
void
strlist_add(char ***v, int *n, char *s)
{
	*v = xrealloc(*v, (*n + 2) * sizeof(**v));
	(*v)[(*n)++] = s;
	(*v)[*n] = NULL;
}

/* put - append character @c with flags @f to @b. */
static void
put(struct xb *b, char c, int f)
{
	if (b->n + 1 >= b->cap) {
		b->cap = b->cap ? 2 * b->cap : 64;
		b->s = xrealloc(b->s, b->cap);
		b->f = xrealloc(b->f, b->cap);
	}
	b->s[b->n] = c;
	b->f[b->n++] = f;
	b->s[b->n] = 0;
}

/* puts_f - append string @s with flags @f. */
static void
puts_f(struct xb *b, const char *s, int f)
{
	for (; *s; s++)
		put(b, *s, f);
}

/* join_pos - return the positional parameters joined by @sep (malloc'd). */
static char *
join_pos(char sep)
{
	size_t len = 1;
	char *r;
	int i;

	for (i = 0; i < sh.npos; i++)
		len += strlen(sh.pos[i]) + 1;
	r = xmalloc(len);
	r[0] = 0;
	for (i = 0; i < sh.npos; i++) {
		if (i && sep)
			strncat(r, &sep, 1);
		strcat(r, sh.pos[i]);
	}
	return r;
}

/* ifs_first - the first character of $IFS, or 0 if IFS is empty. */
static char
ifs_first(void)
{
	const char *ifs = var_get("IFS");

	return ifs ? ifs[0] : ' ';
}

/* special_param - value of single-char parameter @c into @buf, or NULL. */
static const char *
special_param(char c, char *buf)
{
	switch (c) {
	case '?':
		sprintf(buf, "%d", sh.status);
		return buf;
	case '$':
		sprintf(buf, "%d", (int)sh.rootpid);
		return buf;
	case '#':
		sprintf(buf, "%d", sh.npos);
		return buf;
	case '!':
		if (!sh.lastbg)
			return NULL;
		sprintf(buf, "%d", (int)sh.lastbg);
		return buf;
	case '-':
		option_letters(buf);
		return buf;
	case '0':
		return sh.arg0;
	}
	return NULL;
}

/*
 * get_param - look up parameter @name (@len bytes).  Returns its value
 * (malloc'd copy) or NULL if unset.
 */
static char *
get_param(const char *name, size_t len)
{
	char buf[64], *nm;
	const char *v;
	long k;

	if (len == 1 && (name[0] == '@' || name[0] == '*'))
		return join_pos(name[0] == '*' ? ifs_first() : ' ');
	if (isdigit((unsigned char)name[0])) {
		nm = xstrndup(name, len);
		k = strtol(nm, NULL, 10);
		free(nm);
		if (k == 0)
			return xstrdup(sh.arg0);
		return k <= sh.npos ? xstrdup(sh.pos[k - 1]) : NULL;
	}
	if (len == 1 && !parse_is_name(name, 1)) {
		v = special_param(name[0], buf);
		return v ? xstrdup(v) : NULL;
	}
	nm = xstrndup(name, len);
	v = var_get(nm);
	free(nm);
	return v ? xstrdup(v) : NULL;
}

/* name_len - length of the parameter name starting at @s (max @n). */
static size_t
name_len(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0)
		return 0;
	if (strchr("@*#?-$!", s[0]) || isdigit((unsigned char)s[0]))
		return 1;
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '_'))
		i++;
	return i;
}

/* put_value - append an expansion result @v under mode @m. */
static void
put_value(struct xb *b, const char *v, enum xmode m)
{
	puts_f(b, v, m == X_NONE ? F_X : F_Q);
}

/*
 * put_at - append "$@" (quoted) or unquoted $@ and $*: one field per
 * positional parameter.  Unquoted, each is split further and empty
 * ones vanish, even when IFS is empty and so cannot separate them.
 */
static void
put_at(struct xb *b, enum xmode m)
{
	int i;

	for (i = 0; i < sh.npos; i++) {
		if (i)
			put(b, 0, m == X_NONE ? F_S : F_B);
		put_value(b, sh.pos[i], m);
	}
}

/* unset_error - report ${name?word} or set -u failures; exits. */
static void
unset_error(const char *name, size_t len, const char *msg)
{
	sh_error("%.*s: %s", (int)len, name,
		 msg && *msg ? msg : "parameter not set");
	if (!sh.interactive || sh.subshell)
		sh_exit(2);
	sh.status = 2;
}

/* trim - apply ${v#p} ${v##p} ${v%p} ${v%%p}; returns malloc'd result. */
static char *
trim(char *v, const char *pat, int suffix, int longest)
{
	size_t len = strlen(v), i, k;
	char save;

	for (k = 0; k <= len; k++) {
		i = longest ? len - k : k;
		if (suffix) {
			if (fnmatch(pat, v + (len - i), 0) == 0)
				return xstrndup(v, len - i);
			continue;
		}
		save = v[i];
		v[i] = 0;
		if (fnmatch(pat, v, 0) == 0) {
			v[i] = save;
			return xstrdup(v + i);
		}
		v[i] = save;
	}
	return xstrdup(v);
}

/* brace_op - handle ${name OP word}; @v is the value (may be NULL). */
static void
brace_op(struct xb *b, const char *nm, size_t nl, char *v, const char *op,
	 const char *w, size_t wl, enum xmode m)
{
	int colon = op[0] == ':';
	int isempty = !v || (colon && !*v);
	char o = op[colon], *word, *r, empty[1] = "";

	if (o == '-' || o == '=' || o == '?' || o == '+') {
		if (o != '+' && !isempty) {
			put_value(b, v, m);
			return;
		}
		if (o == '+' && isempty)
			return;
		if (o == '-' || o == '+') {
			walk(b, w, wl, m == X_NONE ? X_NONE : X_DQW);
			return;
		}
		word = xstrndup(w, wl);
		r = expand_str(word, 0);
		free(word);
		if (o == '?')
			unset_error(nm, nl, r);
		else if (parse_is_name(nm, nl)) {
			word = xstrndup(nm, nl);
			if (var_set(word, r, 0) < 0)
				sh_fail(2);
			free(word);
		}
		put_value(b, r, m);
		free(r);
		return;
	}
	word = xstrndup(w, wl);
	r = expand_pattern(word);
	free(word);
	word = trim(v ? v : empty, r, o == '%', op[1] == o);
	put_value(b, word, m);
	free(word);
	free(r);
}

/* bad_op - true if @op does not start a valid ${name OP word} operator. */
static int
bad_op(const char *op)
{
	if (op[0] == ':')
		return !op[1] || !strchr("-=?+", op[1]);
	return !strchr("-=?+#%", op[0]) || !op[0];
}

/* bad_subst - report a malformed ${...}; exits if not interactive. */
static void
bad_subst(const char *s, size_t n)
{
	sh_error("${%.*s}: bad substitution", (int)n, s);
	sh.status = 2;
	if (!sh.interactive)
		sh_exit(2);
}

/* do_brace - expand ${...}; the text inside the braces is @s[0..@n). */
static void
do_brace(struct xb *b, const char *s, size_t n, enum xmode m)
{
	size_t nl, ol = 0;
	char *v, num[32];
	int len = 0;

	if (n > 1 && s[0] == '#') {
		len = 1;
		s++;
		n--;
	}
	nl = isdigit((unsigned char)s[0]) ? strspn(s, "0123456789")
					  : name_len(s, n);
	if (nl > n)
		nl = n;
	v = get_param(s, nl);
	if (len) {
		sprintf(num, "%zu", v ? strlen(v) : 0);
		put_value(b, num, m);
	} else if (nl == n) {
		if (!v && sh.uflag && parse_is_name(s, nl))
			unset_error(s, nl, NULL);
		if (nl == 1 && (s[0] == '@' || (s[0] == '*' && m == X_NONE)))
			put_at(b, m);
		else if (v)
			put_value(b, v, m);
	} else {
		ol = (s[nl] == ':' || s[nl + 1] == s[nl]) ? 2 : 1;
		if (bad_op(s + nl))
			bad_subst(s, n);
		else
			brace_op(b, s, nl, v, s + nl, s + nl + ol, n - nl - ol,
				 m);
	}
	free(v);
}

/* do_subst - run command substitution @src and append its output. */
static void
do_subst(struct xb *b, const char *src, enum xmode m)
{
	char *out = NULL;

	sh.status = exec_cmdsubst(src, &out);
	sh.nsubst++;
	put_value(b, out, m);
	free(out);
}

/* do_arith - expand and evaluate $((@s[0..@n))) and append the result. */
static void
do_arith(struct xb *b, const char *s, size_t n, enum xmode m)
{
	char *raw = xstrndup(s, n), *e = expand_str(raw, 1), num[32];
	long v = 0;
	int err = arith_eval(e, &v);

	if (err == -ARITH_SYNTAX || err == -ARITH_DIVZERO)
		sh_error("arithmetic expression: %s: \"%s\"",
			 err == -ARITH_SYNTAX ? "syntax error"
					      : "division by zero",
			 e);
	if (err)
		sh_fail(2);
	sprintf(num, "%ld", v);
	put_value(b, num, m);
	free(raw);
	free(e);
}

/* do_dollar - expand the $-form at @s[@i]; returns the index after it. */
static size_t
do_dollar(struct xb *b, const char *s, size_t i, size_t n, enum xmode m)
{
	size_t end, nl;
	int bad = 0;
	char *v, *src;

	if (i + 2 < n && s[i + 1] == '(' && s[i + 2] == '(') {
		end = lex_match_paren(s, i + 1, n, &bad);
		do_arith(b, s + i + 3, end - i - 5, m);
		return end;
	}
	if (i + 1 < n && (s[i + 1] == '(' || s[i + 1] == '{')) {
		end = lex_skip_word_part(s, i, n, &bad);
		src = xstrndup(s + i + 2, end - i - 3);
		if (s[i + 1] == '(')
			do_subst(b, src, m);
		else
			do_brace(b, src, strlen(src), m);
		free(src);
		return end;
	}
	nl = name_len(s + i + 1, n - i - 1);
	if (nl == 0) {
		put(b, '$', m == X_NONE ? 0 : F_Q);
		return i + 1;
	}
	if (s[i + 1] == '@' || (s[i + 1] == '*' && m == X_NONE)) {
		put_at(b, m);
		return i + 2;
	}
	v = get_param(s + i + 1, nl);
	if (!v && sh.uflag && parse_is_name(s + i + 1, nl))
		unset_error(s + i + 1, nl, NULL);
	if (v)
		put_value(b, v, m);
	free(v);
	return i + 1 + nl;
}

/* do_backq - run `...` at @s[@i]; returns the index after it. */
static size_t
do_backq(struct xb *b, const char *s, size_t i, size_t n, enum xmode m)
{
	int bad = 0;
	size_t end = lex_match_backq(s, i, n, &bad), k, o = 0;
	char *src = xmalloc(end - i);

	for (k = i + 1; k + 1 < end; k++) {
		if (s[k] == '\\' && strchr("$`\\", s[k + 1]))
			k++;
		src[o++] = s[k];
	}
	src[o] = 0;
	do_subst(b, src, m);
	free(src);
	return end;
}

/* do_backslash - handle '\' at @s[@i]; returns the index after it. */
static size_t
do_backslash(struct xb *b, const char *s, size_t i, size_t n, enum xmode m)
{
	const char *esc = m == X_HERE ? "$`\\\n" : "$`\"\\\n";

	if (i + 1 >= n) {
		put(b, '\\', F_Q);
		return i + 1;
	}
	if (m != X_NONE && !strchr(esc, s[i + 1])) {
		put(b, '\\', F_Q);
		return i + 1;
	}
	if (s[i + 1] != '\n')
		put(b, s[i + 1], F_Q);
	return i + 2;
}

/*
 * do_tilde - expand the ~ or ~user at @s[0]; returns the index after
 * it.  The prefix ends at '/', and also at ':' in an assignment.
 */
static size_t
do_tilde(struct xb *b, const char *s, size_t n)
{
	size_t k = 1;
	const char *home = var_get("HOME");
	const char *ends = b->assign ? "/:" : "/";
	struct passwd *pw;
	char *user;

	while (k < n && (isalnum((unsigned char)s[k]) || strchr("._-", s[k])))
		k++;
	if (k < n && !strchr(ends, s[k])) {
		put(b, '~', 0);
		return 1;
	}
	if (k > 1) {
		user = xstrndup(s + 1, k - 1);
		pw = getpwnam(user);
		free(user);
		home = pw ? pw->pw_dir : NULL;
	}
	if (!home) {
		put(b, '~', 0);
		return 1;
	}
	puts_f(b, home, F_Q);
	return k;
}

/* do_dquote - expand "..." at @s[@i]; returns the index after it. */
static size_t
do_dquote(struct xb *b, const char *s, size_t i, size_t n)
{
	int bad = 0;
	size_t end = lex_skip_word_part(s, i, n, &bad);

	if (end - i == 4 && memcmp(s + i, "\"$@\"", 4) == 0 && sh.npos == 0)
		return end;
	put(b, 0, F_E);
	walk(b, s + i + 1, end - i - 2, X_DQ);
	return end;
}

/* walk - expand raw text @s[0..@n) in mode @m, appending to @b. */
static void
walk(struct xb *b, const char *s, size_t n, enum xmode m)
{
	size_t i = 0;
	const char *q;

	if (m == X_NONE && n && s[0] == '~')
		i = do_tilde(b, s, n);
	while (i < n) {
		char c = s[i];

		if (c == '\'' && m == X_NONE) {
			q = memchr(s + i + 1, '\'', n - i - 1);
			if (!q)
				q = s + n;
			put(b, 0, F_E);
			for (i++; s + i < q; i++)
				put(b, s[i], F_Q);
			i++;
		} else if (c == '"' && (m == X_NONE || m == X_DQW)) {
			i = do_dquote(b, s, i, n);
		} else if (c == '\\') {
			i = do_backslash(b, s, i, n, m);
		} else if (c == '$') {
			i = do_dollar(b, s, i, n, m);
		} else if (c == '`') {
			i = do_backq(b, s, i, n, m);
		} else {
			put(b, c, m == X_NONE ? 0 : F_Q);
			i++;
			if (c == ':' && b->assign && m == X_NONE && i < n &&
			    s[i] == '~')
				i += do_tilde(b, s + i, n - i);
		}
	}
}

/* add_glob - add field @fb to @argv, pathname-expanding unquoted globs. */
static void
add_glob(struct xb *fb, char ***argv, int *argc)
{
	struct xb pat = {0};
	glob_t g;
	size_t i;
	int magic = 0;

	for (i = 0; i < fb->n; i++) {
		if (!(fb->f[i] & F_Q) && strchr("*?[", fb->s[i]))
			magic = 1;
		if ((fb->f[i] & F_Q) && strchr("*?[]\\", fb->s[i]))
			put(&pat, '\\', 0);
		put(&pat, fb->s[i], 0);
	}
	if (!magic || sh.fflag || glob(pat.s, 0, NULL, &g) != 0) {
		strlist_add(argv, argc, xstrdup(fb->n ? fb->s : ""));
	} else {
		for (i = 0; i < g.gl_pathc; i++)
			strlist_add(argv, argc, xstrdup(g.gl_pathv[i]));
		globfree(&g);
	}
	free(pat.s);
	free(pat.f);
}

/* Field splitting state: the field being built and where it goes. */
struct fields {
	struct xb fb;
	int exists;  /* the field must be kept even if empty */
	int wsdelim; /* the last field ended at IFS white space */
	char ***argv;
	int *argc;
};

/* emit - finish the current field if it has content or must exist. */
static void
emit(struct fields *fs)
{
	if (fs->fb.n || fs->exists)
		add_glob(&fs->fb, fs->argv, fs->argc);
	fs->fb.n = 0;
	fs->exists = 0;
}

/*
 * split_at - handle an unquoted IFS character @c from an expansion.
 * IFS white space ends a non-empty field.  Any other IFS character
 * ends a field even if it is empty, except right after white space
 * that ended one: POSIX counts " , " as a single delimiter.
 */
static void
split_at(struct fields *fs, char c)
{
	if (c == ' ' || c == '\t' || c == '\n') {
		if (fs->fb.n || fs->exists) {
			emit(fs);
			fs->wsdelim = 1;
		}
		return;
	}
	if (!fs->wsdelim) {
		fs->exists = 1;
		emit(fs);
	}
	fs->wsdelim = 0;
}

/* split - split @b into fields on $IFS and glob each into @argv. */
static void
split(struct xb *b, char ***argv, int *argc)
{
	const char *ifs = var_get("IFS");
	struct fields fs = {.argv = argv, .argc = argc};
	size_t i;

	if (!ifs)
		ifs = " \t\n";
	for (i = 0; i < b->n; i++) {
		char c = b->s[i];

		if (b->f[i] & F_E) { /* '' or "" make a field, maybe empty */
			fs.exists = 1;
		} else if (b->f[i] & F_B) { /* "$@": keep empty fields */
			fs.exists = 1;
			emit(&fs);
			fs.exists = 1;
		} else if (b->f[i] & F_S) {
			emit(&fs);
		} else if ((b->f[i] & F_X) && c && strchr(ifs, c)) {
			split_at(&fs, c);
			continue;
		} else {
			put(&fs.fb, c, b->f[i]);
		}
		fs.wsdelim = 0;
	}
	emit(&fs);
	free(fs.fb.s);
	free(fs.fb.f);
}

/* is_decl - true if @name is a utility whose NAME=value arguments are
 * expanded like assignments (POSIX 2024 declaration utilities). */
static int
is_decl(const char *name)
{
	return !strcmp(name, "export") || !strcmp(name, "readonly") ||
	       !strcmp(name, "local");
}

/* is_asg_word - true if raw word @w starts with a literal "NAME=". */
static int
is_asg_word(const char *w)
{
	const char *eq = strchr(w, '=');

	return eq && parse_is_name(w, eq - w);
}

/*
 * expand_words - expand raw words @words[0..@n) into a new argv
 * (fields split and globbed).  After export, readonly or local, an
 * argument NAME=value becomes one field with ~ expanded as in an
 * assignment.  Returns the field count.
 */
int
expand_words(char **words, int n, char ***argv)
{
	int i, argc = 0, decl = 0;

	*argv = xmalloc(sizeof(char *));
	(*argv)[0] = NULL;
	for (i = 0; i < n; i++) {
		struct xb b = {0};

		if (decl && is_asg_word(words[i])) {
			strlist_add(argv, &argc, expand_assign(words[i]));
			continue;
		}
		walk(&b, words[i], strlen(words[i]), X_NONE);
		split(&b, argv, &argc);
		free(b.s);
		free(b.f);
		if (i == 0)
			decl = argc == 1 && is_decl((*argv)[0]);
	}
	return argc;
}

/*
 * finish_str - the plain string of @b.  Where there is no field
 * splitting, $@ and $* join the parameters with the first character of
 * $IFS, as dash does (nothing if IFS is empty).
 */
static char *
finish_str(struct xb *b)
{
	char sep = ifs_first();
	size_t i, o = 0;

	if (!b->s)
		return xstrdup("");
	for (i = 0; i < b->n; i++) {
		if (!(b->f[i] & (F_B | F_S | F_E)))
			b->s[o++] = b->s[i];
		else if (sep && !(b->f[i] & F_E))
			b->s[o++] = sep;
	}
	b->s[o] = 0;
	free(b->f);
	return b->s;
}

/*
 * expand_assign - expand "NAME=value" @raw as an assignment: no field
 * splitting or globbing; ~ expands after the '=' and after each ':'.
 * Returns a malloc'd string.
 */
char *
expand_assign(const char *raw)
{
	struct xb b = {.assign = 1};
	size_t eq = strchr(raw, '=') - raw;

	walk(&b, raw, eq + 1, X_NONE);
	walk(&b, raw + eq + 1, strlen(raw + eq + 1), X_NONE);
	return finish_str(&b);
}

/*
 * expand_str - expand @raw without splitting or globbing (assignments,
 * redirection targets, case words).  @heredoc: treat @raw as a
 * here-document body.  Returns a malloc'd string.
 */
char *
expand_str(const char *raw, int heredoc)
{
	struct xb b = {0};

	walk(&b, raw, strlen(raw), heredoc ? X_HERE : X_NONE);
	return finish_str(&b);
}

/* expand_pattern - expand @raw into an fnmatch pattern (quotes escaped). */
char *
expand_pattern(const char *raw)
{
	struct xb b = {0}, p = {0};
	size_t i;

	walk(&b, raw, strlen(raw), X_NONE);
	put(&p, 0, 0);
	p.n = 0;
	for (i = 0; i < b.n; i++) {
		if (b.f[i] & F_E)
			continue;
		if (b.f[i] & (F_B | F_S)) { /* joined as in finish_str */
			b.f[i] = F_Q;
			if (!(b.s[i] = ifs_first()))
				continue;
		}
		if ((b.f[i] & F_Q) && strchr("*?[]\\", b.s[i]))
			put(&p, '\\', 0);
		put(&p, b.s[i], 0);
	}
	free(b.s);
	free(b.f);
	free(p.f);
	return p.s;
}
