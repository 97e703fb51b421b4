/*
 * user/sh/lexer.c: split shell input into tokens.
 * Words are kept raw (quotes and $-forms intact); expand.c interprets
 * them later.  Here-document bodies are collected at each newline.
 */
#include <stdlib.h>
#include <string.h>
#include "sh.h"

/* lex_init - start lexing a private copy of @s; @eof: no more input. */
void
lex_init(struct lexer *l, const char *s, int eof)
{
	memset(l, 0, sizeof(*l));
	l->s = xstrdup(s);
	l->len = strlen(s);
	l->eof = eof;
}

/* skip_dquote - return the index after the '"' closing the one at @i. */
static size_t
skip_dquote(const char *s, size_t i, size_t n, int *bad)
{
	for (i++; i < n;) {
		if (s[i] == '"')
			return i + 1;
		if (s[i] == '\\' || s[i] == '$' || s[i] == '`')
			i = lex_skip_word_part(s, i, n, bad);
		else
			i++;
	}
	*bad = 1;
	return n;
}

/*
 * lex_skip_word_part - @s[@i] starts a quote, backslash, $-form or
 * backquote; return the index just after it.  Sets *@bad if the input
 * ends first.
 */
size_t
lex_skip_word_part(const char *s, size_t i, size_t n, int *bad)
{
	const char *q;

	switch (s[i]) {
	case '\'':
		q = memchr(s + i + 1, '\'', n - i - 1);
		if (!q) {
			*bad = 1;
			return n;
		}
		return q - s + 1;
	case '"':
		return skip_dquote(s, i, n, bad);
	case '\\':
		if (i + 1 >= n) {
			*bad = 1;
			return n;
		}
		return i + 2;
	case '`':
		return lex_match_backq(s, i, n, bad);
	case '$':
		if (i + 1 < n && s[i + 1] == '(')
			return lex_match_paren(s, i + 1, n, bad);
		if (i + 1 < n && s[i + 1] == '{')
			return lex_match_brace(s, i + 1, n, bad);
		return i + 1;
	}
	return i + 1;
}

/* is_kw_at - true if the keyword @kw stands alone at @s[@i]. */
static int
is_kw_at(const char *s, size_t i, size_t n, const char *kw)
{
	size_t k = strlen(kw);

	if (i + k > n || strncmp(s + i, kw, k) != 0)
		return 0;
	if (i > 0 && !strchr(" \t\n;&|(", s[i - 1]))
		return 0;
	return i + k == n || strchr(" \t\n;&|)", s[i + k]);
}

/*
 * match - return the index after the @close matching @s[@i].  Inside
 * "case ... esac" an unbalanced ')' ends a pattern, not the group.
 */
static size_t
match(const char *s, size_t i, size_t n, int *bad, char open, char close)
{
	int depth = 0, incase = 0;

	while (i < n) {
		char c = s[i];

		if (open == '(' && is_kw_at(s, i, n, "case")) {
			incase++;
			i += 4;
		} else if (open == '(' && incase && is_kw_at(s, i, n, "esac")) {
			incase--;
			i += 4;
		} else if (c == open) {
			depth++;
			i++;
		} else if (c == close && incase && depth == 1) {
			i++;
		} else if (c == close) {
			i++;
			if (--depth == 0)
				return i;
		} else if (c == '\'' || c == '"' || c == '\\' || c == '`' ||
			   c == '$') {
			i = lex_skip_word_part(s, i, n, bad);
		} else {
			i++;
		}
	}
	*bad = 1;
	return n;
}

/* lex_match_paren - index after the ')' matching the '(' at @i. */
size_t
lex_match_paren(const char *s, size_t i, size_t n, int *bad)
{
	return match(s, i, n, bad, '(', ')');
}

/* lex_match_brace - index after the '}' matching the '{' at @i. */
size_t
lex_match_brace(const char *s, size_t i, size_t n, int *bad)
{
	return match(s, i, n, bad, '{', '}');
}

/* lex_match_backq - index after the '`' closing the one at @i. */
size_t
lex_match_backq(const char *s, size_t i, size_t n, int *bad)
{
	for (i++; i < n; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '`')
			return i + 1;
	}
	*bad = 1;
	return n;
}

/* lex_splice - replace input [@start, @end) by @v and rewind to @start. */
void
lex_splice(struct lexer *l, size_t start, size_t end, const char *v)
{
	size_t vl = strlen(v);
	char *ns = xmalloc(l->len - (end - start) + vl + 1);

	memcpy(ns, l->s, start);
	memcpy(ns + start, v, vl);
	strcpy(ns + start + vl, l->s + end);
	free(l->s);
	l->s = ns;
	l->len = strlen(ns);
	l->delta += (long)vl - (long)(end - start);
	l->pos = start;
}

/* unquote_delim - strip quotes from heredoc delimiter @w; note quoting. */
static char *
unquote_delim(const char *w, int *quoted)
{
	char *d = xmalloc(strlen(w) + 1), *p = d;

	*quoted = 0;
	for (; *w; w++) {
		if (*w == '\'' || *w == '"') {
			*quoted = 1;
		} else if (*w == '\\' && w[1]) {
			*quoted = 1;
			*p++ = *++w;
		} else {
			*p++ = *w;
		}
	}
	*p = 0;
	return d;
}

/* read_heredoc - collect the body of @r from the input after a newline. */
static void
read_heredoc(struct lexer *l, struct redir *r)
{
	char *delim = unquote_delim(r->word, &r->quoted);
	size_t dl = strlen(delim), cap = 64, bl = 0;
	char *body = xmalloc(cap);

	while (l->pos < l->len) {
		const char *line = l->s + l->pos;
		const char *nl = memchr(line, '\n', l->len - l->pos);
		size_t ll = nl ? (size_t)(nl - line) : l->len - l->pos;

		if (!nl && !l->eof)
			break;
		l->pos += ll + (nl != NULL);
		while (r->strip && ll && *line == '\t') {
			line++;
			ll--;
		}
		if (ll == dl && memcmp(line, delim, dl) == 0)
			goto done;
		if (bl + ll + 2 > cap)
			body = xrealloc(body, cap = 2 * (bl + ll + 2));
		memcpy(body + bl, line, ll);
		bl += ll;
		body[bl++] = '\n';
	}
	if (!l->eof)
		l->incomplete = 1;
done:
	body[bl] = 0;
	r->body = body;
	free(delim);
}

/* skip_blanks - skip spaces, tabs, comments and backslash-newlines. */
static void
skip_blanks(struct lexer *l)
{
	while (l->pos < l->len) {
		char c = l->s[l->pos];

		if (c == ' ' || c == '\t') {
			l->pos++;
		} else if (c == '\\' && l->s[l->pos + 1] == '\n') {
			l->pos += 2;
			if (l->pos >= l->len && !l->eof)
				l->incomplete = 1;
		} else if (c == '#') {
			while (l->pos < l->len && l->s[l->pos] != '\n')
				l->pos++;
		} else {
			break;
		}
	}
}

/* is_meta - true for characters that end an unquoted word. */
static int
is_meta(char c)
{
	return c == 0 || strchr(" \t\n;&|()<>", c) != NULL;
}

/* lex_redir - lex a redirection operator at pos; @fd is -1 if none. */
static enum tok
lex_redir(struct lexer *l, int fd)
{
	const char *p = l->s + l->pos;
	static const struct {
		const char *op;
		enum rop r;
		int dfd;
	} ops[] = {
		{"<<-", R_HERE, 0},  {"<<", R_HERE, 0},	   {"<&", R_DUPIN, 0},
		{"<>", R_RDWR, 0},   {"<", R_IN, 0},	   {">>", R_APP, 1},
		{">&", R_DUPOUT, 1}, {">|", R_CLOBBER, 1}, {">", R_OUT, 1},
	};
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		size_t ol = strlen(ops[i].op);

		if (strncmp(p, ops[i].op, ol) != 0)
			continue;
		l->pos += ol;
		l->rop = ops[i].r;
		l->rfd = fd >= 0 ? fd : ops[i].dfd;
		l->rstrip = (i == 0);
		return l->tok = T_REDIR;
	}
	return l->tok = T_EOF; /* not reached: caller saw < or > */
}

/* lex_op - lex a control operator at pos; returns its token. */
static enum tok
lex_op(struct lexer *l)
{
	const char *p = l->s + l->pos;

	l->pos += 2;
	if (p[0] == ';' && p[1] == ';')
		return T_DSEMI;
	if (p[0] == '&' && p[1] == '&')
		return T_AND;
	if (p[0] == '|' && p[1] == '|')
		return T_OR;
	l->pos--;
	switch (p[0]) {
	case ';':
		return T_SEMI;
	case '&':
		return T_AMP;
	case '|':
		return T_PIPE;
	case '(':
		return T_LPAREN;
	default:
		return T_RPAREN;
	}
}

/* lex_word - lex a word starting at pos into l->word. */
static enum tok
lex_word(struct lexer *l)
{
	size_t i = l->pos;
	int bad = 0;

	while (i < l->len && !is_meta(l->s[i])) {
		char c = l->s[i];

		if (c == '\'' || c == '"' || c == '\\' || c == '`' || c == '$')
			i = lex_skip_word_part(l->s, i, l->len, &bad);
		else
			i++;
	}
	if (i >= 2 && i == l->len && l->s[i - 1] == '\n' &&
	    l->s[i - 2] == '\\' && !l->eof)
		bad = 1;
	if (bad && !l->eof)
		l->incomplete = 1;
	else if (bad && !l->bad) {
		sh_error("syntax error: unterminated quoted string");
		l->bad = 1;
	}
	if (bad)
		return l->tok = T_EOF;
	free(l->word);
	l->word = xstrndup(l->s + l->pos, i - l->pos);
	l->wstart = l->pos;
	l->pos = i;
	return l->tok = T_WORD;
}

/* lex_next - advance to the next token; returns it (also in l->tok). */
enum tok
lex_next(struct lexer *l)
{
	size_t i;
	char c;

	l->prevend = l->pos;
	skip_blanks(l);
	l->wstart = l->pos;
	if (l->pos >= l->len)
		return l->tok = T_EOF;
	c = l->s[l->pos];
	if (c == '\n') {
		l->pos++;
		for (i = 0; i < (size_t)l->npend; i++)
			read_heredoc(l, l->pend[i]);
		l->npend = 0;
		return l->tok = T_NEWLINE;
	}
	if (c == '<' || c == '>')
		return lex_redir(l, -1);
	if (strchr(";&|()", c))
		return l->tok = lex_op(l);
	for (i = l->pos; i < l->len && l->s[i] >= '0' && l->s[i] <= '9'; i++)
		;
	if (i > l->pos && i < l->len && (l->s[i] == '<' || l->s[i] == '>')) {
		int fd = atoi(l->s + l->pos);

		l->pos = i;
		return lex_redir(l, fd);
	}
	return lex_word(l);
}
